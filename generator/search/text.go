package search

import (
	"bytes"
	"html"
	"unicode/utf8"
)

// skipped are the elements whose text is not the page's: scripts, the
// heading (the title is indexed on its own), navigation and controls.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true, "nav": true, "h1": true, "button": true, "select": true, "textarea": true}

// blocks are the elements that end a run of text: 12号楼</p><p>3单元 are
// not one phrase.
var blocks = map[string]bool{"p": true, "div": true, "li": true, "ul": true, "ol": true, "br": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "td": true, "th": true, "tr": true, "table": true, "section": true, "article": true, "header": true, "footer": true, "figure": true, "figcaption": true, "blockquote": true, "dt": true, "dd": true, "dl": true, "main": true, "aside": true, "hr": true, "img": true, "caption": true, "pre": true}

// PageText returns the text of a page's <main> element (the whole page when
// it has none) as a visitor reads it: tags removed, entities decoded, a line
// break between blocks, runs of white space folded. It is given the page's
// bytes as published, so the names in it are masked already.
func PageText(page []byte) string {
	if i := bytes.Index(page, []byte("<main")); i >= 0 {
		page = page[i:]
		if j := bytes.LastIndex(page, []byte("</main>")); j >= 0 {
			page = page[:j]
		}
	}
	t := folder{b: make([]byte, 0, len(page)/2)}
	skip := 0 // depth inside skipped elements
	var skipName string
	var nameBuf [16]byte
	for len(page) > 0 {
		lt := bytes.IndexByte(page, '<')
		if lt < 0 {
			lt = len(page)
		}
		if skip == 0 && lt > 0 {
			if run := page[:lt]; bytes.IndexByte(run, '&') >= 0 {
				t.write([]byte(html.UnescapeString(string(run))))
			} else {
				t.write(run)
			}
		}
		page = page[lt:]
		if len(page) == 0 {
			break
		}
		if bytes.HasPrefix(page, []byte("<!--")) {
			end := bytes.Index(page, []byte("-->"))
			if end < 0 {
				break
			}
			page = page[end+3:]
			continue
		}
		gt := bytes.IndexByte(page, '>')
		if gt < 0 {
			break
		}
		tag := page[1:gt]
		page = page[gt+1:]
		closing := len(tag) > 0 && tag[0] == '/'
		name := tagName(bytes.TrimLeft(tag, "/"), nameBuf[:0])
		if skip > 0 {
			if string(name) == skipName {
				if closing {
					skip--
				} else {
					skip++
				}
			}
			continue
		}
		if !closing && skipped[string(name)] {
			if string(name) == "script" || string(name) == "style" {
				// Their text may hold "<": skip to the closing tag.
				end := indexASCIIFold(page, "</"+string(name))
				if end < 0 {
					break
				}
				page = page[end:]
				continue
			}
			skip, skipName = 1, string(name)
			continue
		}
		if blocks[string(name)] {
			t.line = true
		}
	}
	return string(t.b)
}

// tagName returns the lower-cased name at the start of a tag's text, in
// buf when it fits (the names that matter are short).
func tagName(tag, buf []byte) []byte {
	ascii := true
	for i, c := range tag {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' {
			tag = tag[:i]
			break
		}
		ascii = ascii && c < utf8.RuneSelf
	}
	if len(tag) > cap(buf) || !ascii {
		return bytes.ToLower(tag)
	}
	for _, c := range tag {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// folder collects text with its white space folded: a line break where a
// block ended, one space elsewhere, none at the ends.
type folder struct {
	b           []byte
	space, line bool
}

func (f *folder) write(s []byte) {
	for i := 0; i < len(s); {
		if j := plainRun(s, i); j > i {
			f.sep()
			f.b = append(f.b, s[i:j]...)
			i = j
			continue
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '\n':
				f.line = true
				continue
			case ' ', '\t', '\r':
				f.space = true
				continue
			}
			f.sep()
			f.b = append(f.b, c)
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == '\u00a0' || r == '\u3000' {
			f.space = true
		} else {
			f.sep()
			if r == utf8.RuneError {
				f.b = utf8.AppendRune(f.b, r)
			} else {
				f.b = append(f.b, s[i:i+n]...)
			}
		}
		i += n
	}
}

// plainRun returns the end of the run of characters from s[i] that are
// written as they are: no white space, valid UTF-8.
func plainRun(s []byte, i int) int {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
				return i
			}
			i++
			continue
		}
		if commonHanAt(s, i) {
			i += 3
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError || r == '\u00a0' || r == '\u3000' {
			return i
		}
		i += n
	}
	return i
}

// commonHanAt reports whether s[i] starts a valid three-byte character
// from U+4000 to U+9FFF, the common Chinese characters (lead bytes E4 to
// E9 take any continuation bytes): text that is mostly Chinese is passed
// over without decoding it.
func commonHanAt[T string | []byte](s T, i int) bool {
	c := s[i]
	return 0xE4 <= c && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80
}

// sep writes the white space pending before the next character.
func (f *folder) sep() {
	if len(f.b) > 0 {
		if f.line {
			f.b = append(f.b, '\n')
		} else if f.space {
			f.b = append(f.b, ' ')
		}
	}
	f.space, f.line = false, false
}

// indexASCIIFold is bytes.Index with ASCII letters of any case (the bytes
// are not UTF-8 for sure: bytes.ToLower could change their length).
func indexASCIIFold(b []byte, lower string) int {
	for i := 0; i+len(lower) <= len(b); i++ {
		j := 0
		for j < len(lower) && b[i+j]|0x20 == lower[j]|0x20 && (b[i+j]|0x20 >= 'a' && b[i+j]|0x20 <= 'z' || b[i+j] == lower[j]) {
			j++
		}
		if j == len(lower) {
			return i
		}
	}
	return -1
}
