// Package markdown is the one goldmark set-up of the site: GitHub tables,
// CJK line breaks, typography that suits Chinese, no raw HTML, and links and
// images rewritten to the site's own files.
package markdown

import (
	"bytes"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter parses and renders markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns the site's converter.
func New() *Converter {
	return &Converter{md: goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			// Soft line breaks between Chinese characters vanish, so a
			// paragraph wrapped in the editor does not show stray spaces.
			extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft), extension.WithEscapedSpace()),
			extension.NewTypographer(extension.WithTypographicSubstitutions(extension.TypographicSubstitutions{
				// <<书名>> typed on an English keyboard becomes 《书名》.
				extension.LeftAngleQuote:  []byte("《"),
				extension.RightAngleQuote: []byte("》"),
				extension.Ellipsis:        []byte("…"),
				// Real characters rather than entities: the HTML stays
				// readable and the same bytes go into posters.
				extension.LeftDoubleQuote:  []byte("“"),
				extension.RightDoubleQuote: []byte("”"),
				extension.LeftSingleQuote:  []byte("‘"),
				extension.RightSingleQuote: []byte("’"),
				extension.EnDash:           []byte("–"),
				extension.EmDash:           []byte("—"),
			})),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			// Bold and italic next to Chinese punctuation (cjkemphasis.go).
			parser.WithInlineParsers(util.Prioritized(cjkEmphasisParser{}, 499))),
		// Raw HTML is left out (goldmark's default, we never set
		// html.WithUnsafe) and the renderer drops dangerous link schemes
		// such as javascript:.
	)}
}

// Doc is a parsed markdown body.
type Doc struct {
	c        *Converter
	src      []byte
	root     ast.Node
	bodyLine int
	// newlines are the offsets of src's line ends, found once when a line
	// is first asked for: counting them from the start for every link made
	// a body with a link on each line take quadratic time.
	newlines []int
}

// Parse parses src. bodyLine is the file line of src's first byte, so that
// tables report the lines a volunteer sees in the editor.
//
// A body that nests lists or block quotes more than MaxDepth levels deep is
// refused before it is parsed, with a *DepthError: goldmark takes time
// growing with the cube of the depth. So is one whose links goldmark would
// read in time growing with the square of their number (*TangleError).
// The Doc returned with either is empty, so that a check can go on to the
// other files.
func (c *Converter) Parse(src []byte, bodyLine int) (*Doc, error) {
	// goldmark's CJK line breaking panics on a stray continuation byte; the
	// content loader only hands over UTF-8, but a parser must not crash.
	if !utf8.Valid(src) {
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	if line, depth := tooDeep(src); line >= 0 {
		return &Doc{c: c, root: c.md.Parser().Parse(text.NewReader(nil)), bodyLine: bodyLine},
			&DepthError{Line: bodyLine + line, Depth: depth}
	}
	if line, refs := tangled(src); line >= 0 {
		return &Doc{c: c, root: c.md.Parser().Parse(text.NewReader(nil)), bodyLine: bodyLine},
			&TangleError{Line: bodyLine + line, Refs: refs}
	}
	return &Doc{c: c, src: src, root: c.md.Parser().Parse(text.NewReader(src)), bodyLine: bodyLine}, nil
}

// lineOf returns the file line of the byte at offset in src.
func (d *Doc) lineOf(offset int) int {
	if d.newlines == nil {
		d.newlines = make([]int, 0, bytes.Count(d.src, []byte("\n")))
		for i := 0; ; {
			j := bytes.IndexByte(d.src[i:], '\n')
			if j < 0 {
				break
			}
			d.newlines = append(d.newlines, i+j)
			i += j + 1
		}
	}
	// The number of line ends before offset.
	n, _ := slices.BinarySearch(d.newlines, offset)
	return d.bodyLine + n
}

// line returns the file line an inline node is written on: the line of its
// first text, else of the start of its block.
func (d *Doc) line(n ast.Node) int {
	offset := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			offset = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for b := n.Parent(); offset < 0 && b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			offset = b.Lines().At(0).Start
		}
	}
	if offset < 0 || offset > len(d.src) {
		return d.bodyLine
	}
	return d.lineOf(offset)
}

// Images returns the destinations of the images in the body, in order.
func (d *Doc) Images() []string {
	var out []string
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if im, ok := n.(*ast.Image); ok && entering {
			out = append(out, string(im.Destination))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// Links returns the destinations of the links in the body, in order.
func (d *Doc) Links() []string {
	var out []string
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			out = append(out, string(l.Destination))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// Table returns the body's first table without changing the document, or
// nil when there is none.
func (d *Doc) Table() *Table {
	var t *east.Table
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if tt, ok := n.(*east.Table); ok && entering && t == nil {
			t = tt
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if t == nil {
		return nil
	}
	return d.table(t)
}

// Picture is how an image is written in HTML.
type Picture struct {
	Src, SrcSet, Sizes string
	Width, Height      int
}

// Options say how a body is rendered.
type Options struct {
	// Resolver rewrites the body's links and pictures; nil leaves them
	// as written.
	Resolver Resolver
	// Table takes the body's first table out of the HTML into Result.Table.
	Table bool
	// List takes the body's first ordered list out into Result.Items.
	List bool
}

// Resolver is what rendering asks about the links and images of a body:
// the caller knows the site (which pages and files exist, where images are
// published); markdown knows only the body.
type Resolver interface {
	// Link rewrites a link destination; the result replaces it. line is
	// the file line the link is written on.
	Link(dest string, line int) string
	// Image gives an image's picture; ok false leaves the image out. line
	// is the file line the image is written on.
	Image(dest string, line int) (p Picture, ok bool)
}

// Table is a table's cells as typed, with the file line of every row.
type Table struct {
	Header     []string
	HeaderLine int
	Rows       [][]string
	Lines      []int
}

// Result is a rendered body.
type Result struct {
	HTML template.HTML
	// Table is the first table when Options.Table asked for it, else nil.
	Table *Table
	// Items are the first ordered list's items when Options.List asked.
	Items []template.HTML
	// Summary is the first paragraph as plain text, clipped.
	Summary string
}

// Render renders the body. It changes the parsed document, so call it once.
func (d *Doc) Render(o Options) (Result, error) {
	var res Result
	var table, list ast.Node
	var firstPara ast.Node
	var refused []ast.Node
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.Table:
			if o.Table && table == nil {
				table = n
				return ast.WalkSkipChildren, nil
			}
		case *ast.List:
			if o.List && list == nil && n.IsOrdered() {
				list = n
				return ast.WalkSkipChildren, nil
			}
		case *ast.Paragraph:
			if firstPara == nil {
				firstPara = n
			}
		case *ast.Link:
			if o.Resolver != nil {
				n.Destination = []byte(o.Resolver.Link(string(n.Destination), d.line(n)))
			}
		case *ast.Image:
			if o.Resolver == nil {
				break
			}
			p, ok := o.Resolver.Image(string(n.Destination), d.line(n))
			if !ok {
				// Taken out after the walk: removing it now would end
				// the walk of its paragraph, and the images and links
				// after it would go unchecked.
				refused = append(refused, n)
				return ast.WalkSkipChildren, nil
			}
			n.Destination = []byte(p.Src)
			if p.SrcSet != "" {
				n.SetAttributeString("srcset", []byte(p.SrcSet))
				n.SetAttributeString("sizes", []byte(p.Sizes))
			}
			if p.Width > 0 {
				n.SetAttributeString("width", []byte(strconv.Itoa(p.Width)))
				n.SetAttributeString("height", []byte(strconv.Itoa(p.Height)))
			}
			n.SetAttributeString("loading", []byte("lazy"))
			n.SetAttributeString("decoding", []byte("async"))
		}
		return ast.WalkContinue, nil
	})
	for _, n := range refused {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	if firstPara != nil {
		res.Summary = clip(plain(firstPara, d.src, 120), 120)
	}
	if table != nil {
		res.Table = d.table(table.(*east.Table))
		table.Parent().RemoveChild(table.Parent(), table)
	}
	if list != nil {
		for it := list.FirstChild(); it != nil; it = it.NextSibling() {
			var b bytes.Buffer
			for c := it.FirstChild(); c != nil; c = c.NextSibling() {
				if err := d.c.md.Renderer().Render(&b, d.src, c); err != nil {
					return res, err
				}
			}
			res.Items = append(res.Items, template.HTML(strings.TrimSpace(b.String())))
		}
		list.Parent().RemoveChild(list.Parent(), list)
	}
	// goldmark escapes and sanitises: the HTML is safe to mark as such.
	if len(d.src) > bigBody {
		// A long body's HTML is written into one buffer big enough for
		// it, which becomes the string without a copy: a 50 MB story
		// would otherwise take a doubling series of buffers and a copy,
		// five times its size.
		var b strings.Builder
		b.Grow(2 * len(d.src))
		if err := d.c.md.Renderer().Render(&b, d.src, d.root); err != nil {
			return res, err
		}
		res.HTML = template.HTML(b.String())
		return res, nil
	}
	var b bytes.Buffer
	// The HTML is about as long as the markdown: one buffer rather than
	// a doubling series of them; its string is a copy of the exact size,
	// as every page's body is kept until the website is written.
	b.Grow(len(d.src) + len(d.src)/4)
	if err := d.c.md.Renderer().Render(&b, d.src, d.root); err != nil {
		return res, err
	}
	res.HTML = template.HTML(b.String())
	return res, nil
}

// bigBody is the size past which a body's HTML is not copied to its exact
// length (the room left over is at most its own size).
const bigBody = 1 << 20

func (d *Doc) table(t *east.Table) *Table {
	out := &Table{}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		var pos int
		switch r := r.(type) {
		case *east.TableHeader:
			pos = r.Pos()
			if pos < 0 && r.FirstChild() != nil {
				pos = r.FirstChild().Pos()
			}
		case *east.TableRow:
			pos = r.Pos()
		}
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, strings.TrimSpace(string(c.Lines().Value(d.src))))
		}
		line := d.lineOf(max(pos, 0))
		if _, ok := r.(*east.TableHeader); ok {
			out.Header, out.HeaderLine = cells, line
			continue
		}
		out.Rows = append(out.Rows, cells)
		out.Lines = append(out.Lines, line)
	}
	return out
}

// plain returns the text of n without markup, or its first runes when it
// is longer: more than limit of them, so that clipping it is the same as
// clipping the whole text. A first paragraph may be the whole body.
func plain(n ast.Node, src []byte, limit int) string {
	var b strings.Builder
	// runes were written; the first solid of them end in a non-space,
	// and stay when the text is trimmed. Counted as the text is written,
	// so that a paragraph of spaces between links is not counted again
	// for every link.
	runes, solid := 0, 0
	add := func(s []byte) {
		if b.Len() == 0 {
			s = bytes.TrimLeftFunc(s, unicode.IsSpace)
		}
		if t := bytes.TrimRightFunc(s, unicode.IsSpace); len(t) > 0 {
			solid = runes + utf8.RuneCount(t)
		}
		b.Write(s)
		runes += utf8.RuneCount(s)
	}
	ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if solid > limit {
			// Whatever follows only shows as the ellipsis.
			return ast.WalkStop, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			add(n.Segment.Value(src))
			if n.SoftLineBreak() && !endsCJK(b.String()) {
				add([]byte(" "))
			}
		case *ast.String:
			add(n.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

func endsCJK(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r >= 0x2E80
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
