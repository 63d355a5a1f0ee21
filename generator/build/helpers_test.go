package build

import (
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the repository, two folders up from this package.
var repoRoot = filepath.Join("..", "..")

// copyTree copies the folder src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// writeJPEG writes a small plain JPEG with a coloured block so that it is
// not uniform.
func writeJPEG(t *testing.T, path string, w, h int, c color.RGBA) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if x < w/2 {
				img.Set(x, y, c)
			} else {
				img.Set(x, y, color.RGBA{240, 230, 210, 255})
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
}

// fixtureSite lays out testdata/site with the default theme in a temporary
// root, in the given language.
func fixtureSite(t *testing.T, lang string) string {
	t.Helper()
	root := t.TempDir()
	copyTree(t, filepath.Join("testdata", "site"), root)
	copyTree(t, filepath.Join(repoRoot, "themes", "default"), filepath.Join(root, "themes", "default"))
	group := filepath.Join(root, "content", "demo-cun", "building-1")
	writeJPEG(t, filepath.Join(group, "team.jpg"), 640, 400, color.RGBA{166, 27, 27, 255})
	writeJPEG(t, filepath.Join(group, "family.jpg"), 1200, 800, color.RGBA{200, 150, 30, 255})
	writeJPEG(t, filepath.Join(group, "before.jpg"), 800, 600, color.RGBA{90, 80, 70, 255})
	writeJPEG(t, filepath.Join(group, "after.jpg"), 800, 600, color.RGBA{60, 160, 90, 255})
	if lang != "zh-CN" {
		cfg := filepath.Join(root, "config.yaml")
		data, err := os.ReadFile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cfg, []byte(strings.Replace(string(data), "language: zh-CN", "language: "+lang, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// mustBuild builds root and fails the test on any error diagnostic.
func mustBuild(t *testing.T, root string) *Result {
	t.Helper()
	res, err := Run(Options{Root: root, Write: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items() {
		t.Logf("%s: %s %v", d.Pos, d.Key, d.Args)
	}
	if res.Diags.HasErrors() {
		t.Fatal("build reported errors")
	}
	return res
}
