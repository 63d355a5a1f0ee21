package serve

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"wallpress/generator/internal/testsite"
	"wallpress/generator/posters"
)

// browser returns the browser build would print with (see testsite.Need).
func browser(t *testing.T) string {
	t.Helper()
	return testsite.Need(t, "a Chromium-family browser", "install chromium or set "+posters.BrowserEnv, posters.FindBrowser)
}

// An open tab reloads by itself after an edit, shows the overlay when the
// edit breaks the record, and loses it when the record is fixed.
func TestBrowserReloadsByItself(t *testing.T) {
	exe := browser(t)
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	root := testsite.Fixture(t, "en")
	p := start(t, root)
	page := p.url + "demo-cun/building-1/convention/"
	rec := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	orig := readFile(t, rec)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	var h1 string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(page),
		chromedp.Text("h1", &h1, chromedp.ByQuery),
		// A mark that only this load of the page has: a reload loses it.
		chromedp.Evaluate(`window.wallpressTestMark = 1`, nil),
	); err != nil {
		t.Fatalf("opening %s: %v", page, err)
	}
	if !strings.Contains(h1, "1号楼楼组公约") {
		t.Fatalf("h1 = %q", h1)
	}

	// state returns the tab's heading, whether it is still the first load,
	// and whether the overlay is shown.
	type tabState struct {
		H1      string `json:"h1"`
		Marked  bool   `json:"marked"`
		Overlay bool   `json:"overlay"`
	}
	waitTab := func(what string, ok func(tabState) bool) tabState {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		var st tabState
		for time.Now().Before(deadline) {
			err := chromedp.Run(ctx, chromedp.Evaluate(`({
				h1: (document.querySelector("h1") || {}).textContent || "",
				marked: window.wallpressTestMark === 1,
				overlay: !!document.getElementById("wallpress-overlay")
			})`, &st))
			if err == nil && ok(st) {
				return st
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("the tab did not %s; last state %+v", what, st)
		return st
	}

	writeFile(t, rec, strings.Replace(orig, "title: 1号楼楼组公约", "title: 公约已修改", 1))
	waitTab("reload with the edit", func(s tabState) bool { return !s.Marked && strings.Contains(s.H1, "公约已修改") })

	chromedp.Run(ctx, chromedp.Evaluate(`window.wallpressTestMark = 1`, nil))
	writeFile(t, rec, strings.Replace(orig, "adopted: 2024-03-15", "adopted：2024-03-15", 1))
	waitTab("show the overlay over the last good page", func(s tabState) bool {
		return !s.Marked && s.Overlay && strings.Contains(s.H1, "公约已修改")
	})

	writeFile(t, rec, orig)
	waitTab("lose the overlay once fixed", func(s tabState) bool {
		return !s.Overlay && strings.Contains(s.H1, "1号楼楼组公约")
	})
}
