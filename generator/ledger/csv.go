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

// Message keys of the errors DecodeCSV returns as *CSVError. Each has a
// hint key, the same key with ".hint" appended.
const (
	// KeyCSVByte: a byte that is not UTF-8 in a file that otherwise is.
	KeyCSVByte = "ledger.csvByte"
	// KeyCSVEncoding: neither UTF-8 nor GB18030.
	KeyCSVEncoding = "ledger.csvUnknownEncoding"
	// KeyCSVQuote: a quoted cell that is not closed, or text after its
	// closing quote.
	KeyCSVQuote = "ledger.csvQuote"
	// KeyCSVBareQuote: a quote inside a cell that does not start with one.
	KeyCSVBareQuote = "ledger.csvBareQuote"
	// KeyCSV: any other malformed file.
	KeyCSV = "ledger.csv"
)

// CSVError is a CSV file DecodeCSV cannot read, at the place it went wrong:
// Line and Column are 1-based, Column counted in characters as an editor
// shows them. Err is the underlying error (a *csv.ParseError for quoting).
type CSVError struct {
	Key          string
	Line, Column int
	// Byte is the offending byte for KeyCSVByte, as text ("0xFF").
	Byte string
	Err  error
}

func (e *CSVError) Error() string {
	s := fmt.Sprintf("ledger csv: line %d, column %d: ", e.Line, e.Column)
	switch e.Key {
	case KeyCSVByte:
		s += "byte " + e.Byte + " is not UTF-8 in a UTF-8 file"
	case KeyCSVEncoding:
		s += "the file is neither UTF-8 nor GB18030"
	default:
		s += e.Key
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *CSVError) Unwrap() error { return e.Err }

// DecodeCSV reads a ledger table from CSV bytes. The bytes may be UTF-8 (with
// or without a byte order mark), GB18030/GBK as Excel and WPS save "CSV" on
// Chinese Windows, or UTF-16 with a byte order mark as Excel saves "Unicode
// text". Fields are separated by commas, or by tabs when the first line has
// more tabs than commas. The first record is the header; empty lines are
// skipped. It returns the table and the encoding assumed (EncodingUTF8,
// EncodingGB18030 or EncodingUTF16), so that the caller can warn about a
// non-UTF-8 file. A file it cannot read returns a *CSVError with the line
// and column.
//
// The encoding is decided so that no cell is ever published garbled: a
// file with a UTF-8 byte order mark, or whose non-ASCII bytes are mostly
// well-formed UTF-8, is UTF-8, and a stray byte in it is an error at that
// byte (read as GB18030, every Chinese cell would turn to mojibake). Only a
// file that is mostly not UTF-8 is read as GB18030, and only when every
// byte of it decodes as GB18030.
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
			return Table{}, enc, parseError(text, err)
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

// parseError turns the csv package's error into a *CSVError, with the
// column in characters rather than bytes.
func parseError(text []byte, err error) error {
	e := &CSVError{Key: KeyCSV, Err: err}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return e
	}
	e.Line, e.Column = pe.Line, pe.Column
	if start := lineStart(text, pe.Line); start >= 0 && pe.Column > 0 {
		end := min(start+pe.Column-1, len(text))
		e.Column = utf8.RuneCount(text[start:end]) + 1
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		e.Key = KeyCSVBareQuote
	case errors.Is(pe.Err, csv.ErrQuote):
		e.Key = KeyCSVQuote
		if pe.StartLine != pe.Line {
			// A quote never closed: the reader noticed at the end of the
			// file, but the cell that opened it is where to look.
			e.Line = pe.StartLine
			e.Column = 0
			if start := lineStart(text, pe.StartLine); start >= 0 {
				if q := bytes.IndexByte(text[start:], '"'); q >= 0 {
					e.Column = utf8.RuneCount(text[start:start+q]) + 1
				}
			}
		}
	}
	return e
}

// lineStart returns the offset where 1-based line starts in text, or -1.
func lineStart(text []byte, line int) int {
	off := 0
	for n := 1; n < line; n++ {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	return off
}

// decodeText returns data as UTF-8 without a byte order mark.
func decodeText(data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		// The mark says UTF-8: whatever does not decode is a stray byte,
		// never a sign of another encoding.
		text := data[3:]
		if bad, _, _ := scanUTF8(text); bad >= 0 {
			return nil, EncodingUTF8, byteError(KeyCSVByte, text, bad)
		}
		return text, EncodingUTF8, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, EncodingUTF16, &CSVError{Key: KeyCSV, Line: 1, Column: 1, Err: fmt.Errorf("UTF-16: %w", err)}
		}
		return out, EncodingUTF16, nil
	}
	bad, invalid, multi := scanUTF8(data)
	if bad < 0 {
		return data, EncodingUTF8, nil
	}
	if multi >= invalid {
		// Mostly well-formed UTF-8 (Chinese text read as UTF-8 forms a
		// valid sequence now and then, a third as many as broken ones at
		// most on the demo's texts saved as GBK): a few stray bytes in a
		// UTF-8 file.
		return nil, EncodingUTF8, byteError(KeyCSVByte, data, bad)
	}
	// Not UTF-8: GB18030 is a superset of GBK and GB2312, so it reads every
	// file a Chinese Windows tool saves as "ANSI". Its decoder replaces
	// what it cannot read with U+FFFD rather than failing; such a file is
	// in neither encoding.
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return nil, EncodingGB18030, byteError(KeyCSVEncoding, data, bad)
	}
	if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
		// Lines and characters are the same in the decoded text, so the
		// place is where GB18030 gave up, not the first non-UTF-8 byte.
		e := byteError(KeyCSVEncoding, out, i)
		e.Byte = ""
		return nil, EncodingGB18030, e
	}
	return out, EncodingGB18030, nil
}

// scanUTF8 returns the offset of the first byte of data that is not part
// of well-formed UTF-8 (-1 when all is), how many such bytes there are, and
// how many well-formed multi-byte sequences.
func scanUTF8(data []byte) (first, invalid, multi int) {
	first = -1
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			if first < 0 {
				first = i
			}
			invalid++
			i++
			continue
		}
		multi++
		i += n
	}
	return first, invalid, multi
}

// byteError reports the byte at off in text by line and column.
func byteError(key string, text []byte, off int) *CSVError {
	line := 1 + bytes.Count(text[:off], []byte{'\n'})
	start := bytes.LastIndexByte(text[:off], '\n') + 1
	return &CSVError{
		Key:    key,
		Line:   line,
		Column: utf8.RuneCount(text[start:off]) + 1,
		Byte:   fmt.Sprintf("0x%02X", text[off]),
	}
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
