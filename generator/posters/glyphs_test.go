package posters

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
	"wallpress/generator/ledger"
)

func TestFontFamilyOf(t *testing.T) {
	for _, c := range []struct{ css, want string }{
		{`body { color: red; font-family: "LXGW WenKai", "霞鹜文楷", sans-serif; }`, "LXGW WenKai"},
		{"html, body { margin: 0 }\nbody {\n  font-family: 'Noto Serif', serif;\n}", "Noto Serif"},
		{`.x { font-family: A } body { font-family: Times New Roman , serif }`, "Times New Roman"},
		{`p { font-family: A }`, DefaultFontFamily},
		{``, DefaultFontFamily},
	} {
		if got := fontFamilyOf(c.css); got != c.want {
			t.Errorf("fontFamilyOf(%q) = %q, want %q", c.css, got, c.want)
		}
	}
}

// gofonts are Go's own fonts: Latin, no Chinese, no emoji, the same on
// every machine.
func gofonts(t *testing.T) *Glyphs {
	t.Helper()
	g, err := GlyphsOf(goregular.TTF, gobold.TTF)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func glyphWarnings(list *diag.List) []string {
	var out []string
	for _, d := range list.Items() {
		if d.Key != "posters.glyph" {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s %s", d.Pos, d.Args["chars"], d.Args["codes"]))
	}
	return out
}

// An emoji in a record's body, its title and a caption is reported at each
// line where it is written, once per line; variation selectors and joiners
// are not characters to draw; ASCII and accented Latin are in the font.
func TestCheckGlyphsReportsLines(t *testing.T) {
	g := gofonts(t)
	src := "---\n" + // 1
		"title: \"Thanks 👍\"\n" + // 2
		"photos:\n" + // 3
		"  - src: a.jpg\n" + // 4
		"    caption: \"Café ❤️ 👍👍\"\n" + // 5
		"---\n" + // 6
		"Plain text, naïve.\n" + // 7
		"\n" + // 8
		"Well done 😊 and 👍\u200d!\n" // 9
	fsys := fstest.MapFS{"content/a/b/story.md": {Data: []byte(src)}}
	p := &content.Page{
		Kind: content.KindActivity, File: "content/a/b/story.md", Rel: "a/b/story.md",
		Title:    "Thanks 👍",
		Activity: &content.Activity{Photos: []content.Image{{Src: "a/b/a.jpg", Caption: "Café ❤️ 👍👍", Line: 5}}},
	}
	body := "<p>Plain text, naïve.</p>\n<p>Well done 😊 and 👍\u200d!</p>"
	var list diag.List
	CheckGlyphs(g, []GlyphPage{{Page: p, Body: []string{body}}}, func(f string) ([]byte, error) { return fs.ReadFile(fsys, f) }, &list)
	got := glyphWarnings(&list)
	want := []string{
		"content/a/b/story.md:2 👍 U+1F44D",
		"content/a/b/story.md:5 ❤ 👍 U+2764 U+1F44D",
		"content/a/b/story.md:9 😊 👍 U+1F60A U+1F44D",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range list.Items() {
		if d.Severity != diag.Warning || d.Hint != "posters.glyph.hint" {
			t.Errorf("%+v: want a warning with a hint", d)
		}
	}
}

// A ledger's items read from a CSV file are reported at their CSV line
// (its notes are not printed);
// an unreadable page file still names the file.
func TestCheckGlyphsLedgerCSV(t *testing.T) {
	g := gofonts(t)
	p := &content.Page{
		Kind: content.KindLedger, File: "content/a/b/account.md", Rel: "a/b/account.md",
		Title: "Account",
		Ledger: &content.Ledger{CSV: "a/b/account.csv", Keeper: "Li ★", Book: &ledger.Book{Entries: []ledger.Entry{
			{Item: "Brooms", Line: 2},
			{Item: "Tea 🍵", Note: "for all ☕", Line: 3},
		}}},
	}
	var list diag.List
	CheckGlyphs(g, []GlyphPage{{Page: p}}, func(string) ([]byte, error) { return nil, fs.ErrNotExist }, &list)
	got := glyphWarnings(&list)
	want := []string{"content/a/b/account.csv:3 🍵 U+1F375", "content/a/b/account.md ★ U+2605"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The real poster font draws Chinese, full-width punctuation and the
// currency sign, and not the emoji volunteers paste from WeChat.
func TestPosterFontCoverage(t *testing.T) {
	files := testsite.Need(t, "the poster font "+DefaultFontFamily, "apt-get install fonts-lxgw-wenkai", func() (string, error) {
		f, err := FindFontFiles(DefaultFontFamily)
		return strings.Join(f, "\n"), err
	})
	g, err := OpenGlyphs(strings.Split(files, "\n")...)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for _, r := range "楼组公约，。「」（）——￥1,683.90元" {
		if !g.Draws(r) {
			t.Errorf("%s has no %q", DefaultFontFamily, r)
		}
	}
	for _, r := range "👍😊❤" {
		if g.Draws(r) {
			t.Errorf("%s draws %q: the check would miss it", DefaultFontFamily, r)
		}
	}
}

func TestFindFontFilesUnknown(t *testing.T) {
	if f, err := FindFontFiles("No Such Font Wallpress"); err == nil {
		t.Errorf("found %v", f)
	}
}

// Amounts print in DejaVu Sans's digits (WenKai's handwritten 9 reads as
// q), embedded as CID TrueType like the rest: pdffonts shows the face and
// no Type 3 font.
func TestChromeDigitsFace(t *testing.T) {
	testsite.Need(t, "DejaVu Sans", "apt-get install fonts-dejavu-core", func() (string, error) {
		f, err := FindFontFiles("DejaVu Sans")
		return strings.Join(f, " "), err
	})
	pdffonts := needTool(t, "pdffonts", "poppler-utils")
	b := startChrome(t)
	plan, _, _ := planFor(t, planSite, nil)
	conv := posterNamed(t, plan.Groups[0], "convention")
	doc := &Doc{Path: "cun/b1/convention.html", HTML: conv.HTML, PDF: true, Label: "convention.md"}
	r := &Renderer{Geometry: plan.Geometry, Stylesheet: plan.Stylesheet, Start: func(context.Context) (Browser, error) { return keepOpen{b}, nil }}
	outs, err := r.Render(context.Background(), []*Doc{doc})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "convention.pdf")
	if err := os.WriteFile(file, outs[doc].PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	checkFonts(t, file)
	out, err := exec.Command(pdffonts, file).CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, "DejaVuSans") {
			found = true
			if !strings.Contains(l, "CID TrueType") {
				t.Errorf("the digits face is not CID TrueType: %s", l)
			}
		}
	}
	if !found {
		t.Errorf("no DejaVu Sans digits in the PDF:\n%s", out)
	}
}

// missingIn with its shared cache says what asking Draws of every
// character says, each missing character once per page, whether the cache
// was filled by an earlier page or not.
func TestMissingInCache(t *testing.T) {
	g := gofonts(t)
	plain := func(s string) []rune {
		var out []rune
		seen := map[rune]bool{}
		for _, r := range s {
			if (r >= 0x20 && r < 0x80) || seen[r] || g.Draws(r) {
				continue
			}
			seen[r] = true
			out = append(out, r)
		}
		return out
	}
	cache := new(glyphCache)
	for _, s := range []string{
		"Tea 🍵 ★ and ★ again, 楼组 \x01\u200d\ufe0f é",
		"★ first here, then 🍵, 楼组 again \xff broken",
		"",
	} {
		got := g.missingIn(s, cache, map[rune]bool{}, nil)
		if want := plain(s); string(got) != string(want) {
			t.Errorf("missingIn(%q) = %q, want %q", s, string(got), string(want))
		}
	}
}
