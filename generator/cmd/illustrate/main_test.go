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
	if total > 2500*1000 {
		t.Errorf("all pictures together are %d KB, want at most 2500 KB", total/1000)
	}
}

// TestPrintSize: the posters print a photo up to about 260 mm wide on A3,
// which needs about 1550 px for 150 DPI; every picture must have them, and
// none may make the repository heavy on its own.
func TestPrintSize(t *testing.T) {
	for _, s := range scenes() {
		if s.w < 1550 || s.h < 1000 {
			t.Errorf("%s: %dx%d, want at least 1550x1000 to print at 150 DPI", s.path, s.w, s.h)
		}
		data, err := render(s)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 1000*1000 {
			t.Errorf("%s: %d KB, want at most 1 MB", s.path, len(data)/1000)
		}
	}
}

// TestBannerHasNoLettering: without a font, strokes meant to suggest
// characters read as gibberish; inside its border a banner is plain cloth.
func TestBannerHasNoLettering(t *testing.T) {
	c := newCanvas(800, 500)
	c.fill(rgb(255, 255, 255))
	x0, y0, x1, y1 := 300.0, 300.0, 1300.0, 400.0
	banner(c, x0, y0, x1, y1)
	img := c.finish()
	scale := float64(img.Rect.Dx()) / designW
	// The band between the gold lines, away from their anti-aliased edges.
	bh := y1 - y0
	first := img.RGBAAt(int((x0+bh*0.4)*scale), int((y0+y1)/2*scale))
	for x := x0 + bh*0.4; x < x1-bh*0.4; x += 2 {
		for y := y0 + bh*0.3; y < y1-bh*0.3; y += 2 {
			if got := img.RGBAAt(int(x*scale), int(y*scale)); got != first {
				t.Fatalf("the banner is not plain at (%.0f, %.0f): %v, elsewhere %v", x, y, got, first)
			}
		}
	}
	if first.R < 150 || first.G > 80 {
		t.Errorf("the banner's cloth is %v, want red", first)
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
