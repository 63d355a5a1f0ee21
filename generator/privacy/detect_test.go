package privacy

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// fixtureLine is one sentence of testdata/names/sentences.txt and the names
// it really contains.
type fixtureLine struct {
	line    int
	text    string
	want    []string
	heldOut bool
}

// readFixture reads sentence<TAB>name|name lines; the lines after
// "# held-out" were written after the rule and are scored separately.
func readFixture(t testing.TB) []fixtureLine {
	t.Helper()
	f, err := os.Open("testdata/names/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fixtureLine
	heldOut := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "# held-out") {
			heldOut = true
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		text, names, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("sentences.txt:%d: no tab between the sentence and its names", n)
		}
		fl := fixtureLine{line: n, text: text, heldOut: heldOut}
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
	var dev, held score
	for _, fl := range lines {
		s := &dev
		part := "dev"
		if fl.heldOut {
			s, part = &held, "held-out"
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
				t.Logf("%s false positive %q  (line %d: %s)", part, g, fl.line, fl.text)
			}
		}
		for w := range want {
			if !got[w] {
				s.fn++
				t.Logf("%s miss %q  (line %d: %s)", part, w, fl.line, fl.text)
			}
		}
	}
	all := score{dev.sentences + held.sentences, dev.tp + held.tp, dev.fp + held.fp, dev.fn + held.fn}
	for _, r := range []struct {
		name string
		s    score
	}{{"dev", dev}, {"held-out", held}, {"all", all}} {
		t.Logf("%-8s sentences %3d  names found %3d  false positives %2d  misses %2d  precision %.3f  recall %.3f",
			r.name, r.s.sentences, r.s.tp, r.s.fp, r.s.fn, r.s.precision(), r.s.recall())
	}
	if all.sentences < 250 {
		t.Errorf("the fixture has %d sentences, want at least 250", all.sentences)
	}
	if all.precision() < 0.9 || all.recall() < 0.9 {
		t.Errorf("precision %.3f, recall %.3f: want both at least 0.9", all.precision(), all.recall())
	}
}
