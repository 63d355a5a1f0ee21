package posters

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tinyPDF writes a PDF laid out as Chromium's writer (Skia) lays it out: an
// xref table, page dictionaries with a resources dictionary inside, and a
// MediaBox rounded as Chromium rounds it.
func tinyPDF(pages int, w, h float64) []byte {
	return tinyPDFInfo("<</Title (a \\(poster\\) <<not a dict>>)>>", pages, w, h)
}

// tinyPDFInfo is tinyPDF with the information dictionary given.
func tinyPDFInfo(info string, pages int, w, h float64) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xd3\xeb\xe9\xe1\n")
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	obj(info) // 1
	var kids []string
	for i := range pages {
		n := 2 + 2*i
		kids = append(kids, fmt.Sprintf("%d 0 R", n))
		obj(fmt.Sprintf("<</Type /Page\n/Resources <</ProcSet [/PDF /Text]\n/Font <</F4 4 0 R>>>>\n/MediaBox [0 0 %s %s]\n/Contents %d 0 R\n/Tabs /S\n/Parent %d 0 R>>", num(w), num(h), n+1, 2+2*pages))
		obj("<</Length 0>> stream\n\nendstream")
	}
	obj(fmt.Sprintf("<</Type /Pages\n/Count %d\n/Kids [%s]>>", pages, strings.Join(kids, " ")))
	obj(fmt.Sprintf("<</Type /Catalog\n/Pages %d 0 R>>", len(offs)))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d\n/Root %d 0 R\n/Info 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, len(offs), xref)
	return b.Bytes()
}

func TestSetPageBoxes(t *testing.T) {
	g := Geometry{TrimW: 297, TrimH: 420, Bleed: 3, Slug: SlugMM}
	in := tinyPDF(3, 916.07996, 1264.07996) // what Chromium made of 323×446 mm
	out, err := SetPageBoxes(in, g)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, in) {
		t.Fatal("the original bytes were changed; an update must only append")
	}
	pages := findPages(out)
	if len(pages) != 3 {
		t.Fatalf("%d pages after the update", len(pages))
	}
	for _, p := range pages {
		box := func(name string) [4]float64 {
			m := regexp.MustCompile(`/` + name + ` \[([-.\d]+) ([-.\d]+) ([-.\d]+) ([-.\d]+)\]`).FindStringSubmatch(p.dict)
			if m == nil {
				t.Fatalf("page %d has no %s: %s", p.num, name, p.dict)
			}
			var v [4]float64
			for i := range v {
				v[i], _ = strconv.ParseFloat(m[i+1], 64)
			}
			return v
		}
		media, trim, bleed := box("MediaBox"), box("TrimBox"), box("BleedBox")
		near := func(what string, got, want float64) {
			if math.Abs(got-want) > 0.001 {
				t.Errorf("page %d %s = %.4f, want %.4f", p.num, what, got, want)
			}
		}
		near("media width", media[2]-media[0], 323*PointsPerMM)
		near("media height", media[3]-media[1], 446*PointsPerMM)
		near("media top", media[3], 1264.07996) // content stays where Chromium drew it
		near("trim width", trim[2]-trim[0], 297*PointsPerMM)
		near("trim height", trim[3]-trim[1], 420*PointsPerMM)
		near("trim left", trim[0]-media[0], 13*PointsPerMM)
		near("trim top", media[3]-trim[3], 13*PointsPerMM)
		near("bleed width", bleed[2]-bleed[0], 303*PointsPerMM)
		near("bleed top", media[3]-bleed[3], 10*PointsPerMM)
		if strings.Count(p.dict, "/MediaBox") != 1 {
			t.Errorf("page %d has %d MediaBoxes", p.num, strings.Count(p.dict, "/MediaBox"))
		}
	}
	// Applying it again (a cached PDF) replaces the boxes, not adds more.
	again, err := SetPageBoxes(out, g)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range findPages(again) {
		if strings.Count(p.dict, "/TrimBox") != 1 {
			t.Errorf("page %d: %s", p.num, p.dict)
		}
	}

	if _, err := exec.LookPath("pdfinfo"); err == nil {
		f := filepath.Join(t.TempDir(), "a.pdf")
		os.WriteFile(f, again, 0o644)
		info, err := exec.Command("pdfinfo", "-box", f).CombinedOutput()
		if err != nil {
			t.Fatalf("pdfinfo: %v\n%s", err, info)
		}
		if !strings.Contains(string(info), "Pages:           3") || !strings.Contains(string(info), "915.591 x 1264.25 pts") {
			t.Errorf("pdfinfo reads:\n%s", info)
		}
	}
}

func TestSetPageBoxesRefuses(t *testing.T) {
	g := Geometry{TrimW: 210, TrimH: 297}
	for name, pdf := range map[string][]byte{
		"empty":      nil,
		"no trailer": []byte("%PDF-1.4\n1 0 obj\n<</Type /Page /MediaBox [0 0 1 1]>>\nendobj\nstartxref\n9\n%%EOF\n"),
		"xref stream": func() []byte {
			p := tinyPDF(1, 595, 842)
			return bytes.Replace(p, []byte("xref\n0 "), []byte("XREF\n0 "), 1)
		}(),
		"no pages": bytes.Replace(tinyPDF(1, 595, 842), []byte("/Type /Page\n"), []byte("/Type /Pagex\n"), 1),
	} {
		if _, err := SetPageBoxes(pdf, g); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzSetPageBoxes(f *testing.F) {
	f.Add(tinyPDF(1, 595, 842))
	f.Add(tinyPDF(2, 916.07996, 1264.07996))
	f.Add([]byte("startxref\n0\n%%EOF"))
	g := Geometry{TrimW: 210, TrimH: 297, Bleed: 3, Slug: SlugMM}
	f.Fuzz(func(t *testing.T, pdf []byte) {
		out, err := SetPageBoxes(pdf, g)
		if err == nil && !bytes.HasPrefix(out, pdf) {
			t.Fatal("changed the original bytes")
		}
	})
}

func TestStripDates(t *testing.T) {
	in := tinyPDFInfo("<</CreationDate (D:20261125155857+00'00')\n/ModDate (D:2026\\)1125+00'00')\n/Title (x)>>", 1, 595, 842)
	out := StripDates(in)
	if len(out) != len(in) || bytes.Contains(out, []byte("2026")) || !bytes.Contains(out, []byte("/Title (x)")) {
		t.Fatalf("StripDates gave:\n%s", out)
	}
	if _, err := SetPageBoxes(out, Geometry{TrimW: 210, TrimH: 297}); err != nil {
		t.Errorf("the PDF no longer reads: %v", err)
	}
}
