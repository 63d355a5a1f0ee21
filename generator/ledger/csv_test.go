package ledger

import (
	"encoding/csv"
	"errors"
	"reflect"
	"testing"

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
