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
