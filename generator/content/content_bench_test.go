package content

import (
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
	fsys := os.DirFS(root)
	var pages int
	for b.Loop() {
		var list diag.List
		s := Load(fsys, &list)
		if list.HasErrors() {
			b.Fatal("the synthetic site has errors")
		}
		pages = len(s.Pages)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
}
