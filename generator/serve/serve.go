// Package serve is the live preview: it builds the site into a temporary
// folder, serves it over HTTP on the volunteer's own computer, rebuilds when
// a file under content/, themes/ or config.yaml changes, and reloads open
// browser tabs. When a change breaks the content it keeps serving the last
// good site and lays the errors over every page, in the site's language.
package serve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"wallpress/generator/build"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
)

// Options configure a preview server.
type Options struct {
	// Root is the site folder (config.yaml, content/, themes/).
	Root string
	// Addr is the host:port to listen on, e.g. "127.0.0.1:1313"; port 0
	// picks a free port.
	Addr string
	// AllowRemote permits an address other computers can reach. Without
	// it only loopback addresses are accepted: the preview shows work in
	// progress and is meant for the volunteer's own browser.
	AllowRemote bool
	// Builder makes the site; nil means a FullBuilder, with poster
	// previews when Posters is set.
	Builder Builder
	Posters bool
	// Catalog returns the messages in the site's language for a build's
	// result (whose Catalog is nil when the config is broken). nil uses
	// the result's catalog, else the site's default theme.
	Catalog func(*build.Result) *i18n.Catalog
	// Report, when set, is told about every build, for the terminal.
	Report func(Report)
	// Quiet is how long the files must stay unchanged before a rebuild
	// starts (a burst of saves causes one build); 0 means 100 ms.
	Quiet time.Duration

	// Tests: watchSeen is told of every change the watcher has dealt with;
	// watchRefuse stands in for the system refusing to watch a folder.
	watchSeen   func(name string, relevant bool)
	watchRefuse func(dir string) error
}

// Report describes one build.
type Report struct {
	// First is set for the build at start.
	First bool
	// Changed lists the files that caused the build (nil: everything).
	Changed []string
	Result  *build.Result
	// Posters is set for the build with the posters that follows a good
	// build once no change is on its way (see PosterBuilder). Its Result
	// holds only the diagnostics the build before did not.
	Posters bool
	// Err is a failure that is not the user's.
	Err  error
	Took time.Duration
}

// ErrNotLoopback is returned by Start for an address other computers can
// reach when Options.AllowRemote is false.
var ErrNotLoopback = errors.New("serve: address is not a loopback address")

// maxWait bounds how long a steady trickle of changes can postpone a build.
const maxWait = time.Second

// Server is a running preview.
type Server struct {
	opts    Options
	builder Builder
	ln      net.Listener
	http    *http.Server
	nonce   string

	// watch is the watcher, asked for the folders it could not watch.
	watch *watcher
	// toldWatch is how many of those the terminal has been told of.
	toldWatch int

	mu    sync.Mutex
	state state
	// lastPosters is the result of the newest build with posters.
	lastPosters *build.Result
	subs        map[chan string]struct{}

	stopping chan struct{} // closed when the server shuts down
	done     chan struct{} // closed when everything is stopped and removed
	err      error
}

// state is what is being served: the last good site and the newest
// build's problems.
type state struct {
	version int
	site    string // folder of the last good site; "" before the first
	base    string // the URL path the site is served at, "/" or "/louzu/"
	posters string
	res     *build.Result // the newest build
	err     error         // the newest build's internal error
	cat     *i18n.Catalog
	// overlay is what the pages show over them: the newest build's errors
	// and the folders that are not watched, as the terminal prints them.
	overlay []string
	// errors counts the newest build's errors.
	errors int
}

// Start listens on o.Addr, builds the site once, and serves it until ctx
// is done; then it stops watching, closes connections and removes the
// temporary folder. Wait returns when all that is finished. A build with
// content errors does not stop Start: the errors are shown in the page.
//
// The first build makes the website alone, so that the preview is up at
// once. When the builder is a PosterBuilder (a FullBuilder is), the website
// as the build command makes it — with the posters' download pages when a
// browser prints the posters — follows in the background and is swapped
// in, and so after every good rebuild: the preview ends up the same as
// build's public/.
func Start(ctx context.Context, o Options) (*Server, error) {
	if o.Quiet <= 0 {
		o.Quiet = 100 * time.Millisecond
	}
	root, err := filepath.Abs(o.Root)
	if err != nil {
		return nil, err
	}
	o.Root = root
	if !o.AllowRemote {
		if err := checkLoopback(o.Addr); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:     o,
		builder:  o.Builder,
		ln:       ln,
		nonce:    strconv.FormatInt(time.Now().UnixNano(), 36),
		subs:     map[chan string]struct{}{},
		stopping: make(chan struct{}),
		done:     make(chan struct{}),
	}
	if s.builder == nil {
		fb, err := NewFullBuilder(root, o.Posters)
		if err != nil {
			ln.Close()
			return nil, err
		}
		s.builder = fb
	}
	// Watch before the first build, so that a file saved while it runs is
	// not missed.
	w, err := newWatcher(root, o.watchSeen, o.watchRefuse)
	if err != nil {
		ln.Close()
		s.builder.Close()
		return nil, fmt.Errorf("serve: watching %s: %w", root, err)
	}
	s.watch = w
	good := s.rebuild(nil, true)

	s.http = &http.Server{Handler: s.handler(), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- s.http.Serve(ln) }()

	wctx, stopWatch := context.WithCancel(context.Background())
	// bctx ends a background build the moment the server starts stopping.
	bctx, stopBuilds := context.WithCancel(context.Background())
	bursts := make(chan burst)
	watched := make(chan struct{})
	go func() {
		w.run(wctx, o.Quiet, maxWait, bursts)
		close(watched)
	}()
	built := make(chan struct{})
	go func() {
		defer close(built)
		s.buildLoop(bctx, w, bursts, good)
	}()

	go func() {
		select {
		case <-ctx.Done():
		case err := <-served:
			s.err = err
		}
		close(s.stopping) // ends the event streams, which Shutdown would wait for
		stopBuilds()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		s.http.Shutdown(sctx)
		cancel()
		stopWatch()
		<-watched
		<-built // a build under way finishes writing before its folder goes
		if err := s.builder.Close(); err != nil && s.err == nil {
			s.err = err
		}
		close(s.done)
	}()
	return s, nil
}

// buildLoop rebuilds after every burst of changes until ctx is done. After
// each good build, when no newer change is on its way, it builds the
// website with the posters (when the builder can), which the build command
// makes and which takes longer: the website without them is served
// meanwhile. One build runs at a time: builds of one site share its caches.
func (s *Server) buildLoop(ctx context.Context, w *watcher, bursts <-chan burst, good bool) {
	pb, _ := s.builder.(PosterBuilder)
	postersDue := good
	var seq int64 // the watcher's count of changes the newest build covers
	for {
		if postersDue && pb != nil && w.seq.Load() == seq && ctx.Err() == nil {
			postersDue = false
			s.buildPosters(ctx, pb, w, seq)
			continue
		}
		select {
		case <-ctx.Done():
			return
		case b := <-bursts:
			seq = b.seq
			postersDue = s.rebuild(b.changed(), false)
		}
	}
}

// buildPosters runs the builder's build with the posters and serves its
// outcome, unless a change arrives or the server stops meanwhile: the
// change's own build comes next, and another build with posters after it.
func (s *Server) buildPosters(ctx context.Context, pb PosterBuilder, w *watcher, seq int64) {
	ctx, cancel := context.WithCancel(ctx)
	watching := make(chan struct{})
	defer func() {
		cancel()
		// Gone before the next build with posters, so that it cannot
		// take that build's news of a change.
		<-watching
	}()
	go func() {
		defer close(watching)
		for {
			select {
			case <-ctx.Done():
				return
			case <-w.poke:
				if w.seq.Load() != seq {
					cancel()
					return
				}
			}
		}
	}()
	start := time.Now()
	out, err := s.safely(func() (*Outcome, error) { return pb.BuildPosters(ctx) })
	if ctx.Err() != nil || errors.Is(err, build.ErrInterrupted) || out == nil && err == nil {
		// Superseded by a change, stopped by Ctrl-C (which stops the
		// browser by itself), or nothing to add to the website served:
		// nothing to show.
		return
	}
	s.apply(out, err, Report{Posters: true}, start)
}

// URL returns the address of the site's home page in the preview, e.g.
// http://127.0.0.1:1313/louzu/ for baseURL https://example.gov.cn/louzu/.
func (s *Server) URL() string {
	st, _ := s.snapshot()
	return strings.TrimSuffix(s.rootURL(), "/") + cmp.Or(st.base, "/")
}

// rootURL returns the address of the server, e.g. http://127.0.0.1:1313/.
func (s *Server) rootURL() string {
	addr := s.ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(addr.Port)) + "/"
}

// Wait blocks until the server has stopped and its folder is removed. It
// returns an error when serving failed rather than being stopped.
func (s *Server) Wait() error {
	<-s.done
	if errors.Is(s.err, http.ErrServerClosed) {
		return nil
	}
	return s.err
}

// rebuild runs one build and makes its outcome what is served; it reports
// whether the build was good.
func (s *Server) rebuild(changed []string, first bool) bool {
	start := time.Now()
	out, err := s.safely(func() (*Outcome, error) { return s.builder.Build(changed) })
	return s.apply(out, err, Report{First: first, Changed: changed}, start)
}

// apply makes a build's outcome what is served, tells open tabs, and
// reports the build; rep holds what the caller knows of it. It reports
// whether the build was good.
func (s *Server) apply(out *Outcome, err error, rep Report, start time.Time) bool {
	if out == nil {
		out = &Outcome{}
	}
	if out.Result == nil && err == nil {
		err = errors.New("serve: the builder returned no result")
	}
	rep.Result, rep.Err, rep.Took = out.Result, err, time.Since(start)
	good := out.Site != "" && err == nil
	cat := s.catalog(out.Result)
	watchProblems := s.watch.problems()
	overlay, nerr := s.overlay(cat, out.Result, err, watchProblems)

	s.mu.Lock()
	st := &s.state
	if rep.Posters {
		// Say only what the website's build, shown just before, and the
		// previous build with posters did not: the same warnings about
		// the posters after every save would hide what is new.
		rep.Result = onlyNew(out.Result, st.res, s.lastPosters)
		s.lastPosters = out.Result
	}
	// A tab shows the website and the newest build's errors: it reloads
	// when either changes. A build with posters whose website is the one
	// served changes neither.
	same := rep.Posters && good && out.Site == st.site && !hasErrors(st.res) && st.err == nil && slices.Equal(overlay, st.overlay)
	if good {
		st.site, st.posters = out.Site, out.Posters
		st.base = basePath(out.Result)
	}
	st.res, st.err, st.cat = out.Result, err, cat
	st.overlay, st.errors = overlay, nerr
	if !same {
		st.version++
		v := s.versionLocked()
		for ch := range s.subs {
			// Only the newest version matters to a tab: replace an unread one.
			select {
			case <-ch:
			default:
			}
			ch <- v
		}
	}
	s.mu.Unlock()

	if len(watchProblems) > s.toldWatch && rep.Result != nil {
		// The terminal hears of the folders that are not watched once,
		// with the build after it happened.
		r := *rep.Result
		r.Diags = &diag.List{}
		if rep.Result.Diags != nil {
			r.Diags.Merge(rep.Result.Diags)
		}
		for _, d := range watchProblems {
			r.Diags.Add(d)
		}
		rep.Result = &r
		s.toldWatch = len(watchProblems)
	}
	if s.opts.Report != nil {
		s.opts.Report(rep)
	}
	return good
}

// safely runs a build, turning a panic into an error: a bug met while
// rebuilding must not end the preview; the page says what happened and the
// next save tries again.
func (s *Server) safely(run func() (*Outcome, error)) (out *Outcome, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("serve: the build failed: %v", r)
		}
	}()
	return run()
}

func hasErrors(res *build.Result) bool {
	return res != nil && res.Diags != nil && res.Diags.HasErrors()
}

// onlyNew returns next with its errors and the warnings that none of prev
// holds.
func onlyNew(next *build.Result, prev ...*build.Result) *build.Result {
	if next == nil || next.Diags == nil {
		return next
	}
	key := func(d diag.Diagnostic) string {
		return fmt.Sprintf("%v\x00%v\x00%s\x00%s\x00%v", d.Pos, d.Severity, d.Key, d.Hint, d.Args)
	}
	seen := map[string]bool{}
	for _, p := range prev {
		if p != nil && p.Diags != nil {
			for _, d := range p.Diags.Items() {
				seen[key(d)] = true
			}
		}
	}
	r := *next
	r.Diags = &diag.List{}
	for _, d := range next.Diags.Items() {
		if d.Severity == diag.Error || !seen[key(d)] {
			r.Diags.Add(d)
		}
	}
	return &r
}

func (s *Server) catalog(res *build.Result) *i18n.Catalog {
	if s.opts.Catalog != nil {
		if c := s.opts.Catalog(res); c != nil {
			return c
		}
	}
	if res != nil && res.Catalog != nil {
		return res.Catalog
	}
	lang := "zh-CN"
	if res != nil && res.Config != nil {
		lang = res.Config.Language
	}
	if c, err := i18n.Load(filepath.Join(s.opts.Root, "themes", "default"), lang); err == nil {
		return c
	}
	return i18n.Fallback(lang)
}

// basePath returns the path of the site's baseURL, "/" when it has none.
func basePath(res *build.Result) string {
	if res == nil || res.Config == nil || res.Config.BaseURL == "" {
		return "/"
	}
	u, err := url.Parse(res.Config.BaseURL)
	if err != nil || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		return u.Path + "/"
	}
	return u.Path
}

// versionLocked names what is being served; a tab showing another version
// reloads. The nonce makes a restarted server's versions differ too.
func (s *Server) versionLocked() string {
	return s.nonce + "-" + strconv.Itoa(s.state.version)
}

// snapshot returns a copy of the state and its version.
func (s *Server) snapshot() (state, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state, s.versionLocked()
}

func (s *Server) subscribe() chan string {
	ch := make(chan string, 1)
	s.mu.Lock()
	s.subs[ch] = struct{}{}
	s.mu.Unlock()
	return ch
}

func (s *Server) unsubscribe(ch chan string) {
	s.mu.Lock()
	delete(s.subs, ch)
	s.mu.Unlock()
}

// checkLoopback refuses an address other computers could reach.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if IsLoopback(host) {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrNotLoopback, host)
}

// IsLoopback reports whether host names this computer only: "localhost" or
// a loopback IP address. An empty host means every interface, so it is not.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
