package content

import (
	"testing"

	"wallpress/generator/diag"
)

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		name, in            string
		front, body         string
		frontLine, bodyLine int
		ok                  bool
		key, hint           string
		line                int
	}{
		{"plain", "---\ntitle: a\n---\nbody\n", "title: a", "body\n", 2, 4, true, "", "", 0},
		{"two keys", "---\na: 1\nb: 2\n---\n\nx", "a: 1\nb: 2", "\nx", 2, 5, true, "", "", 0},
		{"empty front", "---\n---\nbody", "", "body", 2, 3, true, "", "", 0},
		{"no body", "---\ntitle: a\n---", "title: a", "", 2, 4, true, "", "", 0},
		{"fence spaces", "---  \ntitle: a\n--- \nb", "title: a", "b", 2, 4, true, "", "", 0},
		{"blank lines before", "\n  \n---\ntitle: a\n---\nb", "title: a", "b", 4, 6, true, "", "", 0},
		{"indented dashes in a block value", "---\nintro: |\n  ——\n---\nb", "intro: |\n  ——", "b", 2, 5, true, "", "", 0},
		{"markdown rule in the body", "---\ntitle: a\n---\n——\n---\n", "title: a", "——\n---\n", 2, 4, true, "", "", 0},
		{"unclosed", "---\ntitle: a\nbody\n", "", "", 0, 0, false, "content.unclosed", "content.unclosed.hint", 1},
		{"none", "title: a\n", "", "", 0, 0, false, "content.noFrontMatter", "content.noFrontMatter.hint", 1},
		{"none after blank lines", "\n\ntitle: a\n", "", "", 0, 0, false, "content.noFrontMatter", "content.noFrontMatter.hint", 3},
		{"empty", " \n\n", "", "", 0, 0, false, "content.empty", "content.empty.hint", 1},
		{"only full-width spaces", "\u3000\n", "", "", 0, 0, false, "content.empty", "content.empty.hint", 1},
		{"Chinese dashes open", "———\ntitle: a\n———\n", "", "", 0, 0, false, "content.fence", "content.fence.hint", 1},
		{"Chinese dashes close", "---\ntitle: a\n——\nbody\n", "", "", 0, 0, false, "content.fence", "content.fence.hint", 3},
		{"full-width hyphens close", "---\ntitle: a\n－－－\nbody\n---\n", "", "", 0, 0, false, "content.fence", "content.fence.hint", 3},
		{"four hyphens close", "---\ntitle: a\n----\nbody\n", "", "", 0, 0, false, "content.fence", "content.fence.hint", 3},
		{"two hyphens open", "--\ntitle: a\n---\n", "", "", 0, 0, false, "content.fence", "content.fence.hint", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l diag.List
			front, body, fl, bl, ok := split([]byte(c.in), "f.md", &l)
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v; %+v", ok, c.ok, l.Items())
			}
			if !ok {
				items := l.Items()
				if len(items) != 1 || items[0].Key != c.key || items[0].Hint != c.hint || items[0].Pos.Line != c.line {
					t.Fatalf("diagnostics = %+v, want one %s (%s) at line %d", items, c.key, c.hint, c.line)
				}
				return
			}
			if l.Len() != 0 {
				t.Errorf("diagnostics for good input: %+v", l.Items())
			}
			if string(front) != c.front || string(body) != c.body || fl != c.frontLine || bl != c.bodyLine {
				t.Fatalf("got (%q, %q, %d, %d), want (%q, %q, %d, %d)", front, body, fl, bl, c.front, c.body, c.frontLine, c.bodyLine)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	var l diag.List
	got := normalize([]byte("\ufeff---\r\ntitle: 楼组\r\n---\r\n"), "f.md", &l)
	if string(got) != "---\ntitle: 楼组\n---\n" || l.Len() != 0 {
		t.Fatalf("BOM+CRLF: %q, %d diagnostics", got, l.Len())
	}
	// "楼组" in GB18030.
	gbk := []byte{'t', ':', ' ', 0xc2, 0xa5, 0xd7, 0xe9}
	got = normalize(gbk, "f.md", &l)
	if string(got) != "t: 楼组" {
		t.Fatalf("GB18030: %q", got)
	}
	if items := l.Items(); len(items) != 1 || items[0].Key != "content.gb18030" || items[0].Severity != diag.Warning {
		t.Fatalf("GB18030 diagnostics: %+v", items)
	}
}
