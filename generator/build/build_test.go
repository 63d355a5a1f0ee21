package build

import (
	"bytes"
	"context"
	"errors"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

func TestBuildFixture(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	res := mustBuild(t, root)
	if res.Pages == 0 {
		t.Fatal("no pages")
	}
	for _, f := range []string{"index.html", "demo-cun/index.html", "demo-cun/building-1/index.html", "demo-cun/building-1/convention/index.html", "sitemap.xml", "feed.xml", "404.html"} {
		if _, err := os.Stat(filepath.Join(root, "public", f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}

func TestDeterministic(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	mustBuild(t, root)
	first := readTree(t, filepath.Join(root, "public"))
	// A second build from a cold cache must give the same bytes too.
	os.RemoveAll(filepath.Join(root, ".cache"))
	mustBuild(t, root)
	second := readTree(t, filepath.Join(root, "public"))
	if len(first) != len(second) {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for p, data := range first {
		if !bytes.Equal(data, second[p]) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestWallRecordStaysOffline(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	mustBuild(t, root)
	for p, data := range readTree(t, filepath.Join(root, "public")) {
		if strings.Contains(p, "wall-only") || bytes.Contains(data, []byte("wall-only")) || bytes.Contains(data, []byte("只上墙的签名表")) {
			t.Errorf("the wall-only record reached public/%s", p)
		}
		if strings.Contains(p, "draft") || bytes.Contains(data, []byte("还没写完")) {
			t.Errorf("the draft reached public/%s", p)
		}
	}
}

func TestNoEXIFInPublic(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	// A phone photo: EXIF with GPS in an APP1 segment right after SOI.
	team := filepath.Join(root, "content", "demo-cun", "building-1", "team.jpg")
	data, err := os.ReadFile(team)
	if err != nil {
		t.Fatal(err)
	}
	exif := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x00GPSLatitude31.3")
	app1 := append([]byte{0xFF, 0xE1, byte((len(exif) + 2) >> 8), byte(len(exif) + 2)}, exif...)
	os.WriteFile(team, append(append([]byte{0xFF, 0xD8}, app1...), data[2:]...), 0o644)
	mustBuild(t, root)
	n := 0
	for p, data := range readTree(t, filepath.Join(root, "public")) {
		if !strings.HasSuffix(p, ".jpg") {
			continue
		}
		n++
		if bytes.Contains(data, []byte("Exif")) || bytes.Contains(data, []byte("GPS")) || bytes.Contains(data, []byte{0xFF, 0xE1}) {
			t.Errorf("public/%s carries EXIF", p)
		}
	}
	if n == 0 {
		t.Fatal("no JPEG in public/")
	}
}

var refAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"|srcset="([^"]*)"`)

// Every relative link and image in public/ must lead to a file in public/.
func TestRelativeLinksResolve(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	mustBuild(t, root)
	checkLinks(t, filepath.Join(root, "public"))
}

func checkLinks(t *testing.T, pub string) {
	t.Helper()
	tree := readTree(t, pub)
	checked := 0
	for p, data := range tree {
		if !strings.HasSuffix(p, ".html") || p == "404.html" {
			continue
		}
		for _, m := range refAttr.FindAllSubmatch(data, -1) {
			var refs []string
			if m[1] != nil {
				refs = []string{string(m[1])}
			} else {
				for _, c := range strings.Split(string(m[2]), ",") {
					refs = append(refs, strings.Fields(c)[0])
				}
			}
			for _, ref := range refs {
				ref = html.UnescapeString(ref)
				if ref == "" || strings.Contains(ref, "://") || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "mailto:") {
					continue
				}
				if strings.HasPrefix(ref, "/") {
					t.Errorf("%s: root-relative link %q breaks under a sub-path and from disk", p, ref)
					continue
				}
				ref, _, _ = strings.Cut(ref, "#")
				ref, _, _ = strings.Cut(ref, "?")
				// Links are percent-encoded; the files have their names.
				name, err := url.PathUnescape(ref)
				if err != nil {
					t.Errorf("%s: %q is not a valid URL path: %v", p, ref, err)
					continue
				}
				ref = name
				target := path.Join(path.Dir(p), ref)
				if strings.HasSuffix(ref, "/") || ref == "." {
					target = path.Join(target, "index.html")
				}
				if _, ok := tree[target]; !ok {
					t.Errorf("%s: %q leads to %s, which is not in public/", p, ref, target)
				}
				checked++
			}
		}
	}
	if checked < 50 {
		t.Fatalf("only %d links checked", checked)
	}
}

// A photo that is no longer used leaves the cache after the next build; the
// ones still used stay.
func TestCachePruned(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	mustBuild(t, root)
	entries := func() int {
		n := 0
		filepath.WalkDir(filepath.Join(root, ".cache", "images"), func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Name() == "entry.json" {
				n++
			}
			return nil
		})
		return n
	}
	before := entries()
	act := filepath.Join(root, "content", "demo-cun", "building-1", "activity-cleanup.md")
	data, _ := os.ReadFile(act)
	os.WriteFile(act, []byte(strings.Replace(string(data), "after.jpg", "receipt.jpg", 1)), 0o644)
	story := filepath.Join(root, "content", "demo-cun", "building-1", "story-spring.md")
	data, _ = os.ReadFile(story)
	os.WriteFile(story, []byte(strings.Replace(string(data), "after: after.jpg", "after: team.jpg", 1)), 0o644)
	mustBuild(t, root)
	if got := entries(); got != before-1 {
		t.Errorf("cache entries: %d before, %d after dropping after.jpg; want one fewer", before, got)
	}
}

// TestCancelledBuildWritesNothing: a build whose context is done stops
// with ErrInterrupted and leaves public/ and print/ as they were.
func TestCancelledBuildWritesNothing(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	mustBuild(t, root)
	before := readTree(t, filepath.Join(root, PublicDir))
	f := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	data, _ := os.ReadFile(f)
	os.WriteFile(f, bytes.Replace(data, []byte("公共楼道不堆放杂物"), []byte("公共楼道一律不堆放杂物"), 1), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Run(ctx, Options{Root: root, Write: true})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
	after := readTree(t, filepath.Join(root, PublicDir))
	if len(after) != len(before) {
		t.Fatalf("%d files in public/, then %d", len(before), len(after))
	}
	for p, b := range before {
		if !bytes.Equal(b, after[p]) {
			t.Errorf("%s changed", p)
		}
	}
}

// countingCtx is a context that is cancelled the n-th time its Err is
// asked (never when n is 0), and counts the calls: a build asks between
// pages, images, posters and files, so a cancellation at each n is Ctrl-C
// pressed at a later moment of the build.
type countingCtx struct {
	context.Context
	cancel func()
	n      int
	mu     sync.Mutex
	calls  int
}

func newCountingCtx(n int) *countingCtx {
	ctx, cancel := context.WithCancel(context.Background())
	return &countingCtx{Context: ctx, cancel: cancel, n: n}
}

func (c *countingCtx) Err() error {
	c.mu.Lock()
	c.calls++
	if c.calls == c.n {
		c.cancel()
	}
	c.mu.Unlock()
	return c.Context.Err()
}

// TestInterruptedAtAnyStage: Ctrl-C at any moment of a build (loading,
// images, posters, writing the website, just before publishing) stops it
// with ErrInterrupted, and public/ and print/ stay as they were.
func TestInterruptedAtAnyStage(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	mustBuild(t, root)
	pub, print := filepath.Join(root, PublicDir), filepath.Join(root, PrintDir)
	beforePub, beforePrint := readTree(t, pub), readTree(t, print)
	if len(beforePrint) == 0 {
		t.Fatal("the fixture makes no posters: the posters stage goes untested")
	}
	f := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, bytes.Replace(data, []byte("公共楼道不堆放杂物"), []byte("公共楼道一律不堆放杂物"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	// How often a whole build asks, into folders of its own.
	count := newCountingCtx(0)
	out := t.TempDir()
	res, err := Run(count, Options{Root: root, Write: true, Out: filepath.Join(out, "public"), Print: filepath.Join(out, "print")})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("uninterrupted build: %v", err)
	}
	n := count.calls
	if n < 10 {
		t.Fatalf("a build looks at its context %d times: too seldom to stop within a second", n)
	}
	for _, at := range []int{1, 2, n / 4, n / 2, 3 * n / 4, n - 1, n} {
		ctx := newCountingCtx(at)
		_, err := Run(ctx, Options{Root: root, Write: true})
		if !errors.Is(err, ErrInterrupted) {
			t.Fatalf("cancelled at check %d of %d: err = %v, want ErrInterrupted", at, n, err)
		}
		for dir, before := range map[string]map[string][]byte{pub: beforePub, print: beforePrint} {
			after := readTree(t, dir)
			if len(after) != len(before) {
				t.Fatalf("cancelled at check %d of %d: %d files in %s, then %d", at, n, len(before), dir, len(after))
			}
			for p, b := range before {
				if !bytes.Equal(b, after[p]) {
					t.Errorf("cancelled at check %d of %d: %s changed", at, n, p)
				}
			}
		}
	}
}

// A build killed between the two renames of the earlier swap left public/
// aside and no public/; the next run, even a check, puts it back whole
// before anything else, and removes the half-written new tree.
func TestCheckRecoversKilledPublication(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	mustBuild(t, root)
	before := readTree(t, filepath.Join(root, PublicDir))
	aside := filepath.Join(root, ".wallpress-tmp-public-17.old")
	if err := os.Rename(filepath.Join(root, PublicDir), aside); err != nil {
		t.Fatal(err)
	}
	half := filepath.Join(root, ".wallpress-tmp-public-17", "index.html")
	os.MkdirAll(filepath.Dir(half), 0o755)
	os.WriteFile(half, []byte("<p>half"), 0o644)
	res, err := Run(context.Background(), Options{Root: root})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("check: %v %v", err, res.Diags.Items())
	}
	after := readTree(t, filepath.Join(root, PublicDir))
	if len(after) != len(before) {
		t.Fatalf("%d files in public/, then %d", len(before), len(after))
	}
	for p, b := range before {
		if !bytes.Equal(b, after[p]) {
			t.Errorf("%s changed", p)
		}
	}
	for _, p := range []string{aside, filepath.Dir(half)} {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is still there", filepath.Base(p))
		}
	}
}
