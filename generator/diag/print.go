package diag

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// Messages is what the printer needs of a catalog of messages in the site's
// language (an *i18n.Catalog): a diagnostic's text and hint, and the
// labels. Keys are full keys ("msg.hint").
type Messages interface {
	Message(d Diagnostic) (text, hint string)
	T(key string, args ...any) string
	Has(key string) bool
}

// Printer formats diagnostics for people: the command line prints its
// output, and serve lays the same text over the page. Each diagnostic is
//
//	content/a/b.md:12:7: 错误: message
//	   12 | 收入,2024-03-15,一百元
//	      |                 ^
//	    怎么改: hint
//
// the place, the severity and the message; the line of the file with a
// caret under the column (under the start of the line's text when no
// column is known); the hint. The caret lines up under Chinese text, whose
// characters take two columns of a terminal or a monospaced font.
type Printer struct {
	Messages Messages
	// Sources gives the lines of the files; nil prints no source lines.
	Sources *Sources
}

// maxSourceCols is how much of a long line is shown: a paragraph of a
// story is one line of thousands of characters; the part around the
// column is what helps.
const maxSourceCols = 100

// indent starts the lines below a diagnostic's first.
const indent = "    "

// Format returns d as it is printed, ending in a line break. suffix is
// added to the message (the command line's "and 3 more of this kind").
func (p Printer) Format(d Diagnostic, suffix string) string {
	text, hint := p.Text(d)
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	label := "msg.error"
	if d.Severity == Warning {
		label = "msg.warning"
	}
	b.WriteString(p.Messages.T(label))
	b.WriteString(": ")
	b.WriteString(text)
	b.WriteString(suffix)
	b.WriteByte('\n')
	if d.Pos.Line > 0 {
		p.Sources.Fill(&d)
		if strings.TrimSpace(d.Text) != "" && readable(d.Text) {
			writeSource(&b, d.Pos.Line, d.Pos.Col, d.Text)
		}
	}
	if hint != "" {
		fmt.Fprintf(&b, "%s%s: %s\n", indent, p.Messages.T("msg.hint"), hint)
	}
	return b.String()
}

// Text returns d's message and hint in the catalog's language. A message
// the catalog lacks still says what it is (its key and arguments), never
// nothing; a hint it lacks is left out.
func (p Printer) Text(d Diagnostic) (text, hint string) {
	text, hint = p.Messages.Message(d)
	if !p.Messages.Has("msg." + d.Key) {
		text = fmt.Sprintf("%s %v", d.Key, d.Args)
	}
	if d.Hint == "" || !p.Messages.Has("msg."+d.Hint) {
		hint = ""
	}
	return text, hint
}

// readable reports whether a line can be shown as text: a stray byte that
// is not UTF-8 (the one the message is about) is, a line of a file in
// another encoding is not, since it would be garbage.
func readable(text string) bool {
	bad := 0
	for i, r := range text {
		if r == utf8.RuneError && !strings.HasPrefix(text[i:], "\ufffd") {
			bad++
		}
	}
	return bad <= 1
}

// cell is one character of a source line as a terminal shows it.
type cell struct {
	s string
	w int
}

// writeSource writes line n's text and the caret line under it.
func writeSource(b *strings.Builder, n, col int, text string) {
	cells, at := layout(text, col)
	cells, at = window(cells, at)
	num := strconv.Itoa(n)
	pad := strings.Repeat(" ", len(num))
	b.WriteString(indent)
	b.WriteString(num)
	b.WriteString(" | ")
	for _, c := range cells {
		b.WriteString(c.s)
	}
	b.WriteByte('\n')
	b.WriteString(indent)
	b.WriteString(pad)
	b.WriteString(" | ")
	b.WriteString(strings.Repeat(" ", width0(cells[:at])))
	b.WriteString("^\n")
}

// layout turns text into cells, tabs expanded to the next multiple of four
// columns, and returns the index of the cell the caret goes under: column
// col (1-based, in characters), else the first that is not a space.
func layout(text string, col int) ([]cell, int) {
	var cells []cell
	at, i, x := -1, 0, 0
	for _, r := range text {
		i++
		if i == col {
			at = len(cells)
		}
		if at < 0 && col <= 0 && r != ' ' && r != '\t' && r != '\u3000' {
			at = len(cells)
		}
		var c cell
		switch {
		case r == '\t':
			w := 4 - x%4
			c = cell{strings.Repeat(" ", w), w}
		case unicode.IsControl(r):
			// A terminal would act on it rather than show it.
			c = cell{"?", 1}
		default:
			c = cell{string(r), runeWidth(r)}
		}
		cells = append(cells, c)
		x += c.w
	}
	if at < 0 {
		// A column past the end of the line (a missing value at its end)
		// or a line of spaces: the caret goes after the text.
		at = len(cells)
	}
	return cells, at
}

// window cuts a line wider than maxSourceCols to the part around the
// caret, marking each cut with "...".
func window(cells []cell, at int) ([]cell, int) {
	if width0(cells) <= maxSourceCols {
		return cells, at
	}
	dots := cell{"...", 3}
	start := 0
	for width0(cells[start:at]) > maxSourceCols/2 {
		start++
	}
	out := []cell{}
	if start > 0 {
		out = append(out, dots)
	}
	at = at - start + len(out)
	w := width0(out)
	end := start
	for end < len(cells) && w+cells[end].w <= maxSourceCols-dots.w {
		w += cells[end].w
		end++
	}
	out = append(out, cells[start:end]...)
	if end < len(cells) {
		out = append(out, dots)
	}
	return out, at
}

func width0(cells []cell) int {
	n := 0
	for _, c := range cells {
		n += c.w
	}
	return n
}

// runeWidth is how many columns of a terminal r takes: two for Chinese
// characters and full-width forms (，：１), none for combining marks and
// invisible format characters, one otherwise.
func runeWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
