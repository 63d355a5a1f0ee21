// Command search compares the website's search with Pagefind on the same
// public/ folder, in headless Chromium: recall@10 on a set of queries with
// their expected pages, the bytes each query downloads, the time it takes,
// and the index's size on disk.
//
//	go run ./generator/cmd/synth website --root .            # the demo's public/
//	npm install pagefind@1.6                                   # in some folder
//	go run ./bench/search --public public --queries bench/search/demo.tsv \
//	    --pagefind /path/to/node_modules/.bin/pagefind
//
// With --synth the queries are made from the content of a synthetic site
// (go run ./generator/cmd/synth): for every seventh group, its
// neighbourhood and name, and its convention. Served over HTTP with gzip for
// scripts, as a web server would; Pagefind's files are compressed already.
// The browser's cache is emptied before each query: it is a
// visitor's first.
package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"wallpress/generator/posters"
)

type query struct {
	q    string
	want []string
}

type loadedFile struct {
	url  string
	size int64
}

type outcome struct {
	recall     float64
	data, code int64
	took       float64
	top        []string
}

func main() {
	public := flag.String("public", "public", "the website's folder")
	queries := flag.String("queries", "", "a TSV of queries and expected pages")
	synth := flag.String("synth", "", "make the queries from this synthetic site's content/ instead")
	pagefind := flag.String("pagefind", "", "the pagefind program (npm pagefind 1.6); empty skips Pagefind")
	verbose := flag.Bool("v", false, "print each query's results")
	flag.Parse()

	var qs []query
	var err error
	if *synth != "" {
		qs, err = synthQueries(*synth)
	} else {
		qs, err = readQueries(*queries)
	}
	if err != nil {
		fail(err)
	}
	if *pagefind != "" {
		cmd := exec.Command(*pagefind, "--site", *public)
		cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fail(fmt.Errorf("pagefind: %w", err))
		}
		fmt.Printf("pagefind indexed in %.1f s\n", time.Since(start).Seconds())
	}
	fmt.Printf("index on disk: wallpress %s in %d files", mb(dirSize(filepath.Join(*public, "search"))), files(filepath.Join(*public, "search")))
	if *pagefind != "" {
		fmt.Printf(", pagefind %s in %d files", mb(dirSize(filepath.Join(*public, "pagefind"))), files(filepath.Join(*public, "pagefind")))
	}
	fmt.Println()

	// What each query downloads is counted by the server, body bytes as
	// sent (compressed): the browser's own timings miss what Pagefind's
	// worker fetches.
	var mu sync.Mutex
	var loaded []loadedFile
	srv := httptest.NewServer(counted(gzipped(http.FileServer(http.Dir(*public))), func(f loadedFile) {
		mu.Lock()
		loaded = append(loaded, f)
		mu.Unlock()
	}))
	defer srv.Close()
	collect := func() []loadedFile {
		time.Sleep(50 * time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		out := loaded
		loaded = nil
		return out
	}
	exe, err := posters.FindBrowser()
	if err != nil {
		fail(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	engines := []string{"wallpress"}
	if *pagefind != "" {
		engines = append(engines, "pagefind")
	}
	for _, engine := range engines {
		var sum outcome
		var took []float64
		for _, q := range qs {
			o, err := run(ctx, srv.URL, engine, q, collect)
			if err != nil {
				fail(fmt.Errorf("%s %q: %w", engine, q.q, err))
			}
			if *verbose {
				fmt.Printf("%s\t%s\trecall %.2f\t%d B\t%v\n", engine, q.q, o.recall, o.data, o.top)
			}
			sum.recall += o.recall
			sum.data += o.data
			sum.code += o.code
			took = append(took, o.took)
		}
		sort.Float64s(took)
		n := float64(len(qs))
		fmt.Printf("%-9s %d queries: recall@10 %.3f; per query: index data %.1f KB, with the search code %.1f KB; latency median %.0f ms, max %.0f ms\n",
			engine, len(qs), sum.recall/n, float64(sum.data)/n/1024, float64(sum.data+sum.code)/n/1024, took[len(took)/2], took[len(took)-1])
	}
}

// run runs one query in a fresh page and measures it from the browser's
// resource timings.
func run(ctx context.Context, base, engine string, q query, collect func() []loadedFile) (outcome, error) {
	var res struct {
		Took float64
		URLs []string
	}
	var script, page string
	switch engine {
	case "wallpress":
		page = base + "/search/"
		script = `new Promise(function (done) {
  var t0 = performance.now();
  var input = document.getElementById("search-q"), status = document.getElementById("search-status");
  status.textContent = "";
  input.value = ` + jsString(q.q) + `;
  input.form.requestSubmit();
  var poll = setInterval(function () {
    var s = status.textContent;
    if (s === "" || s.indexOf("…") >= 0) return;
    clearInterval(poll);
    var took = performance.now() - t0;
    done({Took: took,
      URLs: Array.from(document.querySelectorAll("#search-results li > a")).map(function (a) { return a.href; })});
  }, 2);
})`
	case "pagefind":
		page = base + "/404.html"
		script = `(async function () {
  var t0 = performance.now();
  var pf = await import("/pagefind/pagefind.js");
  var r = await pf.search(` + jsString(q.q) + `);
  var data = await Promise.all(r.results.slice(0, 10).map(function (x) { return x.data(); }));
  var took = performance.now() - t0;
  return {Took: took, URLs: data.map(function (d) { return d.url; })};
})()`
	}
	err := chromedp.Run(ctx,
		// The whole cache is emptied, the page's and Pagefind's
		// worker's: each query is a visitor's first.
		network.ClearBrowserCache(),
		chromedp.ActionFunc(func(context.Context) error { collect(); return nil }),
		chromedp.Navigate(page),
		chromedp.WaitReady("body"),
		chromedp.Evaluate(script, &res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		return outcome{}, err
	}
	o := outcome{took: res.Took}
	files := collect()
	if os.Getenv("BENCH_DEBUG") != "" {
		fmt.Println(engine, q.q, files)
	}
	// The index's files are its data; the scripts that search it, code.
	// The page that holds the search and its styles are neither.
	for _, b := range files {
		name := b.url
		if u, err := url.Parse(name); err == nil {
			name = u.Path
		}
		switch {
		case name == "/static/search.js", strings.HasPrefix(name, "/pagefind/") && (strings.HasSuffix(name, ".js") || strings.Contains(name, "wasm")):
			o.code += b.size
		case strings.HasPrefix(name, "/search/") && name != "/search/", strings.HasPrefix(name, "/pagefind/"):
			o.data += b.size
		}
	}
	for _, u := range res.URLs {
		if len(o.top) == 10 {
			break
		}
		u = strings.TrimPrefix(u, base)
		u = strings.TrimPrefix(strings.TrimSuffix(u, "index.html"), "/")
		o.top = append(o.top, u)
	}
	found := 0
	for _, w := range q.want {
		if slices.Contains(o.top, w) {
			found++
		}
	}
	o.recall = float64(found) / float64(len(q.want))
	return o, nil
}

func readQueries(file string) ([]query, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var qs []query
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, want, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s: %q has no tab", file, line)
		}
		qs = append(qs, query{q, strings.Fields(want)})
	}
	return qs, nil
}

// synthQueries makes queries from a synthetic site: for every seventh
// group, "<neighbourhood> <group>" expects the group's page, and
// "<neighbourhood> <group> 公约" its convention.
func synthQueries(root string) ([]query, error) {
	name := func(file string) string {
		data, _ := os.ReadFile(file)
		for _, l := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(l, "name: "); ok {
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	groups, _ := filepath.Glob(filepath.Join(root, "content", "*", "*", "_index.md"))
	sort.Strings(groups)
	var qs []query
	for i, g := range groups {
		if i%7 != 0 {
			continue
		}
		dir := filepath.Dir(g)
		rel, _ := filepath.Rel(filepath.Join(root, "content"), dir)
		rel = filepath.ToSlash(rel) + "/"
		community := name(filepath.Join(filepath.Dir(dir), "_index.md"))
		group := name(g)
		qs = append(qs, query{community + " " + group, []string{rel}})
		if _, err := os.Stat(filepath.Join(dir, "convention.md")); err == nil {
			qs = append(qs, query{community + " " + group + " 公约", []string{rel + "convention/"}})
		}
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("no groups under %s/content", root)
	}
	return qs, nil
}

// counted tells tell how many bytes each response's body had.
func counted(h http.Handler, tell func(loadedFile)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := &countWriter{ResponseWriter: w}
		h.ServeHTTP(c, r)
		tell(loadedFile{r.URL.String(), c.n})
	})
}

type countWriter struct {
	http.ResponseWriter
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

// gzipped compresses scripts, pages and styles as a web server would.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := filepath.Ext(r.URL.Path)
		if ext != ".js" && ext != ".html" && ext != ".css" && !strings.HasSuffix(r.URL.Path, "/") {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		h.ServeHTTP(gzWriter{w, gz}, r)
	})
}

type gzWriter struct {
	http.ResponseWriter
	w io.Writer
}

func (g gzWriter) Write(b []byte) (int, error) { return g.w.Write(b) }
func (g gzWriter) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if st, err := d.Info(); err == nil {
				n += st.Size()
			}
		}
		return nil
	})
	return n
}

func files(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench/search:", err)
	os.Exit(1)
}
