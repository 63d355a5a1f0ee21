package serve

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"slices"
	"strings"
	"time"
)

// The preview's own addresses. They start with an underscore, which no
// page of the site does at the top level (site.Reserved keeps the site's
// special names; "_wallpress" is not a name a volunteer would give a
// neighbourhood folder).
const (
	prefix     = "/_wallpress/"
	eventsPath = prefix + "events"
	// PostersPath is where the poster previews are served.
	PostersPath = prefix + "posters/"
)

func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+eventsPath, s.events)
	mux.HandleFunc("GET "+PostersPath, s.posters)
	mux.HandleFunc("GET /", s.page)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every response is fresh: a tab reloads because something changed.
		w.Header().Set("Cache-Control", "no-store")
		mux.ServeHTTP(w, r)
	})
}

// page serves a file of the last good site, under the path of its baseURL
// (as hosted: https://example.gov.cn/louzu/ is served at /louzu/), so that
// the links of 404.html, which start from that path, work in the preview.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	st, v := s.snapshot()
	if st.site == "" {
		// Nothing has built yet: only the errors to show.
		s.writeHTML(w, http.StatusServiceUnavailable, s.placeholder(st), st, v, "")
		return
	}
	rel, ok := strings.CutPrefix(r.URL.Path, st.base)
	if !ok {
		if r.URL.Path == "/" || r.URL.Path+"/" == st.base {
			http.Redirect(w, r, st.base, http.StatusFound)
			return
		}
		root, err := os.OpenRoot(st.site)
		if err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		defer root.Close()
		s.notFound(w, root, st, v, "", true)
		return
	}
	s.serveFile(w, r, st, v, st.site, rel, true)
}

// posters serves the poster previews.
func (s *Server) posters(w http.ResponseWriter, r *http.Request) {
	st, v := s.snapshot()
	if st.posters == "" {
		text := st.cat.T("msg.serve.noPosters")
		s.writeHTML(w, http.StatusNotFound, simplePage(simple{Lang: st.cat.Lang, Title: text, Text: text}), st, v, "")
		return
	}
	rel := strings.TrimPrefix(r.URL.Path, PostersPath)
	if pv, ok := s.builder.(Previewer); ok {
		if err := pv.Preview(st.posters, rel); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	s.serveFile(w, r, st, v, st.posters, rel, false)
}

// serveFile serves the file at the slash path rel inside dir: a folder's index.html
// for a folder, the site's 404.html (or a list of the folder, for the
// poster previews) when there is none. HTML gets the reload script and, when
// the newest build failed, the list of errors.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, st state, v, dir, rel string, site bool) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		// The folder went away under us: a newer build replaced it.
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer root.Close()
	name := strings.TrimPrefix(path.Clean("/"+rel), "/")
	if name == "" {
		name = "."
	}
	info, err := root.Stat(name)
	if err == nil && info.IsDir() {
		if rel != "" && !strings.HasSuffix(rel, "/") {
			// Pages link relatively: a folder must be addressed with its
			// slash, or "../" in its links would go one level too far.
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		index := path.Join(name, "index.html")
		if i, ierr := root.Stat(index); ierr == nil && !i.IsDir() {
			name, info = index, i
		} else if !site {
			s.writeHTML(w, http.StatusOK, listing(root, name, st), st, v, "")
			return
		} else {
			err = fs.ErrNotExist
		}
	}
	if err != nil {
		s.notFound(w, root, st, v, name, site)
		return
	}
	f, err := root.Open(name)
	if err != nil {
		s.notFound(w, root, st, v, name, site)
		return
	}
	defer f.Close()
	if strings.HasSuffix(name, ".html") {
		data, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		s.writeHTML(w, http.StatusOK, data, st, v, "")
		return
	}
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// notFound answers with the site's own 404 page. When the address is that
// of a record that exists but is not built (a draft, or publish: wall or
// nowhere), the page says so: a volunteer who just ran `new` looks for it.
func (s *Server) notFound(w http.ResponseWriter, root *os.Root, st state, v, name string, site bool) {
	var note string
	if site {
		if file := s.sourceOf(name); file != "" {
			note = st.cat.T("msg.serve.notBuilt", "file", file)
		}
	}
	data, err := root.ReadFile("404.html")
	if err != nil || !site {
		data = simplePage(simple{Lang: st.cat.Lang, Title: "404", Text: "404"})
	}
	s.writeHTML(w, http.StatusNotFound, data, st, v, note)
}

// sourceOf returns the content file that would make the page at the site
// path name, when there is one.
func (s *Server) sourceOf(name string) string {
	name = strings.TrimSuffix(strings.TrimSuffix(name, "index.html"), "/")
	if name == "." || name == "" {
		return ""
	}
	for _, c := range []string{name + ".md", name + "/_index.md"} {
		rel := contentDir + "/" + c
		if st, err := os.Stat(s.opts.Root + "/" + rel); err == nil && !st.IsDir() {
			return rel
		}
	}
	return ""
}

// writeHTML sends an HTML page with the preview's additions.
func (s *Server) writeHTML(w http.ResponseWriter, code int, data []byte, st state, v, note string) {
	out := inject(data, s.additions(st, v, note))
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", fmt.Sprint(len(out)))
	w.WriteHeader(code)
	w.Write(out)
}

// placeholder is the page shown for every address before the site has
// built once.
func (s *Server) placeholder(st state) []byte {
	text := st.cat.T("msg.serve.noSite")
	return simplePage(simple{Lang: st.cat.Lang, Title: text, Text: text})
}

// simple is a page of the preview's own.
type simple struct {
	Lang, Title, Text string
	Links             []link
}

type link struct{ Href, Name string }

var simpleTmpl = template.Must(template.New("simple").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
</head>
<body style="font:16px/1.55 system-ui,sans-serif;margin:1em">
{{- with .Text}}
<p style="margin-top:40vh">{{.}}</p>
{{- end}}
{{- with .Links}}
<h1>{{$.Title}}</h1>
<ul>
{{- range .}}
<li><a href="{{.Href}}">{{.Name}}</a></li>
{{- end}}
</ul>
{{- end}}
</body>
</html>
`))

func simplePage(p simple) []byte {
	var b bytes.Buffer
	if err := simpleTmpl.Execute(&b, p); err != nil {
		// Plain strings into a fixed template: only a bug gets here.
		return []byte(html.EscapeString(err.Error()))
	}
	return b.Bytes()
}

// listing is a plain list of a folder's entries (for the poster previews,
// which have no index pages).
func listing(root *os.Root, name string, st state) []byte {
	f, err := root.Open(name)
	var entries []fs.DirEntry
	if err == nil {
		entries, _ = f.ReadDir(-1)
		f.Close()
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	p := simple{Lang: st.cat.Lang, Title: st.cat.T("msg.serve.posters")}
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, ".") {
			continue
		}
		if e.IsDir() {
			n += "/"
		}
		p.Links = append(p.Links, link{Href: pathEscape(n), Name: n})
	}
	return simplePage(p)
}

// events streams the version being served (server-sent events): once on
// connecting, so that a tab that missed a change while loading reloads,
// and after every build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := s.subscribe()
	defer s.unsubscribe(ch)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	_, v := s.snapshot()
	// retry: a restarted server is found again within a second.
	fmt.Fprintf(w, "retry: 1000\ndata: %s\n\n", v)
	flusher.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case v := <-ch:
			fmt.Fprintf(w, "data: %s\n\n", v)
		case <-ping.C:
			// A comment keeps proxies and sleeping laptops from closing
			// an idle connection unnoticed.
			io.WriteString(w, ": ping\n\n")
		case <-r.Context().Done():
			return
		case <-s.stopping:
			return
		}
		flusher.Flush()
	}
}

// pathEscape escapes a file or folder name ("a b/") for a relative link.
func pathEscape(name string) string {
	seg, slash := strings.CutSuffix(name, "/")
	out := url.PathEscape(seg)
	if slash {
		out += "/"
	}
	return out
}
