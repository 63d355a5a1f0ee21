package resolve

import (
	"path"
	"strings"
	"testing"

	"wallpress/generator/content"
)

func TestAttachmentOf(t *testing.T) {
	p := &content.Page{Rel: "demo-cun/building-1/story-spring.md"}
	for _, c := range []struct {
		dest             string
		src              string
		ok, abs, outside bool
	}{
		{"list.xlsx", "demo-cun/building-1/list.xlsx", true, false, false},
		{"files/报名表.PDF#page=2", "demo-cun/building-1/files/报名表.PDF", true, false, false},
		{"报名%20表.pdf", "demo-cun/building-1/报名 表.pdf", true, false, false},
		{"100%.pdf", "demo-cun/building-1/100%.pdf", true, false, false},
		{"../building-2/a.docx", "demo-cun/building-2/a.docx", true, false, false},
		{`sub\a.docx`, "demo-cun/building-1/sub/a.docx", true, false, false},
		{"old.xls", "demo-cun/building-1/old.xls", true, false, false},
		{"photo.jpg", "demo-cun/building-1/photo.jpg", true, false, false},
		{"example.com", "demo-cun/building-1/example.com", true, false, false},
		{"../../../etc/a.pdf", "", true, false, true},
		{"/home/liu/a.pdf", "", true, true, false},
		{`C:\Users\liu\a.pdf`, "", true, true, false},
		{"https://example.com/a.pdf", "", false, false, false},
		{"//example.com/a.pdf", "", false, false, false},
		{"mailto:a@b.cn", "", false, false, false},
		{"tel:021-1234.5678", "", false, false, false},
		{"#top", "", false, false, false},
		{"convention.md#3", "", false, false, false},
		{"../../stories/", "", false, false, false},
		{"index.html", "", false, false, false},
		{".", "", false, false, false},
		{"x.pdf/..", "", false, false, false},
		{".pdf", "", false, false, false},
		{"%23%20a.pdf", "demo-cun/building-1/# a.pdf", true, false, false},
	} {
		src, ok, abs, outside := attachmentOf(p, c.dest)
		if src != c.src || ok != c.ok || abs != c.abs || outside != c.outside {
			t.Errorf("%s: %q %v %v %v, want %q %v %v %v", c.dest, src, ok, abs, outside, c.src, c.ok, c.abs, c.outside)
		}
	}
}

// FuzzAttachmentOf: whatever a link says, a document it resolves to is a
// clean path inside content/ with an extension.
func FuzzAttachmentOf(f *testing.F) {
	for _, s := range []string{"list.xlsx", "../../a.pdf", `C:\a.pdf`, "报名%20表.pdf#page=2", "a/../../b.docx", "tel:1", "%2e%2e/%2e%2e/%2e%2e/x.pdf"} {
		f.Add(s)
	}
	p := &content.Page{Rel: "c/g/story.md"}
	f.Fuzz(func(t *testing.T, dest string) {
		src, ok, abs, outside := attachmentOf(p, dest)
		if !ok || abs || outside {
			if src != "" {
				t.Fatalf("%q: src %q with ok %v abs %v outside %v", dest, src, ok, abs, outside)
			}
			return
		}
		if src == "" || path.IsAbs(src) || path.Clean(src) != src || src == ".." || strings.HasPrefix(src, "../") || path.Ext(src) == "" {
			t.Fatalf("%q resolves to %q", dest, src)
		}
	})
}
