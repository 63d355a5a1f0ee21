package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCommitReplaces(t *testing.T) {
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
		t.Fatal("the old tree changed before Commit")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(pub, "a/b/index.html")); string(b) != "new" {
		t.Fatalf("new file = %q", b)
	}
	if _, err := os.Stat(filepath.Join(pub, "old.html")); !os.IsNotExist(err) {
		t.Fatal("the old tree's file survived")
	}
	entries, _ := os.ReadDir(root)
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
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
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
