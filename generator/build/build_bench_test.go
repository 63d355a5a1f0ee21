package build

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"wallpress/generator/cmd/synth/gen"
	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
	"wallpress/generator/site"
)

// benchSite returns a synthetic site to benchmark: the folder named by
// WALLPRESS_BENCH_SITE (made by `go run ./generator/cmd/synth`, for
// profiling at full size), or a small one made here: 4 neighbourhoods of 10
// groups, or WALLPRESS_BENCH_COMMUNITIES × WALLPRESS_BENCH_GROUPS.
func benchSite(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("WALLPRESS_BENCH_SITE"); dir != "" {
		return dir
	}
	n := func(key string, def int) int {
		if v, err := strconv.Atoi(os.Getenv(key)); err == nil && v > 0 {
			return v
		}
		return def
	}
	out := filepath.Join(b.TempDir(), "site")
	_, err := gen.Generate(gen.Options{Out: out, Communities: n("WALLPRESS_BENCH_COMMUNITIES", 4), Groups: n("WALLPRESS_BENCH_GROUPS", 10), Seed: 1, Images: gen.NoImages,
		Theme: filepath.Join(testsite.RepoRoot(), "themes", "default")})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func benchLoad(b *testing.B, root string) (*Model, *Result) {
	b.Helper()
	res := &Result{Diags: &diag.List{}}
	m, err := Load(root, res)
	if err != nil || m == nil || res.Diags.HasErrors() {
		b.Fatalf("load: %v, %d diagnostics", err, res.Diags.Len())
	}
	return m, res
}

// BenchmarkLoad reads, parses and checks the whole site: config, content,
// markdown, ledgers.
func BenchmarkLoad(b *testing.B) {
	root := benchSite(b)
	var pages int
	for b.Loop() {
		m, _ := benchLoad(b, root)
		pages = len(m.Tree.Pages)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*pages), "ns/page")
}

// BenchmarkRender executes the templates of every page into memory.
func BenchmarkRender(b *testing.B) {
	m, _ := benchLoad(b, benchSite(b))
	in := site.Input{Config: m.Config, Catalog: m.Catalog, Site: m.Tree, Bodies: m.Bodies, Images: m.Images}
	var n, bytes int
	for b.Loop() {
		n, bytes = 0, 0
		err := m.Theme.Render(in, func(p string, data []byte) error {
			n++
			bytes += len(data)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/file")
	b.ReportMetric(float64(bytes)/float64(n), "bytes/file")
}

// BenchmarkWriteSite renders and writes the website into a folder that
// already holds the previous build: the warm rebuild's output half.
func BenchmarkWriteSite(b *testing.B) {
	m, _ := benchLoad(b, benchSite(b))
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if err := writeSite(m, out, &Result{Diags: &diag.List{}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild is a whole build, cold the first time and warm after.
// For a CPU profile of the full sub-district:
//
//	go run ./generator/cmd/synth --out /dev/shm/sub
//	WALLPRESS_BENCH_SITE=/dev/shm/sub go test ./generator/build -run '^$' -bench Build -benchtime 1x -cpuprofile cpu.prof
func BenchmarkBuild(b *testing.B) {
	root := benchSite(b)
	for b.Loop() {
		res, err := Run(context.Background(), Options{Root: root, Write: true})
		if err != nil || res.Diags.HasErrors() {
			b.Fatalf("build: %v, %d diagnostics", err, res.Diags.Len())
		}
	}
}

// BenchmarkSessionUpdate is serve's rebuild after one record changed: the
// record read again, the pages that show it rendered and written in place.
func BenchmarkSessionUpdate(b *testing.B) {
	root := benchSite(b)
	s := NewSession(root, filepath.Join(b.TempDir(), "site"))
	if res, err := s.Build(nil); err != nil || res.Diags.HasErrors() {
		b.Fatalf("first build: %v", err)
	}
	var file string
	fs.WalkDir(os.DirFS(root), "content", func(p string, d fs.DirEntry, err error) error {
		if file == "" && err == nil && strings.HasPrefix(d.Name(), "corridor-") {
			file = p
		}
		return nil
	})
	if file == "" {
		b.Fatal("no story in the site")
	}
	orig, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(filepath.Join(root, file), orig, 0o644) })
	n := 0
	for b.Loop() {
		n++
		os.WriteFile(filepath.Join(root, file), append(slices.Clone(orig), fmt.Sprintf("\n补记 %d。\n", n)...), 0o644)
		res, err := s.Build([]string{file})
		if err != nil || res.Diags.HasErrors() || res.Timings[len(res.Timings)-1].Stage != "update" {
			b.Fatalf("update: %v, errors %v, %v", err, res.Diags.HasErrors(), res.Timings)
		}
	}
}

// BenchmarkSearchIndex indexes the site's pages as published (rendered and
// masked once, before the timer): what search adds to writing the website,
// but for the writing of its files.
func BenchmarkSearchIndex(b *testing.B) {
	m, _ := benchLoad(b, benchSite(b))
	type page struct {
		name string
		data []byte
	}
	var pages []page
	var mu sync.Mutex
	err := m.Theme.Render(site.Input{Config: m.Config, Catalog: m.Catalog, Site: m.Tree, Bodies: m.Bodies, Images: m.Images}, func(p string, data []byte) error {
		data = m.Mask.WebFile(p, data)
		mu.Lock()
		pages = append(pages, page{p, data})
		mu.Unlock()
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var bytes int
	for b.Loop() {
		docs := m.newSearchDocs(true)
		bytes = 0
		forEach(len(pages), func(i int) {
			docs.Add(pages[i].name, pages[i].data)
		})
		docs.Index().WriteFiles(func(_ string, data []byte) error {
			bytes += len(data)
			return nil
		})
	}
	b.ReportMetric(float64(bytes), "shard-bytes")
}
