package build

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/images"
	"wallpress/generator/output"
	"wallpress/generator/posters"
	"wallpress/generator/site"
)

// PrintDir is the poster set's output folder under the root.
const PrintDir = "print"

// PrintCacheDir keeps the photos' print variants: full size, re-encoded
// without metadata.
const PrintCacheDir = ".cache/print"

// PosterCacheDir keeps rendered posters by the hash of their HTML, so that
// an unchanged poster is never printed again.
const PosterCacheDir = ".cache/posters"

// PostersURL is the folder of the website that offers the posters for
// download, one page per group.
const PostersURL = "posters/"

// MinPrintDPI is the resolution below which a photo on a poster is reported
// as too coarse.
const MinPrintDPI = 150

// printQuality is the JPEG quality of the photos' print variants: a print
// shows what a screen forgives.
const printQuality = 90

// ErrInterrupted is returned when the build was stopped (Ctrl-C) while the
// posters were rendering; nothing was written.
var ErrInterrupted = errors.New("interrupted")

// posterHooks let tests replace the browser and its limits.
type posterHooks struct {
	// start replaces starting Chromium when set.
	start func(ctx context.Context, exe string) (posters.Browser, error)
	// find replaces the search for a browser when set.
	find func() (string, error)
	// timeout bounds one document; 0 means posters.DefaultTimeout.
	timeout time.Duration
	// started is called with each browser the build starts.
	started func(posters.Browser)
}

// posterOutput is the posters a build made: the print/ tree staged, and the
// files and pages the website offers.
type posterOutput struct {
	print *output.Stage
	// public maps paths under public/ to contents.
	public map[string][]byte
	// sets are the download pages' contents by group page URL.
	sets map[string]*site.PosterSet
	// count is how many posters were made, pdfs how many of them as PDF.
	count, pdfs int
}

func (po *posterOutput) siteSets() map[string]*site.PosterSet {
	if po == nil {
		return nil
	}
	return po.sets
}

// writePublic puts the website's poster files into its stage.
func (po *posterOutput) writePublic(stage *output.Stage) error {
	if po == nil {
		return nil
	}
	keys := make([]string, 0, len(po.public))
	for k := range po.public {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := stage.WriteFile(k, po.public[k]); err != nil {
			return err
		}
	}
	return nil
}

func (po *posterOutput) abort() {
	if po != nil && po.print != nil {
		po.print.Abort()
	}
}

func (po *posterOutput) commit() error {
	if po == nil || po.print == nil {
		return nil
	}
	return po.print.Commit()
}

// photoInput returns the photos the posters may show. With print set, each
// has its print variant (processed now, or from the cache); otherwise only
// its size, which is all the resolution check needs.
func (m *Model) photoInput(print bool) (map[string]posters.Photo, *printCache, error) {
	out := map[string]posters.Photo{}
	var refs []imageRef
	for _, p := range m.Tree.Pages {
		if !p.Publish.Printed() {
			continue
		}
		for _, im := range p.Images() {
			r, ok := m.Processed[im.Src]
			if !ok {
				continue // its error is reported already
			}
			out[im.Src] = posters.Photo{Width: r.Width, Height: r.Height, Hash: r.Hash}
			refs = append(refs, imageRef{page: p, src: im.Src, line: im.Line})
		}
	}
	if !print {
		return out, nil, nil
	}
	proc := images.New(images.Options{Widths: []int{1 << 16}, Quality: printQuality, CacheDir: filepath.Join(m.Root, filepath.FromSlash(PrintCacheDir))})
	// Every image here was read once already; a failure now is not the
	// user's.
	errs := &diag.List{}
	done := processAll(proc, os.DirFS(m.Root), refs, errs)
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

// printCache is the processor of the print variants and the entries this
// build used, for pruning the rest.
type printCache struct {
	proc *images.Processor
	keep map[string]bool
}

// planPosters lays out the posters (only those Only picks, when set) and
// reports what the user should know about them: photos too coarse for the
// paper, record names the poster set uses.
func planPosters(m *Model, print bool, only func(*content.Page) bool, list *diag.List) (*posters.Plan, *printCache, error) {
	if _, err := os.Stat(filepath.Join(m.ThemeDir, posters.Dir)); errors.Is(err, os.ErrNotExist) {
		// A theme of the website alone: say so once, and go on.
		list.Warn(diag.Pos{File: config.FileName}, "posters.noTheme", diag.Args{"theme": m.Config.Theme, "dir": "themes/" + m.Config.Theme + "/" + posters.Dir}, "")
		return nil, nil, nil
	}
	theme, err := posters.LoadTheme(m.ThemeDir, m.Catalog)
	if err != nil {
		return nil, nil, fmt.Errorf("theme %s posters: %w", m.Config.Theme, err)
	}
	photos, pc, err := m.photoInput(print)
	if err != nil {
		return nil, nil, err
	}
	plan, err := theme.Plan(posters.Input{Config: m.Config, Catalog: m.Catalog, Site: m.Tree, Bodies: m.Bodies, Photos: photos, Only: only}, list)
	if err != nil {
		return nil, nil, err
	}
	checkPrintDPI(plan, m.Config.Posters, list)
	return plan, pc, nil
}

// checkPrintDPI warns once per record and photo that prints below
// MinPrintDPI, with the figures.
func checkPrintDPI(plan *posters.Plan, cfg config.Posters, list *diag.List) {
	type key struct {
		page *content.Page
		src  string
	}
	worst := map[key]posters.PhotoUse{}
	var order []key
	for _, u := range plan.Uses {
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

// makePosters renders the posters (only those picked, when only is set) and
// stages print/. With partial set, the files of print/ that this run does
// not make are carried over from the old tree; with web set, the website's
// copies are made too. A nil output with no error means the build has errors
// to report.
func makePosters(m *Model, res *Result, only func(*content.Page) bool, partial, web bool, hooks *posterHooks) (*posterOutput, error) {
	list := res.Diags
	plan, pc, err := planPosters(m, true, only, list)
	if err != nil || list.HasErrors() {
		return nil, err
	}
	if plan == nil {
		// No poster templates: print/ is left as it is.
		return &posterOutput{}, nil
	}
	if hooks == nil {
		hooks = &posterHooks{}
	}
	g := plan.Geometry
	mode := m.Config.Posters.PDF
	exe := ""
	if mode != "never" {
		find := posters.FindBrowser
		if hooks.find != nil {
			find = hooks.find
		}
		exe, err = find()
		if err != nil {
			args := diag.Args{"err": err.Error(), "env": posters.BrowserEnv}
			if mode == "always" {
				list.Error(diag.Pos{File: config.FileName}, "posters.noBrowser", args, "posters.noBrowser.hint")
				return nil, nil
			}
			list.Warn(diag.Pos{File: config.FileName}, "posters.htmlOnly", args, "posters.noBrowser.hint")
		}
	}

	// The documents: each poster for the wall, its website copy, and the
	// two sets.
	type made struct {
		group  *posters.Group
		poster *posters.Poster
		doc    *posters.Doc
		online bool
	}
	var docs []*posters.Doc
	var items []made
	files := map[string]string{}
	for _, pg := range plan.Groups {
		for name, f := range pg.Images {
			files[pg.Dir+"/images/"+name] = f
		}
		anyPicked := false
		for _, p := range pg.Posters {
			if !p.Picked {
				continue
			}
			anyPicked = true
			d := &posters.Doc{Path: pg.Dir + "/" + p.Name + ".html", HTML: p.HTML, PDF: true, PNG: true, Thumb: p.Online, Label: p.Page.File}
			docs = append(docs, d)
			items = append(items, made{pg, p, d, false})
			if p.Online && web {
				od := &posters.Doc{Path: pg.Dir + "/" + p.Name + ".online.html", HTML: p.OnlineHTML, PDF: true, PNG: true, Thumb: true, Label: p.Page.File}
				docs = append(docs, od)
				items = append(items, made{pg, p, od, true})
			}
		}
		if anyPicked {
			d := &posters.Doc{Path: pg.Dir + "/" + posters.SetName + ".html", HTML: pg.SetHTML, PDF: true, Label: pg.Group.File}
			docs = append(docs, d)
			items = append(items, made{pg, nil, d, false})
			if pg.OnlineSetHTML != nil && web {
				od := &posters.Doc{Path: pg.Dir + "/" + posters.SetName + ".online.html", HTML: pg.OnlineSetHTML, PDF: true, Label: pg.Group.File}
				docs = append(docs, od)
				items = append(items, made{pg, nil, od, true})
			}
		}
	}

	var outs map[*posters.Doc]*posters.Output
	r := &posters.Renderer{
		Geometry: g,
		CacheDir: filepath.Join(m.Root, filepath.FromSlash(PosterCacheDir)),
		Files:    files,
		Timeout:  hooks.timeout,
		Start: func(ctx context.Context) (posters.Browser, error) {
			var b posters.Browser
			var err error
			if hooks.start != nil {
				b, err = hooks.start(ctx, exe)
			} else {
				b, err = posters.StartChrome(ctx, exe)
			}
			if err == nil && hooks.started != nil {
				hooks.started(b)
			}
			return b, err
		},
	}
	if exe != "" && len(docs) > 0 {
		// Ctrl-C while the browser works stops it in order and leaves
		// print/ and public/ as they were.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		outs, err = r.Render(ctx, docs)
		interrupted := ctx.Err() != nil
		stop()
		var te *posters.TimeoutError
		switch {
		case errors.As(err, &te):
			list.Error(diag.Pos{File: te.Label}, "posters.timeout", diag.Args{"seconds": int(te.After.Seconds())}, "posters.timeout.hint")
			return nil, nil
		case interrupted:
			return nil, ErrInterrupted
		case err != nil:
			if mode == "always" {
				return nil, err
			}
			// A browser that is there but will not work is reported, and
			// the HTML posters are still written.
			list.Warn(diag.Pos{File: config.FileName}, "posters.browserFailed", diag.Args{"browser": exe, "err": err.Error()}, "posters.noBrowser.hint")
			outs = nil
		}
	}

	stage, err := output.Begin(m.printDir)
	if err != nil {
		return nil, err
	}
	po := &posterOutput{print: stage, public: map[string][]byte{}, sets: map[string]*site.PosterSet{}}
	written := map[string]bool{}
	write := func(rel string, data []byte) error {
		written[rel] = true
		return stage.WriteFile(rel, data)
	}
	fail := func(err error) (*posterOutput, error) {
		stage.Abort()
		return nil, err
	}
	for _, pg := range plan.Groups {
		names := make([]string, 0, len(pg.Images))
		for name := range pg.Images {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			rel := pg.Dir + "/images/" + name
			written[rel] = true
			if err := stage.CopyFile(rel, pg.Images[name]); err != nil {
				return fail(err)
			}
		}
	}
	for _, it := range items {
		o := outs[it.doc]
		base := strings.TrimSuffix(it.doc.Path, ".html")
		if it.online {
			if o == nil {
				continue
			}
			// The website copy: PDF, PNG and a preview, beside the
			// group's download page.
			dir := PostersURL + it.group.Dir + "/"
			set := po.sets[it.group.Group.URL]
			if set == nil {
				set = &site.PosterSet{Dir: dir}
				po.sets[it.group.Group.URL] = set
			}
			if it.poster == nil {
				set.Set = posters.SetName + ".pdf"
				po.public[dir+set.Set] = o.PDF
				continue
			}
			f := site.PosterFile{Page: it.poster.Page, PDF: it.poster.Name + ".pdf", PNG: it.poster.Name + ".png", Preview: it.poster.Name + "-preview.jpg"}
			f.PreviewWidth, f.PreviewHeight = posters.ThumbWidth, int(math.Round(posters.ThumbWidth*g.TrimH/g.TrimW))
			po.public[dir+f.PDF] = o.PDF
			po.public[dir+f.PNG] = o.PNG
			po.public[dir+f.Preview] = o.Thumb
			set.Items = append(set.Items, f)
			continue
		}
		html := it.group.SetHTML
		if it.poster != nil {
			html = it.poster.HTML
			po.count++
		}
		if err := write(base+".html", html); err != nil {
			return fail(err)
		}
		if o == nil {
			continue
		}
		if err := write(base+".pdf", o.PDF); err != nil {
			return fail(err)
		}
		if it.poster != nil {
			po.pdfs++
			if err := write(base+".png", o.PNG); err != nil {
				return fail(err)
			}
			if len(o.Overflow) > 0 {
				list.Warn(diag.Pos{File: it.poster.Page.File}, "posters.overflow", nil, "posters.overflow.hint")
			}
		}
	}
	if partial {
		if err := carryOver(stage, m.printDir, written); err != nil {
			return fail(err)
		}
	} else {
		// The caches keep what this build used and nothing else.
		if err := r.PruneCache(docs); err != nil {
			return fail(err)
		}
		if pc != nil {
			if _, err := pc.proc.Prune(pc.keep); err != nil {
				return fail(err)
			}
		}
	}
	return po, nil
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

// Posters renders the posters of the groups and records that paths name (all
// of them when paths is empty) into print/, keeping the rest of print/ as
// it was. A path is a record's file, a group's or a neighbourhood's folder,
// relative to the root or to content/.
func Posters(o Options, paths []string) (*Result, error) {
	return runPosters(o, paths, nil)
}

func runPosters(o Options, paths []string, hooks *posterHooks) (*Result, error) {
	list := &diag.List{}
	res := &Result{Diags: list}
	m, err := Load(o.Root, res)
	if err != nil || m == nil || list.HasErrors() {
		return res, err
	}
	only, partial := pick(m, paths, list)
	if list.HasErrors() {
		return res, nil
	}
	m.printDir = o.Print
	if m.printDir == "" {
		m.printDir = filepath.Join(m.Root, PrintDir)
	}
	clk := &clock{res: res, last: time.Now()}
	po, err := makePosters(m, res, only, partial, false, hooks)
	clk.lap("posters")
	if err != nil || po == nil {
		return res, err
	}
	if list.HasErrors() {
		po.abort()
		return res, nil
	}
	res.Posters, res.PDFs = po.count, po.pdfs
	return res, po.commit()
}

// pick turns the paths of the posters command into a filter of pages; with
// no paths every poster is made and print/ is rebuilt whole.
func pick(m *Model, paths []string, list *diag.List) (only func(*content.Page) bool, partial bool) {
	if len(paths) == 0 {
		return nil, false
	}
	byRel := map[string]*content.Page{}
	for _, p := range m.Tree.Pages {
		byRel[p.Rel] = p
	}
	chosen := map[*content.Page]bool{}
	for _, arg := range paths {
		rel := filepath.ToSlash(arg)
		if abs, err := filepath.Abs(arg); err == nil {
			if r, err := filepath.Rel(filepath.Join(m.Root, content.Dir), abs); err == nil && !strings.HasPrefix(r, "..") {
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
		if chosen[p] || (p.Group != nil && chosen[p.Group.Page]) || (p.Community != nil && chosen[p.Community.Page]) {
			return true
		}
		return false
	}, true
}

// PosterPreviews writes the HTML of every poster of the site at root into
// dir, laid out as print/ is (<community>/<group>/<name>.html, the set as
// poster-set.html, photos under images/), for serve's previews. It starts no
// browser. A site with errors writes nothing: serve reports them from its
// own build.
func PosterPreviews(root, dir string) error {
	res := &Result{Diags: &diag.List{}}
	m, err := Load(root, res)
	if err != nil || m == nil || res.Diags.HasErrors() {
		return err
	}
	plan, _, err := planPosters(m, true, nil, res.Diags)
	if err != nil || plan == nil {
		return err
	}
	write := func(rel string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	for _, g := range plan.Groups {
		for _, p := range g.Posters {
			if err := write(g.Dir+"/"+p.Name+".html", p.HTML); err != nil {
				return err
			}
		}
		if g.SetHTML != nil {
			if err := write(g.Dir+"/poster-set.html", g.SetHTML); err != nil {
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
	}
	return nil
}
