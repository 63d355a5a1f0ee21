package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"wallpress/generator/cmd/synth/gen"
	"wallpress/generator/diag"
)

// BenchmarkLoad reads, parses and checks a synthetic site of 4
// neighbourhoods × 10 groups (1,125 files) and assembles the tree, on
// every core. Set WALLPRESS_BENCH_SITE to a site made by
// `go run ./generator/cmd/synth` to load that one instead.
func BenchmarkLoad(b *testing.B) {
	root := os.Getenv("WALLPRESS_BENCH_SITE")
	if root == "" {
		root = filepath.Join(b.TempDir(), "site")
		if _, err := gen.Generate(gen.Options{Out: root, Communities: 4, Groups: 10, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	// The build reads through OpenSite (openat2 beneath content/ on
	// Linux, else an os.Root, which opens each name a folder at a time);
	// os.DirFS, which follows any link, is the baseline they cost against.
	site := OpenSite(root)
	defer site.Close()
	rootOnly := OpenSite(root)
	rootOnly.fast.close()
	rootOnly.fast = fastOpen{}
	defer rootOnly.Close()
	for _, fs := range []struct {
		name string
		fsys fs.FS
	}{{"SiteFS", site}, {"RootOnly", rootOnly}, {"DirFS", os.DirFS(root)}} {
		b.Run(fs.name, func(b *testing.B) {
			var pages int
			for b.Loop() {
				var list diag.List
				s := Load(fs.fsys, &list)
				if list.HasErrors() {
					b.Fatal("the synthetic site has errors")
				}
				pages = len(s.Pages)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
		})
	}
}
