package ledger

import (
	"fmt"
	"testing"

	"wallpress/generator/diag"
)

// benchTable is a year's book of 40 rows as volunteers type it, with a
// balance asserted every tenth row.
func benchTable() (Table, Money) {
	t := Table{Header: []string{"日期", "摘要", "类别", "收入", "支出", "经手人", "结余", "备注"}, HeaderLine: 10}
	opening := Money(128640)
	bal := opening
	for i := range 40 {
		in, out := Money(0), Money(3650+i*100)
		if i%8 == 0 {
			in = 72000
		}
		bal += in - out
		cell := func(m Money) string {
			if m == 0 {
				return ""
			}
			return m.String()
		}
		asserted := ""
		if i%10 == 9 {
			asserted = bal.String()
		}
		t.Rows = append(t.Rows, []string{fmt.Sprintf("2024-%02d-%02d", i/4+1, i%4*7+1), "楼道绿植：绿萝、虎尾兰", "绿植", cell(in), cell(out), "刘美娟", asserted, "花鸟市场购买"})
		t.Lines = append(t.Lines, 12+i)
	}
	return t, bal
}

// BenchmarkChart lays out the bar chart of a 40-row book (every account
// book page draws one). BenchmarkCompute in ledger_test.go times the book
// itself.
func BenchmarkChart(b *testing.B) {
	t, closing := benchTable()
	var list diag.List
	book := ComputeWith(t, Options{File: "a.md", Opening: 128640, Closing: &closing}, &list)
	for b.Loop() {
		book.Chart(640, 260)
	}
}
