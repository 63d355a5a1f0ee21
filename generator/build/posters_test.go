package build

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
	"wallpress/generator/posters"
)

// posterTool returns a poppler program (see testsite.Tool).
func posterTool(t *testing.T, name string) string { return testsite.Tool(t, name, "poppler-utils") }

// posterBrowser skips the test without a browser, except in CI.
func posterBrowser(t *testing.T) { browser(t) }

// setConfig appends settings to root/config.yaml.
func setConfig(t *testing.T, root, text string) {
	t.Helper()
	cfg := filepath.Join(root, "config.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	// Drop the posters block the file may have, then add ours.
	var keep []string
	skip := false
	for _, l := range lines {
		if strings.HasPrefix(l, "posters:") {
			skip = true
			continue
		}
		if skip && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "#") || l == "") {
			continue
		}
		skip = false
		keep = append(keep, l)
	}
	if err := os.WriteFile(cfg, []byte(strings.Join(keep, "\n")+"\n"+text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// browserWatch counts the browsers a build starts and remembers their
// profile folders, which every process of a browser names on its command
// line.
type browserWatch struct {
	mu     sync.Mutex
	starts int
	dirs   []string
}

func (w *browserWatch) hooks() *posterHooks {
	return &posterHooks{Started: func(b posters.Browser) {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.starts++
		if c, ok := b.(*posters.Chrome); ok {
			w.dirs = append(w.dirs, c.DataDir())
		}
	}}
}

// leftovers lists processes that still name one of the browsers' folders.
func (w *browserWatch) leftovers(t *testing.T) []int {
	t.Helper()
	if runtime.GOOS != "linux" {
		return nil
	}
	var left []int
	for range 50 {
		left = left[:0]
		ents, _ := os.ReadDir("/proc")
		for _, e := range ents {
			pid, err := strconv.Atoi(e.Name())
			if err != nil {
				continue
			}
			cmd, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
			for _, d := range w.dirs {
				if bytes.Contains(cmd, []byte(d)) {
					left = append(left, pid)
				}
			}
		}
		if len(left) == 0 {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return left
}

var pagesRE = regexp.MustCompile(`Pages:\s+(\d+)`)

func pdfPages(t *testing.T, file string) int {
	t.Helper()
	out, err := exec.Command(posterTool(t, "pdfinfo"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v\n%s", file, err, out)
	}
	m := pagesRE.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s:\n%s", file, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// pdfWords returns the text of a PDF without white space (pdftotext puts
// spaces between Chinese and digits).
func pdfWords(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command(posterTool(t, "pdftotext"), "-enc", "UTF-8", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", file, err, out)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

func checkPDFFonts(t *testing.T, file string) {
	t.Helper()
	out, err := exec.Command(posterTool(t, "pdffonts"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts %s: %v\n%s", file, err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("%s has no fonts:\n%s", file, out)
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if strings.Contains(l, "Type 3") || len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("%s: font not embedded TrueType: %s", file, l)
		}
	}
}

// The demo's whole poster set: one browser for the build, every poster as
// HTML, PDF and PNG, a set per group with the cover first, the website's
// copies of the online posters, real text in the PDFs, fonts a print shop
// accepts, and no browser process left afterwards.
func TestPostersDemo(t *testing.T) {
	posterBrowser(t)
	posterTool(t, "pdfinfo")
	root := testsite.Demo(t)
	// Small PNGs: their size is checked in package posters; here the
	// figures are what matters.
	setConfig(t, root, "posters:\n  size: A3\n  bleed: 3mm\n  cropMarks: true\n  pngDPI: 40\n")
	w := &browserWatch{}
	began := time.Now()
	res, err := Run(context.Background(), Options{Root: root, Write: true, posters: w.hooks()})
	took := time.Since(began)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items() {
		// The sheets are planned to fit: none may overflow. What the
		// theme leaves off (a cover's introduction, a long book's chart)
		// is said.
		if d.Severity == diag.Error || (d.Key != "posters.lowDPI" && !strings.HasPrefix(d.Key, "posters.leftOff.")) {
			t.Errorf("%s: %s %v", d.Pos, d.Key, d.Args)
		}
	}
	if w.starts != 1 {
		t.Errorf("the build started %d browsers, want 1", w.starts)
	}
	if left := w.leftovers(t); len(left) > 0 {
		t.Errorf("browser processes left after the build: %v", left)
	}

	tree := loadDemo(t, root)
	print := filepath.Join(root, PrintDir)
	want := 0
	for _, c := range tree.Communities {
		for _, g := range c.Groups {
			dir := filepath.Join(print, filepath.FromSlash(filepathDir(g.Rel)))
			// The set holds every sheet of every poster, cover first.
			n, sheets := 1, pdfPages(t, filepath.Join(dir, "cover.pdf"))
			for _, r := range g.Records {
				name := strings.TrimSuffix(filepath.Base(r.Rel), ".md")
				_, err := os.Stat(filepath.Join(dir, name+".pdf"))
				pub := filepath.Join(root, PublicDir, "posters", filepath.FromSlash(filepathDir(g.Rel)), name+".pdf")
				_, perr := os.Stat(pub)
				switch {
				case r.Publish == content.Nowhere:
					if err == nil || perr == nil {
						t.Errorf("%s is kept nowhere but has a poster", r.File)
					}
					continue
				case err != nil:
					t.Errorf("%s has no poster: %v", r.File, err)
				case r.Publish.Online() != (perr == nil):
					t.Errorf("%s (publish %s): on the website %v", r.File, r.Publish, perr == nil)
				}
				for _, ext := range []string{".html", ".png"} {
					if _, err := os.Stat(filepath.Join(dir, name+ext)); err != nil {
						t.Errorf("%s has no %s", r.File, ext)
					}
				}
				if err == nil {
					sheets += pdfPages(t, filepath.Join(dir, name+".pdf"))
				}
				n++
			}
			want += n
			set := filepath.Join(dir, "poster-set.pdf")
			if got := pdfPages(t, set); got != sheets {
				t.Errorf("%s has %d pages, want %d (the sheets of the cover and %d records)", set, got, sheets, n-1)
			}
			checkPDFFonts(t, set)
			if first := pdfWords(t, filepath.Join(dir, "cover.pdf")); !strings.Contains(first, g.GroupM.Name) {
				t.Errorf("%s cover lacks the group's name", g.File)
			}
		}
	}
	// No PDF leads to the poster server the browser read it from.
	for _, dir := range []string{print, filepath.Join(root, PublicDir, "posters")} {
		for name, data := range testsite.ReadTree(t, dir) {
			if strings.HasSuffix(name, ".pdf") && bytes.Contains(data, []byte("127.0.0.1")) {
				t.Errorf("%s links to the poster server", name)
			}
		}
	}
	if res.Posters != want || res.PDFs != want {
		t.Errorf("made %d posters, %d PDFs; want %d", res.Posters, res.PDFs, want)
	}
	b12 := filepath.Join(print, "gongnong-sancun", "building-12")
	if text := pdfWords(t, filepath.Join(b12, "convention.pdf")); !strings.Contains(text, "楼道是大家的公共空间，楼道和楼梯转角不堆放杂物") {
		t.Errorf("the convention's PDF lacks its first article:\n%s", text)
	}
	if text := pdfWords(t, filepath.Join(b12, "account-2024.pdf")); !strings.Contains(text, "1,844.60") {
		t.Errorf("the ledger's PDF lacks its closing balance 1,844.60:\n%s", text)
	}
	// The website offers them from the group's page.
	page, err := os.ReadFile(filepath.Join(root, PublicDir, "gongnong-sancun", "building-12", "index.html"))
	if err != nil || !bytes.Contains(page, []byte(`href="../../posters/gongnong-sancun/building-12/"`)) {
		t.Errorf("the group page does not link its posters")
	}
	dl, err := os.ReadFile(filepath.Join(root, PublicDir, "posters", "gongnong-sancun", "building-12", "index.html"))
	if err != nil || !bytes.Contains(dl, []byte("convention.pdf")) || !bytes.Contains(dl, []byte("convention-preview.jpg")) {
		t.Errorf("the download page lacks the convention: %v", err)
	}
	online, err := os.ReadFile(filepath.Join(root, PublicDir, "posters", "gongnong-sancun", "building-12", "cover.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(t.TempDir(), "x"), online, 0o644)
	t.Logf("all %d demo posters (and their sets and website copies) in %v, %v a poster", want, took.Round(time.Millisecond), (took / time.Duration(want)).Round(time.Millisecond))

	// A second build renders nothing: every poster comes from the cache.
	w2 := &browserWatch{}
	before := testsite.ReadTree(t, print)
	if _, err := Run(context.Background(), Options{Root: root, Write: true, posters: w2.hooks()}); err != nil {
		t.Fatal(err)
	}
	if w2.starts != 0 {
		t.Errorf("an unchanged build started the browser")
	}
	after := testsite.ReadTree(t, print)
	if len(before) != len(after) {
		t.Errorf("print/ had %d files, now %d", len(before), len(after))
	}
	for k, v := range before {
		if !bytes.Equal(after[k], v) {
			t.Errorf("%s changed in an unchanged build", k)
		}
	}
}

func filepathDir(rel string) string { return filepath.ToSlash(filepath.Dir(rel)) }

// A poster that hangs is reported by its file; nothing is written, and the
// browser is gone when the build returns.
func TestPostersTimeoutChangesNothing(t *testing.T) {
	posterBrowser(t)
	root := testsite.Fixture(t, "zh-CN")
	setConfig(t, root, "posters:\n  pdf: auto\n")
	for _, d := range []string{PublicDir, PrintDir} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
		os.WriteFile(filepath.Join(root, d, "old.txt"), []byte("old"), 0o644)
	}
	w := &browserWatch{}
	h := w.hooks()
	h.Timeout = time.Millisecond
	res, err := Run(context.Background(), Options{Root: root, Write: true, posters: h})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Diags.Items() {
		if d.Key == "posters.timeout" && strings.HasPrefix(d.Pos.File, "content/demo-cun/building-1/") {
			found = true
		}
	}
	if !found {
		t.Errorf("no posters.timeout naming a record: %v", res.Diags.Items())
	}
	for _, d := range []string{PublicDir, PrintDir} {
		tree := testsite.ReadTree(t, filepath.Join(root, d))
		if len(tree) != 1 || string(tree["old.txt"]) != "old" {
			t.Errorf("%s/ changed after a failed build: %d files", d, len(tree))
		}
	}
	if w.starts != 1 {
		t.Errorf("%d browsers started", w.starts)
	}
	if left := w.leftovers(t); len(left) > 0 {
		t.Errorf("browser processes left after a failed build: %v", left)
	}
}

// Without a browser: auto writes the HTML posters and says how to get PDFs;
// always is an error that writes nothing; never does not look.
func TestPostersWithoutBrowser(t *testing.T) {
	for _, mode := range []string{"auto", "always", "never"} {
		t.Run(mode, func(t *testing.T) {
			root := testsite.Fixture(t, "zh-CN")
			setConfig(t, root, "posters:\n  pdf: "+mode+"\n")
			looked := false
			h := &posterHooks{
				Find:  func() (string, error) { looked = true; return "", posters.ErrNoBrowser },
				Start: func(context.Context, string) (posters.Browser, error) { t.Fatal("started a browser"); return nil, nil },
			}
			res, err := Run(context.Background(), Options{Root: root, Write: true, posters: h})
			if err != nil {
				t.Fatal(err)
			}
			keys := map[string]diag.Severity{}
			for _, d := range res.Diags.Items() {
				if strings.HasPrefix(d.Key, "posters.") && d.Key != "posters.lowDPI" && !strings.HasPrefix(d.Key, "posters.leftOff.") {
					keys[d.Key] = d.Severity
				}
			}
			print := filepath.Join(root, PrintDir)
			switch mode {
			case "always":
				if keys["posters.noBrowser"] != diag.Error || !res.Diags.HasErrors() {
					t.Errorf("diagnostics %v", keys)
				}
				for _, d := range []string{PublicDir, PrintDir} {
					if _, err := os.Stat(filepath.Join(root, d)); !os.IsNotExist(err) {
						t.Errorf("%s/ written", d)
					}
				}
				return
			case "auto":
				if sev, ok := keys["posters.htmlOnly"]; !ok || sev != diag.Warning || len(keys) != 1 {
					t.Errorf("diagnostics %v", keys)
				}
			case "never":
				if looked || len(keys) != 0 {
					t.Errorf("looked for a browser %v; diagnostics %v", looked, keys)
				}
			}
			tree := testsite.ReadTree(t, print)
			for _, name := range []string{"cover.html", "convention.html", "poster-set.html", "wall-only.html"} {
				if _, ok := tree["demo-cun/building-1/"+name]; !ok {
					t.Errorf("print/ lacks %s", name)
				}
			}
			for name := range tree {
				if strings.HasSuffix(name, ".pdf") || strings.HasSuffix(name, ".png") {
					t.Errorf("print/ has %s without a browser", name)
				}
			}
			if _, err := os.Stat(filepath.Join(root, PublicDir, "index.html")); err != nil {
				t.Error("the website was not written")
			}
			if _, err := os.Stat(filepath.Join(root, PublicDir, "posters")); !os.IsNotExist(err) {
				t.Error("public/posters/ without posters to offer")
			}
			// The HTML poster prints at the right size from any browser:
			// the stylesheet it links, at the top of print/, says so.
			html := tree["demo-cun/building-1/convention.html"]
			if !bytes.Contains(html, []byte(`<link rel="stylesheet" href="../../poster.css">`)) {
				t.Error("the HTML poster does not link the shared stylesheet")
			}
			if !bytes.HasPrefix(tree["poster.css"], []byte("@page { size: 323mm 446mm; margin: 0; }")) {
				t.Error("print/poster.css has no @page size")
			}
			if !bytes.Contains(html, []byte(`src="images/`)) && !bytes.Contains(tree["demo-cun/building-1/family-photo.html"], []byte(`src="images/family-`)) {
				t.Error("photos are not next to the HTML posters")
			}
		})
	}
}

// check reports photos too coarse for the paper, with the figures, and
// writes nothing.
func TestCheckReportsPrintResolution(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	res, err := Run(context.Background(), Options{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	var got *diag.Diagnostic
	for _, d := range res.Diags.Items() {
		if d.Key == "posters.lowDPI" && d.Args["image"] == "family.jpg" {
			got = &d
		}
	}
	if got == nil {
		t.Fatalf("no posters.lowDPI for family.jpg: %v", res.Diags.Items())
	}
	// 1200 px across the A3 poster's column (297 − 2 × 6 × 2.97 mm),
	// shrunk with the poster's type to 82 % so that the photo, the
	// facts and the text fit one sheet.
	if got.Severity != diag.Warning || got.Pos.File != "content/demo-cun/building-1/family-photo.md" || got.Pos.Line == 0 ||
		got.Args["width"] != 1200 || got.Args["height"] != 800 || got.Args["paper"] != "A3" || got.Args["dpi"] != 142 || got.Args["min"] != 150 {
		t.Errorf("got %+v", *got)
	}
	if _, err := os.Stat(filepath.Join(root, PrintDir)); !os.IsNotExist(err) {
		t.Error("check wrote print/")
	}
}

// The posters command makes only the posters named and keeps the rest of
// print/ as it was.
func TestPostersCommandPicks(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	setConfig(t, root, "posters:\n  pdf: never\n")
	if res, err := Posters(context.Background(), Options{Root: root, Write: true}, nil); err != nil || res.Diags.HasErrors() || res.Posters == 0 {
		t.Fatalf("all posters: %v %v", err, res.Diags.Items())
	}
	print := filepath.Join(root, PrintDir)
	cover := filepath.Join(print, "demo-cun", "building-1", "cover.html")
	os.WriteFile(cover, []byte("an older cover"), 0o644)
	conv := filepath.Join(print, "demo-cun", "building-1", "convention.html")
	os.WriteFile(conv, []byte("an older convention"), 0o644)

	res, err := Posters(context.Background(), Options{Root: root, Write: true}, []string{filepath.Join("content", "demo-cun", "building-1", "convention.md")})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("%v %v", err, res.Diags.Items())
	}
	if res.Posters != 1 {
		t.Errorf("made %d posters, want 1", res.Posters)
	}
	if b, _ := os.ReadFile(cover); string(b) != "an older cover" {
		t.Error("a poster not named was made again")
	}
	if b, _ := os.ReadFile(conv); !bytes.Contains(b, []byte("<!DOCTYPE html>")) {
		t.Error("the poster named was not made")
	}
	if _, err := os.Stat(filepath.Join(print, "demo-cun", "building-1", "poster-set.html")); err != nil {
		t.Error("the group's set was not kept")
	}

	res, err = Posters(context.Background(), Options{Root: root, Write: true}, []string{"demo-cun/nowhere"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Diags.Items() {
		found = found || (d.Key == "posters.pathUnknown" && d.Severity == diag.Error && d.Args["path"] == "demo-cun/nowhere")
	}
	if !found {
		t.Errorf("unknown path: %v", res.Diags.Items())
	}
}

// A theme without poster templates builds the website and says why there
// are no posters.
func TestPostersThemeWithout(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	os.RemoveAll(filepath.Join(root, "themes", "default", "posters"))
	res, err := Run(context.Background(), Options{Root: root, Write: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range res.Diags.Items() {
		found = found || (d.Key == "posters.noTheme" && d.Severity == diag.Warning)
	}
	if !found || res.Diags.HasErrors() {
		t.Errorf("diagnostics %v", res.Diags.Items())
	}
	if _, err := os.Stat(filepath.Join(root, PublicDir, "index.html")); err != nil {
		t.Error("no website")
	}
	if _, err := os.Stat(filepath.Join(root, PrintDir)); !os.IsNotExist(err) {
		t.Error("print/ written without templates")
	}
}

// serve's poster previews: the HTML of every poster with its photos, laid
// out as print/, and no browser needed.
func TestPosterPreviews(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	s := NewSession(root, filepath.Join(t.TempDir(), "site"))
	if res, err := s.Build(nil); err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v", err)
	}
	if got := s.Groups(); !slices.Equal(got, []string{"demo-cun/building-1"}) {
		t.Errorf("groups with posters: %v", got)
	}
	dir := t.TempDir()
	if err := s.PosterPreviews(dir, "demo-cun/building-1"); err != nil {
		t.Fatal(err)
	}
	group := filepath.Join(dir, "demo-cun", "building-1")
	conv, err := os.ReadFile(filepath.Join(group, "convention.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(testsite.Text(string(conv)), "公共楼道不堆放杂物") {
		t.Error("the convention preview lacks its first article")
	}
	for _, f := range []string{"cover.html", "poster-set.html"} {
		if _, err := os.Stat(filepath.Join(group, f)); err != nil {
			t.Errorf("no %s", f)
		}
	}
	imgs, _ := os.ReadDir(filepath.Join(group, "images"))
	if len(imgs) == 0 {
		t.Error("no photos beside the previews")
	}
	if _, err := os.Stat(filepath.Join(root, "print")); !os.IsNotExist(err) {
		t.Error("previews wrote print/")
	}
	// After an edit, the previews are made from the edited record.
	md := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	data, _ := os.ReadFile(md)
	os.WriteFile(md, bytes.Replace(data, []byte("公共楼道不堆放杂物"), []byte("公共楼道一律不堆放杂物"), 1), 0o644)
	if res, err := s.Build([]string{"content/demo-cun/building-1/convention.md"}); err != nil || res.Diags.HasErrors() {
		t.Fatalf("rebuild: %v", err)
	}
	if err := s.PosterPreviews(dir, "demo-cun/building-1"); err != nil {
		t.Fatal(err)
	}
	if html, _ := os.ReadFile(filepath.Join(group, "convention.html")); !strings.Contains(testsite.Text(string(html)), "公共楼道一律不堆放杂物") {
		t.Error("the preview after the edit lacks the new article")
	}
	if err := s.PosterPreviews(dir, "demo-cun/no-such-group"); err != nil {
		t.Errorf("an unknown group: %v", err)
	}
}

// BenchmarkPosters lays out every poster of the benchmark site (see
// benchSite) and stages their HTML, without a browser: the poster stage of
// a build with `pdf: never`. For the full sub-district:
//
//	WALLPRESS_BENCH_SITE=/dev/shm/sub go test ./generator/build -run '^$' -bench Posters -benchtime 1x -cpuprofile cpu.prof
func BenchmarkPosters(b *testing.B) {
	m, _ := benchLoad(b, benchSite(b))
	m.Config.Posters.PDF = "never"
	m.printDir = filepath.Join(b.TempDir(), PrintDir)
	var count int
	for b.Loop() {
		res := &Result{Diags: &diag.List{}}
		po, err := makePosters(context.Background(), m, res, nil, false, true, nil)
		if err != nil || po == nil || res.Diags.HasErrors() {
			b.Fatalf("posters: %v, %v", err, res.Diags.Items())
		}
		if err := publish(m.Root, res.Diags, po.Stage()); err != nil {
			b.Fatal(err)
		}
		count = po.Count
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*count), "ns/poster")
}

// An address too long for any QR code is an error at the record, never a
// poster printed without its code.
func TestQRTooLongIsReported(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	cfg := filepath.Join(root, "config.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	long := "https://example.gov.cn/" + strings.Repeat("louzu", 400) + "/"
	if err := os.WriteFile(cfg, bytes.Replace(data, []byte("https://example.gov.cn/louzu/"), []byte(long), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Root: root, Write: true})
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, d := range res.Diags.Items() {
		if d.Key == "posters.qrTooLong" && d.Severity == diag.Error && strings.HasPrefix(d.Pos.File, "content/") {
			found = true
		}
	}
	if !found {
		t.Errorf("no posters.qrTooLong error at a record: %+v", res.Diags.Items())
	}
	if _, err := os.Stat(filepath.Join(root, PrintDir)); !os.IsNotExist(err) {
		t.Errorf("print/ was written with posters missing their QR codes")
	}
}
