package config

import (
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"wallpress/generator/diag"
)

func TestDefaultsWithOnlyTitle(t *testing.T) {
	var l diag.List
	got := Parse([]byte("title: 楼组成果墙\n"), &l)
	if l.Len() != 0 {
		t.Fatalf("diagnostics: %+v", l.Items())
	}
	want := Default()
	want.Title = "楼组成果墙"
	if got.Title != want.Title || got.BaseURL != "" || got.Language != "zh-CN" || got.Theme != "default" ||
		got.Posters != want.Posters || !slices.Equal(got.Images.Widths, []int{480, 960, 1600}) ||
		got.Images.Quality != 82 || !got.Privacy.MaskNamesOnline {
		t.Errorf("got %+v", got)
	}
	if w, h := got.Posters.TrimMM(); w != 297 || h != 420 {
		t.Errorf("default trim %v×%v, want A3 portrait 297×420", w, h)
	}
	if b := got.Posters.BleedMM(); b != 3 {
		t.Errorf("default bleed %v", b)
	}
}

func TestFullConfig(t *testing.T) {
	data := `# 设置
title: 殷行街道楼组自治成果墙
baseURL: https://Example.gov.cn/louzu
language: en
theme: civic
posters:
  size: 420mm x 594mm
  orientation: landscape
  bleed: 0
  cropMarks: false
  pdf: never
  pngDPI: 300
images:
  widths: [1600, 480, 960, 480]
  quality: 75
privacy:
  maskNamesOnline: false
  maskRooms: false
  showSignedRooms: true
`
	var l diag.List
	c := Parse([]byte(data), &l)
	if l.Len() != 0 {
		t.Fatalf("diagnostics: %+v", l.Items())
	}
	want := Config{
		Title: "殷行街道楼组自治成果墙", BaseURL: "https://example.gov.cn/louzu/", Language: "en", Theme: "civic",
		Posters: Posters{Size: "420mm x 594mm", Orientation: "landscape", Bleed: "0mm", CropMarks: false, PDF: "never", PNGDPI: 300},
		Images:  Images{Widths: []int{480, 960, 1600}, Quality: 75},
		Privacy: Privacy{MaskNamesOnline: false, MaskRooms: false, ShowSignedRooms: true},
	}
	if c.Title != want.Title || c.BaseURL != want.BaseURL || c.Language != want.Language || c.Theme != want.Theme ||
		c.Posters != want.Posters || !slices.Equal(c.Images.Widths, want.Images.Widths) || c.Images.Quality != want.Images.Quality ||
		c.Privacy != want.Privacy {
		t.Errorf("got  %+v\nwant %+v", *c, want)
	}
	if w, h := c.Posters.TrimMM(); w != 594 || h != 420 {
		t.Errorf("landscape trim %v×%v", w, h)
	}
}

// value parses a config with title and one more line (at line 2, or lines
// 2–3 for a section) and returns the config and diagnostics.
func value(t *testing.T, extra string) (*Config, []diag.Diagnostic) {
	t.Helper()
	var l diag.List
	c := Parse([]byte("title: t\n"+extra+"\n"), &l)
	return c, l.Items()
}

func TestGoodValues(t *testing.T) {
	for _, c := range []struct {
		in    string
		check func(*Config) bool
	}{
		{"language: zh", func(c *Config) bool { return c.Language == "zh-CN" }},
		{"language: zh_CN", func(c *Config) bool { return c.Language == "zh-CN" }},
		{"language: zh-cn", func(c *Config) bool { return c.Language == "zh-CN" }},
		{"language: zh-Hans", func(c *Config) bool { return c.Language == "zh-CN" }},
		{"language: 中文", func(c *Config) bool { return c.Language == "zh-CN" }},
		{"language: en-US", func(c *Config) bool { return c.Language == "en" }},
		{"language: EN_gb", func(c *Config) bool { return c.Language == "en" }},
		{"language:", func(c *Config) bool { return c.Language == "zh-CN" }},
		{"baseURL: https://example.gov.cn/louzu/", func(c *Config) bool { return c.BaseURL == "https://example.gov.cn/louzu/" }},
		{"baseURL: http://example.gov.cn", func(c *Config) bool { return c.BaseURL == "http://example.gov.cn/" }},
		{"baseURL: HTTPS://EXAMPLE.gov.cn:8080/a/b", func(c *Config) bool { return c.BaseURL == "https://example.gov.cn:8080/a/b/" }},
		{"baseURL: ｈｔｔｐｓ：／／example.gov.cn／louzu", func(c *Config) bool { return c.BaseURL == "https://example.gov.cn/louzu/" }},
		{"baseURL:", func(c *Config) bool { return c.BaseURL == "" }},
		{"theme: civic-red", func(c *Config) bool { return c.Theme == "civic-red" }},
		{"posters:\n  size: a4", func(c *Config) bool { return c.Posters.Size == "A4" }},
		{"posters:\n  size: Ａ２", func(c *Config) bool { return c.Posters.Size == "A2" }},
		{"posters:\n  size: 420mm×594mm", func(c *Config) bool { return c.Posters.Size == "420mm x 594mm" }},
		{"posters:\n  size: 420 x 594 mm", func(c *Config) bool { return c.Posters.Size == "420mm x 594mm" }},
		{"posters:\n  size: 42cm x 59.4cm", func(c *Config) bool { return c.Posters.Size == "420mm x 594mm" }},
		{"posters:\n  size: \"500mm*700mm\"", func(c *Config) bool { return c.Posters.Size == "500mm x 700mm" }},
		{"posters:\n  orientation: Landscape", func(c *Config) bool { return c.Posters.Orientation == "landscape" }},
		{"posters:\n  bleed: 3 mm", func(c *Config) bool { return c.Posters.Bleed == "3mm" }},
		{"posters:\n  bleed: 0mm", func(c *Config) bool { return c.Posters.Bleed == "0mm" }},
		{"posters:\n  bleed: 2.5", func(c *Config) bool { return c.Posters.Bleed == "2.5mm" }},
		{"posters:\n  bleed: ３ｍｍ", func(c *Config) bool { return c.Posters.Bleed == "3mm" }},
		{"posters:\n  cropMarks: no", func(c *Config) bool { return !c.Posters.CropMarks }},
		{"posters:\n  pdf: ALWAYS", func(c *Config) bool { return c.Posters.PDF == "always" }},
		{"posters:\n  pngDPI: ３００", func(c *Config) bool { return c.Posters.PNGDPI == 300 }},
		{"posters:\n  pngDPI: 36", func(c *Config) bool { return c.Posters.PNGDPI == 36 }},
		{"posters:", func(c *Config) bool { return c.Posters == Default().Posters }},
		{"images:\n  widths: 960, 480", func(c *Config) bool { return slices.Equal(c.Images.Widths, []int{480, 960}) }},
		{"images:\n  widths:\n    - 640", func(c *Config) bool { return slices.Equal(c.Images.Widths, []int{640}) }},
		{"images:\n  quality: 100", func(c *Config) bool { return c.Images.Quality == 100 }},
		{"privacy:\n  maskNamesOnline: false", func(c *Config) bool { return !c.Privacy.MaskNamesOnline }},
	} {
		cfg, diags := value(t, c.in)
		if len(diags) != 0 {
			t.Errorf("%q: %+v", c.in, diags)
			continue
		}
		if !c.check(cfg) {
			t.Errorf("%q: got %+v", c.in, cfg)
		}
	}
}

func TestBadValues(t *testing.T) {
	for _, c := range []struct {
		in   string
		line int
		key  string
		arg  string // a substring of Args["allowed"] or Args["nearest"], when set
	}{
		{"language: fr", 2, "value.oneOf", "zh-CN, en"},
		{"baseURL: example.gov.cn/louzu", 2, "config.baseURL", ""},
		{"baseURL: ftp://example.gov.cn/", 2, "config.baseURL", ""},
		{"baseURL: https://example.gov.cn/?a=1", 2, "config.baseURL", ""},
		{"baseURL: https:///louzu", 2, "config.baseURL", ""},
		{"baseURL: /louzu/", 2, "config.baseURL", ""},
		{"theme: ../x", 2, "config.theme", ""},
		{"theme: [a]", 2, "value.text", ""},
		{"posters:\n  size: A7", 3, "config.size", ""},
		{"posters:\n  size: 420 x 594", 3, "config.size", ""},
		{"posters:\n  size: 10mm x 20mm", 3, "config.size", ""},
		{"posters:\n  size: big", 3, "config.size", ""},
		{"posters:\n  orientation: sideways", 3, "value.oneOf", "portrait, landscape"},
		{"posters:\n  bleed: 3in", 3, "config.bleed", ""},
		{"posters:\n  bleed: 50mm", 3, "config.bleed", ""},
		{"posters:\n  cropMarks: maybe", 3, "value.bool", ""},
		{"posters:\n  pdf: yes", 3, "value.oneOf", "auto, always, never"},
		{"posters:\n  pngDPI: 1200", 3, "value.range", ""},
		{"posters:\n  pngDPI: high", 3, "value.int", ""},
		{"posters: A3", 2, "value.map", ""},
		{"images:\n  widths: [480, -1]", 3, "value.range", ""},
		{"images:\n  widths: []", 3, "config.widthsEmpty", ""},
		{"images:\n  widths: {a: 1}", 3, "value.list", ""},
		{"images:\n  quality: 0", 3, "value.range", ""},
		{"images:\n  quality: 101", 3, "value.range", ""},
		{"privacy:\n  maskNamesOnline: 1", 3, "value.bool", ""},
		{"titel: x", 2, "yaml.unknownKey", "title"},
		{"colour: red", 2, "yaml.unknownKey", ""},
		{"posters:\n  sise: A3", 3, "yaml.unknownKey", "size"},
		{"posters:\n  pngDpi: 150", 3, "yaml.unknownKey", "pngDPI"},
		{"images:\n  qualty: 80", 3, "yaml.unknownKey", "quality"},
		{"privacy:\n  maskNames: true", 3, "yaml.unknownKey", ""},
		{"quality: 80", 2, "config.misplaced", ""},
		{"posters:\n  title: x", 3, "config.misplacedTop", ""},
		{"images:\n  bleed: 3mm", 3, "config.misplaced", ""},
		{"language： en", 2, "yaml.syntax", ""},
	} {
		_, diags := value(t, c.in)
		if len(diags) != 1 {
			t.Errorf("%q: got %d diagnostics, want 1: %+v", c.in, len(diags), diags)
			continue
		}
		d := diags[0]
		if d.Severity != diag.Error || d.Key != c.key || d.Pos.Line != c.line || d.Pos.File != "config.yaml" {
			t.Errorf("%q: got %s %s, want line %d %s", c.in, d.Pos, d.Key, c.line, c.key)
		}
		if c.arg != "" {
			got, _ := d.Args["allowed"].(string)
			if got == "" {
				got, _ = d.Args["nearest"].(string)
			}
			if !strings.Contains(got, c.arg) {
				t.Errorf("%q: args %v, want %q", c.in, d.Args, c.arg)
			}
		}
	}
}

func TestBadValueKeepsDefault(t *testing.T) {
	c, _ := value(t, "posters:\n  pngDPI: 5\n  size: A9")
	if c.Posters.PNGDPI != 150 || c.Posters.Size != "A3" {
		t.Errorf("got %+v", c.Posters)
	}
}

func TestTitle(t *testing.T) {
	for _, c := range []struct {
		in   string
		line int
	}{
		{"", 1},
		{"# only a comment\n", 1},
		{"language: en\n", 1},
		{"title:\n", 1},
		{"language: en\ntitle: \"  \"\n", 2},
	} {
		var l diag.List
		Parse([]byte(c.in), &l)
		items := l.Items()
		if len(items) != 1 || items[0].Key != "config.title" || items[0].Pos.Line != c.line || items[0].Hint == "" {
			t.Errorf("%q: %+v", c.in, items)
		}
	}
}

func TestTrimMM(t *testing.T) {
	for _, c := range []struct {
		size, orient string
		w, h         float64
	}{
		{"A4", "portrait", 210, 297},
		{"A3", "portrait", 297, 420},
		{"A2", "portrait", 420, 594},
		{"A2", "landscape", 594, 420},
		{"a4", "Landscape", 297, 210},
		{"420mm x 594mm", "portrait", 420, 594},
		{"594mm x 420mm", "portrait", 420, 594},
		{"420mm×594mm", "landscape", 594, 420},
		{"420 x 594 mm", "portrait", 420, 594},
		{"nonsense", "portrait", 0, 0},
	} {
		p := Posters{Size: c.size, Orientation: c.orient}
		if w, h := p.TrimMM(); w != c.w || h != c.h {
			t.Errorf("%s %s: %v×%v, want %v×%v", c.size, c.orient, w, h, c.w, c.h)
		}
	}
	for in, want := range map[string]float64{"3mm": 3, "0": 0, "0mm": 0, "0.5cm": 5, "": 0, "x": 0} {
		if got := (Posters{Bleed: in}).BleedMM(); got != want {
			t.Errorf("BleedMM(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	site := fstest.MapFS{}
	var l diag.List
	c := Load(site, &l)
	if c == nil || l.Len() != 1 || l.Items()[0].Key != "config.missing" || l.Items()[0].Pos.File != "config.yaml" || l.Items()[0].Hint == "" {
		t.Fatalf("missing file: %+v", l.Items())
	}

	site["config.yaml"] = &fstest.MapFile{Data: []byte("\uFEFFtitle: 成果墙\r\ntheme: civic\r\n")}
	l = diag.List{}
	c = Load(site, &l)
	if c.Title != "成果墙" || l.Len() != 1 || l.Items()[0].Key != "config.themeMissing" || l.Items()[0].Pos.Line != 2 {
		t.Fatalf("missing theme: %+v %+v", c, l.Items())
	}

	// A file of the theme's name is not its folder.
	site["themes/civic"] = &fstest.MapFile{Data: []byte("x")}
	l = diag.List{}
	if Load(site, &l); l.Len() != 1 || l.Items()[0].Key != "config.themeMissing" {
		t.Fatalf("theme is a file: %+v", l.Items())
	}

	site["themes/civic"] = &fstest.MapFile{Mode: fs.ModeDir}
	l = diag.List{}
	if c = Load(site, &l); l.Len() != 0 || c.Theme != "civic" {
		t.Fatalf("with theme: %+v", l.Items())
	}

	// A file that does not parse reports only the YAML problem.
	site["config.yaml"] = &fstest.MapFile{Data: []byte("title: x\ntheme： civic\n")}
	l = diag.List{}
	Load(site, &l)
	if l.Len() != 1 || l.Items()[0].Key != "yaml.syntax" {
		t.Fatalf("syntax: %+v", l.Items())
	}
}

// TestLoadUnreadable: a config.yaml that cannot be read (here a folder of
// that name) is an error naming the file, not a crash.
func TestLoadUnreadable(t *testing.T) {
	site := fstest.MapFS{"config.yaml/x": {Data: []byte("x")}}
	var l diag.List
	if c := Load(site, &l); c == nil || l.Len() != 1 || l.Items()[0].Key != "config.read" || l.Items()[0].Pos.File != "config.yaml" {
		t.Fatalf("unreadable: %+v", l.Items())
	}
}

// TestDemoConfig checks the repository's own config.yaml.
func TestDemoConfig(t *testing.T) {
	data, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Skip("no demo config.yaml:", err)
	}
	var l diag.List
	c := Parse(data, &l)
	if l.Len() != 0 {
		t.Fatalf("demo config: %+v", l.Items())
	}
	if c.Title != "殷行街道楼组自治成果墙" || c.BaseURL != "https://example.gov.cn/louzu/" || c.Language != "zh-CN" {
		t.Errorf("demo config: %+v", c)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"title: x\n", "title: x\nposters:\n  size: 420mm x 594mm\n  bleed: 3mm\n",
		"title: x\nimages:\n  widths: 480, 960\n", "title: x\nbaseURL: https://a.cn/b\n",
		"titel: x\nquality: 3\n", "posters: A3\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var l diag.List
		c := Parse([]byte(in), &l)
		if c == nil {
			t.Fatal("nil config")
		}
		if l.HasErrors() {
			return
		}
		// A config without errors is fully usable.
		if w, h := c.Posters.TrimMM(); w <= 0 || h <= 0 {
			t.Fatalf("size %q gives %v×%v", c.Posters.Size, w, h)
		}
		if b := c.Posters.BleedMM(); b < 0 || b > maxBleedMM {
			t.Fatalf("bleed %q", c.Posters.Bleed)
		}
		if c.Title == "" || (c.Language != "zh-CN" && c.Language != "en") || c.Theme == "" {
			t.Fatalf("config %+v", c)
		}
		if c.BaseURL != "" && !strings.HasSuffix(c.BaseURL, "/") {
			t.Fatalf("baseURL %q", c.BaseURL)
		}
		if len(c.Images.Widths) == 0 || !slices.IsSorted(c.Images.Widths) || len(slices.Compact(slices.Clone(c.Images.Widths))) != len(c.Images.Widths) {
			t.Fatalf("widths %v", c.Images.Widths)
		}
		if c.Posters.PNGDPI < minDPI || c.Posters.PNGDPI > maxDPI || c.Images.Quality < minQuality || c.Images.Quality > maxQuality {
			t.Fatalf("numbers %+v", c)
		}
	})
}
