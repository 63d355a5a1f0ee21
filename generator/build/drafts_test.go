package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// draftRecord is a record just made by `new`, still a draft, naming a
// resident: serve shows it with a banner and masks the name; a build
// leaves it out of public/ and print/.
const draftRecord = "---\ntype: activity\ntitle: 妙玉组织的清扫日\ndraft: true\npeople: [妙玉]\n---\n\n感谢妙玉阿姨带大家扫楼道。\n"

func writeDraft(t *testing.T, root string) {
	t.Helper()
	f := filepath.Join(root, "content", "demo-cun", "building-1", "sweep-day.md")
	if err := os.WriteFile(f, []byte(draftRecord), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A build never publishes a draft, on the website or the posters, and no
// page carries the preview's draft banner.
func TestDraftsStayOutOfBuild(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	writeDraft(t, root)
	mustBuild(t, root)
	for _, dir := range []string{PublicDir, PrintDir} {
		tree := readTree(t, filepath.Join(root, dir))
		if len(tree) == 0 {
			t.Fatalf("%s/ is empty", dir)
		}
		for p, data := range tree {
			if strings.Contains(p, "sweep-day") || strings.Contains(p, "draft") || bytes.Contains(data, []byte("清扫日")) || bytes.Contains(data, []byte("还没写完")) {
				t.Errorf("a draft reached %s/%s", dir, p)
			}
			if bytes.Contains(data, []byte("draft-banner")) {
				t.Errorf("%s/%s carries the draft banner", dir, p)
			}
		}
	}
}

// A session with Drafts, as serve runs it, builds the drafts' pages with
// the banner, masks the names they declare, and keeps the banner off every
// other page; an edit that publishes the record takes the banner away.
func TestSessionShowsDrafts(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	writeDraft(t, root)
	out := filepath.Join(t.TempDir(), "site")
	s := NewSession(root, out)
	s.Drafts = true
	res, err := s.Build(nil)
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v %+v", err, res.Diags.Items())
	}
	page := func(rel string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, "demo-cun", "building-1", rel, "index.html"))
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		return string(data)
	}
	for _, rel := range []string{"sweep-day", "draft"} {
		html := page(rel)
		if !strings.Contains(html, `class="draft-banner"`) || !strings.Contains(html, "草稿：") {
			t.Errorf("%s: no draft banner", rel)
		}
	}
	html := page("sweep-day")
	if !strings.Contains(html, "清扫日") {
		t.Error("the draft's page does not show its title")
	}
	if strings.Contains(html, "妙玉") {
		t.Error("the draft's page shows the name it declares")
	}
	for p, data := range readTree(t, out) {
		if bytes.Contains(data, []byte("妙玉")) {
			t.Errorf("%s shows the draft's name", p)
		}
		if bytes.Contains(data, []byte("draft-banner")) && !strings.Contains(p, "sweep-day/") && !strings.Contains(p, "draft/") {
			t.Errorf("%s carries the draft banner", p)
		}
	}
	// Published: the banner goes with an update of that page alone.
	f := editFile(t, root, "demo-cun/building-1/sweep-day.md", "draft: true", "draft: false")
	res, err = s.Build([]string{f})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("update: %v %+v", err, res.Diags.Items())
	}
	if strings.Contains(page("sweep-day"), "draft-banner") {
		t.Error("the published record still carries the draft banner")
	}
}
