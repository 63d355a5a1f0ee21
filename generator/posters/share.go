package posters

import (
	"context"
	"fmt"
	"math"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The PNG is for WeChat, where it is looked at on a phone about 390 CSS
// pixels wide. The wall poster's type, made for a corridor, comes out at
// 7–9 px there. So the PNG is the first sheet laid out for the phone: the
// same width and design, the type scaled up until the smallest text is at
// least SharePhonePx on a 390 px screen, and the sheet as long as its text
// then needs (a long image, which WeChat shows whole), never shorter than
// the poster. Nothing is shrunk to fit or clipped.

// SharePhoneWidth is the width, in CSS pixels, of the phone screen the
// PNG is made to be read on.
const SharePhoneWidth = 390

// SharePhonePx is the smallest text on the PNG, in CSS pixels when the
// PNG fills a SharePhoneWidth screen.
const SharePhonePx = 12

// ShareScript lays the first sheet out for the phone (html class "share",
// which poster.css styles) and returns the trim's box in CSS pixels. Text
// in .fit grows through its font size (its parts are sized in em), the
// bands through zoom; SVG text (the chart, the QR code) is drawn to scale
// and left as it is.
var ShareScript = fmt.Sprintf(`(() => {
  const sheet = document.querySelector('.sheet');
  if (!sheet) return null;
  const trim = sheet.querySelector('.trim') || sheet;
  document.documentElement.classList.add('share');
  sheet.querySelectorAll('.more').forEach(m => { m.style.height = ''; m.style.display = ''; m.classList.remove('clipped'); });
  sheet.querySelectorAll('.optional').forEach(o => { o.style.display = ''; });
  const fit = sheet.querySelector('.fit');
  if (fit) fit.style.setProperty('--fit', 1);
  const least = %d * trim.getBoundingClientRect().width / %d * 1.02;
  const smallest = (box) => {
    let s = Infinity;
    const w = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    let n;
    while ((n = w.nextNode())) {
      const el = n.parentElement;
      if (!n.data.trim() || el.closest('svg')) continue;
      if (!el.getClientRects().length) continue;
      s = Math.min(s, parseFloat(getComputedStyle(el).fontSize) * (parseFloat(getComputedStyle(el).zoom) || 1));
    }
    return s;
  };
  for (let i = 0; i < 4 && fit; i++) {
    const s = smallest(fit);
    if (!(s < least)) break;
    fit.style.fontSize = (parseFloat(getComputedStyle(fit).fontSize) * least / s) + 'px';
  }
  sheet.querySelectorAll('.band').forEach(b => {
    const s = smallest(b);
    if (s < least) b.style.zoom = least / s;
  });
  // The sheet's number (共 2 张 · 第 1 张) and its "continued" cue sit
  // outside both.
  sheet.querySelectorAll('.sheet-mark, .sheet-next').forEach(m => {
    if (parseFloat(getComputedStyle(m).fontSize) < least) m.style.fontSize = least + 'px';
  });
  const r = trim.getBoundingClientRect();
  return {x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height};
})()`, SharePhonePx, SharePhoneWidth)

type shareBox struct {
	X, Y, W, H float64
}

// sharePNG lays the tab's first sheet out for the phone and photographs
// its trim at the PNG's resolution. It changes the page: it comes after
// every other picture of it.
func sharePNG(ctx context.Context, g Geometry) ([]byte, error) {
	var box *shareBox
	if err := chromedp.Evaluate(ShareScript, &box).Do(ctx); err != nil {
		return nil, err
	}
	if box == nil || box.W <= 0 {
		return nil, fmt.Errorf("the document has no sheet")
	}
	// The long sheet is photographed whole: the viewport is made tall
	// enough, which changes no layout (the posters use no vh).
	vw := int64(math.Ceil(g.SheetW() * pxPerMM))
	vh := int64(math.Ceil(box.Y + box.H + 1))
	if err := emulation.SetDeviceMetricsOverride(vw, max(vh, int64(math.Ceil(g.SheetH()*pxPerMM))), 1, false).Do(ctx); err != nil {
		return nil, err
	}
	return page.CaptureScreenshot().
		WithFormat(page.CaptureScreenshotFormatPng).
		WithOptimizeForSpeed(true).
		WithClip(&page.Viewport{X: box.X, Y: box.Y, Width: box.W, Height: box.H, Scale: float64(g.DPI) / 96}).
		WithCaptureBeyondViewport(false).
		WithFromSurface(true).
		Do(ctx)
}
