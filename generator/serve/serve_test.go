package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"wallpress/generator/build"
	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
)

// preview is a server under test.
type preview struct {
	srv     *Server
	url     string
	cancel  context.CancelFunc
	builder *FullBuilder

	mu      sync.Mutex
	reports []Report
	// seen are the events the watcher has dealt with, in order.
	seen []seenEvent
	// news gets a value (when it has room) after every report and every
	// event the watcher dealt with: what waitFor waits on.
	news chan struct{}
}

type seenEvent struct {
	name     string
	relevant bool
}

// start serves root on a free loopback port until the test ends.
func start(t *testing.T, root string) *preview {
	t.Helper()
	fb, err := NewFullBuilder(root, false)
	if err != nil {
		t.Fatal(err)
	}
	return startWith(t, root, fb, fb)
}

// startWith serves root with the builder b, which writes into fb's folder,
// until the test ends; opts change the options first.
func startWith(t *testing.T, root string, fb *FullBuilder, b Builder, opts ...func(*Options)) *preview {
	t.Helper()
	p := &preview{builder: fb, news: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	o := Options{
		Root:    root,
		Addr:    "127.0.0.1:0",
		Builder: b,
		Report: func(r Report) {
			p.mu.Lock()
			p.reports = append(p.reports, r)
			p.mu.Unlock()
			p.tell()
		},
		watchSeen: func(name string, relevant bool) {
			p.mu.Lock()
			p.seen = append(p.seen, seenEvent{name, relevant})
			p.mu.Unlock()
			p.tell()
		},
	}
	for _, f := range opts {
		f(&o)
	}
	srv, err := Start(ctx, o)
	if err != nil {
		cancel()
		fb.Close()
		t.Fatal(err)
	}
	p.srv, p.url, p.cancel = srv, srv.URL(), cancel
	t.Cleanup(func() {
		cancel()
		if err := srv.Wait(); err != nil {
			t.Errorf("Wait: %v", err)
		}
		if _, err := os.Stat(fb.Dir()); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the temporary folder %s is still there after stopping", fb.Dir())
		}
	})
	return p
}

func (p *preview) tell() {
	select {
	case p.news <- struct{}{}:
	default:
	}
}

// waitFor waits until ok, asked under p.mu after every report and every
// event the watcher dealt with, holds. The bound only decides how late a
// failure is told: nothing here waits a fixed time for something not to
// happen.
func (p *preview) waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.After(pollWait)
	for {
		p.mu.Lock()
		done := ok()
		p.mu.Unlock()
		if done {
			return
		}
		select {
		case <-p.news:
		case <-deadline:
			t.Fatalf("after %v still waiting for %s", pollWait, what)
		}
	}
}

// seenLocked returns the watcher's dealings with the file name, in order.
func (p *preview) seenLocked(name string) []seenEvent {
	var out []seenEvent
	for _, e := range p.seen {
		if e.name == name {
			out = append(out, e)
		}
	}
	return out
}

// reportOfLocked returns the index of the first build report at or after
// from whose changed files hold rel, -1 when there is none.
func (p *preview) reportOfLocked(from int, rel string) int {
	for i := from; i < len(p.reports); i++ {
		if slices.Contains(p.reports[i].Changed, rel) {
			return i
		}
	}
	return -1
}

// settle writes a new record, sentinel, and waits for the build it causes:
// every change made before it has been dealt with by then, since the
// watcher reads events in order. It returns the reports from index from
// on, up to and including the sentinel's.
func (p *preview) settle(t *testing.T, root string, from int) []Report {
	t.Helper()
	rel := "content/demo-cun/building-1/activity-sentinel.md"
	writeFile(t, filepath.Join(root, filepath.FromSlash(rel)), "---\ntitle: 哨兵\n---\n")
	var i int
	p.waitFor(t, "the build of "+rel, func() bool {
		i = p.reportOfLocked(from, rel)
		return i >= 0
	})
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.reports[from : i+1])
}

// builds counts the builds of the website that changes cause (and the
// first), not the builds with posters that follow them.
func (p *preview) builds() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, r := range p.reports {
		if !r.Posters {
			n++
		}
	}
	return n
}

// waitPosters waits until the builds with posters have reported n times
// and returns the newest report.
func (p *preview) waitPosters(t *testing.T, n int, within time.Duration) Report {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		p.mu.Lock()
		var got []Report
		for _, r := range p.reports {
			if r.Posters {
				got = append(got, r)
			}
		}
		p.mu.Unlock()
		if len(got) >= n {
			return got[len(got)-1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v, %d builds with posters reported, want %d", within, len(got), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// get fetches a page; the body is "" when the request fails.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Logf("GET %s: %v", url, err)
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// poll fetches url until ok accepts the page or within runs out; it
// returns the last page and how long it took.
// pollWait is how long a test waits for the served site to show an edit.
// poll returns as soon as it does: the bound only decides how late a
// failure is told, and a loaded machine running -race needs far more than
// the usual fraction of a second.
const pollWait = 60 * time.Second

func poll(t *testing.T, url string, within time.Duration, ok func(code int, body string) bool) (string, time.Duration) {
	t.Helper()
	start := time.Now()
	var code int
	var body string
	for time.Since(start) < within {
		code, body = get(t, url)
		if ok(code, body) {
			return body, time.Since(start)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("after %v %s still answers %d:\n%s", within, url, code, clipText(body))
	return "", 0
}

func clipText(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const overlayTag = `id="wallpress-overlay"`

// An edit shows in the served page within a second; a broken front matter
// brings the overlay naming the file and line over the last good page; the
// fix takes it away.
func TestEditBreakFix(t *testing.T) {
	root := testsite.Fixture(t, "en")
	p := start(t, root)
	page := p.url + "demo-cun/building-1/convention/"
	rec := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	orig := readFile(t, rec)

	code, body := get(t, page)
	if code != http.StatusOK || !strings.Contains(body, "1号楼楼组公约") || strings.Contains(body, overlayTag) {
		t.Fatalf("first page: %d\n%s", code, clipText(body))
	}

	edited := strings.Replace(orig, "title: 1号楼楼组公约", "title: 1号楼楼组公约（修订）", 1)
	writeFile(t, rec, edited)
	_, took := poll(t, page, time.Second, func(code int, body string) bool {
		return code == http.StatusOK && strings.Contains(body, "1号楼楼组公约（修订）")
	})
	t.Logf("the edit showed after %v", took)

	// Line 3 gets a full-width colon.
	broken := strings.Replace(edited, "adopted: 2024-03-15", "adopted：2024-03-15", 1)
	writeFile(t, rec, broken)
	body, _ = poll(t, page, pollWait, func(code int, body string) bool {
		return strings.Contains(body, overlayTag)
	})
	if !strings.Contains(body, "content/demo-cun/building-1/convention.md:3") {
		t.Errorf("the overlay does not name the file and line:\n%s", clipText(body))
	}
	if !strings.Contains(body, "full-width colon") {
		t.Errorf("the overlay lacks the hint in the site's language:\n%s", clipText(body))
	}
	if !strings.Contains(body, "1号楼楼组公约（修订）") {
		t.Errorf("the last good page is not served under the overlay")
	}
	// Every page shows it, not only the broken record's.
	if _, home := get(t, p.url); !strings.Contains(home, overlayTag) {
		t.Errorf("the home page has no overlay")
	}

	writeFile(t, rec, orig)
	poll(t, page, pollWait, func(code int, body string) bool {
		return code == http.StatusOK && !strings.Contains(body, overlayTag) && strings.Contains(body, "1号楼楼组公约") &&
			!strings.Contains(body, "（修订）")
	})
}

// A group folder created while serving, with its records written after
// the folder, gets its pages.
func TestNewGroupFolderAppears(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	p := start(t, root)
	group := filepath.Join(root, "content", "demo-cun", "building-2")
	if err := os.Mkdir(group, 0o755); err != nil {
		t.Fatal(err)
	}
	// Let the watcher see the folder before files land in it, as when a
	// volunteer makes a folder and then saves into it; the files written
	// at once are covered by the walk of a new folder.
	p.waitFor(t, "the watcher to see "+group, func() bool { return len(p.seenLocked(group)) > 0 })
	writeFile(t, filepath.Join(group, "_index.md"), "---\nname: 2号楼\nhouseholds: 18\n---\n二号楼的故事。\n")
	poll(t, p.url+"demo-cun/building-2/", pollWait, func(code int, body string) bool {
		return code == http.StatusOK && strings.Contains(body, "2号楼")
	})
	// A folder inside the new folder is watched too.
	sub := filepath.Join(group, "notes")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, "the watcher to see "+sub, func() bool { return len(p.seenLocked(sub)) > 0 })
	writeFile(t, filepath.Join(sub, "activity-spring.md"), "---\ntitle: 春季大扫除\n---\n大家一起打扫。\n")
	poll(t, p.url+"demo-cun/building-2/notes/activity-spring/", pollWait, func(code int, body string) bool {
		return code == http.StatusOK && strings.Contains(body, "春季大扫除")
	})
	// A whole folder appearing at once (copied or unzipped) is seen too.
	tmp := t.TempDir()
	writeFile(t, filepath.Join(tmp, "building-3", "_index.md"), "---\nname: 3号楼\n---\n")
	writeFile(t, filepath.Join(tmp, "building-3", "activity-day.md"), "---\ntitle: 三号楼活动日\n---\n")
	if err := os.Rename(filepath.Join(tmp, "building-3"), filepath.Join(root, "content", "demo-cun", "building-3")); err != nil {
		t.Skipf("cannot move a folder into the site: %v", err)
	}
	poll(t, p.url+"demo-cun/building-3/activity-day/", pollWait, func(code int, body string) bool {
		return code == http.StatusOK && strings.Contains(body, "三号楼活动日")
	})
}

// Editors that save by writing a new file and renaming it over the old one
// (VS Code, Notepad++, vim with backupcopy=no) are followed.
func TestSaveByRename(t *testing.T) {
	root := testsite.Fixture(t, "en")
	p := start(t, root)
	dir := filepath.Join(root, "content", "demo-cun", "building-1")
	rec := filepath.Join(dir, "convention.md")
	text := readFile(t, rec)
	for _, c := range []struct{ tmp, title string }{{".convention.md.swp", "公约甲"}, {"convention.md.tmp", "公约乙"}} {
		tmp := filepath.Join(dir, c.tmp)
		writeFile(t, tmp, strings.Replace(text, "1号楼楼组公约", c.title, 1))
		if err := os.Rename(tmp, rec); err != nil {
			t.Fatal(err)
		}
		poll(t, p.url+"demo-cun/building-1/convention/", pollWait, func(code int, body string) bool {
			return strings.Contains(body, c.title)
		})
	}
	// And a backup copy (vim's "file~") is no reason to rebuild by itself:
	// the watcher deals with it and passes it over, and no build names it.
	p.mu.Lock()
	from := len(p.reports)
	p.mu.Unlock()
	backup := rec + "~"
	writeFile(t, backup, "backup")
	p.waitFor(t, "the watcher to deal with "+backup, func() bool { return len(p.seenLocked(backup)) > 0 })
	p.mu.Lock()
	for _, e := range p.seenLocked(backup) {
		if e.relevant {
			t.Errorf("the watcher took the backup file for a change")
		}
	}
	p.mu.Unlock()
	for _, r := range p.settle(t, root, from) {
		for _, c := range r.Changed {
			if strings.HasSuffix(c, "~") {
				t.Errorf("a build for the backup file: %q", r.Changed)
			}
		}
	}
}

// A burst of saves is one rebuild.
func TestBurstIsOneBuild(t *testing.T) {
	root := testsite.Fixture(t, "en")
	p := start(t, root)
	rec := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	orig := readFile(t, rec)
	p.mu.Lock()
	n := len(p.reports)
	p.mu.Unlock()
	for i := range 10 {
		writeFile(t, rec, strings.Replace(orig, "1号楼楼组公约", "公约第"+string(rune('0'+i))+"版", 1))
		time.Sleep(5 * time.Millisecond)
	}
	poll(t, p.url+"demo-cun/building-1/convention/", pollWait, func(code int, body string) bool {
		return strings.Contains(body, "公约第9版")
	})
	// Every event of the burst has been dealt with once a record written
	// after it is built: the builds up to that one are the burst's and
	// its own.
	var burst []Report
	reports := p.settle(t, root, n)
	for _, r := range reports[:len(reports)-1] {
		if !r.Posters {
			burst = append(burst, r)
		}
	}
	if len(burst) != 1 {
		t.Fatalf("%d rebuilds for one burst of saves, want 1", len(burst))
	}
	if c := burst[0].Changed; len(c) != 1 || c[0] != "content/demo-cun/building-1/convention.md" {
		t.Errorf("changed files %q", c)
	}
	if c := reports[len(reports)-1].Changed; len(c) != 1 {
		t.Errorf("the record written after the burst was built with %q", c)
	}
}

// stripAdditions removes what serve adds to a page.
func stripAdditions(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, "\n<script>\n(function () {\n  \"use strict\";\n  var version")
	if i < 0 {
		t.Fatalf("no reload script in\n%s", clipText(page))
	}
	j := strings.Index(page[i:], "</script>\n")
	return page[:i] + page[i+j+len("</script>\n"):]
}

// serve and build produce the same files; pages differ only by the reload
// script, which is never in the built files. serve shows drafts, which
// build leaves out: it is the same as build with Options.Drafts, and the
// same as public/ once the draft is gone.
func TestSameAsBuild(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	// The fixture's config has posters.pdf: never: this test is about the
	// website; TestSameAsBuildWithPosters is about the posters' pages.
	p := start(t, root)
	st, _ := p.srv.snapshot()
	served := testsite.ReadTree(t, st.site)

	// The website as build.Run writes it for serve (into a folder of its
	// own, with the drafts), served byte for byte.
	out := filepath.Join(t.TempDir(), "site")
	res, err := build.Run(context.Background(), build.Options{Root: root, Write: true, Out: out, Drafts: true})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %+v", err, res.Diags.Items())
	}
	compareServed(t, p, served, testsite.ReadTree(t, out))

	// The build command's public/, once the fixture's draft is deleted.
	t.Run("public", func(t *testing.T) {
		if err := os.Remove(filepath.Join(root, "content", "demo-cun", "building-1", "draft.md")); err != nil {
			t.Fatal(err)
		}
		poll(t, p.url+"demo-cun/building-1/draft/", pollWait, func(code int, _ string) bool { return code == http.StatusNotFound })
		st, _ := p.srv.snapshot()
		served := testsite.ReadTree(t, st.site)
		res, err := build.Run(context.Background(), build.Options{Root: root, Write: true})
		if err != nil || res.Diags.HasErrors() {
			t.Fatalf("build: %v %+v", err, res.Diags.Items())
		}
		compareServed(t, p, served, testsite.ReadTree(t, filepath.Join(root, build.PublicDir)))
	})
}

// compareServed checks that the served folder holds the built files and
// that every one is served as built, HTML with the reload script added.
func compareServed(t *testing.T, p *preview, served, built map[string][]byte) {
	t.Helper()
	if len(served) != len(built) {
		t.Errorf("serve built %d files, build %d", len(served), len(built))
	}
	pages := 0
	for name, want := range built {
		if !bytes.Equal(served[name], want) {
			t.Errorf("%s differs between the served folder and the build", name)
		}
		if bytes.Contains(served[name], []byte("/_wallpress/")) {
			t.Errorf("%s in the served folder holds the reload script", name)
		}
		url := p.url + strings.TrimSuffix(name, "index.html")
		code, body := get(t, url)
		if code != http.StatusOK {
			t.Errorf("GET %s: %d", url, code)
			continue
		}
		if strings.HasSuffix(name, ".html") {
			pages++
			if got := stripAdditions(t, body); got != string(want) {
				t.Errorf("%s: the served page differs from the built one beyond the reload script", name)
			}
		} else if body != string(want) {
			t.Errorf("%s: served bytes differ", name)
		}
	}
	if pages < 5 {
		t.Errorf("only %d pages compared", pages)
	}
}

// readEvent reads the next "data:" line of an event stream.
func readEvent(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("event stream: %v", err)
		}
		if v, ok := strings.CutPrefix(line, "data: "); ok {
			return strings.TrimSpace(v)
		}
	}
}

// The event stream says which version is served on connecting and after
// every build; a page carries the version it shows.
func TestEvents(t *testing.T) {
	root := testsite.Fixture(t, "en")
	p := start(t, root)
	_, page := get(t, p.url)
	m := regexp.MustCompile(`var version = "([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no version in the page")
	}
	resp, err := http.Get(p.srv.rootURL() + "_wallpress/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	r := bufio.NewReader(resp.Body)
	if v := readEvent(t, r); v != m[1] {
		t.Errorf("first event %q, the page shows %q", v, m[1])
	}
	rec := filepath.Join(root, "content", "demo-cun", "building-1", "parking.md")
	writeFile(t, rec, readFile(t, rec)+"\n补充一句。\n")
	done := make(chan string, 1)
	go func() { done <- readEvent(t, r) }()
	select {
	case v := <-done:
		if v == m[1] {
			t.Errorf("the version did not change after an edit")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no event after an edit")
	}
	// Stopping does not wait for the open stream (a tab left open).
	p.cancel()
	stopped := make(chan error, 1)
	go func() { stopped <- p.srv.Wait() }()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("the server did not stop while a tab listened for events")
	}
	if _, err := io.ReadAll(r); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Logf("stream ended with %v", err)
	}
}

// Before the site has built once, every address shows the errors; once
// fixed, the site appears.
func TestBrokenAtStart(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	cfg := filepath.Join(root, "config.yaml")
	good := readFile(t, cfg)
	writeFile(t, cfg, good+"\ttheme: default\n")
	p := start(t, root)
	code, body := get(t, p.url+"demo-cun/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, overlayTag) || !strings.Contains(body, "config.yaml:6") {
		t.Fatalf("broken config: %d\n%s", code, clipText(body))
	}
	if !strings.Contains(body, "Tab") {
		t.Errorf("the overlay lacks the hint in the site's language (Chinese, with the word Tab):\n%s", clipText(body))
	}
	writeFile(t, cfg, good)
	// Once built, the site is at the path of its baseURL.
	poll(t, p.url+"louzu/demo-cun/", pollWait, func(code int, body string) bool {
		return code == http.StatusOK && !strings.Contains(body, overlayTag)
	})
	if u := p.srv.URL(); !strings.HasSuffix(u, "/louzu/") {
		t.Errorf("URL() = %s", u)
	}
}

// Folders need their slash; unknown addresses get the site's 404 page, with
// a note when the address is a record that is not built; drafts are shown.
func TestAddresses(t *testing.T) {
	root := testsite.Fixture(t, "en")
	p := start(t, root)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(p.url + "demo-cun")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/louzu/demo-cun/" {
		t.Errorf("folder without slash: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The site is served at the path of its baseURL, as it will be hosted.
	resp, err = client.Get(p.srv.rootURL())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/louzu/" {
		t.Errorf("/: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The 404 page's links start from that path, so its style sheet loads.
	code, body := get(t, p.srv.rootURL()+"elsewhere/")
	if code != http.StatusNotFound || !strings.Contains(body, `href="/louzu/static/site.css"`) {
		t.Errorf("outside the base path: %d\n%s", code, clipText(body))
	}
	if code, _ := get(t, p.url+"static/site.css"); code != http.StatusOK {
		t.Errorf("style sheet: %d", code)
	}
	code, body = get(t, p.url+"no/such/page/")
	if code != http.StatusNotFound || !strings.Contains(body, "<script>") || strings.Contains(body, `id="wallpress-note"`) {
		t.Errorf("404: %d\n%s", code, clipText(body))
	}
	// draft.md is a draft: the preview shows it, under a banner saying so
	// in the site's language, so that a record made by `new` can be watched
	// while it is written.
	code, body = get(t, p.url+"demo-cun/building-1/draft/")
	if code != http.StatusOK || !strings.Contains(body, `class="draft-banner"`) || !strings.Contains(body, "Draft: this page shows only in the preview") || !strings.Contains(body, "还没写完") {
		t.Errorf("draft: %d\n%s", code, clipText(body))
	}
	if _, body := get(t, p.url+"demo-cun/building-1/convention/"); strings.Contains(body, "draft-banner") {
		t.Error("a published record carries the draft banner")
	}
	// wall-only.md is printed only: its address explains why there is no
	// page.
	code, body = get(t, p.url+"demo-cun/building-1/wall-only/")
	if code != http.StatusNotFound || !strings.Contains(body, `id="wallpress-note"`) {
		t.Errorf("wall-only: %d\n%s", code, clipText(body))
	}
	if !strings.Contains(body, "content/demo-cun/building-1/wall-only.md") || !strings.Contains(body, "publish: wall") {
		t.Errorf("the note does not name the wall-only record's file:\n%s", clipText(body))
	}
	if code, _ := get(t, p.url+"../../etc/passwd"); code == http.StatusOK {
		t.Errorf("a path outside the site was served")
	}
	if code, body := get(t, p.srv.rootURL()+"_wallpress/posters/"); code != http.StatusNotFound || !strings.Contains(body, "<script>") {
		t.Errorf("posters without the hook: %d", code)
	}
}

func TestLoopbackOnly(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:0"} {
		_, err := Start(context.Background(), Options{Root: t.TempDir(), Addr: addr})
		if !errors.Is(err, ErrNotLoopback) {
			t.Errorf("%s: %v, want ErrNotLoopback", addr, err)
		}
	}
	for host, want := range map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true, "127.1.2.3": true, "": false, "0.0.0.0": false, "::": false, "10.0.0.1": false} {
		if got := IsLoopback(host); got != want {
			t.Errorf("IsLoopback(%q) = %v", host, got)
		}
	}
}

func TestInject(t *testing.T) {
	for _, c := range []struct{ page, want string }{
		{"<html><body><p>x</p></body></html>", "<html><body><p>x</p>ADD</body></html>"},
		{"<HTML><BODY>x</BODY></HTML>", "<HTML><BODY>xADD</BODY></HTML>"},
		{"<p>no body tag</p>", "<p>no body tag</p>ADD"},
		{"<body><pre>&lt;/body&gt;</pre></body>", "<body><pre>&lt;/body&gt;</pre>ADD</body>"},
	} {
		if got := string(inject([]byte(c.page), []byte("ADD"))); got != c.want {
			t.Errorf("inject(%q) = %q", c.page, got)
		}
	}
}

func TestIgnoredNames(t *testing.T) {
	for name, want := range map[string]bool{
		"convention.md": false, "_index.md": false, "family.jpg": false, "account.csv": false,
		".convention.md.swp": true, "convention.md~": true, "~$account.xlsx": true, "#convention.md#": true,
		"convention.md.tmp": true, ".DS_Store": true, "4913": false,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v", name, got)
		}
	}
	w := &watcher{root: "/site"}
	for p, want := range map[string]bool{
		"/site/config.yaml": true, "/site/content/a/b.md": true, "/site/themes/default/layouts/x.html": true,
		"/site/public/index.html": false, "/site/.cache/images/x.jpg": false, "/site/notes.txt": false,
		"/site/content/a/.b.md.swp": false,
	} {
		if _, got := w.rel(filepath.FromSlash(p)); got != want {
			t.Errorf("rel(%s) relevant = %v", p, got)
		}
	}
}

// Poster previews: a group's are made when asked for, served at a stable
// address with the reload script, and made again after an edit.
func TestPosterPreviews(t *testing.T) {
	root := testsite.Fixture(t, "en")
	ctx, cancel := context.WithCancel(context.Background())
	srv, err := Start(ctx, Options{Root: root, Addr: "127.0.0.1:0", Posters: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		srv.Wait()
	}()
	base := srv.rootURL() + "_wallpress/posters/"
	code, body := get(t, base)
	if code != http.StatusOK || !strings.Contains(body, `href="demo-cun/"`) {
		t.Errorf("listing of the neighbourhoods: %d\n%s", code, clipText(body))
	}
	code, body = get(t, base+"demo-cun/building-1/")
	if code != http.StatusOK || !strings.Contains(body, `href="convention.html"`) {
		t.Errorf("listing: %d\n%s", code, clipText(body))
	}
	code, body = get(t, base+"demo-cun/building-1/convention.html")
	if code != http.StatusOK || !strings.Contains(body, "/_wallpress/events") {
		t.Errorf("poster: %d\n%s", code, clipText(body))
	}
	if !strings.Contains(testsite.Text(body), "公共楼道不堆放杂物") {
		t.Fatalf("the convention's poster lacks its first article:\n%s", clipText(body))
	}
	rec := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	writeFile(t, rec, strings.Replace(readFile(t, rec), "公共楼道不堆放杂物", "公共楼道一律不堆放杂物", 1))
	poll(t, base+"demo-cun/building-1/convention.html", pollWait, func(code int, body string) bool {
		return strings.Contains(testsite.Text(body), "公共楼道一律不堆放杂物")
	})
}

// A folder that cannot be watched (the system's limit on watches used up)
// is told in the terminal's report and over every page, with what to do;
// the folders watched before go on working.
func TestWatchLimitWarned(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	fb, err := NewFullBuilder(root, false)
	if err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(root, "content", "demo-cun", "building-2")
	p := startWith(t, root, fb, fb, func(o *Options) {
		o.watchRefuse = func(dir string) error {
			if dir == full {
				return fmt.Errorf("inotify_add_watch %s: %w", dir, syscall.ENOSPC)
			}
			return nil
		}
	})
	if err := os.Mkdir(full, 0o755); err != nil {
		t.Fatal(err)
	}
	var rep Report
	p.waitFor(t, "a report of the folder that is not watched", func() bool {
		for _, r := range p.reports {
			if r.Result == nil || r.Result.Diags == nil {
				continue
			}
			for _, d := range r.Result.Diags.Items() {
				if d.Key == "serve.watchLimit" {
					rep = r
					return true
				}
			}
		}
		return false
	})
	for _, d := range rep.Result.Diags.Items() {
		if d.Key == "serve.watchLimit" && (d.Pos.File != "content/demo-cun/building-2" || d.Severity != diag.Warning) {
			t.Errorf("warning at %v (severity %v), want a warning at content/demo-cun/building-2", d.Pos, d.Severity)
		}
	}
	_, body := get(t, p.url)
	for _, want := range []string{overlayTag, "content/demo-cun/building-2", "fs.inotify.max_user_watches", "提醒"} {
		if !strings.Contains(body, want) {
			t.Errorf("the overlay lacks %q:\n%s", want, clipText(body))
		}
	}
	// The terminal is told once, not after every build.
	p.mu.Lock()
	from := len(p.reports)
	p.mu.Unlock()
	for _, r := range p.settle(t, root, from) {
		for _, d := range r.Result.Diags.Items() {
			if d.Key == "serve.watchLimit" {
				t.Errorf("the folder that is not watched is told again")
			}
		}
	}
}

// The overlay shows each error as the terminal prints it: the file's line
// with a caret under the place, and the hint.
func TestOverlayAsTerminal(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	p := start(t, root)
	rec := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	writeFile(t, rec, strings.Replace(readFile(t, rec), "adopted: 2024-03-15", "adopted：2024-03-15", 1))
	body, _ := poll(t, p.url, pollWait, func(code int, body string) bool {
		return strings.Contains(body, overlayTag)
	})
	st, _ := p.srv.snapshot()
	var first *diag.Diagnostic
	for _, d := range st.res.Diags.Items() {
		if d.Severity == diag.Error {
			first = &d
			break
		}
	}
	if first == nil {
		t.Fatal("no error")
	}
	printer := diag.Printer{Messages: st.cat, Sources: diag.NewSources(os.DirFS(root))}
	text := printer.Format(*first, "")
	if !strings.Contains(text, "adopted：2024-03-15\n") || !strings.Contains(text, "^") {
		t.Fatalf("the terminal's text lacks the line and caret:\n%s", text)
	}
	if !strings.Contains(body, template.HTMLEscapeString(text)) {
		t.Errorf("the overlay does not show\n%s\nas the terminal does:\n%s", text, clipText(body))
	}
}
