package posters

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// BrowserEnv names the environment variable that points at the browser to
// use, by path or by a name on PATH.
const BrowserEnv = "WALLPRESS_BROWSER"

// ErrNoBrowser is returned by FindBrowser when no Chromium-family browser is
// installed.
var ErrNoBrowser = errors.New("no Chromium, Chrome or Edge found")

// Finder looks for a browser; its fields are the operating system's, and
// tests replace them.
type Finder struct {
	GOOS     string
	Getenv   func(string) string
	LookPath func(string) (string, error)
	// IsFile reports whether an absolute path is a file that can be run.
	IsFile func(string) bool
}

// SystemFinder looks on this machine.
func SystemFinder() Finder {
	return Finder{
		GOOS:     runtime.GOOS,
		Getenv:   os.Getenv,
		LookPath: exec.LookPath,
		IsFile: func(p string) bool {
			st, err := os.Stat(p)
			return err == nil && !st.IsDir()
		},
	}
}

// FindBrowser finds a Chromium-family browser: the one WALLPRESS_BROWSER
// names, else the first of the usual names on PATH, else the first of the
// usual install places of Linux, macOS and Windows.
func FindBrowser() (string, error) { return SystemFinder().Find() }

// Find runs the search of FindBrowser with f's view of the system.
func (f Finder) Find() (string, error) {
	if want := f.Getenv(BrowserEnv); want != "" {
		if f.IsFile(want) {
			return want, nil
		}
		if p, err := f.LookPath(want); err == nil {
			return p, nil
		}
		return "", fmt.Errorf("%s=%s: no such program", BrowserEnv, want)
	}
	for _, name := range f.names() {
		if p, err := f.LookPath(name); err == nil {
			return p, nil
		}
	}
	for _, p := range f.places() {
		if f.IsFile(p) {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// names are the commands a Chromium-family browser installs on PATH, the
// open-source one first.
func (f Finder) names() []string {
	if f.GOOS == "windows" {
		return []string{"chrome", "msedge", "chromium"}
	}
	return []string{
		"chromium", "chromium-browser",
		"google-chrome", "google-chrome-stable",
		"microsoft-edge", "microsoft-edge-stable",
		"chrome", "headless_shell",
	}
}

// places are where the browsers install themselves when they are not on
// PATH.
func (f Finder) places() []string {
	switch f.GOOS {
	case "darwin":
		var out []string
		apps := []string{
			"Chromium.app/Contents/MacOS/Chromium",
			"Google Chrome.app/Contents/MacOS/Google Chrome",
			"Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
		}
		dirs := []string{"/Applications"}
		if home := f.Getenv("HOME"); home != "" {
			dirs = append(dirs, filepath.Join(home, "Applications"))
		}
		for _, d := range dirs {
			for _, a := range apps {
				out = append(out, d+"/"+a)
			}
		}
		return out
	case "windows":
		var out []string
		rels := []string{
			`Google\Chrome\Application\chrome.exe`,
			`Microsoft\Edge\Application\msedge.exe`,
			`Chromium\Application\chrome.exe`,
		}
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
			if dir := f.Getenv(env); dir != "" {
				for _, r := range rels {
					out = append(out, dir+`\`+r)
				}
			}
		}
		return out
	}
	return []string{
		"/usr/bin/chromium",
		"/usr/bin/chromium-browser",
		"/usr/lib/chromium/chromium",
		"/usr/bin/google-chrome",
		"/usr/bin/google-chrome-stable",
		"/opt/google/chrome/chrome",
		"/usr/bin/microsoft-edge",
		"/opt/microsoft/msedge/msedge",
		"/snap/bin/chromium",
		"/var/lib/flatpak/exports/bin/org.chromium.Chromium",
	}
}
