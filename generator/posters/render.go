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

	"wallpress/generator/diag"
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

	// key is the cache key, once Key has computed it.
	key string
}

// TimeoutError reports a document that did not render in time.
type TimeoutError struct {
	Label string
	After time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("poster for %s did not finish within %v", e.Label, e.After)
}

// Diagnostic tells e as an error at the poster's record (diag.Diagnoser).
func (e *TimeoutError) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{Pos: diag.Pos{File: e.Label}, Severity: diag.Error, Key: "posters.timeout",
		Args: diag.Args{"seconds": int(e.After.Seconds())}, Hint: "posters.timeout.hint"}
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
	// Stylesheet is the documents' shared stylesheet, shown at
	// StylesheetName at the top of the poster server as print/ has it.
	Stylesheet []byte
	// Tabs is how many documents render at once; 0 picks by the CPUs.
	Tabs int
	// Timeout bounds one document; 0 means DefaultTimeout.
	Timeout time.Duration
	// Progress, when set, is called after each document is done.
	Progress func(done, total int)

	// Started reports whether the browser was started.
	Started bool

	// sheetSum is Stylesheet's hash, taken once for every Key.
	sheetOnce sync.Once
	sheetSum  [sha256.Size]byte
}

// DefaultTimeout bounds the rendering of one document. A poster takes about
// a second; a set of a large group a few.
const DefaultTimeout = 2 * time.Minute

// Render renders every document and returns what each became. A document
// that fails stops the others; the browser is closed before Render returns,
// whatever happened.
func (r *Renderer) Render(ctx context.Context, docs []*Doc) (map[*Doc]*Output, error) {
	s := r.Open(ctx)
	out, err := s.Render(docs, r.Files)
	s.Close()
	return out, err
}

// Session renders documents as a build lays them out, group after group,
// with one browser for them all: started at the first document that is not
// in the cache, closed by Close. Render may be called from several
// goroutines at once; at most Tabs documents render at a time across all of
// them. The first document that fails stops the session: every Render
// after it returns that error.
type Session struct {
	r       *Renderer
	ctx     context.Context
	cancel  context.CancelCauseFunc
	timeout time.Duration
	// tabs holds a token per document being rendered.
	tabs chan struct{}
	srv  *server

	mu      sync.Mutex
	browser Browser
	// startErr is the failure to start the browser, kept for every
	// later Render.
	startErr   error
	done, todo int
}

// Open starts a session. Nothing is started until a document needs the
// browser.
func (r *Renderer) Open(ctx context.Context) *Session {
	tabs := r.Tabs
	if tabs <= 0 {
		tabs = min(max(runtime.GOMAXPROCS(0), 2), 4)
	}
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithCancelCause(ctx)
	return &Session{r: r, ctx: ctx, cancel: cancel, timeout: timeout, tabs: make(chan struct{}, tabs)}
}

// Close ends the browser and the poster server, if they were started.
func (s *Session) Close() {
	s.cancel(nil)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.browser != nil {
		s.browser.Close()
		s.browser = nil
	}
	if s.srv != nil {
		s.srv.close()
		s.srv = nil
	}
}

// start returns the browser and the server, starting them the first time.
func (s *Session) start() (Browser, *server, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.browser != nil || s.startErr != nil {
		return s.browser, s.srv, s.startErr
	}
	if err := s.ctx.Err(); err != nil {
		return nil, nil, context.Cause(s.ctx)
	}
	srv, err := newServer(s.r.Stylesheet)
	if err != nil {
		s.startErr = err
		return nil, nil, err
	}
	b, err := s.r.Start(s.ctx)
	if err != nil {
		srv.close()
		s.startErr = err
		return nil, nil, err
	}
	s.r.Started = true
	s.browser, s.srv = b, srv
	return b, srv, nil
}

// Render renders docs, whose photos the server finds in files (slash paths
// on the server to files on disk), and returns what each became.
func (s *Session) Render(docs []*Doc, files map[string]string) (map[*Doc]*Output, error) {
	r := s.r
	out := make(map[*Doc]*Output, len(docs))
	// Identical documents (a poster whose website copy has no names to
	// hide) render once.
	byKey := map[string][]*Doc{}
	var keys []string
	for _, d := range docs {
		k := r.Key(d)
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
	if err := s.ctx.Err(); err != nil {
		return nil, context.Cause(s.ctx)
	}
	b, srv, err := s.start()
	if err != nil {
		return nil, err
	}
	srv.add(docs, files)
	defer srv.remove(docs, files)
	s.mu.Lock()
	s.todo += len(todo)
	s.mu.Unlock()

	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, k := range todo {
		select {
		case s.tabs <- struct{}{}:
		case <-s.ctx.Done():
		}
		if s.ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-s.tabs }()
			d := byKey[k][0]
			o, err := r.renderOne(s.ctx, b, srv, d, s.timeout)
			if err != nil {
				s.cancel(err)
				return
			}
			r.store(k, o)
			mu.Lock()
			for _, e := range byKey[k] {
				out[e] = o
			}
			mu.Unlock()
			s.mu.Lock()
			s.done++
			if r.Progress != nil {
				r.Progress(s.done, s.todo)
			}
			s.mu.Unlock()
		})
	}
	wg.Wait()
	if s.ctx.Err() != nil {
		return nil, context.Cause(s.ctx)
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

// Key is a document's cache key: its bytes and what is asked of it. The
// paper and the PNG resolution are part of the bytes (base.html's CSS and
// meta tag), the photos by the content hash in their file names.
// The key is computed once per document; the document must not change
// afterwards.
func (r *Renderer) Key(d *Doc) string {
	if d.key != "" {
		return d.key
	}
	h := sha256.New()
	fmt.Fprintf(h, "wallpress poster render v%d\npdf %v png %v thumb %v\n", RenderVersion, d.PDF, d.PNG, d.Thumb)
	// A document that links the stylesheet looks as it does.
	r.sheetOnce.Do(func() { r.sheetSum = sha256.Sum256(r.Stylesheet) })
	h.Write(r.sheetSum[:])
	h.Write(d.HTML)
	d.key = hex.EncodeToString(h.Sum(nil))
	return d.key
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
		file *string
	}{{m.PDF, "poster.pdf", &o.PDF, &o.CachedPDF}, {m.PNG, "poster.png", &o.PNG, &o.CachedPNG}, {m.Thumb, "thumb.jpg", &o.Thumb, &o.CachedThumb}} {
		if !f.want {
			continue
		}
		*f.file = filepath.Join(dir, f.name)
		if *f.dst, err = os.ReadFile(*f.file); err != nil || len(*f.dst) == 0 {
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
	if os.Rename(tmp, dir) != nil {
		return
	}
	for _, f := range []struct {
		data []byte
		name string
		file *string
	}{{o.PDF, "poster.pdf", &o.CachedPDF}, {o.PNG, "poster.png", &o.CachedPNG}, {o.Thumb, "thumb.jpg", &o.CachedThumb}} {
		if f.data != nil {
			*f.file = filepath.Join(dir, f.name)
		}
	}
}

// PruneCache removes every cache entry not among the documents given, the
// ones a complete build made, and leftovers of interrupted writes.
func (r *Renderer) PruneCache(docs []*Doc) error {
	keep := map[string]bool{}
	for _, d := range docs {
		keep[r.Key(d)] = true
	}
	return r.PruneCacheKeys(keep)
}

// PruneCacheKeys is PruneCache for the documents' keys (Key).
func (r *Renderer) PruneCacheKeys(keep map[string]bool) error {
	if r.CacheDir == "" {
		return nil
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
// staging folder's place. Documents are added while they render and
// removed after, so the server holds only the documents in work.
type server struct {
	base string
	srv  *http.Server
	done chan struct{}

	mu    sync.RWMutex
	pages map[string][]byte
	files map[string]string
}

func newServer(stylesheet []byte) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{base: "http://" + ln.Addr().String(), done: make(chan struct{}), pages: map[string][]byte{}, files: map[string]string{}}
	mux := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		p := path.Clean(req.URL.Path)
		s.mu.RLock()
		data, isPage := s.pages[p]
		f, isFile := s.files[p]
		s.mu.RUnlock()
		switch {
		case isPage:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(data)
		case p == "/"+StylesheetName && stylesheet != nil:
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
			w.Write(stylesheet)
		case isFile:
			http.ServeFile(w, req, f)
		default:
			http.NotFound(w, req)
		}
	})
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		s.srv.Serve(ln)
		close(s.done)
	}()
	return s, nil
}

// add shows docs and files (slash paths to files on disk).
func (s *server) add(docs []*Doc, files map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range docs {
		s.pages["/"+d.Path] = d.HTML
	}
	for p, f := range files {
		s.files["/"+p] = f
	}
}

// remove stops showing what add showed.
func (s *server) remove(docs []*Doc, files map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range docs {
		delete(s.pages, "/"+d.Path)
	}
	for p := range files {
		delete(s.files, "/"+p)
	}
}

func (s *server) url(p string) string { return s.base + "/" + p }

func (s *server) close() {
	s.srv.Close()
	<-s.done
}
