package serve

import (
	"bytes"
	"fmt"
	"html/template"
	"os"

	"wallpress/generator/build"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
)

// maxShown is how many errors the overlay lists; the terminal has them all.
const maxShown = 50

// additionsTmpl is what serve adds at the end of every HTML page: the list
// of errors when the newest build failed, a note for a page that is not
// built, and the script that reloads the tab when the version served
// changes. It is added to responses only; the built files never hold it.
var additionsTmpl = template.Must(template.New("additions").Parse(`
{{- if .Items}}
<div id="wallpress-overlay" role="alert" lang="{{.Lang}}" style="position:fixed;left:0;right:0;top:0;z-index:2147483647;max-height:75vh;overflow:auto;box-sizing:border-box;margin:0;padding:1em 1.25em;background:#fff7f0;color:#1b1b1b;border-bottom:4px solid #b3261e;box-shadow:0 4px 16px rgba(0,0,0,.35);font:16px/1.55 system-ui,-apple-system,'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',sans-serif;text-align:left">
<button type="button" title="{{.Close}}" aria-label="{{.Close}}" style="float:right;font:inherit;font-size:1.4em;line-height:1;border:0;background:none;color:#1b1b1b;cursor:pointer;padding:0 .25em">×</button>
<p style="margin:0 0 .5em;font-weight:bold;color:#b3261e">{{.Title}}</p>
{{- range .Items}}
<pre style="margin:.5em 0;padding:.5em .75em;background:#fde4dc;white-space:pre;overflow-x:auto;font:15px/1.5 ui-monospace,'Sarasa Mono SC','Noto Sans Mono CJK SC',Consolas,'Microsoft YaHei Mono',monospace">{{.}}</pre>
{{- end}}
{{- with .More}}
<p style="margin:.5em 0 0">{{.}}</p>
{{- end}}
</div>
{{- end}}
{{- with .Note}}
<div id="wallpress-note" role="status" style="margin:1em;padding:.75em 1em;border-left:4px solid #1f5fa8;background:#eef4fb;color:#1b1b1b;font:16px/1.55 system-ui,sans-serif">{{.}}</div>
{{- end}}
<script>
(function () {
  "use strict";
  var version = {{.Version}}, key = "wallpress-scroll:" + location.pathname, store;
  try { store = window.sessionStorage; } catch (e) {}
  if (store && store.getItem(key) !== null) {
    var y = +store.getItem(key);
    store.removeItem(key);
    addEventListener("load", function () { scrollTo(0, y); });
  }
  var overlay = document.getElementById("wallpress-overlay");
  if (overlay) overlay.querySelector("button").addEventListener("click", function () { overlay.remove(); });
  if (!window.EventSource) return;
  var events = new EventSource("/_wallpress/events");
  events.onmessage = function (m) {
    if (m.data === version) return;
    events.close();
    if (store) store.setItem(key, String(window.scrollY));
    location.reload();
  };
})();
</script>
`))

type additionsData struct {
	Version string
	Lang    string
	Title   string
	Close   string
	// Items are the diagnostics as the terminal prints them (diag.Printer):
	// the file's line with a caret under the place, in a monospaced font.
	Items []string
	More  string
	Note  string
}

// overlay returns what the pages show over them after a build that gave
// res and err: its errors (the first maxShown) and the folders that are
// not watched, each as diag.Printer formats it, and how many errors there
// are. It runs once per build, so that the files are read once.
func (s *Server) overlay(cat *i18n.Catalog, res *build.Result, err error, watch []diag.Diagnostic) ([]string, int) {
	var errs []diag.Diagnostic
	if res != nil && res.Diags != nil {
		for _, it := range res.Diags.Items() {
			if it.Severity == diag.Error {
				errs = append(errs, it)
			}
		}
	}
	p := diag.Printer{Messages: cat, Sources: diag.NewSources(os.DirFS(s.opts.Root))}
	var out []string
	for _, e := range errs[:min(len(errs), maxShown)] {
		out = append(out, p.Format(e, ""))
	}
	if err != nil {
		out = append(out, cat.T("msg.internal", "err", err.Error()))
	}
	for _, w := range watch {
		out = append(out, p.Format(w, ""))
	}
	return out, len(errs)
}

// additions renders what serve adds to a page for the state st at
// version v; note is shown when not empty.
func (s *Server) additions(st state, v, note string) []byte {
	cat := st.cat
	d := additionsData{Version: v, Lang: cat.Lang, Note: note, Items: st.overlay}
	if st.errors > maxShown {
		d.More = cat.T("msg.serve.more", "count", st.errors-maxShown)
	}
	if len(d.Items) > 0 {
		d.Close = cat.T("msg.serve.close")
		switch {
		case st.errors == 0 && st.err == nil:
			// Only folders that are not watched.
			d.Title = cat.T("msg.warning")
		case st.site == "":
			d.Title = cat.T("msg.serve.errorsNoSite", "count", st.errors)
		default:
			d.Title = cat.T("msg.serve.errors", "count", st.errors)
		}
	}
	var b bytes.Buffer
	if err := additionsTmpl.Execute(&b, d); err != nil {
		// The template is fixed and its data plain strings: a failure is a
		// bug; the page is still served, without live reload.
		return []byte(fmt.Sprintf("\n<!-- wallpress serve: %s -->\n", template.HTMLEscapeString(err.Error())))
	}
	return b.Bytes()
}

// inject puts add just before the page's closing </body> tag, or at the
// end when there is none.
func inject(page, add []byte) []byte {
	i := lastIndexFold(page, []byte("</body"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(add))
	out = append(out, page[:i]...)
	out = append(out, add...)
	return append(out, page[i:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
