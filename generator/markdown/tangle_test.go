package markdown

import (
	"errors"
	"strings"
	"testing"
)

func TestTangled(t *testing.T) {
	refs := strings.Repeat("[x]: http://a\n", MaxRefs)
	cases := []struct {
		name string
		src  string
		line int
		refs bool
	}{
		{"ordinary links", "见[公约](convention.md)和[账本](account.md)。\n", -1, false},
		{"many links in a long paragraph", strings.Repeat("[链接](a.md)，", 60) + "\n", -1, false},
		{"unclosed destinations", "前言\n" + strings.Repeat("[a](", 16000) + "\n", 1, false},
		{"reference definitions up to the limit", refs, -1, false},
		{"one definition too many", refs + "  [y]: http://b\n", MaxRefs, true},
		{"not a definition", strings.Repeat("[x] : a\n[]: b\n", MaxRefs), -1, false},
	}
	for _, c := range cases {
		line, refs := tangled([]byte(c.src))
		if line != c.line || refs != c.refs {
			t.Errorf("%s: tangled = %d, %v; want %d, %v", c.name, line, refs, c.line, c.refs)
		}
	}
}

// A line of 64 KB of unclosed link destinations, which goldmark reads in
// seconds, is refused at its line before it is parsed.
func TestParseRefusesTangle(t *testing.T) {
	src := "第一行\n" + strings.Repeat("[a](", 16000) + "\n"
	_, err := New().Parse([]byte(src), 10)
	var te *TangleError
	if !errors.As(err, &te) || te.Line != 11 || te.Refs {
		t.Fatalf("Parse = %v, want a TangleError at line 11", err)
	}
}
