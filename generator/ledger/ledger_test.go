package ledger

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"wallpress/generator/diag"
)

// table builds a Table from pipe rows, the header first; the header is at
// line 10 and row i at line 12+i, as if a markdown table followed a
// delimiter row.
func table(rows ...string) Table {
	split := func(s string) []string {
		s = strings.TrimSpace(s)
		s = strings.TrimPrefix(strings.TrimSuffix(s, "|"), "|")
		return strings.Split(s, "|")
	}
	t := Table{Header: split(rows[0]), HeaderLine: 10}
	for i, r := range rows[1:] {
		t.Rows = append(t.Rows, split(r))
		t.Lines = append(t.Lines, 12+i)
	}
	return t
}

// short renders diagnostics as "line severity key" for comparison.
func short(list *diag.List) []string {
	var out []string
	for _, d := range list.Items() {
		out = append(out, fmt.Sprintf("%d %s %s", d.Pos.Line, d.Severity, d.Key))
	}
	return out
}

func money(m Money) *Money { return &m }

func TestComputeBook(t *testing.T) {
	tb := table(
		"| 日期 | 摘要 | 类别 | 收入 | 支出 | 经手人 | 结余 |",
		"| 2024-01-06 | 楼组成员自愿筹款 | 筹款 | 600.00 | | 刘阿姨 | |",
		"| 2024-01-20 | 购买楼道绿植 | 美化 | | 86.50 | 王师傅 | 1,713.50 |",
		"| 2024-03-02 | 打印公约 | | | 12 | 王师傅 | |",
		"| 2024-03-10 | 街道补贴 | 筹款 | ¥300 | | | 2,001.50 |",
		"| 2024-04-01 | 绿植养护 | 美化 | | １００．５０ | | |",
	)
	var list diag.List
	b := Compute(tb, 120000, money(190100), "content/a/b/account-2024.md", &list)
	if list.Len() != 0 {
		t.Fatalf("diagnostics: %v", short(&list))
	}
	if !b.Balanced || b.Opening != 120000 || b.Closing != 190100 || b.TotalIncome != 90000 || b.TotalExpense != 19900 {
		t.Errorf("book = balanced %v opening %v closing %v income %v expense %v",
			b.Balanced, b.Opening, b.Closing, b.TotalIncome, b.TotalExpense)
	}
	var balances []Money
	var lines []int
	for _, e := range b.Entries {
		balances = append(balances, e.Balance)
		lines = append(lines, e.Line)
	}
	if want := []Money{180000, 171350, 170150, 200150, 190100}; !reflect.DeepEqual(balances, want) {
		t.Errorf("running balances %v; want %v", balances, want)
	}
	if want := []int{12, 13, 14, 15, 16}; !reflect.DeepEqual(lines, want) {
		t.Errorf("lines %v; want %v", lines, want)
	}
	e := b.Entries[1]
	if e.Date != (Date{2024, 1, 20}) || e.Item != "购买楼道绿植" || e.Category != "美化" || e.By != "王师傅" ||
		e.Expense != 8650 || e.Asserted == nil || *e.Asserted != 171350 || b.Entries[0].Asserted != nil {
		t.Errorf("entry 2 = %+v", e)
	}
	wantCats := []CategoryTotal{{"筹款", 90000, 0}, {"美化", 0, 18700}, {"", 0, 1200}}
	if !reflect.DeepEqual(b.Categories, wantCats) {
		t.Errorf("categories %v; want %v", b.Categories, wantCats)
	}
	wantMonths := []MonthTotal{{2024, 1, 60000, 8650}, {2024, 2, 0, 0}, {2024, 3, 30000, 1200}, {2024, 4, 0, 10050}}
	if !reflect.DeepEqual(b.Months, wantMonths) {
		t.Errorf("months %v; want %v", b.Months, wantMonths)
	}
}

func TestComputeColumns(t *testing.T) {
	// English, another order, any case, units in brackets, extra columns.
	tb := table(
		"| Expense (¥) | DATE | Item | 收入（元） | Remark | Balance | |",
		"| 10 | 2024-01-01 | a | | r1 | | |",
		"| | 2024-01-02 | b | 5 | | 95.00 | x |",
	)
	var list diag.List
	b := Compute(tb, 10000, nil, "f.md", &list)
	if list.Len() != 0 || !b.Balanced || b.Closing != 9500 {
		t.Fatalf("closing %v balanced %v diagnostics %v", b.Closing, b.Balanced, short(&list))
	}
	if b.Categories != nil {
		t.Errorf("categories %v without a category column", b.Categories)
	}
	if want := []string{"Remark", ""}; !reflect.DeepEqual(b.ExtraColumns, want) {
		t.Errorf("extra columns %q; want %q", b.ExtraColumns, want)
	}
	if want := []Field{{"Remark", ""}, {"", "x"}}; !reflect.DeepEqual(b.Entries[1].Extra, want) {
		t.Errorf("extra %q; want %q", b.Entries[1].Extra, want)
	}
	for h, want := range map[string]column{
		"日期": colDate, " date ": colDate, "ＤＡＴＥ": colDate, "日 期": colDate, "摘要": colItem, "事项": colItem,
		"ITEM": colItem, "收入": colIncome, "income": colIncome, "支出(元)": colExpense, "expense": colExpense,
		"类别": colCategory, "Category": colCategory, "经手人": colBy, "by": colBy, "凭证": colReceipt,
		"receipt": colReceipt, "结余": colBalance, "余额": colBalance, "balance": colBalance, "备注": colNote,
		"note": colNote, "备注：": colNote, "金额": colNone, "": colNone,
	} {
		if got := roleOf(h); got != want {
			t.Errorf("roleOf(%q) = %d; want %d", h, got, want)
		}
	}
}

func TestComputeMissingColumns(t *testing.T) {
	tb := table(
		"| 时间 | 摘要 | 金额 |",
		"| 2024-01-01 | a | 5 |",
		"| 2024-01-02 | b | 6 |",
	)
	var list diag.List
	b := Compute(tb, 100, nil, "f.md", &list)
	items := list.Items()
	if len(items) != 1 {
		t.Fatalf("diagnostics %v; want exactly one", short(&list))
	}
	d := items[0]
	want := diag.Diagnostic{
		Pos: diag.Pos{File: "f.md", Line: 10}, Severity: diag.Error, Key: "ledger.columns",
		Args: diag.Args{"found": "时间 | 摘要 | 金额", "missing": "日期/date, 收入/income, 支出/expense"},
		Hint: "ledger.columns.hint",
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("diagnostic %+v; want %+v", d, want)
	}
	if b.Balanced || len(b.Entries) != 0 || b.Closing != 100 {
		t.Errorf("book %+v", b)
	}

	list = diag.List{}
	Compute(table("| 日期 | 摘要 | 收入 | Income |"), 0, nil, "f.md", &list)
	if got := short(&list); !reflect.DeepEqual(got, []string{"10 error ledger.columns.duplicate"}) {
		t.Errorf("duplicate: %v", got)
	}

	list = diag.List{}
	b = Compute(Table{}, 0, nil, "f.md", &list)
	if got := short(&list); !reflect.DeepEqual(got, []string{"0 error ledger.empty"}) || b == nil {
		t.Errorf("empty: %v", got)
	}
}

func TestComputeBalanceAssertion(t *testing.T) {
	// The SPEC's example: the 结余 cell says 1,530.50, the book 1,503.50.
	tb := table(
		"| 日期 | 摘要 | 收入 | 支出 | 结余 |",
		"| 2024-01-06 | 筹款 | 600.00 | | |",
		"| 2024-01-20 | 绿植 | | 96.50 | 1,530.50 |",
		"| 2024-01-21 | 花盆 | | 3.50 | 1,500.00 |",
	)
	var list diag.List
	b := Compute(tb, 100000, money(150000), "account-2024.md", &list)
	items := list.Items()
	if len(items) != 1 {
		t.Fatalf("diagnostics %v; want one", short(&list))
	}
	want := diag.Diagnostic{
		Pos: diag.Pos{File: "account-2024.md", Line: 13}, Severity: diag.Error, Key: "ledger.balance",
		Args: diag.Args{"want": diag.Money(153050), "got": diag.Money(150350), "diff": diag.Money(2700)},
		Hint: "ledger.balance.hint",
	}
	if !reflect.DeepEqual(items[0], want) {
		t.Errorf("diagnostic %+v; want %+v", items[0], want)
	}
	// The book's own arithmetic goes on: the last row and the closing hold.
	if b.Balanced || b.Closing != 150000 || b.Entries[1].Balance != 150350 {
		t.Errorf("balanced %v closing %v", b.Balanced, b.Closing)
	}
}

func TestComputeClosing(t *testing.T) {
	tb := table(
		"| 日期 | 摘要 | 支出 |",
		"| 2024-01-20 | 绿植 | 86.50 |",
	)
	var list diag.List
	b := Compute(tb, 10000, money(2000), "a.md", &list)
	want := []diag.Diagnostic{{
		Pos: diag.Pos{File: "a.md"}, Severity: diag.Error, Key: "ledger.closing",
		Args: diag.Args{"want": diag.Money(2000), "got": diag.Money(1350), "diff": diag.Money(650)},
		Hint: "ledger.closing.hint",
	}}
	if got := list.Items(); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics %+v; want %+v", got, want)
	}
	if b.Balanced {
		t.Error("balanced despite a wrong closing")
	}

	list = diag.List{}
	ComputeWith(tb, Options{File: "a.md", Opening: 10000, Closing: money(1000), ClosingLine: 4}, &list)
	if got := short(&list); !reflect.DeepEqual(got, []string{"4 error ledger.closing"}) {
		t.Errorf("closing line: %v", got)
	}
}

func TestComputeRowErrors(t *testing.T) {
	tb := table(
		"| 日期 | 摘要 | 收入 | 支出 | 结余 | 备注 |",
		"| 2024-01-05 | both | 10 | 5 | | |",         // 12 both
		"| 2024-01-06 | resync | 1 | | 106.00 | |",   // 13 trusted after the error
		"| 2024-01-07 | bad comma | | 12,5 | | |",    // 14 money
		"| 2024-01-08 | still unsure | | 1 | | |",    // 15
		"| 2024-01-09 | resync | | 1 | 90.00 | |",    // 16
		"| 2024-01-03 | early | 1 | | 91.00 | |",     // 17 order warning
		"| | no date | 1 | | | |",                    // 18 date empty
		"| 2024-02-30 | no such day | 1 | | | |",     // 19 impossible date
		"| 2024-02-01 | forgot the amount | | | | |", // 20 warning
		"| | | | | | |", // 21 blank: skipped
		"| 2024-02-02 | balance typo | | 1 | 9x | |", // 22 money in 结余
		"| 2024-02-03 | wide | | 1 | | | spill |",    // 23 extra cells
		"| 2024-02-04 | wrong | | | 1.00 | 核对 |",     // 24 balance check fails
		"| 2024-02-05 | negative | -5 | | | |",       // 25 negative
		"| 2024-02-06 | decimals | 1.005 | | | |",    // 26 decimals
		"| 2024-02-07 | after | | 1 | | |",           // 27, then the closing is not checked
	)
	var list diag.List
	b := Compute(tb, 10000, money(1), "f.md", &list)
	want := []string{
		"0 warning ledger.closing.unchecked", // after row 25
		"12 error ledger.row.both",
		"13 warning ledger.balance.unchecked",
		"14 error ledger.money.comma",
		"16 warning ledger.balance.unchecked",
		"17 warning ledger.date.order",
		"18 error ledger.date.empty",
		"19 error ledger.date.impossible",
		"20 warning ledger.row.noamount",
		"22 error ledger.money.chars",
		"23 warning ledger.row.extra",
		"24 error ledger.balance",
		"25 error ledger.money.negative",
		"26 error ledger.money.decimals",
	}
	if got := short(&list); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	byLine := map[int]diag.Diagnostic{}
	for _, d := range list.Items() {
		byLine[d.Pos.Line] = d
	}
	if got := byLine[14]; !reflect.DeepEqual(got.Args, diag.Args{"cell": "12,5", "column": "支出"}) || got.Hint != "ledger.money.comma.hint" {
		t.Errorf("money diagnostic %+v", got)
	}
	if got := byLine[12]; !reflect.DeepEqual(got.Args, diag.Args{"income": "10", "expense": "5"}) {
		t.Errorf("both diagnostic %+v", got)
	}
	if got := byLine[17]; !reflect.DeepEqual(got.Args, diag.Args{"date": "2024-01-03", "prev": "2024-01-09"}) {
		t.Errorf("order diagnostic %+v", got)
	}
	if got := byLine[19]; !reflect.DeepEqual(got.Args, diag.Args{"cell": "2024-02-30", "column": "日期"}) {
		t.Errorf("date diagnostic %+v", got)
	}
	if got := byLine[23]; !reflect.DeepEqual(got.Args, diag.Args{"count": 1}) {
		t.Errorf("extra cells diagnostic %+v", got)
	}
	// The balance at row 24: 91 + 1 (row 18) + 1 (row 19) - 1 - 1 = 91.
	if got := byLine[24]; !reflect.DeepEqual(got.Args, diag.Args{"want": diag.Money(100), "got": diag.Money(9100), "diff": diag.Money(9000)}) {
		t.Errorf("balance diagnostic %+v", got)
	}
	if b.Balanced {
		t.Error("balanced with errors")
	}
	if len(b.Entries) != 15 {
		t.Errorf("%d entries; want 15 (the blank row skipped)", len(b.Entries))
	}
	// The row with an unreadable 结余 keeps no assertion.
	if b.Entries[10].Asserted != nil {
		t.Errorf("row 22 asserted %v", *b.Entries[10].Asserted)
	}
}

func TestComputeOpeningRow(t *testing.T) {
	tb := table(
		"| 日期 | 摘要 | 收入 | 支出 | 结余 |",
		"| | 承上年结余 | | | 1,200.00 |",
		"| 2024-01-06 | 筹款 | 600 | | 1,800.00 |",
	)
	var list diag.List
	b := Compute(tb, 0, money(180000), "f.md", &list)
	if list.Len() != 0 || !b.Balanced || b.Opening != 120000 || b.Closing != 180000 {
		t.Errorf("opening %v closing %v diagnostics %v", b.Opening, b.Closing, short(&list))
	}
	if len(b.Months) != 1 || b.Entries[0].Date != (Date{}) {
		t.Errorf("months %v, first date %v", b.Months, b.Entries[0].Date)
	}

	// With an opening balance given, the same row is an ordinary check.
	list = diag.List{}
	b = Compute(tb, 100000, nil, "f.md", &list)
	if got := short(&list); !reflect.DeepEqual(got, []string{"12 error ledger.balance", "13 error ledger.balance"}) || b.Opening != 100000 {
		t.Errorf("diagnostics %v, opening %v", got, b.Opening)
	}
}

func TestComputeTooLarge(t *testing.T) {
	tb := table(
		"| 日期 | 摘要 | 收入 |",
		"| 2024-01-06 | a | 92,233,720,368,547,758.07 |",
		"| 2024-01-07 | b | 1 |",
	)
	var list diag.List
	b := Compute(tb, 0, money(0), "f.md", &list)
	if got := short(&list); !reflect.DeepEqual(got, []string{"0 warning ledger.closing.unchecked", "13 error ledger.total.toolarge"}) || b.Balanced {
		t.Errorf("diagnostics %v", got)
	}
}

func TestComputeShortRowsAndMissingLines(t *testing.T) {
	// Rows shorter than the header (CSV) and a Lines slice that is short.
	tb := Table{
		Header: []string{"date", "item", "income", "expense"},
		Rows:   [][]string{{"2024-01-01", "a", "5"}, {"2024-01-02", "b"}},
		Lines:  []int{7},
	}
	var list diag.List
	b := Compute(tb, 0, nil, "f.csv", &list)
	if got := short(&list); !reflect.DeepEqual(got, []string{"0 warning ledger.row.noamount"}) || b.Closing != 500 {
		t.Errorf("diagnostics %v closing %v", got, b.Closing)
	}
}

func BenchmarkCompute(b *testing.B) {
	rows := []string{"| 日期 | 摘要 | 类别 | 收入 | 支出 | 经手人 | 结余 | 备注 |"}
	bal := Money(120000)
	for i := range 40 {
		d := fmt.Sprintf("2024-%02d-%02d", i/4+1, i%4*7+1)
		if i%5 == 0 {
			bal += 60000
			rows = append(rows, fmt.Sprintf("| %s | 筹款 | 筹款 | 600.00 | | 刘阿姨 | %s | |", d, bal))
		} else {
			bal -= 1250
			rows = append(rows, fmt.Sprintf("| %s | 绿植 | 美化 | | ¥12.50 | 王师傅 | | 发票 |", d))
		}
	}
	tb := table(rows...)
	var list diag.List
	if Compute(tb, 120000, &bal, "f.md", &list); list.Len() != 0 {
		b.Fatalf("diagnostics %v", short(&list))
	}
	b.ReportAllocs()
	for b.Loop() {
		Compute(tb, 120000, &bal, "f.md", &list)
	}
}
