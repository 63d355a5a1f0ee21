package posters

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// SetPageBoxes gives every page of a PDF that Chromium printed the exact
// size of the sheet, and the TrimBox and BleedBox that print shops'
// software reads to know where to cut.
//
// Chromium rounds the page to whole points and then to 1/300 inch, up to
// 0.6 pt away from the size asked for, while it draws the content at the
// exact size from the top-left corner. So the new MediaBox keeps the top
// edge where Chromium put it and takes the exact width and height. The
// change is appended as an incremental update (new versions of the page
// objects, an xref section and a trailer pointing at the old one), which
// every PDF reader follows; the bytes Chromium wrote are kept as they are.
func SetPageBoxes(pdf []byte, g Geometry) ([]byte, error) {
	prev, trailer, err := lastTrailer(pdf)
	if err != nil {
		return nil, err
	}
	pages := findPages(pdf)
	if len(pages) == 0 {
		return nil, errors.New("pdf: no page objects found")
	}
	var b bytes.Buffer
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	type entry struct{ num, gen, off int }
	var xref []entry
	for _, p := range pages {
		dict, err := p.withBoxes(g)
		if err != nil {
			return nil, err
		}
		xref = append(xref, entry{p.num, p.gen, b.Len()})
		fmt.Fprintf(&b, "%d %d obj\n%s\nendobj\n", p.num, p.gen, dict)
	}
	slices.SortFunc(xref, func(a, b entry) int { return a.num - b.num })
	start := b.Len()
	b.WriteString("xref\n")
	for _, e := range xref {
		fmt.Fprintf(&b, "%d 1\n%010d %05d n \n", e.num, e.off, e.gen)
	}
	fmt.Fprintf(&b, "trailer\n<<%s /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", trailer, prev, start)
	return b.Bytes(), nil
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRE   = regexp.MustCompile(`trailer\s*<<`)
	keyRefRE    = regexp.MustCompile(`/(Size\s+\d+|Root\s+\d+\s+\d+\s+R|Info\s+\d+\s+\d+\s+R|ID\s*\[[^\]]*\])`)
	pageObjRE   = regexp.MustCompile(`(?m)^(\d+) (\d+) obj\s*<<`)
	pageTypeRE  = regexp.MustCompile(`^<<\s*/Type\s*/Page[\s/>]`)
	mediaBoxRE  = regexp.MustCompile(`/MediaBox\s*\[\s*([-+.\d]+)\s+([-+.\d]+)\s+([-+.\d]+)\s+([-+.\d]+)\s*\]`)
	boxKeyRE    = regexp.MustCompile(`/(?:MediaBox|TrimBox|BleedBox|CropBox|ArtBox)\s*\[[^\]]*\]`)
)

// lastTrailer returns the offset of the last cross-reference section and
// the keys of its trailer that the update's trailer must repeat.
func lastTrailer(pdf []byte) (prev int, keys string, err error) {
	tail := pdf[max(len(pdf)-1024, 0):]
	m := startxrefRE.FindSubmatch(tail)
	if m == nil {
		return 0, "", errors.New("pdf: no startxref at the end")
	}
	prev, _ = strconv.Atoi(string(m[1]))
	if prev <= 0 || prev >= len(pdf) || !bytes.HasPrefix(pdf[prev:], []byte("xref")) {
		// An xref stream (PDF 1.5) would need its own kind of update.
		return 0, "", errors.New("pdf: the cross-reference is not a table")
	}
	locs := trailerRE.FindAllIndex(pdf[prev:], -1)
	if len(locs) == 0 {
		return 0, "", errors.New("pdf: no trailer")
	}
	t := pdf[prev+locs[0][1]-2:]
	end, ok := dictEnd(t)
	if !ok {
		return 0, "", errors.New("pdf: trailer not closed")
	}
	var parts []string
	for _, k := range keyRefRE.FindAll(t[:end], -1) {
		parts = append(parts, " "+string(k))
	}
	if !strings.Contains(strings.Join(parts, ""), "/Root") {
		return 0, "", errors.New("pdf: trailer without /Root")
	}
	return prev, strings.Join(parts, ""), nil
}

type pageObj struct {
	num, gen int
	dict     string
}

// findPages returns the page objects, the last version of each.
func findPages(pdf []byte) []pageObj {
	byNum := map[int]int{}
	var out []pageObj
	for _, m := range pageObjRE.FindAllSubmatchIndex(pdf, -1) {
		start := m[1] - 2
		end, ok := dictEnd(pdf[start:])
		if !ok {
			continue
		}
		dict := string(pdf[start : start+end])
		if !pageTypeRE.MatchString(dict) {
			continue
		}
		num, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		gen, _ := strconv.Atoi(string(pdf[m[4]:m[5]]))
		p := pageObj{num: num, gen: gen, dict: dict}
		if i, seen := byNum[num]; seen {
			out[i] = p
			continue
		}
		byNum[num] = len(out)
		out = append(out, p)
	}
	return out
}

// dictEnd returns the length of the dictionary at the start of b, which
// begins with "<<", counting nested dictionaries and skipping strings.
func dictEnd(b []byte) (int, bool) {
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '(':
			// A literal string: balanced parentheses, backslash escapes.
			n := 1
			for i++; i < len(b) && n > 0; i++ {
				switch b[i] {
				case '\\':
					i++
				case '(':
					n++
				case ')':
					n--
				}
			}
			i--
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			depth++
			i++
		case c == '>' && i+1 < len(b) && b[i+1] == '>':
			depth--
			i++
			if depth == 0 {
				return i + 1, true
			}
		case c == '<':
			// A hex string.
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return 0, false
			}
			i += j
		}
	}
	return 0, false
}

// withBoxes returns the page's dictionary with the exact MediaBox, a
// TrimBox and a BleedBox, in points, the top edge kept where it was.
func (p pageObj) withBoxes(g Geometry) (string, error) {
	m := mediaBoxRE.FindStringSubmatch(p.dict)
	if m == nil {
		return "", fmt.Errorf("pdf: page %d has no MediaBox", p.num)
	}
	llx, _ := strconv.ParseFloat(m[1], 64)
	ury, err := strconv.ParseFloat(m[4], 64)
	if err != nil {
		return "", fmt.Errorf("pdf: page %d: bad MediaBox", p.num)
	}
	pt := func(mm float64) float64 { return mm * PointsPerMM }
	top := ury
	box := func(name string, x, y, w, h float64) string {
		// x, y from the sheet's top-left corner, in millimetres.
		return fmt.Sprintf("/%s [%s %s %s %s]", name,
			num(llx+pt(x)), num(top-pt(y+h)), num(llx+pt(x+w)), num(top-pt(y)))
	}
	boxes := box("MediaBox", 0, 0, g.SheetW(), g.SheetH()) + "\n" +
		box("BleedBox", g.Slug, g.Slug, g.TrimW+2*g.Bleed, g.TrimH+2*g.Bleed) + "\n" +
		box("TrimBox", g.TrimOffset(), g.TrimOffset(), g.TrimW, g.TrimH)
	d := boxKeyRE.ReplaceAllString(p.dict, "")
	d = strings.TrimSuffix(d, ">>")
	return d + "\n" + boxes + ">>", nil
}

// num formats a PDF number with four decimals at most.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

// dateRE finds the creation and modification dates Chromium writes into a
// PDF's information dictionary.
var dateRE = regexp.MustCompile(`/(?:CreationDate|ModDate)\s*\((?:[^()\\]|\\.)*\)`)

// StripDates blanks out the dates of a PDF's information dictionary, so
// that printing the same poster twice gives the same bytes. The entries are
// overwritten with spaces of the same length, which a PDF reader skips, so
// no byte moves and the cross-reference table stays right.
func StripDates(pdf []byte) []byte {
	out := bytes.Clone(pdf)
	for _, loc := range dateRE.FindAllIndex(out, -1) {
		for i := loc[0]; i < loc[1]; i++ {
			out[i] = ' '
		}
	}
	return out
}
