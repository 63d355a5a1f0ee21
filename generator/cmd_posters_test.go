package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wallpress/generator/internal/testsite"
)

func TestPostersCommand(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	// The fixture's config has posters.pdf: never: no browser needed.

	code, out, errs := runCLI("posters", "--root", root, "demo-cun/building-1")
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(root, "print", "demo-cun", "building-1", "convention.html")); err != nil {
		t.Error("no poster written")
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Error("posters wrote the website")
	}

	code, _, errs = runCLI("posters", "--root", root, "demo-cun/no-such-group")
	if code != exitErrs || !strings.Contains(errs, "demo-cun/no-such-group") {
		t.Errorf("unknown group: exit %d\n%s", code, errs)
	}
}
