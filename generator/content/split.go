package content

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"wallpress/generator/diag"
	"wallpress/generator/yamlutil"
)

// normalize turns the bytes of a file as a volunteer saved it into UTF-8 text
// with "\n" line ends: a BOM is dropped and CRLF accepted silently.
//
// Text that is not UTF-8 is decoded as GB18030 (what Notepad and WPS save as
// "ANSI" on Chinese Windows, and Notepad's default before Windows 10 1903)
// with a warning, rather than refused: GB18030 maps every byte sequence of
// Chinese text unambiguously, so the page comes out right, and a volunteer
// who cannot see what is wrong with the file is not stopped; the warning
// says how to save it as UTF-8. Bytes that are not GB18030 either (another
// encoding, or a file that is no text) are an error.
func normalize(data []byte, file string, list *diag.List) []byte {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:yamlutil.InvalidAt(data)], []byte("\n"))
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		// The decoder turns bytes it cannot map into U+FFFD; the input had
		// none, as it was not UTF-8.
		if err != nil || !utf8.Valid(dec) || bytes.ContainsRune(dec, utf8.RuneError) {
			list.Error(diag.Pos{File: file, Line: line}, "content.encoding", diag.Args{"line": line}, "content.encoding.hint")
			return nil
		}
		list.Warn(diag.Pos{File: file, Line: line}, "content.gb18030", diag.Args{"line": line}, "content.encoding.hint")
		data = dec
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		// A lone CR (old Mac files) is a line end too.
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data
}

// split separates front matter from body. It returns the YAML text, the body,
// the file line on which the YAML starts and the one on which the body
// starts. Blank lines before the opening "---" are allowed (a stray Enter
// at the top is invisible in Notepad). ok is false when the file has no
// usable front matter; the reason is in list.
func split(data []byte, file string, list *diag.List) (front, body []byte, frontLine, bodyLine int, ok bool) {
	if len(bytes.TrimSpace(data)) == 0 {
		list.Error(diag.Pos{File: file, Line: 1}, "content.empty", nil, "content.empty.hint")
		return nil, nil, 0, 0, false
	}
	pos, line := 0, 1
	var first []byte
	for {
		l, next := nextLine(data, pos)
		if len(bytes.TrimSpace(l)) > 0 || next >= len(data) {
			first, pos = l, next
			break
		}
		pos, line = next, line+1
	}
	if !isFence(first) {
		if looksLikeFence(first) {
			fence(file, line, first, list)
		} else {
			list.Error(diag.Pos{File: file, Line: line}, "content.noFrontMatter", diag.Args{"text": clip(string(first)), "line": line}, "content.noFrontMatter.hint")
		}
		return nil, nil, 0, 0, false
	}
	openLine := line
	fmStart := pos
	for line++; pos < len(data); line++ {
		l, next := nextLine(data, pos)
		if isFence(l) {
			front = bytes.TrimSuffix(data[fmStart:pos], []byte("\n"))
			return front, data[next:], openLine + 1, line + 1, true
		}
		if len(l) > 0 && l[0] != ' ' && l[0] != '\t' && looksLikeFence(l) {
			// Meant to close the front matter; an indented line may be
			// the text of a block value ("intro: |").
			fence(file, line, l, list)
			return nil, nil, 0, 0, false
		}
		pos = next
	}
	list.Error(diag.Pos{File: file, Line: openLine}, "content.unclosed", diag.Args{"line": openLine}, "content.unclosed.hint")
	return nil, nil, 0, 0, false
}

// fence reports a line meant as "---" but typed otherwise.
func fence(file string, line int, text []byte, list *diag.List) {
	list.Error(diag.Pos{File: file, Line: line}, "content.fence", diag.Args{"line": line, "text": clip(strings.TrimSpace(string(text)))}, "content.fence.hint")
}

// nextLine returns the line starting at pos (without its "\n") and the
// position after it.
func nextLine(data []byte, pos int) (line []byte, next int) {
	l := data[pos:]
	if i := bytes.IndexByte(l, '\n'); i >= 0 {
		return l[:i], pos + i + 1
	}
	return l, len(data)
}

func isFence(l []byte) bool {
	return string(bytes.TrimRight(l, " \t")) == "---"
}

// looksLikeFence reports a line meant as "---" but typed otherwise: dashes
// from a Chinese input method (——, －－－, ーーー), or two or four and more
// hyphens.
func looksLikeFence(l []byte) bool {
	s := strings.TrimSpace(strings.TrimRight(string(l), "\u3000"))
	if s == "---" || utf8.RuneCountInString(s) < 2 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("-－—–―─━ー‐‑‒﹣⸺⸻", r) {
			return false
		}
	}
	return true
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 30 {
		return s
	}
	r := []rune(s)
	return string(r[:30]) + "…"
}
