package serve

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"wallpress/generator/internal/testsite"
)

// In a browser, as a volunteer opens them: the poster previews list every
// group of the neighbourhood, and a group's cover poster shows its name and
// its team photo.
func TestBrowserPosterPreviews(t *testing.T) {
	exe := browser(t)
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	root := testsite.Fixture(t, "zh-CN")
	// A second group, so that the list has more than one to show.
	cun := filepath.Join(root, "content", "demo-cun")
	testsite.CopyTree(t, filepath.Join(cun, "building-1"), filepath.Join(cun, "building-2"))
	index := filepath.Join(cun, "building-2", "_index.md")
	writeFile(t, index, strings.Replace(readFile(t, index), "name: 1号楼1单元", "name: 2号楼3单元", 1))
	// With PDFs, the build with posters runs after the first build: the
	// previews must be there after it too (it once made them look old).
	setPDF(t, root, "auto")
	fb, err := NewFullBuilder(root, true)
	if err != nil {
		t.Fatal(err)
	}
	p := startWith(t, root, fb, fb)
	if rep := p.waitPosters(t, 1, 3*time.Minute); rep.Err != nil || rep.Result.Diags.HasErrors() {
		t.Fatalf("build with posters: %v %+v", rep.Err, rep.Result.Diags.Items())
	}

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

	// links opens url and returns the texts of its links, as shown.
	links := func(url string) []string {
		t.Helper()
		var out []string
		if err := chromedp.Run(ctx,
			chromedp.Navigate(url),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("main a, body > ul a, a")).map(a => a.textContent.trim())`, &out),
		); err != nil {
			t.Fatalf("opening %s: %v", url, err)
		}
		return out
	}
	base := p.srv.rootURL() + strings.TrimPrefix(PostersPath, "/")
	if got := links(base); !slices.Contains(got, "demo-cun/") {
		t.Fatalf("%s lists %q, want the neighbourhood demo-cun/", base, got)
	}
	got := links(base + "demo-cun/")
	for _, g := range []string{"building-1/", "building-2/"} {
		if !slices.Contains(got, g) {
			t.Errorf("the neighbourhood's previews list %q, want %s", got, g)
		}
	}
	for _, g := range []struct{ dir, name string }{{"building-1", "1号楼1单元"}, {"building-2", "2号楼3单元"}} {
		url := base + "demo-cun/" + g.dir + "/"
		if got := links(url); !slices.Contains(got, "cover.html") {
			t.Errorf("%s lists %q, want cover.html", url, got)
			continue
		}
		var cover struct {
			Title string `json:"title"`
			Photo int    `json:"photo"`
		}
		if err := chromedp.Run(ctx,
			chromedp.Navigate(url+"cover.html"),
			chromedp.WaitVisible("h1.cover-title", chromedp.ByQuery),
			chromedp.Poll(`(() => { const i = document.querySelector(".photo-frame img"); return !!i && i.complete; })()`, nil, chromedp.WithPollingTimeout(20*time.Second)),
			chromedp.Evaluate(`({
				title: document.querySelector("h1.cover-title").textContent.replace(/\s+/g, ""),
				photo: (document.querySelector(".photo-frame img") || {}).naturalWidth || 0
			})`, &cover),
		); err != nil {
			t.Fatalf("opening %scover.html: %v", url, err)
		}
		if cover.Title != g.name {
			t.Errorf("%s's cover poster is titled %q, want %q", g.dir, cover.Title, g.name)
		}
		if cover.Photo == 0 {
			t.Errorf("%s's cover poster shows no team photo", g.dir)
		}
	}
}
