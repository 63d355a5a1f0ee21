package content

import (
	"testing"

	"wallpress/generator/diag"
)

func TestSplit(t *testing.T) {
	for _, c := range []struct {
		name, in    string
		front, body string
		bodyLine    int
		ok          bool
		key         string
	}{
		{"plain", "---\ntitle: a\n---\nbody\n", "title: a", "body\n", 4, true, ""},
		{"two keys", "---\na: 1\nb: 2\n---\n\nx", "a: 1\nb: 2", "\nx", 5, true, ""},
		{"empty front", "---\n---\nbody", "", "body", 3, true, ""},
		{"no body", "---\ntitle: a\n---", "title: a", "", 4, true, ""},
		{"fence spaces", "---  \ntitle: a\n--- \nb", "title: a", "b", 4, true, ""},
		{"unclosed", "---\ntitle: a\nbody\n", "", "", 0, false, "content.unclosed"},
		{"none", "title: a\n", "", "", 0, false, "content.noFrontMatter"},
		{"empty", " \n\n", "", "", 0, false, "content.empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l diag.List
			front, body, bl, ok := split([]byte(c.in), "f.md", &l)
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v", ok, c.ok)
			}
			if !ok {
				items := l.Items()
				if len(items) != 1 || items[0].Key != c.key {
					t.Fatalf("diagnostics = %+v, want one %s", items, c.key)
				}
				return
			}
			if string(front) != c.front || string(body) != c.body || bl != c.bodyLine {
				t.Fatalf("got (%q, %q, %d), want (%q, %q, %d)", front, body, bl, c.front, c.body, c.bodyLine)
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
