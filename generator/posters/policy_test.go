package posters

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"testing"

	"wallpress/generator/config"
	"wallpress/generator/content"
)

// posters.pdf decides with the machine whether the posters are printed:
// never does not look for a browser; auto and always look, and say why
// none was found. PrintsPDF, which serve asks, agrees with ChooseBrowser,
// which Make uses.
func TestBrowserPolicy(t *testing.T) {
	found := func() (string, error) { return "/usr/bin/chromium", nil }
	none := func() (string, error) { return "", ErrNoBrowser }
	for _, tc := range []struct {
		mode     string
		find     func() (string, error)
		exe      string
		err      bool
		noSearch bool
	}{
		{"never", found, "", false, true},
		{"auto", found, "/usr/bin/chromium", false, false},
		{"auto", none, "", true, false},
		{"always", found, "/usr/bin/chromium", false, false},
		{"always", none, "", true, false},
	} {
		looked := false
		exe, err := ChooseBrowser(config.Posters{PDF: tc.mode}, func() (string, error) { looked = true; return tc.find() })
		if exe != tc.exe || (err != nil) != tc.err || looked == tc.noSearch {
			t.Errorf("%s: exe %q, err %v, looked %v", tc.mode, exe, err, looked)
		}
	}

	// The real search, with the browser named by the variable.
	prog := filepath.Join(t.TempDir(), "chromium")
	if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		mode, browser string
		want          bool
	}{
		{"never", prog, false},
		{"auto", prog, true},
		{"auto", prog + "-gone", false},
		{"always", prog + "-gone", true},
	} {
		t.Setenv(BrowserEnv, tc.browser)
		if got := PrintsPDF(config.Posters{PDF: tc.mode}); got != tc.want {
			t.Errorf("PrintsPDF(%s) with %s = %v, want %v", tc.mode, tc.browser, got, tc.want)
		}
	}
}

// After a group fails no other group is started, and the first error is
// the one returned.
func TestEachGroupStopsAfterError(t *testing.T) {
	groups := make([]*content.Group, 1000)
	for i := range groups {
		groups[i] = &content.Group{}
	}
	boom := errors.New("boom")
	var started atomic.Int64
	err := eachGroup(t.Context(), groups, func(*content.Group) error {
		started.Add(1)
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	// Only the groups already running when the first failed may start.
	if n := started.Load(); n > int64(2*runtime.GOMAXPROCS(0)) {
		t.Errorf("%d groups started after the first failed", n)
	}
}
