// Package search builds the website's static search index: terms sharded
// into small script files that the search page loads with <script> tags (so
// that it works from file:// too), and one small file per document for the
// results' titles and snippets. It indexes only the text it is given; the
// build gives it the published, masked text of the online pages.
//
// Text is cut into units: a Chinese (or Japanese, Korean) character, a run
// of digits, or a word of letters. Chinese numerals are read as numbers
// (十二 → 12, 二〇二四 → 2024) and full-width characters as their ASCII
// forms, in the index and in queries alike, so that 十二号楼 finds 12号楼.
// Adjacent character and number units form bigrams (12号楼 → 12号, 号楼);
// words are terms of their own. themes/default/static/search.js cuts
// queries the same way; the two must agree.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// UnitKind is what a unit of text is.
type UnitKind uint8

const (
	// Han is one character of a script written without spaces.
	Han UnitKind = iota
	// Number is a run of digits (Chinese numerals read as digits).
	Number
	// Word is a run of letters, lowercased.
	Word
)

// Unit is one unit of normalised text.
type Unit struct {
	Text string
	Kind UnitKind
	// Joined is true when the unit follows the previous one with nothing
	// between: 12号楼 is one run of three joined units, "building 12" two
	// runs.
	Joined bool
}

// isCJK reports whether r belongs to a script written without spaces
// between words, cut into characters.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// fold maps full-width ASCII to ASCII and lowercases.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 32
		}
		return r
	}
	return unicode.ToLower(r)
}

// cnDigit is the value of a Chinese numeral character, -1 if it is none
// (十 is 10).
func cnDigit(r rune) int {
	switch r {
	case '〇', '零':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	case '十':
		return 10
	}
	return -1
}

// cnNumber reads a run of Chinese numerals: with 十 as tens (十, 十二,
// 二十, 二十三), without it digit by digit (二〇二四). ok is false for a run
// that is neither (十十, 三十十).
func cnNumber(ds []int) (string, bool) {
	ten := -1
	for i, d := range ds {
		if d == 10 {
			if ten >= 0 {
				return "", false
			}
			ten = i
		}
	}
	if ten < 0 {
		var b strings.Builder
		for _, d := range ds {
			b.WriteByte(byte('0' + d))
		}
		return b.String(), true
	}
	if ten > 1 || len(ds)-ten > 2 {
		return "", false
	}
	v := 10
	if ten == 1 {
		if ds[0] == 0 {
			return "", false
		}
		v = ds[0] * 10
	}
	if ten+1 < len(ds) {
		if ds[ten+1] == 0 {
			return "", false
		}
		v += ds[ten+1]
	}
	var b [3]byte
	n := len(b)
	for v > 0 {
		n--
		b[n] = byte('0' + v%10)
		v /= 10
	}
	return string(b[n:]), true
}

// Units cuts text into normalised units.
func Units(s string) []Unit {
	var out []Unit
	joined := false
	rs := []rune(s)
	for i := 0; i < len(rs); {
		r := fold(rs[i])
		switch {
		case '0' <= r && r <= '9':
			j := i
			for j < len(rs) && '0' <= fold(rs[j]) && fold(rs[j]) <= '9' {
				j++
			}
			var b strings.Builder
			for _, d := range rs[i:j] {
				b.WriteRune(fold(d))
			}
			out = append(out, Unit{b.String(), Number, joined})
			joined, i = true, j
		case cnDigit(r) >= 0:
			j := i
			var ds []int
			for j < len(rs) && cnDigit(rs[j]) >= 0 {
				ds = append(ds, cnDigit(rs[j]))
				j++
			}
			if n, ok := cnNumber(ds); ok {
				out = append(out, Unit{n, Number, joined})
			} else {
				for _, c := range rs[i:j] {
					out = append(out, Unit{string(c), Han, joined})
					joined = true
				}
			}
			joined, i = true, j
		case isCJK(r):
			out = append(out, Unit{string(r), Han, joined})
			joined = true
			i++
		case unicode.IsLetter(r) || unicode.IsMark(r):
			j := i
			var b strings.Builder
			for j < len(rs) {
				c := fold(rs[j])
				if isCJK(c) || !(unicode.IsLetter(c) || unicode.IsMark(c)) {
					break
				}
				b.WriteRune(c)
				j++
			}
			// A word stands alone: it does not join the characters
			// around it into bigrams.
			out = append(out, Unit{b.String(), Word, false})
			joined, i = false, j
		default:
			joined = false
			i++
		}
	}
	return out
}

// Normalize returns the units of s joined back into text: characters and
// numbers of one run together, runs and words separated by one space. It
// is the form in which names are compared (十二号楼 and 12号楼 are one).
func Normalize(s string) string {
	var b strings.Builder
	for i, u := range Units(s) {
		if i > 0 && (!u.Joined || u.Kind == Word) {
			b.WriteByte(' ')
		}
		b.WriteString(u.Text)
	}
	return b.String()
}

// cjkish reports whether a unit forms bigrams with its neighbours.
func cjkish(u Unit) bool { return u.Kind != Word }

// Terms returns the index terms of text: the bigrams of every run of
// characters and numbers, each number alone, the last unit of a run alone
// (a one-character query looks for the bigrams that start with it and
// this), and every word. Duplicates are kept; the caller sets them.
func Terms(s string, add func(term string)) {
	us := Units(s)
	for i, u := range us {
		if u.Kind == Word {
			add(u.Text)
			continue
		}
		next := i+1 < len(us) && us[i+1].Joined && cjkish(us[i+1])
		if next {
			add(u.Text + us[i+1].Text)
		}
		if u.Kind == Number || !next {
			add(u.Text)
		}
	}
}

// shardKey is the part of a term that decides its shard: the first
// character, the first number, or the first two letters of a word, so that
// every term a one-character or a word-prefix query needs is in one shard.
// The marks of name terms (^ and =) are skipped.
func shardKey(term string) string {
	term = strings.TrimLeft(term, "^=")
	r, size := utf8.DecodeRuneInString(term)
	switch {
	case '0' <= r && r <= '9':
		i := 0
		for i < len(term) && '0' <= term[i] && term[i] <= '9' {
			i++
		}
		return term[:i]
	case isCJK(r) || size == 0:
		return term[:size]
	}
	// A word: its first two letters.
	n := 0
	for i := range term {
		if n == 2 {
			return term[:i]
		}
		n++
	}
	return term
}

// ShardOf returns the shard of a term among n: FNV-1a of its key's UTF-8
// bytes, as search.js computes it.
func ShardOf(term string, n int) int {
	h := uint32(2166136261)
	for _, c := range []byte(shardKey(term)) {
		h ^= uint32(c)
		h *= 16777619
	}
	return int(h % uint32(n))
}
