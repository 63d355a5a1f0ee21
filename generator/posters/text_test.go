package posters

import (
	"html/template"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"wallpress/generator/privacy"
)

func TestNoBreak(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"12月", `<span class="nb">12月</span>`},
		{"见23号楼门口", `见<span class="nb">23号楼</span>门口`},
		{"7月—12月收支", `<span class="nb">7月—12月</span>收支`},
		{"共1,683.90元。", `共<span class="nb">1,683.90元</span>。`},
		{"2024年3月15日上午8:00-10:00", `<span class="nb">2024年3月15日</span>上午<span class="nb">8:00-10:00</span>`},
		{"40号楼2单元楼组公约", `<span class="nb">40号楼2单元</span>楼组公约`},
		{"第3届，¥12.50", `<span class="nb">第3届</span>，<span class="nb">¥12.50</span>`},
		{"３至５人", `<span class="nb">３至５人</span>`},
		{"95%的住户", `<span class="nb">95%</span>的住户`},
		// A bare number does not break inside: no span.
		{"编号 2024", "编号 2024"},
		{"A3 纸", "A3 纸"},
		// Plain text is escaped.
		{`<b>5 & 6</b>"`, "&lt;b&gt;5 &amp; 6&lt;/b&gt;&#34;"},
		{"3<4月", `3&lt;<span class="nb">4月</span>`},
	} {
		if got := string(NoBreak(c.in)); got != c.want {
			t.Errorf("NoBreak(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestNoBreakHTML(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`<p>见23号楼</p>`, `<p>见<span class="nb">23号楼</span></p>`},
		// Tags, attributes and character references are left alone.
		{`<p class="a12月" title='3>4月'>12月</p>`, `<p class="a12月" title='3>4月'><span class="nb">12月</span></p>`},
		{`<p>&#39;12月&#x31;&amp;5人</p>`, `<p>&#39;<span class="nb">12月</span>&#x31;&amp;<span class="nb">5人</span></p>`},
		{`<!-- 3月 --><style>p{x:12px}</style><script>var a="5人"</script>6人`, `<!-- 3月 --><style>p{x:12px}</style><script>var a="5人"</script><span class="nb">6人</span>`},
		{`<em>7月</em>—<em>12月</em>`, `<em><span class="nb">7月</span></em>—<em><span class="nb">12月</span></em>`},
		{`unclosed <p`, `unclosed <p`},
		// SVG text takes no spans; a no-break span is not wrapped again.
		{`<svg><text>12月</text></svg>3人`, `<svg><text>12月</text></svg><span class="nb">3人</span>`},
		{`<span class="nb">12月</span>，<span class="x">5人</span>`, `<span class="nb">12月</span>，<span class="x"><span class="nb">5人</span></span>`},
		{string(Phrases("40号楼2单元楼组公约")), string(Phrases("40号楼2单元楼组公约"))},
	} {
		if got := string(NoBreakHTML(template.HTML(c.in))); got != c.want {
			t.Errorf("NoBreakHTML(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestPhrases(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"东侧垃圾投放点：加了顶棚", `<span class="ph">东侧垃圾投放点：</span><span class="ph">加了顶棚</span>`},
		{"40号楼2单元楼组公约", `<span class="ph"><span class="nb">40号楼2单元</span></span><span class="ph">楼组公约</span>`},
		{"7月—12月，收支公示", `<span class="ph"><span class="nb">7月—12月</span>，</span><span class="ph">收支公示</span>`},
		{"楼道议事", `<span class="ph">楼道议事</span>`},
		{"", ``},
	} {
		if got := string(Phrases(c.in)); got != c.want {
			t.Errorf("Phrases(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// The website's copy of a poster is masked over its final markup: the
// no-break spans must leave every name and room number findable.
func TestNoBreakKeepsMasking(t *testing.T) {
	m := privacy.New([]string{"王美娟", "刘建国"}, privacy.Options{Rooms: true})
	for _, text := range []string{
		"王美娟住在302室，12月3日搬来。",
		"刘建国（1202 室）捐了200元",
		"3号楼302室的王美娟",
		"王美娟12月",
	} {
		plain := m.Text(template.HTMLEscapeString(text))
		got := m.Markup([]byte(NoBreak(text)))
		if stripTags(string(got)) != plain {
			t.Errorf("%q: masked after the spans %s, before %s", text, stripTags(string(got)), plain)
		}
		for _, name := range []string{"王美娟", "刘建国", "302", "1202"} {
			if strings.Contains(stripTags(string(got)), name) {
				t.Errorf("%q: %s is shown: %s", text, name, got)
			}
		}
	}
}

// Whatever a volunteer writes, the spans change nothing but the markup:
// the text is the same, every span closes, and html/template-safe output
// escapes what plain text holds.
func FuzzNoBreak(f *testing.F) {
	for _, s := range []string{"7月—12月", "见23号楼", "1,683.90元", "<b>&amp;12月</b>", "第3届¥5", "３至５人", "a<b", "&#12;月"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := string(NoBreak(s))
		if got, want := stripTags(out), template.HTMLEscapeString(s); got != want {
			t.Fatalf("NoBreak(%q) text %q, want %q", s, got, want)
		}
		if strings.Count(out, "<span") != strings.Count(out, "</span>") {
			t.Fatalf("unbalanced spans: %s", out)
		}
		esc := template.HTMLEscapeString(s)
		h := string(NoBreakHTML(template.HTML(esc)))
		if stripTags(h) != esc {
			t.Fatalf("NoBreakHTML(%q) text %q", esc, stripTags(h))
		}
		if p := string(Phrases(s)); stripTags(p) != esc {
			t.Fatalf("Phrases(%q) text %q", s, stripTags(p))
		}
	})
}

func TestSqueeze(t *testing.T) {
	for in, want := range map[string]string{
		"（好），好":   `（好<span class="sq">）</span>，好`,
		"他说：“好。”": "他说：“好。”",
		"完成。」":    `完成<span class="sq">。</span>」`,
		"（「公约」）":  `（<span class="sql">「</span>公约<span class="sq">」</span>）`,
		"没有标点":    "没有标点",
	} {
		if got := string(NoBreak(in)); got != want {
			t.Errorf("NoBreak(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzStripTags: the hand-written stripTags removes what the regexp
// <[^>]*> does.
func FuzzStripTags(f *testing.F) {
	for _, s := range []string{"<p>好</p>", "a<b", "a>b<c>d", "<<>>", "<p a='>'>x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripTags(s), tagRE.ReplaceAllString(s, ""); got != want {
			t.Fatalf("stripTags(%q) = %q, want %q", s, got, want)
		}
	})
}

// A paragraph's last two characters stay with its closing marks, so that
// no line holds one character alone; a number in the tail stays whole.
func TestParagraphTail(t *testing.T) {
	for in, want := range map[string]string{
		"<p>交议事会表决（三上三下）。</p>": `<p>交议事会表决（三上<span class="nb">三下<span class="sq">）</span>。</span></p>`,
		"<li>不堆杂物</li>":        `<li>不堆<span class="nb">杂物</span></li>`,
		"<p>见23号楼</p>":         `<p>见<span class="nb">23号楼</span></p>`,
		"<p>English text.</p>": "<p>English text.</p>",
		"<p>好</p>":             "<p>好</p>",
	} {
		if got := string(NoBreakHTML(template.HTML(in))); got != want {
			t.Errorf("NoBreakHTML(%q)\n got %s\nwant %s", in, got, want)
		}
	}
}

// tagRE is the regexp stripTags stands in for.
var tagRE = regexp.MustCompile(`<[^>]*>`)

// runRE is the definition of a run that findRuns implements by a scan.
var runRE = regexp.MustCompile(partRE + `(?:` + rangeRE + `?` + partRE + `)*`)

func TestFindRunsIsTheRegexp(t *testing.T) {
	for _, s := range []string{
		"2024年3月15日，12号楼3单元", "7月—12月", "8:00-10:00", "3至5人", "第3次", "¥12.50元", "1,683.90元",
		"1--2", "1--x", "1-", "第x", "¥", "１２号楼", "12号", "50%", "3到", "１，２", "a1b22c", "\xff1\xfe2号楼",
		"7月—12", "8：00～9：30", "10-12-14号楼",
	} {
		if got, want := findRuns(s), runRE.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("findRuns(%q) = %v, the regexp finds %v", s, got, want)
		}
	}
}

func FuzzFindRuns(f *testing.F) {
	for _, s := range []string{"2024年3月15日", "7月—12月", "8:00-10:00", "3至5人", "¥12.50", "1--2", "第3", "１２号楼"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := findRuns(s), runRE.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Fatalf("findRuns(%q) = %v, the regexp finds %v", s, got, want)
		}
	})
}

// squeezeByRunes is squeeze as first written, rune by rune: the reference
// for valid UTF-8.
func squeezeByRunes(b *strings.Builder, t string) {
	if !strings.ContainsAny(t, closingMarks+openingMarks) {
		b.WriteString(t)
		return
	}
	var prev rune
	for i, r := range t {
		next, _ := utf8.DecodeRuneInString(t[i+utf8.RuneLen(r):])
		switch {
		case strings.ContainsRune(closingMarks, r) && next != utf8.RuneError && strings.ContainsRune(closingMarks+openingMarks, next):
			b.WriteString(`<span class="sq">`)
			b.WriteRune(r)
			b.WriteString(`</span>`)
		case strings.ContainsRune(openingMarks, r) && prev != 0 && strings.ContainsRune(openingMarks, prev):
			b.WriteString(`<span class="sql">`)
			b.WriteRune(r)
			b.WriteString(`</span>`)
		default:
			b.WriteRune(r)
		}
		prev = r
	}
}

func FuzzSqueeze(f *testing.F) {
	for _, s := range []string{"好），（「对」。", "（（《书》）", "a，b。", "。", "〈〉【】『』", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var got, want strings.Builder
		squeeze(&got, s)
		squeezeByRunes(&want, s)
		if got.String() != want.String() {
			t.Fatalf("squeeze(%q) = %q, want %q", s, got.String(), want.String())
		}
	})
}
