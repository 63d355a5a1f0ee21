package layouts

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestParseFS(t *testing.T) {
	fsys := fstest.MapFS{
		"t/layouts/base.html":          {Data: []byte(`[{{block "main" .}}{{end}}]`)},
		"t/layouts/partials/card.html": {Data: []byte(`{{define "card"}}<{{.v}}:{{.n}}>{{end}}`)},
		"t/layouts/partials/notes.txt": {Data: []byte(`{{broken`)},
		"t/layouts/a.html":             {Data: []byte(`{{define "main"}}{{template "card" (dict "v" "a" "n" (add 1 2))}}{{end}}`)},
		"t/layouts/b.html":             {Data: []byte(`{{define "main"}}{{range seq 3}}{{.}}{{end}} {{pct 1 4}} {{shout "b"}}{{end}}`)},
	}
	_, sets, err := ParseFS(fsys, "t/layouts", "base.html", []string{"a", "b"}, map[string]any{"shout": func(s string) string { return s + "!" }})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a": "[&lt;a:3>]", "b": "[123 25 b!]"} {
		var buf bytes.Buffer
		if err := sets[name].ExecuteTemplate(&buf, "base.html", nil); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("%s = %q, want %q", name, buf.String(), want)
		}
	}
	_, _, err = ParseFS(fsys, "t/layouts", "base.html", []string{"missing"}, nil)
	if pe, ok := errors.AsType[*fs.PathError](err); !ok || pe.Path != "t/layouts/missing.html" {
		t.Errorf("a missing layout: %v", err)
	}
}

// Parse reads a folder on the disk and names a missing file by its path
// there.
func TestParse(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "base.html"), []byte(`[{{block "main" .}}{{end}}]`), 0o644)
	os.WriteFile(filepath.Join(dir, "a.html"), []byte(`{{define "main"}}a{{end}}`), 0o644)
	if _, sets, err := Parse(dir, "base.html", []string{"a"}, nil); err != nil || sets["a"] == nil {
		t.Fatal(err)
	}
	_, _, err := Parse(dir, "base.html", []string{"missing"}, nil)
	if pe, ok := errors.AsType[*fs.PathError](err); !ok || pe.Path != filepath.Join(dir, "missing.html") {
		t.Errorf("a missing layout: %v", err)
	}
}

func TestFirst(t *testing.T) {
	first := Funcs()["first"].(func(int, any) (any, error))
	for _, c := range []struct {
		n    int
		list any
		want string
	}{
		{2, []string{"a", "b", "c"}, "[a b]"},
		{5, []int{1, 2}, "[1 2]"},
		{0, []int{1}, "[]"},
		{-1, []int{1}, "[]"},
	} {
		got, err := first(c.n, c.list)
		if err != nil || fmt.Sprint(got) != c.want {
			t.Errorf("first %d %v = %v, %v; want %s", c.n, c.list, got, err, c.want)
		}
	}
	if _, err := first(1, "abc"); err == nil {
		t.Error("first of a string: no error")
	}
}
