// Package layouts parses a theme's template sets — a base file, its
// partials, and one clone per page layout — with the pure helpers every
// layout may call. The website and the posters both use it.
package layouts

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"

	"wallpress/generator/content"
)

// Body is a page's rendered markdown, as both the website and the posters
// show it.
type Body struct {
	HTML template.HTML
	// Items are the convention's articles (the body's first ordered list).
	Items   []template.HTML
	Summary string
}

// Variant is one encoded size of an image, at a slash path relative to the
// site root.
type Variant struct {
	Path          string
	Width, Height int
}

// Image is a processed image: its variants in ascending width. A body's
// pictures and the website's pages show it.
type Image struct {
	Width, Height int
	Variants      []Variant
}

// PosterSet is a group's posters published on the website: the posters
// make it, the website's download page shows it.
type PosterSet struct {
	// Dir is the site path of the download page and its files
	// ("posters/a/b/").
	Dir string
	// Set is the file name of the PDF of every poster, "" when none.
	Set   string
	Items []PosterFile
}

// PosterFile is one poster offered for download; the names are of files in
// the set's Dir.
type PosterFile struct {
	Page                        *content.Page
	PDF, PNG, Preview           string
	PreviewWidth, PreviewHeight int
}

// Funcs are the pure helpers shared by every theme template: dict passes
// several values to a partial (dict "v" $ "p" .), list makes a list of
// words, first takes the start of a list, add/sub/pct/seq do small
// arithmetic, join joins words.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"join": strings.Join,
		"list": func(xs ...string) []string { return xs },
		"add":  func(a, b int) int { return a + b },
		"sub":  func(a, b int) int { return a - b },
		"pct": func(a, b int) int {
			if b <= 0 {
				return 0
			}
			return a * 100 / b
		},
		"seq": func(n int) []int {
			out := make([]int, max(n, 0))
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
		// first n of a list, as in {{range first 6 .Records}}: a range
		// with {{if lt $i 6}} would still walk every record.
		"first": func(n int, list any) (any, error) {
			v := reflect.ValueOf(list)
			if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
				return nil, fmt.Errorf("first needs a list, not %T", list)
			}
			return v.Slice(0, min(max(n, 0), v.Len())).Interface(), nil
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs pairs of names and values")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				m[fmt.Sprint(kv[i])] = kv[i+1]
			}
			return m, nil
		},
	}
}

// Parse is ParseFS over the folder dir on the disk, errors naming files by
// their paths on the disk.
func Parse(dir, base string, names []string, extra template.FuncMap) (*template.Template, map[string]*template.Template, error) {
	b, sets, err := ParseFS(os.DirFS(dir), ".", base, names, extra)
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		pe.Path = filepath.Join(dir, filepath.FromSlash(pe.Path))
	}
	return b, sets, err
}

// ParseFS reads dir/base with dir/partials/*.html from fsys, then each
// dir/<name>.html over its own clone of them. extra adds helpers to Funcs.
func ParseFS(fsys fs.FS, dir, base string, names []string, extra template.FuncMap) (*template.Template, map[string]*template.Template, error) {
	funcs := Funcs()
	maps.Copy(funcs, extra)
	b, err := parseFS(template.New(base).Funcs(funcs), fsys, path.Join(dir, base))
	if err != nil {
		return nil, nil, err
	}
	var partials []string
	entries, _ := fs.ReadDir(fsys, path.Join(dir, "partials")) // none is fine
	for _, e := range entries {
		if !e.IsDir() && path.Ext(e.Name()) == ".html" {
			partials = append(partials, path.Join(dir, "partials", e.Name()))
		}
	}
	if b, err = parseFS(b, fsys, partials...); err != nil {
		return nil, nil, err
	}
	sets := make(map[string]*template.Template, len(names))
	for _, name := range names {
		clone, err := b.Clone()
		if err != nil {
			return nil, nil, err
		}
		if sets[name], err = parseFS(clone, fsys, path.Join(dir, name+".html")); err != nil {
			return nil, nil, err
		}
	}
	return b, sets, nil
}

// parseFS is template.ParseFS without its patterns: each file by its own
// name (a theme's folder may hold a glob's special characters), named by
// its base name as ParseFiles does, t itself for the file of t's name.
func parseFS(t *template.Template, fsys fs.FS, files ...string) (*template.Template, error) {
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		tmpl := t
		if name := path.Base(f); name != t.Name() {
			tmpl = t.New(name)
		}
		if _, err := tmpl.Parse(string(data)); err != nil {
			return nil, err
		}
	}
	return t, nil
}
