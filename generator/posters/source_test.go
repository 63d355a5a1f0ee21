package posters

import (
	"testing"
	"testing/fstest"

	"wallpress/generator/content"
)

// The posters find the line where text they leave off starts in the
// record's markdown, read again from the site: the body from its first
// line on, or nil when the file is gone.
func TestPosterMarkdownBodyFromFile(t *testing.T) {
	fsys := fstest.MapFS{"content/a/story.md": {Data: []byte("---\ntitle: x\n---\n第1行。\n第2行。\n")}}
	p := &content.Page{File: "content/a/story.md", BodyLine: 4}
	if got := string(markdownBody(fsys, p)); got != "第1行。\n第2行。\n" {
		t.Errorf("body %q", got)
	}
	if got := markdownBody(fsys, &content.Page{File: "content/a/gone.md", BodyLine: 4}); got != nil {
		t.Errorf("a missing file gave %q", got)
	}
	if got := markdownBody(fsys, &content.Page{File: "content/a/story.md", BodyLine: 9}); got != nil {
		t.Errorf("a body line past the end gave %q", got)
	}
}
