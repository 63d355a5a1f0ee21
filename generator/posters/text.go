package posters

import (
	"html/template"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese text may break between any two characters, and the browser does:
// "7月—12 / 月", "见23 / 号楼". A number, its unit and the parts of a date
// or range read as one word, so the posters wrap each such run in a span
// that does not break (class "nb" in poster.css). Titles are also split
// into phrases (at punctuation and after such runs), each kept whole when
// it fits on a line, so that a balanced title breaks between phrases —
// "东侧垃圾投放点： / 加了顶棚" — and not inside a word.

// unitAlt are the units and counters that follow a number, longest first
// (the regexp takes the first alternative that matches).
const unitAlt = `号楼|单元|平方米|小时|分钟|公斤|万元|周年|年度|年|月份|月|日|号|楼|层|室|户|人|票|栋|幢|元|角|次|个|位|天|点|时|分|秒|岁|米|件|张|台|辆|块|箱|袋|把|盏|棵|株|期|周|届|条|项|名|份|组|封|份|斤|倍|成|折|㎡|%|％|‰`

const (
	numRE = `[0-9０-９]+(?:[.,:：][0-9０-９]+)*`
	preRE = `(?:第|[￥¥])?`
	// partRE is one number with what belongs to it: 第3, ¥12.50, 12月, 23号楼.
	partRE = preRE + numRE + `(?:` + unitAlt + `)?`
	// rangeRE joins two parts: 7月—12月, 8:00-10:00, 3至5人.
	rangeRE = `(?:[—–~～-]{1,2}|至|到)`
)

// A run is numbers and units that must not break: parts one after the
// other (2024年3月15日, 12号楼3单元) or joined by a range sign; the regexp
// partRE(?:rangeRE?partRE)* (in text_test.go) says which. findRuns finds
// what that regexp's FindAllStringIndex finds, by a scan: every sheet's
// text goes through it, and the regexp was the costliest step of writing
// a poster.

// unitsByByte are unitAlt's alternatives by their first byte, each list in
// unitAlt's order: only those can follow a number at a given byte.
var unitsByByte = func() (by [256][]string) {
	for _, u := range strings.Split(unitAlt, "|") {
		by[u[0]] = append(by[u[0]], u)
	}
	return by
}()

// findRuns returns the runs of s, as [start, end) pairs.
func findRuns(s string) [][]int {
	var out [][]int
	for i := 0; i < len(s); {
		// A run starts with a digit, 第 (E7 AC AC), ￥ (EF BF A5), ¥ (C2
		// A5) or a full-width digit (EF BC 9x): other bytes are passed
		// over one at a time (no such byte is inside another character).
		if c := s[i]; c < '0' || c > '9' && c != 0xE7 && c != 0xEF && c != 0xC2 {
			i++
			continue
		}
		if end, ok := runAt(s, i); ok {
			out = append(out, []int{i, end})
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return out
}

// runAt matches a run at i: a part, then as many more as follow, each
// after a range sign or none. A range sign not followed by a part is not
// taken.
func runAt(s string, i int) (int, bool) {
	end, ok := partAt(s, i)
	if !ok {
		return 0, false
	}
	for {
		if j := rangeAt(s, end); j > end {
			if e, ok := partAt(s, j); ok {
				end = e
				continue
			}
		}
		e, ok := partAt(s, end)
		if !ok {
			return end, true
		}
		end = e
	}
}

// partAt matches a part at i: 第 or a yuan sign, digits with decimal or
// thousands groups, a unit.
func partAt(s string, i int) (int, bool) {
	j := i
	for _, pre := range []string{"第", "￥", "¥"} {
		if strings.HasPrefix(s[j:], pre) {
			j += len(pre)
			break
		}
	}
	j, ok := digitsAt(s, j)
	if !ok {
		return 0, false
	}
	for {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r != '.' && r != ',' && r != ':' && r != '：' {
			break
		}
		k, ok := digitsAt(s, j+size)
		if !ok {
			break
		}
		j = k
	}
	if j == len(s) {
		return j, true
	}
	for _, u := range unitsByByte[s[j]] {
		if strings.HasPrefix(s[j:], u) {
			return j + len(u), true
		}
	}
	return j, true
}

// digitsAt matches one or more ASCII or full-width digits at i.
func digitsAt(s string, i int) (int, bool) {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if !isDigit(r) {
			break
		}
		j += size
	}
	return j, j > i
}

// rangeAt is the end of a range sign at i (two dashes or one, 至, 到), or
// i.
func rangeAt(s string, i int) int {
	if strings.HasPrefix(s[i:], "至") || strings.HasPrefix(s[i:], "到") {
		return i + len("至")
	}
	j := i
	for n := 0; n < 2 && j < len(s); n++ {
		r, size := utf8.DecodeRuneInString(s[j:])
		if r != '—' && r != '–' && r != '~' && r != '～' && r != '-' {
			break
		}
		j += size
	}
	return j
}

// nbOpen starts a no-break span.
const nbOpen = `<span class="nb">`

func isDigit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

// entityRE is a character reference in markup, which is never changed.
var entityRE = regexp.MustCompile(`&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);`)

// keepRun reports whether a run needs a span: a bare number already does not
// break inside.
func keepRun(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !isDigit(r) }) >= 0
}

// noBreakText writes plain text s to b as markup, the runs wrapped in
// no-break spans. escaped says s is already markup text (entities
// escaped), to be copied as it is.
func noBreakText(b *strings.Builder, s string, escaped bool) {
	put := func(t string) {
		if !escaped {
			t = template.HTMLEscapeString(t)
		}
		squeeze(b, t)
	}
	if !hasDigit(s) {
		// Every run holds a number: most text has none, and the regexp is
		// the costliest step of laying out a poster.
		put(s)
		return
	}
	last := 0
	for _, m := range findRuns(s) {
		run := s[m[0]:m[1]]
		if !keepRun(run) {
			continue
		}
		put(s[last:m[0]])
		b.WriteString(nbOpen)
		put(run)
		b.WriteString(`</span>`)
		last = m[1]
	}
	put(s[last:])
}

// NoBreak escapes plain text for a poster, with every number kept with its
// unit (a no-break span around 12月, 23号楼, 7月—12月, 1,683.90元).
func NoBreak(s string) template.HTML {
	var b strings.Builder
	noBreakText(&b, s, false)
	return template.HTML(b.String())
}

// NoBreakHTML is NoBreak for markup (a rendered body): only the text
// between tags changes, never a tag, an attribute or a character
// reference, nor the inside of a script or style element.
func NoBreakHTML(h template.HTML) template.HTML {
	s := string(h)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	var text func(t string, ends bool)
	text = func(t string, ends bool) {
		if ends {
			// The paragraph's last two characters and its closing marks
			// stay together: no line of one character at its end.
			k := tailStart(t)
			if k > 0 && hasDigit(t) {
				// A number with its unit stays whole in the tail.
				for _, m := range findRuns(t) {
					if m[0] < k && k < m[1] {
						k = m[0]
					}
				}
			}
			if k > 0 {
				text(t[:k], false)
				b.WriteString(nbOpen)
				squeeze(&b, t[k:])
				b.WriteString(`</span>`)
				return
			}
		}
		if strings.IndexFunc(t, isDigit) < 0 {
			squeeze(&b, t)
			return
		}
		last := 0
		for _, m := range entityRE.FindAllStringIndex(t, -1) {
			noBreakText(&b, t[last:m[0]], true)
			b.WriteString(t[m[0]:m[1]])
			last = m[1]
		}
		noBreakText(&b, t[last:], true)
	}
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			text(s, false)
			break
		}
		text(s[:i], closesBlock(s[i:]))
		s = s[i:]
		end := tagEnd(s)
		tag := s[:end]
		b.WriteString(tag)
		s = s[end:]
		if name := rawTextElement(tag); name != "" {
			// Copy the element's content up to its end tag untouched:
			// script and style are not text, SVG text takes no spans, and
			// a no-break span is done.
			j := indexEndTag(s, name)
			if j < 0 {
				j = len(s)
			}
			b.WriteString(s[:j])
			s = s[j:]
		}
	}
	return template.HTML(b.String())
}

// indexEndTag is where "</"+name starts in s, letters matched without
// regard to case, or -1: what strings.Index(strings.ToLower(s), "</"+name)
// finds for an ASCII name, without lowering the rest of the sheet at every
// no-break span and SVG.
func indexEndTag(s, name string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return -1
		}
		i += j
		if hasPrefixFold(s[i+2:], name) {
			return i
		}
		i += 2
	}
}

// tagEnd is the length of the tag or comment at the start of s, or of s
// when it does not end.
func tagEnd(s string) int {
	if strings.HasPrefix(s, "<!--") {
		if j := strings.Index(s[4:], "-->"); j >= 0 {
			return 4 + j + 3
		}
		return len(s)
	}
	quote := byte(0)
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(s)
}

// rawTextElement names the element a start tag opens when its content is
// to be left as it is (script, style, svg, a no-break span), else "".
func rawTextElement(tag string) string {
	if tag == nbOpen {
		return "span"
	}
	if len(tag) < 2 || tag[0] != '<' {
		return ""
	}
	for _, name := range []string{"script", "style", "textarea", "svg"} {
		if hasPrefixFold(tag[1:], name) && (len(tag) == len(name)+1 || strings.IndexByte(" \t\n>/", tag[len(name)+1]) >= 0) {
			return name
		}
	}
	return ""
}

// hasPrefixFold reports whether s starts with the lower-case ASCII word
// name, in any case.
func hasPrefixFold(s, name string) bool {
	if len(s) < len(name) {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

// phraseEnd are the marks after which a title may break.
const phraseEnd = "：，、；！？。·:;,!?）)」』》"

// Phrases sets a title as phrases, each an inline block (class "ph") that
// breaks inside only when it is longer than a line: a phrase ends after a
// punctuation mark and after a run of numbers and units (40号楼2单元 /
// 楼组公约). With text-wrap: balance the title then breaks between phrases.
func Phrases(s string) template.HTML {
	var b strings.Builder
	var cur strings.Builder
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		b.WriteString(`<span class="ph">`)
		b.WriteString(string(NoBreak(cur.String())))
		b.WriteString(`</span>`)
		cur.Reset()
	}
	runs := findRuns(s)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		for _, m := range runs {
			// A phrase starts after a run, unless a mark that belongs to
			// the run's end (a comma, a closing quote) follows it.
			if m[1] == i && keepRun(s[m[0]:m[1]]) && !strings.ContainsRune(phraseEnd+"”’", r) {
				flush()
			}
		}
		// The bytes as they are: a broken one stays broken, as in NoBreak.
		cur.WriteString(s[i : i+size])
		i += size
		if strings.ContainsRune(phraseEnd, r) {
			flush()
		}
	}
	flush()
	return template.HTML(b.String())
}

// Where two full-width punctuation marks meet (）， 。」 （「) the blank half
// of one of them is taken away, as Chinese typesetting does: LXGW WenKai
// has no font feature for it (text-spacing-trim changes nothing), so the
// mark is wrapped in a span with a negative margin (poster.css: .sq takes
// the right half of a closing mark, .sql the left half of an opening one).
const (
	// closingMarks keep their ink in the left half of the em.
	closingMarks = "，。、）」』】》〉"
	// openingMarks keep their ink in the right half.
	openingMarks = "（「『【《〈"
)

// squeeze writes markup text t to b with the meeting punctuation marks
// squeezed.
func squeeze(b *strings.Builder, t string) {
	if !hasMark(t) {
		b.WriteString(t)
		return
	}
	var prev rune
	last := 0
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		next, _ := utf8.DecodeRuneInString(t[i+size:])
		class := ""
		switch {
		case closingMark(r) && next != utf8.RuneError && (closingMark(next) || openingMark(next)):
			class = "sq"
		case openingMark(r) && prev != 0 && openingMark(prev):
			class = "sql"
		}
		if class != "" {
			b.WriteString(t[last:i])
			b.WriteString(`<span class="` + class + `">`)
			b.WriteString(t[i : i+size])
			b.WriteString(`</span>`)
			last = i + size
		}
		prev = r
		i += size
	}
	b.WriteString(t[last:])
}

// closingMark reports whether r is one of closingMarks.
func closingMark(r rune) bool {
	switch r {
	case '，', '。', '、', '）', '」', '』', '】', '》', '〉':
		return true
	}
	return false
}

// openingMark reports whether r is one of openingMarks.
func openingMark(r rune) bool {
	switch r {
	case '（', '「', '『', '【', '《', '〈':
		return true
	}
	return false
}

// hasMark reports whether t holds a punctuation mark squeeze may squeeze:
// all of them are encoded E3 80 xx or EF BC xx.
func hasMark(t string) bool {
	for i := 0; i+2 < len(t); i++ {
		if c := t[i]; c == 0xE3 && t[i+1] == 0x80 || c == 0xEF && t[i+1] == 0xBC {
			r, _ := utf8.DecodeRuneInString(t[i:])
			if closingMark(r) || openingMark(r) {
				return true
			}
		}
	}
	return false
}

// hasDigit reports whether s holds an ASCII or full-width digit (U+FF10 to
// U+FF19, encoded EF BC 90 to EF BC 99).
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' || c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99 {
			return true
		}
	}
	return false
}

// closesBlock reports whether markup s starts with the end tag of a block
// of text: a paragraph, a list item, a heading, a caption, a cell.
func closesBlock(s string) bool {
	if !strings.HasPrefix(s, "</") {
		return false
	}
	for _, name := range []string{"p>", "li>", "dd>", "figcaption>", "blockquote>", "td>", "h1>", "h2>", "h3>", "h4>", "h5>", "h6>"} {
		if strings.HasPrefix(s[2:], name) {
			return true
		}
	}
	return false
}

// tailStart returns where the last two characters of a Chinese text block
// begin, its closing marks left after them, or -1 when the text does not
// end in Chinese or holds a character reference near its end.
func tailStart(t string) int {
	if j := strings.LastIndexByte(t, '&'); j >= 0 && len(t)-j < 16 {
		return -1
	}
	i, n := len(t), 0
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(t[:i])
		switch {
		case unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r):
			if n > 0 {
				return -1
			}
		case n == 0 && !unicode.Is(unicode.Han, r):
			return -1
		default:
			n++
		}
		i -= size
		if n == 2 {
			return i
		}
	}
	return -1
}
