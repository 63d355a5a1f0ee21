package search

import (
	"bytes"
	"html"
	"strings"
)

// skipped are the elements whose text is not the page's: scripts, the
// heading (the title is indexed on its own), navigation and controls.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true, "nav": true, "h1": true, "button": true, "select": true, "textarea": true}

// blocks are the elements that end a run of text: 12号楼</p><p>3单元 are
// not one phrase.
var blocks = map[string]bool{"p": true, "div": true, "li": true, "ul": true, "ol": true, "br": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "td": true, "th": true, "tr": true, "table": true, "section": true, "article": true, "header": true, "footer": true, "figure": true, "figcaption": true, "blockquote": true, "dt": true, "dd": true, "dl": true, "main": true, "aside": true, "hr": true, "img": true, "caption": true, "pre": true}

// PageText returns the text of a page's <main> element (the whole page when
// it has none) as a visitor reads it: tags removed, entities decoded, a line
// break between blocks. It is given the page's bytes as published, so the
// names in it are masked already.
func PageText(page []byte) string {
	if i := bytes.Index(page, []byte("<main")); i >= 0 {
		page = page[i:]
		if j := bytes.LastIndex(page, []byte("</main>")); j >= 0 {
			page = page[:j]
		}
	}
	var b strings.Builder
	skip := 0 // depth inside skipped elements
	var skipName string
	for len(page) > 0 {
		lt := bytes.IndexByte(page, '<')
		if lt < 0 {
			lt = len(page)
		}
		if skip == 0 && lt > 0 {
			b.WriteString(html.UnescapeString(string(page[:lt])))
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
		name := strings.ToLower(string(bytes.TrimLeft(tag, "/")))
		if i := strings.IndexAny(name, " \t\n\r/"); i >= 0 {
			name = name[:i]
		}
		if skip > 0 {
			if name == skipName {
				if closing {
					skip--
				} else {
					skip++
				}
			}
			continue
		}
		if !closing && skipped[name] {
			if name == "script" || name == "style" {
				// Their text may hold "<": skip to the closing tag.
				end := indexASCIIFold(page, "</"+name)
				if end < 0 {
					break
				}
				page = page[end:]
				continue
			}
			skip, skipName = 1, name
			continue
		}
		if blocks[name] {
			b.WriteByte('\n')
		} else if name == "td" || name == "th" {
			b.WriteByte(' ')
		}
	}
	return tidy(b.String())
}

// tidy folds runs of white space: a line break where a block ended, one
// space elsewhere.
func tidy(s string) string {
	var b strings.Builder
	space, line := false, false
	for _, r := range s {
		switch r {
		case '\n':
			line = true
		case ' ', '\t', '\r', '\u00a0', '\u3000':
			space = true
		default:
			if b.Len() > 0 {
				if line {
					b.WriteByte('\n')
				} else if space {
					b.WriteByte(' ')
				}
			}
			space, line = false, false
			b.WriteRune(r)
		}
	}
	return b.String()
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
