package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Names with spaces, Chinese, # and ? are published under their own names
// and linked percent-encoded everywhere: src, srcset, href, og:url, the
// sitemap and the feed.
func TestURLsPercentEncoded(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	const img = "my team 照片 #1?.jpg"
	addFiles(t, root, map[string]string{
		group + "/" + img:            "",
		group + "/photo 全家福 2024.md": "---\ntitle: 全家福\ndate: 2030-01-01\nphotos:\n  - {file: \"" + img + "\"}\n---\n正文里也有：![合影](<" + img + ">)\n",
		group + "/activity-link.md":  "---\ntitle: 链接\n---\n看[全家福](<photo 全家福 2024.md>)。\n",
	})
	mustBuild(t, root)
	pub := filepath.Join(root, PublicDir)
	if _, err := os.Stat(filepath.Join(pub, "demo-cun", "building-1", "my team 照片 #1?-480w.jpg")); err != nil {
		t.Fatalf("the image is not published under its name: %v", err)
	}
	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(pub, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	const (
		page   = "photo%20%E5%85%A8%E5%AE%B6%E7%A6%8F%202024/"
		abs    = "https://example.gov.cn/louzu/demo-cun/building-1/" + page
		imgURL = "../../../demo-cun/building-1/my%20team%20%E7%85%A7%E7%89%87%20%231%3F"
	)
	record := read("demo-cun/building-1/photo 全家福 2024/index.html")
	for _, want := range []string{
		`<meta property="og:url" content="` + abs + `">`,
		`<link rel="canonical" href="` + abs + `">`,
		`src="` + imgURL + `-600w.jpg"`,
		`srcset="` + imgURL + `-480w.jpg 480w, ` + imgURL + `-600w.jpg 600w"`,
		`<meta property="og:image" content="https://example.gov.cn/louzu/demo-cun/building-1/my%20team%20%E7%85%A7%E7%89%87%20%231%3F-600w.jpg">`,
	} {
		if !strings.Contains(record, want) {
			t.Errorf("record page lacks %s", want)
		}
	}
	if strings.Contains(record, "#1?") {
		t.Errorf("record page links the image with a raw # or ?")
	}
	if link := read("demo-cun/building-1/activity-link/index.html"); !strings.Contains(link, `href="../../../demo-cun/building-1/`+page+`"`) {
		t.Errorf("body link not encoded: %s", link)
	}
	if sm := read("sitemap.xml"); !strings.Contains(sm, "<loc>"+abs+"</loc>") {
		t.Errorf("sitemap lacks <loc>%s</loc>", abs)
	}
	feed := read("feed.xml")
	for _, want := range []string{"<id>" + abs + "</id>", `<link href="` + abs + `"></link>`} {
		if !strings.Contains(feed, want) {
			t.Errorf("feed lacks %s", want)
		}
	}
	for _, f := range []string{"sitemap.xml", "feed.xml"} {
		if strings.Contains(read(f), "全家福 2024") {
			t.Errorf("%s holds a raw space or Chinese in a URL", f)
		}
	}
	checkLinks(t, pub)
	// The poster shows the photo from its images/ folder.
	poster := readTree(t, filepath.Join(root, PrintDir))["demo-cun/building-1/photo 全家福 2024.html"]
	if !strings.Contains(string(poster), `src="images/my%20team%20%E7%85%A7%E7%89%87%20%231%3F-`) {
		t.Errorf("the poster links its photo with a raw # or ?")
	}
}
