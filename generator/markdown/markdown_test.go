package markdown

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func render(t *testing.T, src string, o Options) Result {
	t.Helper()
	doc, err := New().Parse([]byte(src), 10)
	if err != nil {
		t.Fatal(err)
	}
	res, err := doc.Render(o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestCJKLineBreaks(t *testing.T) {
	res := render(t, "楼道里不堆放杂物，\n门前保持整洁。\nKeep it\nclean.", Options{})
	got := string(res.HTML)
	if !strings.Contains(got, "楼道里不堆放杂物，门前保持整洁。") {
		t.Errorf("a wrapped Chinese line keeps a break or space: %q", got)
	}
	if !strings.Contains(got, "Keep it\nclean.") {
		t.Errorf("an English soft break was lost: %q", got)
	}
}

func TestSafe(t *testing.T) {
	res := render(t, "<script>alert(1)</script>\n\n[点我](javascript:alert(1)) <b>x</b>", Options{})
	got := string(res.HTML)
	for _, bad := range []string{"<script", "javascript:", "<b>"} {
		if strings.Contains(got, bad) {
			t.Errorf("output contains %q: %s", bad, got)
		}
	}
}

func TestTypography(t *testing.T) {
	got := string(render(t, `他说："大家好..." <<楼组公约>>`, Options{}).HTML)
	for _, want := range []string{"“大家好…”", "《楼组公约》"} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in %s", want, got)
		}
	}
}

func TestTableExtraction(t *testing.T) {
	src := "全年收支如下。\n\n| 日期 | 摘要 | 收入 |\n|---|---|---|\n| 2024-01-06 | 筹款 | 600.00 |\n| 2024-02-01 | 绿植 |  |\n\n以上。\n"
	doc, err := New().Parse([]byte(src), 10)
	if err != nil {
		t.Fatal(err)
	}
	peek := doc.Table()
	res, err := doc.Render(Options{Table: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(peek, res.Table) {
		t.Errorf("Table() = %+v, Render's table = %+v", peek, res.Table)
	}
	want := &Table{
		Header:     []string{"日期", "摘要", "收入"},
		HeaderLine: 12,
		Rows:       [][]string{{"2024-01-06", "筹款", "600.00"}, {"2024-02-01", "绿植", ""}},
		Lines:      []int{14, 15},
	}
	if !reflect.DeepEqual(res.Table, want) {
		t.Fatalf("table = %+v, want %+v", res.Table, want)
	}
	if strings.Contains(string(res.HTML), "<table") || !strings.Contains(string(res.HTML), "以上。") {
		t.Errorf("table not taken out of the HTML, or text lost: %s", res.HTML)
	}
	if res.Summary != "全年收支如下。" {
		t.Errorf("summary = %q", res.Summary)
	}
}

func TestListExtraction(t *testing.T) {
	res := render(t, "大家商定：\n\n1. 楼道不堆物。\n2. 门前**整洁**。\n", Options{List: true})
	want := []string{"楼道不堆物。", "门前<strong>整洁</strong>。"}
	if len(res.Items) != 2 || string(res.Items[0]) != want[0] || string(res.Items[1]) != want[1] {
		t.Fatalf("items = %q", res.Items)
	}
	if strings.Contains(string(res.HTML), "<ol") {
		t.Errorf("list left in HTML: %s", res.HTML)
	}
}

func TestRewrite(t *testing.T) {
	o := Options{Resolver: funcs{
		link: func(d string, _ int) string { return strings.TrimSuffix(d, ".md") + "/" },
		image: func(d string, _ int) (Picture, bool) {
			return Picture{Src: "x-480.jpg", SrcSet: "x-480.jpg 480w", Sizes: "100vw", Width: 480, Height: 320}, d == "x.jpg"
		}},
	}
	got := string(render(t, "[公约](convention.md) ![门前](x.jpg) ![](missing.jpg)", o).HTML)
	for _, want := range []string{`href="convention/"`, `src="x-480.jpg"`, `srcset="x-480.jpg 480w"`, `loading="lazy"`, `width="480"`, `alt="门前"`} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in %s", want, got)
		}
	}
	if strings.Contains(got, "missing") {
		t.Errorf("a refused image stayed: %s", got)
	}
}

func FuzzRender(f *testing.F) {
	f.Add("| a | b |\n|---|---|\n| 1 | 2 |\n\n1. x\n2. y\n")
	f.Add("![a](b.jpg) [c](d.md)\n楼道\n整洁")
	// Nesting at and past the limit, for the scan that refuses it.
	f.Add(nestedList(MaxDepth))
	f.Add(nestedList(MaxDepth + 1))
	f.Add(strings.Repeat("> ", MaxDepth) + "深")
	f.Add(strings.Repeat("> 1. ", MaxDepth/2) + "深\n" + strings.Repeat(">", MaxDepth/2) + " - 浅")
	f.Add(strings.ReplaceAll(nestedList(MaxDepth), "  ", "\t"))
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := New().Parse([]byte(src), 1)
		var de *DepthError
		if errors.As(err, &de) {
			if n := strings.Count(src, "\n") + 1; de.Line < 1 || de.Line > n {
				t.Fatalf("refused at line %d of %d", de.Line, n)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		// What the scan lets through goldmark nests no deeper than the
		// limit: the scan is a bound, not a guess.
		if d := containerDepth(doc.root); d > MaxDepth {
			t.Fatalf("accepted, but goldmark nests %d levels", d)
		}
		_, err = doc.Render(Options{Table: true, List: true,
			Resolver: funcs{link: func(d string, _ int) string { return d },
				image: func(d string, _ int) (Picture, bool) { return Picture{Src: d}, true }}})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// TestCJKEmphasis: bold next to Chinese punctuation, as volunteers write
// it; the standard cases and _ unchanged.
func TestCJKEmphasis(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"**收集民意。**通过楼组会议", "<p><strong>收集民意。</strong>通过楼组会议</p>"},
		{"这是**我想做的事。**所以继续。", "<p>这是<strong>我想做的事。</strong>所以继续。</p>"},
		{"请**“按时”**缴费", "<p>请<strong>“按时”</strong>缴费</p>"},
		{"楼道**整洁**有序", "<p>楼道<strong>整洁</strong>有序</p>"},
		{"*一*和**二**", "<p><em>一</em>和<strong>二</strong></p>"},
		{"plain **bold** and *em*", "<p>plain <strong>bold</strong> and <em>em</em></p>"},
		{"a * b * c", "<p>a * b * c</p>"},
		{"2*3*4", "<p>2<em>3</em>4</p>"},
		{"照片_1_号", "<p>照片_1_号</p>"},
		{"snake_case_name", "<p>snake_case_name</p>"},
	} {
		got := strings.TrimSpace(string(render(t, c.src, Options{}).HTML))
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

// TestInlineLines: links and images are reported at the file line they are
// written on (the body starts at line 10 in render).
func TestInlineLines(t *testing.T) {
	got := map[string]int{}
	o := Options{Resolver: funcs{
		link:  func(d string, line int) string { got[d] = line; return d },
		image: func(d string, line int) (Picture, bool) { got[d] = line; return Picture{Src: d}, true },
	}}
	render(t, "第一段。\n\n第二段有[链接](a.md)，\n换行后![图](b.jpg)。\n\n- 列表里 ![](c.jpg)\n\n> 引用\n> [另一个](d.md)\n", o)
	want := map[string]int{"a.md": 12, "b.jpg": 13, "c.jpg": 15, "d.md": 18}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
}

// TestEveryImageChecked: an image refused by the callback is taken out
// without ending the walk of its paragraph, so every later image and link
// of the paragraph still reaches the callbacks (each checked, each with its
// own line).
func TestEveryImageChecked(t *testing.T) {
	var seen []string
	o := Options{Resolver: funcs{
		link: func(d string, line int) string { seen = append(seen, fmt.Sprint(d, "@", line)); return d },
		image: func(d string, line int) (Picture, bool) {
			seen = append(seen, fmt.Sprint(d, "@", line))
			return Picture{Src: d}, d == "ok.jpg"
		}},
	}
	res := render(t, "![一](bad1.jpg)![二](bad2.jpg)\n![三](ok.jpg) [四](missing.md)\n![五](bad3.jpg)。\n", o)
	want := []string{"bad1.jpg@10", "bad2.jpg@10", "ok.jpg@11", "missing.md@11", "bad3.jpg@12"}
	if !reflect.DeepEqual(seen, want) {
		t.Errorf("callbacks %v, want %v", seen, want)
	}
	if got := string(res.HTML); strings.Contains(got, "bad") || !strings.Contains(got, `src="ok.jpg"`) {
		t.Errorf("refused images kept or the good one lost: %s", got)
	}
}

// TestLinesOfManyLinks: with a link on each of 20,000 lines, each link is
// reported at its own line, and a table after them at its lines.
func TestLinesOfManyLinks(t *testing.T) {
	const n = 20000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "第%d行见[公约](c%d.md)。\n", i, i)
	}
	b.WriteString("\n| 日期 | 摘要 |\n|---|---|\n| 1 | 2 |\n")
	doc, err := New().Parse([]byte(b.String()), 5)
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	res, err := doc.Render(Options{Table: true, Resolver: funcs{link: func(d string, line int) string {
		if want := fmt.Sprintf("c%d.md", line-5); d != want {
			t.Fatalf("%s reported at line %d", d, line)
		}
		calls++
		return d
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if calls != n {
		t.Errorf("%d links checked, want %d", calls, n)
	}
	if res.Table == nil || res.Table.HeaderLine != 5+n+1 || res.Table.Lines[0] != 5+n+3 {
		t.Errorf("table %+v, want its header at line %d", res.Table, 5+n+1)
	}
}

// TestSummaryOfLongParagraph: the summary of a first paragraph that is
// the whole body is its first 119 characters and an ellipsis, with the
// soft breaks between English lines as spaces.
func TestSummaryOfLongParagraph(t *testing.T) {
	line := "楼组的事大家商量着办，see [公约](c.md) and\n"
	res := render(t, strings.Repeat(line, 5000), Options{})
	want := []rune(strings.Repeat(strings.ReplaceAll(strings.ReplaceAll(line, "[公约](c.md)", "公约"), "\n", " "), 10))[:119]
	if res.Summary != string(want)+"…" {
		t.Errorf("summary %q", res.Summary)
	}
}

// TestBigBodySameHTML: a body past bigBody is written through the buffer
// that is not copied; its HTML is that of its parts rendered one by one.
func TestBigBodySameHTML(t *testing.T) {
	para := "楼道里的绿植长得很好，**大家**每周轮流浇水，[上一篇](a.md)说的就是这件事。\n\n"
	c := New()
	render := func(src string) string {
		d, err := c.Parse([]byte(src), 1)
		if err != nil {
			t.Fatal(err)
		}
		r, err := d.Render(Options{})
		if err != nil {
			t.Fatal(err)
		}
		return string(r.HTML)
	}
	one := render(para)
	n := bigBody/len(para) + 1
	if got := render(strings.Repeat(para, n)); got != strings.Repeat(one, n) {
		t.Errorf("a %d-byte body renders unlike its %d paragraphs", n*len(para), n)
	}
}
