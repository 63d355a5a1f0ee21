package i18n

import "testing"

// A site's older catalog keeps its own words and borrows the missing ones.
func TestFilledFrom(t *testing.T) {
	site, err := Parse("zh-CN", []byte("msg:\n  hint: 改法\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := site.FilledFrom(Fallback("zh-CN"))
	if got := c.T("msg.hint"); got != "改法" {
		t.Errorf("msg.hint = %q, want the site's own", got)
	}
	if got := c.T("msg.summary", "errors", 1, "warnings", 0); got == "msg.summary" {
		t.Errorf("msg.summary not filled from the fallback")
	}
	if site.Has("msg.summary") {
		t.Errorf("FilledFrom changed the site's catalog")
	}
	if (*Catalog)(nil).FilledFrom(site) != site {
		t.Errorf("nil catalog should return the fallback")
	}
}
