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
	// builder indexes the pages of a whole build as they are written;
	// without it (an update) the documents are gathered for
	// search.Index.Update.
	builder *search.Builder
	mu      sync.Mutex
	docs    []search.Doc
}

// newSearchDocs returns nil when the theme has no search page. whole says
// that every page is to be written (a build, not an update).
func (m *Model) newSearchDocs(whole bool) *searchDocs {
	if !m.Theme.HasSearch() {
		return nil
	}
	c := &searchDocs{m: m, byPath: map[string]*content.Page{}}
	var urls []string
	for _, p := range m.Tree.Pages {
		// The home page lists everything and would match every query.
		if p.Kind != content.KindSite && p.Publish.Online() {
			c.byPath[p.URL+"index.html"] = p
			urls = append(urls, p.URL)
		}
	}
	if whole {
		c.builder = search.NewBuilder(urls)
	}
	return c
}

// add takes a written file; published is its bytes as published. In a
// whole build it returns the page's file of the index, to be written with
// the pages.
func (c *searchDocs) add(name string, published []byte) (file string, data []byte) {
	if c == nil {
		return "", nil
	}
	p := c.byPath[name]
	if p == nil {
		return "", nil
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
	if c.builder != nil {
		if file, data, ok := c.builder.Add(d); ok {
			return file, data
		}
		return "", nil
	}
	c.mu.Lock()
	c.docs = append(c.docs, d)
	c.mu.Unlock()
	return "", nil
}

// searchFiles are the files of an index in a stable order.
func searchFiles(files map[string][]byte) []string {
	return slices.Sorted(maps.Keys(files))
}

// writeSearch ends the index of a whole build and stages its shards and
// meta file (the documents' files were staged with the pages).
func (m *Model) writeSearch(docs *searchDocs, stage *output.Stage) error {
	if docs == nil {
		m.search = nil
		return nil
	}
	m.search = docs.builder.Index(0)
	return m.search.WriteFiles(stage.WriteFile)
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
