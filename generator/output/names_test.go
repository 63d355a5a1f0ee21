package output

import (
	"testing"

	"wallpress/generator/diag"
)

func TestNames(t *testing.T) {
	type add struct {
		name, source string
		dir          bool
	}
	cases := []struct {
		title string
		adds  []add
		want  []string // "file: key"
	}{
		{"distinct", []add{{"a/index.html", "content/a.md", false}, {"b/index.html", "content/b.md", false}}, nil},
		{"case", []add{{"A/index.html", "content/A.md", false}, {"a/index.html", "content/a.md", false}}, []string{"content/a.md: content.collision"}},
		{"accents", []add{{"caf\u00e9.jpg", "content/x.jpg", false}, {"cafe\u0301.jpg", "content/y.jpg", false}}, []string{"content/y.jpg: content.collision"}},
		{"shared folder", []add{{"c", "content/c", true}, {"c", "content/c", true}}, nil},
		{"reserved", []add{{"stories", "", true}, {"stories", "content/stories", true}}, []string{"content/stories: content.reserved"}},
		{"reserved folded", []add{{"stories", "", true}, {"Stories", "content/Stories", true}}, []string{"content/Stories: content.collisionReserved"}},
		{"told once", []add{{"A.jpg", "content/A.jpg", false}, {"a.jpg", "content/a.jpg", false}, {"a-480w.jpg", "content/a.jpg", false}, {"A-480w.jpg", "content/A.jpg", false}}, []string{"content/a.jpg: content.collision"}},
	}
	for _, c := range cases {
		t.Run(c.title, func(t *testing.T) {
			list := &diag.List{}
			n := NewNames(list, func(source string) diag.Pos { return diag.Pos{File: source} })
			for _, a := range c.adds {
				n.Add(a.name, a.source, a.dir)
			}
			var got []string
			for _, d := range list.Items() {
				got = append(got, d.Pos.File+": "+d.Key)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Fatalf("got %q, want %q", got, c.want)
				}
			}
		})
	}
}

func TestNamesFolders(t *testing.T) {
	list := &diag.List{}
	n := NewNames(list, func(source string) diag.Pos { return diag.Pos{File: source} })
	n.Folders("a/B/c", "content")
	n.Folders("a/b", "content")
	items := list.Items()
	if len(items) != 1 || items[0].Args["name"] != "a/b/" || items[0].Args["other"] != "content/a/B" {
		t.Fatalf("got %+v", items)
	}
}
