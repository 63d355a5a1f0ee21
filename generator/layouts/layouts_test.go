package layouts

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestParse(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "partials"), 0o755)
	files := map[string]string{
		"base.html":          `[{{block "main" .}}{{end}}]`,
		"partials/card.html": `{{define "card"}}<{{.v}}:{{.n}}>{{end}}`,
		"a.html":             `{{define "main"}}{{template "card" (dict "v" "a" "n" (add 1 2))}}{{end}}`,
		"b.html":             `{{define "main"}}{{range seq 3}}{{.}}{{end}} {{pct 1 4}} {{shout "b"}}{{end}}`,
	}
	for name, text := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	_, sets, err := Parse(dir, "base.html", []string{"a", "b"}, map[string]any{"shout": func(s string) string { return s + "!" }})
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
	if _, _, err := Parse(dir, "base.html", []string{"missing"}, nil); err == nil {
		t.Error("a missing layout was not an error")
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
