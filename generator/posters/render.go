package posters

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Doc is one document to render.
type Doc struct {
	// Path is where the poster server shows the document, a slash path
	// such as "gongnong-sancun/building-12/convention.html"; the photos it
	// names resolve against it.
	Path string
	HTML []byte
	// What to make of it (see Job).
	PDF, PNG, Thumb bool
	// Label names the poster in messages: its record's file.
	Label string
}

// TimeoutError reports a document that did not render in time.
type TimeoutError struct {
	Label string
	After time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("poster for %s did not finish within %v", e.Label, e.After)
}

// Renderer renders documents with one browser, several tabs at once, and
// keeps what it made in a cache keyed by the documents' bytes, so that an
// unchanged poster is never printed twice.
type Renderer struct {
	Geometry Geometry
	// Start starts the browser. Render calls it at most once, and only
	// when some document is not in the cache.
	Start func(ctx context.Context) (Browser, error)
	// CacheDir holds rendered documents; "" renders everything afresh.
	CacheDir string
	// Files maps slash paths on the poster server to files on disk (the
	// print variants of the photos).
	Files map[string]string
	// Tabs is how many documents render at once; 0 picks by the CPUs.
	Tabs int
	// Timeout bounds one document; 0 means DefaultTimeout.
	Timeout time.Duration
	// Progress, when set, is called after each document is done.
	Progress func(done, total int)

	// Started reports whether the browser was started.
	Started bool
}

// DefaultTimeout bounds the rendering of one document. A poster takes about
// a second; a set of a large group a few.
const DefaultTimeout = 2 * time.Minute

// Render renders every document and returns what each became. A document
// that fails stops the others; the browser is closed before Render returns,
// whatever happened.
func (r *Renderer) Render(ctx context.Context, docs []*Doc) (map[*Doc]*Output, error) {
	out := make(map[*Doc]*Output, len(docs))
	// Identical documents (a poster whose website copy has no names to
	// hide) render once.
	byKey := map[string][]*Doc{}
	var keys []string
	for _, d := range docs {
		k := r.key(d)
		if _, seen := byKey[k]; !seen {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], d)
	}
	var todo []string
	for _, k := range keys {
		if o, ok := r.load(k); ok {
			for _, d := range byKey[k] {
				out[d] = o
			}
			continue
		}
		todo = append(todo, k)
	}
	if len(todo) == 0 {
		return out, nil
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	srv, err := r.serve(docs)
	if err != nil {
		return nil, err
	}
	defer srv.close()

	b, err := r.Start(ctx)
	if err != nil {
		return nil, err
	}
	r.Started = true
	defer b.Close()

	tabs := r.Tabs
	if tabs <= 0 {
		tabs = min(max(runtime.GOMAXPROCS(0), 2), 4)
	}
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	var mu sync.Mutex
	done := 0
	work := make(chan string)
	var wg sync.WaitGroup
	for range min(tabs, len(todo)) {
		wg.Go(func() {
			for k := range work {
				d := byKey[k][0]
				o, err := r.renderOne(ctx, b, srv, d, timeout)
				if err != nil {
					cancel(err)
					continue
				}
				r.store(k, o)
				mu.Lock()
				for _, e := range byKey[k] {
					out[e] = o
				}
				done++
				if r.Progress != nil {
					r.Progress(done, len(todo))
				}
				mu.Unlock()
			}
		})
	}
feed:
	for _, k := range todo {
		select {
		case work <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

func (r *Renderer) renderOne(ctx context.Context, b Browser, srv *server, d *Doc, timeout time.Duration) (*Output, error) {
	tctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	o, err := b.Render(tctx, Job{URL: srv.url(d.Path), Geometry: r.Geometry, PDF: d.PDF, PNG: d.PNG, Thumb: d.Thumb})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
			return nil, &TimeoutError{Label: d.Label, After: timeout}
		}
		if ctx.Err() != nil {
			return nil, context.Cause(ctx)
		}
		return nil, fmt.Errorf("poster for %s: %w", d.Label, err)
	}
	if o.PDF != nil {
		if o.PDF, err = SetPageBoxes(StripDates(o.PDF), r.Geometry); err != nil {
			return nil, fmt.Errorf("poster for %s: %w", d.Label, err)
		}
	}
	return &o, nil
}

// key is a document's cache key: its bytes and what is asked of it. The
// paper and the PNG resolution are part of the bytes (base.html's CSS and
// meta tag), the photos by the content hash in their file names.
func (r *Renderer) key(d *Doc) string {
	h := sha256.New()
	fmt.Fprintf(h, "wallpress poster render v%d\npdf %v png %v thumb %v\n", RenderVersion, d.PDF, d.PNG, d.Thumb)
	h.Write(d.HTML)
	return hex.EncodeToString(h.Sum(nil))
}

type cacheMeta struct {
	Overflow []int `json:"overflow,omitempty"`
	PDF      bool  `json:"pdf"`
	PNG      bool  `json:"png"`
	Thumb    bool  `json:"thumb"`
}

func (r *Renderer) entry(k string) string { return filepath.Join(r.CacheDir, k[:2], k) }

// load returns a cached rendering, if a whole one is there.
func (r *Renderer) load(k string) (*Output, bool) {
	if r.CacheDir == "" {
		return nil, false
	}
	dir := r.entry(k)
	data, err := os.ReadFile(filepath.Join(dir, "meta.json"))
	if err != nil {
		return nil, false
	}
	var m cacheMeta
	if json.Unmarshal(data, &m) != nil {
		return nil, false
	}
	o := &Output{Overflow: m.Overflow}
	for _, f := range []struct {
		want bool
		name string
		dst  *[]byte
	}{{m.PDF, "poster.pdf", &o.PDF}, {m.PNG, "poster.png", &o.PNG}, {m.Thumb, "thumb.jpg", &o.Thumb}} {
		if !f.want {
			continue
		}
		if *f.dst, err = os.ReadFile(filepath.Join(dir, f.name)); err != nil || len(*f.dst) == 0 {
			return nil, false
		}
	}
	return o, true
}

// store keeps a rendering in the cache. The entry is written beside its
// place and renamed into it, so that it is whole or absent; a failure to
// cache only costs a render next time.
func (r *Renderer) store(k string, o *Output) {
	if r.CacheDir == "" {
		return
	}
	dir := r.entry(k)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".tmp-")
	if err != nil {
		return
	}
	defer os.RemoveAll(tmp)
	m := cacheMeta{Overflow: o.Overflow, PDF: o.PDF != nil, PNG: o.PNG != nil, Thumb: o.Thumb != nil}
	for _, f := range []struct {
		name string
		data []byte
	}{{"poster.pdf", o.PDF}, {"poster.png", o.PNG}, {"thumb.jpg", o.Thumb}} {
		if f.data != nil {
			if os.WriteFile(filepath.Join(tmp, f.name), f.data, 0o644) != nil {
				return
			}
		}
	}
	data, _ := json.Marshal(m)
	if os.WriteFile(filepath.Join(tmp, "meta.json"), data, 0o644) != nil {
		return
	}
	os.RemoveAll(dir)
	os.Rename(tmp, dir)
}

// PruneCache removes every cache entry not among the documents given, the
// ones a complete build made, and leftovers of interrupted writes.
func (r *Renderer) PruneCache(docs []*Doc) error {
	if r.CacheDir == "" {
		return nil
	}
	keep := map[string]bool{}
	for _, d := range docs {
		keep[r.key(d)] = true
	}
	shards, err := os.ReadDir(r.CacheDir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, s := range shards {
		if !s.IsDir() || len(s.Name()) != 2 {
			continue
		}
		entries, err := os.ReadDir(filepath.Join(r.CacheDir, s.Name()))
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := e.Name()
			if keep[name] || !(strings.HasPrefix(name, ".tmp-") || (len(name) == 64 && isHex(name))) {
				continue
			}
			if err := os.RemoveAll(filepath.Join(r.CacheDir, s.Name(), name)); err != nil {
				return err
			}
		}
	}
	return nil
}

func isHex(s string) bool {
	_, err := hex.DecodeString(s)
	return err == nil
}

// server shows the documents and their photos to the browser over HTTP on
// the loopback interface. A page loaded from file:// could not be given the
// website copies, which exist only in memory, and would depend on the
// staging folder's place.
type server struct {
	base string
	srv  *http.Server
	done chan struct{}
}

func (r *Renderer) serve(docs []*Doc) (*server, error) {
	pages := make(map[string][]byte, len(docs))
	for _, d := range docs {
		pages["/"+d.Path] = d.HTML
	}
	files := make(map[string]string, len(r.Files))
	for p, f := range r.Files {
		files["/"+p] = f
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	mux := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		p := path.Clean(req.URL.Path)
		if data, ok := pages[p]; ok {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(data)
			return
		}
		if f, ok := files[p]; ok {
			http.ServeFile(w, req, f)
			return
		}
		http.NotFound(w, req)
	})
	s := &server{base: "http://" + ln.Addr().String(), srv: &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}, done: make(chan struct{})}
	go func() {
		s.srv.Serve(ln)
		close(s.done)
	}()
	return s, nil
}

func (s *server) url(p string) string { return s.base + "/" + p }

func (s *server) close() {
	s.srv.Close()
	<-s.done
}
