package privacy

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Options say what a Masker hides besides names.
type Options struct {
	// Rooms hides room numbers (301室 → ***室).
	Rooms bool
}

// A Masker hides known names, and room numbers when asked, in text bound for
// the website. It is safe for concurrent use.
type Masker struct {
	// first marks the runes of the Basic Multilingual Plane that start a
	// name, so that most text is passed over with one bit test a rune.
	first [1 << 16 / 64]uint64
	// byFirst lists the names by their first rune, longest first.
	byFirst map[rune][]entry
	rooms   bool
}

type entry struct {
	rest  []rune // the runes after the first
	latin bool   // a Latin-script name: whole words, replaced whole
	mask  string // what a Latin name becomes
}

// New returns a Masker for the given names. Names shorter than two runes
// are not names (a family name alone says little and is in every other
// word); duplicates are ignored.
func New(names []string, o Options) *Masker {
	m := &Masker{byFirst: map[rune][]entry{}, rooms: o.Rooms}
	seen := map[string]bool{}
	for _, n := range names {
		n = normalizeName(n)
		if utf8.RuneCountInString(n) < 2 || seen[n] || n == MaskName(n) {
			continue
		}
		seen[n] = true
		rs := []rune(n)
		e := entry{rest: rs[1:], latin: !unicode.Is(unicode.Han, rs[0])}
		if e.latin {
			e.mask = MaskName(n)
		}
		m.byFirst[rs[0]] = append(m.byFirst[rs[0]], e)
		if rs[0] < 1<<16 {
			m.first[rs[0]/64] |= 1 << (rs[0] % 64)
		}
	}
	for _, es := range m.byFirst {
		// Longest first, so that 王建国 is masked whole before 王建 is
		// tried; then by text, for a stable order.
		slices.SortFunc(es, func(a, b entry) int {
			return cmp.Or(cmp.Compare(len(b.rest), len(a.rest)), slices.Compare(a.rest, b.rest))
		})
	}
	return m
}

// normalizeName trims a name and folds runs of white space to one space.
func normalizeName(n string) string { return strings.Join(strings.Fields(n), " ") }

// Empty reports whether the Masker changes nothing.
func (m *Masker) Empty() bool { return m == nil || (len(m.byFirst) == 0 && !m.rooms) }

// Text masks plain text.
func (m *Masker) Text(s string) string {
	if m.Empty() {
		return s
	}
	out, changed := m.mask([]byte(s), false, false)
	if !changed {
		return s
	}
	return string(out)
}

// Path masks the names and room numbers in a slash path, for a file the
// website publishes: 刘美娟.jpg → 刘某某.jpg, Liu Mei.jpg → LM.jpg, 301室 →
// xxx室. Not with stars: Windows refuses them in file names, and the web
// person may copy the site through a Windows computer. Two paths may mask
// alike; the caller keeps them apart.
func (m *Masker) Path(p string) string {
	if m.Empty() {
		return p
	}
	out, changed := m.mask([]byte(p), false, true)
	if !changed {
		return p
	}
	return string(out)
}

// Markup masks the text and attribute values of an HTML or XML document. A
// name whose characters are separated by tags (刘<em>美娟</em>) or by a line
// break is masked too, with the tags kept. It returns b itself when nothing
// was masked.
func (m *Masker) Markup(b []byte) []byte {
	if m.Empty() {
		return b
	}
	out, _ := m.mask(b, true, false)
	return out
}

// Find reports the names and room numbers in plain text: for each, where it
// is and what the website shows instead. It is what Text would change.
func (m *Masker) Find(s string) []Found {
	if m.Empty() {
		return nil
	}
	var out []Found
	b := []byte(s)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if n, ok := m.matchAt(b, i, r, size, false); ok {
			masked, _ := m.mask(b[i:n.end], false, false)
			out = append(out, Found{Start: i, End: n.end, Text: s[i:n.end], Masked: string(masked), Room: n.room})
			i = n.end
			continue
		}
		i += size
	}
	return out
}

// Found is a name or room number in a text.
type Found struct {
	Start, End int
	Text       string
	Masked     string
	Room       bool
}

// match is a name or room found in text: the byte offsets of its runes
// (for a Han name or a room) or its end.
type match struct {
	end   int
	runes []int // offsets of the runes to replace with '*'
	latin *entry
	room  bool
}

func (m *Masker) mask(b []byte, markup, inPath bool) ([]byte, bool) {
	var out []byte // nil until the first change
	done := 0      // b[:done] is in out
	for i := 0; i < len(b); {
		c := b[i]
		if c == '<' && markup {
			// A tag: its attribute values are text (alt, title, content)
			// unless they are links, which lead to files and pages.
			end := tagEnd(b, i)
			if end < 0 {
				i++
				continue
			}
			for _, v := range attrValues(b[i:end]) {
				masked, changed := m.mask(b[i+v.start:i+v.end], false, false)
				if !changed {
					continue
				}
				out = append(out, b[done:i+v.start]...)
				out = append(out, masked...)
				done = i + v.end
			}
			i = end
			continue
		}
		if c < utf8.RuneSelf && !m.mayStart(rune(c)) {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r >= utf8.RuneSelf && !m.mayStart(r) {
			i += size
			continue
		}
		n, ok := m.matchAt(b, i, r, size, markup)
		if !ok {
			i += size
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b)+16)
		}
		switch {
		case n.latin != nil && inPath:
			out = append(out, b[done:i]...)
			out = append(out, strings.NewReplacer(".", "", " ", "").Replace(n.latin.mask)...)
		case n.latin != nil:
			out = append(out, b[done:i]...)
			out = append(out, n.latin.mask...)
		default:
			star := "*"
			if inPath && n.room {
				star = "x"
			} else if inPath {
				star = "某"
			}
			for _, at := range n.runes {
				_, sz := utf8.DecodeRune(b[at:])
				out = append(out, b[done:at]...)
				out = append(out, star...)
				done = at + sz
			}
			out = append(out, b[done:n.end]...)
		}
		done, i = n.end, n.end
	}
	if out == nil {
		return b, false
	}
	return append(out, b[done:]...), true
}

// tagEnd returns the offset after the tag that starts at b[i] ('<'), or -1
// when it is not a tag: a comment, or no closing '>' (quotes respected).
func tagEnd(b []byte, i int) int {
	if i+1 >= len(b) || !(b[i+1] == '/' || b[i+1] == '?' || b[i+1] == '!' && !bytes.HasPrefix(b[i+1:], []byte("!--")) || isASCIILetter(b[i+1])) {
		return -1
	}
	var quote byte
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j + 1
		case c == '<':
			return -1
		}
	}
	return -1
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// span is a range of bytes.
type span struct{ start, end int }

// attrValues returns the quoted attribute values of a tag that are text,
// not links.
func attrValues(tag []byte) []span {
	var out []span
	for j := 0; j < len(tag); j++ {
		q := tag[j]
		if q != '"' && q != '\'' {
			continue
		}
		end := bytes.IndexByte(tag[j+1:], q)
		if end < 0 {
			break
		}
		end += j + 1
		if !linkAttr(attrName(tag[:j])) {
			out = append(out, span{j + 1, end})
		}
		j = end
	}
	return out
}

// attrName returns the name of the attribute whose value starts after
// tag: the word before the '='.
func attrName(tag []byte) string {
	k := len(tag)
	for k > 0 && (tag[k-1] == ' ' || tag[k-1] == '=') {
		k--
	}
	start := k
	for start > 0 && (isASCIILetter(tag[start-1]) || tag[start-1] == '-' || tag[start-1] == ':') {
		start--
	}
	return strings.ToLower(string(tag[start:k]))
}

// linkAttr reports the attributes whose values are addresses.
func linkAttr(name string) bool {
	switch name {
	case "href", "src", "srcset", "xlink:href", "action", "poster", "cite", "data":
		return true
	}
	return false
}

// mayStart reports whether r may start a name or a room number.
func (m *Masker) mayStart(r rune) bool {
	if m.rooms && isDigit(r) {
		return true
	}
	if r < 1<<16 {
		return m.first[r/64]&(1<<(r%64)) != 0
	}
	_, ok := m.byFirst[r]
	return ok
}

// matchAt tries the names that start with r, longest first, and then a
// room number, at b[i:].
func (m *Masker) matchAt(b []byte, i int, r rune, size int, markup bool) (match, bool) {
	for k := range m.byFirst[r] {
		e := &m.byFirst[r][k]
		if e.latin {
			if end, ok := matchLatin(b, i, size, e); ok {
				return match{end: end, latin: e}, true
			}
			continue
		}
		if n, ok := matchHan(b, i+size, e.rest, markup); ok {
			return n, true
		}
	}
	if m.rooms && isDigit(r) {
		return matchRoom(b, i)
	}
	return match{}, false
}

// matchHan matches the rest of a Chinese name at b[j:], passing over line
// breaks (a name wrapped in the source) and, in markup, tags.
func matchHan(b []byte, j int, rest []rune, markup bool) (match, bool) {
	n := match{runes: make([]int, 0, len(rest))}
	for _, want := range rest {
		j = skipIgnorable(b, j, markup)
		r, size := utf8.DecodeRune(b[j:])
		if r != want || size == 0 {
			return match{}, false
		}
		n.runes = append(n.runes, j)
		j += size
	}
	n.end = j
	return n, true
}

// skipIgnorable passes over what may stand between two characters of one
// Chinese word: white space from a wrapped line and, in markup, tags.
func skipIgnorable(b []byte, j int, markup bool) int {
	for j < len(b) {
		switch c := b[j]; {
		case c == '\n' || c == '\r' || c == ' ' || c == '\t':
			j++
		case markup && c == '<':
			end := j + 1
			for end < len(b) && b[end] != '>' && b[end] != '<' {
				end++
			}
			if end >= len(b) || b[end] != '>' {
				return j
			}
			j = end + 1
		default:
			return j
		}
	}
	return j
}

// matchLatin matches a Latin-script name as whole words at b[i:].
func matchLatin(b []byte, i, size int, e *entry) (int, bool) {
	if i > 0 {
		if r, _ := utf8.DecodeLastRune(b[:i]); isWord(r) {
			return 0, false
		}
	}
	j := i + size
	for _, want := range e.rest {
		if want == ' ' {
			k := j
			for k < len(b) && (b[k] == ' ' || b[k] == '\n' || b[k] == '\t' || b[k] == '\r') {
				k++
			}
			if k == j {
				return 0, false
			}
			j = k
			continue
		}
		r, sz := utf8.DecodeRune(b[j:])
		if r != want || sz == 0 {
			return 0, false
		}
		j += sz
	}
	if r, _ := utf8.DecodeRune(b[j:]); j < len(b) && isWord(r) {
		return 0, false
	}
	return j, true
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// isDigit reports an ASCII or full-width digit.
func isDigit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

// matchRoom matches a room number at b[i:]: three or four digits, not part
// of a longer number, followed by 室 (301室, 1202 室). Its digits are
// masked.
func matchRoom(b []byte, i int) (match, bool) {
	if i > 0 {
		if r, _ := utf8.DecodeLastRune(b[:i]); isDigit(r) || r == '.' || r == ',' {
			return match{}, false
		}
	}
	var n match
	j := i
	for j < len(b) {
		r, size := utf8.DecodeRune(b[j:])
		if !isDigit(r) {
			break
		}
		n.runes = append(n.runes, j)
		j += size
	}
	if len(n.runes) < 3 || len(n.runes) > 4 {
		return match{}, false
	}
	k := j
	for k < len(b) && b[k] == ' ' {
		k++
	}
	if r, size := utf8.DecodeRune(b[k:]); r == '室' {
		n.end = k + size
		n.room = true
		return n, true
	}
	return match{}, false
}

// MaskName shows a resident's name as the website may: the first character
// of a Chinese name (the family name) and a star for each other one, the
// initials of a Latin one. Several names separated by 、 or commas are each
// masked; a role or place in brackets after them is kept: 刘阿姨（楼组长） →
// 刘**（楼组长）.
func MaskName(name string) string {
	name = strings.TrimSpace(name)
	rest := ""
	if i := strings.IndexAny(name, "（("); i > 0 {
		name, rest = strings.TrimSpace(name[:i]), name[i:]
		if strings.HasPrefix(rest, "(") {
			rest = " " + rest
		}
	}
	var b strings.Builder
	start := 0
	for i, r := range name {
		if strings.ContainsRune("、，,", r) {
			b.WriteString(maskOne(name[start:i]))
			b.WriteRune(r)
			start = i + utf8.RuneLen(r)
		}
	}
	b.WriteString(maskOne(name[start:]))
	return b.String() + rest
}

func maskOne(name string) string {
	lead := name[:len(name)-len(strings.TrimLeft(name, " "))]
	name = strings.TrimSpace(name)
	if name == "" {
		return lead
	}
	first, _ := utf8.DecodeRuneInString(name)
	if unicode.Is(unicode.Han, first) {
		return lead + string(first) + strings.Repeat("*", max(utf8.RuneCountInString(name)-1, 1))
	}
	var parts []string
	for _, w := range strings.Fields(name) {
		r, _ := utf8.DecodeRuneInString(w)
		parts = append(parts, string(unicode.ToUpper(r))+".")
	}
	return lead + strings.Join(parts, " ")
}
