package build

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"wallpress/generator/content"
	"wallpress/generator/output"
	"wallpress/generator/search"
)

// searchDocs gathers the documents of the search index from the pages as
// they are written: the text is read from each page's published bytes,
// after masking, so that the index holds exactly what the website shows. A
// page that is not written (wall-only, nowhere, a draft) is not indexed.
type searchDocs struct {
	m      *Model
	byPath map[string]*content.Page
	mu     sync.Mutex
	docs   []search.Doc
}

// newSearchDocs returns nil when the theme has no search page.
func (m *Model) newSearchDocs() *searchDocs {
	if !m.Theme.HasSearch() {
		return nil
	}
	c := &searchDocs{m: m, byPath: map[string]*content.Page{}}
	for _, p := range m.Tree.Pages {
		// The home page lists everything and would match every query.
		if p.Kind != content.KindSite && p.Publish.Online() {
			c.byPath[p.URL+"index.html"] = p
		}
	}
	return c
}

// add takes a written file; published is its bytes as published.
func (c *searchDocs) add(name string, published []byte) {
	if c == nil {
		return
	}
	p := c.byPath[name]
	if p == nil {
		return
	}
	m := c.m
	d := search.Doc{URL: p.URL, Title: m.Mask.Text(p.Title), Text: search.PageText(published)}
	// A record's summary is published in its share card and on the lists
	// of records, though not always on its own page: it says what the
	// page is about.
	if sum := strings.TrimSpace(m.Mask.Text(p.Summary)); sum != "" && !strings.Contains(d.Text, sum) {
		d.Text = sum + "\n" + d.Text
	}
	if p.Kind.IsRecord() {
		d.Kind = m.Catalog.T("kind." + string(p.Kind))
	} else {
		d.Name = true
	}
	if p.Group != nil && p.Group.Page != p {
		d.Group = m.Mask.Text(p.Group.Title)
	}
	if p.Community != nil && p.Community.Page != p {
		d.Community = m.Mask.Text(p.Community.Title)
	}
	c.mu.Lock()
	c.docs = append(c.docs, d)
	c.mu.Unlock()
}

// build indexes the gathered documents.
func (c *searchDocs) build() *search.Index {
	if c == nil {
		return nil
	}
	return search.Build(c.docs, 0)
}

// searchFiles are the files of an index in a stable order.
func searchFiles(files map[string][]byte) []string {
	return slices.Sorted(maps.Keys(files))
}

// writeSearch builds the index of the gathered documents and stages its
// files.
func (m *Model) writeSearch(docs *searchDocs, stage *output.Stage) error {
	ix := docs.build()
	m.search = ix
	if ix == nil {
		return nil
	}
	files := ix.Files()
	for _, f := range searchFiles(files) {
		if err := stage.WriteFile(f, files[f]); err != nil {
			return err
		}
	}
	return nil
}

// updateSearch rewrites the files of the index that the pages rendered
// again change: their documents and the shards of the terms they gained or
// lost. stale is true when a page is new to the index, which is then to be
// built again whole.
func (s *Session) updateSearch(docs *searchDocs) (stale bool, err error) {
	ix := s.m.search
	if ix == nil || docs == nil {
		return false, nil
	}
	files, ok := ix.Update(docs.docs)
	if !ok {
		return true, nil
	}
	for _, f := range searchFiles(files) {
		if _, err := output.Replace(s.out, f, files[f]); err != nil {
			return false, err
		}
	}
	return false, nil
}
