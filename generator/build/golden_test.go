package build

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenPages are the rendered pages compared byte for byte: one per record
// type, plus the home, neighbourhood, group and special pages.
var goldenPages = map[string]string{
	"home":         "index.html",
	"community":    "demo-cun/index.html",
	"group":        "demo-cun/building-1/index.html",
	"convention":   "demo-cun/building-1/convention/index.html",
	"photo":        "demo-cun/building-1/family-photo/index.html",
	"ledger":       "demo-cun/building-1/account-2024/index.html",
	"ledger-csv":   "demo-cun/building-1/account-2023/index.html",
	"story":        "demo-cun/building-1/story-spring/index.html",
	"deliberation": "demo-cun/building-1/parking/index.html",
	"activity":     "demo-cun/building-1/activity-cleanup/index.html",
	"stories":      "stories/index.html",
	"board":        "consultations/index.html",
	"404":          "404.html",
	"feed":         "feed.xml",
	"sitemap":      "sitemap.xml",
	"search":       "search/index.html",
}

func TestGoldenPages(t *testing.T) {
	for _, lang := range []string{"zh-CN", "en"} {
		t.Run(lang, func(t *testing.T) {
			root := fixtureSite(t, lang)
			mustBuild(t, root)
			for name, page := range goldenPages {
				got, err := os.ReadFile(filepath.Join(root, "public", page))
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				golden := filepath.Join("testdata", "golden", lang, name+filepath.Ext(page))
				if *update {
					os.MkdirAll(filepath.Dir(golden), 0o755)
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./generator/build -run TestGoldenPages -update)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s (%s) differs from %s; if the change is intended, run with -update and review the diff", name, page, golden)
				}
			}
		})
	}
}
