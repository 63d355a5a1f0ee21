package diag

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// plain is a catalog that knows every key and says it.
type plain struct{}

func (plain) Message(d Diagnostic) (string, string) { return d.Key, d.Hint }
func (plain) T(key string, _ ...any) string         { return key }
func (plain) Has(string) bool                       { return true }

// under returns the character shown above the caret of a printed
// diagnostic, counting the columns anew (two for wide characters), so that
// the test does not trust the printer's own counting.
func under(t *testing.T, out string) string {
	t.Helper()
	lines := strings.Split(out, "\n")
	if len(lines) < 3 {
		t.Fatalf("no source lines in\n%s", out)
	}
	src, caret := lines[1], lines[2]
	bar := strings.Index(src, " | ")
	if bar < 0 || strings.Index(caret, " | ") != bar {
		t.Fatalf("gutters do not line up:\n%s", out)
	}
	src, caret = src[bar+3:], caret[bar+3:]
	col := strings.Index(caret, "^")
	x := 0
	for _, r := range src {
		w := 1
		if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
			w = 2
		} else if unicode.Is(unicode.Mn, r) {
			continue // drawn on the character before it
		}
		if x == col {
			return string(r)
		}
		if x > col {
			t.Fatalf("caret in the middle of a wide character:\n%s", out)
		}
		x += w
	}
	if x == col {
		return "" // after the end
	}
	t.Fatalf("caret past the line:\n%s", out)
	return ""
}

func TestCaretUnderColumn(t *testing.T) {
	long := strings.Repeat("一二三四五六七八九十", 30) + "X" + strings.Repeat("abc", 40)
	for _, c := range []struct {
		name, line string
		col        int
		want       string
	}{
		{"ascii", "amount: 12,5", 9, "1"},
		{"chinese", "收入,一百元,备注", 4, "一"},
		{"fullwidth", "ｔｉｔｌｅ：楼组公约", 6, "："},
		{"no column: start of text", "  　  标题：公约", 0, "标"},
		{"tab before", "\t公共\t楼道", 5, "楼"},
		{"past the end", "title:", 7, ""},
		{"long chinese line", long, 301, "X"},
		{"long line start", long, 2, "二"},
		{"long line end", long, utf8.RuneCountInString(long), "c"},
		{"combining mark", "e\u0301te", 3, "t"},
		{"a stray byte", "2024-01-20,购买\xff绿植,,86.50", 14, "\ufffd"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := Printer{Messages: plain{}, Sources: NewSources(fstest.MapFS{"a.md": {Data: []byte("first\n" + c.line + "\n")}})}
			out := p.Format(Diagnostic{Pos: Pos{File: "a.md", Line: 2, Col: c.col}, Key: "k"}, "")
			if got := under(t, out); got != c.want {
				t.Errorf("caret under %q, want %q:\n%s", got, c.want, out)
			}
			for _, l := range strings.Split(out, "\n") {
				if n := utf8.RuneCountInString(l); n > maxSourceCols+20 && strings.Contains(l, " | ") {
					t.Errorf("source line of %d characters: not cut", n)
				}
			}
		})
	}
}

// A file is read once however many diagnostics point into it.
// A line of a file in another encoding (GB18030 read as UTF-8) would be
// garbage: it is left out, the message is not.
func TestUnreadableLineLeftOut(t *testing.T) {
	gbk := "title: \xb2\xe2\xca\xd4"
	p := Printer{Messages: plain{}, Sources: NewSources(fstest.MapFS{"a.md": {Data: []byte("---\n" + gbk + "\n")}})}
	out := p.Format(Diagnostic{Pos: Pos{File: "a.md", Line: 2}, Key: "k"}, "")
	if out != "a.md:2: msg.error: k\n" {
		t.Errorf("got %q", out)
	}
}

func TestSourcesReadOnce(t *testing.T) {
	fsys := &countFS{MapFS: fstest.MapFS{"a.md": {Data: []byte("one\r\ntwo\n")}}}
	s := NewSources(fsys)
	for range 3 {
		if l, ok := s.Line("a.md", 1); !ok || l != "one" {
			t.Fatalf("line 1 = %q, %v", l, ok)
		}
	}
	if l, ok := s.Line("a.md", 9); ok {
		t.Errorf("line 9 = %q, want none", l)
	}
	if _, ok := s.Line("../etc/passwd", 1); ok {
		t.Error("read a file outside the site")
	}
	if fsys.opens != 1 {
		t.Errorf("a.md opened %d times, want 1", fsys.opens)
	}
}

type countFS struct {
	fstest.MapFS
	opens int
}

func (c *countFS) ReadFile(name string) ([]byte, error) {
	c.opens++
	return c.MapFS.ReadFile(name)
}

func TestFrom(t *testing.T) {
	err := wrapped{&testErr{Diagnostic{Key: "k", Args: Args{"a": 1}}}}
	d, ok := From(err, Pos{File: "content/x.md", Line: 3})
	if !ok || d.Key != "k" || d.Pos.File != "content/x.md" || d.Pos.Line != 3 {
		t.Errorf("From = %+v, %v", d, ok)
	}
	own := &testErr{Diagnostic{Pos: Pos{File: "content/x.csv", Line: 7, Col: 2}, Key: "k"}}
	if d, _ := From(own, Pos{File: "content/x.md", Line: 3}); d.Pos != (Pos{File: "content/x.csv", Line: 7, Col: 2}) {
		t.Errorf("From replaced the error's own place: %v", d.Pos)
	}
	if _, ok := From(errPlain("disk on fire"), Pos{}); ok {
		t.Error("From took a plain error for the user's")
	}
}

type testErr struct{ d Diagnostic }

func (e *testErr) Error() string          { return e.d.Key }
func (e *testErr) Diagnostic() Diagnostic { return e.d }

type wrapped struct{ err error }

func (w wrapped) Error() string { return "wrapped: " + w.err.Error() }
func (w wrapped) Unwrap() error { return w.err }

type errPlain string

func (e errPlain) Error() string { return string(e) }

// Any line of any file, at any column, prints without a panic, with the
// caret line no wider than the line above it allows.
func FuzzFormat(f *testing.F) {
	f.Add("收入,一百元,备注", 4)
	f.Add("\t公共\t楼道", 0)
	f.Add(strings.Repeat("一二三", 100), 150)
	f.Add("e\u0301\xff\x1b[31m", 3)
	f.Fuzz(func(t *testing.T, line string, col int) {
		if strings.ContainsAny(line, "\n") {
			return
		}
		p := Printer{Messages: plain{}, Sources: NewSources(fstest.MapFS{"a.md": {Data: []byte(line)}})}
		out := p.Format(Diagnostic{Pos: Pos{File: "a.md", Line: 1, Col: col}, Key: "k"}, "")
		lines := strings.Split(out, "\n")
		if len(lines) < 4 {
			return // no source shown
		}
		if strings.ContainsAny(lines[1], "\x1b\r") {
			t.Errorf("a control character reaches the terminal: %q", lines[1])
		}
		if !strings.HasSuffix(lines[2], "^") {
			t.Errorf("no caret: %q", lines[2])
		}
	})
}
