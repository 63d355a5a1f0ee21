package posters

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/images"
	"wallpress/generator/layouts"
	"wallpress/generator/output"
	"wallpress/generator/privacy"
)

// PrintCacheDir keeps the photos' print variants: full size, re-encoded
// without metadata.
const PrintCacheDir = ".cache/print"

// CacheDir keeps rendered posters by the hash of their HTML, so that an
// unchanged poster is never printed again.
const CacheDir = ".cache/posters"

// URL is the folder of the website that offers the posters for download,
// one page per group.
const URL = "posters/"

// MinPrintDPI is the resolution below which a photo on a poster is reported
// as too coarse.
const MinPrintDPI = 150

// printQuality is the JPEG quality of the photos' print variants: a print
// shows what a screen forgives.
const printQuality = 90

// Sources is the site the posters are drawn from, read and checked once by
// the build: the website is drawn from the same.
type Sources struct {
	// Root is the site folder; the caches are under it.
	Root string
	// ThemeDir is the absolute folder of the theme.
	ThemeDir string
	Config   *config.Config
	Catalog  *i18n.Catalog
	Site     *content.Site
	Bodies   map[*content.Page]layouts.Body
	// Mask hides names and room numbers in the website's copies.
	Mask *privacy.Masker
	// FS is the site's files: the photos and the records' markdown.
	FS fs.FS
	// Processed are the content's images as the image step returned them,
	// by path relative to content/.
	Processed map[string]images.Result
	// Budget is the decode memory shared with the website's images.
	Budget *images.Budget
}

// Options say which posters Make makes and where.
type Options struct {
	// PrintDir is the folder of the posters for the wall (print/).
	PrintDir string
	// Only, when set, picks the posters to make (see Input.Only).
	Only func(*content.Page) bool
	// Partial carries over the files of PrintDir this run does not make.
	Partial bool
	// Web makes the website's copies and download pages too.
	Web bool
	// Hooks replace the browser in tests; nil is the real one.
	Hooks *Hooks
}

// Made is the posters a run made: print/ staged, and the files and pages
// the website offers. A nil *Made is no posters; its methods allow it.
type Made struct {
	print *output.Stage
	// public maps paths under public/ to their contents.
	public map[string]publicFile
	// sets are the download pages' contents by group page URL.
	sets map[string]*layouts.PosterSet
	// Count is how many posters were made, PDFs how many of them as PDF.
	Count, PDFs int
}

// publicFile is a file of the website's posters: a file of the render
// cache to link, or its bytes when the cache could not keep it.
type publicFile struct {
	src  string
	data []byte
}

func publicOf(data []byte, cached string) publicFile {
	if cached != "" {
		return publicFile{src: cached}
	}
	return publicFile{data: data}
}

// Sets are the download pages' contents by the URL of their group's page.
func (m *Made) Sets() map[string]*layouts.PosterSet {
	if m == nil {
		return nil
	}
	return m.sets
}

// WritePublic puts the website's poster files into its stage.
func (m *Made) WritePublic(stage *output.Stage) error {
	if m == nil {
		return nil
	}
	for _, k := range slices.Sorted(maps.Keys(m.public)) {
		f := m.public[k]
		var err error
		if f.src != "" {
			err = stage.CopyFile(k, f.src)
		} else {
			err = stage.WriteFile(k, f.data)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Abort throws print/ as staged away.
func (m *Made) Abort() {
	if m != nil && m.print != nil {
		m.print.Abort()
	}
}

// Stage is print/ as staged, nil when no posters are made: the caller
// publishes it, with the website or alone.
func (m *Made) Stage() *output.Stage {
	if m == nil {
		return nil
	}
	return m.print
}

// Make lays out, renders and stages the posters: the one entry point of a
// build's poster stage. Problems the user can fix go to list; a nil Made
// with no error means there are errors to report. When ctx is done the run
// stops between groups, stages nothing and returns ctx's error.
//
// The groups are laid out, rendered and written one at a time on each
// core, each group's documents dropped once its files are staged, so that
// memory does not grow with the number of posters; one browser serves them
// all.
func Make(ctx context.Context, src Sources, o Options, list *diag.List) (*Made, error) {
	pl, pc, err := planner(ctx, src, true, o.Only, list)
	if err != nil || list.HasErrors() {
		return nil, err
	}
	if pl == nil {
		// No poster templates: print/ is left as it is.
		return &Made{}, nil
	}
	hooks := o.Hooks
	if hooks == nil {
		hooks = &Hooks{}
	}
	mode := src.Config.Posters.PDF
	exe, err := ChooseBrowser(src.Config.Posters, hooks.Find)
	if err != nil {
		args := diag.Args{"err": err.Error(), "env": BrowserEnv}
		if mode == "always" {
			list.Error(diag.Pos{File: config.FileName}, "posters.noBrowser", args, "posters.noBrowser.hint")
			return nil, nil
		}
		list.Warn(diag.Pos{File: config.FileName}, "posters.htmlOnly", args, "posters.noBrowser.hint")
	}

	r := &Renderer{
		Geometry:   pl.Geometry(),
		Stylesheet: pl.Stylesheet(),
		CacheDir:   filepath.Join(src.Root, filepath.FromSlash(CacheDir)),
		Timeout:    hooks.Timeout,
		Start: func(ctx context.Context) (Browser, error) {
			var b Browser
			var err error
			if hooks.Start != nil {
				b, err = hooks.Start(ctx, exe)
			} else {
				b, err = StartChrome(ctx, exe)
			}
			if err == nil && hooks.Started != nil {
				hooks.Started(b)
			}
			return b, err
		},
	}
	if exe == "" || !o.Web {
		pl = pl.WallOnly()
	}
	stage, err := output.Begin(o.PrintDir)
	if err != nil {
		return nil, err
	}
	mk := &maker{cfg: src.Config.Posters, list: list, web: o.Web, stage: stage, r: r, geo: pl.Geometry(),
		out:     &Made{print: stage, public: map[string]publicFile{}, sets: map[string]*layouts.PosterSet{}},
		written: map[string]bool{}, keep: map[string]bool{}}
	mk.interrupted = func() bool { return ctx.Err() != nil }
	if err := stage.WriteFile(StylesheetName, pl.Stylesheet()); err != nil {
		stage.Abort()
		return nil, err
	}
	mk.written[StylesheetName] = true
	if exe != "" {
		// ctx done (Ctrl-C) while the browser works stops it in order and
		// leaves print/ and public/ as they were.
		mk.sess = r.Open(ctx)
		defer mk.sess.Close()
	}
	fail := func(err error) (*Made, error) {
		stage.Abort()
		return nil, err
	}
	err = eachGroup(ctx, pl.Groups(), func(grp *content.Group) error {
		if mk.interrupted() {
			return ctx.Err()
		}
		pg, err := pl.Group(grp)
		if err != nil || pg == nil {
			return err
		}
		return mk.group(pg)
	})
	if d, ok := diag.From(err, diag.Pos{}); ok {
		// A poster that did not print in time.
		list.Add(d)
		return fail(nil)
	}
	switch {
	case mk.interrupted():
		return fail(ctx.Err())
	case err != nil:
		return fail(err)
	}
	if mk.browserErr != nil {
		if mode == "always" {
			return fail(mk.browserErr)
		}
		// A browser that is there but will not work is reported, and the
		// HTML posters are still written.
		list.Warn(diag.Pos{File: config.FileName}, "posters.browserFailed", diag.Args{"browser": exe, "err": mk.browserErr.Error()}, "posters.noBrowser.hint")
	}
	if o.Partial {
		if err := carryOver(stage, o.PrintDir, mk.written); err != nil {
			return fail(err)
		}
	} else {
		// The caches keep what this run used and nothing else. A run
		// without a browser used no rendered poster, and leaves them for
		// the next one that has one.
		if mk.sess != nil {
			if err := r.PruneCacheKeys(mk.keep); err != nil {
				return fail(err)
			}
		}
		if pc != nil {
			if _, err := pc.proc.Prune(pc.keep); err != nil {
				return fail(err)
			}
		}
	}
	return mk.out, nil
}

// Check checks the posters without making them (check, and build without
// writing): photos too coarse for the paper, record names the poster set
// uses. It lays out every group, in parallel, and keeps none of them.
func Check(ctx context.Context, src Sources, list *diag.List) error {
	pl, _, err := planner(ctx, src, false, nil, list)
	if err != nil || pl == nil {
		return err
	}
	lay := pl.LayoutOnly()
	return eachGroup(ctx, lay.Groups(), func(grp *content.Group) error {
		pg, err := lay.Group(grp)
		if err == nil && pg != nil {
			checkPrintDPI(pg.Uses, src.Config.Posters, list)
			reportLeftOff(pg.LeftOff, list)
		}
		return err
	})
}

// Preview writes the posters of grp as HTML, with their photos, into
// dir/<community>/<group>/, as print/ lays them out. Their problems are
// not told again: the build told them.
func Preview(ctx context.Context, src Sources, grp *content.Group, dir string) error {
	only := func(p *content.Page) bool { return p.Group == grp }
	pl, _, err := planner(ctx, src, true, only, &diag.List{})
	if err != nil || pl == nil {
		return err
	}
	g, err := pl.WallOnly().Group(grp)
	if err != nil || g == nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, StylesheetName), pl.Stylesheet(), 0o644); err != nil {
		return err
	}
	return writePreviews(dir, g)
}

// eachGroup calls fn for every group, on as many goroutines as there are
// cores, and returns the first error; after an error no group is started.
func eachGroup(ctx context.Context, groups []*content.Group, fn func(*content.Group) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, grp := range groups {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if gctx.Err() != nil {
				// Another group failed, or the run was stopped (which
				// fn tells on its own).
				return nil
			}
			return fn(grp)
		})
	}
	return g.Wait()
}

// planner loads the theme's poster templates and the photos and prepares
// the layout of the posters (only those only picks, when set). With print
// set, the photos' print variants are made. It reports records whose names
// the poster set uses. A nil planner with no error means the theme has no
// posters (said once as a warning).
func planner(ctx context.Context, src Sources, print bool, only func(*content.Page) bool, list *diag.List) (*Planner, *printCache, error) {
	if _, err := os.Stat(filepath.Join(src.ThemeDir, Dir)); errors.Is(err, os.ErrNotExist) {
		// A theme of the website alone: say so once, and go on.
		theme := src.Config.Theme
		list.Warn(diag.Pos{File: config.FileName}, "posters.noTheme", diag.Args{"theme": theme, "dir": "themes/" + theme + "/" + Dir}, "")
		return nil, nil, nil
	}
	theme, err := LoadTheme(src.ThemeDir, src.Catalog)
	if err != nil {
		return nil, nil, fmt.Errorf("theme %s posters: %w", src.Config.Theme, err)
	}
	photos, pc, err := photoInput(ctx, src, print, only)
	if err != nil {
		return nil, nil, err
	}
	pl := theme.Planner(Input{Config: src.Config, Catalog: src.Catalog, Site: src.Site, Bodies: src.Bodies, Photos: photos, Only: only, Mask: src.Mask,
		Source: func(p *content.Page) []byte { return markdownBody(src.FS, p) }})
	pl.CheckNames(list)
	pl.CheckFonts(func(f string) ([]byte, error) { return fs.ReadFile(src.FS, f) }, list)
	return pl, pc, nil
}

// printCache is the processor of the print variants and the entries this
// run used, for pruning the rest.
type printCache struct {
	proc *images.Processor
	keep map[string]bool
}

// photoInput returns the photos the posters may show. With print set, each
// has its print variant (processed now, or from the cache); otherwise only
// its size, which is all the resolution check needs.
func photoInput(ctx context.Context, src Sources, print bool, only func(*content.Page) bool) (map[string]Photo, *printCache, error) {
	out := map[string]Photo{}
	var refs []images.Ref
	for _, p := range src.Site.Pages {
		if !p.Publish.Printed() || only != nil && !only(p) && (p.Group == nil || !only(p.Group.Page)) {
			continue
		}
		for _, im := range p.Images() {
			r, ok := src.Processed[im.Src]
			if !ok {
				continue // its error is reported already
			}
			out[im.Src] = Photo{Width: r.Width, Height: r.Height, Hash: r.Hash}
			refs = append(refs, images.Ref{Src: im.Src, File: p.File, Line: im.Line})
		}
	}
	if !print {
		return out, nil, nil
	}
	proc := images.New(images.Options{Widths: []int{1 << 16}, Quality: printQuality, CacheDir: filepath.Join(src.Root, filepath.FromSlash(PrintCacheDir)), Budget: src.Budget})
	// Every image here was read once already; a failure now is not the
	// user's.
	errs := &diag.List{}
	done := proc.ProcessAll(ctx, src.FS, content.Dir, refs, errs)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	for _, d := range errs.Items() {
		return nil, nil, fmt.Errorf("print variant of %v: %s %v", d.Pos, d.Key, d.Args)
	}
	keep := map[string]bool{}
	for src, r := range done {
		ph := out[src]
		if len(r.Variants) > 0 {
			ph.File = r.Variants[len(r.Variants)-1].File
		}
		out[src] = ph
		keep[r.Hash] = true
	}
	return out, &printCache{proc, keep}, nil
}

// markdownBody reads a record's markdown again, from its body's first line
// on (the model lets the bytes go once rendered), for the posters to tell
// the line where text they leave off starts; nil when it cannot be read.
func markdownBody(fsys fs.FS, p *content.Page) []byte {
	data, err := fs.ReadFile(fsys, p.File)
	if err != nil {
		return nil
	}
	for range p.BodyLine - 1 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			return nil
		}
		data = data[i+1:]
	}
	return data
}

// reportLeftOff says what the theme left off the posters, at the line of
// the record that holds it.
func reportLeftOff(left []LeftOff, list *diag.List) {
	for _, l := range left {
		hint := l.Hint
		if hint == "" {
			hint = "posters.leftOff.hint"
		}
		list.Warn(diag.Pos{File: l.Page.File, Line: l.Line}, l.What, nil, hint)
	}
}

// checkPrintDPI warns once per record and photo that prints below
// MinPrintDPI, with the figures.
func checkPrintDPI(uses []PhotoUse, cfg config.Posters, list *diag.List) {
	type key struct {
		page *content.Page
		src  string
	}
	worst := map[key]PhotoUse{}
	var order []key
	for _, u := range uses {
		k := key{u.Page, u.Image.Src}
		w, seen := worst[k]
		if !seen {
			order = append(order, k)
		}
		if !seen || u.DPI() < w.DPI() {
			worst[k] = u
		}
	}
	for _, k := range order {
		u := worst[k]
		dpi := int(math.Floor(u.DPI()))
		if dpi >= MinPrintDPI {
			continue
		}
		name := u.Image.Src
		if dir := path.Dir(u.Page.Rel) + "/"; strings.HasPrefix(name, dir) {
			name = strings.TrimPrefix(name, dir)
		}
		list.Warn(diag.Pos{File: u.Page.File, Line: u.Image.Line}, "posters.lowDPI", diag.Args{
			"image": name, "width": u.Photo.Width, "height": u.Photo.Height,
			"paper": cfg.Size, "dpi": dpi, "min": MinPrintDPI,
		}, "posters.lowDPI.hint")
	}
}

// maker renders and stages the posters of groups, several at once.
type maker struct {
	cfg   config.Posters
	list  *diag.List
	web   bool
	stage *output.Stage
	r     *Renderer
	// sess is the browser's session, nil when posters are HTML only.
	sess *Session
	// interrupted reports whether the user stopped the run.
	interrupted func() bool
	geo         Geometry

	mu  sync.Mutex
	out *Made
	// written are the files staged into print/; keep the render cache's
	// entries of this run's documents.
	written, keep map[string]bool
	// browserErr is the browser's failure, after which the posters are
	// HTML only.
	browserErr error
}

// group renders one group's posters and stages its files.
func (mk *maker) group(pg *Group) error {
	// The documents: each poster for the wall, its website copy (named
	// .online.html), and the two sets.
	type made struct {
		poster *Poster
		doc    *Doc
		online bool
	}
	var docs []*Doc
	var items []made
	add := func(p *Poster, d *Doc, online bool) {
		docs = append(docs, d)
		items = append(items, made{p, d, online})
	}
	anyPicked := false
	for _, p := range pg.Posters {
		if !p.Picked {
			continue
		}
		anyPicked = true
		add(p, &Doc{Path: pg.Dir + "/" + p.Name + ".html", HTML: p.HTML, PDF: true, PNG: true, Thumb: p.Online, Label: p.Page.File}, false)
		if p.Online && mk.web && p.OnlineHTML != nil {
			add(p, &Doc{Path: pg.Dir + "/" + p.Name + ".online.html", HTML: p.OnlineHTML, PDF: true, PNG: true, Thumb: true, Label: p.Page.File}, true)
		}
	}
	if anyPicked {
		add(nil, &Doc{Path: pg.Dir + "/" + SetName + ".html", HTML: pg.SetHTML, PDF: true, Label: pg.Group.File}, false)
		if pg.OnlineSetHTML != nil && mk.web {
			add(nil, &Doc{Path: pg.Dir + "/" + SetName + ".online.html", HTML: pg.OnlineSetHTML, PDF: true, Label: pg.Group.File}, true)
		}
	}
	checkPrintDPI(pg.Uses, mk.cfg, mk.list)
	reportLeftOff(pg.LeftOff, mk.list)

	var written []string
	write := func(rel string, data []byte) error {
		written = append(written, rel)
		return mk.stage.WriteFile(rel, data)
	}
	// The photos and the HTML first: they are staged whatever the browser
	// does.
	files := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(pg.Images)) {
		rel := pg.Dir + "/images/" + name
		files[rel] = pg.Images[name]
		written = append(written, rel)
		if err := mk.stage.CopyFile(rel, pg.Images[name]); err != nil {
			return err
		}
	}
	count := 0
	for _, it := range items {
		if it.online {
			continue
		}
		if it.poster != nil {
			count++
		}
		if err := write(it.doc.Path, it.doc.HTML); err != nil {
			return err
		}
	}
	var outs map[*Doc]*Output
	var keys []string
	if mk.sess != nil {
		for _, d := range docs {
			keys = append(keys, mk.r.Key(d))
		}
	}
	if mk.sess != nil && !mk.failed() {
		var err error
		outs, err = mk.sess.Render(docs, files)
		var te *TimeoutError
		switch {
		case errors.As(err, &te):
			return err
		case err != nil && mk.interrupted():
			return err
		case err != nil:
			// The browser failed: the rest is HTML only.
			mk.mu.Lock()
			if mk.browserErr == nil {
				mk.browserErr = err
			}
			mk.mu.Unlock()
			outs = nil
		}
	}

	// What the browser made: PDF and PNG for the wall, and the website's
	// copies beside the group's download page.
	var set *layouts.PosterSet
	public := map[string]publicFile{}
	pdfs := 0
	for _, it := range items {
		o := outs[it.doc]
		if o == nil {
			continue
		}
		base := strings.TrimSuffix(it.doc.Path, ".html")
		if it.online {
			if set == nil {
				set = &layouts.PosterSet{Dir: URL + pg.Dir + "/"}
			}
			if it.poster == nil {
				set.Set = SetName + ".pdf"
				public[set.Dir+set.Set] = publicOf(o.PDF, o.CachedPDF)
				continue
			}
			f := layouts.PosterFile{Page: it.poster.Page, PDF: it.poster.Name + ".pdf", PNG: it.poster.Name + ".png", Preview: it.poster.Name + "-preview.jpg"}
			f.PreviewWidth, f.PreviewHeight = ThumbWidth, int(math.Round(ThumbWidth*mk.geo.TrimH/mk.geo.TrimW))
			public[set.Dir+f.PDF] = publicOf(o.PDF, o.CachedPDF)
			public[set.Dir+f.PNG] = publicOf(o.PNG, o.CachedPNG)
			public[set.Dir+f.Preview] = publicOf(o.Thumb, o.CachedThumb)
			set.Items = append(set.Items, f)
			continue
		}
		if err := write(base+".pdf", o.PDF); err != nil {
			return err
		}
		if it.poster != nil {
			pdfs++
			if err := write(base+".png", o.PNG); err != nil {
				return err
			}
			if len(o.Overflow) > 0 {
				// The sheets were planned to fit; one that does not is
				// an estimate gone wrong, named so that it is never
				// silent.
				nums := make([]string, len(o.Overflow))
				for i, n := range o.Overflow {
					nums[i] = strconv.Itoa(n + 1)
				}
				mk.list.Warn(diag.Pos{File: it.poster.Page.File}, "posters.overflow", diag.Args{"sheets": strings.Join(nums, ", ")}, "posters.overflow.hint")
			}
		}
	}

	mk.mu.Lock()
	defer mk.mu.Unlock()
	po := mk.out
	po.Count += count
	po.PDFs += pdfs
	if set != nil {
		po.sets[pg.Group.URL] = set
	}
	maps.Copy(po.public, public)
	for _, rel := range written {
		mk.written[rel] = true
	}
	for _, k := range keys {
		mk.keep[k] = true
	}
	return nil
}

// failed reports whether the browser has failed, so that the remaining
// posters are HTML only.
func (mk *maker) failed() bool {
	mk.mu.Lock()
	defer mk.mu.Unlock()
	return mk.browserErr != nil
}

// carryOver copies into stage every file of the old tree at dir that this
// run did not write, so that rendering some posters keeps the others.
func carryOver(stage *output.Stage, dir string, written map[string]bool) error {
	return filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if written[rel] {
			return nil
		}
		return stage.CopyFile(rel, p)
	})
}

// Pick turns the paths of the posters command into a filter of pages: a
// path is a record's file, a group's or a neighbourhood's folder, relative
// to root or to content/. With no paths every poster is made and print/ is
// rebuilt whole; otherwise partial is set, and the rest of print/ is kept.
func Pick(root string, site *content.Site, paths []string, list *diag.List) (only func(*content.Page) bool, partial bool) {
	if len(paths) == 0 {
		return nil, false
	}
	byRel := map[string]*content.Page{}
	for _, p := range site.Pages {
		byRel[p.Rel] = p
	}
	chosen := map[*content.Page]bool{}
	for _, arg := range paths {
		rel := filepath.ToSlash(arg)
		if abs, err := filepath.Abs(arg); err == nil {
			if r, err := filepath.Rel(filepath.Join(root, content.Dir), abs); err == nil && !strings.HasPrefix(r, "..") {
				rel = filepath.ToSlash(r)
			}
		}
		rel = strings.TrimPrefix(path.Clean(strings.TrimPrefix(rel, "./")), content.Dir+"/")
		p := byRel[rel]
		if p == nil {
			p = byRel[strings.TrimSuffix(rel, "/")+"/_index.md"]
		}
		if p == nil || p.Kind == content.KindSite {
			list.Error(diag.Pos{File: arg}, "posters.pathUnknown", diag.Args{"path": arg}, "posters.pathUnknown.hint")
			continue
		}
		chosen[p] = true
	}
	return func(p *content.Page) bool {
		return chosen[p] || (p.Group != nil && chosen[p.Group.Page]) || (p.Community != nil && chosen[p.Community.Page])
	}, true
}

// writePreviews writes a group's posters as HTML, with their photos, into
// dir/<community>/<group>/.
func writePreviews(dir string, g *Group) error {
	write := func(rel string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	for _, p := range g.Posters {
		if err := write(g.Dir+"/"+p.Name+".html", p.HTML); err != nil {
			return err
		}
	}
	if g.SetHTML != nil {
		if err := write(g.Dir+"/"+SetName+".html", g.SetHTML); err != nil {
			return err
		}
	}
	for name, src := range g.Images {
		data, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := write(g.Dir+"/images/"+name, data); err != nil {
			return err
		}
	}
	return nil
}
