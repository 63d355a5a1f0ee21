package bodies

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/layouts"
)

// countingFS counts the files looked up in an fs.FS.
type countingFS struct {
	fs.FS
	lookups map[string]int
}

func (c countingFS) Open(name string) (fs.File, error) {
	c.lookups[name]++
	return c.FS.Open(name)
}

func (c countingFS) Stat(name string) (fs.FileInfo, error) {
	c.lookups[name]++
	return fs.Stat(c.FS, name)
}

// TestOneLookupPerFile: a body linking to the same document and showing
// the same picture on each of its lines asks the file system once per
// file, when it is read and again when it is rendered, not once per line.
func TestOneLookupPerFile(t *testing.T) {
	fsys := countingFS{FS: fstest.MapFS{
		"content/c/g/list.pdf": {Data: []byte("%PDF")},
		"content/c/g/team.jpg": {Data: []byte("jpeg")},
	}, lookups: map[string]int{}}
	p := &content.Page{Rel: "c/g/story.md", File: "content/c/g/story.md", URL: "c/g/story/", Publish: content.Everywhere, BodyLine: 5}
	var body strings.Builder
	for range 1000 {
		body.WriteString("见[通知](list.pdf)和[缺的](gone.pdf)，![照片](team.jpg)![缺的](gone.jpg)\n")
	}
	p.Body = []byte(body.String())
	s := New(fsys, []*content.Page{p}, nil)
	list := &diag.List{}
	w := s.Read(p, list)
	if !slices.Equal(w.attachments, []string{"c/g/list.pdf"}) || !slices.Equal(w.shown, []string{"c/g/team.jpg", "c/g/gone.jpg"}) || len(w.Wanted) != 1 {
		t.Fatalf("attachments %v, body images %v, %d images wanted", w.attachments, w.shown, len(w.Wanted))
	}
	// As processing it would.
	s.Images["c/g/team.jpg"] = layouts.Image{Width: 480, Height: 320, Variants: []layouts.Variant{{Path: "c/g/team-480w.jpg", Width: 480, Height: 320}}}
	s.Finish(&w, list)
	if err := s.Take(&w); err != nil {
		t.Fatal(err)
	}
	for name, n := range fsys.lookups {
		if n > 2 {
			t.Errorf("%s looked up %d times", name, n)
		}
	}
	// Each missing file is still reported at every line that names it.
	counts := map[string]int{}
	for _, d := range list.Items() {
		counts[d.Key]++
	}
	if counts["markdown.attachmentMissing"] != 1000 || counts["markdown.imageMissing"] != 1000 {
		t.Errorf("reported %v, want each missing file 1000 times", counts)
	}
}
