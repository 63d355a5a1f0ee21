package privacy

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fixtureLine is one sentence of testdata/names/sentences.txt and the names
// it really contains.
type fixtureLine struct {
	line int
	text string
	want []string
	part string // "dev", or the label of a held-out part
}

// readFixture reads sentence<TAB>name|name lines; the lines after a
// "# held-out N: …" comment were written after the rule and are scored as
// part "held-out N".
func readFixture(t testing.TB) []fixtureLine {
	t.Helper()
	f, err := os.Open("testdata/names/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fixtureLine
	part := "dev"
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if label, ok := strings.CutPrefix(line, "# "); ok && strings.HasPrefix(label, "held-out") {
			part, _, _ = strings.Cut(label, ":")
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		text, names, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("sentences.txt:%d: no tab between the sentence and its names", n)
		}
		fl := fixtureLine{line: n, text: text, part: part}
		if names != "" {
			fl.want = strings.Split(names, "|")
		}
		for _, w := range fl.want {
			if !strings.Contains(text, w) {
				t.Fatalf("sentences.txt:%d: expected name %q is not in the sentence", n, w)
			}
		}
		out = append(out, fl)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type score struct{ sentences, tp, fp, fn int }

func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}

func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

// TestFixturePrecisionRecall scores Likely over the name fixture: a found
// name is a true positive when the sentence's expected set has it.
func TestFixturePrecisionRecall(t *testing.T) {
	lines := readFixture(t)
	scores := map[string]*score{}
	var parts []string
	var all score
	for _, fl := range lines {
		s := scores[fl.part]
		if s == nil {
			s = &score{}
			scores[fl.part] = s
			parts = append(parts, fl.part)
		}
		s.sentences++
		want := map[string]bool{}
		for _, w := range fl.want {
			want[w] = true
		}
		got := map[string]bool{}
		for _, sp := range Likely(fl.text, nil) {
			got[sp.Name] = true
		}
		for g := range got {
			if want[g] {
				s.tp++
			} else {
				s.fp++
				t.Logf("%s false positive %q  (line %d: %s)", fl.part, g, fl.line, fl.text)
			}
		}
		for w := range want {
			if !got[w] {
				s.fn++
				t.Logf("%s miss %q  (line %d: %s)", fl.part, w, fl.line, fl.text)
			}
		}
	}
	for _, p := range parts {
		s := scores[p]
		all = score{all.sentences + s.sentences, all.tp + s.tp, all.fp + s.fp, all.fn + s.fn}
		t.Logf("%-10s sentences %3d  names found %3d  false positives %2d  misses %2d  precision %.3f  recall %.3f",
			p, s.sentences, s.tp, s.fp, s.fn, s.precision(), s.recall())
	}
	t.Logf("%-10s sentences %3d  names found %3d  false positives %2d  misses %2d  precision %.3f  recall %.3f",
		"all", all.sentences, all.tp, all.fp, all.fn, all.precision(), all.recall())
	if all.sentences < 250 {
		t.Errorf("the fixture has %d sentences, want at least 250", all.sentences)
	}
	if all.precision() < 0.9 || all.recall() < 0.9 {
		t.Errorf("precision %.3f, recall %.3f: want both at least 0.9", all.precision(), all.recall())
	}
}

func names(spans []Span) []string {
	var out []string
	for _, sp := range spans {
		out = append(out, sp.Name)
	}
	return out
}

func TestLikelyCases(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"honorific only is the safe form", "刘阿姨、王师傅和赵老伯都来了。", nil},
		{"name before honorific", "感谢热心居民赵小梅阿姨。", []string{"赵小梅"}},
		{"name in brackets after the safe form", "住在301室的刘阿姨（刘美娟）", []string{"刘美娟"}},
		{"room number before", "301室的刘美娟", []string{"刘美娟"}},
		{"roles before", "记账员陈秀英，监督员周立民", []string{"陈秀英", "周立民"}},
		{"list with 、", "王秀兰、李国强、张玉珍", []string{"王秀兰", "李国强", "张玉珍"}},
		{"two characters after a role", "经手人：张伟。", []string{"张伟"}},
		{"two characters and a verb", "物业经理罗军表示同意", []string{"罗军"}},
		{"double surname", "欧阳明辉老师讲了分类", []string{"欧阳明辉"}},
		{"double surname with one given character", "诸葛亮说", []string{"诸葛亮"}},
		{"given name with 阿", "陈阿毛提出装监控", []string{"陈阿毛"}},
		{"given name with 小", "这笔钱是林小红垫付的", []string{"林小红"}},
		{"nickname with 小", "601室的小陈和他爱人", nil},
		{"nickname with 老", "老张说要开会", nil},
		{"title after a surname", "会议由于书记主持", nil},
		{"weekday", "周一到周五，周末休息", nil},
		{"words that start with a surname", "大家很高兴，张贴通知很方便，马上就好。", nil},
		{"places and shops", "金山路的华联超市，王府井，黄浦江边", nil},
		{"fruit tree", "门口的李子树结果了", nil},
		{"grandchildren", "孙子孙女都回来了", nil},
		{"money words", "金额36元，余额12元", nil},
		{"name next to a digit", "王桂英50元、李德明100元", []string{"王桂英", "李德明"}},
		{"name at the end", "由王建华负责，审核人马丽", []string{"王建华", "马丽"}},
		{"name at the start", "邓文华提议发停车证", []string{"邓文华"}},
		{"place suffix after a name-like word", "金凤路口，高建华小区", nil},
		{"empty", "", nil},
		{"ascii only", "parking meeting at 7 pm", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := names(Likely(tt.text, nil))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Likely(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestLikelyKnown(t *testing.T) {
	text := "记账员陈秀英，监督员周立民"
	known := func(n string) bool { return n == "陈秀英" }
	got := Likely(text, known)
	if len(got) != 1 || got[0].Name != "周立民" {
		t.Fatalf("Likely with 陈秀英 known = %v, want only 周立民", got)
	}
	if text[got[0].Start:got[0].End] != "周立民" {
		t.Errorf("span %d:%d is %q", got[0].Start, got[0].End, text[got[0].Start:got[0].End])
	}
}

// checkSpans asserts the Span contract on any input.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	prev := 0
	for _, sp := range spans {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(text) {
			t.Fatalf("Likely(%q): span %+v out of order or out of range (previous end %d)", text, sp, prev)
		}
		if text[sp.Start:sp.End] != sp.Name {
			t.Fatalf("Likely(%q): text[%d:%d] = %q, Name %q", text, sp.Start, sp.End, text[sp.Start:sp.End], sp.Name)
		}
		// A valid name of whole Han runes cannot start or end inside a
		// rune, whatever invalid bytes surround it.
		if !utf8.ValidString(sp.Name) {
			t.Fatalf("Likely(%q): span %+v is not valid UTF-8", text, sp)
		}
		for _, r := range sp.Name {
			if !unicode.Is(unicode.Han, r) {
				t.Fatalf("Likely(%q): span %+v has %q, not a Han character", text, sp, r)
			}
		}
		prev = sp.End
	}
}

func FuzzLikely(f *testing.F) {
	for _, s := range []string{
		"住在301室的刘阿姨（刘美娟）", "欧阳明辉老师", "王秀兰、李国强", "经手人：张伟。", "\xe5\x88\x98\xe7\xbe", "刘\xff美娟",
		"**王建国**说", "[李红梅](a.md)", "王建\n国", "王秀兰\x81", "\x81王秀兰", "欧阳", "诸葛", "陈阿", "王",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, Likely(text, nil))
		// Knowing every name must leave nothing to report.
		if got := Likely(text, func(string) bool { return true }); len(got) != 0 {
			t.Fatalf("Likely(%q) with every name known = %v", text, got)
		}
	})
}
