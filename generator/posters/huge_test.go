package posters

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/internal/testsite"
	"wallpress/generator/layouts"
)

// hugeStory is a story of about size bytes of markdown: numbered lines,
// each with a link, in one paragraph (paraEvery 0) or a paragraph every
// paraEvery lines; and its body as the site renders it (soft line breaks
// kept, links as <a>). It is made here: no huge file is committed.
func hugeStory(size, paraEvery int, publish string) (md []byte, html template.HTML) {
	head := "---\ntitle: 很长的楼道故事\ndate: 2024-03-30\nsummary: 一篇很长的故事。\n"
	if publish != "" {
		head += "publish: " + publish + "\n"
	}
	head += "---\n\n"
	var m, h strings.Builder
	m.Grow(size + 200)
	h.Grow(size + size/4)
	m.WriteString(head)
	h.WriteString("<p>")
	for i := 1; m.Len() < size; i++ {
		fmt.Fprintf(&m, "第%d行：楼道里的邻居们一起动手，见[楼组公约](convention.md)，大家都很开心。\n", i)
		fmt.Fprintf(&h, "第%d行：楼道里的邻居们一起动手，见<a href=\"../convention/\">楼组公约</a>，大家都很开心。", i)
		if paraEvery > 0 && i%paraEvery == 0 {
			m.WriteString("\n")
			h.WriteString("</p>\n<p>")
		} else {
			h.WriteString("\n")
		}
	}
	s := strings.TrimSuffix(h.String(), "<p>")
	if !strings.HasSuffix(s, "</p>\n") {
		s = strings.TrimSuffix(s, "\n") + "</p>\n"
	}
	return []byte(m.String()), template.HTML(s)
}

// hugePlanner is a planner of a group whose story is hugeStory.
func hugePlanner(t testing.TB, size, paraEvery int, publish string) (*Planner, *content.Group, *diag.List) {
	t.Helper()
	md, body := hugeStory(size, paraEvery, publish)
	fsys := fstest.MapFS{
		"content/_index.md":           {Data: []byte("---\ntitle: 首页\n---\n")},
		"content/cun/_index.md":       {Data: []byte("---\nname: 一村\n---\n")},
		"content/cun/b1/_index.md":    {Data: []byte("---\nname: 1号楼\n---\n")},
		"content/cun/b1/story-big.md": {Data: md},
	}
	list := &diag.List{}
	tree := content.Load(fsys, list)
	if list.HasErrors() {
		t.Fatalf("content: %v", list.Items())
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
	cfg.Title = "测试街道"
	cfg.BaseURL = "https://example.gov.cn/louzu/"
	bodies := map[*content.Page]layouts.Body{}
	for _, p := range tree.Pages {
		if p.Kind == content.KindStory {
			bodies[p] = layouts.Body{HTML: body}
		}
	}
	pl := theme.Planner(Input{Config: cfg, Catalog: cat, Site: tree, Bodies: bodies})
	grps := pl.Groups()
	if len(grps) != 1 {
		t.Fatalf("%d groups", len(grps))
	}
	return pl, grps[0], list
}

var lineNoRE = regexp.MustCompile(`第(?:<span class="nb">)?(\d+)(?:</span>)?行`)

// A story far too long for the wall prints its first sheets, up to the
// cap, and the rest is reported at the line where it starts — on the wall
// poster and in check alike, for one huge paragraph and for many.
func TestHugeStoryLeftOffAtItsLine(t *testing.T) {
	for _, c := range []struct {
		name      string
		paraEvery int
		publish   string
		what      string
	}{
		{"one paragraph", 0, "", "posters.leftOff.text"},
		{"many paragraphs", 5, "", "posters.leftOff.text"},
		{"wall only", 5, "wall", "posters.leftOff.textWall"},
	} {
		t.Run(c.name, func(t *testing.T) {
			pl, grp, _ := hugePlanner(t, 2<<20, c.paraEvery, c.publish)
			g, err := pl.Group(grp)
			if err != nil {
				t.Fatal(err)
			}
			p := posterNamed(t, g, "story-big")
			if p.Sheets != maxBodySheets {
				t.Errorf("%d sheets, want the cap %d", p.Sheets, maxBodySheets)
			}
			if len(g.LeftOff) != 1 || g.LeftOff[0].What != c.what {
				t.Fatalf("left off: %+v", g.LeftOff)
			}
			// The last line printed, and the one reported.
			last := 0
			for _, m := range lineNoRE.FindAllStringSubmatch(string(p.HTML), -1) {
				n, _ := strconv.Atoi(m[1])
				last = max(last, n)
			}
			if last < 50 {
				t.Fatalf("only %d lines printed", last)
			}
			lines := strings.Split(string(grp.Records[0].Body), "\n")
			at := g.LeftOff[0].Line - grp.Records[0].BodyLine
			if at < 0 || at >= len(lines) || !strings.HasPrefix(lines[at], fmt.Sprintf("第%d行", last+1)) {
				t.Errorf("reported at line %d (%q), the first line not printed is 第%d行", g.LeftOff[0].Line, lines[max(0, min(at, len(lines)-1))], last+1)
			}
			if scan := strings.Contains(plain(string(p.HTML)), "全文扫码查看"); scan == (c.publish == "wall") {
				t.Errorf("the poster's QR caption does not say whether the full text is online")
			}
		})
	}
}

// Laying out a story looks at the same bytes whatever its length beyond
// what the capped sheets hold: the work is bounded, not the time measured.
func TestHugeStoryWorkBounded(t *testing.T) {
	for _, paraEvery := range []int{0, 5} {
		var read []int
		for _, size := range []int{1 << 20, 4 << 20} {
			_, body := hugeStory(size, paraEvery, "")
			f := newFlow(roomOf(GeometryOf(config.Default().Posters), 0.64))
			f.body(body)
			if f.cut == "" {
				t.Fatalf("%d bytes fit on %d sheets", size, len(f.parts))
			}
			read = append(read, f.read)
		}
		if read[0] != read[1] || read[0] > 1<<20/4 {
			t.Errorf("paragraph every %d lines: read %d bytes of 1 MB and %d of 4 MB; want the same, well under 1 MB", paraEvery, read[0], read[1])
		}
	}
}

// BenchmarkHugeStory lays out (as check does) a group whose story is 50 MB
// of markdown with a link on every line, in one paragraph or many.
//
//	go test ./generator/posters -run '^$' -bench HugeStory -benchtime 3x
func BenchmarkHugeStory(b *testing.B) {
	for _, c := range []struct {
		name      string
		paraEvery int
	}{{"paragraph", 0}, {"paragraphs", 5}} {
		b.Run(c.name, func(b *testing.B) {
			pl, grp, _ := hugePlanner(b, 50<<20, c.paraEvery, "")
			pl = pl.LayoutOnly()
			for b.Loop() {
				if _, err := pl.Group(grp); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// tokRE is the tag regexp blocks was first written with: the reference
// for blockScan.
var tokRE = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>`)

func blocksByRegexp(h string) []string {
	var out []string
	depth, start := 0, -1
	for _, m := range tokRE.FindAllStringSubmatchIndex(h, -1) {
		closing := m[3] > m[2]
		name := strings.ToLower(h[m[4]:m[5]])
		selfClosing := m[7] > m[6] || voidTags[name]
		if depth == 0 && start < 0 {
			start = m[0]
		}
		switch {
		case closing:
			depth--
		case !selfClosing:
			depth++
		}
		if depth <= 0 {
			depth = 0
			out = append(out, h[start:m[1]])
			start = -1
		}
	}
	return out
}

func FuzzBlockScan(f *testing.F) {
	for _, s := range []string{"<h2 id=\"x\">标题</h2>\n<p>一<br>二</p>\n<ol>\n<li>甲</li>\n</ol><hr>", "<p>a</p></p><p/>", "<a_b>x</a_b><p>y", "<P>x</P>", "< p>", "<p a='>'>x</p>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		var got []string
		sc := blockScan{h: h}
		for {
			b, ok := sc.next()
			if !ok {
				break
			}
			got = append(got, b)
		}
		if want := blocksByRegexp(h); strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Fatalf("blocks of %q: %q, the regexp gives %q", h, got, want)
		}
	})
}

// A paragraph that fits whole is placed as it is, measured once; laid out
// sentence by sentence it comes out the same: the same pieces on the same
// sheets, the same room left, the same text placed and the same cut.
func TestParaWholeSameAsBySentence(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	words := []string{"楼道", "堆物", "清理", "居民", "绿植", "12号楼", "3单元", "¥120.50", " ", "，", "。", "！", "&amp;", "“好”", "Lee ", "\n"}
	for n := range 200 {
		var b strings.Builder
		paras := 1 + r.IntN(12)
		for range paras {
			b.WriteString("<p>")
			for range r.IntN(120) {
				b.WriteString(words[r.IntN(len(words))])
			}
			if r.IntN(6) == 0 {
				b.WriteString("<strong>加粗。</strong>后文。")
			}
			b.WriteString("</p>\n")
		}
		body := template.HTML(b.String())
		for _, scale := range []float64{1, 0.64} {
			whole := newFlow(roomOf(GeometryOf(config.Default().Posters), scale))
			whole.maxSheets = 1 + r.IntN(3)
			each := newFlow(whole.r)
			each.maxSheets, each.bySentence = whole.maxSheets, true
			whole.body(body)
			each.body(body)
			if whole.left != each.left || whole.placed != each.placed || whole.cut != each.cut || whole.read != each.read || len(whole.parts) != len(each.parts) {
				t.Fatalf("body %d at %.2f: left %v/%v placed %d/%d cut %q/%q read %d/%d sheets %d/%d", n, scale,
					whole.left, each.left, whole.placed, each.placed, whole.cut, each.cut, whole.read, each.read, len(whole.parts), len(each.parts))
			}
			for i := range whole.parts {
				if !slices.Equal(whole.parts[i].body, each.parts[i].body) {
					t.Fatalf("body %d at %.2f, sheet %d:\n%q\nby sentence:\n%q", n, scale, i+1, whole.parts[i].body, each.parts[i].body)
				}
			}
		}
	}
}
