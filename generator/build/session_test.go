package build

import (
	"bytes"
	"context"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
)

// sessionSite is the fixture with a session building it into a folder of
// its own.
func sessionSite(t *testing.T) (root, out string, s *Session) {
	t.Helper()
	root = fixtureSite(t, "zh-CN")
	out = filepath.Join(t.TempDir(), "site")
	s = NewSession(root, out)
	res, err := s.Build(nil)
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("first build: %v %+v", err, res.Diags.Items())
	}
	return root, out, s
}

// sameAsFullBuild checks that out holds exactly what a full build of the
// content makes now.
func sameAsFullBuild(t *testing.T, root, out string) {
	t.Helper()
	want := filepath.Join(t.TempDir(), "full")
	res, err := Run(context.Background(), Options{Root: root, Write: true, Out: want})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("full build: %v %+v", err, res.Diags.Items())
	}
	got, exp := readTree(t, out), readTree(t, want)
	for name, data := range exp {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: missing from the session's folder", name)
		} else if !bytes.Equal(g, data) {
			t.Errorf("%s: differs from a full build", name)
		}
	}
	for name := range got {
		if _, ok := exp[name]; !ok {
			t.Errorf("%s: in the session's folder, not in a full build", name)
		}
	}
}

func editFile(t *testing.T, root, rel, old, new string) string {
	t.Helper()
	f := filepath.Join(root, "content", filepath.FromSlash(rel))
	data, err := os.ReadFile(f)
	if err != nil || !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not hold %q (%v)", rel, old, err)
	}
	os.WriteFile(f, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644)
	return "content/" + rel
}

func incremental(res *Result) bool {
	return slices.ContainsFunc(res.Timings, func(t Timing) bool { return t.Stage == "update" })
}

// TestSessionUpdatesInPlace: after a record changes, the session renders
// only what shows it, and the folder ends up as a full build would make it.
func TestSessionUpdatesInPlace(t *testing.T) {
	root, out, s := sessionSite(t)
	untouched := filepath.Join(out, "demo-cun", "building-1", "convention", "index.html")
	before, _ := os.Stat(untouched)

	for _, c := range []struct{ rel, old, new string }{
		{"demo-cun/building-1/story-spring.md", "楼道大变样", "楼道焕然一新"},
		{"demo-cun/building-1/story-spring.md", "date: 2024-04-10", "date: 2023-01-02"},
		{"demo-cun/building-1/account-2024.md", "| 2024-01-06", "| 2024-01-07"},
		{"demo-cun/building-1/parking.md", "---\n", "---\nsummary: 停车难题的商量经过\n"},
	} {
		file := editFile(t, root, c.rel, c.old, c.new)
		res, err := s.Build([]string{file})
		if err != nil || res.Diags.HasErrors() {
			t.Fatalf("%s: %v %+v", c.new, err, res.Diags.Items())
		}
		if !incremental(res) {
			t.Errorf("%s: a whole build, want an update of what changed", c.new)
		}
		if res.Pages == 0 || res.Catalog == nil {
			t.Errorf("%s: result without figures or messages", c.new)
		}
		sameAsFullBuild(t, root, out)
	}
	if after, _ := os.Stat(untouched); !os.SameFile(before, after) {
		t.Error("a page no edit touches was written again")
	}
	// A photo no page showed before: processed and put beside the pages.
	testsite.WriteJPEG(t, filepath.Join(root, "content", "demo-cun", "building-1", "new.jpg"), 900, 600, color.RGBA{10, 120, 200, 255})
	res, err := s.Build([]string{editFile(t, root, "demo-cun/building-1/story-spring.md", "after: after.jpg", "after: new.jpg")})
	if err != nil || res.Diags.HasErrors() || !incremental(res) {
		t.Fatalf("a new photo: %v, errors %v, incremental %v", err, res.Diags.HasErrors(), incremental(res))
	}
	sameAsFullBuild(t, root, out)
	// An editor's swap file changes nothing.
	os.WriteFile(filepath.Join(root, "content", "demo-cun", "building-1", ".story-spring.md.swp"), []byte("vim"), 0o644)
	if res, err := s.Build([]string{"content/demo-cun/building-1/.story-spring.md.swp"}); err != nil || res.Diags.HasErrors() || !incremental(res) {
		t.Errorf("a swap file: %v, incremental %v", err, incremental(res))
	}
	// The warnings of files that did not change are still told.
	res, _ = s.Build([]string{editFile(t, root, "demo-cun/building-1/story-spring.md", "楼道焕然一新", "楼道新貌")})
	csvWarnings := func(res *Result) int {
		n := 0
		for _, d := range res.Diags.Items() {
			if d.Key == "ledger.csvEncoding" {
				n++
			}
		}
		return n
	}
	if n := csvWarnings(res); n != 1 {
		t.Errorf("the CSV's encoding warning told %d times, want once: %+v", n, res.Diags.Items())
	}
	// The book kept in that CSV file, edited: its warning is told once
	// still, not once from before and once from now.
	for range 2 {
		res, err = s.Build([]string{editFile(t, root, "demo-cun/building-1/account-2023.md", "Excel", "Excel 表格")})
		if err != nil || res.Diags.HasErrors() || !incremental(res) {
			t.Fatalf("the CSV book edited: %v, incremental %v", err, incremental(res))
		}
		if n := csvWarnings(res); n != 1 {
			t.Errorf("after editing the CSV book, its warning told %d times, want once", n)
		}
	}
	sameAsFullBuild(t, root, out)
}

// TestSessionKeepsLastGoodSite: an edit with an error writes nothing and is
// told; mending it brings the site up to date.
func TestSessionKeepsLastGoodSite(t *testing.T) {
	root, out, s := sessionSite(t)
	page := filepath.Join(out, "demo-cun", "building-1", "story-spring", "index.html")
	good, _ := os.ReadFile(page)
	file := editFile(t, root, "demo-cun/building-1/story-spring.md", "date: 2024-04-10", "date: 2024-13-40")
	res, err := s.Build([]string{file})
	if err != nil || !res.Diags.HasErrors() {
		t.Fatalf("a bad date: %v, errors %v", err, res.Diags.HasErrors())
	}
	if !slices.ContainsFunc(res.Diags.Items(), func(d diag.Diagnostic) bool { return d.Pos.File == file && d.Pos.Line == 3 }) {
		t.Errorf("no error at %s:3: %+v", file, res.Diags.Items())
	}
	if now, _ := os.ReadFile(page); !bytes.Equal(now, good) {
		t.Error("the page changed although the edit has an error")
	}
	// Another record changes while the first is still broken: still an
	// error, still nothing written.
	other := editFile(t, root, "demo-cun/building-1/parking.md", "---\n", "---\nsummary: 停车\n")
	if res, _ := s.Build([]string{other}); !res.Diags.HasErrors() {
		t.Error("the broken record was forgotten")
	}
	editFile(t, root, "demo-cun/building-1/story-spring.md", "date: 2024-13-40", "date: 2024-04-11")
	res, err = s.Build([]string{file})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("mended: %v %+v", err, res.Diags.Items())
	}
	sameAsFullBuild(t, root, out)
}

// TestSessionBuildsAllWhenNeeded: changes beyond a record's own page build
// the whole website.
func TestSessionBuildsAllWhenNeeded(t *testing.T) {
	root, out, s := sessionSite(t)
	for _, c := range []struct {
		name   string
		change func() string
	}{
		{"a new record", func() string {
			f := filepath.Join(root, "content", "demo-cun", "building-1", "activity-new.md")
			os.WriteFile(f, []byte("---\ntitle: 新活动\ndate: 2024-06-01\n---\n一起打扫。\n"), 0o644)
			return "content/demo-cun/building-1/activity-new.md"
		}},
		{"a group's page", func() string {
			return editFile(t, root, "demo-cun/building-1/_index.md", "slogan: 邻里和睦 楼道整洁", "slogan: 邻里一家亲")
		}},
		{"a record taken off the website", func() string {
			return editFile(t, root, "demo-cun/building-1/parking.md", "---\n", "---\npublish: wall\n")
		}},
		{"the config", func() string {
			f := filepath.Join(root, "config.yaml")
			data, _ := os.ReadFile(f)
			os.WriteFile(f, []byte(strings.Replace(string(data), "title:", "title: 新", 1)), 0o644)
			return "config.yaml"
		}},
	} {
		res, err := s.Build([]string{c.change()})
		if err != nil || res.Diags.HasErrors() {
			t.Fatalf("%s: %v %+v", c.name, err, res.Diags.Items())
		}
		if incremental(res) {
			t.Errorf("%s: updated in place, want a whole build", c.name)
		}
		sameAsFullBuild(t, root, out)
	}
}
