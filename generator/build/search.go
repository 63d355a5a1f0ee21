package build

import (
	"maps"
	"slices"

	"wallpress/generator/content"
	"wallpress/generator/output"
	"wallpress/generator/search"
)

// newSearchDocs returns what gathers the search index's documents as the
// pages are written, nil when the theme has no search page. whole says
// that every page is to be written (a build, not an update).
func (m *Model) newSearchDocs(whole bool) *search.Pages {
	if !m.Theme.HasSearch() {
		return nil
	}
	var pages []search.Page
	for _, p := range m.Tree.Pages {
		// The home page lists everything and would match every query.
		if p.Kind == content.KindSite || !p.Publish.Online() {
			continue
		}
		sp := search.Page{URL: p.URL, Title: m.Mask.Text(p.Title), Summary: m.Mask.Text(p.Summary), Name: !p.Kind.IsRecord()}
		if p.Kind.IsRecord() {
			sp.Kind = m.Catalog.T("kind." + string(p.Kind))
		}
		if p.Group != nil && p.Group.Page != p {
			sp.Group = m.Mask.Text(p.Group.Title)
		}
		if p.Community != nil && p.Community.Page != p {
			sp.Community = m.Mask.Text(p.Community.Title)
		}
		pages = append(pages, sp)
	}
	return search.NewPages(pages, whole)
}

// writeSearch ends the index of a whole build and stages its shards and
// meta file (the documents' files were staged with the pages).
func (m *Model) writeSearch(docs *search.Pages, stage *output.Stage) error {
	if docs == nil {
		m.search = nil
		return nil
	}
	m.search = docs.Index()
	return m.search.WriteFiles(stage.WriteFile)
}

// updateSearch rewrites the files of the index that the pages rendered
// again change: their documents and the shards of the terms they gained or
// lost. stale is true when a page is new to the index, which is then to be
// built again whole.
func (s *Session) updateSearch(docs *search.Pages) (stale bool, err error) {
	ix := s.m.search
	if ix == nil || docs == nil {
		return false, nil
	}
	files, ok := ix.Update(docs.Docs())
	if !ok {
		return true, nil
	}
	for _, f := range slices.Sorted(maps.Keys(files)) {
		if _, err := output.Replace(s.out, f, files[f]); err != nil {
			return false, err
		}
	}
	return false, nil
}
