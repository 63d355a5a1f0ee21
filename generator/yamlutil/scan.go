package yamlutil

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// culprit is the place and likely cause of a YAML syntax error.
type culprit struct {
	line int // 1-based line of the YAML text; 0 when not found
	col  int // 1-based column in characters
	hint string
	char string
}

// findCulprit looks for the line that broke parsing. reported is the line
// yaml.v3 named (0 when it named none) and detail its problem text.
//
// yaml.v3 names the line where the construct it was reading started, which
// may be well before the mistake, so the first line at which the text stops
// parsing is found by parsing ever longer beginnings of it. A line with a
// tell-tale mistake (tab or full-width space in the indentation, full-width
// colon, no space after the colon, a value that needs quotes) at or before
// that line is the cause: YAML often notices such a mistake only on the
// following line ("title： 你好" is read as text and fails at the next key).
// When no line shows such a mistake, the kind of error picks the hint.
func findCulprit(lines []string, reported int, detail string) culprit {
	if k := firstFailing(lines); k > 0 {
		reported = k
	}
	last := len(lines)
	if reported > 0 {
		last = min(reported, len(lines))
	}
	block := blockLines(lines)
	for i := 0; i < last; i++ {
		if block[i] {
			continue
		}
		if c := scanLine(lines[i]); c.hint != "" {
			c.line = i + 1
			return c
		}
	}
	at := func(hint string) culprit {
		c := culprit{line: reported, hint: hint}
		if reported > 0 {
			c.col = firstNonBlank(lineAt(lines, reported))
		}
		return c
	}
	switch {
	case strings.HasPrefix(detail, "unknown anchor"):
		// "key: *x": no line in the message; find the "*x".
		name := strings.TrimSuffix(strings.TrimPrefix(detail, "unknown anchor '"), "' referenced")
		for i, l := range lines {
			if j := strings.Index(l, "*"+name); j >= 0 && !block[i] {
				return culprit{line: i + 1, col: runeCol(l, j), hint: HintQuote, char: "*"}
			}
		}
		c := at(HintQuote)
		c.char = "*"
		return c
	case strings.Contains(detail, "control characters"):
		for i, l := range lines {
			if j := strings.IndexFunc(l, isControl); j >= 0 {
				return culprit{line: i + 1, col: runeCol(l, j), hint: HintControl}
			}
		}
		return at(HintControl)
	case strings.Contains(detail, "tab character"):
		return at(HintTab)
	case strings.Contains(detail, "',' or ']'"), strings.Contains(detail, "',' or '}'"),
		strings.Contains(detail, "expected node content"), strings.Contains(detail, "flow"):
		for i, l := range lines {
			if j := unbalanced(l); j >= 0 && !block[i] {
				return culprit{line: i + 1, col: runeCol(l, j), hint: HintBracket}
			}
		}
		return at(HintBracket)
	case strings.Contains(detail, "did not find expected key"),
		strings.Contains(detail, "'-' indicator"),
		strings.Contains(detail, "mapping values are not allowed"),
		strings.Contains(detail, "could not find expected ':'"):
		return at(HintIndent)
	case strings.Contains(detail, "end of stream") || strings.Contains(detail, "document indicator"):
		return at(HintUnclosedQuote)
	case strings.Contains(detail, "escape"):
		return at(HintEscape)
	}
	return at(HintGeneral)
}

// firstFailing returns the smallest k such that the first k lines do not
// parse, or 0. It bisects, taking parse failure as monotonic in k, which
// holds except for a quote or bracket opened on one line and closed on a
// later one; either answer is then a line near the mistake.
func firstFailing(lines []string) int {
	fails := func(k int) bool {
		var n yaml.Node
		return unmarshal([]byte(strings.Join(lines[:k], "\n")), &n) != nil
	}
	lo, hi := 0, len(lines) // lines[:lo] parses, lines[:hi] fails
	if !fails(hi) {
		return 0
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// blockLines marks the lines that are the text of a block scalar ("key: |"
// followed by indented lines): any character is allowed there, so they are
// never taken as the culprit.
func blockLines(lines []string) []bool {
	block := make([]bool, len(lines))
	indent := -1 // indentation of the key that opened the block, or -1
	for i, l := range lines {
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if indent >= 0 {
			if strings.TrimSpace(l) == "" || ind > indent {
				block[i] = true
				continue
			}
			indent = -1
		}
		if blockStartRE.MatchString(l) {
			indent = ind
		}
	}
	return block
}

var blockStartRE = regexp.MustCompile(`(^|[:-]\s)\s*[|>][+-]?[0-9]?[+-]?\s*(#.*)?$`)

// scanLine finds a tell-tale mistake in one line.
func scanLine(line string) culprit {
	if j := strings.IndexFunc(line, isControl); j >= 0 {
		return culprit{col: runeCol(line, j), hint: HintControl}
	}
	// Indentation: spaces only.
	rest := line
	for k, r := range line {
		if r == '\t' {
			return culprit{col: runeCol(line, k), hint: HintTab}
		}
		if r == '\u3000' {
			return culprit{col: runeCol(line, k), hint: HintFullWidthSpace}
		}
		if r != ' ' {
			rest = line[k:]
			break
		}
		rest = ""
	}
	off := len(line) - len(rest)
	// List markers "- " before the key.
	for strings.HasPrefix(rest, "- ") || rest == "-" {
		t := strings.TrimLeft(rest[1:], " ")
		off += len(rest) - len(t)
		rest = t
	}
	if rest == "" || rest[0] == '#' {
		return culprit{}
	}
	if rest[0] == '"' || rest[0] == '\'' || rest[0] == '[' || rest[0] == '{' {
		// A quoted key or a flow collection: let the value checks below
		// see it as a whole.
		return scanValue(line, off, rest)
	}
	// The key runs to the first colon, half- or full-width.
	sep := strings.IndexAny(rest, ":：")
	if sep < 0 {
		if off > 0 && strings.HasPrefix(strings.TrimLeft(line, " "), "-") {
			return scanValue(line, off, rest) // a plain list item
		}
		return culprit{}
	}
	key := strings.TrimRight(rest[:sep], " \t\u3000")
	if !isIdent(key) {
		return culprit{}
	}
	if strings.HasPrefix(rest[sep:], "：") {
		return culprit{col: runeCol(line, off+sep), hint: HintFullWidthColon}
	}
	after := rest[sep+1:]
	switch {
	case after == "" || after[0] == ' ' || after[0] == '\t':
	case strings.HasPrefix(after, "\u3000"):
		return culprit{col: runeCol(line, off+sep+1), hint: HintFullWidthSpace}
	case after[0] == '/':
		// "http://…" as a list item: not a key.
		return culprit{}
	default:
		return culprit{col: runeCol(line, off+sep), hint: HintColonSpace}
	}
	voff := off + sep + 1 + (len(after) - len(strings.TrimLeft(after, " \t")))
	return scanValue(line, voff, strings.TrimLeft(after, " \t"))
}

// scanValue checks the value part of a line, which starts at byte off.
func scanValue(line string, off int, v string) culprit {
	if v == "" || v[0] == '#' {
		return culprit{}
	}
	switch v[0] {
	case '@', '`', '%', '&', '*':
		return culprit{col: runeCol(line, off), hint: HintQuote, char: v[:1]}
	case '!':
		// "!!str" is a standard tag; a single "!" starts a local tag, which
		// no volunteer means.
		if !strings.HasPrefix(v, "!!") {
			return culprit{col: runeCol(line, off), hint: HintQuote, char: "!"}
		}
	case '"', '\'':
		end, badEscape := closeQuote(v)
		switch {
		case badEscape >= 0:
			return culprit{col: runeCol(line, off+badEscape), hint: HintEscape}
		case end < 0:
			return culprit{col: runeCol(line, off), hint: HintUnclosedQuote}
		}
		tail := strings.TrimLeft(v[end+1:], " \t")
		switch {
		case tail == "" || tail[0] == '#':
			return culprit{}
		case tail[0] == ':':
			// A quoted key: check its value.
			t := strings.TrimLeft(tail[1:], " \t")
			return scanValue(line, off+len(v)-len(t), t)
		}
		return culprit{col: runeCol(line, off), hint: HintUnclosedQuote}
	case '[', '{', '|', '>':
		return culprit{}
	}
	if strings.HasPrefix(v, "- ") {
		return culprit{col: runeCol(line, off), hint: HintListInline}
	}
	text := v
	if i := strings.Index(text, " #"); i >= 0 {
		text = text[:i]
	}
	text = strings.TrimRight(text, " \t")
	if i := strings.Index(text, ": "); i >= 0 {
		return culprit{col: runeCol(line, off+i), hint: HintQuoteColon}
	}
	if strings.HasSuffix(text, ":") {
		return culprit{col: runeCol(line, off+len(text)-1), hint: HintQuoteColon}
	}
	return culprit{}
}

// closeQuote returns the index of the quote closing v (which starts with
// ' or "), or -1; and for double quotes the index of the first backslash
// that starts no valid escape, or -1.
func closeQuote(v string) (end, badEscape int) {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '\'' && v[i] == '\'':
			if i+1 < len(v) && v[i+1] == '\'' {
				i++
				continue
			}
			return i, -1
		case q == '"' && v[i] == '\\':
			if i+1 >= len(v) || !strings.ContainsRune(`0abt	nvfre "/\N_LPxuU`, rune(v[i+1])) {
				return -1, i
			}
			i++
		case q == '"' && v[i] == '"':
			return i, -1
		}
	}
	return -1, -1
}

// unbalanced returns the byte index of the first [ or { in line's value
// that is not closed on the same line, or -1.
func unbalanced(line string) int {
	var stack []int
	quote := byte(0)
	for i := 0; i < len(line); i++ {
		ch := line[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '"' || ch == '\'':
			if i > 0 && (line[i-1] == '[' || line[i-1] == '{' || line[i-1] == ' ' || line[i-1] == ',') {
				quote = ch
			}
		case ch == '#' && (i == 0 || line[i-1] == ' '):
			i = len(line)
		case ch == '[' || ch == '{':
			stack = append(stack, i)
		case ch == ']' || ch == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) > 0 {
		return stack[0]
	}
	return -1
}

func isIdent(s string) bool {
	if s == "" || !isASCIILetter(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isASCIILetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isControl reports characters YAML refuses (and that come from pasting text
// out of a web page or a word processor).
// The set is YAML's: C0 and C1 controls except tab, line ends and NEL.
func isControl(r rune) bool {
	switch {
	case r == '\t' || r == '\r' || r == '\n' || r == '\u0085':
		return false
	case r < 0x20, r >= 0x7F && r <= 0x9F, r == '\uFFFE', r == '\uFFFF':
		return true
	}
	return false
}

// runeCol turns a byte index in line into a 1-based column in characters.
func runeCol(line string, i int) int {
	if i > len(line) {
		i = len(line)
	}
	return len([]rune(line[:i])) + 1
}

func firstNonBlank(line string) int {
	for i, r := range line {
		if r != ' ' {
			return runeCol(line, i)
		}
	}
	return 1
}
