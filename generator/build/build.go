// Package build is the pipeline: config → content → (markdown ∥ images) →
// site → output. It is the only package that knows every stage, and it holds
// their order.
package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/images"
	"wallpress/generator/ledger"
	"wallpress/generator/markdown"
	"wallpress/generator/output"
	"wallpress/generator/posters"
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
	// Context, when it is done, stops the build as Ctrl-C does: nothing is
	// written and Run returns ErrInterrupted. nil never stops.
	Context context.Context

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
	Bodies   map[*content.Page]site.Body
	// Images are the web variants by content path; Processed the same
	// images as the image step returned them (cache files).
	Images    map[string]site.Image
	Processed map[string]images.Result
	// bodyImages are the images each body shows, for copying them.
	bodyImages map[*content.Page][]string
	proc       *images.Processor
	// imageBudget is the decode memory both image processors (web and
	// print variants) share, so that together they stay within it.
	imageBudget *images.Budget
	// printDir is where posters are written ("" when none are made).
	printDir string
	// What rendering one more body needs: the content, its pages by path,
	// the markdown converter.
	fsys      fs.FS
	pageByRel map[string]*content.Page
	conv      *markdown.Converter
}

// Run builds the site at o.Root. Problems in the content are in
// Result.Diags; the error is for failures that are not the user's (a bug,
// a full disk).
func Run(o Options) (*Result, error) {
	list := &diag.List{}
	res := &Result{Diags: list}
	// The usual build, into public/ and print/, is skipped when nothing
	// changed since the last good one.
	var inputs [sha256.Size]byte
	usual := o.Write && o.Out == "" && o.Print == "" && o.posters == nil
	if usual {
		start := time.Now()
		root, err := filepath.Abs(o.Root)
		if err != nil {
			return res, err
		}
		browser, _ := posters.FindBrowser()
		if inputs, err = inputsOf(root, browser); err != nil {
			usual = false
		} else if last := unchanged(root, inputs); last != nil {
			return last.result(root, res, time.Since(start))
		}
	}
	m, err := Load(o.Root, res)
	if err != nil || m == nil || list.HasErrors() {
		return res, err
	}
	if o.Context != nil && o.Context.Err() != nil {
		return res, ErrInterrupted
	}
	if !o.Write {
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
		po, err = makePosters(o.Context, m, res, nil, false, true, o.posters)
		clk.lap("posters")
		if err != nil || po == nil || list.HasErrors() {
			po.abort()
			return res, err
		}
		res.Posters, res.PDFs = po.count, po.pdfs
	}
	if err := writeSiteAndPosters(m, out, res, po); err != nil {
		return res, err
	}
	if usual {
		remember(m.Root, inputs, res)
	}
	return res, nil
}

// Load reads and checks everything under root into a model; problems go to
// res.Diags. The model is nil when the config is too broken to go on.
func Load(root string, res *Result) (*Model, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	list := res.Diags
	clk := &clock{res: res, last: time.Now()}
	cfg := config.Load(root, list)
	res.Config = cfg
	if list.HasErrors() {
		// The config names the theme and language: nothing else can be
		// checked until it is right.
		return nil, nil
	}
	m := &Model{Root: root, Config: cfg, ThemeDir: filepath.Join(root, "themes", cfg.Theme)}
	res.Catalog, err = i18n.Load(m.ThemeDir, cfg.Language)
	if err != nil {
		return nil, fmt.Errorf("theme %s: %w", cfg.Theme, err)
	}
	m.Catalog = res.Catalog
	if m.Theme, err = site.LoadTheme(m.ThemeDir); err != nil {
		return nil, fmt.Errorf("theme %s: %w", cfg.Theme, err)
	}

	fsys := os.DirFS(root)
	tree := content.Load(fsys, list)
	m.Tree = tree
	checkReserved(tree, list)
	checkFocus(tree.Pages, list)
	clk.lap("content")

	m.fsys = fsys
	m.pageByRel = make(map[string]*content.Page, len(tree.Pages))
	for _, p := range tree.Pages {
		m.pageByRel[p.Rel] = p
	}
	m.conv = markdown.New()

	// Each page on its own, on every core: parse the body, compute the
	// account book (its receipts may be pictures to process), find every
	// image an output may use. A body without images is rendered at once,
	// so that its syntax tree — the largest thing a build holds — is
	// dropped as soon as it is made; bodies with images wait for them.
	work := make([]pageWork, len(tree.Pages))
	m.Images = map[string]site.Image{}
	forEach(len(tree.Pages), func(i int) { work[i] = m.readBody(tree.Pages[i], list) })
	var wanted []imageRef
	for i, p := range tree.Pages {
		wanted = append(wanted, work[i].wanted...)
		if len(work[i].bodyImages) > 0 {
			if m.bodyImages == nil {
				m.bodyImages = map[*content.Page][]string{}
			}
			m.bodyImages[p] = work[i].bodyImages
		}
	}
	clk.lap("markdown")

	m.imageBudget = images.NewBudget(0)
	m.proc = images.New(images.Options{Widths: cfg.Images.Widths, Quality: cfg.Images.Quality, CacheDir: filepath.Join(root, filepath.FromSlash(CacheDir)), Budget: m.imageBudget})
	m.Processed = processAll(m.proc, fsys, wanted, list)
	for src, r := range m.Processed {
		m.Images[src] = webImage(src, r)
	}
	forEach(len(tree.Pages), func(i int) {
		if w := &work[i]; !w.rendered {
			w.body, w.err = m.renderBody(tree.Pages[i], w.doc, list)
			w.doc = nil
		}
	})
	m.Bodies = make(map[*content.Page]site.Body, len(tree.Pages))
	for i, p := range tree.Pages {
		if work[i].err != nil {
			return nil, work[i].err
		}
		m.Bodies[p] = work[i].body
	}
	clk.lap("images")
	for _, p := range tree.Pages {
		inheritHouseholds(p)
		// The markdown is rendered: let its file's bytes go.
		p.Body = nil
	}
	return m, nil
}

// inheritHouseholds gives a convention that does not say how many
// households it is for the number of its group.
func inheritHouseholds(p *content.Page) {
	if p.Kind == content.KindConvention && p.Convention.Households == 0 && p.Group != nil && p.Group.GroupM != nil {
		p.Convention.Households = p.Group.GroupM.Households
	}
}

// pageWork is what reading one page's body found.
type pageWork struct {
	doc        *markdown.Doc
	body       site.Body
	rendered   bool
	err        error
	wanted     []imageRef
	bodyImages []string
}

// readBody parses a page's body, computes its account book and lists the
// images it needs; a body without images is rendered at once.
func (m *Model) readBody(p *content.Page, list *diag.List) pageWork {
	var w pageWork
	doc := m.conv.Parse(p.Body, p.BodyLine)
	if p.Kind == content.KindLedger {
		computeLedger(m.fsys, p, doc.Table(), list)
	}
	if p.Publish != content.Nowhere {
		for _, im := range p.Images() {
			w.wanted = append(w.wanted, imageRef{page: p, src: im.Src, line: im.Line})
		}
		w.wanted = append(w.wanted, receiptImages(m.fsys, p)...)
	}
	dests := doc.Images()
	if p.Publish != content.Nowhere {
		for _, dest := range dests {
			if src, ok := bodyPath(p, dest); ok {
				w.bodyImages = append(w.bodyImages, src)
				if exists(m.fsys, src) {
					w.wanted = append(w.wanted, imageRef{page: p, src: src, line: p.BodyLine})
				}
			}
		}
	}
	if len(dests) == 0 {
		w.body, w.err = m.renderBody(p, doc, list)
		w.rendered = true
		return w
	}
	w.doc = doc
	return w
}

// renderBody renders a page's parsed body, with links to other records'
// files turned into links to their pages and images into responsive
// pictures (from m.Images: its images must be processed first).
func (m *Model) renderBody(p *content.Page, doc *markdown.Doc, list *diag.List) (site.Body, error) {
	r, err := doc.Render(markdown.Options{
		Table: p.Kind == content.KindLedger && p.Ledger.CSV == "",
		List:  p.Kind == content.KindConvention,
		Link:  func(dest string, line int) string { return linkFor(m.fsys, p, dest, line, m.pageByRel, list) },
		Image: func(dest string, line int) (markdown.Picture, bool) { return pictureFor(p, dest, line, m.Images, list) },
	})
	return site.Body{HTML: r.HTML, Items: r.Items, Summary: r.Summary}, err
}

// writeSite writes the website into out, all or nothing.
func writeSite(m *Model, out string, res *Result) error {
	return writeSiteAndPosters(m, out, res, nil)
}

// writeSiteAndPosters writes the website into out with the posters' download
// pages and files, and swaps in print/ as staged in po (which may be nil),
// all or nothing.
func writeSiteAndPosters(m *Model, out string, res *Result, po *posterOutput) error {
	clk := &clock{res: res, last: time.Now()}
	defer clk.lap("website")
	stage, err := output.Begin(out)
	if err != nil {
		return err
	}
	var pages atomic.Int64
	err = m.Theme.Render(site.Input{Config: m.Config, Catalog: m.Catalog, Site: m.Tree, Bodies: m.Bodies, Images: m.Images, Posters: po.siteSets()}, func(p string, data []byte) error {
		if strings.HasSuffix(p, ".html") {
			pages.Add(1)
		}
		return stage.WriteFile(p, data)
	})
	if err == nil {
		res.Images, err = copyImages(stage, m.Tree, m.Processed, m.bodyImages)
	}
	if err == nil {
		err = po.writePublic(stage)
	}
	if err != nil {
		stage.Abort()
		po.abort()
		return err
	}
	res.Pages = int(pages.Load())
	// print/ first: should swapping it in fail, public/ is left as well.
	if err := po.commit(); err != nil {
		stage.Abort()
		return err
	}
	if err := stage.Commit(); err != nil {
		return err
	}
	return m.pruneCache()
}

// pruneCache removes processed images that no page uses any more, so that
// the cache does not grow with every photo ever replaced. Only after a
// successful build: a build with errors may not have seen every image.
func (m *Model) pruneCache() error {
	keep := make(map[string]bool, len(m.Processed))
	for _, r := range m.Processed {
		keep[r.Hash] = true
	}
	_, err := m.proc.Prune(keep)
	return err
}

type imageRef struct {
	page *content.Page
	src  string
	line int
}

// processAll processes the images on every core; each problem is reported
// once per place that names the image.
func processAll(proc *images.Processor, fsys fs.FS, refs []imageRef, list *diag.List) map[string]images.Result {
	out := map[string]images.Result{}
	var mu sync.Mutex
	work := make(chan imageRef)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for ref := range work {
				r, err := proc.Process(fsys, content.Dir+"/"+ref.src)
				pos := diag.Pos{File: ref.page.File, Line: ref.line}
				if err != nil {
					var ie *images.Error
					if errors.As(err, &ie) {
						d := ie.Diagnostic(pos)
						d.Args["image"] = ref.src
						list.Add(d)
					} else {
						list.Error(pos, "build.image", diag.Args{"image": ref.src, "err": err.Error()}, "")
					}
					continue
				}
				mu.Lock()
				out[ref.src] = r
				mu.Unlock()
			}
		})
	}
	for _, r := range refs {
		work <- r
	}
	close(work)
	wg.Wait()
	return out
}

// variantPath is where a variant of a content image is published: beside
// where the image sits in content/, named by its width.
func variantPath(src string, width int) string {
	ext := path.Ext(src)
	stem := strings.TrimSuffix(src, ext)
	if e := strings.ToLower(ext); e != ".jpg" && e != ".jpeg" {
		// photo.png and photo.jpg side by side must not collide.
		stem += "-" + strings.TrimPrefix(e, ".")
	}
	return fmt.Sprintf("%s-%dw.jpg", stem, width)
}

func webImage(src string, r images.Result) site.Image {
	im := site.Image{Width: r.Width, Height: r.Height}
	for _, v := range r.Variants {
		im.Variants = append(im.Variants, site.Variant{Path: variantPath(src, v.Width), Width: v.Width, Height: v.Height})
	}
	return im
}

// copyImages puts the variants of every image that an online page shows
// into the tree.
func copyImages(stage *output.Stage, tree *content.Site, processed map[string]images.Result, bodyImages map[*content.Page][]string) (int, error) {
	online := map[string]bool{}
	for _, p := range tree.Pages {
		if !p.Publish.Online() {
			continue
		}
		for _, im := range p.Images() {
			online[im.Src] = true
		}
		if p.Ledger != nil {
			for _, src := range p.Ledger.Receipts {
				online[src] = true
			}
		}
		for _, src := range bodyImages[p] {
			online[src] = true
		}
	}
	var srcs []string
	for src := range online {
		if _, ok := processed[src]; ok {
			srcs = append(srcs, src)
		}
	}
	slices.Sort(srcs)
	for _, src := range srcs {
		for _, v := range processed[src].Variants {
			if err := stage.CopyFile(variantPath(src, v.Width), v.File); err != nil {
				return 0, err
			}
		}
	}
	return len(srcs), nil
}

// bodyPath resolves an image or link written in a page's body to a path
// relative to content/. ok is false for URLs with a scheme, anchors and
// paths that leave content/.
func bodyPath(p *content.Page, dest string) (string, bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") || path.IsAbs(dest) {
		return "", false
	}
	dest, _, _ = strings.Cut(dest, "#")
	dest = strings.ReplaceAll(dest, `\`, "/")
	s := path.Join(path.Dir(p.Rel), dest)
	if s == ".." || strings.HasPrefix(s, "../") {
		return "", false
	}
	return s, true
}

func exists(fsys fs.FS, src string) bool {
	st, err := fs.Stat(fsys, content.Dir+"/"+src)
	return err == nil && !st.IsDir()
}

// relURL returns the link from page URL from to site path to.
func relURL(from, to string) string {
	r := strings.Repeat("../", strings.Count(from, "/")) + to
	if r == "" {
		return "./"
	}
	return r
}

// linkFor rewrites a link in a page's body: a link to another record's .md
// file becomes a relative link to its page.
func linkFor(fsys fs.FS, p *content.Page, dest string, line int, pages map[string]*content.Page, list *diag.List) string {
	if !strings.HasSuffix(strings.ToLower(strings.SplitN(dest, "#", 2)[0]), ".md") {
		return dest
	}
	src, ok := bodyPath(p, dest)
	if !ok {
		return dest
	}
	_, frag, _ := strings.Cut(dest, "#")
	target, ok := pages[src]
	if !ok {
		if exists(fsys, src) {
			// A draft, or a file whose own error is already reported.
			return "#"
		}
		list.Error(diag.Pos{File: p.File, Line: line}, "markdown.linkMissing", diag.Args{"path": dest}, "markdown.linkMissing.hint")
		return dest
	}
	if p.Publish.Online() && !target.Publish.Online() {
		// A link from a public page to a wall-only record would lead nowhere
		// online: drop the destination, keep the text.
		return "#"
	}
	u := relURL(p.URL, target.URL)
	if frag != "" {
		u += "#" + frag
	}
	return u
}

// pictureFor turns an image in a page's body into a responsive picture.
func pictureFor(p *content.Page, dest string, line int, imgs map[string]site.Image, list *diag.List) (markdown.Picture, bool) {
	if strings.Contains(dest, "://") {
		// Everything the site shows is served from public/ itself.
		list.Error(diag.Pos{File: p.File, Line: line}, "markdown.imageRemote", diag.Args{"path": dest}, "content.path.hint")
		return markdown.Picture{}, false
	}
	src, ok := bodyPath(p, dest)
	if !ok {
		list.Error(diag.Pos{File: p.File, Line: line}, "markdown.imageOutside", diag.Args{"path": dest}, "content.path.hint")
		return markdown.Picture{}, false
	}
	im, ok := imgs[src]
	if !ok || len(im.Variants) == 0 {
		if _, seen := imgs[src]; !seen && p.Publish != content.Nowhere {
			list.Error(diag.Pos{File: p.File, Line: line}, "markdown.imageMissing", diag.Args{"path": dest}, "content.fileMissing.hint")
		}
		return markdown.Picture{}, false
	}
	var set []string
	for _, v := range im.Variants {
		set = append(set, fmt.Sprintf("%s %dw", relURL(p.URL, v.Path), v.Width))
	}
	def := im.Variants[len(im.Variants)/2]
	return markdown.Picture{Src: relURL(p.URL, def.Path), SrcSet: strings.Join(set, ", "), Sizes: "(min-width: 40em) 40em, 100vw", Width: def.Width, Height: def.Height}, true
}

// receiptPattern finds the path in a receipt cell written as a markdown
// image, ![收据](r1.jpg), or as a bare file name, r1.jpg.
var receiptPattern = regexp.MustCompile(`^(?:!\[[^\]]*\]\(\s*([^)\s]+)[^)]*\)|([^\s()]+\.(?i:jpe?g|png|webp|gif)))$`)

// receiptImages finds the receipts of a ledger that name a picture beside
// it, records them in the ledger and returns them for processing.
func receiptImages(fsys fs.FS, p *content.Page) []imageRef {
	if p.Ledger == nil || p.Ledger.Book == nil {
		return nil
	}
	var out []imageRef
	for _, e := range p.Ledger.Book.Entries {
		m := receiptPattern.FindStringSubmatch(strings.TrimSpace(e.Receipt))
		if m == nil {
			continue
		}
		src, ok := bodyPath(p, m[1]+m[2])
		if !ok || !exists(fsys, src) {
			continue
		}
		if p.Ledger.Receipts == nil {
			p.Ledger.Receipts = map[string]string{}
		}
		p.Ledger.Receipts[e.Receipt] = src
		out = append(out, imageRef{page: p, src: src, line: e.Line})
	}
	return out
}

// computeLedger reads a ledger's entries from its table or CSV file and
// checks them.
func computeLedger(fsys fs.FS, p *content.Page, t *markdown.Table, list *diag.List) {
	l := p.Ledger
	var table ledger.Table
	file := p.File
	switch {
	case l.CSV != "":
		data, err := fs.ReadFile(fsys, content.Dir+"/"+l.CSV)
		if err != nil {
			return // reported by the loader
		}
		var enc string
		file = content.Dir + "/" + l.CSV
		table, enc, err = ledger.DecodeCSV(data)
		if e, ok := errors.AsType[*ledger.CSVError](err); ok {
			list.Error(diag.Pos{File: file, Line: e.Line, Col: e.Column}, e.Key,
				diag.Args{"line": e.Line, "column": e.Column, "byte": e.Byte, "err": err.Error()}, e.Key+".hint")
			return
		}
		if err != nil {
			list.Error(diag.Pos{File: file}, "ledger.csv", diag.Args{"err": err.Error()}, "ledger.csv.hint")
			return
		}
		if enc != "UTF-8" {
			list.Warn(diag.Pos{File: file}, "ledger.csvEncoding", diag.Args{"encoding": enc}, "")
		}
	case t != nil:
		table = ledger.Table(*t)
	default:
		list.Error(diag.Pos{File: p.File, Line: p.BodyLine}, "ledger.empty", nil, "ledger.empty.hint")
		return
	}
	l.Book = ledger.ComputeWith(table, ledger.Options{File: file, Opening: l.Opening, Closing: l.Closing, ClosingFile: p.File, ClosingLine: l.ClosingLine}, list)
}

// checkFocus reports a before/after focus the page could not use.
func checkFocus(pages []*content.Page, list *diag.List) {
	for _, p := range pages {
		if p.Story == nil {
			continue
		}
		for _, pr := range p.Story.Pairs {
			if _, ok := site.FocusPosition(pr.Focus); !ok {
				list.Error(diag.Pos{File: p.File, Line: pr.Before.Line}, "content.badValue", diag.Args{"key": "focus", "value": pr.Focus, "want": "focus"}, "content.badValue.hint.focus")
			}
		}
	}
}

// checkReserved refuses community folders whose names the site uses itself.
func checkReserved(tree *content.Site, list *diag.List) {
	for _, c := range tree.Communities {
		name := path.Dir(c.Rel)
		if slices.Contains(site.Reserved, name) {
			list.Error(diag.Pos{File: c.File, Line: 1}, "content.reserved", diag.Args{"name": name}, "content.reserved.hint")
		}
	}
}
