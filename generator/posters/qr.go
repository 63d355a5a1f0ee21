package posters

import (
	"fmt"
	"html/template"
	"image/color"
	"net/url"
	"strings"

	"github.com/boombuler/barcode/qr"
)

// quietZone is the blank border a QR reader needs, in modules (ISO/IEC
// 18004 asks for four).
const quietZone = 4

// QRSVG draws a QR code of text as an SVG that fills its box: one path of
// square modules on a white ground with the quiet zone included, so it
// stays crisp at any print size. Error correction level Q (25%) lets a code
// on a corridor wall survive scuffs and a drawing pin.
func QRSVG(text string) (template.HTML, error) {
	code, err := qr.Encode(text, qr.Q, qr.Auto)
	if err != nil {
		return "", err
	}
	n := code.Bounds().Dx()
	size := n + 2*quietZone
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges" role="img" aria-label="%s">`,
		size, size, template.HTMLEscapeString(text))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, size, size)
	for y := range n {
		for x := 0; x < n; {
			if !dark(code.At(x, y)) {
				x++
				continue
			}
			run := 1
			for x+run < n && dark(code.At(x+run, y)) {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x+quietZone, y+quietZone, run, run)
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}

func dark(c color.Color) bool {
	return color.GrayModel.Convert(c).(color.Gray).Y < 128
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
