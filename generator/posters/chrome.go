package posters

import (
	"context"
	"fmt"
	"math"
	"os"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Browser turns poster documents into PDF and PNG. Chrome is the real one;
// tests of the logic around it use a fake.
type Browser interface {
	// Render loads the document at job.URL and makes what job asks for.
	Render(ctx context.Context, job Job) (Output, error)
	// Close ends the browser and every process it started.
	Close() error
}

// Job is one document to render.
type Job struct {
	// URL of the document, served by the poster server.
	URL      string
	Geometry Geometry
	// PDF prints every sheet of the document into one PDF.
	PDF bool
	// PNG is a picture of the first sheet laid out for a phone (share.go)
	// at Geometry.DPI: the trim's width, and as long as its text needs.
	// Thumb is a small JPEG of the poster's trim area, ThumbWidth pixels
	// wide, for web pages.
	PNG, Thumb bool
	NoCSSPage  bool
}

// ThumbWidth is the width in pixels of a poster's preview on the website.
const ThumbWidth = 480

// Output is what a document rendered to.
type Output struct {
	PDF, PNG, Thumb []byte
	// Overflow lists the 0-based sheets whose text did not fit even at the
	// smallest type the poster allows.
	Overflow []int `json:"overflow,omitempty"`
	// CachedPDF, CachedPNG and CachedThumb are the files in the render
	// cache that hold the same bytes, "" when they are not cached: a build
	// links them into its output instead of keeping the bytes until the
	// website is written. The cache never changes a file in place.
	CachedPDF, CachedPNG, CachedThumb string `json:"-"`
}

// Chrome is a headless Chromium-family browser driven over the DevTools
// protocol. One is started per build; each Render opens a tab of its own,
// so that several posters render at once.
type Chrome struct {
	allocCtx      context.Context
	cancelAlloc   context.CancelFunc
	browserCtx    context.Context
	cancelBrowser context.CancelFunc
	pid           int
	dataDir       string
	closeOnce     sync.Once
	closeErr      error

	// idle holds tabs that finished a document cleanly, for the next one:
	// opening a tab costs about a tenth of a poster.
	mu   sync.Mutex
	idle []tab
	// shareMu lets one tab at a time take its phone picture (Render).
	shareMu sync.Mutex
}

type tab struct {
	ctx   context.Context
	close context.CancelFunc
}

// tab returns an idle tab or opens a new one.
func (c *Chrome) tab() tab {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.idle); n > 0 {
		t := c.idle[n-1]
		c.idle = c.idle[:n-1]
		return t
	}
	ctx, cancel := chromedp.NewContext(c.browserCtx)
	return tab{ctx, cancel}
}

// release keeps a tab for the next document, or closes it after a failure,
// when its state is unknown.
func (c *Chrome) release(t tab, ok bool) {
	if !ok {
		t.close()
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.idle = append(c.idle, t)
}

// startTimeout bounds how long the browser may take to start.
const startTimeout = 60 * time.Second

// StartChrome starts the browser at path. It stops when ctx is cancelled or
// Close is called, whichever comes first.
func StartChrome(ctx context.Context, path string) (*Chrome, error) {
	dataDir, err := os.MkdirTemp("", "wallpress-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dataDir),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		// Glyph outlines as drawn, not nudged to the screen's pixel grid:
		// the PNG then matches the PDF.
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("disable-gpu", true),
		chromedp.ModifyCmdFunc(ownProcessGroup),
	)
	c := &Chrome{dataDir: dataDir}
	c.allocCtx, c.cancelAlloc = chromedp.NewExecAllocator(ctx, opts...)
	// The browser's complaints about protocol events this chromedp does not
	// know are noise to the user; real failures come back as errors.
	c.browserCtx, c.cancelBrowser = chromedp.NewContext(c.allocCtx, chromedp.WithErrorf(func(string, ...any) {}))
	// The first Run starts the browser and binds it to the context it is
	// given, so it gets browserCtx itself; a timer stands in for a deadline.
	timer := time.AfterFunc(startTimeout, c.cancelBrowser)
	err = chromedp.Run(c.browserCtx)
	if !timer.Stop() && err == nil {
		err = fmt.Errorf("no answer within %v", startTimeout)
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	if b := chromedp.FromContext(c.browserCtx).Browser; b != nil && b.Process() != nil {
		c.pid = b.Process().Pid
	}
	return c, nil
}

// PID is the browser's process id.
func (c *Chrome) PID() int { return c.pid }

// DataDir is the browser's temporary profile folder; every process of this
// browser names it on its command line.
func (c *Chrome) DataDir() string { return c.dataDir }

// Close ends the browser: politely first, then by force, then whatever is
// left of its process group, and removes its profile folder. It is safe to
// call more than once and from several goroutines.
func (c *Chrome) Close() error {
	c.closeOnce.Do(func() {
		done := make(chan error, 1)
		go func() {
			ctx, cancel := context.WithTimeout(c.browserCtx, 5*time.Second)
			defer cancel()
			done <- chromedp.Cancel(ctx)
		}()
		select {
		case <-done:
		case <-time.After(6 * time.Second):
		}
		c.cancelBrowser()
		// Cancelling the allocator kills the process if it is still there
		// and waits for it to be reaped.
		c.cancelAlloc()
		killGroup(c.pid)
		c.closeErr = os.RemoveAll(c.dataDir)
	})
	return c.closeErr
}

// readyScript waits for the web fonts and every image, checks that each
// image arrived, then fits the text of every sheet to its page (the
// document's own wallpressFit) and reports the sheets that overflow.
const readyScript = `(async () => {
  await document.fonts.ready;
  const imgs = Array.from(document.images);
  await Promise.all(imgs.map(i => i.decode().catch(() => null)));
  const missing = imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'));
  const overflow = typeof window.wallpressFit === 'function' ? window.wallpressFit() : [];
  await document.fonts.ready;
  return {missing, overflow};
})()`

type readyResult struct {
	Missing  []string `json:"missing"`
	Overflow []int    `json:"overflow"`
}

// Render loads job.URL in a new tab and prints and photographs it.
func (c *Chrome) Render(ctx context.Context, job Job) (Output, error) {
	t := c.tab()
	tab := t.ctx
	ok := false
	defer func() { c.release(t, ok) }()
	// The caller's deadline and cancellation apply to the tab's work: they
	// close it.
	stop := context.AfterFunc(ctx, t.close)
	defer stop()

	g := job.Geometry
	var out Output
	var ready readyResult
	vw := int64(math.Ceil(g.SheetW() * pxPerMM))
	vh := int64(math.Ceil(g.SheetH() * pxPerMM))
	actions := []chromedp.Action{
		// A tab other than the last one opened counts as in the
		// background, where the browser draws no frames and a screenshot
		// would wait for ever; every tab acts as the one in front.
		emulation.SetFocusEmulationEnabled(true),
		emulation.SetDeviceMetricsOverride(vw, vh, 1, false),
		chromedp.Navigate(job.URL),
		chromedp.Evaluate(readyScript, &ready, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}),
	}
	err := chromedp.Run(tab, actions...)
	if err == nil && len(ready.Missing) > 0 {
		err = fmt.Errorf("images did not load: %v", ready.Missing)
	}
	if err != nil {
		return out, c.wrap(ctx, err)
	}
	out.Overflow = ready.Overflow
	trim := func(scale float64) *page.Viewport {
		o := g.TrimOffset() * pxPerMM
		return &page.Viewport{X: o, Y: o, Width: g.TrimW * pxPerMM, Height: g.TrimH * pxPerMM, Scale: scale}
	}
	if job.Thumb {
		err = chromedp.Run(tab, chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			out.Thumb, err = page.CaptureScreenshot().
				WithFormat(page.CaptureScreenshotFormatJpeg).
				WithQuality(82).
				WithClip(trim(ThumbWidth / (g.TrimW * pxPerMM))).
				WithCaptureBeyondViewport(false).
				WithFromSurface(true).
				Do(ctx)
			return err
		}))
	}
	if err == nil && job.PDF {
		err = chromedp.Run(tab, chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			out.PDF, _, err = page.PrintToPDF().
				WithPrintBackground(true).
				WithPreferCSSPageSize(!job.NoCSSPage).
				WithPaperWidth(g.SheetW() / 25.4).
				WithPaperHeight(g.SheetH() / 25.4).
				WithMarginTop(0).WithMarginBottom(0).WithMarginLeft(0).WithMarginRight(0).
				Do(ctx)
			return err
		}))
	}
	if err == nil && job.PNG {
		// Last: the phone's layout changes the page (share.go). The
		// browser draws a resized page only in the tab in front: two tabs
		// resizing at once would each wait for the other's frame for
		// ever, so one tab at a time comes to the front for its picture.
		c.shareMu.Lock()
		err = chromedp.Run(tab, chromedp.ActionFunc(func(ctx context.Context) error {
			if err := page.BringToFront().Do(ctx); err != nil {
				return err
			}
			var err error
			out.PNG, err = sharePNG(ctx, g)
			return err
		}))
		c.shareMu.Unlock()
	}
	if err != nil {
		return Output{}, c.wrap(ctx, err)
	}
	ok = stop()
	return out, nil
}

// wrap names the caller's deadline or cancellation when that is what ended
// the work, rather than the tab closing under it.
func (c *Chrome) wrap(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
