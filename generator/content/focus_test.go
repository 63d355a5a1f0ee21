package content

import "testing"

func TestFocusPosition(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"", "50% 50%", true}, {"center", "50% 50%", true}, {"Top", "50% 0%", true},
		{"right", "100% 50%", true}, {"30% 60%", "30% 60%", true}, {"30％ 60％", "30% 60%", true},
		{"30% 160%", "", false}, {"30 60", "", false}, {"middle", "", false},
		{"1%; background: url(x)", "", false},
	} {
		got, ok := FocusPosition(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("FocusPosition(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
