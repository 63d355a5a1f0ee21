package build

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
	// public maps paths under public/ to their contents.
	public map[string]publicFile
	// sets are the download pages' contents by group page URL.
	sets map[string]*site.PosterSet
	// count is how many posters were made, pdfs how many of them as PDF.
	count, pdfs int
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
		f := po.public[k]
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

func (po *posterOutput) abort() {
	if po != nil && po.print != nil {
		po.print.Abort()
	}
}

// stage is print/ as staged, nil when no posters are made.
func (po *posterOutput) stage() *output.Stage {
	if po == nil {
		return nil
	}
	return po.print
}

// commit publishes print/ alone, for the posters command.
func (po *posterOutput) commit(root string, list *diag.List) error {
	return publish(root, list, po.stage())
}

// photoInput returns the photos the posters may show. With print set, each
// has its print variant (processed now, or from the cache); otherwise only
// its size, which is all the resolution check needs.
func (m *Model) photoInput(ctx context.Context, print bool, only func(*content.Page) bool) (map[string]posters.Photo, *printCache, error) {
	out := map[string]posters.Photo{}
	var refs []imageRef
	for _, p := range m.Tree.Pages {
		if !p.Publish.Printed() || only != nil && !only(p) && (p.Group == nil || !only(p.Group.Page)) {
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
	proc := images.New(images.Options{Widths: []int{1 << 16}, Quality: printQuality, CacheDir: filepath.Join(m.Root, filepath.FromSlash(PrintCacheDir)), Budget: m.imageBudget})
	// Every image here was read once already; a failure now is not the
	// user's.
	errs := &diag.List{}
	done := processAll(ctx, proc, m.fsys, refs, errs)
	if ctx.Err() != nil {
		return nil, nil, ErrInterrupted
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

// printCache is the processor of the print variants and the entries this
// build used, for pruning the rest.
type printCache struct {
	proc *images.Processor
	keep map[string]bool
}

// posterPlanner loads the theme's poster templates and the photos and
// prepares the layout of the posters (only those Only picks, when set).
// With print set, the photos' print variants are made. It reports records
// whose names the poster set uses. A nil planner with no error means the
// theme has no posters (said once as a warning).
func posterPlanner(ctx context.Context, m *Model, print bool, only func(*content.Page) bool, list *diag.List) (*posters.Planner, *printCache, error) {
	if _, err := os.Stat(filepath.Join(m.ThemeDir, posters.Dir)); errors.Is(err, os.ErrNotExist) {
		// A theme of the website alone: say so once, and go on.
		list.Warn(diag.Pos{File: config.FileName}, "posters.noTheme", diag.Args{"theme": m.Config.Theme, "dir": "themes/" + m.Config.Theme + "/" + posters.Dir}, "")
		return nil, nil, nil
	}
	theme, err := posters.LoadTheme(m.ThemeDir, m.Catalog)
	if err != nil {
		return nil, nil, fmt.Errorf("theme %s posters: %w", m.Config.Theme, err)
	}
	photos, pc, err := m.photoInput(ctx, print, only)
	if err != nil {
		return nil, nil, err
	}
	pl := theme.Planner(posters.Input{Config: m.Config, Catalog: m.Catalog, Site: m.Tree, Bodies: m.Bodies, Photos: photos, Only: only, Mask: m.Mask,
		Source: func(p *content.Page) []byte { return markdownBody(m.fsys, p) }})
	pl.CheckNames(list)
	pl.CheckFonts(func(f string) ([]byte, error) { return fs.ReadFile(m.fsys, f) }, list)
	return pl, pc, nil
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

// checkPosters checks the posters without making them (check, and build
// without writing): photos too coarse for the paper, record names the
// poster set uses. It lays out every group, in parallel, and keeps none of
// them.
func checkPosters(m *Model, list *diag.List) error {
	pl, _, err := posterPlanner(context.Background(), m, false, nil, list)
	if err != nil || pl == nil {
		return err
	}
	lay := pl.LayoutOnly()
	err = eachGroup(lay.Groups(), func(grp *content.Group) error {
		pg, err := lay.Group(grp)
		if err == nil && pg != nil {
			checkPrintDPI(pg.Uses, m.Config.Posters, list)
			reportLeftOff(pg.LeftOff, list)
		}
		return err
	})
	return err
}

// eachGroup calls fn for every group, on as many goroutines as there are
// cores, and returns the first error; after an error no group is started.
func eachGroup(groups []*content.Group, fn func(*content.Group) error) error {
	var (
		mu    sync.Mutex
		first error
		next  int
		wg    sync.WaitGroup
	)
	take := func() (*content.Group, bool) {
		mu.Lock()
		defer mu.Unlock()
		if first != nil || next >= len(groups) {
			return nil, false
		}
		next++
		return groups[next-1], true
	}
	for range min(runtime.GOMAXPROCS(0), len(groups)) {
		wg.Go(func() {
			for {
				grp, ok := take()
				if !ok {
					return
				}
				if err := fn(grp); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// reportLeftOff says what the theme left off the posters, at the line of
// the record that holds it.
func reportLeftOff(left []posters.LeftOff, list *diag.List) {
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
func checkPrintDPI(uses []posters.PhotoUse, cfg config.Posters, list *diag.List) {
	type key struct {
		page *content.Page
		src  string
	}
	worst := map[key]posters.PhotoUse{}
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

// makePosters renders the posters (only those picked, when only is set) and
// stages print/. With partial set, the files of print/ that this run does
// not make are carried over from the old tree; with web set, the website's
// copies are made too. A nil output with no error means the build has errors
// to report.
//
// The groups are laid out, rendered and written one at a time on each core,
// each group's documents dropped once its files are staged, so that memory
// does not grow with the number of posters; one browser serves them all.
func makePosters(ctx context.Context, m *Model, res *Result, only func(*content.Page) bool, partial, web bool, hooks *posterHooks) (*posterOutput, error) {
	list := res.Diags
	pl, pc, err := posterPlanner(ctx, m, true, only, list)
	if err != nil || list.HasErrors() {
		return nil, err
	}
	if pl == nil {
		// No poster templates: print/ is left as it is.
		return &posterOutput{}, nil
	}
	if hooks == nil {
		hooks = &posterHooks{}
	}
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

	r := &posters.Renderer{
		Geometry: pl.Geometry(),
		CacheDir: filepath.Join(m.Root, filepath.FromSlash(PosterCacheDir)),
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
	stage, err := output.Begin(m.printDir)
	if err != nil {
		return nil, err
	}
	mk := &posterMaker{m: m, list: list, web: web, stage: stage, r: r, geo: pl.Geometry(),
		out:     &posterOutput{print: stage, public: map[string]publicFile{}, sets: map[string]*site.PosterSet{}},
		written: map[string]bool{}, keep: map[string]bool{}}
	mk.interrupted = func() bool { return ctx.Err() != nil }
	if exe != "" {
		// ctx done (Ctrl-C, which main turns into it) while the browser
		// works stops it in order and leaves print/ and public/ as they
		// were.
		mk.sess = r.Open(ctx)
		defer mk.sess.Close()
	}
	fail := func(err error) (*posterOutput, error) {
		stage.Abort()
		return nil, err
	}
	err = eachGroup(pl.Groups(), func(grp *content.Group) error {
		if mk.interrupted() {
			return ErrInterrupted
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
		return fail(ErrInterrupted)
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
	if partial {
		if err := carryOver(stage, m.printDir, mk.written); err != nil {
			return fail(err)
		}
	} else {
		// The caches keep what this build used and nothing else. A build
		// without a browser used no rendered poster, and leaves them for
		// the next build that has one.
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

// posterMaker renders and stages the posters of groups, several at once.
type posterMaker struct {
	m     *Model
	list  *diag.List
	web   bool
	stage *output.Stage
	r     *posters.Renderer
	// sess is the browser's session, nil when posters are HTML only.
	sess *posters.Session
	// interrupted reports whether the user stopped the build.
	interrupted func() bool
	geo         posters.Geometry

	mu  sync.Mutex
	out *posterOutput
	// written are the files staged into print/; keep the render cache's
	// entries of this build's documents.
	written, keep map[string]bool
	// browserErr is the browser's failure, after which the posters are
	// HTML only.
	browserErr error
}

// group renders one group's posters and stages its files.
func (mk *posterMaker) group(pg *posters.Group) error {
	// The documents: each poster for the wall, its website copy, and the
	// two sets.
	type made struct {
		poster *posters.Poster
		doc    *posters.Doc
		online bool
	}
	var docs []*posters.Doc
	var items []made
	add := func(p *posters.Poster, d *posters.Doc, online bool) {
		docs = append(docs, d)
		items = append(items, made{p, d, online})
	}
	anyPicked := false
	for _, p := range pg.Posters {
		if !p.Picked {
			continue
		}
		anyPicked = true
		add(p, &posters.Doc{Path: pg.Dir + "/" + p.Name + ".html", HTML: p.HTML, PDF: true, PNG: true, Thumb: p.Online, Label: p.Page.File}, false)
		if p.Online && mk.web {
			add(p, &posters.Doc{Path: pg.Dir + "/" + p.Name + ".online.html", HTML: p.OnlineHTML, PDF: true, PNG: true, Thumb: true, Label: p.Page.File}, true)
		}
	}
	if anyPicked {
		add(nil, &posters.Doc{Path: pg.Dir + "/" + posters.SetName + ".html", HTML: pg.SetHTML, PDF: true, Label: pg.Group.File}, false)
		if pg.OnlineSetHTML != nil && mk.web {
			add(nil, &posters.Doc{Path: pg.Dir + "/" + posters.SetName + ".online.html", HTML: pg.OnlineSetHTML, PDF: true, Label: pg.Group.File}, true)
		}
	}
	checkPrintDPI(pg.Uses, mk.m.Config.Posters, mk.list)
	reportLeftOff(pg.LeftOff, mk.list)

	var written []string
	write := func(rel string, data []byte) error {
		written = append(written, rel)
		return mk.stage.WriteFile(rel, data)
	}
	// The photos and the HTML first: they are staged whatever the browser
	// does.
	files := map[string]string{}
	names := make([]string, 0, len(pg.Images))
	for name := range pg.Images {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
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
	var outs map[*posters.Doc]*posters.Output
	var keys []string
	if mk.sess != nil {
		for _, d := range docs {
			keys = append(keys, mk.r.Key(d))
		}
	}
	if mk.sess != nil && !mk.failed() {
		var err error
		outs, err = mk.sess.Render(docs, files)
		var te *posters.TimeoutError
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
	var set *site.PosterSet
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
				set = &site.PosterSet{Dir: PostersURL + pg.Dir + "/"}
			}
			if it.poster == nil {
				set.Set = posters.SetName + ".pdf"
				public[set.Dir+set.Set] = publicOf(o.PDF, o.CachedPDF)
				continue
			}
			f := site.PosterFile{Page: it.poster.Page, PDF: it.poster.Name + ".pdf", PNG: it.poster.Name + ".png", Preview: it.poster.Name + "-preview.jpg"}
			f.PreviewWidth, f.PreviewHeight = posters.ThumbWidth, int(math.Round(posters.ThumbWidth*mk.geo.TrimH/mk.geo.TrimW))
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
	po.count += count
	po.pdfs += pdfs
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
func (mk *posterMaker) failed() bool {
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

// Posters renders the posters of the groups and records that paths name (all
// of them when paths is empty) into print/, keeping the rest of print/ as
// it was. A path is a record's file, a group's or a neighbourhood's folder,
// relative to the root or to content/.
// When ctx is done the run stops, leaves print/ as it was and returns
// ErrInterrupted.
func Posters(ctx context.Context, o Options, paths []string) (*Result, error) {
	return runPosters(ctx, o, paths, nil)
}

func runPosters(ctx context.Context, o Options, paths []string, hooks *posterHooks) (*Result, error) {
	list := &diag.List{}
	res := &Result{Diags: list}
	m, err := load(ctx, o.Root, content.Options{}, res)
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
	po, err := makePosters(ctx, m, res, only, partial, false, hooks)
	clk.lap("posters")
	if err != nil || po == nil {
		return res, err
	}
	if list.HasErrors() {
		po.abort()
		return res, nil
	}
	res.Posters, res.PDFs = po.count, po.pdfs
	return res, po.commit(m.Root, list)
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

// writePreviews writes a group's posters as HTML, with their photos, into
// dir/<community>/<group>/.
func writePreviews(dir string, g *posters.Group) error {
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
	return nil
}
