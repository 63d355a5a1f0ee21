package build

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"wallpress/generator/content"
	"wallpress/generator/internal/testsite"
)

// Checkers written elsewhere judge the demo's pages: the Nu Html Checker
// (vnu) for valid HTML, axe-core for accessibility (WCAG 2.1 AA), and
// headless Chromium at a phone's width for the layout. .ci/run installs
// vnu-jar and axe-core from npm into .ci/node; these environment variables
// point elsewhere.
const (
	vnuJarEnv = "WALLPRESS_VNU_JAR"
	axeJSEnv  = "WALLPRESS_AXE_JS"
	javaFix   = "apt-get install default-jre-headless"
	vnuFix    = "npm install --no-save --ignore-scripts --prefix .ci/node vnu-jar"
	axeFix    = "npm install --no-save --ignore-scripts --prefix .ci/node axe-core"
)

// npmFile finds a file of an npm package: at the path in env, or in the
// folder .ci/run installs into.
func npmFile(env string, rel ...string) func() (string, error) {
	return func() (string, error) {
		p := os.Getenv(env)
		if p == "" {
			p = filepath.Join(append([]string{testsite.RepoRoot(), ".ci", "node", "node_modules"}, rel...)...)
		}
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%v (or set %s)", err, env)
		}
		return p, nil
	}
}

// buildDemoWeb builds the repository's demo website without printing its
// posters (that needs minutes of Chromium and changes no page the checkers
// read but the poster download pages, which share every template part with
// the others), and returns the public folder and its pages by slash path.
func buildDemoWeb(t *testing.T) (string, []string) {
	t.Helper()
	return buildWeb(t, testsite.Demo(t))
}

// buildWeb builds the website of the site in root, without posters, and
// returns the public folder and its pages.
func buildWeb(t *testing.T, root string) (string, []string) {
	t.Helper()
	noBrowser := func() (string, error) { return "", errors.New("not in this test") }
	res, err := Run(context.Background(), Options{Root: root, Write: true, posters: &posterHooks{Find: noBrowser}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diags.HasErrors() {
		t.Fatal("the demo has errors")
	}
	pub := filepath.Join(root, "public")
	var pages []string
	err = filepath.WalkDir(pub, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(pub, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	if len(pages) < 20 {
		t.Fatalf("the demo has only %d pages", len(pages))
	}
	return pub, pages
}

// The Nu Html Checker finds no error in any page of the demo.
func TestCheckersVnu(t *testing.T) {
	java := testsite.Need(t, "java", javaFix, func() (string, error) { return exec.LookPath("java") })
	jar := testsite.Need(t, "vnu.jar", vnuFix, npmFile(vnuJarEnv, "vnu-jar", "build", "dist", "vnu.jar"))
	pub, pages := buildDemoWeb(t)
	args := []string{"-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always"}
	for _, p := range pages {
		args = append(args, filepath.Join(pub, filepath.FromSlash(p)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, args...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("vnu: %v\n%s", err, stderr.String())
	}
	// vnu writes its JSON report to stderr.
	var report struct {
		Messages []struct {
			Type, URL, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal([]byte(stderr.String()), &report); err != nil {
		t.Fatalf("vnu's report: %v\n%s", err, stderr.String())
	}
	for _, m := range report.Messages {
		if m.Type == "error" || m.Type == "non-document-error" {
			rel, _ := filepath.Rel(pub, strings.TrimPrefix(m.URL, "file:"))
			t.Errorf("%s:%d: %s (%q)", filepath.ToSlash(rel), m.LastLine, m.Message, m.Extract)
		}
	}
	t.Logf("vnu checked %d pages", len(pages))
}

// newBrowser starts headless Chromium for a test, width × height CSS px,
// emulating a phone when mobile.
func newBrowser(t *testing.T, width, height int64, mobile bool) context.Context {
	t.Helper()
	exe := browser(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(cancel)
	var emu []chromedp.EmulateViewportOption
	if mobile {
		emu = append(emu, chromedp.EmulateMobile, chromedp.EmulateScale(1))
	}
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(width, height, emu...)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// axe-core finds no serious or critical WCAG 2.1 AA violation in any page
// of the demo, and no duplicate landmark.
func TestCheckersAxe(t *testing.T) {
	axePath := testsite.Need(t, "axe-core", axeFix, npmFile(axeJSEnv, "axe-core", "axe.min.js"))
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	pub, pages := buildDemoWeb(t)
	// Phones get a layout of their own (stacked ledger rows, another
	// chart), so axe looks at both.
	for _, size := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}} {
		t.Run(size.name, func(t *testing.T) {
			axePages(t, newBrowser(t, size.w, size.h, size.mobile), pub, pages, string(axe))
		})
	}
}

// axePages runs axe-core over pages in the browser of ctx.
func axePages(t *testing.T, ctx context.Context, pub string, pages []string, axe string) {
	t.Helper()
	type violation struct {
		ID, Impact, Help string
		Nodes            []struct{ HTML string }
	}
	for _, p := range pages {
		var found []violation
		err := chromedp.Run(ctx,
			chromedp.Navigate("file://"+filepath.Join(pub, filepath.FromSlash(p))),
			chromedp.Evaluate(axe, nil),
			chromedp.Evaluate(`axe.run(document, {
				runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
				resultTypes: ["violations"]
			}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
				nodes: v.nodes.map(n => ({html: n.html}))})))`, &found, awaitPromise),
		)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, v := range found {
			if v.Impact == "serious" || v.Impact == "critical" || strings.HasPrefix(v.ID, "landmark-") {
				for _, n := range v.Nodes {
					t.Errorf("%s: %s %s (%s): %s", p, v.Impact, v.ID, v.Help, n.HTML)
				}
			} else {
				t.Logf("%s: %s %s (%s), %d elements", p, v.Impact, v.ID, v.Help, len(v.Nodes))
			}
		}
	}
}

// phoneChecks measures a page as a phone shows it: how wide the document
// is, the smallest chart label in CSS pixels as drawn (the SVG is scaled to
// the screen, so its font size is multiplied by the scale), whether every
// ledger row is laid out as a stacked card (no two of its shown cells side
// by side on one line across the table's columns, i.e. fewer than 3 cells
// on any line), the short words that a table cell breaks across lines, and
// the before/after sliders without a visible handle or hint.
const phoneChecks = `(() => {
	const out = {width: document.scrollingElement.scrollWidth, wide: [], chartLabels: 0, minLabel: 1e9, rows: 0, flatRows: [], broken: [], scrolling: []};
	for (const el of document.querySelectorAll(".table-wrap")) {
		if (el.scrollWidth > el.clientWidth + 1) out.scrolling.push(el.getAttribute("aria-labelledby") + " " + el.scrollWidth + " > " + el.clientWidth);
	}
	const vw = document.documentElement.clientWidth;
	for (const el of document.querySelectorAll("body *")) {
		const r = el.getBoundingClientRect();
		if (r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5) && getComputedStyle(el).position !== "absolute") {
			out.wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : "") + " " + Math.round(r.left) + ".." + Math.round(r.right));
		}
	}
	for (const svg of document.querySelectorAll(".chart svg")) {
		if (svg.getBoundingClientRect().width === 0) continue;
		const scale = svg.getScreenCTM().a;
		for (const t of svg.querySelectorAll("text")) {
			out.chartLabels++;
			out.minLabel = Math.min(out.minLabel, parseFloat(getComputedStyle(t).fontSize) * scale);
		}
	}
	for (const tr of document.querySelectorAll("table.ledger:not(.small) tbody tr")) {
		out.rows++;
		const lines = new Map();
		for (const c of tr.children) {
			const r = c.getBoundingClientRect();
			if (r.width === 0 || r.height === 0) continue;
			const top = Math.round(r.top);
			lines.set(top, (lines.get(top) || 0) + 1);
		}
		if (Math.max(0, ...lines.values()) > 2) out.flatRows.push(tr.textContent.trim().slice(0, 40));
	}
	out.sliders = 0;
	out.badSliders = [];
	for (const pair of document.querySelectorAll(".pair.sliding")) {
		out.sliders++;
		const knob = getComputedStyle(pair, "::before");
		const hint = pair.parentElement.querySelector(".compare-hint");
		if (knob.content === "none" || parseFloat(knob.width) < 24 || parseFloat(knob.height) < 24 ||
			!hint || hint.getBoundingClientRect().height === 0 || !hint.textContent.trim()) {
			out.badSliders.push(pair.parentElement.getAttribute("data-label"));
		}
	}
	// A word: a whole run of two to eight letters and digits between
	// spaces or punctuation; a longer run is a phrase that may wrap.
	const word = /(?<![\p{L}\p{N}])[\p{L}\p{N}]{2,8}(?![\p{L}\p{N}])/gu;
	for (const cell of document.querySelectorAll("table.ledger td, table.ledger th")) {
		const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			for (const m of n.data.matchAll(word)) {
				const range = document.createRange();
				range.setStart(n, m.index);
				range.setEnd(n, m.index + m[0].length);
				const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
				if (tops.size > 1) out.broken.push(m[0]);
			}
		}
	}
	return out;
})()`

// screenshotPages are the pages TestPhoneLayout photographs: the home page,
// the consultations, a group, its account book and a corridor story.
var screenshotPages = map[string]bool{
	"index.html":                                             true,
	"consultations/index.html":                               true,
	"gongnong-sancun/building-12/index.html":                 true,
	"gongnong-sancun/building-12/account-2024/index.html":    true,
	"gongnong-sancun/building-12/corridor-spring/index.html": true,
}

type phoneResult struct {
	Width       int
	Wide        []string
	ChartLabels int
	MinLabel    float64
	Rows        int
	FlatRows    []string
	Broken      []string
	Sliders     int
	BadSliders  []string
	Scrolling   []string
}

// On a 390-px phone, a 700-px tablet and a desktop no page of the demo is
// wider than the screen or scrolls a table sideways, the chart's labels
// are at least 12 px, no table cell breaks a word, and every before/after
// slider shows a handle and a hint; on the phone and the tablet ledger
// entries are stacked cards. With WALLPRESS_SCREENSHOTS set to a folder, the test leaves
// screenshots of a few pages there to look at.
func TestPhoneLayout(t *testing.T) {
	pub, pages := buildDemoWeb(t)
	shots := os.Getenv("WALLPRESS_SCREENSHOTS")
	for _, size := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"phone", 390, 844, true}, {"tablet", 700, 1000, true}, {"desktop", 1280, 900, false}} {
		t.Run(size.name, func(t *testing.T) {
			ctx := newBrowser(t, size.w, size.h, size.mobile)
			ledgers, charts, sliders := 0, 0, 0
			for _, p := range pages {
				var got phoneResult
				err := chromedp.Run(ctx,
					chromedp.Navigate("file://"+filepath.Join(pub, filepath.FromSlash(p))),
					chromedp.Evaluate(phoneChecks, &got),
				)
				if err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				sliders += got.Sliders
				for _, l := range got.BadSliders {
					t.Errorf("%s: the slider %q has no visible handle or hint", p, l)
				}
				if shots != "" && screenshotPages[p] {
					// Lazy photos below the fold load only once scrolled to;
					// a screenshot wants them all.
					const loadAll = `Promise.all([...document.images].map(i => {
						i.loading = "eager";
						return i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; });
					})).then(() => true)`
					var png []byte
					var loaded bool
					if err := chromedp.Run(ctx, chromedp.Evaluate(loadAll, &loaded, awaitPromise), chromedp.FullScreenshot(&png, 100)); err != nil {
						t.Fatal(err)
					}
					name := strings.ReplaceAll(strings.TrimSuffix(p, "/index.html"), "/", "_") + fmt.Sprintf("-%d.png", size.w)
					if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				for _, w := range got.Broken {
					t.Errorf("%s: a table cell breaks the word %q across lines", p, w)
				}
				if got.Width > int(size.w) {
					t.Errorf("%s is %d px wide on a %d-px screen; too wide: %v", p, got.Width, size.w, got.Wide)
				}
				for _, s := range got.Scrolling {
					t.Errorf("%s: a table scrolls sideways on a %d-px screen: %s", p, size.w, s)
				}
				if got.ChartLabels > 0 {
					charts++
					if got.MinLabel < 12 {
						t.Errorf("%s: the chart's smallest label is %.1f px on a %d-px screen, want ≥ 12", p, got.MinLabel, size.w)
					}
				}
				if !size.mobile {
					continue
				}
				if got.Rows > 0 {
					ledgers++
					for _, r := range got.FlatRows {
						t.Errorf("%s: the ledger row %q is laid out as a table row, not stacked", p, r)
					}
				}
			}
			if sliders == 0 {
				t.Error("the demo has no before/after slider; the test checks none")
			}
			if charts == 0 || size.mobile && ledgers == 0 {
				t.Errorf("found %d ledger pages and %d charts in the demo; the test checks nothing", ledgers, charts)
			}
		})
	}
}

// cardOf returns the list item of the card that links to url on a page
// linking from root ("../"), or "".
func cardOf(page, root, url string) string {
	i := strings.Index(page, `<li class="card`)
	for i >= 0 {
		end := strings.Index(page[i:], "</li>")
		if end < 0 {
			return ""
		}
		li := page[i : i+end]
		if strings.Contains(li, `href="`+root+url+`"`) {
			return li
		}
		next := strings.Index(page[i+end:], `<li class="card`)
		if next < 0 {
			return ""
		}
		i += end + next
	}
	return ""
}

// What a reader of the demo saw wrong: the home page's newest corridor
// stories showed the photo from before the clean-up, consultation cards
// did not say which building, and the footer repeated the site's name.
func TestDemoCards(t *testing.T) {
	root := testsite.Demo(t)
	pub, _ := buildWeb(t, root)
	tree := readTree(t, pub)
	s := loadDemo(t, root)
	home := string(tree["index.html"])
	_, news, _ := strings.Cut(home, `id="new-h"`)
	news, _, _ = strings.Cut(news, "</section>")
	board := string(tree["consultations/index.html"])
	stem := func(src string) string { return strings.TrimSuffix(filepath.Base(src), filepath.Ext(src)) + "-" }
	stories, deliberations := 0, 0
	for _, p := range s.Pages {
		if !p.Publish.Online() {
			continue
		}
		switch p.Kind {
		case content.KindStory:
			card := cardOf(news, "", p.URL)
			if card == "" || len(p.Story.Pairs) == 0 {
				continue
			}
			stories++
			pr := p.Story.Pairs[0]
			if !strings.Contains(card, stem(pr.After.Src)) || strings.Contains(card, stem(pr.Before.Src)) {
				t.Errorf("the home page's card of %s does not show the after photo %s:\n%s", p.File, pr.After.Src, card)
			}
		case content.KindDeliberation:
			card := cardOf(board, "../", p.URL)
			if card == "" {
				t.Errorf("consultations/index.html has no card of %s", p.File)
				continue
			}
			deliberations++
			if p.Group == nil || !strings.Contains(card, p.Group.Title) {
				t.Errorf("the card of %s does not name its group:\n%s", p.File, card)
			}
		}
	}
	if stories == 0 || deliberations == 0 {
		t.Fatalf("checked %d story and %d consultation cards; the demo should have both", stories, deliberations)
	}
	_, title, _ := strings.Cut(home, `class="site-title"`)
	_, title, _ = strings.Cut(title, ">")
	title, _, _ = strings.Cut(title, "<")
	if title == "" {
		t.Fatal("the home page has no site title")
	}
	for name, data := range tree {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		_, footer, _ := strings.Cut(string(data), `<footer class="site-footer">`)
		footer, _, _ = strings.Cut(footer, "</footer>")
		if strings.Contains(footer, title) {
			t.Errorf("the footer of %s repeats the site's name: %s", name, footer)
		}
	}
}
