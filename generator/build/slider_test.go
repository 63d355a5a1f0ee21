package build

import (
	"context"
	"path/filepath"
	"testing"
	"time"

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
	exe := browser(t)
	root := testsite.Fixture(t, "zh-CN")
	mustBuild(t, root)
	page := "file://" + filepath.Join(root, "public", "demo-cun", "building-1", "story-spring", "index.html")

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()

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
