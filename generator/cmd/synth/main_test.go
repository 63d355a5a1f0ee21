package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wallpress/generator/internal/testsite"
)

func TestRun(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run(nil, &out, &errs); code != 2 || !strings.Contains(errs.String(), "--out") {
		t.Errorf("no --out: exit %d, %q", code, errs.String())
	}
	dir := filepath.Join(t.TempDir(), "site")
	theme := filepath.Join(testsite.RepoRoot(), "themes", "default")
	if code := run([]string{"--out", dir, "--communities", "1", "--groups", "2", "--images", "huge", "--theme", theme}, &out, &errs); code != 1 {
		t.Errorf("--images huge: exit %d", code)
	}
	errs.Reset()
	if code := run([]string{"--out", dir, "--communities", "1", "--groups", "2", "--theme", theme}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "16 markdown files") {
		t.Errorf("output %q", out.String())
	}
	// A second run into the same folder would mix two sites.
	if code := run([]string{"--out", dir, "--theme", theme}, &out, &errs); code != 1 {
		t.Errorf("existing folder: exit %d", code)
	}
	out.Reset()
	if code := run([]string{"website", "--root", dir}, &out, &errs); code != 0 {
		t.Fatalf("website: exit %d: %s", code, errs.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "print")); !os.IsNotExist(err) {
		t.Error("the website build made posters")
	}
}
