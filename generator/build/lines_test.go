package build

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"wallpress/generator/internal/testsite"
	"wallpress/generator/posters"
)

// linesScript fits the document's sheets as the printer does, then finds
// the lines of every block of text on them, from the browser's own line
// boxes: each character's client rect (Range.getClientRects), a new line
// where the top moves down by more than half a line. Lines the poster
// clips (a .more box cut to the room left) are not printed and not
// returned.
const linesScript = `(async () => {
  await document.fonts.ready;
  await Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)));
  if (typeof window.wallpressFit === 'function') window.wallpressFit();
  const out = [];
  const blocks = document.querySelectorAll('.fit h1, .fit p, .fit li, .fit figcaption, .fit td, .fit th');
  for (const el of blocks) {
    if (el.querySelector('p, li')) continue;
    // A flex or grid box sets its parts apart on purpose (a big number
    // over its word): not lines of one text.
    if (/flex|grid/.test(getComputedStyle(el).display)) continue;
    const clip = el.closest('.more, .fit');
    const bottom = clip.getBoundingClientRect().bottom + 0.5;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const chars = [];
    let node;
    while ((node = walker.nextNode())) {
      const s = node.data;
      for (let i = 0; i < s.length; ) {
        const cp = s.codePointAt(i);
        const n = cp > 0xffff ? 2 : 1;
        const r = document.createRange();
        r.setStart(node, i); r.setEnd(node, i + n);
        const rect = r.getClientRects()[0];
        const ph = node.parentElement.closest('.ph');
        if (rect && rect.width > 0) chars.push({c: s.slice(i, i + n), top: rect.top, h: rect.height, bottom: rect.bottom, ph});
        i += n;
      }
    }
    if (!chars.length) continue;
    const lines = [];
    let cur = null, prev = null, clipped = false, phBreak = [];
    for (const ch of chars) {
      if (ch.bottom > bottom) { clipped = true; break; }
      if (cur === null || ch.top > prev.top + prev.h / 2) {
        if (cur) phBreak.push(prev.ph !== ch.ph || !ch.ph);
        cur = ''; lines.push('');
      }
      lines[lines.length - 1] += ch.c;
      prev = ch;
    }
    out.push({tag: el.tagName.toLowerCase(), cls: el.className, lines, clipped, phBreak});
  }
  return out;
})()`

type lineBlock struct {
	Tag     string   `json:"tag"`
	Class   string   `json:"cls"`
	Lines   []string `json:"lines"`
	Clipped bool     `json:"clipped"`
	// PhBreak says for each break whether it falls between two phrases
	// of a title.
	PhBreak []bool `json:"phBreak"`
}

// numberRunRE is a number with its unit, or two joined as a range: what a
// reader takes as one word (12月, 23号楼, 7月—12月, 1,683.90元, 第3届).
var numberRunRE = regexp.MustCompile(`[第¥￥]?[0-9０-９]+(?:[.,:][0-9]+)*(?:号楼|单元|[年月日号楼层室户人元届次个位天票栋%])?(?:(?:[—–~-]{1,2}|至)?[第¥￥]?[0-9０-９]+(?:[.,:][0-9]+)*(?:号楼|单元|[年月日号楼层室户人元届次个位天票栋%])?)*`)

// punct are marks that do not count as a character of a last line.
const punct = "。，、；：？！“”‘’（）《》「」『』—…·.,;:!?()\"' \u00a0"

// The demo's posters, laid out by real Chromium: no paragraph ends on a
// line of one character (子。), no number is split from its unit (7月—12 /
// 月, 见23 / 号楼), and titles break only between phrases (not 东侧垃圾投放
// 点：加 / 了顶棚).
func TestDemoPosterLines(t *testing.T) {
	printDir, files, bctx := demoPosters(t)
	checked := 0
	for _, f := range files {
		rel, _ := filepath.Rel(printDir, f)
		var blocks []lineBlock
		err := chromedp.Run(bctx,
			emulation.SetDeviceMetricsOverride(1300, 1800, 1, false),
			chromedp.Navigate("file://"+f),
			chromedp.Evaluate(linesScript, &blocks, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }),
		)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		for _, b := range blocks {
			checked++
			n := len(b.Lines)
			if n >= 2 && !b.Clipped {
				if last := strings.Trim(b.Lines[n-1], punct); len([]rune(last)) <= 1 {
					t.Errorf("%s: <%s class=%q> ends on a line of one character: …%s / %s", rel, b.Tag, b.Class, tail(b.Lines[n-2], 8), b.Lines[n-1])
				}
			}
			text := strings.Join(b.Lines, "")
			at := 0
			for i, l := range b.Lines[:max(n-1, 0)] {
				at += len(l)
				for _, m := range numberRunRE.FindAllStringIndex(text, -1) {
					if m[0] < at && at < m[1] {
						t.Errorf("%s: <%s> breaks %q: %s / %s", rel, b.Tag, text[m[0]:m[1]], tail(l, 8), head(b.Lines[i+1], 8))
					}
				}
				if b.Tag == "h1" && i < len(b.PhBreak) && !b.PhBreak[i] {
					t.Errorf("%s: the title breaks inside a phrase: %s / %s", rel, l, b.Lines[i+1])
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d blocks of text checked", checked)
	}
	t.Logf("%d posters, %d blocks of text", len(files), checked)
}

// demoPosters builds the demo's HTML posters and starts a browser to look
// at them: print/, the wall posters in it (not the sets) and the browser's
// context.
func demoPosters(t *testing.T) (string, []string, context.Context) {
	t.Helper()
	exe := testsite.Need(t, "a Chromium-family browser", "install chromium or set "+posters.BrowserEnv, posters.FindBrowser)
	root := testsite.Demo(t)
	setConfig(t, root, "posters:\n  size: A3\n  orientation: portrait\n  bleed: 3mm\n  cropMarks: true\n  pdf: never\n")
	mustBuild(t, root)
	var files []string
	printDir := filepath.Join(root, PrintDir)
	filepath.WalkDir(printDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, ".online.html") && filepath.Base(p) != posters.SetName+".html" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 10 {
		t.Fatalf("only %d posters in print/", len(files))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Flag("font-render-hinting", "none"), chromedp.UserDataDir(t.TempDir()))...)
	t.Cleanup(cancelAlloc)
	bctx, cancelB := chromedp.NewContext(alloc, chromedp.WithErrorf(func(string, ...any) {}))
	t.Cleanup(cancelB)
	return printDir, files, bctx
}

// smallestTextScript fits the sheets as the printer does and returns the
// smallest text of the first sheet's trim (SVG aside) in CSS pixels of a
// 390 px phone screen the trim's width fills; with share set, after
// laying the sheet out for the PNG as the printer does.
const smallestTextScript = `(async (share) => {
  await document.fonts.ready;
  await Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)));
  if (typeof window.wallpressFit === 'function') window.wallpressFit();
  if (share) %s;
  const trim = document.querySelector('.sheet .trim');
  const tw = trim.getBoundingClientRect().width;
  let least = Infinity, what = '';
  const w = document.createTreeWalker(trim, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = w.nextNode())) {
    const el = n.parentElement;
    if (!n.data.trim() || el.closest('svg') || !el.getClientRects().length) continue;
    const r = el.getClientRects()[0];
    const clip = el.closest('.more');
    if (clip && r.top >= clip.getBoundingClientRect().bottom) continue;
    let z = 1;
    for (let e = el; e; e = e.parentElement) z *= parseFloat(getComputedStyle(e).zoom) || 1;
    const px = parseFloat(getComputedStyle(el).fontSize) * z * 390 / tw;
    if (px < least) { least = px; what = el.className + ': ' + n.data.trim().slice(0, 12); }
  }
  return {least, what};
})`

// The PNG for WeChat is read on a phone: laid out for it, no text of the
// demo's posters is under 12 px when the picture fills a 390 px screen
// (the wall layout has 7–9 px there).
func TestDemoSharePNGType(t *testing.T) {
	printDir, files, bctx := demoPosters(t)
	wall, phone := 100.0, 100.0
	for _, f := range files {
		rel, _ := filepath.Rel(printDir, f)
		for _, share := range []bool{false, true} {
			var got struct {
				Least float64 `json:"least"`
				What  string  `json:"what"`
			}
			err := chromedp.Run(bctx,
				emulation.SetDeviceMetricsOverride(1300, 1800, 1, false),
				chromedp.Navigate("file://"+f),
				chromedp.Evaluate(fmt.Sprintf(smallestTextScript, posters.ShareScript)+fmt.Sprintf("(%v)", share), &got, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }),
			)
			if err != nil {
				t.Fatalf("%s: %v", rel, err)
			}
			if !share {
				wall = min(wall, got.Least)
				continue
			}
			phone = min(phone, got.Least)
			if got.Least < posters.SharePhonePx {
				t.Errorf("%s: the PNG's smallest text is %.1f px on a 390 px phone (%s)", rel, got.Least, got.What)
			}
		}
	}
	t.Logf("smallest text on a 390 px phone: wall layout %.1f px, PNG layout %.1f px", wall, phone)
}

func tail(s string, n int) string {
	r := []rune(s)
	return string(r[max(len(r)-n, 0):])
}

func head(s string, n int) string {
	r := []rune(s)
	return string(r[:min(len(r), n)])
}
