package posters

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"wallpress/generator/content"
	"wallpress/generator/diag"
)

// The posters print in one font (the first family of poster.css's body),
// embedded in the PDF as TrueType. A character that font has no glyph for is
// drawn by whatever other font the browser finds — a DejaVu heart in a
// handwritten line — or, when none has it (👍 on a machine without a colour
// emoji font, whose bitmaps would print as Type 3 anyway), as an empty box.
// The build cannot fix either, so it tells the volunteer where the
// character is, before the poster is printed.

// DefaultFontFamily is the poster font when the stylesheet names none.
const DefaultFontFamily = "LXGW WenKai"

// debianFonts are where the usual packages put the poster font, for a
// machine without fc-match: the regular and the bold face.
var debianFonts = map[string][]string{
	"lxgw wenkai": {
		"/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
		"/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf",
	},
}

// bodyFontRE finds the font stack of the stylesheet's body rule.
var bodyFontRE = regexp.MustCompile(`(?s)(?:^|[}\s])body\s*\{[^}]*?font-family\s*:\s*([^;}]+)`)

// fontFamilyOf is the first family of poster.css's body font stack: the one
// every character must be in.
func fontFamilyOf(css string) string {
	m := bodyFontRE.FindStringSubmatch(css)
	if m == nil {
		return DefaultFontFamily
	}
	first, _, _ := strings.Cut(m[1], ",")
	first = strings.Trim(strings.TrimSpace(first), `"'`)
	if first == "" {
		return DefaultFontFamily
	}
	return first
}

// FindFontFiles returns the files of family's regular and bold faces, as
// fontconfig finds them (fc-match), else at the usual Debian paths. It
// returns an error when neither has the family: fc-match answers with some
// other font rather than none, so its answer is checked.
func FindFontFiles(family string) ([]string, error) {
	var files []string
	if fc, err := exec.LookPath("fc-match"); err == nil {
		for _, style := range []string{"", ":bold"} {
			out, err := exec.Command(fc, "-f", "%{family}\n%{file}", family+style).Output()
			if err != nil {
				break
			}
			fams, file, _ := strings.Cut(string(out), "\n")
			if !hasFamily(fams, family) || file == "" {
				break
			}
			if len(files) == 0 || files[0] != file {
				files = append(files, file)
			}
		}
		if len(files) > 0 {
			return files, nil
		}
	}
	for _, f := range debianFonts[strings.ToLower(family)] {
		if _, err := os.Stat(f); err == nil {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("font %q not found", family)
	}
	return files, nil
}

// hasFamily reports whether fontconfig's comma-separated family names
// include want.
func hasFamily(names, want string) bool {
	for n := range strings.SplitSeq(names, ",") {
		if strings.EqualFold(strings.TrimSpace(n), want) {
			return true
		}
	}
	return false
}

// Glyphs knows which characters a set of font faces can all draw. It
// answers from the fonts' cmap tables and remembers each answer; it is safe
// for concurrent use.
type Glyphs struct {
	mu    sync.Mutex
	fonts []*sfnt.Font
	files []*os.File
	buf   sfnt.Buffer
	known map[rune]bool
}

// OpenGlyphs reads the cmap of the font files (TrueType or OpenType; the
// first font of a collection). Only the tables it needs are read; Close
// closes the files.
func OpenGlyphs(files ...string) (*Glyphs, error) {
	g := &Glyphs{known: map[rune]bool{}}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			g.Close()
			return nil, err
		}
		g.files = append(g.files, f)
		fnt, err := parseFont(f)
		if err != nil {
			g.Close()
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		g.fonts = append(g.fonts, fnt)
	}
	if len(g.fonts) == 0 {
		return nil, errors.New("no font")
	}
	return g, nil
}

func parseFont(f *os.File) (*sfnt.Font, error) {
	fnt, err := sfnt.ParseReaderAt(f)
	if err == nil {
		return fnt, nil
	}
	c, cerr := sfnt.ParseCollectionReaderAt(f)
	if cerr != nil {
		return nil, err
	}
	return c.Font(0)
}

// GlyphsOf checks against fonts held in memory (for tests, and fonts that
// ship with a theme).
func GlyphsOf(data ...[]byte) (*Glyphs, error) {
	g := &Glyphs{known: map[rune]bool{}}
	for _, d := range data {
		f, err := sfnt.Parse(d)
		if err != nil {
			return nil, err
		}
		g.fonts = append(g.fonts, f)
	}
	if len(g.fonts) == 0 {
		return nil, errors.New("no font")
	}
	return g, nil
}

// Close closes the font files.
func (g *Glyphs) Close() {
	for _, f := range g.files {
		f.Close()
	}
	g.files = nil
}

// Draws reports whether every face has a glyph for r. Characters that are
// not drawn at all (spaces, line breaks, joiners, variation selectors) are
// always drawable.
func (g *Glyphs) Draws(r rune) bool {
	if invisible(r) {
		return true
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if ok, seen := g.known[r]; seen {
		return ok
	}
	ok := true
	for _, f := range g.fonts {
		if i, err := f.GlyphIndex(&g.buf, r); err != nil || i == 0 {
			ok = false
			break
		}
	}
	g.known[r] = ok
	return ok
}

// invisible are the characters no font draws: white space, controls,
// format characters (joiners, soft hyphens) and variation selectors, which
// ask for the emoji or text form of the character before them.
func invisible(r rune) bool {
	return r < 0x20 || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r) ||
		unicode.Is(unicode.Variation_Selector, r) || r == utf8.RuneError
}

// glyphCache remembers, for the characters of the Basic Multilingual Plane
// (every Chinese character in use), what Draws said: 0 not asked yet, 1
// drawn, 2 not. A check of a site asks the fonts once per character and
// then reads a byte per character, without a lock or a map; a 50 MB body
// is checked in a fraction of a second.
type glyphCache [1 << 16]uint8

// missingIn returns the characters of s the fonts cannot draw, each once,
// in order. seen holds the characters already returned.
func (g *Glyphs) missingIn(s string, cache *glyphCache, seen map[rune]bool, out []rune) []rune {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c >= 0x20 {
				// ASCII is in every text font; looking it up would
				// cost the most for the least.
				continue
			}
			if g.Draws(rune(c)) {
				continue
			}
			if !seen[rune(c)] {
				seen[rune(c)] = true
				out = append(out, rune(c))
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r < 1<<16 {
			switch cache[r] {
			case 1:
				continue
			case 0:
				cache[r] = 2
				if g.Draws(r) {
					cache[r] = 1
					continue
				}
			}
		} else if g.Draws(r) {
			continue
		}
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// printedText is the text of a page that its poster prints, beyond what
// the page's own file holds elsewhere (a ledger's CSV is checked with its
// own lines).
func printedText(p *content.Page, body []string) []string {
	out := append([]string{p.Title, p.Summary}, body...)
	for _, im := range p.Images() {
		out = append(out, im.Caption)
	}
	switch {
	case p.GroupM != nil:
		d := p.GroupM
		out = append(out, d.Name, d.Slogan, d.Brand, d.Leader)
		for _, m := range d.Council {
			out = append(out, m.Name, m.Role)
		}
	case p.Convention != nil:
		out = append(out, p.Convention.Rooms...)
	case p.Story != nil:
		s := p.Story
		out = append(out, s.Location, s.Quote.Text, s.Quote.By)
		for _, pr := range s.Pairs {
			out = append(out, pr.Caption)
		}
	case p.Deliberation != nil:
		out = append(out, p.Deliberation.Decision)
		out = append(out, p.Deliberation.Participants...)
	case p.Ledger != nil:
		out = append(out, p.Ledger.Period, p.Ledger.Keeper, p.Ledger.Auditor)
		if p.Ledger.CSV == "" && p.Ledger.Book != nil {
			for _, e := range p.Ledger.Book.Entries {
				out = append(out, e.Item)
			}
		}
	}
	return out
}

// GlyphPage is a page whose poster is printed, with its rendered body.
type GlyphPage struct {
	Page *content.Page
	// Body is the text of the rendered body (markup may be included: it
	// is ASCII).
	Body []string
}

// CheckGlyphs reports every character of the pages' printed text that the
// fonts cannot draw, at its line of the page's file (read reads a file by
// its site-relative path) or of its ledger's CSV file: one warning per line.
func CheckGlyphs(g *Glyphs, pages []GlyphPage, read func(file string) ([]byte, error), list *diag.List) {
	cache := new(glyphCache)
	for _, gp := range pages {
		p := gp.Page
		var missing []rune
		seen := map[rune]bool{}
		for _, s := range printedText(p, gp.Body) {
			missing = g.missingIn(s, cache, seen, missing)
		}
		if len(missing) > 0 {
			reportGlyphs(p.File, missing, read, list)
		}
		if l := p.Ledger; l != nil && l.CSV != "" && l.Book != nil {
			file := content.Dir + "/" + l.CSV
			for _, e := range l.Book.Entries {
				if m := g.missingIn(e.Item, cache, map[rune]bool{}, nil); len(m) > 0 {
					warnGlyphs(list, diag.Pos{File: file, Line: e.Line}, m)
				}
			}
		}
	}
}

// reportGlyphs finds the lines of file that hold the missing characters.
// When the file cannot be read (or the character came from somewhere the
// file does not show), the warning names the file alone.
func reportGlyphs(file string, missing []rune, read func(string) ([]byte, error), list *diag.List) {
	src, err := read(file)
	if err != nil {
		warnGlyphs(list, diag.Pos{File: file}, missing)
		return
	}
	want := map[rune]bool{}
	for _, r := range missing {
		want[r] = true
	}
	found := map[rune]bool{}
	line := 0
	for l := range bytes.Lines(src) {
		line++
		var here []rune
		seen := map[rune]bool{}
		for _, r := range string(l) {
			if want[r] && !seen[r] {
				seen[r] = true
				found[r] = true
				here = append(here, r)
			}
		}
		if len(here) > 0 {
			warnGlyphs(list, diag.Pos{File: file, Line: line}, here)
		}
	}
	var rest []rune
	for _, r := range missing {
		if !found[r] {
			rest = append(rest, r)
		}
	}
	if len(rest) > 0 {
		warnGlyphs(list, diag.Pos{File: file}, rest)
	}
}

func warnGlyphs(list *diag.List, pos diag.Pos, rs []rune) {
	var chars, codes []string
	for _, r := range rs {
		chars = append(chars, string(r))
		codes = append(codes, fmt.Sprintf("U+%04X", r))
	}
	list.Warn(pos, "posters.glyph", diag.Args{"chars": strings.Join(chars, " "), "codes": strings.Join(codes, " ")}, "posters.glyph.hint")
}

// FontFamily is the poster font: the first family of poster.css's body.
func (t *Theme) FontFamily() string { return fontFamilyOf(t.css) }

// GlyphPages are the pages whose posters this planner makes, with their
// bodies' text, for CheckGlyphs.
func (pl *Planner) GlyphPages() []GlyphPage {
	var out []GlyphPage
	for _, grp := range pl.Groups() {
		pages, _ := pl.pages(grp)
		for _, p := range pages {
			if pl.in.Only != nil && !pl.in.Only(p) {
				continue
			}
			b := pl.in.Bodies[p]
			body := []string{string(b.HTML)}
			for _, it := range b.Items {
				body = append(body, string(it))
			}
			out = append(out, GlyphPage{Page: p, Body: body})
		}
	}
	return out
}

// CheckFonts checks that the characters of the posters this planner makes
// are in the poster font. When the font is not on this machine it says so
// once, at the stylesheet, and checks nothing: every character would be
// reported.
func (pl *Planner) CheckFonts(read func(string) ([]byte, error), list *diag.List) {
	family := pl.t.FontFamily()
	files, err := FindFontFiles(family)
	var g *Glyphs
	if err == nil {
		g, err = OpenGlyphs(files...)
	}
	if err != nil {
		list.Warn(diag.Pos{File: path.Join("themes", pl.in.Config.Theme, Dir, "poster.css")}, "posters.noFont", diag.Args{"font": family}, "posters.noFont.hint")
		return
	}
	defer g.Close()
	CheckGlyphs(g, pl.GlyphPages(), read, list)
}
