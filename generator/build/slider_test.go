package build

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"wallpress/generator/internal/testsite"
	"wallpress/generator/posters"
)

// browser returns the browser build would print with (see testsite.Need).
func browser(t *testing.T) string {
	t.Helper()
	return testsite.Need(t, "a Chromium-family browser", "install chromium or set "+posters.BrowserEnv, posters.FindBrowser)
}

// The before/after slider works from the keyboard: focusing it and pressing
// the arrow keys moves the split, and it carries a label.
func TestSliderKeyboard(t *testing.T) {
	browser(t) // skip at once when there is none, before building
	root := testsite.Fixture(t, "zh-CN")
	mustBuild(t, root)
	page := "file://" + filepath.Join(root, "public", "demo-cun", "building-1", "story-spring", "index.html")

	ctx := newBrowser(t, 1280, 900, false)

	var label, value, pos, sliding string
	err := chromedp.Run(ctx,
		chromedp.Navigate(page),
		chromedp.WaitReady(".pair.sliding .compare-range"),
		chromedp.Focus(".compare-range"),
		chromedp.KeyEvent(kb.ArrowLeft),
		chromedp.KeyEvent(kb.ArrowLeft),
		chromedp.KeyEvent(kb.ArrowLeft),
		chromedp.Value(".compare-range", &value),
		chromedp.AttributeValue(".compare-range", "aria-label", &label, nil),
		chromedp.Evaluate(`document.querySelector(".pair").style.getPropertyValue("--pos")`, &pos),
		chromedp.Evaluate(`getComputedStyle(document.querySelector(".pair figure.after")).clipPath`, &sliding),
	)
	if err != nil {
		t.Fatal(err)
	}
	if value != "47" || pos != "47%" {
		t.Errorf("after three ArrowLeft: value %q, --pos %q; want 47, 47%%", value, pos)
	}
	if label == "" {
		t.Error("the slider has no label")
	}
	if sliding != "inset(0px 0px 0px 47%)" {
		t.Errorf("after photo clip-path = %q", sliding)
	}
}
