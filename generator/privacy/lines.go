package privacy

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Found in lines: a likely name and the 0-based line of the text it starts on.
type LineSpan struct {
	Line int
	Span
}

// LikelyInLines is Likely over a text of several lines, such as a markdown
// body: a name wrapped from one line to the next (赵小\n梅) is found whole,
// since Chinese is written without spaces and a line break between two
// characters is not a break in the word. Spans are offsets into the text
// with the line breaks taken out; Line says where the name starts.
func LikelyInLines(text string, known func(string) bool) []LineSpan {
	joined := make([]byte, 0, len(text))
	starts := []int{0} // where each line starts in joined
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			// Copy up to the next line break at once.
			n := strings.IndexByte(text[i:], '\n')
			if n < 0 {
				n = len(text) - i
			}
			joined = append(joined, text[i:i+n]...)
			i += n - 1
			continue
		}
		// Drop the line break (and the line's indentation) between two
		// Chinese characters; keep it elsewhere.
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		before, _ := utf8.DecodeLastRune(trimRightCR(joined))
		after, _ := utf8.DecodeRuneInString(text[j:])
		if unicode.Is(unicode.Han, before) && unicode.Is(unicode.Han, after) {
			joined = trimRightCR(joined)
			starts = append(starts, len(joined))
			i = j - 1
			continue
		}
		joined = append(joined, '\n')
		starts = append(starts, len(joined))
	}
	var out []LineSpan
	for _, s := range Likely(string(joined), known) {
		line := sort.Search(len(starts), func(k int) bool { return starts[k] > s.Start }) - 1
		out = append(out, LineSpan{Line: line, Span: s})
	}
	return out
}

func trimRightCR(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\r' {
		return b[:len(b)-1]
	}
	return b
}

// KnownPart extends known to names that hold a known name: in 楼组长孙玉兰
// the detector may read 长孙玉兰 (长孙 is a double surname), which is the
// declared 孙玉兰 after the end of 组长.
func KnownPart(known func(string) bool) func(string) bool {
	return func(name string) bool {
		rs := []rune(name)
		for i := range rs {
			for j := i + 2; j <= len(rs); j++ {
				if known(string(rs[i:j])) {
					return true
				}
			}
		}
		return false
	}
}
