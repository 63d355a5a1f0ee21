package posters

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"wallpress/generator/i18n"
)

// measureScript measures every sheet of a document: how close the frame's
// text comes to the trim edges, and how full the content area is.
const measureScript = `(() => {
  const mm = 25.4 / 96;
  return Array.from(document.querySelectorAll('.sheet')).map(sheet => {
    const trim = sheet.querySelector('.trim').getBoundingClientRect();
    let edge = 1e9, what = '';
    sheet.querySelectorAll('.band p, .band span, .qr-box, .kind-badge, .fit > *').forEach(el => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      const d = Math.min(r.left - trim.left, trim.right - r.right, r.top - trim.top, trim.bottom - r.bottom) * mm;
      if (d < edge) { edge = d; what = (el.className || el.tagName) + ' ' + [r.left-trim.left, trim.right-r.right, r.top-trim.top, trim.bottom-r.bottom].map(x => (x*mm).toFixed(1)).join(','); }
    });
    const foot = sheet.querySelector('.band.bottom').getBoundingClientRect();
    const head = sheet.querySelector('.band.top').getBoundingClientRect();
    const place = sheet.querySelector('.place');
    const fit = sheet.querySelector('.fit');
    let used = 0;
    Array.from(fit.children).forEach(c => {
      if (getComputedStyle(c).position === 'absolute') return;
      used = Math.max(used, c.getBoundingClientRect().bottom - fit.getBoundingClientRect().top);
    });
    return {
      edge, what,
      footTop: (trim.bottom - foot.top) * mm,
      headBottom: (head.bottom - trim.top) * mm,
      placeLines: Math.round(place.getBoundingClientRect().height / parseFloat(getComputedStyle(place).lineHeight)),
      fill: used / fit.clientHeight,
      over: fit.scrollHeight > fit.clientHeight + 1,
    };
  });
})()`

type sheetBoxes struct {
	Edge       float64 `json:"edge"`
	What       string  `json:"what"`
	FootTop    float64 `json:"footTop"`
	HeadBottom float64 `json:"headBottom"`
	PlaceLines int     `json:"placeLines"`
	Fill       float64 `json:"fill"`
	Over       bool    `json:"over"`
}

// measure loads a document in a tab of c and measures its sheets.
func measure(t *testing.T, c *Chrome, g Geometry, d *Doc, files map[string]string, stylesheet []byte) []sheetBoxes {
	t.Helper()
	srv, err := newServer(stylesheet)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.close()
	srv.add([]*Doc{d}, files)
	tb := c.tab()
	defer c.release(tb, false)
	ctx, cancel := context.WithTimeout(tb.ctx, time.Minute)
	defer cancel()
	var ready readyResult
	var out []sheetBoxes
	await := func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }
	err = chromedp.Run(ctx,
		emulation.SetDeviceMetricsOverride(int64(math.Ceil(g.SheetW()*pxPerMM)), int64(math.Ceil(g.SheetH()*pxPerMM)), 1, false),
		chromedp.Navigate(srv.url(d.Path)),
		chromedp.Evaluate(readyScript, &ready, await),
		chromedp.Evaluate(measureScript, &out),
	)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Records longer than a sheet, printed by the browser: every amount and
// year label of an 80-entry three-year ledger, all 12 photos of a story of 6
// pairs, 3000-character bodies and a 24-article convention are in the PDF;
// no sheet overflows; and with a 22-character group name the frame stays
// where it is, its text at least 5 mm inside the trim on every sheet.
func TestChromeLongRecords(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	pdfimages := needTool(t, "pdfimages", "poppler-utils")
	b := startChrome(t)
	fx := planLong(t, true, nil)
	g := fx.plan.Geometry
	grp := fx.plan.Groups[0]
	files := map[string]string{}
	for name, f := range grp.Images {
		files[grp.Dir+"/images/"+name] = f
	}
	dir := t.TempDir()
	if d := os.Getenv("WALLPRESS_KEEP"); d != "" {
		dir = d
	}
	r := &Renderer{Geometry: g, Files: files, Stylesheet: fx.plan.Stylesheet, Start: func(context.Context) (Browser, error) { return keepOpen{b}, nil }}
	text := map[string]string{}
	sheets := 0
	var printing time.Duration
	for _, p := range grp.Posters {
		d := &Doc{Path: grp.Dir + "/" + p.Name + ".html", HTML: p.HTML, PDF: true, PNG: true, Label: p.Page.File}
		began := time.Now()
		outs, err := r.Render(context.Background(), []*Doc{d})
		if err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		took := time.Since(began)
		printing += took
		t.Logf("%s: %d sheets printed in %v", p.Name, p.Sheets, took.Round(time.Millisecond))
		sheets += p.Sheets
		o := outs[d]
		if len(o.Overflow) > 0 {
			t.Errorf("%s: sheets %v overflow", p.Name, o.Overflow)
		}
		file := filepath.Join(dir, p.Name+".pdf")
		if err := os.WriteFile(file, o.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		if info := readPDFInfo(t, file); info.pages != p.Sheets {
			t.Errorf("%s: %d pages, planned %d", p.Name, info.pages, p.Sheets)
		}
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").CombinedOutput()
		if err != nil {
			t.Fatalf("pdftotext: %v\n%s", err, out)
		}
		text[p.Name] = spaceRE.ReplaceAllString(string(out), "")

		for i, s := range measure(t, b, g, d, files, fx.plan.Stylesheet) {
			t.Logf("%s sheet %d: fill %.2f, nearest %s %.1f mm, footer %.1f mm, header %.1f mm, place %d lines", p.Name, i+1, s.Fill, s.What, s.Edge, s.FootTop, s.HeadBottom, s.PlaceLines)
			if s.Edge < 5 {
				t.Errorf("%s sheet %d: %s is %.1f mm from the trim", p.Name, i+1, s.What, s.Edge)
			}
			u := g.Unit()
			if math.Abs(s.FootTop-(footerU*u)) > 0.5 || math.Abs(s.HeadBottom-headerU*u) > 0.5 {
				t.Errorf("%s sheet %d: the frame moved: footer %.1f mm, header %.1f mm high", p.Name, i+1, s.FootTop, s.HeadBottom)
			}
			if s.PlaceLines > 2 {
				t.Errorf("%s sheet %d: the group's name takes %d lines", p.Name, i+1, s.PlaceLines)
			}
			if s.Over {
				t.Errorf("%s sheet %d overflows", p.Name, i+1)
			}
		}
		if p.Name == "story-long" {
			out, err := exec.Command(pdfimages, "-list", file).CombinedOutput()
			if err != nil {
				t.Fatalf("pdfimages: %v\n%s", err, out)
			}
			n := 0
			for _, l := range strings.Split(string(out), "\n")[2:] {
				if f := strings.Fields(l); len(f) > 3 && f[2] == "image" {
					n++
				}
			}
			if n != 12 {
				t.Errorf("the story's PDF has %d photos, want 12:\n%s", n, out)
			}
		}
	}
	t.Logf("%d sheets printed (PDF and PNG) in %v: %v a sheet", sheets, printing.Round(time.Millisecond), (printing / time.Duration(sheets)).Round(time.Millisecond))

	for _, e := range fx.book.Entries {
		m := e.Income
		if m == 0 {
			m = e.Expense
		}
		if a := i18n.Amount(int64(m)); !strings.Contains(text["account"], a) {
			t.Errorf("the ledger's PDF lacks %s", a)
		}
	}
	for _, w := range []string{"2024年", "2025年", "2026年", "账目平衡", "陈秀英", "周立民"} {
		if !strings.Contains(text["account"], w) {
			t.Errorf("the ledger's PDF lacks %s", w)
		}
	}
	for _, a := range fx.articles {
		if !strings.Contains(text["convention"], a) {
			t.Errorf("the convention's PDF lacks %s", a)
		}
	}
	if !strings.Contains(text["convention"], "户签署") || !strings.Contains(text["convention"], "604") {
		t.Error("the convention's PDF lacks the signatures")
	}
	for _, name := range []string{"story-long", "activity-long"} {
		for _, m := range fx.marks["cun/b1/"+name+".md"] {
			if !strings.Contains(text[name], "这是第"+m+"句") {
				t.Errorf("%s's PDF lacks sentence %s", name, m)
			}
		}
		if !strings.Contains(text[name], "续2/") {
			t.Errorf("%s's PDF has no continuation mark", name)
		}
	}
}
