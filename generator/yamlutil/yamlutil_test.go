package yamlutil

import (
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
)

// want is the one diagnostic a bad text must produce.
type want struct {
	key  string
	line int // file line
	col  int // 0: not checked
	hint string
	char string
}

func TestParseErrors(t *testing.T) {
	// Front matter: the YAML starts at file line 2.
	for _, c := range []struct {
		name string
		in   string
		want want
	}{
		{"full-width colon on the only line", "title： 你好\n", want{"yaml.notMapping", 2, 6, HintFullWidthColon, ""}},
		{"full-width colon before another key", "title： 你好\ndate: 2024-01-01\n", want{"yaml.syntax", 2, 6, HintFullWidthColon, ""}},
		{"full-width colon on a later key", "title: a\ndate： 2024\n", want{"yaml.syntax", 3, 5, HintFullWidthColon, ""}},
		{"full-width colon with space before it", "title: a\ndate ： 2024\nx: 1\n", want{"yaml.syntax", 3, 6, HintFullWidthColon, ""}},
		{"full-width colon in a nested map", "title: a\nquote:\n  text： 好\n  by: 刘\n", want{"yaml.syntax", 4, 7, HintFullWidthColon, ""}},
		{"full-width colon as the only nested line", "title: a\nquote:\n  text： 好\n", want{"yaml.looksLikeKey", 4, 7, HintFullWidthColon, ""}},
		{"full-width colon in a list item", "council:\n  - name： 刘阿姨\n    role: 楼组长\n", want{"yaml.syntax", 3, 9, HintFullWidthColon, ""}},
		{"full-width colon in a one-key list item", "council:\n  - name： 刘阿姨\n  - name: 王师傅\n", want{"yaml.looksLikeKey", 3, 9, HintFullWidthColon, ""}},
		{"tab before a top key", "title: a\n\tdate: 1\n", want{"yaml.syntax", 3, 1, HintTab, ""}},
		{"tab as nested indentation", "title: a\nq:\n\tb: 1\n", want{"yaml.syntax", 4, 1, HintTab, ""}},
		{"tab after spaces", "title: a\nq:\n  \tb: 1\n", want{"yaml.syntax", 4, 3, HintTab, ""}},
		{"full-width space before a key", "title: a\n\u3000date: 1\n", want{"yaml.fullwidthSpace", 3, 1, HintFullWidthSpace, ""}},
		{"full-width space as nested indentation", "title: a\nq:\n\u3000\u3000b: 1\n", want{"yaml.fullwidthSpace", 4, 1, HintFullWidthSpace, ""}},
		{"full-width space before a list item", "participants:\n\u3000- 刘阿姨\n", want{"yaml.syntax", 3, 1, HintFullWidthSpace, ""}},
		{"full-width space after the colon", "a: 1\ntitle:\u3000你好\ndate: 1\n", want{"yaml.syntax", 3, 7, HintFullWidthSpace, ""}},
		{"no space after the colon, only line", "title:你好\n", want{"yaml.notMapping", 2, 6, HintColonSpace, ""}},
		{"no space after the colon, first line", "title:你好\ndate: 1\n", want{"yaml.syntax", 2, 6, HintColonSpace, ""}},
		{"no space after the colon, later line", "a: 1\ntitle:你好\ndate: 1\n", want{"yaml.syntax", 3, 6, HintColonSpace, ""}},
		{"no space after the colon, nested", "quote:\n  text:好\n", want{"yaml.looksLikeKey", 3, 7, HintColonSpace, ""}},
		{"no space in a mixed list", "council:\n  - name:刘阿姨\n  - name: x\n", want{"yaml.looksLikeKey", 3, 9, HintColonSpace, ""}},
		{"value starting with @", "a: 1\nkey: @x\n", want{"yaml.syntax", 3, 6, HintQuote, "@"}},
		{"value starting with *", "a: 1\nkey: *x\n", want{"yaml.syntax", 3, 6, HintQuote, "*"}},
		{"value starting with %", "a: 1\nkey: %x\n", want{"yaml.syntax", 3, 6, HintQuote, "%"}},
		{"value starting with a backtick", "a: 1\nkey: `x`\n", want{"yaml.syntax", 3, 6, HintQuote, "`"}},
		{"value starting with !", "a: 1\nkey: !重要\n", want{"yaml.syntax", 3, 6, HintQuote, "!"}},
		{"value starting with &", "a: 1\nkey: &楼组活动\n", want{"yaml.syntax", 3, 6, HintQuote, "&"}},
		{"value that YAML takes for a tag", "a: 1\nkey: !x\n", want{"yaml.special", 3, 6, HintQuote, "!"}},
		{"value that YAML takes for an anchor", "a: 1\nkey: &x\n", want{"yaml.special", 3, 6, HintQuote, "&"}},
		{"anchor", "a: &x 1\n", want{"yaml.special", 2, 4, HintQuote, "&"}},
		{"list item starting with @", "participants:\n  - @刘阿姨\n", want{"yaml.syntax", 3, 5, HintQuote, "@"}},
		{"colon and space inside a value", "a: 1\nkey: 时间: 12:30\n", want{"yaml.syntax", 3, 8, HintQuoteColon, ""}},
		{"unclosed double quote", "a: 1\nkey: \"abc\nb: 2\n", want{"yaml.syntax", 3, 6, HintUnclosedQuote, ""}},
		{"apostrophe inside single quotes", "a: 1\nb: 'it's'\n", want{"yaml.syntax", 3, 4, HintUnclosedQuote, ""}},
		{"backslash in double quotes", "a: 1\nkey: \"C:\\photos\"\n", want{"yaml.syntax", 3, 9, HintEscape, ""}},
		{"unclosed bracket", "a: 1\nkey: [a, b\nb: 2\n", want{"yaml.syntax", 3, 6, HintBracket, ""}},
		{"unclosed bracket at the end", "a: 1\n\n\nb: [1,\n", want{"yaml.syntax", 5, 4, HintBracket, ""}},
		{"list on the key's line", "a: 1\nkey: - x\n", want{"yaml.syntax", 3, 6, HintListInline, ""}},
		{"key indented by one space", "a: 1\n b: 2\n", want{"yaml.syntax", 3, 2, HintIndent, ""}},
		{"nested keys not aligned", "a:\n  b: 1\n c: 2\n", want{"yaml.syntax", 4, 2, HintIndent, ""}},
		{"list item among keys", "a: 1\n- b\n", want{"yaml.syntax", 3, 1, HintIndent, ""}},
		{"control character", "a: 1\nb: x\x01y\n", want{"yaml.syntax", 3, 5, HintControl, ""}},
		{"duplicate key", "a: 1\nb: 2\na: 3\n", want{"yaml.duplicate", 4, 1, "yaml.hint.duplicate", ""}},
		{"a list at the top", "- a\n- b\n", want{"yaml.notMapping", 2, 1, HintGeneral, ""}},
		{"GBK bytes", "title: \xc2\xa5\xd7\xe9\n", want{"yaml.encoding", 2, 0, "yaml.hint.encoding", ""}},
		{"block text is not blamed", "intro: |\n  地址：xx\n  Note:yy\nb: [\n", want{"yaml.syntax", 5, 4, HintBracket, ""}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l diag.List
			doc := Parse([]byte(c.in), "content/a/b/c.md", 2, &l)
			if doc != nil {
				t.Errorf("Parse returned a document for bad input")
			}
			items := l.Items()
			if len(items) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %+v", len(items), items)
			}
			d := items[0]
			if d.Severity != diag.Error || d.Key != c.want.key || d.Pos.Line != c.want.line || d.Hint != c.want.hint {
				t.Errorf("got %s %s hint %s, want line %d %s hint %s", d.Pos, d.Key, d.Hint, c.want.line, c.want.key, c.want.hint)
			}
			if c.want.col != 0 && d.Pos.Col != c.want.col {
				t.Errorf("column %d, want %d", d.Pos.Col, c.want.col)
			}
			if d.Pos.File != "content/a/b/c.md" {
				t.Errorf("file %q", d.Pos.File)
			}
			if d.Args["line"] != d.Pos.Line {
				t.Errorf("Args[line] = %v, want %d (the hint names the line)", d.Args["line"], d.Pos.Line)
			}
			if c.want.char != "" && d.Args["char"] != c.want.char {
				t.Errorf("Args[char] = %v, want %q", d.Args["char"], c.want.char)
			}
		})
	}
}

func TestParseGood(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		keys []string
	}{
		{"empty", "", nil},
		{"comments only", "# nothing yet\n", nil},
		{"null document", "~\n", nil},
		{"BOM and CRLF", "\uFEFFtitle: x\r\ndate: 2024-01-01\r\n", []string{"title", "date"}},
		{"time is text", "meeting: 12:30\n", []string{"meeting"}},
		{"full-width colon inside a value", "title: 议事会：停车\nsummary: Note：read\n", []string{"title", "summary"}},
		{"URL list items", "links:\n  - http://a.cn/x\n  - https://b.cn\n", []string{"links"}},
		{"block text with colons", "intro: |\n  地址：工农三村\n  Note:x\n  a: b\ndate: 1\n", []string{"intro", "date"}},
		{"quoted special characters", "a: \"@x\"\nb: '*x'\nc: \"%d\"\n", []string{"a", "b", "c"}},
		{"standard tag", "a: !!str 0101\n", []string{"a"}},
		{"full-width space inside a value", "title: 楼组\u3000公约\n", []string{"title"}},
		{"nested", "council:\n  - name: 刘阿姨\n    role: 楼组长\nvotes: {for: 20, against: 1}\n", []string{"council", "votes"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l diag.List
			doc := Parse([]byte(c.in), "config.yaml", 1, &l)
			if l.Len() != 0 {
				t.Fatalf("diagnostics: %+v", l.Items())
			}
			m := Root(doc)
			if m == nil {
				t.Fatalf("no mapping in %#v", doc)
			}
			var got []string
			for k := range Pairs(m) {
				got = append(got, k.Value)
			}
			if strings.Join(got, ",") != strings.Join(c.keys, ",") {
				t.Errorf("keys %v, want %v", got, c.keys)
			}
		})
	}
}

func TestParseLineOffset(t *testing.T) {
	var l diag.List
	Parse([]byte("a: 1\nb： 2\n"), "content/x.md", 10, &l)
	if got := l.Items()[0].Pos.Line; got != 11 {
		t.Errorf("line %d, want 11 (YAML line 2 of text starting at file line 10)", got)
	}
}

func TestNearest(t *testing.T) {
	known := []string{"title", "date", "draft", "publish", "summary", "baseURL", "pngDPI", "pdf", "maskNamesOnline"}
	for _, c := range []struct{ key, want string }{
		{"title", "title"},
		{"titel", "title"},
		{"tilte", "title"},
		{"Title", "title"},
		{"baseurl", "baseURL"},
		{"baseUrl", "baseURL"},
		{"base_url", "baseURL"},
		{"pngdpi", "pngDPI"},
		{"pfd", "pdf"},
		{"publsh", "publish"},
		{"maskNameOnline", "maskNamesOnline"},
		{"ｔｉｔｌｅ", "title"},
		{"colour", ""},
		{"x", ""},
		{"", ""},
		{"标题", "title"},
		{"户数", ""}, // a Chinese key the mapping does not have
		{"楼组", ""},
	} {
		if got := Nearest(c.key, known); got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.key, got, c.want)
		}
	}
}

func parseRoot(t *testing.T, in string) (*yaml.Node, Source, *diag.List) {
	t.Helper()
	l := &diag.List{}
	s := Source{File: "content/a.md", FirstLine: 2, List: l}
	m := Root(s.Parse([]byte(in)))
	if m == nil {
		t.Fatalf("parse %q: %+v", in, l.Items())
	}
	return m, s, l
}

func TestCheckKeys(t *testing.T) {
	m, _, l := parseRoot(t, "title: a\ntitel: b\ncolour: red\ndate: 1\n")
	CheckKeys(m, []string{"title", "date"}, "content/a.md", 2, l)
	items := l.Items()
	if len(items) != 2 {
		t.Fatalf("got %+v", items)
	}
	if d := items[0]; d.Key != "yaml.unknownKey" || d.Pos.Line != 3 || d.Args["key"] != "titel" || d.Args["nearest"] != "title" || d.Hint != "yaml.hint.nearest" {
		t.Errorf("first: %+v", d)
	}
	if d := items[1]; d.Pos.Line != 4 || d.Args["key"] != "colour" || d.Args["nearest"] != "" || d.Hint != "" {
		t.Errorf("second: %+v", d)
	}
}

func TestTypedValues(t *testing.T) {
	m, s, l := parseRoot(t, strings.Join([]string{
		"n1: 24",
		"n2: ２４",
		"n3: 24户",
		"n4: ' 36 人'",
		"n5: 24.5",
		"n6: many",
		"b1: true",
		"b2: 是",
		"b3: No",
		"b4: ｔｒｕｅ",
		"b5: maybe",
		"s1: 0101",
		"s2: [a]",
		"l1: [\"101\", 102]",
		"l2: 刘阿姨、王师傅, 李老师",
		"l3: {a: 1}",
		"i1: [480, 960]",
		"i2: 480，960",
		"i3: [480, x, 99999]",
		"e1: Landscape",
		"e2: sideways",
		"empty:",
		"m1: text",
	}, "\n"))
	get := func(k string) *yaml.Node { return Get(m, k) }
	check := func(what string, got, want any, ok, wantOK bool) {
		t.Helper()
		if ok != wantOK || (ok && got != want) {
			t.Errorf("%s = %v, %v; want %v, %v", what, got, ok, want, wantOK)
		}
	}
	for _, c := range []struct {
		k    string
		want int
		ok   bool
	}{{"n1", 24, true}, {"n2", 24, true}, {"n3", 24, true}, {"n4", 36, true}, {"n5", 0, false}, {"n6", 0, false}, {"empty", 0, false}, {"missing", 0, false}} {
		v, ok := s.Int(c.k, get(c.k))
		check(c.k, v, c.want, ok, c.ok)
	}
	for _, c := range []struct {
		k    string
		want bool
		ok   bool
	}{{"b1", true, true}, {"b2", true, true}, {"b3", false, true}, {"b4", true, true}, {"b5", false, false}} {
		v, ok := s.Bool(c.k, get(c.k))
		check(c.k, v, c.want, ok, c.ok)
	}
	v, ok := s.String("s1", get("s1"))
	check("s1", v, "0101", ok, true)
	_, ok = s.String("s2", get("s2"))
	check("s2", nil, nil, ok, false)
	if got, ok := s.Strings("l1", get("l1")); !ok || strings.Join(got, "|") != "101|102" {
		t.Errorf("l1 = %v %v", got, ok)
	}
	if got, ok := s.Strings("l2", get("l2")); !ok || strings.Join(got, "|") != "刘阿姨|王师傅|李老师" {
		t.Errorf("l2 = %v %v", got, ok)
	}
	if _, ok := s.Strings("l3", get("l3")); ok {
		t.Error("l3: a mapping taken as a list")
	}
	if got, ok := s.Ints("i1", get("i1"), 1, 9000); !ok || len(got) != 2 || got[1] != 960 {
		t.Errorf("i1 = %v %v", got, ok)
	}
	if got, ok := s.Ints("i2", get("i2"), 1, 9000); !ok || len(got) != 2 || got[1] != 960 {
		t.Errorf("i2 = %v %v", got, ok)
	}
	if got, ok := s.Ints("i3", get("i3"), 1, 9000); ok || len(got) != 1 {
		t.Errorf("i3 = %v %v", got, ok)
	}
	e, ok := s.Enum("e1", get("e1"), "portrait", "landscape")
	check("e1", e, "landscape", ok, true)
	_, ok = s.Enum("e2", get("e2"), "portrait", "landscape")
	check("e2", nil, nil, ok, false)
	_, ok = s.Mapping("m1", get("m1"))
	check("m1", nil, nil, ok, false)

	// Every failure above is reported once, at its own line, with its key.
	wantDiags := []struct {
		line int
		key  string
	}{
		{6, "value.int"}, {7, "value.int"}, {12, "value.bool"}, {14, "value.text"},
		{17, "value.list"}, {20, "value.int"}, {20, "value.range"}, {22, "value.oneOf"}, {24, "value.map"},
	}
	items := l.Items()
	if len(items) != len(wantDiags) {
		t.Fatalf("got %d diagnostics: %+v", len(items), items)
	}
	for i, w := range wantDiags {
		if items[i].Pos.Line != w.line || items[i].Key != w.key {
			t.Errorf("diagnostic %d: %s %s, want line %d %s", i, items[i].Pos, items[i].Key, w.line, w.key)
		}
	}
	if a := items[0].Args; a["key"] != "n5" || a["value"] != "24.5" {
		t.Errorf("int args %v", a)
	}
	if a := items[7].Args; a["allowed"] != "portrait, landscape" || a["value"] != "sideways" {
		t.Errorf("oneOf args %v", a)
	}
}

func TestNarrow(t *testing.T) {
	if got := Narrow("Ａ３\u3000１５０ｍｍ：ok"); got != "A3 150mm:ok" {
		t.Errorf("Narrow = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"title： 你好\ndate: 2024-01-01\n", "a: 1\n\tb: 2\n", "a: [1,\n", "a: *x\n",
		"council:\n  - name： 刘\n", "intro: |\n  x：y\n", "a: 'it's'\n", "\uFEFFa: 1\r\n",
		"a: &x [1, *x]\n", "a: \"\\q\"\n", "- a\n", "a:\n b: 1\n  c: 2\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var l diag.List
		doc := Parse([]byte(in), "f.md", 2, &l)
		if (doc == nil) != l.HasErrors() {
			t.Fatalf("doc nil = %v but HasErrors = %v", doc == nil, l.HasErrors())
		}
		if doc != nil && Root(doc) == nil {
			t.Fatalf("document without a mapping")
		}
		// File lines: the text's, counting every YAML line break, plus the
		// "---" above it.
		lines := strings.Count(string(normalizeBreaks([]byte(in))), "\n") + 2
		for _, d := range l.Items() {
			if d.Pos.Line < 2 || d.Pos.Line > lines {
				t.Fatalf("line %d outside the text (%d lines): %+v", d.Pos.Line, lines, d)
			}
			if d.Key == "" {
				t.Fatal("empty key")
			}
			if s, ok := d.Args["key"].(string); ok && !utf8.ValidString(s) {
				t.Fatal("invalid UTF-8 in args")
			}
		}
	})
}

func TestParseHanNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"二十四", 24, true}, {"十五", 15, true}, {"十", 10, true}, {"三十", 30, true},
		{"一百零八", 108, true}, {"两千", 2000, true}, {"一千零一十", 1010, true}, {"九", 9, true}, {"零", 0, true},
		{"二四", 0, false}, {"十十", 0, false}, {"百", 0, false}, {"二十x", 0, false}, {"", 0, false}, {"24", 0, false},
	} {
		got, ok := ParseHanNumber(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseHanNumber(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// A count in Chinese numerals is refused with the digits to type.
func TestIntChineseNumerals(t *testing.T) {
	m, s, l := parseRoot(t, "households: 二十四户\npeople: 很多\n")
	if _, ok := s.Int("households", Get(m, "households")); ok {
		t.Fatal("二十四户 accepted")
	}
	s.Int("people", Get(m, "people"))
	items := l.Items()
	if len(items) != 2 || items[0].Hint != "value.hint.intDigits" || items[0].Args["suggest"] != 24 || items[1].Hint != "value.hint.int" {
		t.Fatalf("got %+v", items)
	}
}

// A count as volunteers write it, with or without its measure word.
func TestParseIntUnits(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"24", 24, true},
		{"18户", 18, true},
		{"30人", 30, true},
		{"20票", 20, true},
		{"２０票", 20, true},
		{" 3 票 ", 3, true},
		{"5位", 5, true},
		{"票", 0, false},
		{"20张", 0, false},
		{"20票票", 0, false},
		{"二十票", 0, false},
	} {
		got, ok := ParseInt(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("ParseInt(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
