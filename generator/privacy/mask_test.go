package privacy

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMarkup(t *testing.T) {
	m := New([]string{"刘美娟", "王建", "王建国", "陈秀英", "刘阿姨", "Liu Mei", "欧阳娜娜"}, Options{Rooms: true})
	cases := []struct{ name, in, want string }{
		{"plain", "住在301室的刘阿姨（刘美娟）", "住在***室的刘**（刘**）"},
		{"longest first", "王建国和王建", "王**和王*"},
		{"not a name", "建国路上的王府井", "建国路上的王府井"},
		{"emphasis inside", "<p>刘<em>美娟</em>说</p>", "<p>刘<em>**</em>说</p>"},
		{"wrapped line", "记账员陈秀\n英监督", "记账员陈*\n*监督"},
		{"attribute", `<img alt="陈秀英和刘美娟" src="a.jpg">`, `<img alt="陈**和刘**" src="a.jpg">`},
		{"link text", `<a href="x/">刘美娟</a>`, `<a href="x/">刘**</a>`},
		{"link kept", `<a href="刘美娟.jpg" title='刘美娟'>图</a>`, `<a href="刘美娟.jpg" title='刘**'>图</a>`},
		{"meta", `<meta property="og:title" content="感谢刘美娟">`, `<meta property="og:title" content="感谢刘**">`},
		{"tag name untouched", `<p class="刘美娟">刘美娟</p>`, `<p class="刘**">刘**</p>`},
		{"comment is text", `<!-- 刘美娟 -->`, `<!-- 刘** -->`},
		{"latin", "<p>Thanks to Liu Mei, and Liu Meiling.</p>", "<p>Thanks to L. M., and Liu Meiling.</p>"},
		{"latin wrapped", "Liu\nMei", "L. M."},
		{"double surname", "欧阳娜娜", "欧***"},
		{"room with space", "1202 室", "**** 室"},
		{"full-width room", "３０１室", "***室"},
		{"not a room: year", "2024年", "2024年"},
		{"not a room: long number", "12345室", "12345室"},
		{"not a room: two digits", "12室", "12室"},
		{"office", "办公室", "办公室"},
		{"broken tag", "刘美<娟", "刘美<娟"},
	}
	for _, c := range cases {
		if got := string(m.Markup([]byte(c.in))); got != c.want {
			t.Errorf("%s: Markup(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestTextKeepsTags(t *testing.T) {
	m := New([]string{"刘美娟"}, Options{})
	// Plain text has no tags: a < is a character like any other.
	if got := m.Text("刘美<b>娟"); got != "刘美<b>娟" {
		t.Errorf("Text = %q", got)
	}
	if got := m.Text("住在301室"); got != "住在301室" {
		t.Errorf("rooms masked without the option: %q", got)
	}
}

func TestNoNamesUnchanged(t *testing.T) {
	m := New(nil, Options{})
	b := []byte("<p>刘美娟 301室</p>")
	if got := m.Markup(b); &got[0] != &b[0] {
		t.Error("an empty masker copied its input")
	}
	m = New([]string{"刘美娟", "刘", "刘**"}, Options{})
	if got := m.Text("刘德华"); got != "刘德华" {
		t.Errorf("a one-character name masked: %q", got)
	}
}

func TestFind(t *testing.T) {
	m := New([]string{"刘美娟"}, Options{Rooms: true})
	got := m.Find("301室的刘美娟")
	if len(got) != 2 || got[0].Text != "301室" || got[0].Masked != "***室" || !got[0].Room || got[1].Text != "刘美娟" || got[1].Masked != "刘**" {
		t.Errorf("Find = %+v", got)
	}
}

func TestSplitNames(t *testing.T) {
	got := strings.Join(SplitNames("刘阿姨（楼组长）、王师傅, Liu  Mei"), "|")
	if got != "刘阿姨|王师傅|Liu Mei" {
		t.Errorf("SplitNames = %q", got)
	}
}

func TestMaskName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"刘阿姨", "刘**"},
		{"王师傅", "王**"},
		{"张", "张*"},
		{" 李建国 ", "李**"},
		{"Liu Mei", "L. M."},
		{"aunt liu", "A. L."},
		{"", ""},
		{"刘阿姨（12号楼3单元楼组长）", "刘**（12号楼3单元楼组长）"},
		{"马丽、王师傅", "马*、王**"},
		{"Liu Mei, Wang Jun", "L. M., W. J."},
		{"Liu Mei (group leader)", "L. M. (group leader)"},
	} {
		if got := MaskName(c.in); got != c.want {
			t.Errorf("MaskName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzMarkup checks that masking keeps the document's shape: valid UTF-8
// stays valid, tags are untouched, and no known name survives in the text
// once tags and line breaks are taken out.
func FuzzMarkup(f *testing.F) {
	for _, s := range []string{"刘美娟", "<p>刘<em>美娟</em></p>", "刘美\n娟", "<a href=\"刘美娟.jpg\">x</a>", "301室", "刘美<", "刘<美>娟>"} {
		f.Add(s)
	}
	m := New([]string{"刘美娟", "王建国", "王建"}, Options{Rooms: true})
	f.Fuzz(func(t *testing.T, s string) {
		out := string(m.Markup([]byte(s)))
		// Written over its input, the same.
		if inPlace := string(m.MarkupInPlace([]byte(s))); inPlace != out {
			t.Fatalf("MarkupInPlace(%q) = %q, Markup %q", s, inPlace, out)
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 from %q: %q", s, out)
		}
		if strings.Count(out, "<") != strings.Count(s, "<") || strings.Count(out, ">") != strings.Count(s, ">") {
			t.Fatalf("tags changed: %q → %q", s, out)
		}
		if !utf8.ValidString(s) {
			return
		}
		// Masking twice changes nothing more.
		if again := string(m.Markup([]byte(out))); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
		// What a reader sees — the text without tags — names no one;
		// links keep their addresses.
		text := tagRE.ReplaceAllString(out, "")
		if strings.Contains(text, "刘美娟") || strings.Contains(text, "王建") {
			t.Fatalf("name left in %q → %q", s, out)
		}
	})
}

func TestPath(t *testing.T) {
	m := New([]string{"刘美娟", "Liu Mei"}, Options{Rooms: true})
	for in, want := range map[string]string{
		"a/刘美娟.jpg":        "a/刘某某.jpg",
		"a/Liu Mei 01.jpg": "a/LM 01.jpg",
		"a/301室门口.jpg":     "a/xxx室门口.jpg",
		"a/corridor.jpg":   "a/corridor.jpg",
	} {
		if got := m.Path(in); got != want {
			t.Errorf("Path(%q) = %q, want %q", in, got, want)
		}
	}
}

var tagRE = regexp.MustCompile(`<[^<>]*>`)

func TestLikelyInLines(t *testing.T) {
	text := "第一行。\n感谢热心居民赵小\n  梅阿姨。\n\n第四行由记账员钱\r\n美玲负责。\n"
	got := LikelyInLines(text, nil)
	if len(got) != 2 || got[0].Name != "赵小梅" || got[0].Line != 1 || got[1].Name != "钱美玲" || got[1].Line != 4 {
		t.Errorf("LikelyInLines = %+v", got)
	}
	if got := LikelyInLines(text, func(n string) bool { return n == "赵小梅" }); len(got) != 1 || got[0].Name != "钱美玲" {
		t.Errorf("known names reported: %+v", got)
	}
}

func TestKnownPart(t *testing.T) {
	known := KnownPart(func(n string) bool { return n == "孙玉兰" })
	if !known("长孙玉兰") || !known("孙玉兰") || known("孙玉") || known("赵小梅") {
		t.Error("KnownPart does not find the known name inside a longer one")
	}
}

func TestMarkupInPlace(t *testing.T) {
	m := New([]string{"刘美娟", "马丽"}, Options{Rooms: true})
	b := []byte(`<p title="马丽">刘美<em>娟</em>住301室，马丽</p>`)
	want := string(m.Markup(append([]byte(nil), b...)))
	got := m.MarkupInPlace(b)
	if string(got) != want || &got[0] != &b[0] {
		t.Errorf("MarkupInPlace = %q (own array %v), want %q", got, &got[0] == &b[0], want)
	}
	// A Latin name whose mask is longer than it is copied, not overwritten.
	g := New([]string{"A B"}, Options{})
	if got := string(g.MarkupInPlace([]byte("x A B y"))); got != "x A. B. y" {
		t.Errorf("growing mask: %q", got)
	}
}
