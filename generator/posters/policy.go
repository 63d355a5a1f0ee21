package posters

import (
	"context"
	"time"

	"wallpress/generator/config"
)

// Hooks let tests replace the browser and its limits; the zero value is
// the real browser with the default limits.
type Hooks struct {
	// Start replaces starting Chromium when set.
	Start func(ctx context.Context, exe string) (Browser, error)
	// Find replaces the search for a browser when set.
	Find func() (string, error)
	// Timeout bounds one document; 0 means DefaultTimeout.
	Timeout time.Duration
	// Started is called with each browser a run starts.
	Started func(Browser)
}

// ChooseBrowser applies the posters.pdf setting to this machine: it returns
// the browser to print the posters with, "" when they are HTML only. With
// never no browser is looked for; with auto or always one is looked for
// with find (FindBrowser when nil), and err says why none was found — a
// warning under auto, where the HTML posters are still made, an error
// under always.
func ChooseBrowser(cfg config.Posters, find func() (string, error)) (exe string, err error) {
	if cfg.PDF == "never" {
		return "", nil
	}
	if find == nil {
		find = FindBrowser
	}
	return find()
}

// PrintsPDF reports whether a build prints the posters to PDF with these
// settings on this machine, as Make decides it: posters.pdf always, or
// auto with a browser found. serve asks it before printing in the
// background, since without PDFs the posters cannot change the website.
func PrintsPDF(cfg config.Posters) bool {
	if cfg.PDF == "always" {
		return true
	}
	exe, _ := ChooseBrowser(cfg, nil)
	return exe != ""
}
