package posters

import (
	"context"
	"testing"

	"wallpress/generator/internal/testsite"
)

// needTool returns a program the test needs (see testsite.Tool).
func needTool(t testing.TB, name, pkg string) string { return testsite.Tool(t, name, pkg) }

// needBrowser returns a Chromium-family browser (see testsite.Need).
func needBrowser(t testing.TB) string {
	t.Helper()
	return testsite.Need(t, "a Chromium-family browser", "install chromium or set "+BrowserEnv, FindBrowser)
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
