package markdown

import (
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// CommonMark decides whether ** can open or close bold from the characters
// around it, and counts a Chinese character as a letter: so
// "**收集民意。**通过" stays literal asterisks, because the closing ** has
// punctuation before it and a letter after. Chinese is written without
// spaces, and volunteers write exactly this. Following the CJK-friendly
// rule proposed for CommonMark (commonmark-spec #650, pull request #839), a
// Chinese, Japanese or Korean character next to a run of * counts as
// punctuation. Only * is changed: _ keeps the standard rule, so that names
// such as 照片_1 are not taken for emphasis.

// cjkEmphasisParser finds runs of * with CJK-friendly flanking; it comes
// before goldmark's own emphasis parser, which still handles _.
type cjkEmphasisParser struct{}

func (cjkEmphasisParser) Trigger() []byte { return []byte{'*'} }

func (cjkEmphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	j := 0
	for j < len(line) && line[j] == '*' {
		j++
	}
	if j == 0 {
		return nil
	}
	after := ' '
	if j < len(line) {
		after = util.ToRune(line, j)
	}
	beforeSpace, afterSpace := util.IsSpaceRune(before), util.IsSpaceRune(after)
	beforePunct := util.IsPunctRune(before) || isCJK(before)
	afterPunct := util.IsPunctRune(after) || isCJK(after)
	canOpen := !afterSpace && (!afterPunct || beforeSpace || beforePunct)
	canClose := !beforeSpace && (!beforePunct || afterSpace || afterPunct)
	node := parser.NewDelimiter(canOpen, canClose, j, '*', emphasisDelimiters{})
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}

// isCJK reports whether r is a Han, Hiragana, Katakana or Hangul
// character, or full-width punctuation.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

// emphasisDelimiters makes emphasis of matched runs of *, as goldmark's
// own emphasis does.
type emphasisDelimiters struct{}

func (emphasisDelimiters) IsDelimiter(b byte) bool { return b == '*' }

func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisDelimiters) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }
