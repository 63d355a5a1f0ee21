package content

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"wallpress/generator/diag"
)

// normalize turns the bytes of a file as a volunteer saved it into UTF-8 text
// with "\n" line ends: a BOM is dropped and CRLF accepted silently; text that
// is not UTF-8 is decoded as GB18030 (what Notepad and WPS save as "ANSI" on
// Chinese Windows) with a warning, because refusing it would stop a volunteer
// who cannot see what is wrong.
func normalize(data []byte, file string, list *diag.List) []byte {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(dec) {
			list.Error(diag.Pos{File: file}, "content.encoding", nil, "content.encoding.hint")
			return nil
		}
		list.Warn(diag.Pos{File: file}, "content.gb18030", nil, "content.encoding.hint")
		data = dec
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		// A lone CR (old Mac files) is a line end too.
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data
}

// split separates front matter from body. It returns the YAML text, the body
// and the file line on which the body starts. ok is false when the file has no
// usable front matter; the reason is in list.
func split(data []byte, file string, list *diag.List) (front, body []byte, bodyLine int, ok bool) {
	if len(bytes.TrimSpace(data)) == 0 {
		list.Error(diag.Pos{File: file, Line: 1}, "content.empty", nil, "content.empty.hint")
		return nil, nil, 0, false
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if !isFence(first) {
		list.Error(diag.Pos{File: file, Line: 1}, "content.noFrontMatter", diag.Args{"text": clip(string(first))}, "content.noFrontMatter.hint")
		return nil, nil, 0, false
	}
	fmStart := len(first) + 1
	pos := fmStart
	for line := 2; pos < len(data); line++ {
		l, next := data[pos:], len(data)
		if i := bytes.IndexByte(l, '\n'); i >= 0 {
			l, next = l[:i], pos+i+1
		}
		if isFence(l) {
			front = bytes.TrimSuffix(data[fmStart:pos], []byte("\n"))
			return front, data[next:], line + 1, true
		}
		pos = next
	}
	list.Error(diag.Pos{File: file, Line: 1}, "content.unclosed", nil, "content.unclosed.hint")
	return nil, nil, 0, false
}

func isFence(l []byte) bool {
	return string(bytes.TrimRight(l, " \t")) == "---"
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 30 {
		return s
	}
	r := []rune(s)
	return string(r[:30]) + "…"
}
