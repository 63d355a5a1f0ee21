package build

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBuildFixture(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	res := mustBuild(t, root)
	if res.Pages == 0 {
		t.Fatal("no pages")
	}
	for _, f := range []string{"index.html", "demo-cun/index.html", "demo-cun/building-1/index.html", "demo-cun/building-1/convention/index.html", "sitemap.xml", "feed.xml", "404.html"} {
		if _, err := os.Stat(filepath.Join(root, "public", f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}
