package ledger

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"wallpress/generator/diag"
)

// ledgerCSV is a small book as Excel saves it: CRLF, a quoted amount with a
// thousands separator, an empty line and a row of empty cells.
const ledgerCSV = "日期,摘要,类别,收入,支出,经手人,结余\r\n" +
	"2024-01-06,楼组成员自愿筹款,筹款,600.00,,刘阿姨,\r\n" +
	"2024/1/20,购买楼道绿植,美化,,86.50,王师傅,\"1,713.50\"\r\n" +
	"\r\n" +
	",,,,,,\r\n" +
	"2024年2月3日,\"春节装饰,灯笼\",美化,,120,王师傅,\"1,593.50\"\r\n"

func wantLedgerTable() Table {
	return Table{
		Header:     []string{"日期", "摘要", "类别", "收入", "支出", "经手人", "结余"},
		HeaderLine: 1,
		Rows: [][]string{
			{"2024-01-06", "楼组成员自愿筹款", "筹款", "600.00", "", "刘阿姨", ""},
			{"2024/1/20", "购买楼道绿植", "美化", "", "86.50", "王师傅", "1,713.50"},
			{"", "", "", "", "", "", ""},
			{"2024年2月3日", "春节装饰,灯笼", "美化", "", "120", "王师傅", "1,593.50"},
		},
		Lines: []int{2, 3, 5, 6},
	}
}

func TestDecodeCSVUTF8(t *testing.T) {
	for name, data := range map[string][]byte{
		"plain": []byte(ledgerCSV),
		"BOM":   append([]byte{0xEF, 0xBB, 0xBF}, ledgerCSV...),
	} {
		got, enc, err := DecodeCSV(data)
		if err != nil || enc != EncodingUTF8 {
			t.Fatalf("%s: DecodeCSV: %q, %v", name, enc, err)
		}
		if want := wantLedgerTable(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: DecodeCSV =\n%+v\nwant\n%+v", name, got, want)
		}
	}
}

func TestDecodeCSVGB18030(t *testing.T) {
	data, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(ledgerCSV))
	if err != nil {
		t.Fatal(err)
	}
	got, enc, err := DecodeCSV(data)
	if err != nil || enc != EncodingGB18030 {
		t.Fatalf("DecodeCSV: %q, %v", enc, err)
	}
	if want := wantLedgerTable(); !reflect.DeepEqual(got, want) {
		t.Errorf("DecodeCSV =\n%+v\nwant\n%+v", got, want)
	}

	// The decoded table computes like the markdown one, with CSV lines.
	var list diag.List
	b := Compute(got, 120000, nil, "content/a/b/account.csv", &list)
	if list.Len() != 0 || !b.Balanced || b.Closing != 159350 {
		t.Errorf("Compute: closing %v, balanced %v, diagnostics %v", b.Closing, b.Balanced, list.Items())
	}
	if b.Entries[2].Line != 6 {
		t.Errorf("third entry at line %d; want CSV line 6", b.Entries[2].Line)
	}
}

func TestDecodeCSVUTF16Tabs(t *testing.T) {
	text := "日期\t摘要\t支出\r\n2024-01-20\t绿植\t86.50\r\n"
	data, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	got, enc, err := DecodeCSV(data)
	if err != nil || enc != EncodingUTF16 {
		t.Fatalf("DecodeCSV: %q, %v", enc, err)
	}
	want := Table{Header: []string{"日期", "摘要", "支出"}, HeaderLine: 1,
		Rows: [][]string{{"2024-01-20", "绿植", "86.50"}}, Lines: []int{2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DecodeCSV = %+v; want %+v", got, want)
	}
}

func TestDecodeCSVEdges(t *testing.T) {
	// A multi-line quoted cell: the row's line is where it starts.
	got, _, err := DecodeCSV([]byte("date,item,income\n2024-01-01,\"two\nlines\",5\n2024-01-02,x,6\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Lines, []int{2, 4}) || got.Rows[0][1] != "two\nlines" {
		t.Errorf("lines %v rows %q", got.Lines, got.Rows)
	}
	// Ragged rows are kept as they are.
	got, _, err = DecodeCSV([]byte("date,item,income\n2024-01-01,x\n2024-01-02,y,6,extra\n"))
	if err != nil || len(got.Rows[0]) != 2 || len(got.Rows[1]) != 4 {
		t.Errorf("ragged: %q, %v", got.Rows, err)
	}
	// Nothing at all is an empty table, not an error.
	got, enc, err := DecodeCSV(nil)
	if err != nil || enc != EncodingUTF8 || got.Header != nil {
		t.Errorf("empty: %+v %q %v", got, enc, err)
	}
	// Broken quoting is an error with the line, never rows silently lost.
	for text, line := range map[string]int{
		"date,item,income\n2024-01-01,3号楼\"大扫除,5\n":                            2,
		"date,item,income\n2024-01-01,x,5\n2024-01-02,\"y,5\n2024-01-03,z,1\n": 3,
	} {
		_, _, err = DecodeCSV([]byte(text))
		var pe *csv.ParseError
		if !errors.As(err, &pe) || pe.StartLine != line {
			t.Errorf("%q: error %v; want a *csv.ParseError at line %d", text, err, line)
		}
	}
}

// TestDecodeCSVEncodings: which encoding a file is read in, and where a
// file that cannot be read without garbling goes wrong.
func TestDecodeCSVEncodings(t *testing.T) {
	gb := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	bom := func(b []byte) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, b...) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("日期,摘要\r\n2024-01-02,绿植\r\n"))
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("日期,摘要\r\n2024-01-02,绿植\r\n"))
	head := "日期,摘要,支出\n"
	for _, tc := range []struct {
		name      string
		data      []byte
		enc       string
		key       string // "" when it reads
		line, col int
		byte      string
	}{
		{"utf8", []byte(ledgerCSV), EncodingUTF8, "", 0, 0, ""},
		{"utf8 BOM", bom([]byte(ledgerCSV)), EncodingUTF8, "", 0, 0, ""},
		{"ascii", []byte("date,item\n2024-01-02,x\n"), EncodingUTF8, "", 0, 0, ""},
		{"gb18030", gb(ledgerCSV), EncodingGB18030, "", 0, 0, ""},
		{"gb18030 one cell", gb("日期,摘要\n2024-01-02,楼道绿植\n"), EncodingGB18030, "", 0, 0, ""},
		{"utf16 LE", utf16le, EncodingUTF16, "", 0, 0, ""},
		{"utf16 BE", utf16be, EncodingUTF16, "", 0, 0, ""},
		// The repro: one stray byte in a UTF-8 file, with a BOM (raw 0xFF
		// reached the HTML) and without (the whole file became mojibake).
		{"utf8 BOM stray", bom(cat([]byte(head+"2024-01-02,绿"), []byte{0xFF}, []byte("植,5\n"))), EncodingUTF8, KeyCSVByte, 2, 13, "0xFF"},
		{"utf8 stray", cat([]byte(head+"2024-01-02,绿"), []byte{0xFF}, []byte("植,5\n")), EncodingUTF8, KeyCSVByte, 2, 13, "0xFF"},
		{"utf8 stray GBK-looking", cat([]byte(head+"2024-01-02,楼道绿植,5\n2024-01-03,"), []byte{0xC2}, []byte(",6\n")), EncodingUTF8, KeyCSVByte, 3, 12, "0xC2"},
		{"utf8 cut at end", cat([]byte(head+"2024-01-02,楼道绿植,5"), []byte{0xE6, 0xA4}), EncodingUTF8, KeyCSVByte, 2, 18, "0xE6"},
		{"utf8 a GBK row pasted in", cat([]byte(head+"2024-01-02,楼道绿植,5\n2024-01-03,楼道绿植,5\n"), gb("2024-01-04,灯笼,6\n")), EncodingUTF8, KeyCSVByte, 4, 12, "0xB5"},
		{"gb18030 broken", cat(gb(head+"2024-01-02,楼道绿植,5\n"), []byte{0xFF}), EncodingGB18030, KeyCSVEncoding, 3, 1, ""},
		{"ascii stray", []byte("date,item\n2024-01-02,x\xff\n"), EncodingGB18030, KeyCSVEncoding, 2, 13, ""},
		{"bare quote", []byte("日期,摘要,支出\n2024-01-02,3号楼\"大扫除,5\n"), EncodingUTF8, KeyCSVBareQuote, 2, 15, ""},
		{"unclosed quote", []byte("日期,摘要,支出\n2024-01-02,x,5\n2024-01-03,\"灯笼,5\n2024-01-04,y,1\n"), EncodingUTF8, KeyCSVQuote, 3, 12, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb, enc, err := DecodeCSV(tc.data)
			if enc != tc.enc {
				t.Errorf("encoding %q; want %q", enc, tc.enc)
			}
			if tc.key == "" {
				if err != nil {
					t.Fatalf("DecodeCSV: %v", err)
				}
				for _, row := range append([][]string{tb.Header}, tb.Rows...) {
					for _, cell := range row {
						if !utf8.ValidString(cell) || strings.ContainsRune(cell, utf8.RuneError) {
							t.Errorf("cell %q is not clean text", cell)
						}
					}
				}
				return
			}
			e, ok := errors.AsType[*CSVError](err)
			if !ok {
				t.Fatalf("DecodeCSV: %v (table %q); want a *CSVError", err, tb.Rows)
			}
			if e.Key != tc.key || e.Line != tc.line || e.Column != tc.col || e.Byte != tc.byte {
				t.Errorf("error %s at %d:%d byte %q; want %s at %d:%d byte %q", e.Key, e.Line, e.Column, e.Byte, tc.key, tc.line, tc.col, tc.byte)
			}
		})
	}
}
