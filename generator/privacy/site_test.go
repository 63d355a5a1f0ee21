package privacy

import (
	"slices"
	"strconv"
	"testing"
	"testing/fstest"

	"wallpress/generator/content"
	"wallpress/generator/diag"
)

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{"甄美\n丽": "甄美丽", "Liu\nMei": "Liu Mei", "刘 美娟": "刘美娟", "A  B": "A B"} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestForSite(t *testing.T) {
	declared := map[string]bool{"刘美娟": true}
	likely := [][]string{nil, {"赵小梅"}}
	if m := ForSite(declared, likely, false, false); m != nil {
		t.Fatal("a site that hides nothing has a masker")
	}
	m := ForSite(declared, likely, true, false)
	if got := m.Text("刘美娟和赵小梅在301室"); got != "刘**和赵**在301室" {
		t.Fatalf("names: %q", got)
	}
	if got := ForSite(declared, likely, false, true).Text("刘美娟在301室"); got != "刘美娟在***室" {
		t.Fatalf("rooms only: %q", got)
	}
}

func TestPaths(t *testing.T) {
	ps := NewPaths(New([]string{"刘美娟", "刘美丽"}, Options{}))
	ps.Add([]string{"g/刘美娟.jpg", "g/刘美丽.jpg", "g/plain.jpg"})
	for src, want := range map[string]string{"g/刘美丽.jpg": "g/刘某某.jpg", "g/刘美娟.jpg": "g/刘某某-2.jpg", "g/plain.jpg": "g/plain.jpg", "unseen.jpg": "unseen.jpg"} {
		if got := ps.Of(src); got != want {
			t.Errorf("Of(%q) = %q, want %q", src, got, want)
		}
	}
	var none *Paths
	if none.Of("a.jpg") != "a.jpg" {
		t.Error("nil paths move a source")
	}
}

func TestWebFile(t *testing.T) {
	m := New([]string{"刘美娟"}, Options{})
	for name, want := range map[string]string{"a/index.html": "<p>刘**</p>", "feed.xml": "<p>刘**</p>", "sitemap.xml": "<p>刘美娟</p>", "static/x.js": "<p>刘美娟</p>", "a.css": "<p>刘美娟</p>"} {
		if got := string(m.WebFile(name, []byte("<p>刘美娟</p>"))); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

func TestOnPageLines(t *testing.T) {
	fsys := fstest.MapFS{"content/a.md": {Data: []byte("---\ntitle: 照片\nsummary: 今天赵小梅来了\n---\n正文\n")}}
	p := &content.Page{File: "content/a.md", Title: "照片", Summary: "今天赵小梅来了", Body: []byte("正文\n"), BodyLine: 5}
	list := &diag.List{}
	got := OnPage(fsys, p, map[string]bool{}, list)
	items := list.Items()
	if len(got) != 1 || got[0] != "赵小梅" || len(items) != 1 || items[0].Pos.Line != 3 || items[0].Key != "privacy.likely" {
		t.Fatalf("got %q, %+v", got, items)
	}
}

func TestReport(t *testing.T) {
	r := NewReport([]string{"刘美娟"}, nil)
	r.Page("content/a.md", []byte("---\ntitle: x\n---\n刘美\n娟住301室\n"))
	r.Document("g/名单.xlsx")
	r.Image("g/刘美娟.jpg", "g/刘某某.jpg")
	r.Image("g/plain.jpg", "g/plain.jpg")
	var got []string
	for _, d := range r.List().Items() {
		got = append(got, d.Pos.File+":"+strconv.Itoa(d.Pos.Line)+" "+d.Key+" "+d.Args["text"].(string)+"→"+d.Args["shown"].(string))
	}
	want := []string{
		"content/a.md:4 privacy.report.name 刘美娟→刘美娟",
		"content/a.md:5 privacy.report.room 301室→301室",
		"content/g/刘美娟.jpg:0 privacy.report.file 刘美娟.jpg→刘某某.jpg",
		"content/g/名单.xlsx:0 privacy.report.document 名单.xlsx→名单.xlsx",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q\nwant %q", got, want)
		}
	}
}

// TestSiteReport: the report reads every online page's file again, names
// each document an online body links to once, and leaves out what only the
// wall shows.
func TestSiteReport(t *testing.T) {
	fsys := fstest.MapFS{
		"content/a.md":    {Data: []byte("---\ntitle: x\n---\n住301室\n")},
		"content/b.md":    {Data: []byte("---\ntitle: y\n---\n也住301室\n")},
		"content/wall.md": {Data: []byte("---\ntitle: z\n---\n住502室\n")},
	}
	a := &content.Page{File: "content/a.md", Publish: content.Everywhere}
	b := &content.Page{File: "content/b.md", Publish: content.Everywhere}
	wall := &content.Page{File: "content/wall.md", Publish: content.Wall}
	tree := &content.Site{Pages: []*content.Page{a, b, wall}}
	attachments := map[*content.Page][]string{a: {"g/名单.xlsx"}, b: {"g/名单.xlsx"}, wall: {"g/墙.pdf"}}
	var got []string
	for _, d := range SiteReport(fsys, tree, nil, nil, attachments, nil).Items() {
		got = append(got, d.Pos.File+":"+strconv.Itoa(d.Pos.Line)+" "+d.Key)
	}
	want := []string{
		"content/a.md:4 privacy.report.room",
		"content/b.md:4 privacy.report.room",
		"content/g/名单.xlsx:0 privacy.report.document",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
