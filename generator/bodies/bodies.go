// Package bodies is the per-page body stage: it parses every page's
// markdown body, computes a ledger's account book from its table, lists the
// images and documents the body needs, and renders it, links and pictures
// resolved, once its images are processed. A build reads every page
// through it, and serve's session the records an edit touches.
package bodies

import (
	"errors"
	"io/fs"
	"maps"
	"slices"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/images"
	"wallpress/generator/layouts"
	"wallpress/generator/ledger"
	"wallpress/generator/markdown"
	"wallpress/generator/privacy"
	"wallpress/generator/resolve"
)

// Set is the site's bodies and what reading them found.
type Set struct {
	// FS is the site's folder, content/ read beneath it (content.OpenSite).
	FS fs.FS
	// ByRel are the site's pages by their path relative to content/.
	ByRel map[string]*content.Page
	// Bodies are the rendered bodies (Take).
	Bodies map[*content.Page]layouts.Body
	// Images are the web variants by content path; Processed the same
	// images as the image step returned them (cache files).
	Images    map[string]layouts.Image
	Processed map[string]images.Result
	// Paths say where each image is published, its path masked: set
	// before AddImages.
	Paths *privacy.Paths
	// Shown are the images each body shows; Attachments the documents
	// each online body links to (both for the website to copy).
	Shown, Attachments map[*content.Page][]string
	// Proc processes the images and keeps their cache.
	Proc *images.Processor

	conv *markdown.Converter
}

// New returns the empty set of the pages of a site read through fsys.
func New(fsys fs.FS, pages []*content.Page, proc *images.Processor) *Set {
	s := &Set{FS: fsys, ByRel: make(map[string]*content.Page, len(pages)), Bodies: make(map[*content.Page]layouts.Body, len(pages)),
		Images: map[string]layouts.Image{}, Processed: map[string]images.Result{},
		Shown: map[*content.Page][]string{}, Attachments: map[*content.Page][]string{}, Proc: proc, conv: markdown.New()}
	for _, p := range pages {
		s.ByRel[p.Rel] = p
	}
	return s
}

// Work is what reading one page's body found.
type Work struct {
	// Wanted are the images the page needs processed: its photos, its
	// receipts and the pictures its body shows.
	Wanted []images.Ref

	page        *content.Page
	doc         *markdown.Doc
	body        layouts.Body
	rendered    bool
	err         error
	shown       []string
	attachments []string
}

// Read parses a page's body, computes its account book and lists the
// images it needs. A body without pictures is rendered at once, so that
// its syntax tree — the largest thing a build holds — is dropped as soon as
// it is made; one with pictures waits for them (Finish). Read may run on
// every core at once.
func (s *Set) Read(p *content.Page, list *diag.List) Work {
	w := Work{page: p}
	doc, err := s.conv.Parse(p.Body, p.BodyLine)
	if de := (*markdown.DepthError)(nil); errors.As(err, &de) {
		list.Error(diag.Pos{File: p.File, Line: de.Line}, "markdown.tooDeep", diag.Args{"max": markdown.MaxDepth}, "markdown.tooDeep.hint")
	}
	if te := (*markdown.TangleError)(nil); errors.As(err, &te) {
		key := "markdown.tooManyLinks"
		if te.Refs {
			key = "markdown.tooManyRefs"
		}
		list.Error(diag.Pos{File: p.File, Line: te.Line}, key, diag.Args{"max": markdown.MaxRefs}, key+".hint")
	}
	if p.Kind == content.KindLedger {
		var t *ledger.Table
		if mt := doc.Table(); mt != nil {
			t = (*ledger.Table)(mt)
		}
		content.ComputeLedger(s.FS, p, t, list)
	}
	want := func(src string, line int) {
		w.Wanted = append(w.Wanted, images.Ref{Src: src, File: p.File, Line: line})
	}
	if p.Publish != content.Nowhere {
		for _, im := range p.Images() {
			want(im.Src, im.Line)
		}
		for _, r := range content.FindReceipts(s.FS, p) {
			want(r.Src, r.Line)
		}
	}
	files := resolve.NewFiles(s.FS)
	if p.Publish.Online() {
		w.attachments = resolve.Attachments(files, p, doc.Links())
	}
	dests := doc.Images()
	if p.Publish != content.Nowhere {
		seen := map[string]bool{}
		for _, dest := range dests {
			// Each picture once, however often the body shows it.
			if src, ok := content.BodyPath(p, dest, files.Has); ok && !seen[src] {
				seen[src] = true
				w.shown = append(w.shown, src)
				if files.Has(src) {
					want(src, p.BodyLine)
				}
			}
		}
	}
	if len(dests) == 0 {
		w.body, w.err = s.render(p, doc, list)
		w.rendered = true
		return w
	}
	w.doc = doc
	return w
}

// Keep records what reading a body found that the website copies: the
// images it shows and the documents it links to.
func (s *Set) Keep(w *Work) {
	if len(w.shown) > 0 {
		s.Shown[w.page] = w.shown
	}
	if len(w.attachments) > 0 {
		s.Attachments[w.page] = w.attachments
	}
}

// AddImages takes processed images into the set: where each is published
// (Paths), and its web variants.
func (s *Set) AddImages(processed map[string]images.Result) {
	s.Paths.Add(slices.Collect(maps.Keys(processed)))
	for src, r := range processed {
		s.Processed[src] = r
		im := layouts.Image{Width: r.Width, Height: r.Height}
		for _, v := range r.Variants {
			im.Variants = append(im.Variants, layouts.Variant{Path: images.VariantPath(s.Paths.Of(src), v.Width), Width: v.Width, Height: v.Height})
		}
		s.Images[src] = im
	}
}

// Finish renders a body that waited for its images (Read); it may run on
// every core at once.
func (s *Set) Finish(w *Work, list *diag.List) {
	if !w.rendered {
		w.body, w.err = s.render(w.page, w.doc, list)
		w.rendered, w.doc = true, nil
	}
}

// Take puts a rendered body into Bodies; its error is one that is not the
// user's.
func (s *Set) Take(w *Work) error {
	if w.err != nil {
		return w.err
	}
	s.Bodies[w.page] = w.body
	return nil
}

// render renders a page's parsed body, with links to other records' files
// turned into links to their pages and images into responsive pictures
// (from Images: its images must be processed first).
func (s *Set) render(p *content.Page, doc *markdown.Doc, list *diag.List) (layouts.Body, error) {
	r, err := doc.Render(markdown.Options{
		Table:    p.Kind == content.KindLedger && p.Ledger.CSV == "",
		List:     p.Kind == content.KindConvention,
		Resolver: &resolve.Body{Page: p, Files: resolve.NewFiles(s.FS), Pages: s.ByRel, Images: s.Images, List: list},
	})
	return layouts.Body{HTML: r.HTML, Items: r.Items, Summary: r.Summary}, err
}
