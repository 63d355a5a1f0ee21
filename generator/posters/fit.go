package posters

import (
	"fmt"
	"html/template"
	"math"
	"regexp"
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
}

// LeftOff is something a poster's theme chose not to print; the poster says
// where to read it and check and build report it.
type LeftOff struct {
	Page *content.Page
	Line int
	// What is the i18n key of the thing left off.
	What string
	// sized is set when whether it is left off depends on the type size
	// (a smaller type may make room for it).
	sized bool
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
		switch {
		case r == '\n':
		case r == ' ':
			w += 0.3
		case r < 0x2E80 && !unicode.Is(unicode.Han, r) && r != '—' && r != '…' && r != '“' && r != '”':
			w += 0.56
		default:
			w += 1
		}
	}
	return w
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

// flow lays items down sheet after sheet.
type flow struct {
	r     room
	parts []*Part
	left  float64
}

func newFlow(r room) *flow {
	f := &flow{r: r}
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
	if f.cur().Body == "" {
		return 0.8
	}
	return 0
}

// fits reports whether a block h em high still fits on the current sheet.
func (f *flow) fits(h float64) bool { return h+0.8 <= f.left }

// holds reports whether the text h fits on the current sheet.
func (f *flow) holds(h template.HTML) bool {
	last := *f.cur()
	g := &flow{r: f.r, left: f.left, parts: []*Part{&last}}
	g.body(h)
	return len(g.parts) == 1
}

// done numbers the sheets and marks the last.
func (f *flow) done() []*Part {
	for _, p := range f.parts {
		p.Of = len(f.parts)
	}
	f.cur().Last = true
	return f.parts
}

// body lays down a record's text: block by block, a paragraph that does not
// fit split between sentences, so that every word is printed and none is
// cut through.
func (f *flow) body(h template.HTML) {
	const size, lh = 0.82, 1.6
	w := f.r.w
	for _, b := range blocks(string(h)) {
		if plain(b.html) == "" && !strings.Contains(b.html, "<hr") {
			continue // an emptied figure: its picture is not printed
		}
		switch b.tag {
		case "p", "blockquote":
			f.para(b, size, lh, w)
		case "ul", "ol":
			for _, li := range b.items {
				bh := textH(plain(li.html), size, lh, 0, w-1.3) + 0.3*size
				p := f.placeGap(bh, f.bodyGap())
				p.Body += template.HTML(li.open + li.html + li.close)
			}
		case "table":
			rows := strings.Count(b.html, "<tr")
			bh := float64(max(rows, 1))*size*1.5*1.4 + 0.3
			p := f.placeGap(bh, f.bodyGap())
			p.Body += template.HTML(b.html)
		default:
			bh := textH(plain(b.html), size, lh, 0, w) + 0.6*size
			p := f.placeGap(bh, f.bodyGap())
			p.Body += template.HTML(b.html)
		}
	}
}

// para lays down a paragraph, split between sentences across sheets.
func (f *flow) para(b block, size, lh, w float64) {
	sents := sentences(b.inner)
	for len(sents) > 0 {
		// As many sentences as fit on this sheet; at least one on a
		// fresh sheet.
		n := 0
		gap := f.bodyGap()
		for n < len(sents) {
			h := textH(plain(strings.Join(sents[:n+1], "")), size, lh, 0, w) + 0.3*size
			if h+gap > f.left {
				break
			}
			n++
		}
		if n == 0 {
			if !f.fresh() {
				f.next()
				continue
			}
			n = 1
		}
		text := strings.Join(sents[:n], "")
		f.left -= textH(plain(text), size, lh, 0, w) + 0.3*size + f.bodyGap()
		open := b.open
		if len(sents) < b.count {
			// A paragraph's continuation is not indented as a new one.
			open = strings.Replace(open, ">", ` class="cont">`, 1)
		}
		f.cur().Body += template.HTML(open + text + b.close)
		sents = sents[n:]
	}
}

// block is a top-level element of a rendered body.
type block struct {
	tag, html          string
	open, inner, close string
	// count is the paragraph's number of sentences.
	count int
	items []item
}

type item struct{ open, html, close string }

var (
	tokRE  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>`)
	liRE   = regexp.MustCompile(`(?s)<li\b[^>]*>.*?</li>`)
	openRE = regexp.MustCompile(`^<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>`)
)

var voidTags = map[string]bool{"br": true, "img": true, "hr": true, "source": true, "wbr": true, "input": true, "meta": true, "link": true}

// blocks splits rendered HTML into its top-level elements.
func blocks(h string) []block {
	var out []block
	depth, start := 0, -1
	for _, m := range tokRE.FindAllStringSubmatchIndex(h, -1) {
		closing := m[3] > m[2]
		name := strings.ToLower(h[m[4]:m[5]])
		selfClosing := m[7] > m[6] || voidTags[name]
		if depth == 0 && start < 0 {
			start = m[0]
		}
		switch {
		case closing:
			depth--
		case !selfClosing:
			depth++
		}
		if depth <= 0 {
			depth = 0
			out = append(out, makeBlock(h[start:m[1]]))
			start = -1
		}
	}
	return out
}

func makeBlock(h string) block {
	b := block{html: h}
	m := openRE.FindStringSubmatch(h)
	if m == nil {
		return b
	}
	b.tag = strings.ToLower(m[1])
	b.open = m[0]
	b.close = "</" + m[1] + ">"
	if strings.HasSuffix(h, b.close) {
		b.inner = h[len(b.open) : len(h)-len(b.close)]
	}
	switch b.tag {
	case "p", "blockquote":
		b.count = len(sentences(b.inner))
	case "ul", "ol":
		n := 1
		for _, li := range liRE.FindAllString(b.inner, -1) {
			open := b.open
			if b.tag == "ol" {
				// Each item its own list, numbered on.
				open = fmt.Sprintf(`<ol start="%d">`, n)
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

var sentenceEnd = map[rune]bool{'。': true, '！': true, '？': true, '；': true, '!': true, '?': true, ';': true}

// closers may follow a sentence's end and belong to it.
var closers = map[rune]bool{'”': true, '」': true, '』': true, '）': true, ')': true, '"': true, '’': true}

// sentences splits a paragraph's inline HTML between sentences (after 。！？；
// and the quotes that close them), each piece with its inline elements
// closed and reopened, so that a piece is valid HTML on its own.
func sentences(inner string) []string {
	var out []string
	var cur strings.Builder
	var stack []string // open inline tags, as written
	flush := func() {
		s := cur.String()
		for i := len(stack) - 1; i >= 0; i-- {
			s += "</" + tagName(stack[i]) + ">"
		}
		if strings.TrimSpace(plain(s)) != "" || strings.Contains(s, "<br") {
			out = append(out, s)
		} else if len(out) > 0 {
			out[len(out)-1] += s
		}
		cur.Reset()
		for _, t := range stack {
			cur.WriteString(t)
		}
	}
	i := 0
	for i < len(inner) {
		if inner[i] == '<' {
			j := strings.IndexByte(inner[i:], '>')
			if j < 0 {
				cur.WriteString(inner[i:])
				break
			}
			tag := inner[i : i+j+1]
			cur.WriteString(tag)
			name := tagName(tag)
			switch {
			case strings.HasPrefix(tag, "</"):
				for k := len(stack) - 1; k >= 0; k-- {
					if tagName(stack[k]) == name {
						stack = append(stack[:k], stack[k+1:]...)
						break
					}
				}
			case !strings.HasSuffix(tag, "/>") && !voidTags[name]:
				stack = append(stack, tag)
			}
			i += j + 1
			continue
		}
		r, n := utf8.DecodeRuneInString(inner[i:])
		cur.WriteString(inner[i : i+n])
		i += n
		if sentenceEnd[r] {
			for i < len(inner) {
				r2, n2 := utf8.DecodeRuneInString(inner[i:])
				if !closers[r2] && !sentenceEnd[r2] {
					break
				}
				cur.WriteString(inner[i : i+n2])
				i += n2
			}
			flush()
		}
	}
	if cur.Len() > 0 {
		rest := cur.String()
		if strings.TrimSpace(plain(rest)) == "" && len(out) > 0 {
			// Only closing tags are left: they close what the last
			// piece closed already.
			return out
		}
		out = append(out, rest)
	}
	return out
}

func tagName(tag string) string {
	s := strings.TrimLeft(tag, "</")
	end := strings.IndexAny(s, " \t\n/>")
	if end >= 0 {
		s = s[:end]
	}
	return strings.ToLower(s)
}
