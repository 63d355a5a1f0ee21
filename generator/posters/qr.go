package posters

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"

	"wallpress/generator/diag"
)

// QRError is a record's address that no QR code can hold (longer than
// about 1,600 characters): its poster would have no code to scan.
type QRError struct {
	// File is the record's, URL the address.
	File, URL string
	Err       error
}

func (e *QRError) Error() string {
	return fmt.Sprintf("QR code of %s for %s: %v", e.URL, e.File, e.Err)
}

func (e *QRError) Unwrap() error { return e.Err }

// Diagnostic tells e as an error at the record (diag.Diagnoser).
func (e *QRError) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{Pos: diag.Pos{File: e.File}, Severity: diag.Error, Key: "posters.qrTooLong",
		Args: diag.Args{"url": e.URL, "length": len(e.URL)}, Hint: "posters.qrTooLong.hint"}
}

// quietZone is the blank border a QR reader needs, in modules (ISO/IEC
// 18004 asks for four).
const quietZone = 4

// QRSVG draws a QR code of text as an SVG that fills its box: one path of
// square modules on a white ground with the quiet zone included, so it
// stays crisp at any print size. Error correction level Q (25%) lets a code
// on a corridor wall survive scuffs and a drawing pin. The text is encoded
// as bytes (a record's URL is plain ASCII).
func QRSVG(text string) (template.HTML, error) {
	code, err := encodeQR([]byte(text), ecQ)
	if err != nil {
		return "", err
	}
	n := code.size
	size := strconv.Itoa(n + 2*quietZone)
	b := make([]byte, 0, 512+len(text)+n*n*3)
	b = append(b, `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `...)
	b = append(b, size+" "+size...)
	b = append(b, `" shape-rendering="crispEdges" role="img" aria-label="`...)
	b = append(b, template.HTMLEscapeString(text)...)
	b = append(b, `"><rect width="`...)
	b = append(b, size...)
	b = append(b, `" height="`...)
	b = append(b, size...)
	b = append(b, `" fill="#fff"/><path fill="#000" d="`...)
	// One rectangle per horizontal run of dark modules.
	for y := range n {
		for x := 0; x < n; {
			if !code.dark(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < n && code.dark(x+run, y) {
				run++
			}
			b = append(b, 'M')
			b = strconv.AppendInt(b, int64(x+quietZone), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(y+quietZone), 10)
			b = append(b, 'h')
			b = strconv.AppendInt(b, int64(run), 10)
			b = append(b, "v1h-"...)
			b = strconv.AppendInt(b, int64(run), 10)
			b = append(b, 'z')
			x += run
		}
	}
	b = append(b, `"/></svg>`...)
	return template.HTML(b), nil
}

// RecordURL is the absolute address of a page of the website: baseURL
// (ending in "/") joined with the page's path, with anything that is not
// plain ASCII percent-encoded so that every phone's reader opens it.
func RecordURL(baseURL, pageURL string) string {
	if baseURL == "" {
		return ""
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return ""
	}
	u.Path += pageURL
	u.RawPath = ""
	return u.String()
}
