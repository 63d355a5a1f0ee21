package posters

import (
	"math"
	"strings"
	"testing"

	"wallpress/generator/config"
)

func TestGeometryOf(t *testing.T) {
	tests := []struct {
		size, orient, bleed string
		marks               bool
		dpi                 int
		sheetW, sheetH      float64
		pngW, pngH          int
	}{
		{"A4", "portrait", "0", false, 150, 210, 297, 1240, 1754},
		{"A4", "landscape", "3mm", false, 150, 303, 216, 1754, 1240},
		{"A3", "portrait", "3mm", true, 150, 297 + 6 + 20, 420 + 6 + 20, 1754, 2480},
		{"A3", "landscape", "3mm", true, 300, 420 + 26, 297 + 26, 4961, 3508},
		{"420mm x 594mm", "portrait", "2.5mm", true, 72, 420 + 5 + 20, 594 + 5 + 20, 1191, 1684},
		{"594mm x 420mm", "portrait", "0", false, 100, 420, 594, 1654, 2339},
	}
	for _, tt := range tests {
		p := config.Posters{Size: tt.size, Orientation: tt.orient, Bleed: tt.bleed, CropMarks: tt.marks, PNGDPI: tt.dpi}
		g := GeometryOf(p)
		if math.Abs(g.SheetW()-tt.sheetW) > 1e-9 || math.Abs(g.SheetH()-tt.sheetH) > 1e-9 {
			t.Errorf("%+v: sheet %v×%v, want %v×%v", p, g.SheetW(), g.SheetH(), tt.sheetW, tt.sheetH)
		}
		if w, h := g.PNGSize(); w != tt.pngW || h != tt.pngH {
			t.Errorf("%+v: PNG %d×%d, want %d×%d", p, w, h, tt.pngW, tt.pngH)
		}
		css := g.CSS()
		if want := "size: " + mm(tt.sheetW) + "mm " + mm(tt.sheetH) + "mm"; !strings.Contains(css, want) {
			t.Errorf("%+v: CSS %q lacks %q", p, css, want)
		}
	}
}

func TestUnitFollowsShortSide(t *testing.T) {
	a3 := GeometryOf(config.Posters{Size: "A3", Orientation: "portrait"})
	a3l := GeometryOf(config.Posters{Size: "A3", Orientation: "landscape"})
	a4 := GeometryOf(config.Posters{Size: "A4", Orientation: "portrait"})
	if a3.Unit() != a3l.Unit() || a3.Unit() != 2.97 {
		t.Errorf("A3 unit %v, landscape %v; want 2.97 both", a3.Unit(), a3l.Unit())
	}
	if r := a3.Unit() / a4.Unit(); math.Abs(r-297.0/210) > 1e-9 {
		t.Errorf("A3/A4 unit ratio %v", r)
	}
	if !a3l.Landscape() || a3.Landscape() {
		t.Error("Landscape wrong")
	}
}

// Crop marks stay in the slug: each line lies on a trim edge's extension
// and ends MarkGapMM before the bleed.
func TestCropMarks(t *testing.T) {
	g := Geometry{TrimW: 297, TrimH: 420, Bleed: 3, Slug: SlugMM}
	svg := g.CropMarks()
	if n := strings.Count(svg, "<line "); n != 8 {
		t.Fatalf("%d marks, want 8:\n%s", n, svg)
	}
	for _, want := range []string{
		`<line x1="13" y1="0" x2="13" y2="8"/>`,              // top-left, vertical
		`<line x1="310" y1="438" x2="310" y2="446"/>`,        // bottom-right, vertical
		`<line x1="0" y1="13" x2="8" y2="13"/>`,              // top-left, horizontal
		`<line x1="315" y1="433" x2="323" y2="433"/>`,        // bottom-right, horizontal
		`width="323mm" height="446mm" viewBox="0 0 323 446"`, // the whole sheet
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("marks lack %s:\n%s", want, svg)
		}
	}
	if (Geometry{TrimW: 297, TrimH: 420, Bleed: 3}).CropMarks() != "" {
		t.Error("marks drawn without a slug")
	}
}
