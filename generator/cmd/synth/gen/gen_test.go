package gen

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wallpress/generator/build"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
)

func generate(t *testing.T, o Options) string {
	t.Helper()
	o.Out = filepath.Join(t.TempDir(), "site")
	o.Theme = filepath.Join(testsite.RepoRoot(), "themes", "default")
	if _, err := Generate(o); err != nil {
		t.Fatal(err)
	}
	return o.Out
}

// The same seed writes the same bytes; another seed writes other text.
func TestDeterministic(t *testing.T) {
	o := Options{Communities: 2, Groups: 3, Seed: 7, Images: SmallImages}
	a, b := testsite.ReadTree(t, generate(t, o)), testsite.ReadTree(t, generate(t, o))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	o.Seed = 8
	c := testsite.ReadTree(t, generate(t, o))
	same := 0
	for p, data := range a {
		if strings.HasPrefix(p, "content/") && strings.HasSuffix(p, ".md") && bytes.Equal(data, c[p]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d markdown files are the same with another seed", same)
	}
}

// A synthetic site builds with no error and no warning, publishes every
// record type, and has the planned number of files.
func TestBuildsClean(t *testing.T) {
	root := generate(t, Options{Communities: 2, Groups: 4, Seed: 1, Images: SmallImages})
	res, err := build.Run(context.Background(), build.Options{Root: root, Write: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items() {
		// Small photos are too small for an A3 poster, and say so; what
		// the default theme leaves off a poster (a chart, a cover's long
		// introduction) is told too.
		if d.Severity == diag.Warning && (d.Key == "posters.lowDPI" || strings.HasPrefix(d.Key, "posters.leftOff.")) {
			continue
		}
		t.Errorf("%s: %s %v", d.Pos, d.Key, d.Args)
	}
	site := content.Load(os.DirFS(root), res.Diags)
	kinds := map[content.Kind]int{}
	for _, p := range site.Pages {
		kinds[p.Kind]++
		if p.Kind == content.KindLedger {
			if p.Ledger.Closing == nil {
				t.Errorf("%s has no closing balance to check", p.File)
			}
		}
	}
	for _, k := range content.AllKinds {
		if kinds[k] == 0 {
			t.Errorf("no %s record", k)
		}
	}
	if got, want := len(site.Pages), 1+2+2*4*7; got != want {
		t.Errorf("%d pages, want %d", got, want)
	}
	// Five photos a group, less those of the activities kept for the wall.
	wall := 0
	for _, p := range site.Pages {
		if p.Publish == content.Wall {
			wall++
		}
	}
	if wall == 0 {
		t.Error("no record is for the wall only")
	}
	if want := 2*4*5 - wall; res.Images != want {
		t.Errorf("%d images published, want %d", res.Images, want)
	}
	if _, err := os.Stat(filepath.Join(root, "public", "index.html")); err != nil {
		t.Error(err)
	}
}

// Ledgers have about forty rows and their stated balances hold: the build
// finds every book balanced, whether kept in markdown or in CSV.
func TestLedgersBalance(t *testing.T) {
	root := generate(t, Options{Communities: 1, Groups: 20, Seed: 3})
	res := &build.Result{Diags: &diag.List{}}
	m, err := build.Load(root, res)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.Len() != 0 {
		t.Fatalf("%d diagnostics", res.Diags.Len())
	}
	books, csv := 0, 0
	for _, p := range m.Tree.Pages {
		if p.Kind != content.KindLedger {
			continue
		}
		books++
		if p.Ledger.CSV != "" {
			csv++
		}
		b := p.Ledger.Book
		if b == nil || !b.Balanced {
			t.Errorf("%s is not balanced", p.File)
			continue
		}
		if n := len(b.Entries); n < 36 || n > 44 {
			t.Errorf("%s has %d rows", p.File, n)
		}
		if b.TotalIncome == 0 || b.TotalExpense == 0 {
			t.Errorf("%s: income %d, expense %d", p.File, b.TotalIncome, b.TotalExpense)
		}
	}
	if books != 20 || csv == 0 {
		t.Errorf("%d books, %d from CSV", books, csv)
	}
}

func TestMoney(t *testing.T) {
	for fen, want := range map[int64]string{0: "0.00", 5: "0.05", 12345: "123.45", 123456: "1,234.56", 123456789: "1,234,567.89"} {
		if got := money(fen); got != want {
			t.Errorf("money(%d) = %q, want %q", fen, got, want)
		}
	}
}
