// Package config reads config.yaml, the site's settings, into a Config with
// a default for every key, reporting each unknown key and bad value at its
// line with the values allowed.
package config

import (
	"errors"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
	"wallpress/generator/yamlutil"
)

// FileName is the settings file in the site root.
const FileName = "config.yaml"

// Config is the site's settings.
type Config struct {
	Title string
	// BaseURL is where public/ is hosted, ending in "/"; "" when not set.
	BaseURL string
	// Language is "zh-CN" or "en".
	Language string
	// Theme is the folder name under themes/.
	Theme   string
	Posters Posters
	Images  Images
	Privacy Privacy
}

// Posters are the settings of the printed posters.
type Posters struct {
	// Size is "A0" … "A5" or a custom trim size "420mm x 594mm".
	Size string
	// Orientation is "portrait" or "landscape".
	Orientation string
	// Bleed is the extra paper on each side, such as "3mm" or "0mm".
	Bleed     string
	CropMarks bool
	// PDF is "auto", "always" or "never".
	PDF    string
	PNGDPI int
}

// Images are the settings of the web image variants.
type Images struct {
	// Widths are the widths in pixels of the variants, ascending, no repeats.
	Widths  []int
	Quality int
}

// Privacy says what the website hides.
type Privacy struct {
	// MaskNamesOnline shows "刘**" on the website for "刘阿姨" (posters keep
	// the full name).
	MaskNamesOnline bool
	// MaskRooms hides room numbers (301室) in what the website shows: next
	// to a name they identify a household as surely as the name.
	MaskRooms bool
	// ShowSignedRooms lists online the rooms that signed a convention;
	// otherwise the website shows only their count, so that the rooms
	// that did not sign are not published.
	ShowSignedRooms bool
}

// Limits of the numeric settings.
const (
	minDPI, maxDPI         = 36, 600
	minQuality, maxQuality = 1, 100
	minWidth, maxWidth     = 16, 8192
	minSideMM, maxSideMM   = 50, 2000
	maxBleedMM             = 20
)

// Default returns the settings used for every key config.yaml leaves out.
func Default() *Config {
	return &Config{
		Language: "zh-CN",
		Theme:    "default",
		Posters: Posters{
			Size:        "A3",
			Orientation: "portrait",
			Bleed:       "3mm",
			CropMarks:   true,
			PDF:         "auto",
			PNGDPI:      150,
		},
		Images:  Images{Widths: []int{480, 960, 1600}, Quality: 82},
		Privacy: Privacy{MaskNamesOnline: true, MaskRooms: true},
	}
}

// Load reads config.yaml from the site folder site (os.DirFS(root) but for
// tests). It always returns a Config (defaults where a value is missing or
// wrong); problems are added to list, so the caller checks list.HasErrors.
// A missing file is an error that says to create one with at least
// `title:`. Load also checks that the theme folder exists.
func Load(site fs.FS, list *diag.List) *Config {
	data, err := fs.ReadFile(site, FileName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		list.Error(diag.Pos{File: FileName}, "config.missing", diag.Args{"file": FileName}, "config.hint.missing")
		return Default()
	case err != nil:
		list.Error(diag.Pos{File: FileName}, "config.read", diag.Args{"file": FileName, "err": err.Error()}, "")
		return Default()
	}
	cfg, themeNode, parsed := parse(data, list)
	if !parsed {
		// The theme line may be the one that did not parse; do not guess.
		return cfg
	}
	if st, err := fs.Stat(site, "themes/"+cfg.Theme); err != nil || !st.IsDir() {
		pos := diag.Pos{File: FileName, Line: 1}
		if themeNode != nil {
			pos = diag.Pos{File: FileName, Line: themeNode.Line, Col: themeNode.Column}
		}
		list.Error(pos, "config.themeMissing", diag.Args{"theme": cfg.Theme, "dir": "themes/" + cfg.Theme}, "config.hint.themeMissing")
	}
	return cfg
}

// Parse reads config.yaml from data (diagnostics name the file
// "config.yaml"). Like Load it always returns a Config; it does not look for
// the theme folder.
func Parse(data []byte, list *diag.List) *Config {
	cfg, _, _ := parse(data, list)
	return cfg
}

// parse also returns the node of a valid theme value, so that Load can
// point at it when the folder is missing, and whether the YAML parsed.
func parse(data []byte, list *diag.List) (*Config, *yaml.Node, bool) {
	cfg := Default()
	src := yamlutil.Source{File: FileName, FirstLine: 1, List: list}
	m := yamlutil.Root(src.Parse(data))
	if m == nil {
		return cfg, nil, false
	}
	d := decoder{src: src, cfg: cfg}
	d.section(m, "", sectionKeys(""))
	if d.titleNode == nil || cfg.Title == "" {
		pos := diag.Pos{File: FileName, Line: 1}
		if d.titleNode != nil {
			pos = src.Pos(d.titleNode)
		}
		list.Error(pos, "config.title", nil, "config.hint.title")
	}
	return cfg, d.themeNode, true
}

// decoder fills cfg from the YAML tree.
type decoder struct {
	src       yamlutil.Source
	cfg       *Config
	titleNode *yaml.Node
	themeNode *yaml.Node
}

// A field is one key of a section and how to decode its value.
type field struct {
	key    string
	decode func(d *decoder, v *yaml.Node)
}

// sectionKeys returns the keys of a section ("" is the top level). It is a
// function rather than a table so that the decoders of sections, which look
// up their own keys, form no initialization cycle.
func sectionKeys(section string) []field {
	switch section {
	case "":
		return []field{
			{"title", (*decoder).title},
			{"baseURL", (*decoder).baseURL},
			{"language", (*decoder).language},
			{"theme", (*decoder).theme},
			{"posters", func(d *decoder, v *yaml.Node) { d.sub(v, "posters") }},
			{"images", func(d *decoder, v *yaml.Node) { d.sub(v, "images") }},
			{"privacy", func(d *decoder, v *yaml.Node) { d.sub(v, "privacy") }},
		}
	case "posters":
		return []field{
			{"size", (*decoder).size},
			{"orientation", func(d *decoder, v *yaml.Node) {
				if s, ok := d.src.Enum("posters.orientation", v, "portrait", "landscape"); ok {
					d.cfg.Posters.Orientation = s
				}
			}},
			{"bleed", (*decoder).bleed},
			{"cropMarks", func(d *decoder, v *yaml.Node) {
				if b, ok := d.src.Bool("posters.cropMarks", v); ok {
					d.cfg.Posters.CropMarks = b
				}
			}},
			{"pdf", func(d *decoder, v *yaml.Node) {
				if s, ok := d.src.Enum("posters.pdf", v, "auto", "always", "never"); ok {
					d.cfg.Posters.PDF = s
				}
			}},
			{"pngDPI", func(d *decoder, v *yaml.Node) {
				if n, ok := d.src.IntIn("posters.pngDPI", v, minDPI, maxDPI); ok {
					d.cfg.Posters.PNGDPI = n
				}
			}},
		}
	case "images":
		return []field{
			{"widths", (*decoder).widths},
			{"quality", func(d *decoder, v *yaml.Node) {
				if n, ok := d.src.IntIn("images.quality", v, minQuality, maxQuality); ok {
					d.cfg.Images.Quality = n
				}
			}},
		}
	case "privacy":
		return []field{
			{"maskNamesOnline", func(d *decoder, v *yaml.Node) {
				if b, ok := d.src.Bool("privacy.maskNamesOnline", v); ok {
					d.cfg.Privacy.MaskNamesOnline = b
				}
			}},
			{"maskRooms", func(d *decoder, v *yaml.Node) {
				if b, ok := d.src.Bool("privacy.maskRooms", v); ok {
					d.cfg.Privacy.MaskRooms = b
				}
			}},
			{"showSignedRooms", func(d *decoder, v *yaml.Node) {
				if b, ok := d.src.Bool("privacy.showSignedRooms", v); ok {
					d.cfg.Privacy.ShowSignedRooms = b
				}
			}},
		}
	}
	return nil
}

// sections lists the section names, the top level ("") first.
func sections() []string { return []string{"", "posters", "images", "privacy"} }

func (d *decoder) sub(v *yaml.Node, section string) {
	if m, ok := d.src.Mapping(section, v); ok {
		d.section(m, section, sectionKeys(section))
	}
}

// section decodes the keys of one mapping. A key that belongs to another
// section (`quality:` at the top instead of under `images:`) is reported as
// misplaced rather than unknown, because moving the line is the fix.
func (d *decoder) section(m *yaml.Node, name string, fields []field) {
	known := make([]string, len(fields))
	for i, f := range fields {
		known[i] = f.key
	}
	for k, v := range yamlutil.Pairs(m) {
		i := slices.IndexFunc(fields, func(f field) bool { return f.key == k.Value })
		if i >= 0 {
			fields[i].decode(d, v)
			continue
		}
		if home, ok := homeOf(k.Value, name); ok {
			args := diag.Args{"key": k.Value, "section": home}
			if home == "" {
				d.src.Error(k, "config.misplacedTop", args, "config.hint.misplacedTop")
			} else {
				d.src.Error(k, "config.misplaced", args, "config.hint.misplaced")
			}
			continue
		}
		d.src.UnknownKey(k, known)
	}
}

// homeOf returns the section other than current that has key.
func homeOf(key, current string) (string, bool) {
	for _, s := range sections() {
		if s == current {
			continue
		}
		for _, f := range sectionKeys(s) {
			if f.key == key {
				return s, true
			}
		}
	}
	return "", false
}

func (d *decoder) title(v *yaml.Node) {
	d.titleNode = v
	if s, ok := d.src.String("title", v); ok {
		d.cfg.Title = s
	}
}

func (d *decoder) theme(v *yaml.Node) {
	s, ok := d.src.String("theme", v)
	if !ok {
		return
	}
	if s == "." || s == ".." || strings.ContainsAny(s, `/\:`) {
		d.src.Error(v, "config.theme", diag.Args{"value": s}, "config.hint.theme")
		return
	}
	d.cfg.Theme = s
	d.themeNode = v
}

// language accepts the ways a language is commonly written and keeps the
// two the site has strings for.
func (d *decoder) language(v *yaml.Node) {
	s, ok := d.src.String("language", v)
	if !ok {
		return
	}
	if lang := normalizeLanguage(s); lang != "" {
		d.cfg.Language = lang
		return
	}
	d.src.Error(v, "value.oneOf", diag.Args{"key": "language", "value": s, "allowed": "zh-CN, en"}, "")
}

// normalizeLanguage maps zh, zh_CN, zh-cn, zh-Hans… to "zh-CN" and en,
// en-US, en_GB… to "en"; it returns "" for anything else.
func normalizeLanguage(s string) string {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(yamlutil.Narrow(s)), "_", "-"))
	switch t {
	case "中文", "简体中文", "汉语", "chinese":
		return "zh-CN"
	case "english", "英文", "英语":
		return "en"
	}
	primary, _, _ := strings.Cut(t, "-")
	switch primary {
	case "zh":
		return "zh-CN"
	case "en":
		return "en"
	}
	return ""
}

func (d *decoder) baseURL(v *yaml.Node) {
	s, ok := d.src.String("baseURL", v)
	if !ok {
		return
	}
	u, ok := NormalizeBaseURL(s)
	if !ok {
		d.src.Error(v, "config.baseURL", diag.Args{"value": s}, "config.hint.baseURL")
		return
	}
	d.cfg.BaseURL = u
}

func (d *decoder) size(v *yaml.Node) {
	s, ok := d.src.String("posters.size", v)
	if !ok {
		return
	}
	size, ok := normalizeSize(s)
	if !ok {
		d.src.Error(v, "config.size", diag.Args{"value": s, "min": minSideMM, "max": maxSideMM}, "config.hint.size")
		return
	}
	d.cfg.Posters.Size = size
}

func (d *decoder) bleed(v *yaml.Node) {
	s, ok := d.src.String("posters.bleed", v)
	if !ok {
		return
	}
	mm, ok := parseLength(s, "mm")
	if !ok || mm < 0 || mm > maxBleedMM {
		d.src.Error(v, "config.bleed", diag.Args{"value": s, "max": maxBleedMM}, "config.hint.bleed")
		return
	}
	d.cfg.Posters.Bleed = formatMM(mm)
}

func (d *decoder) widths(v *yaml.Node) {
	ws, ok := d.src.Ints("images.widths", v, minWidth, maxWidth)
	if !ok {
		return
	}
	if len(ws) == 0 {
		d.src.Error(v, "config.widthsEmpty", nil, "config.hint.widths")
		return
	}
	slices.Sort(ws)
	d.cfg.Images.Widths = slices.Compact(ws)
}

// formatMM writes a length in millimetres without needless decimals.
func formatMM(mm float64) string {
	return strconv.FormatFloat(mm, 'f', -1, 64) + "mm"
}
