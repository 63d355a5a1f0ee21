package markdown

import (
	"bytes"
	"fmt"
)

// Limits on what goldmark parses in time that grows faster than the text:
// it looks for the end of a link's destination from every "](" to the end
// of the line (64 KB of "[a](" take seconds), and it compares every link
// reference definition with the ones before it.
const (
	// maxLinkWork bounds, for one line, the "](" on it times its length,
	// beyond a share of 64 per byte: a long paragraph may hold dozens of
	// links, a pathological one is refused.
	maxLinkWork = 64
	// MaxRefs is how many link reference definitions ([x]: url) a body
	// may have.
	MaxRefs = 1000
)

// TangleError reports a body whose links goldmark would take far too long
// to read.
type TangleError struct {
	// Line is the file line where the limit is passed.
	Line int
	// Refs is set when the body has more than MaxRefs reference
	// definitions; otherwise one line holds too many links for its length.
	Refs bool
}

func (e *TangleError) Error() string {
	if e.Refs {
		return fmt.Sprintf("line %d: more than %d link reference definitions", e.Line, MaxRefs)
	}
	return fmt.Sprintf("line %d: too many links on one line", e.Line)
}

// tangled returns the 0-based line of src where a limit above is passed,
// or -1, in one pass.
func tangled(src []byte) (line int, refs bool) {
	nrefs := 0
	for n, pos := 0, 0; pos < len(src); n++ {
		l := src[pos:]
		if i := bytes.IndexByte(l, '\n'); i >= 0 {
			l, pos = l[:i], pos+i+1
		} else {
			pos = len(src)
		}
		if c := bytes.Count(l, []byte("](")); c > 0 && c*len(l) > maxLinkWork*len(l)+1<<16 {
			return n, false
		}
		if isRefDef(l) {
			if nrefs++; nrefs > MaxRefs {
				return n, true
			}
		}
	}
	return -1, false
}

// isRefDef reports a line that starts like a link reference definition:
// up to three spaces, then [label]:.
func isRefDef(l []byte) bool {
	i := 0
	for i < len(l) && i < 3 && l[i] == ' ' {
		i++
	}
	if i >= len(l) || l[i] != '[' {
		return false
	}
	j := bytes.IndexByte(l[i:], ']')
	return j > 1 && i+j+1 < len(l) && l[i+j+1] == ':'
}
