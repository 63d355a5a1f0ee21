package privacy

import (
	"bytes"
	"cmp"
	"encoding/binary"
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
	// han is a trie of the Chinese names by rune: a sub-district declares
	// tens of thousands of names, a few hundred for each common family
	// name, and each place a family name's character stands is tried
	// against all of them at once.
	han map[rune]*node
	// latin lists the Latin-script names by their first rune, longest
	// first; there are few of them.
	latin map[rune][]entry
	rooms bool
	n     int
	// grows is set when a Latin name's mask is longer than the name (A B
	// → A. B.), which MarkupInPlace cannot write over it.
	grows bool
	// asciiStart marks the bytes that may start a name or a room number.
	asciiStart [utf8.RuneSelf]bool
}

// node is a step of the trie: the runes that may follow, and whether a
// name ends here.
type node struct {
	next map[rune]*node
	end  bool
}

// maxNameRunes bounds the names the trie holds (a longer "name" is a
// sentence).
const maxNameRunes = 16

type entry struct {
	rest []rune // the runes after the first
	mask string // what the name becomes
}

// New returns a Masker for the given names. Names shorter than two runes
// are not names (a family name alone says little and is in every other
// word); duplicates are ignored.
func New(names []string, o Options) *Masker {
	m := &Masker{han: map[rune]*node{}, latin: map[rune][]entry{}, rooms: o.Rooms}
	seen := map[string]bool{}
	for _, n := range names {
		n = normalizeName(n)
		count := utf8.RuneCountInString(n)
		if count < 2 || count > maxNameRunes || seen[n] || n == MaskName(n) {
			continue
		}
		seen[n] = true
		m.n++
		rs := []rune(n)
		if unicode.Is(unicode.Han, rs[0]) {
			t := m.han[rs[0]]
			if t == nil {
				t = &node{}
				m.han[rs[0]] = t
			}
			for _, r := range rs[1:] {
				if unicode.IsSpace(r) {
					continue
				}
				if t.next == nil {
					t.next = map[rune]*node{}
				}
				c := t.next[r]
				if c == nil {
					c = &node{}
					t.next[r] = c
				}
				t = c
			}
			t.end = true
		} else {
			m.latin[rs[0]] = append(m.latin[rs[0]], entry{rest: rs[1:], mask: MaskName(n)})
			if len(MaskName(n)) > len(n) {
				m.grows = true
			}
		}
		if rs[0] < 1<<16 {
			m.first[rs[0]/64] |= 1 << (rs[0] % 64)
		}
		if rs[0] < utf8.RuneSelf {
			m.asciiStart[rs[0]] = true
		}
	}
	if o.Rooms {
		for c := '0'; c <= '9'; c++ {
			m.asciiStart[c] = true
		}
		for r := '０'; r <= '９'; r++ {
			m.first[r/64] |= 1 << (r % 64)
		}
	}
	for _, es := range m.latin {
		// Longest first, so that Liu Meiling is masked whole before Liu
		// Mei is tried; then by text, for a stable order.
		slices.SortFunc(es, func(a, b entry) int {
			return cmp.Or(cmp.Compare(len(b.rest), len(a.rest)), slices.Compare(a.rest, b.rest))
		})
	}
	return m
}

// normalizeName trims a name and folds runs of white space to one space.
func normalizeName(n string) string { return strings.Join(strings.Fields(n), " ") }

// Empty reports whether the Masker changes nothing.
func (m *Masker) Empty() bool { return m == nil || (m.n == 0 && !m.rooms) }

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

// MarkupInPlace is Markup writing over b, which the caller gives up: a
// masked document is never longer than the original (a star for each
// character), so a site's hundreds of megabytes of pages are masked without
// a second copy for the garbage collector to sweep. When a Latin name's
// mask could be longer than the name, it copies as Markup does.
func (m *Masker) MarkupInPlace(b []byte) []byte {
	if m.Empty() {
		return b
	}
	if m.grows {
		return m.Markup(b)
	}
	out, _ := m.maskInto(b[:0:len(b)], b, true, false)
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
	return m.maskInto(nil, b, markup, inPath)
}

// maskInto is mask writing into out, which is nil (a new slice is made at
// the first change) or b[:0] (written over b: never faster than it is read).
func (m *Masker) maskInto(out, b []byte, markup, inPath bool) ([]byte, bool) {
	changedAny := false
	done := 0 // b[:done] is in out
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
			tag := b[i:end]
			if len(m.latin) == 0 && ascii(tag) {
				// Chinese names and room numbers (before 室) need bytes
				// above ASCII: most tags, class="…" href="…", have none.
				i = end
				continue
			}
			for j := 0; j < len(tag); j++ {
				start, stop, ok := nextAttrValue(tag, j)
				if !ok {
					break
				}
				j = stop
				if start < 0 {
					continue // a link's value
				}
				masked, changed := m.mask(b[i+start:i+stop], false, false)
				if !changed {
					continue
				}
				if out == nil {
					out = make([]byte, 0, len(b)+16)
				}
				changedAny = true
				out = append(out, b[done:i+start]...)
				out = append(out, masked...)
				done = i + stop
			}
			i = end
			continue
		}
		var r rune
		var size int
		switch {
		case c < utf8.RuneSelf:
			if !m.asciiStart[c] {
				i++
				continue
			}
			r, size = rune(c), 1
		case c >= 0xE0 && c < 0xF0 && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80:
			// Three bytes: every Chinese character of common use. Decoded
			// here, without utf8's general path; a surrogate or overlong
			// form cannot start a name, and the bit test sends it on.
			r, size = rune(c&0x0F)<<12|rune(b[i+1]&0x3F)<<6|rune(b[i+2]&0x3F), 3
			if m.first[r/64]&(1<<(r%64)) == 0 {
				i += 3
				continue
			}
		default:
			r, size = utf8.DecodeRune(b[i:])
			if !m.mayStart(r) {
				i += size
				continue
			}
		}
		n, ok := m.matchAt(b, i, r, size, markup)
		if !ok {
			i += size
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b)+16)
		}
		changedAny = true
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
	if !changedAny {
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

// ascii reports whether b is all ASCII, eight bytes at a time.
func ascii(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// nextAttrValue finds the next quoted attribute value in tag from j: its
// bounds, or start -1 when it is a link's (whose value is an address, not
// text); ok is false when there is none.
func nextAttrValue(tag []byte, j int) (start, stop int, ok bool) {
	for ; j < len(tag); j++ {
		q := tag[j]
		if q != '"' && q != '\'' {
			continue
		}
		end := bytes.IndexByte(tag[j+1:], q)
		if end < 0 {
			return 0, 0, false
		}
		end += j + 1
		if linkAttr(attrName(tag[:j])) {
			return -1, end, true
		}
		return j + 1, end, true
	}
	return 0, 0, false
}

// attrName returns the name of the attribute whose value starts after
// tag: the word before the '='.
func attrName(tag []byte) []byte {
	k := len(tag)
	for k > 0 && (tag[k-1] == ' ' || tag[k-1] == '=') {
		k--
	}
	start := k
	for start > 0 && (isASCIILetter(tag[start-1]) || tag[start-1] == '-' || tag[start-1] == ':') {
		start--
	}
	return tag[start:k]
}

// linkAttr reports the attributes whose values are addresses.
func linkAttr(name []byte) bool {
	for _, a := range linkAttrs {
		if bytes.EqualFold(name, a) {
			return true
		}
	}
	return false
}

var linkAttrs = [][]byte{[]byte("href"), []byte("src"), []byte("srcset"), []byte("xlink:href"), []byte("action"), []byte("poster"), []byte("cite"), []byte("data")}

// mayStart reports whether r may start a name or a room number.
func (m *Masker) mayStart(r rune) bool {
	if m.rooms && isDigit(r) {
		return true
	}
	if r < 1<<16 {
		return m.first[r/64]&(1<<(r%64)) != 0
	}
	_, ok := m.han[r]
	if !ok {
		_, ok = m.latin[r]
	}
	return ok
}

// matchAt tries the names that start with r, the longest first, and then a
// room number, at b[i:].
func (m *Masker) matchAt(b []byte, i int, r rune, size int, markup bool) (match, bool) {
	if isDigit(r) {
		// No name starts with a digit; posters' drawings (QR codes,
		// charts) are full of numbers, so they are sent straight on.
		if m.rooms {
			return matchRoom(b, i)
		}
		return match{}, false
	}
	if t := m.han[r]; t != nil {
		if n, ok := matchHan(b, i+size, t, markup); ok {
			return n, true
		}
	}
	if len(m.latin) == 0 {
		return match{}, false
	}
	for k := range m.latin[r] {
		e := &m.latin[r][k]
		if end, ok := matchLatin(b, i, size, e); ok {
			return match{end: end, latin: e}, true
		}
	}
	return match{}, false
}

// matchHan walks the trie from t over b[j:], passing over line breaks (a
// name wrapped in the source) and, in markup, tags, and returns the longest
// name that ends on the way.
func matchHan(b []byte, j int, t *node, markup bool) (match, bool) {
	var at [maxNameRunes]int
	k, best, bestEnd := 0, -1, 0
	for {
		if t.end {
			best, bestEnd = k, j
		}
		if t.next == nil || k == len(at) {
			break
		}
		j2 := skipIgnorable(b, j, markup)
		r, size := utf8.DecodeRune(b[j2:])
		c := t.next[r]
		if c == nil || size == 0 {
			break
		}
		at[k] = j2
		k++
		j, t = j2+size, c
	}
	if best < 0 {
		return match{}, false
	}
	return match{end: bestEnd, runes: slices.Clone(at[:best])}, true
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
	// The digits' offsets, kept on the stack: most runs of digits in a
	// page (years, amounts, sizes) are not rooms.
	var at [4]int
	count, j := 0, i
	for j < len(b) {
		r, size := utf8.DecodeRune(b[j:])
		if !isDigit(r) {
			break
		}
		if count == len(at) {
			return match{}, false
		}
		at[count] = j
		count++
		j += size
	}
	if count < 3 {
		return match{}, false
	}
	k := j
	for k < len(b) && b[k] == ' ' {
		k++
	}
	if r, size := utf8.DecodeRune(b[k:]); r == '室' {
		return match{end: k + size, room: true, runes: append([]int(nil), at[:count]...)}, true
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
