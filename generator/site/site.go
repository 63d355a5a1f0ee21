// Package site renders the website's pages, sitemap and feed from the content
// tree with the theme's html/template layouts. It reads no content files: the
// build hands it parsed records, rendered bodies and processed images.
package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/i18n"
	"wallpress/generator/layouts"
)

// Body is a page's rendered markdown.
type Body = layouts.Body

// Variant is one encoded size of an image (layouts.Variant).
type Variant = layouts.Variant

// Image is a processed image (layouts.Image).
type Image = layouts.Image

// Input is everything a site render needs.
type Input struct {
	Config  *config.Config
	Catalog *i18n.Catalog
	Site    *content.Site
	Bodies  map[*content.Page]Body
	// Images maps an image's path relative to content/ to its variants.
	Images map[string]Image
	// Posters are the posters offered for download, by the URL of their
	// group's page; each set gets a download page.
	Posters map[string]*PosterSet
	// Only, when set, limits a render to these pages and the pages that
	// list records (stories, consultations, sitemap, feed): what changes
	// when the records in Only change. Static files, 404 and poster pages
	// are left out.
	Only map[*content.Page]bool
}

// PosterSet is a group's posters published on the website
// (layouts.PosterSet: the posters make it, the website shows it).
type PosterSet = layouts.PosterSet

// PosterFile is one poster offered for download (layouts.PosterFile).
type PosterFile = layouts.PosterFile

// Emit receives one output file at a slash path relative to public/. It is
// called from several goroutines at once.
type Emit func(path string, data []byte) error

// Special pages the site adds beside the content tree; a community folder may
// not use these names.
const (
	StoriesURL = "stories/"
	BoardURL   = "consultations/"
	SearchURL  = "search/"
	StaticDir  = "static"
)

// Reserved lists the top-level names that content may not use.
var Reserved = []string{"stories", "consultations", "posters", "search", StaticDir, "404.html", "sitemap.xml", "feed.xml", "index.html"}

// Theme is a parsed theme: one template set per layout, parsed once.
type Theme struct {
	// fsys holds the theme at dir; its static files are read from there.
	fsys    fs.FS
	dir     string
	layouts map[string]*template.Template
	// base holds baseof.html and the partials, for Cached and Part.
	base *template.Template
	// parts keeps the outputs of View.Part, and sitemapLines the sitemap's
	// line of each page, from one render to the next: a theme is loaded
	// for each whole build, and renders after an edit reuse them.
	parts, sitemapLines sync.Map
	// sizes are the size of the last page of each layout, by name: a
	// page's buffer starts at about that size, instead of doubling up to
	// it (which allocated twice a page's bytes on every page).
	sizes sync.Map // string -> *atomic.Int64
}

// layoutNames are the page layouts a theme provides besides baseof.html and
// partials.
var layoutNames = []string{"home", "community", "group", "convention", "photo", "ledger", "story", "deliberation", "activity", "stories", "board", "404", "posters"}

// LoadTheme parses themeDir/layouts from fsys (a site's folder, whose
// themes are under themes/). The search page is optional: a theme copied
// before it existed has none, and its site has no search.
func LoadTheme(fsys fs.FS, themeDir string) (*Theme, error) {
	names := layoutNames
	if _, err := fs.Stat(fsys, path.Join(themeDir, "layouts", "search.html")); err == nil {
		names = append(slices.Clip(names), "search")
	}
	base, sets, err := layouts.ParseFS(fsys, path.Join(themeDir, "layouts"), "baseof.html", names, nil)
	if err != nil {
		return nil, err
	}
	t := &Theme{fsys: fsys, dir: themeDir, layouts: sets, base: base}
	return t, nil
}

// HasSearch reports whether the theme has a search page: the build writes
// the search index only then.
func (t *Theme) HasSearch() bool { return t.layouts["search"] != nil }

// Render writes every page of the site through emit.
func (t *Theme) Render(in Input, emit Emit) error {
	s := newSiteView(in)
	s.partials, s.parts, s.sitemapLines = t.base, &t.parts, &t.sitemapLines
	render := func(layout string, v *View) error {
		size, _ := t.sizes.LoadOrStore(layout, new(atomic.Int64))
		last := size.(*atomic.Int64)
		var b bytes.Buffer
		b.Grow(int(last.Load()*9/8) + 512)
		if err := t.layouts[layout].ExecuteTemplate(&b, "baseof.html", v); err != nil {
			return fmt.Errorf("layout %s for %s: %w", layout, v.URL, err)
		}
		last.Store(int64(b.Len()))
		out := v.URL + "index.html"
		if layout == "404" {
			out = "404.html"
		}
		return emit(out, b.Bytes())
	}

	// Every output is independent of the others: make them on every core,
	// the largest (the lists of every record) first so that they do not
	// finish last alone. emit must be safe for concurrent use (output.Stage
	// is); the first error wins.
	var jobs []func() error
	for _, special := range []struct{ layout, url, title string }{
		{"stories", StoriesURL, "nav.stories"},
		{"board", BoardURL, "nav.board"},
		{"404", "", "notFound.title"},
		{"search", SearchURL, "search.title"},
	} {
		if in.Only != nil && (special.layout == "404" || special.layout == "search") || t.layouts[special.layout] == nil {
			continue
		}
		jobs = append(jobs, func() error {
			v := s.view(nil, special.url)
			v.Title = in.Catalog.T(special.title)
			v.NotFound = special.layout == "404"
			return render(special.layout, v)
		})
	}
	if in.Config.BaseURL != "" {
		jobs = append(jobs, func() error { return emit("sitemap.xml", s.sitemap()) })
	}
	jobs = append(jobs, func() error {
		feed, err := s.feed()
		if err != nil {
			return err
		}
		return emit("feed.xml", feed)
	})
	if in.Only == nil {
		jobs = append(jobs, func() error { return t.static(emit) })
		for _, url := range slices.Sorted(maps.Keys(in.Posters)) {
			if p := s.byURL[url]; p != nil {
				jobs = append(jobs, func() error {
					v := s.view(p, in.Posters[url].Dir)
					v.Title = in.Catalog.T("posters.title", "name", p.Title)
					return render("posters", v)
				})
			}
		}
	}
	for _, p := range s.pages {
		if in.Only != nil && !in.Only[p] {
			continue
		}
		layout := string(p.Kind)
		if p.Kind == content.KindSite {
			layout = "home"
		}
		jobs = append(jobs, func() error { return render(layout, s.view(p, p.URL)) })
	}

	// The first error stops the pages not started yet.
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, job := range jobs {
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			return job()
		})
	}
	return g.Wait()
}

// static copies the theme's static/ into public/static.
func (t *Theme) static(emit Emit) error {
	root := path.Join(t.dir, "static")
	var files []string
	err := fs.WalkDir(t.fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(files)
	for _, f := range files {
		data, err := fs.ReadFile(t.fsys, f)
		if err != nil {
			return err
		}
		if err := emit(path.Join(StaticDir, strings.TrimPrefix(f, root+"/")), data); err != nil {
			return err
		}
	}
	return nil
}

// PosterSet returns the posters of a group page offered for download, or
// nil.
func (v *View) PosterSet(p *content.Page) *PosterSet {
	if p == nil {
		return nil
	}
	return v.in.Posters[p.URL]
}
