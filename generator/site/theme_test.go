package site

import (
	"slices"
	"testing"
	"testing/fstest"
)

// The theme's static files are published under static/, in the order of
// their paths, read from the theme's folder of the site given.
func TestStatic(t *testing.T) {
	th := &Theme{dir: "themes/x", fsys: fstest.MapFS{
		"themes/x/static/style.css":    {Data: []byte("a")},
		"themes/x/static/js/search.js": {Data: []byte("b")},
		"themes/x/static/a.css":        {Data: []byte("c")},
		"themes/y/static/other.css":    {Data: []byte("d")},
	}}
	var got []string
	if err := th.static(func(name string, data []byte) error {
		got = append(got, name+"="+string(data))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{"static/a.css=c", "static/js/search.js=b", "static/style.css=a"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// The search page is the theme's to have or not.
func TestLoadThemeSearch(t *testing.T) {
	fsys := fstest.MapFS{"t/layouts/baseof.html": {Data: []byte(`{{block "main" .}}{{end}}`)}}
	for _, name := range layoutNames {
		fsys["t/layouts/"+name+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + name + `{{end}}`)}
	}
	th, err := LoadTheme(fsys, "t")
	if err != nil || th.HasSearch() {
		t.Fatalf("without search.html: %v, search %v", err, th != nil && th.HasSearch())
	}
	fsys["t/layouts/search.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}search{{end}}`)}
	if th, err = LoadTheme(fsys, "t"); err != nil || !th.HasSearch() {
		t.Fatalf("with search.html: %v", err)
	}
}
