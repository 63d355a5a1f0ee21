package ledger

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Table is a ledger table as the user typed it: raw cells, untrimmed and
// unparsed, with the 1-based source line of the header and of every row
// (the markdown line, or the CSV line for CSV input). Rows may be shorter or
// longer than Header.
type Table struct {
	Header     []string
	HeaderLine int
	Rows       [][]string
	Lines      []int
}

// Encodings DecodeCSV reports.
const (
	EncodingUTF8    = "UTF-8"
	EncodingGB18030 = "GB18030"
	// EncodingUTF16 is what Excel's "Unicode text" export writes (with a
	// byte order mark, tab-separated).
	EncodingUTF16 = "UTF-16"
)

// DecodeCSV reads a ledger table from CSV bytes. The bytes may be UTF-8 (with
// or without a byte order mark), GB18030/GBK as Excel and WPS save "CSV" on
// Chinese Windows, or UTF-16 with a byte order mark as Excel saves "Unicode
// text". Fields are separated by commas, or by tabs when the first line has
// more tabs than commas. The first record is the header; empty lines are
// skipped. It returns the table and the encoding assumed (EncodingUTF8,
// EncodingGB18030 or EncodingUTF16), so that the caller can warn about a
// non-UTF-8 file. A malformed file returns an error wrapping a
// *csv.ParseError, which carries the line.
func DecodeCSV(data []byte) (Table, string, error) {
	text, enc, err := decodeText(data)
	if err != nil {
		return Table{}, enc, err
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sniffComma(text)
	r.FieldsPerRecord = -1 // ragged rows are Compute's business, with a line
	// Quotes stay strict: Excel and WPS always write valid quoting, and a
	// lenient reader would swallow the rest of a hand-made file into one
	// cell after an unclosed quote, silently dropping rows.
	var t Table
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Table{}, enc, fmt.Errorf("ledger csv: %w", err)
		}
		line, _ := r.FieldPos(0)
		if t.Header == nil {
			t.Header, t.HeaderLine = rec, line
			continue
		}
		t.Rows = append(t.Rows, rec)
		t.Lines = append(t.Lines, line)
	}
	return t, enc, nil
}

// decodeText returns data as UTF-8 without a byte order mark.
func decodeText(data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], EncodingUTF8, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, EncodingUTF16, fmt.Errorf("ledger csv: UTF-16: %w", err)
		}
		return out, EncodingUTF16, nil
	case utf8.Valid(data):
		return data, EncodingUTF8, nil
	}
	// Not UTF-8: GB18030 is a superset of GBK and GB2312, so it reads every
	// file a Chinese Windows tool saves as "ANSI".
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return nil, EncodingGB18030, fmt.Errorf("ledger csv: GB18030: %w", err)
	}
	return out, EncodingGB18030, nil
}

// sniffComma picks tab when the first line has more tabs than commas.
func sniffComma(text []byte) rune {
	first := text
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		first = text[:i]
	}
	if bytes.Count(first, []byte{'\t'}) > bytes.Count(first, []byte{','}) {
		return '\t'
	}
	return ','
}
