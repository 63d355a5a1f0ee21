package serve

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"wallpress/generator/build"
	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
)

// needBrowser skips the test when build would find no browser to print
// the posters with, except in CI, where that is a failure.
func needBrowser(t *testing.T) { browser(t) }

// setPDF sets posters.pdf in root/config.yaml.
func setPDF(t *testing.T, root, mode string) {
	t.Helper()
	cfg := filepath.Join(root, "config.yaml")
	text := readFile(t, cfg)
	if !strings.Contains(text, "pdf: never") {
		t.Fatalf("the fixture's config has no pdf: never:\n%s", text)
	}
	writeFile(t, cfg, strings.Replace(text, "pdf: never", "pdf: "+mode, 1))
}

// With a browser, build offers the posters for download on the website;
// serve's pages are the same once its build with posters is done, at the
// start and after an edit.
func TestSameAsBuildWithPosters(t *testing.T) {
	needBrowser(t)
	root := testsite.Fixture(t, "zh-CN")
	setPDF(t, root, "auto")
	// serve shows drafts and build does not: without one, their websites
	// are the same.
	if err := os.Remove(filepath.Join(root, "content", "demo-cun", "building-1", "draft.md")); err != nil {
		t.Fatal(err)
	}
	fb, err := NewFullBuilder(root, true)
	if err != nil {
		t.Fatal(err)
	}
	p := startWith(t, root, fb, fb)
	const download = "posters/demo-cun/building-1/index.html"

	// The website is served before the posters are printed.
	first, _ := p.srv.snapshot()
	if _, err := os.Stat(filepath.Join(first.site, filepath.FromSlash(download))); err == nil {
		t.Errorf("the first website already has the download page: serve did not come up before printing")
	}

	check := func(t *testing.T, n int) {
		t.Helper()
		rep := p.waitPosters(t, n, 3*time.Minute)
		if rep.Err != nil || rep.Result.Diags.HasErrors() {
			t.Fatalf("build with posters: %v %+v", rep.Err, rep.Result.Diags.Items())
		}
		if rep.Result.PDFs == 0 {
			t.Fatalf("no PDFs printed: %+v", rep.Result.Diags.Items())
		}
		st, _ := p.srv.snapshot()
		served := testsite.ReadTree(t, st.site)
		if _, ok := served[download]; !ok {
			t.Fatalf("the served website has no %s", download)
		}
		res, err := build.Run(context.Background(), build.Options{Root: root, Write: true})
		if err != nil || res.Diags.HasErrors() {
			t.Fatalf("build: %v %+v", err, res.Diags.Items())
		}
		if res.PDFs != rep.Result.PDFs {
			t.Errorf("build printed %d PDFs, serve %d", res.PDFs, rep.Result.PDFs)
		}
		public := testsite.ReadTree(t, filepath.Join(root, build.PublicDir))
		compareServed(t, p, served, public)
		// The poster previews are made after a build with posters too
		// (the poster build once made the previews folder look old).
		code, body := get(t, p.srv.rootURL()+"_wallpress/posters/demo-cun/building-1/")
		if code != http.StatusOK || !strings.Contains(body, `href="cover.html"`) {
			t.Errorf("previews after the poster build: %d\n%s", code, clipText(body))
		}
		if code, body = get(t, p.srv.rootURL()+"_wallpress/posters/demo-cun/building-1/cover.html"); code != http.StatusOK {
			t.Errorf("cover preview after the poster build: %d\n%s", code, clipText(body))
		}
		// The group page links to its download page.
		_, group := get(t, p.url+"demo-cun/building-1/")
		if !strings.Contains(group, "../../posters/demo-cun/building-1/") && !strings.Contains(group, "posters/demo-cun/building-1/") {
			t.Errorf("the served group page does not link to its posters")
		}
	}
	t.Run("start", func(t *testing.T) { check(t, 1) })

	// An edit of a record on a poster: its website shows at once, and the
	// posters follow.
	rec := filepath.Join(root, "content", "demo-cun", "building-1", "parking.md")
	text := readFile(t, rec)
	title := regexpTitle(t, text)
	writeFile(t, rec, strings.Replace(text, "title: "+title, "title: "+title+"（修订）", 1))
	poll(t, p.url+"demo-cun/building-1/parking/", pollWait, func(code int, body string) bool {
		return code == 200 && strings.Contains(body, title+"（修订）")
	})
	t.Run("edit", func(t *testing.T) { check(t, 2) })

	// Stopping leaves no browser behind.
	p.cancel()
	if err := p.srv.Wait(); err != nil {
		t.Errorf("Wait: %v", err)
	}
	if left := childBrowsers(t); len(left) > 0 {
		t.Errorf("browser processes left after stopping: %v", left)
	}
}

// regexpTitle returns the title line's value of a record.
func regexpTitle(t *testing.T, text string) string {
	t.Helper()
	for _, l := range strings.Split(text, "\n") {
		if v, ok := strings.CutPrefix(l, "title: "); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("no title in\n%s", text)
	return ""
}

// childBrowsers lists the Chromium processes this test process started
// that still run (Linux only: elsewhere it finds none).
func childBrowsers(t *testing.T) []string {
	t.Helper()
	if runtime.GOOS != "linux" {
		return nil
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	parent := map[int]int{}
	name := map[int]string{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		s := string(stat)
		i, j := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
		if i < 0 || j < i {
			continue
		}
		f := strings.Fields(s[j+1:])
		if len(f) < 2 {
			continue
		}
		ppid, _ := strconv.Atoi(f[1])
		parent[pid], name[pid] = ppid, s[i+1:j]
	}
	self := os.Getpid()
	var left []string
	for pid, n := range name {
		if !strings.Contains(strings.ToLower(n), "chrom") {
			continue
		}
		for q, hops := parent[pid], 0; q > 1 && hops < 64; q, hops = parent[q], hops+1 {
			if q == self {
				left = append(left, strconv.Itoa(pid)+" "+n)
				break
			}
		}
	}
	return left
}

// gatedPosters is a builder whose builds with posters wait for the test,
// and which notes builds that overlap.
type gatedPosters struct {
	*FullBuilder
	started chan context.Context
	release chan struct{}
	busy    atomic.Bool
	overlap atomic.Bool
	// closedBusy records a Close (which removes the folders) while a
	// build was still under way.
	closedBusy atomic.Bool
}

func (g *gatedPosters) Close() error {
	if g.busy.Load() {
		g.closedBusy.Store(true)
	}
	return g.FullBuilder.Close()
}

func (g *gatedPosters) enter() func() {
	if !g.busy.CompareAndSwap(false, true) {
		g.overlap.Store(true)
	}
	return func() { g.busy.Store(false) }
}

func (g *gatedPosters) Build(changed []string) (*Outcome, error) {
	defer g.enter()()
	return g.FullBuilder.Build(changed)
}

// BuildPosters stands for a build with posters (which the fixture, with
// posters.pdf: never, does not need) with a build of the website.
func (g *gatedPosters) BuildPosters(ctx context.Context) (*Outcome, error) {
	defer g.enter()()
	g.started <- ctx
	<-g.release
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return g.FullBuilder.Build(nil)
}

func newGated(t *testing.T, root string) *gatedPosters {
	t.Helper()
	fb, err := NewFullBuilder(root, false)
	if err != nil {
		t.Fatal(err)
	}
	return &gatedPosters{FullBuilder: fb, started: make(chan context.Context), release: make(chan struct{})}
}

func (g *gatedPosters) waitStart(t *testing.T) context.Context {
	t.Helper()
	select {
	case ctx := <-g.started:
		return ctx
	case <-time.After(10 * time.Second):
		t.Fatal("no build with posters started")
		return nil
	}
}

// A change while the posters are being built makes that build useless: it
// is told to stop, its outcome is not served, and the change's website
// comes next, then the posters again. Builds never overlap.
func TestPostersSupersededByChange(t *testing.T) {
	root := testsite.Fixture(t, "en")
	g := newGated(t, root)
	p := startWith(t, root, g.FullBuilder, g)
	ctx := g.waitStart(t)

	rec := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	writeFile(t, rec, strings.Replace(readFile(t, rec), "1号楼楼组公约", "公约新版", 1))
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a change did not stop the build with posters")
	}
	_, v := p.srv.snapshot()
	close(g.release) // let every build with posters through from now on
	poll(t, p.url+"demo-cun/building-1/convention/", pollWait, func(code int, body string) bool {
		return strings.Contains(body, "公约新版")
	})
	if ctx2 := g.waitStart(t); ctx2.Err() != nil {
		t.Fatalf("the second build with posters starts stopped: %v", ctx2.Err())
	}
	rep := p.waitPosters(t, 1, 10*time.Second)
	if rep.Err != nil || rep.Result.Diags.HasErrors() {
		t.Fatalf("second build with posters: %v %+v", rep.Err, rep.Result.Diags.Items())
	}
	p.mu.Lock()
	var kinds []string
	for _, r := range p.reports {
		switch {
		case r.Posters:
			kinds = append(kinds, "posters")
		case r.First:
			kinds = append(kinds, "first")
		default:
			kinds = append(kinds, "change")
		}
	}
	p.mu.Unlock()
	if strings.Join(kinds, " ") != "first change posters" {
		t.Errorf("builds reported: %v, want first, change, posters (the superseded one unreported)", kinds)
	}
	if _, v2 := p.srv.snapshot(); v2 == v {
		t.Errorf("the change's build did not reload the tabs")
	}
	if g.overlap.Load() {
		t.Error("builds overlapped")
	}
}

// Stopping while the posters are being built tells that build to stop,
// and waits for it before removing the folder it writes into.
func TestStopDuringPosters(t *testing.T) {
	root := testsite.Fixture(t, "en")
	g := newGated(t, root)
	p := startWith(t, root, g.FullBuilder, g)
	ctx := g.waitStart(t)
	p.cancel()
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("stopping did not stop the build with posters")
	}
	// The server must wait for the build: whenever Wait returns, and
	// whenever the builder's folders are removed, the build must be over.
	var stoppedBusy atomic.Bool
	stopped := make(chan struct{})
	go func() {
		p.srv.Wait()
		stoppedBusy.Store(g.busy.Load())
		close(stopped)
	}()
	// Let the build return only once the server has stopped listening:
	// it is then past everything it does before waiting for the build, so
	// a server that did not wait would already have removed its folders.
	deadline := time.Now().Add(pollWait)
	for code, _ := get(t, p.url); code != 0; code, _ = get(t, p.url) {
		if time.Now().After(deadline) {
			t.Fatal("the server still answers after stopping")
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(g.release)
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
	if stoppedBusy.Load() {
		t.Error("the server stopped before the build with posters returned")
	}
	if g.closedBusy.Load() {
		t.Error("the builder's folders were removed while a build used them")
	}
	if n := p.postersReported(); n != 0 {
		t.Errorf("%d builds with posters reported after stopping", n)
	}
}

func (p *preview) postersReported() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, r := range p.reports {
		if r.Posters {
			n++
		}
	}
	return n
}

// After the build with posters the terminal gets its errors, and only the
// warnings the builds before it did not give.
func TestOnlyNew(t *testing.T) {
	result := func(ds ...diag.Diagnostic) *build.Result {
		l := &diag.List{}
		for _, d := range ds {
			l.Add(d)
		}
		return &build.Result{Diags: l, PDFs: 3}
	}
	pos := diag.Pos{File: "content/a/b/c.md", Line: 4}
	csv := diag.Diagnostic{Pos: pos, Severity: diag.Warning, Key: "ledger.csvEncoding", Args: diag.Args{"encoding": "GB18030"}}
	dpi := diag.Diagnostic{Pos: pos, Severity: diag.Warning, Key: "posters.lowDPI", Args: diag.Args{"dpi": 62}}
	dpi2 := diag.Diagnostic{Pos: pos, Severity: diag.Warning, Key: "posters.lowDPI", Args: diag.Args{"dpi": 70}}
	timeout := diag.Diagnostic{Pos: pos, Severity: diag.Error, Key: "posters.timeout", Args: diag.Args{"seconds": 120}}
	keys := func(r *build.Result) []string {
		var out []string
		for _, d := range r.Diags.Items() {
			out = append(out, fmt.Sprint(d.Key, d.Args))
		}
		return out
	}
	for _, c := range []struct {
		name string
		next *build.Result
		prev []*build.Result
		want []string
	}{
		{"first", result(csv, dpi), []*build.Result{result(csv), nil}, []string{"posters.lowDPImap[dpi:62]"}},
		{"again", result(csv, dpi), []*build.Result{result(csv), result(csv, dpi)}, nil},
		{"changed", result(csv, dpi2), []*build.Result{result(csv), result(csv, dpi)}, []string{"posters.lowDPImap[dpi:70]"}},
		{"error again", result(timeout), []*build.Result{result(), result(timeout)}, []string{"posters.timeoutmap[seconds:120]"}},
	} {
		got := onlyNew(c.next, c.prev...)
		if fmt.Sprint(keys(got)) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.name, keys(got), c.want)
		}
		if got.PDFs != 3 || c.next.Diags.Len() == 0 {
			t.Errorf("%s: the result lost its figures, or next was changed", c.name)
		}
	}
}

// Without PDFs the website has no download pages: the build with posters
// is skipped, rather than keep the next change waiting for nothing.
func TestNoPostersWithoutPDF(t *testing.T) {
	root := testsite.Fixture(t, "en") // posters.pdf: never
	fb, err := NewFullBuilder(root, false)
	if err != nil {
		t.Fatal(err)
	}
	defer fb.Close()
	if out, err := fb.BuildPosters(context.Background()); out != nil || err != nil {
		t.Errorf("before any build: %v, %v", out, err)
	}
	if out, err := fb.Build(nil); err != nil || out.Site == "" {
		t.Fatalf("build: %v", err)
	}
	if out, err := fb.BuildPosters(context.Background()); out != nil || err != nil {
		t.Errorf("with posters.pdf: never: %+v, %v", out, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := fb.BuildPosters(ctx); err != context.Canceled {
		t.Errorf("stopped before starting: %v", err)
	}
}
