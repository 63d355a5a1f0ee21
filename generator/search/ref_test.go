package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The first versions of scan and Terms, kept as the reference that the
// faster ones are fuzzed against (FuzzTermsSame).

// scanRef is scan as first written.
func scanRef(s string, f func(u Unit, start, end int)) {
	joined := false
	next := func(i int) (rune, int) {
		if c := s[i]; c < utf8.RuneSelf {
			return rune(c), 1
		}
		return utf8.DecodeRuneInString(s[i:])
	}
	for i := 0; i < len(s); {
		r0, size := next(i)
		r := fold(r0)
		switch {
		case '0' <= r && r <= '9':
			j, plain := i, true
			for j < len(s) {
				c, n := next(j)
				if d := fold(c); d < '0' || d > '9' {
					break
				}
				plain = plain && c < utf8.RuneSelf
				j += n
			}
			text := s[i:j]
			if !plain {
				var b strings.Builder
				for _, c := range text {
					b.WriteRune(fold(c))
				}
				text = b.String()
			}
			f(Unit{text, Number, joined}, i, j)
			joined, i = true, j
		case cnDigit(r) >= 0:
			j := i
			var ds []int
			for j < len(s) {
				c, n := next(j)
				if cnDigit(c) < 0 {
					break
				}
				ds = append(ds, cnDigit(c))
				j += n
			}
			if n, ok := cnNumber(ds); ok {
				f(Unit{n, Number, joined}, i, j)
			} else {
				for k := i; k < j; {
					_, n := next(k)
					f(Unit{s[k : k+n], Han, joined}, k, k+n)
					joined = true
					k += n
				}
			}
			joined, i = true, j
		case isCJK(r):
			text := s[i : i+size]
			if r != r0 {
				text = string(r)
			}
			f(Unit{text, Han, joined}, i, i+size)
			joined = true
			i += size
		case unicode.IsLetter(r) || unicode.IsMark(r):
			j, plain := i, true
			for j < len(s) {
				c, n := next(j)
				d := fold(c)
				if isCJK(d) || !(unicode.IsLetter(d) || unicode.IsMark(d)) {
					break
				}
				plain = plain && c == d
				j += n
			}
			text := s[i:j]
			if !plain {
				var b strings.Builder
				for _, c := range text {
					b.WriteRune(fold(c))
				}
				text = b.String()
			}
			// A word stands alone: it does not join the characters
			// around it into bigrams.
			f(Unit{text, Word, false}, i, j)
			joined, i = false, j
		default:
			joined = false
			i += size
		}
	}
}

// termsRef is Terms as first written.
func termsRef(s string, add func(term string)) {
	var prev Unit
	var prevStart, prevEnd int
	have := false
	// flush ends the run after prev when next does not join it.
	flush := func() {
		if have && prev.Kind == Han {
			add(prev.Text)
		}
	}
	scanRef(s, func(u Unit, start, end int) {
		if u.Kind == Word {
			flush()
			have = false
			add(u.Text)
			return
		}
		if have && u.Joined {
			if prev.Text == s[prevStart:prevEnd] && u.Text == s[start:end] && prevEnd == start {
				add(s[prevStart:end])
			} else {
				add(prev.Text + u.Text)
			}
		} else {
			flush()
		}
		if u.Kind == Number {
			add(u.Text)
		}
		prev, prevStart, prevEnd, have = u, start, end, true
	})
	flush()
}

// FuzzTermsSame: Terms and Units give what the first versions gave, term
// for term and unit for unit.
func FuzzTermsSame(f *testing.F) {
	for _, s := range []string{"12号楼", "十二号楼", "二〇二四年三月", "Building １２", "刘**说", "十十一", "café", "\xff\xfe", "一十二", "1二号", "三十十楼Ａ", "ＡＢ十二号", "〇〇七", "楼道 clean 1,305.20 元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want []string
		Terms(s, func(term string) { got = append(got, term) })
		termsRef(s, func(term string) { want = append(want, term) })
		if !slices.Equal(got, want) {
			t.Errorf("Terms(%q) = %q, want %q", s, got, want)
		}
		var units []Unit
		scanRef(s, func(u Unit, _, _ int) { units = append(units, u) })
		if got := Units(s); !slices.Equal(got, units) {
			t.Errorf("Units(%q) = %v, want %v", s, got, units)
		}
	})
}

// TestIsCJKSame: isCJK's quick answers agree with the Unicode tables for
// every character.
func TestIsCJKSame(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
		if got := isCJK(r); got != want {
			t.Fatalf("isCJK(%U) = %v, want %v", r, got, want)
		}
	}
}
