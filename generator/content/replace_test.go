package content

import (
	"slices"
	"testing"
	"time"
)

func TestHidden(t *testing.T) {
	for f, want := range map[string]bool{
		"content/c/g/story.md":         false,
		"content/c/g/.story.md.swp":    true,
		"content/c/g/~$notice.docx":    true,
		"content/.git/c/g/story.md":    true,
		"content/c/g/story.md~":        false,
		"content/c/g/a.b.md":           false,
		"content/c/.hidden/g/story.md": true,
	} {
		if got := Hidden(f); got != want {
			t.Errorf("Hidden(%q) = %v, want %v", f, got, want)
		}
	}
}

// TestReplace: a record read again takes the old one's place in the site's
// pages and in its group, whose records are put in order by the new date.
func TestReplace(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 5, d, 0, 0, 0, 0, time.UTC) }
	g := &Group{Page: &Page{Rel: "c/g/_index.md"}}
	a := &Page{Rel: "c/g/a.md", Kind: KindStory, Date: day(3), Group: g}
	b := &Page{Rel: "c/g/b.md", Kind: KindStory, Date: day(2), Group: g}
	g.Records = []*Page{a, b}
	s := &Site{Pages: []*Page{g.Page, a, b}}
	a2 := &Page{Rel: "c/g/a.md", Kind: KindStory, Date: day(1)}
	a2.Reattach(a)
	s.Replace(a, a2)
	if !slices.Equal(s.Pages, []*Page{g.Page, a2, b}) {
		t.Errorf("pages %v", s.Pages)
	}
	if !slices.Equal(g.Records, []*Page{b, a2}) {
		t.Errorf("records not in date order: %v, %v", g.Records[0].Rel, g.Records[1].Rel)
	}
}
