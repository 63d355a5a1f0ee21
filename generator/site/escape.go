package site

import (
	"strings"
)

// The few fragments the site writes in Go instead of in a layout (see
// ledger.go) must be escaped exactly as html/template escapes the same
// values in the same places, so that a page reads the same whichever way a
// fragment was made. escape_test.go checks them against html/template.

// appendText appends s escaped for HTML text or a quoted attribute value, as
// html/template's text and attribute escapers do.
func appendText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, repl...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

// appendURL appends s as html/template writes a URL into a quoted href or
// src attribute: unsafe schemes replaced, the URL normalised (bytes that
// are not allowed in a URL percent-encoded), then escaped as an attribute.
func appendURL(b []byte, s string) []byte {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		if !strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			s = "#ZgotmplZ"
		}
	}
	const hex = "0123456789abcdef"
	var n []byte
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		n = append(n, s[start:i]...)
		n = append(n, '%', hex[c>>4], hex[c&15])
		start = i + 1
	}
	if n != nil {
		s = string(append(n, s[start:]...))
	}
	return appendText(b, s)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
