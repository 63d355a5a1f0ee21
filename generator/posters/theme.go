package posters

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"wallpress/generator/layouts"

	"wallpress/generator/content"
	"wallpress/generator/i18n"
)

// Dir is the folder of a theme that holds the poster templates.
const Dir = "posters"

// CoverKind is the layout name of a group's cover poster; the records'
// posters are named after their kind (convention.html, …).
const CoverKind = "cover"

// Layouts are the poster layouts a theme provides, besides base.html and
// poster.css.
var Layouts = []string{CoverKind, "convention", "photo", "ledger", "story", "deliberation", "activity"}

// Theme holds the parsed poster templates of a theme, its stylesheet and
// the poster words.
type Theme struct {
	layouts map[string]*template.Template
	base    *template.Template
	css     string
	texts   *texts
}

// texts looks words up in the posters' own i18n file first, then in the
// theme's catalog, so the posters folder can be restyled and reworded on its
// own.
type texts struct {
	own  *i18n.Catalog
	main *i18n.Catalog
}

func (t *texts) T(key string, args ...any) string {
	if t.own != nil && t.own.Has(key) {
		return t.own.T(key, args...)
	}
	return t.main.T(key, args...)
}

// LoadTheme parses themeDir/posters for the language of cat.
func LoadTheme(themeDir string, cat *i18n.Catalog) (*Theme, error) {
	dir := filepath.Join(themeDir, Dir)
	css, err := os.ReadFile(filepath.Join(dir, "poster.css"))
	if err != nil {
		return nil, err
	}
	t := &Theme{layouts: map[string]*template.Template{}, css: string(css), texts: &texts{main: cat}}
	data, err := os.ReadFile(filepath.Join(dir, "i18n", cat.Lang+".yaml"))
	switch {
	case err == nil:
		if t.texts.own, err = i18n.Parse(cat.Lang, data); err != nil {
			return nil, fmt.Errorf("%s/i18n/%s.yaml: %w", Dir, cat.Lang, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	base, sets, err := layouts.Parse(dir, "base.html", Layouts, funcs)
	if err != nil {
		return nil, err
	}
	t.base, t.layouts = base, sets
	return t, nil
}

// funcs are the poster templates' helpers beyond layouts.Funcs.
var funcs = template.FuncMap{
	// chars splits a short word into its characters, for titles set one
	// character per box.
	"chars": func(s string) []string { return strings.Split(s, "") },
	// phrases sets a title so that it breaks between phrases (text.go).
	"phrases": Phrases,
}

// layoutOf is the layout of a poster page: the cover for a group page, the
// kind's own otherwise.
func layoutOf(p *content.Page) string {
	if p.Kind == content.KindGroup {
		return CoverKind
	}
	return string(p.Kind)
}

// sheet renders one poster's sheet: the <section> that is one page.
func (t *Theme) sheet(v *View) (template.HTML, error) {
	tpl, ok := t.layouts[layoutOf(v.Page)]
	if !ok {
		return "", fmt.Errorf("posters: no layout for %s", v.Page.Kind)
	}
	b := sheetBuffers.Get().(*bytes.Buffer)
	defer sheetBuffers.Put(b)
	b.Reset()
	if err := tpl.ExecuteTemplate(b, "sheet", v); err != nil {
		return "", fmt.Errorf("poster %s for %s: %w", layoutOf(v.Page), v.Page.File, err)
	}
	// Every number on the sheet stays with its unit, whichever template
	// or helper wrote it.
	return NoBreakHTML(template.HTML(b.String())), nil
}

// sheetBuffers hold the templates' output of a sheet until it is copied
// out with its numbers kept with their units: one buffer per writer grows
// to a sheet's size once.
var sheetBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// sheets renders a poster's sheets, one per part; each gets an id of its
// own for the SVGs in it.
func (t *Theme) sheets(v *View, parts []*Part) ([]template.HTML, error) {
	out := make([]template.HTML, 0, len(parts))
	id := v.ID
	defer func() { v.ID, v.Part, v.zoom = id, nil, 0 }()
	for _, p := range parts {
		v.Part = p
		v.zoom = p.Scale
		v.ID = id
		if p.N > 1 {
			v.ID = fmt.Sprintf("%s-%d", id, p.N)
		}
		s, err := t.sheet(v)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// DocData is what base.html's "document" template sees.
type DocData struct {
	Lang  string
	Title string
	// CSS is the page geometry followed by the theme's poster.css, for a
	// theme that puts it in each document; Stylesheet is the address of
	// the same in print/ (StylesheetName, relative to the document), which
	// the default theme links.
	CSS        template.CSS
	Stylesheet string
	// Meta records the settings the document was rendered with, so a
	// change of them changes the document (and misses the render cache).
	Meta   string
	Sheets []template.HTML
}

// document renders a whole HTML document of one or more sheets.
func (t *Theme) document(d DocData) ([]byte, error) {
	// Sized for the stylesheet and the sheets, which are most of it, so
	// that the buffer is not grown and copied several times.
	n := 4096
	for _, s := range d.Sheets {
		n += len(s)
	}
	b := bytes.NewBuffer(make([]byte, 0, n))
	if err := t.base.ExecuteTemplate(b, "document", d); err != nil {
		return nil, fmt.Errorf("posters base.html: %w", err)
	}
	return b.Bytes(), nil
}
