package posters

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"wallpress/generator/content"
	"wallpress/generator/ledger"
)

// The fixed frame of every sheet, in units (Geometry.Unit). poster.css
// gives the header and the footer exactly these heights (plus the bleed
// they run into) and the main area this padding, so that the room left for
// the content is known here, before the browser sees the page.
const (
	headerU    = 16
	footerU    = 21
	fitPadTopU = 4
	fitPadBotU = 3
	bodyFontU  = 3.4  // .fit's font-size: every em below is this size
	fitSafety  = 0.94 // the estimates leave this share of the room for use
	lineSafety = 0.97
	maxCollage = 6 // photos in an activity's collage
)

// Part is what one sheet of a poster holds. A record too long for one
// sheet continues on sheets of the same size and frame: every entry of a
// ledger, every article of a convention, every pair of a story and the
// whole body reach paper, the planner deciding here where each sheet ends.
type Part struct {
	// N is the sheet's 1-based number among Of.
	N, Of int
	// First sheets carry the record's heading and fixed blocks; the Last
	// its closing blocks (a ledger's sign-off, a convention's signatures,
	// a story's quote).
	First, Last bool
	// Rows are a ledger's entries on this sheet, with year labels when the
	// book spans years.
	Rows []LedgerRow
	// Articles are a convention's articles on this sheet; Start is the
	// number of the first.
	Articles []template.HTML
	Start    int
	// Pairs are a story's before-and-after pairs on this sheet.
	Pairs []content.Pair
	// Body is the part of the record's text on this sheet.
	Body template.HTML
	// body are the pieces of Body while the sheet is laid out, joined
	// once at the end rather than copied at every piece.
	body []string
	// Lead is set on the sheet that shows the record's summary.
	Lead bool
	// Chart is set on the sheet that shows a ledger's monthly chart.
	Chart bool
	// Scale is the size of the poster's type, a share of the theme's.
	Scale float64
	// LeftOff is set when the theme left something of the record off the
	// poster; the poster then says where to read it.
	LeftOff bool
}

// Continued reports whether the poster has more than one sheet.
func (p *Part) Continued() bool { return p != nil && p.Of > 1 }

// FitStyle sets the poster's type size.
func (p *Part) FitStyle() template.CSS {
	if p.Scale == 0 || p.Scale == 1 {
		return ""
	}
	return template.CSS(fmt.Sprintf("--fit: %g", p.Scale))
}

// ArticleCounter starts the numbering of a sheet's articles where the
// previous sheet stopped.
func (p *Part) ArticleCounter() template.CSS {
	return template.CSS(fmt.Sprintf("counter-reset: art %d", p.Start-1))
}

// LedgerRow is a row of a ledger's table on a poster: an entry, or the label
// of the year the following entries belong to.
type LedgerRow struct {
	Year int
	// Again marks a year label repeated at the top of a sheet.
	Again bool
	Entry *ledger.Entry
	// The entry's cells as the table shows them: the date, the amounts
	// ("" for none) and whether the balance is below zero.
	Date, Income, Expense, Balance string
	Negative                       bool
}

// LeftOff is something a poster's theme chose not to print; the poster says
// where to read it and check and build report it.
type LeftOff struct {
	Page *content.Page
	Line int
	// What is the i18n key of the thing left off; Hint the key of what to
	// do, "" for the usual one (posters.leftOff.hint).
	What, Hint string
	// sized is set when whether it is left off depends on the type size
	// (a smaller type may make room for it).
	sized bool
	// cut is the markup where a body was cut, placed the bytes of its
	// text printed before it: to find the line that starts what is left
	// off.
	cut    string
	placed int
}

// room is the content area of a sheet in em of the body type.
type room struct {
	w, h float64
	// em is the size of an em in millimetres.
	em float64
}

// roomOf is the room on a sheet of g for type set at scale times the
// poster's body size.
func roomOf(g Geometry, scale float64) room {
	u := g.Unit()
	return room{
		w:  (g.TrimW/u - 2*padU) / bodyFontU / scale,
		h:  (g.TrimH/u - headerU - footerU - fitPadTopU - fitPadBotU) / bodyFontU * fitSafety / scale,
		em: bodyFontU * u * scale,
	}
}

// Scales are the type sizes a poster may be set at, largest first: a
// poster takes as few sheets as it can, at the largest type that gives
// that number.
var scales = []float64{1, 0.94, 0.88, 0.82, 0.76, 0.7, 0.64}

// textEm is the width of plain text in em: CJK characters and full-width
// punctuation are square, Latin letters, digits and spaces about half.
func textEm(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += runeEm(r)
	}
	return w
}

// runeEm is the width of a character in em (textEm).
func runeEm(r rune) float64 {
	switch {
	case r == '\n':
		return 0
	case r == ' ':
		return 0.3
	case r < 0x2E80 && !unicode.Is(unicode.Han, r) && r != '—' && r != '…' && r != '“' && r != '”':
		return 0.56
	}
	return 1
}

// growing is lines for text that grows piece by piece: the lines of the
// text so far (its markup stripped, references unescaped and its ends
// trimmed, as plain does) without measuring it again from its start.
type growing struct {
	size, w float64
	// started is set at the first character that is not a space; full
	// counts the lines of the finished paragraphs (up to a newline), em
	// is the width of the current one, pending the spaces after its last
	// character, which count only when more text follows.
	started bool
	full    int
	em      float64
	pending []rune
	// bytes counts the bytes of text added.
	bytes int
}

// add appends a piece of markup.
func (m *growing) add(markup string) {
	t := stripTags(markup)
	if strings.IndexByte(t, '&') >= 0 {
		t = unescape.Replace(t)
	}
	m.bytes += len(t)
	for _, r := range t {
		switch {
		case unicode.IsSpace(r):
			if m.started {
				m.pending = append(m.pending, r)
			}
			continue
		case !m.started:
			m.started = true
		}
		for _, p := range m.pending {
			m.put(p)
		}
		m.pending = m.pending[:0]
		m.put(r)
	}
}

func (m *growing) put(r rune) {
	if r == '\n' {
		m.full += m.last()
		m.em = 0
		return
	}
	m.em += runeEm(r)
}

// last is the lines of the current paragraph.
func (m *growing) last() int {
	return max(1, int(math.Ceil(m.em*m.size/(m.w*lineSafety))))
}

// lines is the text's lines so far.
func (m *growing) lines() int {
	if !m.started {
		return 0
	}
	return m.full + m.last()
}

// lines is how many lines text takes at size (em) with the letter spacing
// ls (em of size) in a column w em wide.
func lines(text string, size, ls, w float64) int {
	if strings.TrimSpace(text) == "" {
		return 0
	}
	n := 0
	for _, para := range strings.Split(text, "\n") {
		em := (textEm(para) + ls*float64(utf8.RuneCountInString(para))) * size
		n += max(1, int(math.Ceil(em/(w*lineSafety))))
	}
	return n
}

// textH is the height of text set at size with line height lh.
func textH(text string, size, lh, ls, w float64) float64 {
	return float64(lines(text, size, ls, w)) * size * lh
}

// plain is the text of HTML, entities left as they are (near enough for
// measuring).
func plain(h string) string {
	t := stripTags(h)
	if strings.IndexByte(t, '&') >= 0 {
		t = unescape.Replace(t)
	}
	return strings.TrimSpace(t)
}

// unescape turns back the character references html/template writes.
var unescape = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&nbsp;", " ")

// stripTags removes every <…> tag (what the regexp <[^>]*> matches) without a
// regexp: plain runs for
// every sentence of every body a poster lays out.
func stripTags(h string) string {
	i := strings.IndexByte(h, '<')
	if i < 0 {
		return h
	}
	var b strings.Builder
	b.Grow(len(h))
	for i >= 0 {
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			break
		}
		b.WriteString(h[:i])
		h = h[i+j+1:]
		i = strings.IndexByte(h, '<')
	}
	b.WriteString(h)
	return b.String()
}

// maxBodySheets is how many sheets a record's text may run to. A wall has
// room for a few sheets, not for a book: text that would start a sheet
// beyond these is left off (and reported, and the poster says where to read
// it). It also bounds the work of laying out a story of any length.
const maxBodySheets = 8

// flow lays items down sheet after sheet.
type flow struct {
	r     room
	parts []*Part
	left  float64
	// maxSheets is how many sheets the body may fill.
	maxSheets int
	// cut is the first piece of the body (a sentence, an item, a block)
	// that did not fit on those sheets, "" while everything fits; nothing
	// more of the body is laid out after it. placed counts the bytes of
	// the body's text placed before it.
	cut    string
	placed int
	// read counts the bytes of the body looked at sentence by sentence or
	// block by block: what laying it out cost.
	read int
	// bySentence lays out every paragraph sentence by sentence, even one
	// that fits whole (for tests: both ways must lay out the same).
	bySentence bool
}

func newFlow(r room) *flow {
	f := &flow{r: r, maxSheets: maxBodySheets}
	f.next()
	return f
}

// contHead is the height of a continuation sheet's heading.
const contHead = 2.6

func (f *flow) cur() *Part { return f.parts[len(f.parts)-1] }

func (f *flow) next() {
	p := &Part{N: len(f.parts) + 1}
	if p.N == 1 {
		p.First = true
		f.left = f.r.h
	} else {
		f.left = f.r.h - contHead - 0.8
	}
	f.parts = append(f.parts, p)
}

// fresh reports whether nothing was placed on the current sheet yet.
func (f *flow) fresh() bool {
	if len(f.parts) == 1 {
		return false // the heading is there
	}
	return f.left >= f.r.h-contHead-0.8-0.01
}

// place puts a block h em high (with the gap before it) on the current
// sheet, or on a new one when it does not fit.
func (f *flow) place(h float64) *Part { return f.placeGap(h, 0.8) }

// placeGap is place with a gap of its own before the block.
func (f *flow) placeGap(h, gap float64) *Part {
	if h+gap > f.left && !f.fresh() {
		f.next()
		gap = 0.8
	}
	f.left -= h + gap
	return f.cur()
}

// bodyGap is the room before a block of the text: the gap between the
// blocks of a sheet before the first, nothing (the block's margin is in
// its height) after.
func (f *flow) bodyGap() float64 {
	if p := f.cur(); p.Body == "" && len(p.body) == 0 {
		return 0.8
	}
	return 0
}

// fits reports whether a block h em high still fits on the current sheet.
func (f *flow) fits(h float64) bool { return h+0.8 <= f.left }

// holds reports whether the text h fits on the current sheet.
func (f *flow) holds(h template.HTML) bool {
	last := *f.cur()
	// Laid out on a copy that may not start a sheet: it stops at the first
	// thing that does not fit.
	g := &flow{r: f.r, left: f.left, parts: []*Part{&last}, maxSheets: 1}
	g.body(h)
	return g.cut == "" && len(g.parts) == 1
}

// done numbers the sheets and marks the last.
func (f *flow) done() []*Part {
	for _, p := range f.parts {
		p.Of = len(f.parts)
		if len(p.body) > 0 {
			p.Body += template.HTML(strings.Join(p.body, ""))
			p.body = nil
		}
	}
	f.cur().Last = true
	return f.parts
}

// body lays down a record's text (its rendered HTML; pictures and links
// are taken out here, as BodyText does): block by block, a paragraph that
// does not fit split between sentences, so that every word is printed and
// none is cut through — up to maxSheets sheets. The blocks are read one at
// a time and only as far as they are laid out: a story of 50 MB costs what
// its first sheets cost.
func (f *flow) body(h template.HTML) {
	const size, lh = 0.82, 1.6
	w := f.r.w
	sc := blockScan{h: string(h)}
	for f.cut == "" {
		raw, ok := sc.next()
		if !ok {
			return
		}
		b, ok := bodyBlock(raw)
		if !b.raw {
			f.read += len(raw)
		}
		if !ok {
			continue // an emptied figure: its picture is not printed
		}
		switch b.tag {
		case "p", "blockquote":
			f.para(b, size, lh, w)
		case "ul", "ol":
			for _, li := range b.items {
				text := plain(li.html)
				bh := textH(text, size, lh, 0, w-1.3) + 0.3*size
				if !f.room(bh, f.bodyGap(), li.open+li.html+li.close) {
					return
				}
				p := f.placeGap(bh, f.bodyGap())
				p.body = append(p.body, li.open+li.html+li.close)
				f.placed += len(text)
			}
		case "table":
			rows := strings.Count(b.html, "<tr")
			bh := float64(max(rows, 1))*size*1.5*1.4 + 0.3
			if !f.room(bh, f.bodyGap(), b.html) {
				return
			}
			p := f.placeGap(bh, f.bodyGap())
			p.body = append(p.body, b.html)
			f.placed += len(plain(b.html))
		default:
			text := plain(b.html)
			bh := textH(text, size, lh, 0, w) + 0.6*size
			if !f.room(bh, f.bodyGap(), b.html) {
				return
			}
			p := f.placeGap(bh, f.bodyGap())
			p.body = append(p.body, b.html)
			f.placed += len(text)
		}
	}
}

// room reports whether a block of the body h em high, after gap, may be
// placed: it fits on this sheet, or on a next sheet the body may still
// take. Otherwise the block, markup, is where the body is cut.
func (f *flow) room(h, gap float64, markup string) bool {
	if h+gap > f.left && !f.fresh() && len(f.parts) >= f.maxSheets {
		f.cut = markup
		return false
	}
	return true
}

// bigBlock is the size of a paragraph from which on it is read sentence by
// sentence, not checked and cleaned whole first.
const bigBlock = 64 << 10

// bodyBlock is a top-level element of a body as the poster prints it, its
// pictures and links taken out; false when nothing of it is left to print.
func bodyBlock(raw string) (block, bool) {
	if name, _, ok := openTag(raw); ok && len(raw) > bigBlock && (strings.EqualFold(name, "p") || strings.EqualFold(name, "blockquote")) {
		if b := makeBlock(raw); b.inner != "" {
			// A paragraph too long to clean whole (cleaned sentence by
			// sentence as it is laid out); only its start is looked at
			// to tell whether it prints at all.
			b.raw = true
			sc := sentenceScan{s: b.inner, strip: true}
			if first, ok := sc.next(); ok && plain(first) != "" {
				return b, true
			}
		}
	}
	h := stripPictures(raw)
	if plain(h) == "" && !strings.Contains(h, "<hr") {
		return block{}, false
	}
	return makeBlock(h), true
}

// para lays down a paragraph, split between sentences across sheets.
func (f *flow) para(b block, size, lh, w float64) {
	if !f.bySentence && f.paraWhole(b, size, lh, w) {
		return
	}
	sc := sentenceScan{s: b.inner, strip: b.raw}
	if b.raw {
		defer func() { f.read += len(b.open) + sc.i }()
	}
	// sents are the sentences read ahead and not placed yet.
	var sents []string
	more := true
	// have reads ahead until n sentences wait, or the paragraph ends.
	have := func(n int) bool {
		for len(sents) < n && more {
			s, ok := sc.next()
			if !ok {
				more = false
				break
			}
			sents = append(sents, s)
		}
		return len(sents) >= n
	}
	started := false
	for have(1) {
		// As many sentences as fit on this sheet; at least one on a
		// fresh sheet. The text is measured as it grows, sentence by
		// sentence.
		n := 0
		gap := f.bodyGap()
		m := growing{size: size, w: w}
		prev, prevBytes := 0, 0 // the lines and text of the n sentences that fit
		for have(n + 1) {
			m.add(sents[n])
			l := m.lines()
			h := float64(l)*size*lh + 0.3*size
			if h+gap > f.left {
				break
			}
			n++
			prev, prevBytes = l, m.bytes
		}
		if n == 0 {
			if !f.fresh() {
				if len(f.parts) >= f.maxSheets {
					f.cut = sents[0]
					return
				}
				f.next()
				continue
			}
			n, prev, prevBytes = 1, m.lines(), m.bytes
		}
		text := strings.Join(sents[:n], "")
		f.left -= float64(prev)*size*lh + 0.3*size + f.bodyGap()
		f.placed += prevBytes
		open := b.open
		if started {
			// A paragraph's continuation is not indented as a new one.
			open = strings.Replace(open, ">", ` class="cont">`, 1)
		}
		p := f.cur()
		p.body = append(p.body, open+text+b.close)
		sents = sents[n:]
		started = true
	}
}

// paraWhole places a paragraph of plain text (no markup to close and
// reopen between its sentences) that fits whole in what is left of the
// sheet, as para would after measuring it sentence by sentence, at the cost
// of measuring it once; false, with nothing placed, for any other.
// Most paragraphs are such, and splitting them into sentences at every
// type size tried was a fifth of the posters' layout.
func (f *flow) paraWhole(b block, size, lh, w float64) bool {
	if b.raw || b.inner == "" || strings.IndexByte(b.inner, '<') >= 0 ||
		strings.TrimRightFunc(b.inner, unicode.IsSpace) != b.inner {
		// Markup, nothing to print, or white space at the end (which the
		// sentences leave out; an inner of spaces only is all end).
		return false
	}
	m := growing{size: size, w: w}
	m.add(b.inner)
	l := m.lines()
	gap := f.bodyGap()
	if float64(l)*size*lh+0.3*size+gap > f.left {
		return false
	}
	f.left -= float64(l)*size*lh + 0.3*size + gap
	f.placed += m.bytes
	p := f.cur()
	p.body = append(p.body, b.open+b.inner+b.close)
	return true
}

// block is a top-level element of a rendered body.
type block struct {
	tag, html          string
	open, inner, close string
	// raw is set for a paragraph whose pictures and links are still in
	// it, to be taken out sentence by sentence.
	raw   bool
	items []item
}

type item struct{ open, html, close string }

var voidTags = map[string]bool{"br": true, "img": true, "hr": true, "source": true, "wbr": true, "input": true, "meta": true, "link": true}

// blocks splits rendered HTML into its top-level elements.
func blocks(h string) []block {
	var out []block
	sc := blockScan{h: h}
	for {
		b, ok := sc.next()
		if !ok {
			return out
		}
		out = append(out, makeBlock(b))
	}
}

// blockScan reads the top-level elements of rendered HTML one at a time:
// from the start of a tag at depth 0 to the end of the tag that brings the
// depth back to 0. Text outside the elements is skipped.
type blockScan struct {
	h   string
	pos int
}

// next is the next top-level element, false at the end.
func (s *blockScan) next() (string, bool) {
	depth, start := 0, -1
	for {
		t, ok := s.tag()
		if !ok {
			return "", false
		}
		if depth == 0 && start < 0 {
			start = t.start
		}
		switch {
		case t.closing:
			depth--
		case !t.selfClosing:
			depth++
		}
		if depth <= 0 {
			return s.h[start:t.end], true
		}
	}
}

// htmlTag is a start or end tag found by blockScan.tag.
type htmlTag struct {
	start, end           int
	closing, selfClosing bool
}

// tag finds the next tag from pos: "<", an optional "/", a name of ASCII
// letters and digits starting with a letter and not followed by a word
// character, then anything up to the first ">"; a "/" right before it
// closes the element itself, as do the void elements.
func (s *blockScan) tag() (htmlTag, bool) {
	h := s.h
	for {
		i := strings.IndexByte(h[s.pos:], '<')
		if i < 0 {
			s.pos = len(h)
			return htmlTag{}, false
		}
		i += s.pos
		s.pos = i + 1
		j := i + 1
		closing := j < len(h) && h[j] == '/'
		if closing {
			j++
		}
		if j >= len(h) || !isASCIILetter(h[j]) {
			continue
		}
		k := j + 1
		for k < len(h) && (isASCIILetter(h[k]) || '0' <= h[k] && h[k] <= '9') {
			k++
		}
		if k < len(h) && h[k] == '_' {
			continue
		}
		gt := strings.IndexByte(h[k:], '>')
		if gt < 0 {
			// No tag ends after this one: none is left.
			s.pos = len(h)
			return htmlTag{}, false
		}
		gt += k
		s.pos = gt + 1
		self := gt > k && h[gt-1] == '/' || voidTags[strings.ToLower(h[j:k])]
		return htmlTag{start: i, end: gt + 1, closing: closing, selfClosing: self}, true
	}
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func makeBlock(h string) block {
	b := block{html: h}
	name, open, ok := openTag(h)
	if !ok {
		return b
	}
	b.tag = strings.ToLower(name)
	b.open = open
	b.close = "</" + name + ">"
	if strings.HasSuffix(h, b.close) {
		b.inner = h[len(b.open) : len(h)-len(b.close)]
	}
	switch b.tag {
	case "ul", "ol":
		n := 1
		for li := range listItems(b.inner) {
			open := b.open
			if b.tag == "ol" {
				// Each item its own list, numbered on.
				open = `<ol start="` + strconv.Itoa(n) + `">`
			}
			b.items = append(b.items, item{open, li, b.close})
			n++
		}
		if len(b.items) == 0 {
			b.tag = ""
		}
	}
	return b
}

// openTag is the start tag h begins with and its name: "<", a name of ASCII
// letters and digits starting with a letter and not followed by a word
// character, anything up to the first ">".
func openTag(h string) (name, tag string, ok bool) {
	if len(h) < 2 || h[0] != '<' || !isASCIILetter(h[1]) {
		return "", "", false
	}
	k := 2
	for k < len(h) && (isASCIILetter(h[k]) || '0' <= h[k] && h[k] <= '9') {
		k++
	}
	if k < len(h) && h[k] == '_' {
		return "", "", false
	}
	gt := strings.IndexByte(h[k:], '>')
	if gt < 0 {
		return "", "", false
	}
	return h[1:k], h[:k+gt+1], true
}

// listItems are the <li> elements of a list's inner HTML, each from its
// start tag to the first </li> after it (nested lists stay in the item
// that holds them only as far as that).
func listItems(inner string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		s := inner
		for {
			i := indexStartTag(s, "li")
			if i < 0 {
				return
			}
			gt := strings.IndexByte(s[i:], '>')
			if gt < 0 {
				return
			}
			end := strings.Index(s[i+gt+1:], "</li>")
			if end < 0 {
				return
			}
			end += i + gt + 1 + len("</li>")
			if !yield(s[i:end]) {
				return
			}
			s = s[end:]
		}
	}
}

// indexStartTag is where the first start tag <name …> or <name> begins in
// s (name followed by a character that is not a word character), or -1.
func indexStartTag(s, name string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], "<"+name)
		if i < 0 {
			return -1
		}
		i += off
		k := i + 1 + len(name)
		if k >= len(s) || !isWordByte(s[k]) {
			return i
		}
		off = i + 1
	}
}

func isWordByte(c byte) bool { return isASCIILetter(c) || '0' <= c && c <= '9' || c == '_' }

// sentenceEnd reports whether r ends a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';':
		return true
	}
	return false
}

// closer reports whether r may follow a sentence's end and belong to it.
func closer(r rune) bool {
	switch r {
	case '”', '」', '』', '）', ')', '"', '’':
		return true
	}
	return false
}

// sentences splits a paragraph's inline HTML between sentences (after 。！？；
// and the quotes that close them), each piece with its inline elements
// closed and reopened, so that a piece is valid HTML on its own.
func sentences(inner string) []string {
	var out []string
	sc := sentenceScan{s: inner}
	for {
		s, ok := sc.next()
		if !ok {
			return out
		}
		out = append(out, s)
	}
}

// sentenceScan reads the sentences of a paragraph one at a time, as
// sentences splits them: a piece without text is joined to the one before.
type sentenceScan struct {
	s string
	i int
	// strip takes pictures and links out of each piece (BodyText, piece
	// by piece: a picture holds no text, so no piece ends inside one).
	strip bool
	cur   strings.Builder
	stack []string // open inline tags, as written
	// held is the last piece read, given out when the next one is known
	// not to join it; ready are pieces to give out.
	held    string
	hasHeld bool
	ready   []string
	end     bool
}

// next is the next sentence, false after the last.
func (sc *sentenceScan) next() (string, bool) {
	for len(sc.ready) == 0 {
		if sc.end {
			if sc.hasHeld {
				sc.hasHeld = false
				return sc.held, true
			}
			return "", false
		}
		sc.scan()
	}
	s := sc.ready[0]
	sc.ready = sc.ready[1:]
	return s, true
}

// piece takes a piece that ended: kept, or joined to the one before when it
// has no text.
func (sc *sentenceScan) piece(s string) {
	if sc.strip {
		s = stripPictures(s)
	}
	if strings.TrimSpace(plain(s)) != "" || strings.Contains(s, "<br") {
		if sc.hasHeld {
			sc.ready = append(sc.ready, sc.held)
		}
		sc.held, sc.hasHeld = s, true
	} else if sc.hasHeld {
		sc.held += s
	}
}

// scan reads up to the end of the next sentence, or of the paragraph.
func (sc *sentenceScan) scan() {
	inner, cur := sc.s, &sc.cur
	flush := func() {
		s := cur.String()
		for i := len(sc.stack) - 1; i >= 0; i-- {
			s += "</" + tagName(sc.stack[i]) + ">"
		}
		sc.piece(s)
		cur.Reset()
		for _, t := range sc.stack {
			cur.WriteString(t)
		}
	}
	for sc.i < len(inner) {
		i := sc.i
		if inner[i] == '<' {
			j := strings.IndexByte(inner[i:], '>')
			if j < 0 {
				cur.WriteString(inner[i:])
				sc.i = len(inner)
				break
			}
			tag := inner[i : i+j+1]
			cur.WriteString(tag)
			name := tagName(tag)
			switch {
			case strings.HasPrefix(tag, "</"):
				for k := len(sc.stack) - 1; k >= 0; k-- {
					if tagName(sc.stack[k]) == name {
						sc.stack = append(sc.stack[:k], sc.stack[k+1:]...)
						break
					}
				}
			case !strings.HasSuffix(tag, "/>") && !voidTags[name]:
				sc.stack = append(sc.stack, tag)
			}
			sc.i = i + j + 1
			continue
		}
		r, n := utf8.DecodeRuneInString(inner[i:])
		cur.WriteString(inner[i : i+n])
		i += n
		if sentenceEnd(r) {
			for i < len(inner) {
				r2, n2 := utf8.DecodeRuneInString(inner[i:])
				if !closer(r2) && !sentenceEnd(r2) {
					break
				}
				cur.WriteString(inner[i : i+n2])
				i += n2
			}
			sc.i = i
			flush()
			return
		}
		sc.i = i
	}
	// The paragraph's end.
	sc.end = true
	if cur.Len() > 0 {
		rest := cur.String()
		if sc.strip {
			rest = stripPictures(rest)
		}
		if strings.TrimSpace(plain(rest)) == "" && sc.hasHeld {
			// Only closing tags are left: they close what the last
			// piece closed already.
			return
		}
		if sc.hasHeld {
			sc.ready = append(sc.ready, sc.held)
		}
		sc.held, sc.hasHeld = rest, true
	}
}

func tagName(tag string) string {
	s := strings.TrimLeft(tag, "</")
	end := strings.IndexAny(s, " \t\n/>")
	if end >= 0 {
		s = s[:end]
	}
	return strings.ToLower(s)
}
