package content

// EscapePath percent-encodes a site path (a page's URL, an image variant's
// path) for use in a link, as RFC 3986 allows in a path: letters, digits,
// -._~ and the sub-delimiters !$&'()*+;= and @ are kept with the slashes;
// every other byte is written %XX, UTF-8 bytes of Chinese too. So a file
// named "my team 照片 #1?.jpg" is linked as my%20team%20%E7%85%A7%E7%89%87%20%231%3F.jpg:
// its # and ? no longer start a fragment or a query. The colon is encoded
// as well, so that a relative link never looks like a scheme, and the
// comma, which separates the entries of srcset. A path of plain ASCII
// names is returned unchanged, without allocating.
func EscapePath(p string) string {
	n := 0
	for i := 0; i < len(p); i++ {
		if !pathByte(p[i]) {
			n++
		}
	}
	if n == 0 {
		return p
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(p)+2*n)
	for i := 0; i < len(p); i++ {
		c := p[i]
		if pathByte(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	return string(b)
}

// pathByte reports a byte kept as it is in an escaped path.
func pathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ';', '=', '@', '/':
		return true
	}
	return false
}
