// Command print measures how fast posters print: Wallpress's printing path
// (posters.Chrome.Render, as the build uses it: PDF, phone PNG and preview
// JPEG of each poster) against a floor program, the least a chromedp
// program can do for the same sheets (load the page, wait for its fonts,
// print the PDF, take a PNG of the trim at the same resolution), and a
// second floor whose PNG is the picture Wallpress makes, the sheet laid out
// for a phone (posters.ShareScript). All drive one Chromium with N tabs over
// the same poster HTML, served from a local HTTP server as the build serves
// it; the figure of merit is Wallpress's sheets per second as a ratio of
// the first floor's ("ratio"); "phone ratio" is the ratio to the second,
// what Wallpress adds to the browser's work for the same outputs.
//
//	go run ./generator build --root DIR        # posters.pdf: never is enough
//	go run ./bench/print --dir DIR/print --page COMMUNITY/GROUP/convention.html \
//	    --tabs 1,2,4 --sheets 24 --runs 3
//
// Each line gives the median of the runs; the three programs take turns,
// each run starting one further along, so that the machine's state is
// shared fairly.
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"wallpress/generator/config"
	"wallpress/generator/posters"
)

func main() {
	dir := flag.String("dir", "", "the print/ folder of a build (the posters link its poster.css)")
	name := flag.String("page", "", "the poster's file in --dir (COMMUNITY/GROUP/NAME.html)")
	tabsFlag := flag.String("tabs", "1,2,4", "numbers of tabs to measure, comma-separated")
	sheets := flag.Int("sheets", 24, "sheets printed per run")
	runs := flag.Int("runs", 3, "runs of each program per number of tabs")
	size := flag.String("size", "A3", "poster size, as in config.yaml")
	flag.Parse()
	if *dir == "" || *name == "" {
		fmt.Fprintln(os.Stderr, "print: --dir and --page are required (see the comment at the top of bench/print/main.go)")
		os.Exit(2)
	}
	var tabs []int
	for _, f := range strings.Split(*tabsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "print: --tabs: %q is not a number of tabs\n", f)
			os.Exit(2)
		}
		tabs = append(tabs, n)
	}
	if err := run(*dir, *name, *size, tabs, *sheets, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "print:", err)
		os.Exit(1)
	}
}

func run(dir, name, size string, tabs []int, sheets, runs int) error {
	browser, err := posters.FindBrowser()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go http.Serve(ln, http.FileServer(http.Dir(dir)))
	url := "http://" + ln.Addr().String() + "/" + name
	g := posters.GeometryOf(config.Posters{Size: size, Bleed: "3mm", CropMarks: true})
	fmt.Printf("%s, %d sheets a run, median of %d runs\n", url, sheets, runs)
	fmt.Printf("%5s  %14s  %14s  %14s  %6s  %11s\n", "tabs", "floor sheet/s", "phone floor", "wallpress s/s", "ratio", "phone ratio")
	type start = func(context.Context) (func(context.Context) error, func(), error)
	names := [...]string{"floor", "phone floor", "wallpress"}
	starts := [...]start{
		func(ctx context.Context) (func(context.Context) error, func(), error) {
			return floorPrinter(ctx, browser, url, g, false)
		},
		func(ctx context.Context) (func(context.Context) error, func(), error) {
			return floorPrinter(ctx, browser, url, g, true)
		},
		func(ctx context.Context) (func(context.Context) error, func(), error) {
			return wallpressPrinter(ctx, browser, url, g)
		},
	}
	for _, n := range tabs {
		var rates [len(starts)][]float64
		for r := range runs {
			// Each run starts one program further along, so that none
			// always follows the same one.
			for k := range starts {
				i := (r + k) % len(starts)
				v, err := timed(sheets, n, starts[i])
				if err != nil {
					return fmt.Errorf("%s: %w", names[i], err)
				}
				rates[i] = append(rates[i], v)
			}
		}
		f, p, w := median(rates[0]), median(rates[1]), median(rates[2])
		fmt.Printf("%5d  %14.2f  %14.2f  %14.2f  %6.2f  %11.2f\n", n, f, p, w, w/f, w/p)
	}
	return nil
}

// timed starts a printer, prints one sheet on each tab to warm it, then
// prints sheets on n tabs and returns sheets per second.
func timed(sheets, n int, start func(context.Context) (func(context.Context) error, func(), error)) (float64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	print, stop, err := start(ctx)
	if err != nil {
		return 0, err
	}
	defer stop()
	each := func(count int) error {
		jobs := make(chan struct{}, count)
		for range count {
			jobs <- struct{}{}
		}
		close(jobs)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var first error
		for range n {
			wg.Go(func() {
				for range jobs {
					// One sheet takes seconds: a minute means a stuck tab.
					pctx, cancel := context.WithTimeout(ctx, time.Minute)
					err := print(pctx)
					cancel()
					if err != nil {
						mu.Lock()
						first = cmpErr(first, err)
						mu.Unlock()
						return
					}
				}
			})
		}
		wg.Wait()
		return first
	}
	if err := each(n); err != nil {
		return 0, err
	}
	t := time.Now()
	if err := each(sheets); err != nil {
		return 0, err
	}
	return float64(sheets) / time.Since(t).Seconds(), nil
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// wallpressPrinter prints as the build does.
func wallpressPrinter(ctx context.Context, browser, url string, g posters.Geometry) (func(context.Context) error, func(), error) {
	c, err := posters.StartChrome(ctx, browser)
	if err != nil {
		return nil, nil, err
	}
	print := func(ctx context.Context) error {
		out, err := c.Render(ctx, posters.Job{URL: url, Geometry: g, PDF: true, PNG: true, Thumb: true})
		if err == nil && (len(out.PDF) == 0 || len(out.PNG) == 0) {
			err = fmt.Errorf("no PDF or PNG")
		}
		if err == nil {
			// What the build does to every PDF: no dates, the print
			// shop's page boxes.
			_, err = posters.SetPageBoxes(posters.StripDates(out.PDF), g)
		}
		return err
	}
	return print, func() { c.Close() }, nil
}

// floorPrinter is the least a program does for a PDF and a PNG of the
// sheet: one browser, a tab per worker kept open, no checks, and one tab
// at a time in front for its picture. The PNG is of the A3 trim, or, with
// phone, the picture Wallpress makes: the sheet laid out for a phone by
// posters.ShareScript, as long as its text needs (about twice the trim's
// pixels for a convention), which is most of what a sheet costs.
func floorPrinter(ctx context.Context, browser, url string, g posters.Geometry, phone bool) (func(context.Context) error, func(), error) {
	dataDir, err := os.MkdirTemp("", "floor-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.UserDataDir(dataDir),
		chromedp.Flag("hide-scrollbars", true), chromedp.Flag("font-render-hinting", "none"), chromedp.Flag("disable-gpu", true))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithErrorf(func(string, ...any) {}))
	if err := chromedp.Run(browserCtx); err != nil {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dataDir)
		return nil, nil, err
	}
	var mu, front sync.Mutex
	var idle []context.Context
	var cancels []context.CancelFunc
	const pxPerMM = 96 / 25.4
	vw, vh := int64(math.Ceil(g.SheetW()*pxPerMM)), int64(math.Ceil(g.SheetH()*pxPerMM))
	o := g.TrimOffset() * pxPerMM
	clip := &page.Viewport{X: o, Y: o, Width: g.TrimW * pxPerMM, Height: g.TrimH * pxPerMM, Scale: float64(g.DPI) / 96}
	print := func(ctx context.Context) error {
		mu.Lock()
		var tab context.Context
		if n := len(idle); n > 0 {
			tab, idle = idle[n-1], idle[:n-1]
		} else {
			var cancel context.CancelFunc
			tab, cancel = chromedp.NewContext(browserCtx)
			cancels = append(cancels, cancel)
		}
		mu.Unlock()
		var ok bool
		var pdf, png []byte
		done := make(chan error, 1)
		go func() {
			done <- chromedp.Run(tab,
				emulation.SetFocusEmulationEnabled(true),
				emulation.SetDeviceMetricsOverride(vw, vh, 1, false),
				chromedp.Navigate(url),
				chromedp.Evaluate(`document.fonts.ready.then(() => true)`, &ok, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams {
					return p.WithAwaitPromise(true)
				}),
				chromedp.ActionFunc(func(ctx context.Context) (err error) {
					pdf, _, err = page.PrintToPDF().WithPrintBackground(true).WithPreferCSSPageSize(true).
						WithPaperWidth(g.SheetW() / 25.4).WithPaperHeight(g.SheetH() / 25.4).
						WithMarginTop(0).WithMarginBottom(0).WithMarginLeft(0).WithMarginRight(0).Do(ctx)
					return err
				}),
				chromedp.ActionFunc(func(ctx context.Context) (err error) {
					// The browser draws only the tab in front: tabs taking
					// their pictures at once would wait for each other's
					// frames (Wallpress takes the same step, chrome.go).
					front.Lock()
					defer front.Unlock()
					if err := page.BringToFront().Do(ctx); err != nil {
						return err
					}
					clip := clip
					if phone {
						var box *struct{ X, Y, W, H float64 }
						if err := chromedp.Evaluate(posters.ShareScript, &box).Do(ctx); err != nil {
							return err
						}
						if box == nil {
							return fmt.Errorf("the page has no sheet")
						}
						if err := emulation.SetDeviceMetricsOverride(vw, max(vh, int64(math.Ceil(box.Y+box.H+1))), 1, false).Do(ctx); err != nil {
							return err
						}
						clip = &page.Viewport{X: box.X, Y: box.Y, Width: box.W, Height: box.H, Scale: clip.Scale}
					}
					png, err = page.CaptureScreenshot().WithFormat(page.CaptureScreenshotFormatPng).WithOptimizeForSpeed(true).
						WithClip(clip).WithFromSurface(true).Do(ctx)
					return err
				}),
			)
		}()
		var err error
		select {
		case err = <-done:
		case <-ctx.Done():
			// A stuck tab is left behind, as Wallpress closes its own:
			// the run fails, naming the floor, instead of waiting for ever.
			return fmt.Errorf("a sheet took longer than a minute: %w", ctx.Err())
		}
		if err == nil && (len(pdf) == 0 || len(png) == 0) {
			err = fmt.Errorf("no PDF or PNG")
		}
		mu.Lock()
		idle = append(idle, tab)
		mu.Unlock()
		return err
	}
	stop := func() {
		for _, c := range cancels {
			c()
		}
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dataDir)
	}
	return print, stop, nil
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if n := len(xs); n%2 == 1 {
		return xs[n/2]
	} else {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
}
