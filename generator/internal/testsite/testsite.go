// Package testsite lays out sites in temporary folders for tests: a copy of
// a content tree with the default theme, and small generated photos.
package testsite

import (
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// RepoRoot returns the repository's root folder.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// CopyTree copies the folder src into dst.
func CopyTree(t testing.TB, src, dst string) {
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

// WriteJPEG writes a w×h JPEG, half c and half paper colour, so that it is
// not uniform.
func WriteJPEG(t testing.TB, path string, w, h int, c color.RGBA) {
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

// Fixture lays out generator/build/testdata/site, with the default theme and
// its photos, in a temporary root, in the language given.
func Fixture(t testing.TB, lang string) string {
	t.Helper()
	repo := RepoRoot()
	root := t.TempDir()
	CopyTree(t, filepath.Join(repo, "generator", "build", "testdata", "site"), root)
	CopyTree(t, filepath.Join(repo, "themes", "default"), filepath.Join(root, "themes", "default"))
	group := filepath.Join(root, "content", "demo-cun", "building-1")
	WriteJPEG(t, filepath.Join(group, "team.jpg"), 640, 400, color.RGBA{166, 27, 27, 255})
	WriteJPEG(t, filepath.Join(group, "family.jpg"), 1200, 800, color.RGBA{200, 150, 30, 255})
	WriteJPEG(t, filepath.Join(group, "before.jpg"), 800, 600, color.RGBA{90, 80, 70, 255})
	WriteJPEG(t, filepath.Join(group, "after.jpg"), 800, 600, color.RGBA{60, 160, 90, 255})
	WriteJPEG(t, filepath.Join(group, "receipt.jpg"), 300, 400, color.RGBA{250, 250, 250, 255})
	SetLanguage(t, root, lang)
	return root
}

// Demo lays out the repository's own site (config, content, theme) in a
// temporary root.
func Demo(t testing.TB) string {
	t.Helper()
	repo := RepoRoot()
	root := t.TempDir()
	CopyTree(t, filepath.Join(repo, "content"), filepath.Join(root, "content"))
	CopyTree(t, filepath.Join(repo, "themes"), filepath.Join(root, "themes"))
	data, err := os.ReadFile(filepath.Join(repo, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "config.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// SetLanguage rewrites the language line of root/config.yaml.
func SetLanguage(t testing.TB, root, lang string) {
	t.Helper()
	cfg := filepath.Join(root, "config.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "language:") {
			lines[i] = "language: " + lang
		}
	}
	if err := os.WriteFile(cfg, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ReadTree returns every file under dir by slash path.
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// E2EEnv names the variable that turns on the second tier of tests: those
// that drive a real browser or a poppler tool, or build the whole demo.
// `go test ./...` leaves them out so that it finishes in a few minutes on a
// small machine; .ci/run runs them as a second step.
const E2EEnv = "WALLPRESS_E2E"

// E2E skips an end-to-end test unless WALLPRESS_E2E=1.
func E2E(t testing.TB) {
	t.Helper()
	if os.Getenv(E2EEnv) != "1" {
		t.Skipf("end-to-end test (a real browser, poppler or the whole demo): run it with %s=1, as .ci/run does", E2EEnv)
	}
}

// Need returns what find finds: a program a test needs. Such tests are
// end-to-end (E2E). Without the program the test is skipped, saying what
// to install — except under CI=true, where CI installs everything the
// tests need and a missing program is a failure.
func Need(t testing.TB, what, install string, find func() (string, error)) string {
	t.Helper()
	E2E(t)
	p, err := find()
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing (%v), and CI must have it: %s", what, err, install)
	}
	t.Skipf("%s is missing (%v): %s to run this test", what, err, install)
	return ""
}

// Tool is Need for a program on the PATH from the Debian package pkg.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	return Need(t, name, "apt-get install "+pkg, func() (string, error) { return exec.LookPath(name) })
}

// tagRE is an HTML tag.
var tagRE = regexp.MustCompile(`<[^>]*>`)

// Text is the text of an HTML document without its tags: posters keep a
// number with its unit and a paragraph's last characters in spans, so a
// phrase is looked for in the text, not in the markup.
func Text(html string) string { return tagRE.ReplaceAllString(html, "") }
