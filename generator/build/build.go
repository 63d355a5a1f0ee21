// Package build is the pipeline: config → content → bodies (markdown and
// images) → privacy → posters → site → output. It is the only package that
// knows every stage, and it holds their order: the posters are made before
// the website, because the website's download pages list what they made.
package build

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"wallpress/generator/bodies"
	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/images"
	"wallpress/generator/internal/lastbuild"
	"wallpress/generator/output"
	"wallpress/generator/posters"
	"wallpress/generator/privacy"
	"wallpress/generator/search"
	"wallpress/generator/site"
)

// Options say what to build.
type Options struct {
	// Root is the site folder (holding config.yaml, content/, themes/).
	Root string
	// Write false checks everything and writes nothing.
	Write bool
	// Out is the folder the website is written to; empty means
	// <Root>/public.
	Out string
	// Print is the folder the posters are written to. Empty means
	// <Root>/print when Out is empty too; with Out set and Print empty, the
	// website is built alone, without posters or their download pages.
	Print string
	// Privacy asks a check for the privacy report (Result.Privacy).
	Privacy bool
	// Drafts builds the records marked draft: true too, each page with a
	// banner saying so: serve's preview, never public/ or print/.
	Drafts bool

	posters *posterHooks
}

// Result is what a build found and made.
type Result struct {
	Diags   *diag.List
	Config  *config.Config
	Catalog *i18n.Catalog
	Pages   int
	Images  int
	// Posters is how many posters were made, PDFs how many of them were
	// printed to PDF (none without a browser).
	Posters, PDFs int
	// Timings say how long each stage took, in order, for --verbose.
	Timings []Timing
	// Privacy lists, when Options.Privacy asked, every place where a name
	// or a room number written in content would reach the website, and
	// what the website shows instead.
	Privacy *diag.List
	// Unchanged reports that nothing had changed since the last build, so
	// nothing was written; the figures and warnings are that build's.
	Unchanged bool
}

// Timing is the duration of one stage of a build.
type Timing struct {
	Stage string
	Took  time.Duration
}

// clock records stage durations into a result.
type clock struct {
	res  *Result
	last time.Time
}

func (c *clock) lap(stage string) {
	now := time.Now()
	c.res.Timings = append(c.res.Timings, Timing{stage, now.Sub(c.last)})
	c.last = now
}

// MemoryLimit is the heap size past which the garbage collector should work
// harder rather than ask for more memory (the build, check and posters
// commands set it with debug.SetMemoryLimit unless GOMEMLIMIT is set; serve,
// which keeps the site in memory between rebuilds, does not): a build keeps a whole
// sub-district in memory, 0.3 GB of live data at 88x60, and by default Go
// lets the heap grow to twice that. It is a soft limit: a larger site still
// builds, with more time spent collecting.
const MemoryLimit = 450 << 20

// roomForBody raises the soft memory limit that main set, if it is below
// what parsing the largest body needs: about eight times its size for the
// syntax tree and its HTML. Below what is live, the collector would run
// without pause while the body is parsed (a 50 MB story spent more time
// collecting than working). A limit the user set with GOMEMLIMIT, and no
// limit, are left alone.
func roomForBody(size int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	limit := debug.SetMemoryLimit(-1)
	if need := MemoryLimit + 8*int64(size); limit != math.MaxInt64 && need > limit {
		debug.SetMemoryLimit(need)
	}
}

// PublicDir is the website's output folder under the root.
const PublicDir = "public"

// CacheDir is where processed images are kept between builds.
const CacheDir = ".cache/images"

// Model is everything the renderers need, read and checked once: the
// website and the posters are both drawn from it.
type Model struct {
	Root    string
	Config  *config.Config
	Catalog *i18n.Catalog
	Theme   *site.Theme
	// ThemeDir is the absolute folder of the theme.
	ThemeDir string
	Tree     *content.Site
	// The bodies, the images and the documents they need.
	*bodies.Set
	// imageBudget is the decode memory both image processors (web and
	// print variants) share, so that together they stay within it.
	imageBudget *images.Budget
	// printDir is where posters are written ("" when none are made).
	printDir string
	// Mask hides residents' names and room numbers in the website's files
	// (nil when the settings hide nothing).
	Mask *privacy.Masker
	// likely are the names no field declares, by the page they are in;
	// declared the names the fields declare, of every page.
	likely   map[*content.Page][]string
	declared map[string]bool
	// search is the website's search index, for serve to update.
	search *search.Index
}

// Run builds the site at o.Root. Problems in the content are in
// Result.Diags; the error is for failures that are not the user's (a bug,
// a full disk). When ctx is done (Ctrl-C) the build stops at the next
// page, image or poster, publishes nothing, and returns ErrInterrupted.
func Run(ctx context.Context, o Options) (*Result, error) {
	list := &diag.List{}
	res := &Result{Diags: list}
	// The usual build, into public/ and print/, is skipped when nothing
	// changed since the last good one.
	var inputs [sha256.Size]byte
	usual := o.Write && o.Out == "" && o.Print == "" && o.posters == nil && !o.Drafts
	if usual {
		start := time.Now()
		root, err := filepath.Abs(o.Root)
		if err != nil {
			return res, err
		}
		// What the last good build left must be whole before it is
		// compared with.
		if err := recoverOutput(root, list); err != nil {
			return res, err
		}
		browser, _ := posters.FindBrowser()
		if inputs, err = lastbuild.Inputs(root, browser); err != nil {
			usual = false
		} else if last := lastbuild.Unchanged(root, inputs, []string{PublicDir, PrintDir}); last != nil {
			return told(root, last, res, time.Since(start))
		}
	}
	m, err := load(ctx, o.Root, content.Options{Drafts: o.Drafts}, res)
	if err != nil || m == nil || list.HasErrors() {
		return res, err
	}
	if !o.Write {
		if o.Privacy {
			res.Privacy = privacy.SiteReport(m.FS, m.Tree, m.Mask, m.Paths, m.Attachments, m.Online(m.Tree))
		}
		return res, checkPosters(m, list)
	}
	out := o.Out
	if out == "" {
		out = filepath.Join(m.Root, PublicDir)
	}
	m.printDir = o.Print
	if m.printDir == "" && o.Out == "" {
		m.printDir = filepath.Join(m.Root, PrintDir)
	}
	var po *posterOutput
	if m.printDir != "" {
		clk := &clock{res: res, last: time.Now()}
		po, err = makePosters(ctx, m, res, nil, false, true, o.posters)
		clk.lap("posters")
		if err != nil || po == nil || list.HasErrors() {
			po.Abort()
			return res, err
		}
		res.Posters, res.PDFs = po.Count, po.PDFs
	}
	if err := writeSiteAndPosters(ctx, m, out, res, po); err != nil {
		return res, err
	}
	if usual {
		lastbuild.Remember(m.Root, inputs, []string{PublicDir, PrintDir}, lastbuild.Manifest{Pages: res.Pages, Images: res.Images, Posters: res.Posters, PDFs: res.PDFs}, res.Diags.Items())
	}
	return res, nil
}

// told is the last build's result, told again: its figures and warnings,
// with the config and messages of the site.
func told(root string, last *lastbuild.Manifest, res *Result, took time.Duration) (*Result, error) {
	// The config's own warnings are among the saved ones.
	rootFS := os.DirFS(root)
	res.Config = config.Load(rootFS, &diag.List{})
	cat, err := i18n.LoadFS(rootFS, "themes/"+res.Config.Theme, res.Config.Language)
	if err != nil {
		return res, err
	}
	res.Catalog = cat
	for _, d := range last.Warnings() {
		res.Diags.Add(d)
	}
	res.Pages, res.Images, res.Posters, res.PDFs = last.Pages, last.Images, last.Posters, last.PDFs
	res.Unchanged = true
	res.Timings = append(res.Timings, Timing{"unchanged", took})
	return res, nil
}

// Load reads and checks everything under root into a model; problems go to
// res.Diags. The model is nil when the config is too broken to go on.
func Load(root string, res *Result) (*Model, error) {
	return load(context.Background(), root, content.Options{}, res)
}

// load is Load with the content's options (serve's Session reads drafts).
// It returns ErrInterrupted as soon as ctx is done, between pages and
// between images.
func load(ctx context.Context, root string, co content.Options, res *Result) (*Model, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	list := res.Diags
	if err := recoverOutput(root, list); err != nil {
		return nil, err
	}
	clk := &clock{res: res, last: time.Now()}
	// The config and the theme are read through the site's folder, at the
	// edge of the program: the packages that read them take an fs.FS.
	rootFS := os.DirFS(root)
	cfg := config.Load(rootFS, list)
	res.Config = cfg
	if list.HasErrors() {
		// The config names the theme and language: nothing else can be
		// checked until it is right.
		return nil, nil
	}
	m := &Model{Root: root, Config: cfg, ThemeDir: filepath.Join(root, "themes", cfg.Theme)}
	themeDir := "themes/" + cfg.Theme
	res.Catalog, err = i18n.LoadFS(rootFS, themeDir, cfg.Language)
	if err != nil {
		return nil, fmt.Errorf("theme %s: %w", cfg.Theme, err)
	}
	m.Catalog = res.Catalog
	if m.Theme, err = site.LoadTheme(rootFS, themeDir); err != nil {
		return nil, fmt.Errorf("theme %s: %w", cfg.Theme, err)
	}

	// content/ is read through content.SiteFS (openat2 beneath it, or an
	// os.Root): no link can lead a read out of it. The theme is read as it is, but a link in it that leads out of
	// themes/ is refused as in content/, since its static files are
	// published.
	fsys := content.OpenSite(root)
	tree := content.LoadWith(fsys, co, list)
	content.CheckLinks(rootFS, themeDir, list)
	m.Tree = tree
	if cfg.BaseURL == "" && !list.HasErrors() {
		// Once per build: without the site's address there is no sitemap
		// and no poster has a QR code, which should not go unnoticed. Not
		// while the content has errors, whose messages come first.
		list.Warn(diag.Pos{File: config.FileName}, "content.noBaseURL", nil, "content.noBaseURL.hint")
	}
	clk.lap("content")
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}

	// Each page on its own, on every core: parse the body, compute the
	// account book (its receipts may be pictures to process), find every
	// image an output may use (bodies.Set.Read).
	m.imageBudget = images.NewBudget(0)
	proc := images.New(images.Options{Widths: cfg.Images.Widths, Quality: cfg.Images.Quality, CacheDir: filepath.Join(root, filepath.FromSlash(CacheDir)), Budget: m.imageBudget})
	m.Set = bodies.New(fsys, tree.Pages, proc)
	work := make([]bodies.Work, len(tree.Pages))
	largest := 0
	for _, p := range tree.Pages {
		largest = max(largest, len(p.Body))
	}
	roomForBody(largest)
	forEach(len(tree.Pages), func(i int) {
		if ctx.Err() == nil {
			work[i] = m.Read(tree.Pages[i], list)
		}
	})
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	var wanted []images.Ref
	for i := range work {
		wanted = append(wanted, work[i].Wanted...)
		m.Keep(&work[i])
	}
	clk.lap("markdown")

	processed := proc.ProcessAll(ctx, fsys, content.Dir, wanted, list)
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	// Every page's names are known once its account book is read; the
	// names no field declares are looked for while the bodies are here.
	declared := privacy.DeclaredIn(tree)
	m.declared = declared
	likely := make([][]string, len(tree.Pages))
	forEach(len(tree.Pages), func(i int) { likely[i] = m.likelyNames(tree.Pages[i], declared, list) })
	m.Mask = privacy.ForSite(declared, likely, cfg.Privacy.MaskNamesOnline, cfg.Privacy.MaskRooms)
	m.likely = map[*content.Page][]string{}
	for i, l := range likely {
		if len(l) > 0 {
			m.likely[tree.Pages[i]] = l
		}
	}
	m.Paths = privacy.NewPaths(m.Mask)
	m.AddImages(processed)
	checkNames(m, list)
	forEach(len(tree.Pages), func(i int) {
		if ctx.Err() == nil {
			m.Finish(&work[i], list)
		}
	})
	if ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	for i := range work {
		if err := m.Take(&work[i]); err != nil {
			return nil, err
		}
	}
	clk.lap("images")
	for _, p := range tree.Pages {
		// The markdown is rendered: let its file's bytes go.
		p.Body = nil
	}
	return m, nil
}

// writeSite writes the website into out, all or nothing.
func writeSite(m *Model, out string, res *Result) error {
	return writeSiteAndPosters(context.Background(), m, out, res, nil)
}

// writeSiteAndPosters writes the website into out with the posters' download
// pages and files, and swaps in print/ as staged in po (which may be nil),
// all or nothing.
func writeSiteAndPosters(ctx context.Context, m *Model, out string, res *Result, po *posterOutput) error {
	clk := &clock{res: res, last: time.Now()}
	defer clk.lap("website")
	stage, err := output.Begin(out)
	if err != nil {
		po.Abort()
		return err
	}
	var pages atomic.Int64
	docs := m.newSearchDocs(true)
	err = m.Theme.Render(site.Input{Config: m.Config, Catalog: m.Catalog, Site: m.Tree, Bodies: m.Bodies, Images: m.Images, Posters: po.Sets()}, func(p string, data []byte) error {
		if ctx.Err() != nil {
			return ErrInterrupted
		}
		if strings.HasSuffix(p, ".html") {
			pages.Add(1)
		}
		data = m.Mask.WebFile(p, data)
		if f, doc := docs.Add(p, data); f != "" {
			if err := stage.WriteFile(f, doc); err != nil {
				return err
			}
		}
		return stage.WriteFile(p, data)
	})
	if err == nil {
		err = m.writeSearch(docs, stage)
	}
	if err == nil {
		res.Images, err = m.CopyImages(m.Tree, stage)
	}
	if err == nil {
		err = m.CopyAttachments(m.Tree, stage)
	}
	if err == nil {
		err = po.WritePublic(stage)
	}
	if err == nil && ctx.Err() != nil {
		// The last moment to stop: after it public/ and print/ change.
		err = ErrInterrupted
	}
	if err != nil {
		stage.Abort()
		po.Abort()
		return err
	}
	res.Pages = int(pages.Load())
	// public/ and print/ in one step: the posters' QR codes and the
	// website never disagree.
	if err := publish(m.Root, res.Diags, stage, po.Stage()); err != nil {
		return err
	}
	return m.PruneCache()
}

// publish swaps the staged trees in together (see output.Publish); an old
// copy that could not be removed afterwards is a warning naming it.
func publish(root string, list *diag.List, stages ...*output.Stage) error {
	warnings, err := output.Publish(stages...)
	warnOutput(root, list, warnings)
	return err
}

// recoverOutput puts public/ and print/ back together after a build that
// was killed while publishing them, before anything reads them.
func recoverOutput(root string, list *diag.List) error {
	warnings, err := output.Recover(root)
	warnOutput(root, list, warnings)
	return err
}

func warnOutput(root string, list *diag.List, warnings []*output.Error) {
	for _, w := range warnings {
		d := w.Diagnostic(root)
		d.Severity = diag.Warning
		list.Add(d)
	}
}
