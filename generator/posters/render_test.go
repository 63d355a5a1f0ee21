package posters

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeBrowser fetches each document from the poster server (so the server
// is tested too) and returns its bytes as the "PNG".
type fakeBrowser struct {
	renders atomic.Int32
	closed  atomic.Int32
	hang    string // a document path that never finishes
	fail    string // a document path that fails
	mu      sync.Mutex
	fetched []string
}

func (b *fakeBrowser) Render(ctx context.Context, job Job) (Output, error) {
	b.renders.Add(1)
	if b.hang != "" && strings.HasSuffix(job.URL, b.hang) {
		<-ctx.Done()
		return Output{}, ctx.Err()
	}
	if b.fail != "" && strings.HasSuffix(job.URL, b.fail) {
		return Output{}, errors.New("renderer crashed")
	}
	resp, err := http.Get(job.URL)
	if err != nil {
		return Output{}, err
	}
	defer resp.Body.Close()
	html, _ := io.ReadAll(resp.Body)
	img, err := http.Get(strings.TrimSuffix(job.URL, "p.html") + "images/x.jpg")
	if err != nil || img.StatusCode != 200 {
		return Output{}, errors.New("image not served")
	}
	img.Body.Close()
	b.mu.Lock()
	b.fetched = append(b.fetched, job.URL)
	b.mu.Unlock()
	out := Output{PNG: html, Thumb: []byte("jpg")}
	if job.PDF {
		out.PDF = tinyPDF(1, 595, 842)
	}
	return out, nil
}

func (b *fakeBrowser) Close() error { b.closed.Add(1); return nil }

func testRenderer(t *testing.T, b *fakeBrowser, cache string) (*Renderer, *int) {
	img := filepath.Join(t.TempDir(), "x.jpg")
	os.WriteFile(img, []byte("jpeg"), 0o644)
	starts := 0
	files := map[string]string{}
	for _, d := range []string{"a", "b", "c"} {
		files[d+"/images/x.jpg"] = img
	}
	return &Renderer{
		Geometry: Geometry{TrimW: 210, TrimH: 297, DPI: 96},
		CacheDir: cache,
		Files:    files,
		Start:    func(context.Context) (Browser, error) { starts++; return b, nil },
	}, &starts
}

func docs(htmls ...string) []*Doc {
	var out []*Doc
	for i, h := range htmls {
		out = append(out, &Doc{Path: string(rune('a'+i%3)) + "/p.html", HTML: []byte(h), PDF: true, PNG: true, Label: "content/" + h + ".md"})
	}
	return out
}

func TestRendererCachesAndShares(t *testing.T) {
	cache := t.TempDir()
	b := &fakeBrowser{}
	r, starts := testRenderer(t, b, cache)
	ds := docs("one", "two", "one")
	ds[2].Path = "c/p.html" // the same bytes elsewhere: rendered once
	out, err := r.Render(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	if *starts != 1 || b.renders.Load() != 2 || b.closed.Load() != 1 {
		t.Fatalf("starts %d, renders %d, closes %d; want 1, 2, 1", *starts, b.renders.Load(), b.closed.Load())
	}
	for _, d := range ds {
		o := out[d]
		if o == nil || string(o.PNG) != string(d.HTML) {
			t.Fatalf("%s: output %v", d.Path, o)
		}
		if !strings.Contains(string(o.PDF), "/TrimBox") {
			t.Errorf("%s: the PDF has no TrimBox", d.Path)
		}
	}

	// Again: everything comes from the cache and no browser starts.
	b2 := &fakeBrowser{}
	r2, starts2 := testRenderer(t, b2, cache)
	out2, err := r2.Render(context.Background(), docs("one", "two"))
	if err != nil {
		t.Fatal(err)
	}
	if *starts2 != 0 || r2.Started {
		t.Errorf("the browser started for cached documents")
	}
	if len(out2) != 2 {
		t.Errorf("%d outputs from the cache", len(out2))
	}

	// A change of bytes misses the cache; pruning keeps only what is used.
	r3, starts3 := testRenderer(t, &fakeBrowser{}, cache)
	d3 := docs("three")
	if _, err := r3.Render(context.Background(), d3); err != nil || *starts3 != 1 {
		t.Fatalf("changed document: %v, starts %d", err, *starts3)
	}
	if err := r3.PruneCache(d3); err != nil {
		t.Fatal(err)
	}
	if _, ok := r3.load(r3.Key(docs("one")[0])); ok {
		t.Error("prune kept an unused entry")
	}
	if _, ok := r3.load(r3.Key(d3[0])); !ok {
		t.Error("prune removed the used entry")
	}
}

func TestRendererTimeout(t *testing.T) {
	b := &fakeBrowser{hang: "b/p.html"}
	r, _ := testRenderer(t, b, "")
	r.Timeout = 200 * time.Millisecond
	_, err := r.Render(context.Background(), docs("one", "two", "three"))
	var te *TimeoutError
	if !errors.As(err, &te) || te.Label != "content/two.md" {
		t.Fatalf("err = %v, want a timeout naming content/two.md", err)
	}
	if b.closed.Load() != 1 {
		t.Error("the browser was not closed after a timeout")
	}
}

func TestRendererFailureAndCancel(t *testing.T) {
	b := &fakeBrowser{fail: "a/p.html"}
	r, _ := testRenderer(t, b, "")
	_, err := r.Render(context.Background(), docs("one", "two"))
	if err == nil || !strings.Contains(err.Error(), "content/one.md") || b.closed.Load() != 1 {
		t.Fatalf("err = %v, closed %d", err, b.closed.Load())
	}

	b = &fakeBrowser{hang: "a/p.html"}
	r, _ = testRenderer(t, b, "")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err = r.Render(ctx, docs("one"))
	if !errors.Is(err, context.Canceled) || b.closed.Load() != 1 {
		t.Fatalf("cancelled: err = %v, closed %d", err, b.closed.Load())
	}
}

// A change of the shared stylesheet misses the render cache, even for a
// document whose theme does not print the stylesheet's hash in it.
func TestKeyFollowsStylesheet(t *testing.T) {
	doc := func() *Doc {
		return &Doc{Path: "a/b/p.html", HTML: []byte(`<link rel="stylesheet" href="../../poster.css">`), PDF: true}
	}
	a := &Renderer{Stylesheet: []byte("body { color: red }")}
	b := &Renderer{Stylesheet: []byte("body { color: blue }")}
	same := &Renderer{Stylesheet: []byte("body { color: red }")}
	if a.Key(doc()) == b.Key(doc()) {
		t.Error("two stylesheets give the same key")
	}
	if a.Key(doc()) != same.Key(doc()) {
		t.Error("the same stylesheet gives two keys")
	}
}
