package site

import (
	"testing"

	"wallpress/generator/config"
)

func TestRel(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://example.gov.cn/louzu/"
	s := &siteView{in: Input{Config: cfg}}
	for _, c := range []struct {
		page, target, want string
		notFound           bool
	}{
		{"", "", "./", false},
		{"", "static/site.css", "static/site.css", false},
		{"a/b/c/", "", "../../../", false},
		{"a/b/c/", "a/b/", "../../../a/b/", false},
		{"", "stories/", "/louzu/stories/", true},
	} {
		v := &View{siteView: s, URL: c.page, NotFound: c.notFound}
		v.Root = rootOf(c.page)
		if got := v.Rel(c.target); got != c.want {
			t.Errorf("from %q, Rel(%q) = %q, want %q", c.page, c.target, got, c.want)
		}
	}
}

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
