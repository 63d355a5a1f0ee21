package main

import (
	"bytes"
	"image"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunDeterministic draws everything twice into fresh folders and checks
// that the bytes are identical and every file is a JPEG of the promised size.
func TestRunDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := run(a, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := run(b, io.Discard); err != nil {
		t.Fatal(err)
	}
	var total int
	for _, s := range scenes() {
		first, err := os.ReadFile(filepath.Join(a, filepath.FromSlash(s.path)))
		if err != nil {
			t.Fatal(err)
		}
		second, err := os.ReadFile(filepath.Join(b, filepath.FromSlash(s.path)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, second) {
			t.Errorf("%s: two runs wrote different bytes", s.path)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(first))
		if err != nil {
			t.Fatalf("%s: %v", s.path, err)
		}
		if format != "jpeg" || cfg.Width != s.w || cfg.Height != s.h {
			t.Errorf("%s: got %s %dx%d, want jpeg %dx%d", s.path, format, cfg.Width, cfg.Height, s.w, s.h)
		}
		if _, err := jpeg.Decode(bytes.NewReader(first)); err != nil {
			t.Errorf("%s: full decode: %v", s.path, err)
		}
		total += len(first)
	}
	// The demo ships these files in the repository; keep them small.
	if total > 500*1024 {
		t.Errorf("all pictures together are %d KiB, want at most 500 KiB", total/1024)
	}
}

// TestScenesUnique guards against two scenes writing the same file, and
// against paths that would leave the content folder.
func TestScenesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range scenes() {
		if seen[s.path] {
			t.Errorf("%s is drawn twice", s.path)
		}
		seen[s.path] = true
		if strings.Contains(s.path, "..") || filepath.IsAbs(s.path) || !strings.HasSuffix(s.path, ".jpg") {
			t.Errorf("bad scene path %q", s.path)
		}
	}
}
