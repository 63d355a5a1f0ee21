package ledger_test

import (
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/ledger"
)

// table builds a Table from pipe rows, the header first, at line 10 and
// the rows from line 12, as a markdown table would be.
func table(rows ...string) ledger.Table {
	split := func(s string) []string {
		s = strings.TrimSpace(s)
		return strings.Split(strings.TrimPrefix(strings.TrimSuffix(s, "|"), "|"), "|")
	}
	t := ledger.Table{Header: split(rows[0]), HeaderLine: 10}
	for i, r := range rows[1:] {
		t.Rows = append(t.Rows, split(r))
		t.Lines = append(t.Lines, 12+i)
	}
	return t
}

func catalog(t *testing.T, lang string) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Load(filepath.Join("..", "..", "themes", "default"), lang)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A wrong balance names the figure the volunteer wrote as written and the
// book's own figure as what it should be, never the other way round.
func TestBalanceMessageWording(t *testing.T) {
	tb := table(
		"| 日期 | 摘要 | 收入 | 支出 | 结余 |",
		"| 2025-01-06 | 筹款 | 700.00 | | 1,873.50 |",
		"| 2025-01-20 | 绿植 | | 83.50 | 1,700.00 |",
	)
	var list diag.List
	closing := ledger.Money(150000)
	ledger.Compute(tb, 117350, &closing, "content/c/g/account-2025.md", &list)
	items := list.Items()
	if len(items) != 2 {
		t.Fatalf("diagnostics %+v", items)
	}
	for lang, want := range map[string][]string{
		"zh-CN": {
			"closing 写的期末结余是 1,500.00 元，按账算应该是 1,790.00 元（相差 290.00 元）",
			"这一行写的结余是 1,700.00 元，按账算应该是 1,790.00 元（相差 90.00 元）",
		},
		"en": {
			"the closing balance is written as ¥1,500.00, but the entries add up to ¥1,790.00 (a difference of ¥290.00)",
			"this row's balance is written as ¥1,700.00, but the entries add up to ¥1,790.00 (a difference of ¥90.00)",
		},
	} {
		c := catalog(t, lang)
		var got []string
		for _, d := range items {
			text, _ := c.Message(d)
			got = append(got, text)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n%s\nwant\n%s", lang, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// After an unreadable amount (the letter O typed for a zero), no balance
// that depends on it is compared: the next written balance is taken as it
// stands, with one warning that it was not checked, and the balances after
// it are checked from there. The figures in every message are right.
func TestNoCascadeAfterABadAmount(t *testing.T) {
	for _, c := range []struct {
		name    string
		rows    []string
		closing ledger.Money
		want    []string
	}{
		{"balances after the bad cell", []string{
			"| 2025-01-06 | 筹款 | 600.00 | | 1,800.00 |",
			"| 2025-01-07 | 清洁 | | 3O.00 | |",
			"| 2025-01-08 | 绿植 | | 10.00 | 1,760.00 |",
			"| 2025-01-09 | 打印 | | 10.00 | 1,750.00 |",
		}, 175000, []string{
			"13 error ledger.money.chars",
			"14 warning ledger.balance.unchecked",
		}},
		{"a real mistake after the bad cell is still found", []string{
			"| 2025-01-06 | 筹款 | 600.00 | | 1,800.00 |",
			"| 2025-01-07 | 清洁 | | 3O.00 | |",
			"| 2025-01-08 | 绿植 | | 10.00 | 1,760.00 |",
			"| 2025-01-09 | 打印 | | 10.00 | 1,740.00 |",
		}, 175000, []string{
			"13 error ledger.money.chars",
			"14 warning ledger.balance.unchecked",
			"15 error ledger.balance",
		}},
		{"the balance on the bad row needs no second word", []string{
			"| 2025-01-06 | 筹款 | 600.00 | | 1,800.00 |",
			"| 2025-01-07 | 清洁 | | 3O.00 | 1,770.00 |",
			"| 2025-01-08 | 绿植 | | 10.00 | 1,760.00 |",
		}, 176000, []string{
			"13 error ledger.money.chars",
		}},
		{"no balance after the bad cell: the closing is not checked", []string{
			"| 2025-01-06 | 筹款 | 600.00 | | 1,800.00 |",
			"| 2025-01-07 | 清洁 | | 3O.00 | |",
			"| 2025-01-08 | 绿植 | | 10.00 | |",
		}, 176000, []string{
			"4 warning ledger.closing.unchecked",
			"13 error ledger.money.chars",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := table(append([]string{"| 日期 | 摘要 | 收入 | 支出 | 结余 |"}, c.rows...)...)
			var list diag.List
			ledger.ComputeWith(tb, ledger.Options{Opening: 120000, Closing: &c.closing, ClosingLine: 4, File: "content/c/g/account-2025.md"}, &list)
			var got []string
			for _, d := range list.Items() {
				got = append(got, strings.Join([]string{strconv.Itoa(d.Pos.Line), d.Severity.String(), d.Key}, " "))
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			zh := catalog(t, "zh-CN")
			for _, d := range list.Items() {
				text, hint := zh.Message(d)
				switch d.Key {
				case "ledger.balance.unchecked":
					if want := "content/c/g/account-2025.md 第 13 行有读不出来的金额，所以这一行写的结余 1,760.00 元没有核对"; !strings.HasPrefix(text, want) {
						t.Errorf("message %q, want it to start %q", text, want)
					}
					if !strings.Contains(hint, "第 13 行") {
						t.Errorf("hint %q", hint)
					}
				case "ledger.closing.unchecked":
					if want := "content/c/g/account-2025.md 第 13 行有读不出来的金额，所以 closing 写的期末结余 1,760.00 元没有核对"; text != want {
						t.Errorf("message %q, want %q", text, want)
					}
				}
			}
		})
	}
}

// The table `new` writes for a new account book, header and one empty
// row, is a book without entries and without a word.
func TestEmptyTemplateTable(t *testing.T) {
	var list diag.List
	b := ledger.Compute(table("| 日期 | 摘要 | 类别 | 收入 | 支出 | 经手人 | 结余 |", "| | | | | | | |"), 0, nil, "f.md", &list)
	if list.Len() != 0 || len(b.Entries) != 0 || !b.Balanced {
		t.Fatalf("diagnostics %+v, %d entries", list.Items(), len(b.Entries))
	}
}
