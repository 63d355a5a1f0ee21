package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestPublishReplaces(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	os.MkdirAll(pub, 0o755)
	os.WriteFile(filepath.Join(pub, "old.html"), []byte("old"), 0o644)

	s, err := Begin(pub)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("a/b/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(pub, "old.html")); err != nil {
		t.Fatal("the old tree changed before Publish")
	}
	if err := commit(s); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(pub, "a/b/index.html")); string(b) != "new" {
		t.Fatalf("new file = %q", b)
	}
	if _, err := os.Stat(filepath.Join(pub, "old.html")); !os.IsNotExist(err) {
		t.Fatal("the old tree's file survived")
	}
	entries, _ := siteEntries(root)
	if len(entries) != 1 {
		t.Fatalf("root holds %d entries, want only public/", len(entries))
	}
}

func TestAbortKeepsOld(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	os.MkdirAll(pub, 0o755)
	os.WriteFile(filepath.Join(pub, "index.html"), []byte("good"), 0o644)
	s, err := Begin(pub)
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile("index.html", []byte("half"))
	s.Abort()
	if b, _ := os.ReadFile(filepath.Join(pub, "index.html")); string(b) != "good" {
		t.Fatalf("old tree changed: %q", b)
	}
	if entries, _ := siteEntries(root); len(entries) != 1 {
		t.Fatalf("staging left behind: %d entries", len(entries))
	}
}

func TestRejectsEscapingPaths(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	for _, p := range []string{"../x", "/etc/x", "a/../../x", `a\b`, ""} {
		if err := s.WriteFile(p, nil); err == nil {
			t.Errorf("WriteFile(%q) succeeded", p)
		}
	}
}

// build writes files into a new stage for pub and commits it.
func build(t *testing.T, pub string, files map[string]string) Stats {
	t.Helper()
	s, err := Begin(pub)
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range files {
		if err := s.WriteFile(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := commit(s); err != nil {
		t.Fatal(err)
	}
	return s.Stats()
}

func stat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// A rebuild that changes nothing keeps the old tree itself: same files,
// same folder, nothing written.
func TestUnchangedKeepsTree(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	files := map[string]string{"index.html": "home", "a/index.html": "a", "a/b/index.html": "b"}
	if st := build(t, pub, files); st.Written != 3 || st.Unchanged != 0 || st.Kept {
		t.Fatalf("first build: %+v", st)
	}
	before := stat(t, filepath.Join(pub, "a/b/index.html"))
	if st := build(t, pub, files); st.Written != 0 || st.Unchanged != 3 || !st.Kept {
		t.Fatalf("second build: %+v", st)
	}
	if !os.SameFile(before, stat(t, filepath.Join(pub, "a/b/index.html"))) {
		t.Error("the unchanged file was replaced")
	}
	if entries, _ := siteEntries(root); len(entries) != 1 {
		t.Fatalf("root holds %d entries, want only public/", len(entries))
	}
}

// When one file changes, the tree is swapped; the unchanged files are the
// old files themselves (hard links), the changed one has the new bytes.
func TestOneChangeLinksTheRest(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	build(t, pub, map[string]string{"index.html": "home", "a/index.html": "a", "a/b/index.html": "b"})
	kept := stat(t, filepath.Join(pub, "a/b/index.html"))
	changed := stat(t, filepath.Join(pub, "a/index.html"))
	st := build(t, pub, map[string]string{"index.html": "home", "a/index.html": "A!", "a/b/index.html": "b"})
	if st.Written != 1 || st.Unchanged != 2 || st.Kept {
		t.Fatalf("stats %+v", st)
	}
	if !os.SameFile(kept, stat(t, filepath.Join(pub, "a/b/index.html"))) {
		t.Error("an unchanged file was written again instead of linked")
	}
	if os.SameFile(changed, stat(t, filepath.Join(pub, "a/index.html"))) {
		t.Error("the changed file is still the old one")
	}
	if b, _ := os.ReadFile(filepath.Join(pub, "a/index.html")); string(b) != "A!" {
		t.Errorf("changed file = %q", b)
	}
	if entries, _ := siteEntries(root); len(entries) != 1 {
		t.Fatalf("root holds %d entries, want only public/", len(entries))
	}
}

// A file the new build no longer makes disappears, even when every file it
// does make is unchanged.
func TestRemovedFileGoes(t *testing.T) {
	pub := filepath.Join(t.TempDir(), "public")
	build(t, pub, map[string]string{"index.html": "home", "gone/index.html": "x"})
	if st := build(t, pub, map[string]string{"index.html": "home"}); st.Kept {
		t.Fatal("the old tree was kept although a file went away")
	}
	if _, err := os.Stat(filepath.Join(pub, "gone")); !os.IsNotExist(err) {
		t.Error("the removed page is still there")
	}
}

// A write that fails in the background fails Publish and leaves the old
// tree as it was.
func TestFailedWriteKeepsOld(t *testing.T) {
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	build(t, pub, map[string]string{"index.html": "good"})
	s, err := Begin(pub)
	if err != nil {
		t.Fatal(err)
	}
	// "a" as a file and as a folder cannot both be.
	s.WriteFile("a", []byte("file"))
	s.WriteFile("a/index.html", []byte("page"))
	s.WriteFile("index.html", []byte("new"))
	if err := commit(s); err == nil {
		t.Fatal("Publish succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(pub, "index.html")); string(b) != "good" {
		t.Fatalf("old tree changed: %q", b)
	}
	if entries, _ := siteEntries(root); len(entries) != 1 {
		t.Fatalf("staging left behind: %d entries", len(entries))
	}
}

func TestWrittenTwice(t *testing.T) {
	s, err := Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if err := s.WriteFile("x.html", []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("x.html", []byte("2")); err == nil {
		t.Error("a second write of the same path succeeded")
	}
}

// Files put into Dir directly are part of the tree, so the tree is swapped
// even when every WriteFile was unchanged.
func TestDirIsPartOfTree(t *testing.T) {
	pub := filepath.Join(t.TempDir(), "public")
	build(t, pub, map[string]string{"index.html": "home"})
	s, err := Begin(pub)
	if err != nil {
		t.Fatal(err)
	}
	s.WriteFile("index.html", []byte("home"))
	os.WriteFile(filepath.Join(s.Dir(), "direct.pdf"), []byte("%PDF"), 0o644)
	if err := commit(s); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(pub, "direct.pdf")); string(b) != "%PDF" {
		t.Errorf("direct file = %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(pub, "index.html")); string(b) != "home" {
		t.Errorf("index = %q", b)
	}
}

// CopyFile shares the source's bytes, and a copy of the same source into
// the next build counts as unchanged.
func TestCopyFile(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "cache.jpg")
	os.WriteFile(src, []byte("jpeg"), 0o644)
	pub := filepath.Join(root, "public")
	for i, want := range []Stats{{Written: 1}, {Unchanged: 1, Kept: true}} {
		s, err := Begin(pub)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CopyFile("img/a-480w.jpg", src); err != nil {
			t.Fatal(err)
		}
		if err := commit(s); err != nil {
			t.Fatal(err)
		}
		if got := s.Stats(); got != want {
			t.Errorf("build %d: %+v, want %+v", i+1, got, want)
		}
		if b, _ := os.ReadFile(filepath.Join(pub, "img/a-480w.jpg")); string(b) != "jpeg" {
			t.Errorf("copy = %q", b)
		}
	}
}

func TestReplace(t *testing.T) {
	dir := t.TempDir()
	changed, err := Replace(dir, "a/b/index.html", []byte("one"))
	if err != nil || !changed {
		t.Fatalf("first write: changed %v, %v", changed, err)
	}
	f := filepath.Join(dir, "a", "b", "index.html")
	before, _ := os.Stat(f)
	if changed, err := Replace(dir, "a/b/index.html", []byte("one")); err != nil || changed {
		t.Errorf("same bytes: changed %v, %v", changed, err)
	}
	if after, _ := os.Stat(f); !os.SameFile(before, after) {
		t.Error("same bytes: the file was replaced")
	}
	if changed, err := Replace(dir, "a/b/index.html", []byte("two")); err != nil || !changed {
		t.Errorf("new bytes: changed %v, %v", changed, err)
	}
	if data, _ := os.ReadFile(f); string(data) != "two" {
		t.Errorf("file holds %q", data)
	}
	if st, _ := os.Stat(f); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}
	entries, _ := os.ReadDir(filepath.Dir(f))
	if len(entries) != 1 {
		t.Errorf("%d files beside the page, want 1 (no temporary left)", len(entries))
	}
}

func TestLink(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(t.TempDir(), "photo.jpg")
	os.WriteFile(src, []byte("jpeg"), 0o644)
	if err := Link(dir, "a/b/photo-300w.jpg", src); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(dir, "a", "b", "photo-300w.jpg")
	if data, err := os.ReadFile(dst); err != nil || string(data) != "jpeg" {
		t.Errorf("linked file holds %q, %v", data, err)
	}
}

// commit publishes one stage, which must leave no old copy behind.
func commit(s *Stage) error {
	warnings, err := Publish(s)
	if len(warnings) > 0 {
		return errors.Join(err, warnings[0])
	}
	return err
}
