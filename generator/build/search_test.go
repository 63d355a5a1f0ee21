package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
)

// buildWebsite builds root's website alone into a temporary folder and
// returns the model and the folder.
func buildWebsite(t *testing.T, root string) (*Model, string) {
	t.Helper()
	res := &Result{Diags: &diag.List{}}
	m, err := Load(root, res)
	if err != nil || m == nil || res.Diags.HasErrors() {
		t.Fatalf("load: %v %v", err, res.Diags.Items())
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := writeSite(m, out, res); err != nil {
		t.Fatal(err)
	}
	return m, out
}

// TestSearchDemo: the queries of the issue find their pages on the demo.
func TestSearchDemo(t *testing.T) {
	m, out := buildWebsite(t, testsite.Demo(t))
	ix := m.search
	if ix == nil {
		t.Fatal("no search index")
	}
	const b12 = "gongnong-sancun/building-12/"
	for _, tc := range []struct {
		q, first, has string
	}{
		{q: "洗手池", has: "gongnong-sancun/building-17/story-garbage-point/"},
		{q: "12号楼", first: b12},
		{q: "12号", first: b12},
		{q: "十二号楼", first: b12},
		{q: "１２号楼", first: b12},
		{q: "building 12", first: b12},
		{q: "12号楼3单元", first: b12},
		{q: "工农三村", first: "gongnong-sancun/"},
	} {
		got := ix.Search(tc.q)
		if tc.first != "" && (len(got) == 0 || got[0] != tc.first) {
			t.Errorf("%s: first %v, want %s", tc.q, got, tc.first)
		}
		if tc.has != "" && !slices.Contains(got, tc.has) {
			t.Errorf("%s: %v lacks %s", tc.q, got, tc.has)
		}
	}
	// Every document of the index is a page of the website, and the index
	// is loaded from the search page's folder.
	for _, url := range ix.URLs() {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(url), "index.html")); err != nil {
			t.Errorf("indexed %s is not a page: %v", url, err)
		}
	}
	for _, f := range []string{"search/index.html", "search/meta.js", "search/s/0.js", "search/d/0.js", "static/search.js"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
}

// TestSearchNoName: a masked name is not findable, and no file of the index
// holds it.
func TestSearchNoName(t *testing.T) {
	root, names := namesSite(t)
	m, out := buildWebsite(t, root)
	if m.search == nil {
		t.Fatal("no search index")
	}
	if got := m.search.Search("林"); len(got) == 0 {
		t.Fatal("the family name alone, which masking keeps, finds nothing: is the fixture indexed?")
	}
	for _, n := range names {
		if got := m.search.Search(n); len(got) > 0 {
			t.Errorf("%s finds %v", n, got)
		}
	}
	files := readTree(t, filepath.Join(out, "search"))
	for name, data := range files {
		for _, n := range names {
			if strings.Contains(string(data), n) {
				t.Errorf("search/%s holds %s", name, n)
			}
		}
	}
}

// TestSearchPublish: wall-only and nowhere records and drafts are not
// indexed.
func TestSearchPublish(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	dir := filepath.Join(root, "content", "demo-cun", "building-1")
	for name, text := range map[string]string{
		"wall-magpie.md":  "---\ntype: activity\ntitle: 墙上的喜鹊通知\ndate: 2024-05-01\npublish: wall\n---\n\n只贴在墙上的喜鹊。\n",
		"nowhere.md":      "---\ntype: activity\ntitle: 不公开的喜鹊\ndate: 2024-05-01\npublish: nowhere\n---\n\n哪里都不放的喜鹊。\n",
		"draft-magpie.md": "---\ntype: activity\ntitle: 草稿喜鹊\ndate: 2024-05-01\ndraft: true\n---\n\n草稿里的喜鹊。\n",
		"online.md":       "---\ntype: activity\ntitle: 网上的画眉\ndate: 2024-05-01\n---\n\n公开的画眉。\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, _ := buildWebsite(t, root)
	// The group page lists the online record: it is found too, after it.
	if got := m.search.Search("画眉"); len(got) == 0 || got[0] != "demo-cun/building-1/online/" {
		t.Errorf("画眉: %v", got)
	}
	if got := m.search.Search("喜鹊"); len(got) > 0 {
		t.Errorf("喜鹊 (wall, nowhere, draft) finds %v", got)
	}
}

// TestSearchSession: an edited record rewrites only the shards whose terms
// changed, and the index is then the one a full build makes.
func TestSearchSession(t *testing.T) {
	root, out, s := sessionSite(t)
	shards, _ := filepath.Glob(filepath.Join(out, "search", "s", "*.js"))
	before := map[string]os.FileInfo{}
	for _, f := range shards {
		before[f], _ = os.Stat(f)
	}
	file := editFile(t, root, "demo-cun/building-1/story-spring.md", "title: 楼道大变样", "title: 楼道大变样，画眉鸟来了")
	res, err := s.Build([]string{file})
	if err != nil || res.Diags.HasErrors() || !incremental(res) {
		t.Fatalf("%v %+v, incremental %v", err, res.Diags.Items(), incremental(res))
	}
	sameAsFullBuild(t, root, out)
	rewritten := 0
	for _, f := range shards {
		if st, _ := os.Stat(f); !os.SameFile(before[f], st) {
			rewritten++
		}
	}
	if rewritten == 0 || rewritten == len(shards) {
		t.Errorf("%d of %d shards rewritten, want those of 画, 眉, 鸟, 来 and 了 only", rewritten, len(shards))
	}
	if got := s.m.search.Search("画眉鸟"); len(got) == 0 || got[0] != "demo-cun/building-1/story-spring/" {
		t.Errorf("画眉鸟 after the edit: %v", got)
	}
}
