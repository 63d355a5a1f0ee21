package markdown

import (
	"bytes"
	"fmt"
)

// MaxDepth is how many lists and block quotes a body may nest inside one
// another. Real pages nest three or four; goldmark's parse time grows with
// the cube of the depth (1,000 levels take seconds, 5,000 minutes and a
// gigabyte), so a deeper body is refused before it is parsed.
const MaxDepth = 100

// DepthError reports a body nested deeper than MaxDepth.
type DepthError struct {
	// Line is the file line on which the nesting first goes too deep.
	Line int
	// Depth is how deep the nesting is on that line (at least MaxDepth+1;
	// the scan stops there).
	Depth int
}

func (e *DepthError) Error() string {
	return fmt.Sprintf("line %d: lists or block quotes nested %d levels deep, more than %d", e.Line, e.Depth, MaxDepth)
}

// container is an open list item or block quote while scanning.
type container struct {
	quote bool
	// col is a list item's content column: a line indented that far
	// continues it.
	col int
}

// tooDeep returns the 0-based line of src on which lists and block quotes
// nest more than MaxDepth levels deep, and that depth; line is -1 when the
// body is within the limit.
//
// It follows CommonMark's container rules closely enough for a bound, in
// one pass and at most MaxDepth steps per line: a block quote continues on
// a line starting with ">", a list item on a line indented to its content
// or a blank one, and a paragraph line that opens nothing may continue
// lazily. Fenced code is not told apart; it would need more than a
// hundred markers stacked on one line, or indented 200 columns, to count.
func tooDeep(src []byte) (line, depth int) {
	stack := make([]container, 0, 8)
	fresh := make([]container, 0, 8)
	prevBlank := true
	for n, pos := 0, 0; pos < len(src); n++ {
		l := src[pos:]
		if i := bytes.IndexByte(l, '\n'); i >= 0 {
			l, pos = l[:i], pos+i+1
		} else {
			pos = len(src)
		}
		i, col := 0, 0
		// j, jc: the first non-blank byte from i and its column. Going
		// into list items only moves i within one run of blanks, so the
		// run is scanned once, however many items it continues.
		j, jc := skipBlanks(l, i, col)
		matched := 0
		for ; matched < len(stack); matched++ {
			c := stack[matched]
			if c.quote {
				if jc-col > 3 || j == len(l) || l[j] != '>' {
					break
				}
				i, col = afterQuote(l, j, jc)
				j, jc = skipBlanks(l, i, col)
				continue
			}
			if j < len(l) {
				if jc < c.col {
					break
				}
				i, col = advanceTo(l, i, col, c.col)
			}
		}
		if j == len(l) {
			// A blank line ends the block quotes it does not continue.
			stack = stack[:matched]
			prevBlank = true
			continue
		}
		fresh = fresh[:0]
		for matched+len(fresh) <= MaxDepth {
			j, jc = skipBlanks(l, i, col)
			if jc-col > 3 || j == len(l) {
				break // indented code, or the end of the line
			}
			if l[j] == '>' {
				fresh = append(fresh, container{quote: true})
				i, col = afterQuote(l, j, jc)
				continue
			}
			end := listMarker(l, j)
			if end < 0 {
				break
			}
			// The content starts after one to four blanks; more make
			// indented code inside the item, which starts after one.
			k, kc := skipBlanks(l, end, jc+end-j)
			content := kc
			if k == len(l) || kc-(jc+end-j) > 4 {
				content = jc + end - j + 1
				k, kc = advanceTo(l, end, jc+end-j, content)
			}
			fresh = append(fresh, container{col: content})
			i, col = k, kc
		}
		switch {
		case len(fresh) > 0:
			stack = append(stack[:matched], fresh...)
		case matched < len(stack) && !prevBlank:
			// A lazy continuation line of a paragraph keeps every
			// container open.
		default:
			stack = stack[:matched]
		}
		prevBlank = false
		if len(stack) > MaxDepth {
			return n, len(stack)
		}
	}
	return -1, len(stack)
}

// skipBlanks returns the index and column after the spaces and tabs of l
// from i (at column col).
func skipBlanks(l []byte, i, col int) (int, int) {
	for ; i < len(l); i++ {
		switch l[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return i, col
		}
	}
	return i, col
}

// advanceTo moves from i (at column col) over blanks until column want.
func advanceTo(l []byte, i, col, want int) (int, int) {
	for ; i < len(l) && col < want; i++ {
		switch l[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return i, col
		}
	}
	return i, col
}

// afterQuote returns where a block quote's content starts after the ">" at
// j (column jc): after one optional blank.
func afterQuote(l []byte, j, jc int) (int, int) {
	j, jc = j+1, jc+1
	if j < len(l) && l[j] == ' ' {
		j, jc = j+1, jc+1
	}
	return j, jc
}

// listMarker returns the index after the list marker at j ("-", "+", "*",
// or up to nine digits and "." or ")"), or -1 when there is none: a marker
// is followed by a blank or the end of the line.
func listMarker(l []byte, j int) int {
	end := -1
	switch c := l[j]; {
	case c == '-' || c == '+' || c == '*':
		end = j + 1
	case c >= '0' && c <= '9':
		k := j
		for k < len(l) && k-j < 10 && l[k] >= '0' && l[k] <= '9' {
			k++
		}
		if k-j <= 9 && k < len(l) && (l[k] == '.' || l[k] == ')') {
			end = k + 1
		}
	}
	if end < 0 || end < len(l) && l[end] != ' ' && l[end] != '\t' {
		return -1
	}
	return end
}
