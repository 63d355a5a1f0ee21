package build

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"wallpress/generator/internal/testsite"
	"wallpress/generator/search"
)

// TestSearchBrowser runs the search page of the demo in Chromium: opened
// from disk and served under a sub-path, from a shared link and from the
// header's box, with the keyboard.
func TestSearchBrowser(t *testing.T) {
	browser(t) // skip at once when there is none, before building
	_, out := buildWebsite(t, testsite.Demo(t))
	srv := httptest.NewServer(http.StripPrefix("/louzu", http.FileServer(http.Dir(out))))
	defer srv.Close()

	ctx := newBrowser(t, 1280, 900, false)

	// results waits for the search to finish and returns the results'
	// links and the status line.
	results := func(t *testing.T) (hrefs []string, status string) {
		t.Helper()
		err := chromedp.Run(ctx,
			chromedp.Poll(`(function () { var s = document.getElementById("search-status").textContent; return s !== "" && s.indexOf("…") < 0; })()`, nil, chromedp.WithPollingTimeout(20*time.Second)),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("#search-results li > a")).map(function (a) { return a.href; })`, &hrefs),
			chromedp.Text("#search-status", &status),
		)
		if err != nil {
			t.Fatal(err)
		}
		return hrefs, status
	}
	fileURL := func(q string) string {
		return "file://" + filepath.ToSlash(filepath.Join(out, "search", "index.html")) + "?q=" + url.QueryEscape(q)
	}
	const b12, story = "gongnong-sancun/building-12/", "gongnong-sancun/building-17/story-garbage-point/"

	t.Run("file", func(t *testing.T) {
		if err := chromedp.Run(ctx, chromedp.Navigate(fileURL("洗手池"))); err != nil {
			t.Fatal(err)
		}
		hrefs, status := results(t)
		if !containsSuffix(hrefs, story+"index.html") {
			t.Errorf("洗手池: %v (%s), want the 17号楼 garbage-point story", hrefs, status)
		}
		var marked string
		if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll("#search-results mark")).map(function (m) { return m.textContent; }).join("|")`, &marked)); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(marked, "洗手池") {
			t.Errorf("highlighted %q, want 洗手池", marked)
		}
		if err := chromedp.Run(ctx, chromedp.Navigate(fileURL("12号楼"))); err != nil {
			t.Fatal(err)
		}
		if hrefs, status := results(t); len(hrefs) == 0 || !strings.HasSuffix(hrefs[0], b12+"index.html") {
			t.Errorf("12号楼: %v (%s), want building 12 first", hrefs, status)
		}
	})

	t.Run("served", func(t *testing.T) {
		for _, q := range []string{"12号楼", "十二号楼", "12号", "building 12"} {
			if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/louzu/search/?q="+url.QueryEscape(q))); err != nil {
				t.Fatal(err)
			}
			if hrefs, status := results(t); len(hrefs) == 0 || hrefs[0] != srv.URL+"/louzu/"+b12 {
				t.Errorf("%s: %v (%s), want building 12 first", q, hrefs, status)
			}
		}
		// A masked name finds nothing.
		if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/louzu/search/?q="+url.QueryEscape("刘美娟"))); err != nil {
			t.Fatal(err)
		}
		if hrefs, status := results(t); len(hrefs) > 0 {
			t.Errorf("刘美娟 (masked) finds %v (%s)", hrefs, status)
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		// From the header's box of another page: type, Enter, then the
		// arrow key reaches the first result.
		var loc, focused string
		err := chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+"/louzu/gongnong-sancun/"),
			chromedp.WaitReady(".site-search input"),
			chromedp.Focus(".site-search input"),
			chromedp.SendKeys(".site-search input", "洗手池"+kb.Enter),
			chromedp.WaitReady("#search-app"),
		)
		if err != nil {
			t.Fatal(err)
		}
		hrefs, _ := results(t)
		err = chromedp.Run(ctx,
			chromedp.Location(&loc),
			chromedp.Focus("#search-q"),
			chromedp.KeyEvent(kb.ArrowDown),
			chromedp.Evaluate(`document.activeElement.href || ""`, &focused),
		)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(loc, srv.URL+"/louzu/search/?q=") {
			t.Errorf("the header's box led to %s", loc)
		}
		if !containsSuffix(hrefs, story) {
			t.Errorf("洗手池 from the header: %v", hrefs)
		}
		if len(hrefs) == 0 || focused != hrefs[0] {
			t.Errorf("ArrowDown from the box focused %q, want the first result", focused)
		}
		// A new query in the page's own box goes into the address.
		err = chromedp.Run(ctx,
			chromedp.Evaluate(`document.getElementById("search-q").value = ""`, nil),
			chromedp.SendKeys("#search-q", "绿植"+kb.Enter),
			chromedp.Poll(`location.search.indexOf("q=") >= 0 && decodeURIComponent(location.search).indexOf("绿植") >= 0`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		)
		if err != nil {
			t.Fatal(err)
		}
		if hrefs, status := results(t); len(hrefs) == 0 {
			t.Errorf("绿植: nothing (%s)", status)
		}
	})

	t.Run("normalise", func(t *testing.T) {
		// search.js cuts queries as the index was cut.
		for _, s := range []string{"十二号楼", "１２号楼", "Building 12", "二〇二四年三月十五日", "三上三下", "十十一", "楼道，绿植。", "Café CRÈME", "刘**说"} {
			var got string
			if err := chromedp.Run(ctx, chromedp.Evaluate(`wpSearch.normalize(`+jsString(s)+`)`, &got)); err != nil {
				t.Fatal(err)
			}
			if want := search.Normalize(s); got != want {
				t.Errorf("search.js normalises %q to %q, Go to %q", s, got, want)
			}
		}
	})
}

func containsSuffix(list []string, suffix string) bool {
	for _, s := range list {
		if strings.HasSuffix(s, suffix) {
			return true
		}
	}
	return false
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
