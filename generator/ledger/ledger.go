// Package ledger checks and sums a building group's account book: exact
// money in fen, dates as volunteers write them, the entries table with its
// running balance and balance assertions, totals per category and month, a
// bar chart's geometry, and CSV import in UTF-8 or GB18030. It is pure: the
// caller reads files and extracts the table's cells; problems go into a
// diag.List.
package ledger

import (
	"math"
	"strings"
	"time"

	"wallpress/generator/diag"
)

// Field is an extra column's value on one row.
type Field struct {
	Name, Value string
}

// Entry is one row of the book.
type Entry struct {
	// Line is the row's 1-based source line.
	Line int
	// Date is zero when the cell was empty or not a date (an error, or a
	// text-only row).
	Date                              Date
	Item, Category, By, Receipt, Note string
	Income, Expense                   Money
	// Balance is the running balance after this row.
	Balance Money
	// Asserted is the balance the row's 结余 cell states, nil when empty.
	Asserted *Money
	// Extra holds the columns the ledger does not know, one per column in
	// table order (empty values included), to be shown as notes.
	Extra []Field
}

// Book is a computed account book.
type Book struct {
	Opening, Closing          Money
	TotalIncome, TotalExpense Money
	Entries                   []Entry
	// ExtraColumns are the headers of the columns kept in Entry.Extra.
	ExtraColumns []string
	// Categories are sorted by first appearance. Nil when the table has no
	// category column; amounts on rows with an empty category are under the
	// Name "".
	Categories []CategoryTotal
	// Months runs chronologically over every month from the earliest to the
	// latest dated entry, zeros included.
	Months []MonthTotal
	// Balanced reports that the table had no errors and every balance
	// assertion (the 结余 cells and the closing balance) held.
	Balanced bool
}

// CategoryTotal is the income and expense of one category.
type CategoryTotal struct {
	Name            string
	Income, Expense Money
}

// MonthTotal is the income and expense of one calendar month.
type MonthTotal struct {
	Year            int
	Month           time.Month
	Income, Expense Money
}

// Options are the inputs of a book besides its table, from the front matter.
type Options struct {
	// File is the site-relative path used in diagnostics.
	File string
	// Opening is the opening balance.
	Opening Money
	// Closing is the asserted closing balance, nil when absent.
	Closing *Money
	// ClosingFile, when set, is the file of the closing key (the markdown
	// record when the rows come from a CSV file); File otherwise.
	ClosingFile string
	// ClosingLine is the line of the closing key, where a wrong closing
	// balance is reported (0: no line).
	ClosingLine int
}

// Compute checks and sums t; see ComputeWith. A wrong closing balance is
// reported without a line.
func Compute(t Table, opening Money, closing *Money, file string, list *diag.List) *Book {
	return ComputeWith(t, Options{File: file, Opening: opening, Closing: closing}, list)
}

// ComputeWith checks and sums t. Every problem goes into list with o.File and
// the line of the row (or header) it is about; the book is returned even when
// there are errors, so that a preview can show it.
//
// The rules, beyond the package's parsers:
//   - Columns are found by header (roleOf), in any order. Date, item and at
//     least one of income and expense are required; without them there is one
//     error at the header line and an empty book. Other columns are extras.
//   - A row with every cell empty is skipped.
//   - A row with both an income and an expense is an error: one row is one
//     movement of money.
//   - A row with neither is a balance check when its 结余 cell is filled
//     (carried-forward lines like 上年结转). When it is the first row and the
//     opening balance is zero, its balance is taken as the opening balance,
//     because writing 承上年结余 as the first line is how paper books start.
//     A row with no amount and no balance is kept as text with a warning
//     (likely a forgotten amount). Only rows with an amount need a date.
//   - A 结余 cell that differs from the running balance is an error at that
//     row. The running balance is not reset to it, so every later wrong
//     cell is reported against the book's own arithmetic. After an amount
//     that could not be read (or a row with both amounts), though, the next
//     结余 cell, on that row or below, is trusted and resets the running
//     balance, so that one typo is one error; the closing balance is not
//     checked while such a row is unresolved.
//   - A row dated before the row above is a warning; order is the table's.
func ComputeWith(t Table, o Options, list *diag.List) *Book {
	c := computer{file: o.File, list: list}
	b := &Book{Opening: o.Opening}
	cols, ok := c.columns(t)
	if !ok {
		b.Closing = b.Opening
		return b
	}
	if cols[colCategory] >= 0 {
		b.Categories = []CategoryTotal{}
	}
	known := make([]bool, len(t.Header)) // columns with a role
	for _, j := range cols {
		if j >= 0 {
			known[j] = true
		}
	}
	var extras []int // indexes of the extra columns
	for i, h := range t.Header {
		if !known[i] && (trim(h) != "" || columnUsed(t, i)) {
			extras = append(extras, i)
			b.ExtraColumns = append(b.ExtraColumns, trim(h))
		}
	}

	b.Entries = make([]Entry, 0, len(t.Rows))
	asserted := make([]Money, len(t.Rows)) // backing store for Entry.Asserted
	catIndex := map[string]int{}
	months := map[int]*MonthTotal{}
	bal := o.Opening
	// unsure marks an unreadable amount since the last trusted balance, on
	// the line badLine: the book's own figure is unknown from there until a
	// written balance is taken as the new starting point.
	unsure, badLine, badFile := false, 0, ""
	distrust := func() {
		if !unsure {
			unsure, badLine, badFile = true, c.line, c.file
		}
	}
	var prev Date
	for i, row := range t.Rows {
		if blankRow(row) {
			continue
		}
		line := 0
		if i < len(t.Lines) {
			line = t.Lines[i]
		}
		c.line = line
		var cells [numColumns]string
		for col, j := range cols {
			if j >= 0 && j < len(row) {
				cells[col] = trim(row[j])
			}
		}
		cell := func(col column) string { return cells[col] }
		e := Entry{
			Line:     line,
			Item:     cell(colItem),
			Category: cell(colCategory),
			By:       cell(colBy),
			Receipt:  cell(colReceipt),
			Note:     cell(colNote),
		}
		if n := len(row) - len(t.Header); n > 0 && !blankRow(row[len(t.Header):]) {
			c.warn("ledger.row.extra", diag.Args{"count": n}, "ledger.row.extra.hint")
		}
		if len(extras) > 0 {
			e.Extra = make([]Field, len(extras))
			for k, j := range extras {
				e.Extra[k].Name = b.ExtraColumns[k]
				if j < len(row) {
					e.Extra[k].Value = trim(row[j])
				}
			}
		}

		var badAmount bool
		money := func(col column) Money {
			m, err := ParseMoney(cell(col))
			if err != nil {
				badAmount = true
				c.moneyError(err, t.Header[cols[col]])
			}
			return m
		}
		e.Income, e.Expense = money(colIncome), money(colExpense)
		var assert *Money
		if s := cell(colBalance); s != "" {
			if m, err := ParseMoney(s); err != nil {
				c.moneyError(err, t.Header[cols[colBalance]])
			} else {
				asserted[i] = m
				assert = &asserted[i]
			}
		}
		e.Asserted = assert
		moves := e.Income != 0 || e.Expense != 0

		// A date is needed where money moves; a balance check (上年结转) or a
		// text-only row may leave it empty.
		dateText := cell(colDate)
		if dateText != "" || cell(colIncome) != "" || cell(colExpense) != "" {
			d, err := ParseDate(dateText)
			if err != nil {
				c.dateError(err, t.Header[cols[colDate]])
			}
			e.Date = d
		}

		switch {
		case e.Income != 0 && e.Expense != 0:
			c.error("ledger.row.both", diag.Args{"income": cell(colIncome), "expense": cell(colExpense)}, "ledger.row.both.hint")
			distrust()
		case !moves && assert == nil && !badAmount:
			c.warn("ledger.row.noamount", diag.Args{"item": e.Item}, "ledger.row.noamount.hint")
		}
		if badAmount {
			distrust()
		}

		if len(b.Entries) == 0 && !moves && !badAmount && assert != nil && o.Opening == 0 {
			b.Opening, bal = *assert, *assert
		}
		var okIn, okOut, okBal bool
		b.TotalIncome, okIn = add(b.TotalIncome, e.Income)
		b.TotalExpense, okOut = add(b.TotalExpense, e.Expense)
		bal, okBal = add(bal, e.Income)
		if okBal {
			bal, okBal = add(bal, -e.Expense)
		}
		if !okIn || !okOut || !okBal {
			c.error("ledger.total.toolarge", nil, "ledger.total.toolarge.hint")
			distrust()
		}

		if assert != nil {
			switch {
			case unsure:
				// The book's own figure is unknown, and any figure compared
				// with the cell would be wrong by the unreadable amount.
				// The cell is the best guess from here on; the volunteer
				// is told once that it was not checked. A balance on the
				// bad row itself needs no word: its error says enough.
				if badLine != c.line {
					c.warn("ledger.balance.unchecked", diag.Args{"file": badFile, "line": badLine, "written": diag.Money(*assert)}, "ledger.balance.unchecked.hint")
				}
				bal, unsure = *assert, false
			case *assert != bal:
				c.error("ledger.balance", mismatch(*assert, bal), "ledger.balance.hint")
			}
		}
		e.Balance = bal

		if !e.Date.IsZero() {
			if !prev.IsZero() && e.Date.Compare(prev) < 0 {
				c.warn("ledger.date.order", diag.Args{"date": e.Date.String(), "prev": prev.String()}, "ledger.date.order.hint")
			}
			prev = e.Date
			k := e.Date.Year*12 + int(e.Date.Month) - 1
			mt := months[k]
			if mt == nil {
				mt = &MonthTotal{Year: e.Date.Year, Month: e.Date.Month}
				months[k] = mt
			}
			mt.Income += e.Income
			mt.Expense += e.Expense
		}
		if b.Categories != nil && moves {
			j, seen := catIndex[e.Category]
			if !seen {
				j = len(b.Categories)
				catIndex[e.Category] = j
				b.Categories = append(b.Categories, CategoryTotal{Name: e.Category})
			}
			b.Categories[j].Income += e.Income
			b.Categories[j].Expense += e.Expense
		}
		b.Entries = append(b.Entries, e)
	}
	b.Closing = bal
	b.Months = fillMonths(months)

	if o.Closing != nil && (unsure || *o.Closing != bal) {
		c.line = o.ClosingLine
		if o.ClosingFile != "" {
			c.file = o.ClosingFile
		}
		if unsure {
			// Any difference named here would be the unreadable amount's.
			c.warn("ledger.closing.unchecked", diag.Args{"file": badFile, "line": badLine, "written": diag.Money(*o.Closing)}, "ledger.balance.unchecked.hint")
		} else {
			c.error("ledger.closing", mismatch(*o.Closing, bal), "ledger.closing.hint")
		}
	}
	b.Balanced = !c.failed
	return b
}

// computer carries what every diagnostic of one table needs.
type computer struct {
	file   string
	line   int
	list   *diag.List
	failed bool // an error was reported
}

func (c *computer) error(key string, args diag.Args, hint string) {
	c.failed = true
	c.list.Error(diag.Pos{File: c.file, Line: c.line}, key, args, hint)
}

func (c *computer) warn(key string, args diag.Args, hint string) {
	c.list.Warn(diag.Pos{File: c.file, Line: c.line}, key, args, hint)
}

func (c *computer) moneyError(err error, header string) {
	c.cellError(err, &MoneyError{Reason: ReasonChars}, header)
}

func (c *computer) dateError(err error, header string) {
	c.cellError(err, &DateError{Reason: ReasonFormat}, header)
}

// cellError reports a cell that did not parse at the row, naming its
// column; other stands in for an error that does not tell itself.
func (c *computer) cellError(err error, other diag.Diagnoser, header string) {
	pos := diag.Pos{File: c.file, Line: c.line}
	d, ok := diag.From(err, pos)
	if !ok {
		d, _ = diag.From(other, pos)
	}
	d.Args["column"] = trim(header)
	c.failed = true
	c.list.Add(d)
}

// columns maps each role to its column index (-1 when absent), reporting a
// duplicated role or missing required ones at the header line.
func (c *computer) columns(t Table) ([numColumns]int, bool) {
	var cols [numColumns]int
	for i := range cols {
		cols[i] = -1
	}
	c.line = t.HeaderLine
	if blankRow(t.Header) {
		c.error("ledger.empty", nil, "ledger.empty.hint")
		return cols, false
	}
	ok := true
	var found []string
	for i, h := range t.Header {
		h = trim(h)
		if h != "" {
			found = append(found, h)
		}
		r := roleOf(h)
		if r == colNone {
			continue
		}
		if cols[r] >= 0 {
			c.error("ledger.columns.duplicate", diag.Args{"column": h, "first": trim(t.Header[cols[r]])}, "ledger.columns.duplicate.hint")
			ok = false
			continue
		}
		cols[r] = i
	}
	var missing []string
	for _, r := range []column{colDate, colItem} {
		if cols[r] < 0 {
			missing = append(missing, r.label())
		}
	}
	if cols[colIncome] < 0 && cols[colExpense] < 0 {
		missing = append(missing, colIncome.label(), colExpense.label())
	}
	if len(missing) > 0 {
		c.error("ledger.columns", diag.Args{
			"found":   strings.Join(found, " | "),
			"missing": strings.Join(missing, ", "),
		}, "ledger.columns.hint")
		ok = false
	}
	return cols, ok
}

// mismatch are the Args of a failed balance assertion.
func mismatch(want, got Money) diag.Args {
	diff, ok := add(want, -got)
	if !ok || diff == math.MinInt64 {
		diff = math.MaxInt64
	}
	return diag.Args{"want": diag.Money(want), "got": diag.Money(got), "diff": diag.Money(diff.Abs())}
}

// add returns a+b and whether it did not overflow.
func add(a, b Money) (Money, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return a, false
	}
	return s, true
}

// fillMonths returns the months from the earliest to the latest, with zero
// totals for months without entries.
func fillMonths(m map[int]*MonthTotal) []MonthTotal {
	if len(m) == 0 {
		return nil
	}
	lo, hi := math.MaxInt, math.MinInt
	for k := range m {
		lo, hi = min(lo, k), max(hi, k)
	}
	out := make([]MonthTotal, 0, hi-lo+1)
	for k := lo; k <= hi; k++ {
		if t := m[k]; t != nil {
			out = append(out, *t)
		} else {
			out = append(out, MonthTotal{Year: k / 12, Month: time.Month(k%12 + 1)})
		}
	}
	return out
}

func blankRow(cells []string) bool {
	for _, s := range cells {
		if trim(s) != "" {
			return false
		}
	}
	return true
}

// columnUsed reports whether any row has a value in column j, so that a
// column whose header was left empty but which holds data is kept.
func columnUsed(t Table, j int) bool {
	for _, row := range t.Rows {
		if j < len(row) && trim(row[j]) != "" {
			return true
		}
	}
	return false
}
