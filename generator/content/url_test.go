package content

import (
	"net/url"
	"strings"
	"testing"
)

func TestEscapePath(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"demo-cun/building-1/story_spring.v2/", "demo-cun/building-1/story_spring.v2/"},
		{"a/my team 照片 #1?-560w.jpg", "a/my%20team%20%E7%85%A7%E7%89%87%20%231%3F-560w.jpg"},
		{"c/g/photo 全家福 2024/", "c/g/photo%20%E5%85%A8%E5%AE%B6%E7%A6%8F%202024/"},
		{"100%.jpg", "100%25.jpg"},
		{"a:b/c,d.jpg", "a%3Ab/c%2Cd.jpg"},
		{"tab\there\n", "tab%09here%0A"},
		{"(x)&y=1+2;z@w!$'*~", "(x)&y=1+2;z@w!$'*~"},
		{`back\slash"<>`, "back%5Cslash%22%3C%3E"},
	} {
		if got := EscapePath(tc.in); got != tc.want {
			t.Errorf("EscapePath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzEscapePath checks that an escaped path means the same path to a
// URL parser, and that nothing in it can end the path (# ?), break an
// attribute or srcset (space, quotes, comma) or look like a scheme (:).
func FuzzEscapePath(f *testing.F) {
	for _, s := range []string{"a/b/", "my team 照片 #1?.jpg", "100%", "\xff\xfe", "a:b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapePath(s)
		if strings.ContainsAny(e, "#?: ,\"<>\\\x00\n") {
			t.Fatalf("EscapePath(%q) = %q keeps a character that must be escaped", s, e)
		}
		for i := 0; i < len(e); i++ {
			if e[i] >= 0x80 || e[i] == '%' && (i+2 >= len(e) || !isUpperHex(e[i+1]) || !isUpperHex(e[i+2])) {
				t.Fatalf("EscapePath(%q) = %q has a non-ASCII byte or a bad %%XX", s, e)
			}
		}
		u, err := url.Parse("https://example.org/" + e)
		if err != nil {
			t.Fatalf("EscapePath(%q) = %q does not parse: %v", s, e, err)
		}
		if u.Path != "/"+s || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("EscapePath(%q) = %q parses as path %q query %q fragment %q", s, e, u.Path, u.RawQuery, u.Fragment)
		}
	})
}

func isUpperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }
