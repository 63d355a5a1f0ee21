package build

import (
	"testing"

	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
	"wallpress/generator/ledger"
)

// The demo's full-year account books, added up by hand from their tables
// (and the CSV), must come out of the build the same.
func TestDemoLedgerTotals(t *testing.T) {
	res := &Result{Diags: &diag.List{}}
	m, err := Load(testsite.Demo(t), res)
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("load: %v %+v", err, res.Diags.Items())
	}
	want := map[string]struct {
		opening, income, expense, closing ledger.Money
		rows                              int
	}{
		"gongnong-sancun/building-12/account-2024.md": {128640, 314000, 258180, 184460, 31},
		"gongnong-sancun/building-17/account-2024.md": {84200, 262350, 176760, 169790, 26},
		"gongnong-sancun/building-31/account-2024.md": {51230, 156000, 112050, 95180, 15},
	}
	found := 0
	for _, p := range m.Tree.Pages {
		w, ok := want[p.Rel]
		if !ok {
			continue
		}
		found++
		b := p.Ledger.Book
		if b == nil {
			t.Errorf("%s: no book", p.Rel)
			continue
		}
		if b.Opening != w.opening || b.TotalIncome != w.income || b.TotalExpense != w.expense || b.Closing != w.closing || !b.Balanced {
			t.Errorf("%s: opening %s income %s expense %s closing %s balanced %v; want %s %s %s %s", p.Rel,
				b.Opening, b.TotalIncome, b.TotalExpense, b.Closing, b.Balanced, w.opening, w.income, w.expense, w.closing)
		}
		var dated int
		for _, e := range b.Entries {
			if !e.Date.IsZero() {
				dated++
			}
		}
		if dated < w.rows-2 || len(b.Entries) < w.rows {
			t.Errorf("%s: %d entries (%d dated), want about %d", p.Rel, len(b.Entries), dated, w.rows)
		}
		if len(b.Months) != 12 {
			t.Errorf("%s: %d months, want a full year", p.Rel, len(b.Months))
		}
	}
	if found != len(want) {
		t.Fatalf("found %d of %d demo account books", found, len(want))
	}
}
