package build

import (
	"context"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"wallpress/generator/bodies"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/output"
	"wallpress/generator/posters"
	"wallpress/generator/privacy"
	"wallpress/generator/site"
)

// Session keeps a website in memory between builds, for serve. After a
// record changes it reads that record again and renders only the pages that
// show it — the record, its group, neighbourhood and home page, and the
// lists of every record (stories, consultations, sitemap, feed) — and writes
// them in place into the folder being served, each file replaced whole.
// Anything else (a file added or removed, a group's or neighbourhood's own
// page, the config, the theme, a picture, a record that changes kind or
// where it is published) builds the whole website again, as build does.
type Session struct {
	// mu keeps previews from reading the model while a build changes it.
	mu        sync.Mutex
	root, out string
	m         *Model
	// pages is the number of pages of the website in out.
	pages, images int
	// warnings are the warnings of the website in out.
	warnings []diag.Diagnostic
	// pending are the files changed since the website in out was made:
	// a change with errors stays pending until it is mended.
	pending map[string]bool
	// Drafts builds the records marked draft: true too, with a banner
	// saying so, as Options.Drafts: a volunteer who just ran `new` wants to
	// see the record while writing it. Set it before the first Build.
	Drafts bool
}

// NewSession returns a session that builds the website of the site at root
// into out.
func NewSession(root, out string) *Session {
	return &Session{root: root, out: out, pending: map[string]bool{}}
}

// Dir is the folder the website is written into.
func (s *Session) Dir() string { return s.out }

// Build brings the website in out up to date. changed lists the files that
// changed since the last call, as slash paths relative to the root
// ("content/a/b/c.md"); nil means everything. When the content has errors
// (in Result.Diags) nothing is written: out keeps the last good website.
func (s *Session) Build(changed []string) (*Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m != nil && changed != nil {
		for _, f := range changed {
			s.pending[f] = true
		}
		if res, ok, err := s.update(); ok || err != nil {
			return res, err
		}
	}
	return s.full()
}

// full builds the whole website.
func (s *Session) full() (*Result, error) {
	list := &diag.List{}
	res := &Result{Diags: list}
	m, err := load(context.Background(), s.root, content.Options{Drafts: s.Drafts}, res)
	if err != nil || m == nil || list.HasErrors() {
		return res, err
	}
	if err := writeSite(m, s.out, res); err != nil {
		return res, err
	}
	s.m, s.pages, s.images, s.warnings = m, res.Pages, res.Images, list.Items()
	clear(s.pending)
	return res, nil
}

// edit is one record read again.
type edit struct {
	old, page *content.Page
	work      bodies.Work
	likely    []string
}

// update renders what the pending files change. ok is false when they
// change more than records' own pages, for a full build to handle.
func (s *Session) update() (res *Result, ok bool, err error) {
	start := time.Now()
	m := s.m
	var files []string
	for f := range s.pending {
		if content.Hidden(f) {
			continue // editors' swap and lock files: content ignores them
		}
		rel, isContent := strings.CutPrefix(f, content.Dir+"/")
		old := m.ByRel[rel]
		if !isContent || old == nil || !old.Kind.IsRecord() {
			return nil, false, nil
		}
		files = append(files, f)
	}
	slices.Sort(files)

	list := &diag.List{}
	res = &Result{Diags: list, Config: m.Config, Catalog: m.Catalog}
	if len(files) == 0 {
		clear(s.pending)
		return s.tell(res, nil, start), true, nil
	}
	// The warnings of these files are told again by reading them: the
	// records and the CSV files their account books are kept in.
	retold := slices.Clone(files)
	csv := func(p *content.Page) {
		if p.Ledger != nil && p.Ledger.CSV != "" {
			retold = append(retold, content.Dir+"/"+p.Ledger.CSV)
		}
	}
	var edits []edit
	for _, f := range files {
		old := m.ByRel[strings.TrimPrefix(f, content.Dir+"/")]
		csv(old)
		data, err := fs.ReadFile(m.FS, f)
		if err != nil {
			return nil, false, nil // gone: a full build says what happened
		}
		p := content.ParseWith(m.FS, f, data, content.Options{Drafts: s.Drafts}, list)
		if p == nil && !list.HasErrors() {
			return nil, false, nil // now a draft: it leaves the site
		}
		if p == nil {
			continue
		}
		// Where a record is published decides which pages link to it; a
		// record that moves in or out of the website changes them all.
		if p.Kind != old.Kind || p.Publish != content.Everywhere || old.Publish != content.Everywhere {
			return nil, false, nil
		}
		csv(p)
		p.Reattach(old)
		edits = append(edits, edit{old: old, page: p})
	}
	if !list.HasErrors() {
		s.read(edits, list)
	}
	if list.HasErrors() {
		return s.tell(res, retold, start), true, nil
	}
	// A name added or removed changes what every page may show.
	// The site's declared names are those of the last full build: an
	// edit that changes a page's own makes a full build below.
	for i, e := range edits {
		edits[i].likely = m.likelyNames(e.page, m.declared, list)
		if !slices.Equal(privacy.Declared(e.old), privacy.Declared(e.page)) || !slices.Equal(m.likely[e.old], edits[i].likely) {
			return nil, false, nil
		}
	}

	// The edits are good: put them into the model and render.
	only := map[*content.Page]bool{m.Tree.Home: true}
	for _, e := range edits {
		s.swap(e)
		only[e.page], only[e.page.Group.Page], only[e.page.Community.Page] = true, true, true
	}
	var pages atomic.Int64
	docs := m.newSearchDocs(false)
	err = m.Theme.Render(site.Input{Config: m.Config, Catalog: m.Catalog, Site: m.Tree, Bodies: m.Bodies, Images: m.Images, Only: only}, func(p string, data []byte) error {
		if strings.HasSuffix(p, ".html") {
			pages.Add(1)
		}
		data = m.Mask.WebFile(p, data)
		docs.Add(p, data)
		_, err := output.Replace(s.out, p, data)
		return err
	})
	if err == nil {
		var stale bool
		if stale, err = s.updateSearch(docs); stale {
			return nil, false, nil
		}
	}
	if err == nil {
		err = s.placeImages(edits)
	}
	if err != nil {
		// The model holds the edits but out may not: start again.
		s.m = nil
		return res, true, err
	}
	clear(s.pending)
	s.warnings = slices.DeleteFunc(s.warnings, func(d diag.Diagnostic) bool { return slices.Contains(retold, d.Pos.File) })
	s.warnings = append(s.warnings, list.Items()...)
	return s.tell(res, retold, start), true, nil
}

// read parses the edited records' bodies and processes their images.
func (s *Session) read(edits []edit, list *diag.List) {
	pages := make([]*content.Page, len(edits))
	for i, e := range edits {
		pages[i] = e.page
	}
	for i, w := range s.m.Reread(pages, list) {
		edits[i].work = w
	}
}

// swap puts an edited record into the model in place of the old one.
func (s *Session) swap(e edit) {
	m := s.m
	m.Tree.Replace(e.old, e.page)
	m.Replace(e.old, &e.work)
	delete(m.likely, e.old)
	if len(e.likely) > 0 {
		m.likely[e.page] = e.likely
	}
}

// placeImages puts the variants of the edited records' images and the
// documents they link to into out when they are not there yet.
func (s *Session) placeImages(edits []edit) error {
	for _, e := range edits {
		if err := s.m.Place(s.out, e.page); err != nil {
			return err
		}
	}
	return nil
}

// tell completes an update's result: the figures of the website in out,
// the warnings of the files not read again (retold), the time it took.
func (s *Session) tell(res *Result, retold []string, start time.Time) *Result {
	for _, d := range s.warnings {
		if !slices.Contains(retold, d.Pos.File) {
			res.Diags.Add(d)
		}
	}
	res.Pages, res.Images = s.pages, s.images
	res.Timings = append(res.Timings, Timing{"update", time.Since(start)})
	return res
}

// Groups returns the folders of the groups with posters ("c/g", relative
// to content/ and to print/), in the order of the site.
func (s *Session) Groups() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		return nil
	}
	var out []string
	for _, c := range s.m.Tree.Communities {
		for _, g := range c.Groups {
			if g.Publish.Printed() {
				out = append(out, path.Dir(g.Rel))
			}
		}
	}
	return out
}

// PosterPreviews writes the posters of the group in folder group ("c/g")
// as HTML, with their photos, into dir/c/g, as print/ lays them out: serve
// makes a group's previews when they are asked for, from the website in
// memory, rather than every poster of the site after every change.
func (s *Session) PosterPreviews(dir, group string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		return nil
	}
	gp := s.m.ByRel[group+"/_index.md"]
	if gp == nil || gp.Group == nil {
		return nil
	}
	return posters.Preview(context.Background(), s.m.posterSources(), gp.Group, dir)
}
