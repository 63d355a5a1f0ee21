package posters

import (
	"context"
	"os"
	"os/exec"
	"testing"
)

// needTool returns the path of a program the test needs, or skips the test
// when it is missing — except in CI, which installs it.
func needTool(t testing.TB, name, pkg string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing, and CI must have it (apt-get install %s)", name, pkg)
	}
	t.Skipf("%s is missing: install %s to run this test", name, pkg)
	return ""
}

// needBrowser returns a Chromium-family browser, or skips the test when
// there is none — except in CI, which always has one.
func needBrowser(t testing.TB) string {
	t.Helper()
	p, err := FindBrowser()
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("no Chromium-family browser (%v), and CI must have one (apt-get install chromium)", err)
	}
	t.Skipf("no Chromium-family browser (%v): install chromium or set %s to run this test", err, BrowserEnv)
	return ""
}

// startChrome starts the browser for a test and closes it at the end.
func startChrome(t testing.TB) *Chrome {
	t.Helper()
	c, err := StartChrome(context.Background(), needBrowser(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}
