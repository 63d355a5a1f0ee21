package posters

import (
	"fmt"
	"math"
	"strings"

	"wallpress/generator/config"
)

// SlugMM is the paper added outside the bleed on each side when crop marks
// are asked for: the marks stand in it, from MarkGapMM beyond the bleed to
// the sheet's edge, so they never touch anything that is printed.
const SlugMM = 10

// MarkGapMM is the gap between the bleed's edge and the start of a crop
// mark.
const MarkGapMM = 2

// Geometry is the paper a poster is printed on, in millimetres. The trim is
// the finished poster; the bleed is printed past it on every side and cut
// off; the slug holds the crop marks. The PDF page is the whole sheet:
//
//	sheet width  = trim width  + 2 × bleed + 2 × slug
//	sheet height = trim height + 2 × bleed + 2 × slug
//
// where slug is SlugMM with crop marks and 0 without.
type Geometry struct {
	TrimW, TrimH float64
	Bleed        float64
	Slug         float64
	// DPI is the resolution of the PNG, of the trim area only.
	DPI int
}

// GeometryOf reads the poster settings.
func GeometryOf(p config.Posters) Geometry {
	w, h := p.TrimMM()
	g := Geometry{TrimW: w, TrimH: h, Bleed: p.BleedMM(), DPI: p.PNGDPI}
	if p.CropMarks {
		g.Slug = SlugMM
	}
	if g.DPI <= 0 {
		g.DPI = 150
	}
	return g
}

// SheetW is the width of the PDF page in millimetres.
func (g Geometry) SheetW() float64 { return g.TrimW + 2*(g.Bleed+g.Slug) }

// SheetH is the height of the PDF page in millimetres.
func (g Geometry) SheetH() float64 { return g.TrimH + 2*(g.Bleed+g.Slug) }

// Landscape reports whether the trim is wider than tall.
func (g Geometry) Landscape() bool { return g.TrimW > g.TrimH }

// Unit is the poster's typographic unit in millimetres: a hundredth of the
// trim's short side, so that an A4 poster is an A3 one scaled down and a
// landscape poster has the type size of the portrait one.
func (g Geometry) Unit() float64 { return math.Min(g.TrimW, g.TrimH) / 100 }

// TrimOffset is where the trim starts on the sheet, from its top-left
// corner, in millimetres.
func (g Geometry) TrimOffset() float64 { return g.Bleed + g.Slug }

// pxPerMM is CSS pixels per millimetre (96 per inch).
const pxPerMM = 96 / 25.4

// PointsPerMM converts millimetres to PDF points (72 per inch).
const PointsPerMM = 72 / 25.4

// PNGSize is the size in pixels of the PNG of the trim area.
func (g Geometry) PNGSize() (w, h int) {
	return int(math.Round(g.TrimW / 25.4 * float64(g.DPI))), int(math.Round(g.TrimH / 25.4 * float64(g.DPI)))
}

// Name describes the paper for people: "A3 竖版 297×420 mm".
func (g Geometry) Name(size string) string {
	return fmt.Sprintf("%s %s×%s mm", size, mm(g.TrimW), mm(g.TrimH))
}

// mm formats a length without needless decimals: 297, 3, 2.5.
func mm(v float64) string {
	s := fmt.Sprintf("%.3f", v)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// CSS returns the stylesheet rules that fix the page to the sheet: the
// @page size the PDF takes and the custom properties the poster styles
// build on.
func (g Geometry) CSS() string {
	var b strings.Builder
	fmt.Fprintf(&b, "@page { size: %smm %smm; margin: 0; }\n", mm(g.SheetW()), mm(g.SheetH()))
	fmt.Fprintf(&b, ":root { --sheet-w: %smm; --sheet-h: %smm; --trim-w: %smm; --trim-h: %smm; --bleed: %smm; --slug: %smm; --u: %smm; }\n",
		mm(g.SheetW()), mm(g.SheetH()), mm(g.TrimW), mm(g.TrimH), mm(g.Bleed), mm(g.Slug), mm(g.Unit()))
	return b.String()
}

// CropMarks returns the SVG that draws the crop marks in the slug, as
// thin black lines in line with the trim edges, or "" without a slug.
func (g Geometry) CropMarks() string {
	if g.Slug <= 0 {
		return ""
	}
	W, H := g.SheetW(), g.SheetH()
	o := g.TrimOffset()
	x0, x1 := o, o+g.TrimW
	y0, y1 := o, o+g.TrimH
	near := g.Slug - MarkGapMM // length of a mark
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="crop-marks" xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s" aria-hidden="true">`,
		mm(W), mm(H), mm(W), mm(H))
	b.WriteString(`<g stroke="#000" stroke-width="0.1" fill="none">`)
	line := func(xa, ya, xb, yb float64) {
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`, mm(xa), mm(ya), mm(xb), mm(yb))
	}
	for _, x := range []float64{x0, x1} {
		line(x, 0, x, near)   // top
		line(x, H-near, x, H) // bottom
	}
	for _, y := range []float64{y0, y1} {
		line(0, y, near, y)   // left
		line(W-near, y, W, y) // right
	}
	b.WriteString(`</g></svg>`)
	return b.String()
}
