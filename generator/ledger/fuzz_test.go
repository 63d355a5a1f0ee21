package ledger

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"wallpress/generator/diag"
)

// FuzzDecodeCSV feeds arbitrary bytes through the CSV import, Compute and
// the chart: nothing may panic, every diagnostic has the file, and a book
// without errors adds up.
func FuzzDecodeCSV(f *testing.F) {
	f.Add([]byte(ledgerCSV))
	f.Add(append([]byte{0xEF, 0xBB, 0xBF}, ledgerCSV...))
	if gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(ledgerCSV)); err == nil {
		f.Add(gb)
	}
	f.Add([]byte("date,item,income,expense,balance\n2024-01-01,a,5,,5\n,opening,,,3\n2024-02-30,b,,1,x\n"))
	f.Add([]byte("日期\t摘要\t支出\r\n2024-01-20\t绿植\t86.50\r\n"))
	f.Add([]byte{0xFF, 0xFE, 'd', 0, ',', 0})
	f.Add([]byte("日期,摘要\n2024-01-02,绿\xff植\n"))
	f.Add([]byte("\xef\xbb\xbf日期,摘要\n2024-01-02,绿\xff植\n"))
	f.Add([]byte("date,\"item\n2024-01-02,x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, enc, err := DecodeCSV(data)
		if err != nil {
			// Every failure says where, in words the caller can translate.
			e, ok := errors.AsType[*CSVError](err)
			if !ok || e.Key == "" || e.Line < 1 || e.Column < 0 {
				t.Fatalf("error %#v", err)
			}
			if e.Key == KeyCSVByte && e.Byte == "" {
				t.Fatalf("stray byte error without the byte: %v", e)
			}
			return
		}
		if enc != EncodingUTF8 && enc != EncodingGB18030 && enc != EncodingUTF16 {
			t.Fatalf("encoding %q", enc)
		}
		// GB18030 is never a guess over a file that says or mostly is
		// UTF-8, and nothing unreadable reaches a cell.
		if enc == EncodingGB18030 && (bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) || utf8.Valid(data)) {
			t.Fatalf("UTF-8 file read as GB18030")
		}
		if enc != EncodingUTF16 {
			for _, row := range append([][]string{tb.Header}, tb.Rows...) {
				for _, cell := range row {
					if !utf8.ValidString(cell) || enc == EncodingGB18030 && strings.ContainsRune(cell, utf8.RuneError) {
						t.Fatalf("cell %q is not clean text", cell)
					}
				}
			}
		}
		if len(tb.Rows) != len(tb.Lines) {
			t.Fatalf("%d rows, %d lines", len(tb.Rows), len(tb.Lines))
		}
		var list diag.List
		closing := Money(500)
		b := Compute(tb, 1000, &closing, "f.csv", &list)
		for _, d := range list.Items() {
			if d.Pos.File != "f.csv" || d.Key == "" {
				t.Fatalf("diagnostic %+v", d)
			}
		}
		if b.Balanced == list.HasErrors() {
			t.Fatalf("balanced %v, diagnostics %v", b.Balanced, list.Items())
		}
		if b.Balanced {
			checkSums(t, b)
		}
		c := b.Chart(600, 240)
		for _, bar := range c.Bars {
			if bar.X < 0 || bar.Y < 0 || bar.X+bar.Width > c.Width || bar.Y+bar.Height > c.Height {
				t.Fatalf("bar %+v outside %dx%d", bar, c.Width, c.Height)
			}
		}
	})
}

// checkSums verifies that a book without errors is consistent with itself.
func checkSums(t *testing.T, b *Book) {
	t.Helper()
	if b.Opening+b.TotalIncome-b.TotalExpense != b.Closing {
		t.Fatalf("opening %v + income %v - expense %v != closing %v", b.Opening, b.TotalIncome, b.TotalExpense, b.Closing)
	}
	var in, out Money
	for _, m := range b.Months {
		in, out = in+m.Income, out+m.Expense
	}
	var dated Money
	for _, e := range b.Entries {
		if !e.Date.IsZero() {
			dated += e.Income - e.Expense
		}
	}
	if in-out != dated {
		t.Fatalf("months add up to %v, dated entries to %v", in-out, dated)
	}
	if b.Categories != nil {
		in, out = 0, 0
		for _, c := range b.Categories {
			in, out = in+c.Income, out+c.Expense
		}
		if in != b.TotalIncome || out != b.TotalExpense {
			t.Fatalf("categories add up to %v/%v, totals %v/%v", in, out, b.TotalIncome, b.TotalExpense)
		}
	}
	bal := b.Opening
	for _, e := range b.Entries {
		bal += e.Income - e.Expense
		if e.Balance != bal {
			t.Fatalf("line %d: balance %v, running %v", e.Line, e.Balance, bal)
		}
		if e.Asserted != nil && *e.Asserted != bal {
			t.Fatalf("line %d: assertion %v failed silently", e.Line, *e.Asserted)
		}
	}
}
