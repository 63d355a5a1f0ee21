package posters

import (
	"fmt"
	"html/template"
	"image/color"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/internal/testsite"
	"wallpress/generator/layouts"
	"wallpress/generator/ledger"
)

// longName is a group name of 22 characters.
const longName = "殷行街道开鲁新村第三居民区十二号楼三单元组"

// longSite is a group whose records are longer than one sheet holds: an
// 80-entry ledger over three years, a 24-article convention, a story of 6
// pairs and 3000 characters, an activity of 3000 characters.
func longSite() fstest.MapFS {
	pairs := ""
	for i := 1; i <= 6; i++ {
		pairs += fmt.Sprintf("  - {before: b%d.jpg, after: a%d.jpg, caption: 第%d处}\n", i, i, i)
	}
	rooms := []string{}
	for f := 1; f <= 6; f++ {
		for r := 1; r <= 4; r++ {
			rooms = append(rooms, fmt.Sprintf("\"%d0%d\"", f, r))
		}
	}
	return fstest.MapFS{
		"content/_index.md":               {Data: []byte("---\ntitle: 首页\n---\n")},
		"content/cun/_index.md":           {Data: []byte("---\nname: 开鲁新村\n---\n")},
		"content/cun/b1/_index.md":        {Data: []byte("---\nname: " + longName + "\nhouseholds: 24\nslogan: 邻里守望相助共建美好家园人人有责\nbrand: 温馨楼组\n---\n我们楼组。\n")},
		"content/cun/b1/convention.md":    {Data: []byte("---\ntitle: 楼组公约\nadopted: 2024-03-16\nsigned: [" + strings.Join(rooms, ", ") + "]\n---\n")},
		"content/cun/b1/account.md":       {Data: []byte("---\ntype: ledger\ntitle: 三年账本\nperiod: 2024—2026年\nopening: \"100.00\"\nkeeper: 陈秀英\nauditor: 周立民\n---\n正文。\n")},
		"content/cun/b1/story-long.md":    {Data: []byte("---\ntitle: 楼道六处变化\npairs:\n" + pairs + "quote: {text: 真好, by: 王建国}\n---\n")},
		"content/cun/b1/activity-long.md": {Data: []byte("---\ntype: activity\ntitle: 大扫除\ndate: 2024-05-01\n---\n")},
	}
}

// longBody is n sentences, five to a paragraph, each numbered so that a
// test can find every one: about 30 characters a sentence.
func longBody(tag string, n int) (template.HTML, []string) {
	var b strings.Builder
	var marks []string
	for i := 1; i <= n; i++ {
		if i%5 == 1 {
			b.WriteString("<p>")
		}
		m := fmt.Sprintf("%s%03d", tag, i)
		marks = append(marks, m)
		fmt.Fprintf(&b, "这是第%s句，楼道里的邻居们一起动手，<strong>大家</strong>都很开心。", m)
		if i%5 == 0 || i == n {
			b.WriteString("</p>\n")
		}
	}
	return template.HTML(b.String()), marks
}

// longBook is 80 entries from January 2024 to December 2026; the balance
// never goes below zero.
func longBook(t testing.TB) *ledger.Book {
	tab := ledger.Table{Header: []string{"日期", "摘要", "收入", "支出"}, HeaderLine: 10}
	for i := range 80 {
		month := i * 36 / 80
		d := time.Date(2024, time.Month(month%12+1), 1+i%27, 0, 0, 0, 0, time.UTC).AddDate(month/12, 0, 0)
		in, out := "", ""
		if i%3 == 0 {
			in = fmt.Sprintf("%d.%02d", 300+i*7, i)
		} else {
			out = fmt.Sprintf("%d.%02d", 10+i, i)
		}
		item := fmt.Sprintf("第%d笔 楼道清洁用品", i+1)
		if i%7 == 0 {
			item = fmt.Sprintf("第%d笔 楼道绿植、花土、肥料和公告栏打印费用", i+1)
		}
		tab.Rows = append(tab.Rows, []string{d.Format("2006-01-02"), item, in, out})
		tab.Lines = append(tab.Lines, 12+i)
	}
	list := &diag.List{}
	b := ledger.Compute(tab, 10000, nil, "content/cun/b1/account.md", list)
	if list.HasErrors() {
		t.Fatalf("ledger: %v", list.Items())
	}
	return b
}

type longFixture struct {
	plan   *Plan
	list   *diag.List
	photos map[string]Photo
	// marks are the numbered sentences of each record's body.
	marks    map[string][]string
	articles []string
	book     *ledger.Book
}

// planLong plans longSite; with files set, the photos are real JPEGs that
// a browser can load.
func planLong(t *testing.T, files bool, edit func(*config.Config)) *longFixture {
	t.Helper()
	fx := &longFixture{list: &diag.List{}, photos: map[string]Photo{}, marks: map[string][]string{}}
	fsys := longSite()
	dir := t.TempDir()
	for i := 1; i <= 6; i++ {
		for j, side := range []string{"b", "a"} {
			name := fmt.Sprintf("%s%d.jpg", side, i)
			src := "cun/b1/" + name
			fsys["content/"+src] = &fstest.MapFile{Data: []byte("jpeg")}
			ph := Photo{Width: 1600, Height: 1200, Hash: fmt.Sprintf("%02d%02d0000000000000000", i, j)}
			if i == 5 && side == "a" {
				// A coarse photo among the later pairs.
				ph.Width, ph.Height = 400, 300
			}
			if files {
				ph.File = filepath.Join(dir, name)
				testsite.WriteJPEG(t, ph.File, ph.Width, ph.Height, color.RGBA{uint8(40 * i), uint8(100 * j), 90, 255})
			}
			fx.photos[src] = ph
		}
	}
	tree := content.Load(fsys, fx.list)
	if fx.list.HasErrors() {
		t.Fatalf("content: %v", fx.list.Items())
	}
	themeDir := filepath.Join(testsite.RepoRoot(), "themes", "default")
	cat, err := i18n.Load(themeDir, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	theme, err := LoadTheme(themeDir, cat)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Title = "殷行街道楼组自治成果墙"
	cfg.BaseURL = "https://example.gov.cn/louzu/"
	if edit != nil {
		edit(cfg)
	}
	bodies := map[*content.Page]layouts.Body{}
	for _, p := range tree.Pages {
		switch p.Kind {
		case content.KindConvention:
			var items []template.HTML
			for i := 1; i <= 24; i++ {
				a := fmt.Sprintf("第%02d条，楼道里不堆放杂物，电动车不进楼道充电，垃圾按时分类投放。", i)
				fx.articles = append(fx.articles, a)
				items = append(items, template.HTML(a))
			}
			bodies[p] = layouts.Body{Items: items}
		case content.KindLedger:
			fx.book = longBook(t)
			p.Ledger.Book = fx.book
		case content.KindStory, content.KindActivity:
			tag := "S"
			if p.Kind == content.KindActivity {
				tag = "A"
			}
			body, marks := longBody(tag, 100)
			bodies[p] = layouts.Body{HTML: body}
			fx.marks[p.Rel] = marks
		}
	}
	fx.plan, err = theme.Plan(Input{Config: cfg, Catalog: cat, Site: tree, Bodies: bodies, Photos: fx.photos}, fx.list)
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

var spaceRE = regexp.MustCompile(`\s+`)

// text is a document's text without tags and spaces.
func docText(h []byte) string { return spaceRE.ReplaceAllString(plain(string(h)), "") }

// Every entry, article, pair and sentence of records longer than a sheet is
// in the poster's document, on continuation sheets marked 续 n/N, and in the
// poster set.
func TestPlanLongRecordsWhole(t *testing.T) {
	fx := planLong(t, false, nil)
	g := fx.plan.Groups[0]
	sheetsIn := func(h []byte) int { return strings.Count(string(h), `<section class="sheet`) }
	total := 0
	for _, p := range g.Posters {
		if n := sheetsIn(p.HTML); n != p.Sheets {
			t.Errorf("%s: %d sheets in the document, planned %d", p.Name, n, p.Sheets)
		}
		total += p.Sheets
		if p.Sheets > 1 {
			text := docText(p.HTML)
			for n := 2; n <= p.Sheets; n++ {
				if mark := fmt.Sprintf("续%d/%d", n, p.Sheets); !strings.Contains(text, mark) {
					t.Errorf("%s lacks the mark %s", p.Name, mark)
				}
			}
		}
	}
	if n := sheetsIn(g.SetHTML); n != total {
		t.Errorf("the set has %d sheets, the posters %d", n, total)
	}

	ledgerP := posterNamed(t, g, "account")
	text := docText(ledgerP.HTML)
	if ledgerP.Sheets < 2 {
		t.Errorf("an 80-entry ledger on %d sheet", ledgerP.Sheets)
	}
	for _, e := range fx.book.Entries {
		m := e.Income
		if m == 0 {
			m = e.Expense
		}
		if a := i18n.Amount(int64(m)); !strings.Contains(text, a) {
			t.Errorf("the ledger poster lacks the amount %s (%s)", a, e.Item)
		}
		if !strings.Contains(text, strings.ReplaceAll(e.Item, " ", "")) {
			t.Errorf("the ledger poster lacks the entry %s", e.Item)
		}
	}
	for _, y := range []string{"2024年", "2025年", "2026年"} {
		if !strings.Contains(text, y) {
			t.Errorf("the ledger poster lacks the year label %s", y)
		}
	}
	for _, w := range []string{"记账人陈秀英", "监督人周立民", "账目平衡", i18n.Amount(int64(fx.book.Closing))} {
		if !strings.Contains(text, w) {
			t.Errorf("the ledger poster lacks %s", w)
		}
	}

	// The chart does not fit beside the last rows: the theme leaves it
	// off, says so at the table's line, and the poster says where to read
	// it.
	if len(g.LeftOff) != 1 || g.LeftOff[0].What != "posters.leftOff.chart" || g.LeftOff[0].Page != ledgerP.Page || g.LeftOff[0].Line != 10 {
		t.Errorf("left off: %+v", g.LeftOff)
	}
	if !strings.Contains(text, "全文扫码查看") || strings.Contains(text, "每月收支") {
		t.Error("the ledger poster does not say where to read the chart, or prints it")
	}

	conv := docText(posterNamed(t, g, "convention").HTML)
	for _, a := range fx.articles {
		if !strings.Contains(conv, a) {
			t.Errorf("the convention lacks %s", a)
		}
	}
	if !strings.Contains(conv, "24户签署") || !strings.Contains(conv, "604") {
		t.Error("the convention lacks its signatures")
	}

	for _, name := range []string{"story-long", "activity-long"} {
		p := posterNamed(t, g, name)
		text := docText(p.HTML)
		for _, m := range fx.marks[p.Page.Rel] {
			if !strings.Contains(text, "这是第"+m+"句，楼道里的邻居们一起动手，大家都很开心。") {
				t.Errorf("%s lacks sentence %s", name, m)
			}
		}
	}
	story := posterNamed(t, g, "story-long")
	for i := 1; i <= 6; i++ {
		for _, side := range []string{"b", "a"} {
			src := fmt.Sprintf("cun/b1/%s%d.jpg", side, i)
			if !strings.Contains(string(story.HTML), ImageName(src, fx.photos[src].Hash)) {
				t.Errorf("the story lacks %s", src)
			}
		}
	}
	if !strings.Contains(docText(story.HTML), "——王建国") {
		t.Error("the story lacks its quote")
	}
	// The coarse photo of the fifth pair is measured like the first.
	found := false
	for _, u := range g.Uses {
		if u.Image.Src == "cun/b1/a5.jpg" && u.DPI() < 150 {
			found = true
		}
	}
	if !found {
		t.Error("the fifth pair's coarse photo is not among the photos checked")
	}
}

// The 账目平衡 stamp needs a balanced book whose balance never goes below
// zero.
func TestLedgerStamp(t *testing.T) {
	v := &View{}
	b := &ledger.Book{Balanced: true, Entries: []ledger.Entry{{Balance: 100}, {Balance: 20}}}
	if !v.Stamped(b) {
		t.Error("a balanced book without a stamp")
	}
	b.Entries[1].Balance = -5
	if v.Stamped(b) {
		t.Error("a book that went below zero got the stamp")
	}
	b.Entries[1].Balance = 20
	b.Balanced = false
	if v.Stamped(b) {
		t.Error("an unbalanced book got the stamp")
	}
}

func TestSentences(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"一。二！三", []string{"一。", "二！", "三"}},
		{"他说：“好。”然后走了。", []string{"他说：“好。”", "然后走了。"}},
		{"<strong>甲。乙</strong>丙。", []string{"<strong>甲。</strong>", "<strong>乙</strong>丙。"}},
		{"a<br>b。", []string{"a<br>b。"}},
		{"无句号", []string{"无句号"}},
		{"<em>只有。</em>", []string{"<em>只有。</em>"}},
	}
	for _, c := range cases {
		got := sentences(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("sentences(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBlocks(t *testing.T) {
	h := "<h2 id=\"x\">标题</h2>\n<p>一<br>二</p>\n<ol>\n<li>甲</li>\n<li>乙</li>\n</ol>\n<table><tr><td>1</td></tr></table><hr>"
	bs := blocks(h)
	var tags []string
	for _, b := range bs {
		tags = append(tags, b.tag)
	}
	if got := strings.Join(tags, " "); got != "h2 p ol table hr" {
		t.Fatalf("blocks %q", got)
	}
	if len(bs[2].items) != 2 || bs[2].items[1].open != `<ol start="2">` {
		t.Errorf("list items %+v", bs[2].items)
	}
}

// Splitting a paragraph between sentences keeps every character, in order,
// and leaves each piece's tags balanced.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{"一。二！三", "<strong>甲。乙</strong>丙。", "a<br>b。c?d", "<em>x。<a href=\"y\">z。w</a></em>。", "。。。", "<b>"} {
		f.Add(s)
	}
	tag := regexp.MustCompile(`</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?/?>`)
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "<>") && !regexp.MustCompile(`^(?:[^<>]|<(?:/?(?:strong|em|b|a)(?: href="[^"<>]*")?|br)>)*$`).MatchString(s) {
			return // only the inline markup a rendered paragraph has
		}
		got := sentences(s)
		if strings.Join(got, "") == "" && plain(s) != "" {
			t.Fatalf("sentences(%q) lost everything", s)
		}
		if a, b := plain(strings.Join(got, "")), plain(s); a != b {
			t.Fatalf("sentences(%q) text %q, want %q", s, a, b)
		}
		for _, p := range got {
			depth := map[string]int{}
			for _, m := range tag.FindAllStringSubmatch(p, -1) {
				if m[1] == "br" {
					continue
				}
				if strings.HasPrefix(m[0], "</") {
					depth[m[1]]--
				} else {
					depth[m[1]]++
				}
			}
			for k, d := range depth {
				if d != 0 && strings.Count(s, "<"+k) == strings.Count(s, "</"+k+">") {
					t.Fatalf("piece %q of %q leaves <%s> unbalanced", p, s, k)
				}
			}
		}
	})
}
