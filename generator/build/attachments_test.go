package build

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"wallpress/generator/diag"
)

// writeGroupFile writes a file under the fixture's group folder.
func writeGroupFile(t *testing.T, root, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, "content", "demo-cun", "building-1", name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEveryBadLinkReported: a paragraph with several bad pictures and
// links has each reported at its own line, where the first bad picture
// used to hide the rest.
func TestEveryBadLinkReported(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	writeGroupFile(t, root, "list.xlsx", "PK fake workbook")
	writeGroupFile(t, root, "story-links.md", "---\ntitle: 链接\ndate: 2024-05-01\n---\n"+
		"开头一段。\n\n"+
		"![一](missing1.jpg)![二](missing2.jpg)\n"+ // line 7
		"见[报名表](list.xlsx)和[旧表](old.xls)，\n"+ // line 8
		"还有[通知](gone.pdf)与[公约](missing.md)，\n"+ // line 9
		"![三](missing3.jpg)[放在外面](../../../secret.pdf)。\n") // line 10
	res := &Result{Diags: &diag.List{}}
	if _, err := Load(root, res); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags.Items() {
		if d.Pos.File == "content/demo-cun/building-1/story-links.md" {
			got = append(got, d.Key+"@"+strconv.Itoa(d.Pos.Line)+" "+d.Args["path"].(string))
		}
	}
	slices.Sort(got)
	want := []string{
		"content.pathOutside@10 ../../../secret.pdf",
		"markdown.attachmentMissing@9 gone.pdf",
		"markdown.attachmentType@8 old.xls",
		"markdown.imageMissing@10 missing3.jpg",
		"markdown.imageMissing@7 missing1.jpg",
		"markdown.imageMissing@7 missing2.jpg",
		"markdown.linkMissing@9 missing.md",
	}
	if !slices.Equal(got, want) {
		t.Errorf("reported\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestAttachmentsPublished: a document an online page links to is copied
// beside the page, byte for byte, and the link leads to it; one that only
// a wall-only page links to stays out of public/.
func TestAttachmentsPublished(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	xlsx := "PK\x03\x04 a workbook"
	writeGroupFile(t, root, "list.xlsx", xlsx)
	writeGroupFile(t, root, "notice.pdf", "%PDF-1.4 notice")
	writeGroupFile(t, root, "wall.pdf", "%PDF-1.4 for the wall")
	writeGroupFile(t, root, "通知 #2.pdf", "%PDF-1.4 the second")
	writeGroupFile(t, root, "story-links.md", "---\ntitle: 链接\ndate: 2024-05-01\n---\n"+
		"报名请填[报名表](list.xlsx)，通知见[第二页](notice.pdf#page=2)，[再看一次](list.xlsx)，[第二份](通知%20%232.pdf)。\n")
	writeGroupFile(t, root, "wall-only.md", "---\ntype: activity\ntitle: 只上墙的签名表\npublish: wall\n---\n见[签名表](wall.pdf)。\n")
	out := filepath.Join(root, "public")
	res, err := Run(context.Background(), Options{Root: root, Write: true, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items() {
		if d.Severity == diag.Error {
			t.Fatalf("%s: %s %v", d.Pos, d.Key, d.Args)
		}
	}
	tree := readTree(t, out)
	if got := tree["demo-cun/building-1/list.xlsx"]; !bytes.Equal(got, []byte(xlsx)) {
		t.Errorf("list.xlsx published as %q", got)
	}
	if _, ok := tree["demo-cun/building-1/notice.pdf"]; !ok {
		t.Error("notice.pdf not published")
	}
	if _, ok := tree["demo-cun/building-1/wall.pdf"]; ok {
		t.Error("a wall-only record's document reached public/")
	}
	// Every link of the page leads to a published file.
	page := "demo-cun/building-1/story-links/index.html"
	var hrefs []string
	for _, m := range regexp.MustCompile(`<a href="([^"#]+)(#[^"]*)?">`).FindAllStringSubmatch(string(tree[page]), -1) {
		name, err := url.PathUnescape(m[1])
		if err != nil {
			t.Fatal(err)
		}
		target := path.Join(path.Dir(page), name)
		if strings.HasSuffix(target, ".xlsx") || strings.HasSuffix(target, ".pdf") {
			if _, ok := tree[target]; !ok {
				t.Errorf("%s leads to %s, which is not published", m[0], target)
			}
			hrefs = append(hrefs, target+m[2])
		}
	}
	want := []string{"demo-cun/building-1/list.xlsx", "demo-cun/building-1/notice.pdf#page=2", "demo-cun/building-1/list.xlsx", "demo-cun/building-1/通知 #2.pdf"}
	if !slices.Equal(hrefs, want) {
		t.Errorf("links lead to %q, want %q", hrefs, want)
	}
}

// TestSessionPlacesAttachments: serve's update of an edited record puts
// the document it now links to beside its page, as a full build would.
func TestSessionPlacesAttachments(t *testing.T) {
	root, out, s := sessionSite(t)
	writeGroupFile(t, root, "notice.pdf", "%PDF-1.4 notice")
	file := editFile(t, root, "demo-cun/building-1/story-spring.md", "整治前，", "整治前（见[通知](notice.pdf)），")
	res, err := s.Build([]string{file})
	if err != nil || res.Diags.HasErrors() || !incremental(res) {
		t.Fatalf("%v, errors %+v, incremental %v", err, res.Diags.Items(), incremental(res))
	}
	sameAsFullBuild(t, root, out)
}

// TestTooDeepReported: a body nested past the limit is an error at the
// file and line where it goes too deep.
func TestTooDeepReported(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	var b strings.Builder
	b.WriteString("---\ntitle: 很深\ndate: 2024-05-01\n---\n开头。\n\n")
	for i := range 150 {
		b.WriteString(strings.Repeat("  ", i) + "- 一层\n")
	}
	writeGroupFile(t, root, "story-deep.md", b.String())
	res := &Result{Diags: &diag.List{}}
	if _, err := Load(root, res); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags.Items() {
		if d.Severity == diag.Error {
			got = append(got, d.Pos.String()+" "+d.Key+" "+d.Hint)
		}
	}
	want := []string{"content/demo-cun/building-1/story-deep.md:107 markdown.tooDeep markdown.tooDeep.hint"}
	if !slices.Equal(got, want) {
		t.Errorf("errors %q, want %q", got, want)
	}
}
