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
	if 0x4E00 <= r && r <= 0x9FFF {
		return true // the common ideographs, most of any Chinese text
	}
	if r < 0x1100 || 0x1200 <= r && r < 0x2E80 || 0x3000 <= r && r <= 0x3004 || 0x3008 <= r && r <= 0x3020 {
		return false // Latin, punctuation: before the first of these scripts, or between
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// plainHan reports a common ideograph that is no numeral: a unit of its
// own, read as it is written (the case of most of any Chinese text).
func plainHan(r rune) bool { return 0x4E00 <= r && r <= 0x9FFF && cnDigit(r) < 0 }

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
	if 0x3000 <= r && r <= 0x9FFF {
		return r // Chinese and Japanese have no case
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
	sc := scanner{s: s}
	for u, ok := sc.next(); ok; u, ok = sc.next() {
		out = append(out, u.Unit)
	}
	return out
}

// scanner reads the units of a text one by one.
type scanner struct {
	s      string
	i      int
	joined bool
	// hanEnd is the end of a run of numerals that reads as no number
	// (十十): its characters are units of their own.
	hanEnd int
}

// unit is a unit with the bytes of the text it was read from. plain says
// that its text is those bytes (the usual case: no allocation), so that
// two adjacent plain units make a bigram by slicing.
type unit struct {
	Unit
	start, end int
	plain      bool
}

// next returns the next unit; ok is false at the end of the text.
func (sc *scanner) next() (u unit, ok bool) {
	s := sc.s
	for sc.i < len(s) {
		i := sc.i
		r0, size := rune(s[i]), 1
		if r0 >= utf8.RuneSelf {
			r0, size = utf8.DecodeRuneInString(s[i:])
		}
		if i < sc.hanEnd || plainHan(r0) {
			// A character: the common case, read without folding.
			u = unit{Unit{s[i : i+size], Han, sc.joined}, i, i + size, true}
			sc.joined, sc.i = true, i+size
			return u, true
		}
		r := fold(r0)
		switch {
		case '0' <= r && r <= '9':
			j, plain := i, true
			for j < len(s) {
				c, n := decodeAt(s, j)
				if d := fold(c); d < '0' || d > '9' {
					break
				}
				plain = plain && c < utf8.RuneSelf
				j += n
			}
			u = unit{Unit{s[i:j], Number, sc.joined}, i, j, plain}
			if !plain {
				u.Text = foldString(s[i:j])
			}
			sc.joined, sc.i = true, j
			return u, true
		case cnDigit(r) >= 0:
			j := i
			var buf [16]int
			ds := buf[:0]
			for j < len(s) {
				c, n := decodeAt(s, j)
				if cnDigit(c) < 0 {
					break
				}
				ds = append(ds, cnDigit(c))
				j += n
			}
			n, ok := cnNumber(ds)
			if !ok {
				sc.hanEnd = j
				continue
			}
			u = unit{Unit{n, Number, sc.joined}, i, j, n == s[i:j]}
			sc.joined, sc.i = true, j
			return u, true
		case isCJK(r):
			u = unit{Unit{s[i : i+size], Han, sc.joined}, i, i + size, r == r0}
			if r != r0 {
				u.Text = string(r)
			}
			sc.joined, sc.i = true, i+size
			return u, true
		case unicode.IsLetter(r) || unicode.IsMark(r):
			j, plain := i, true
			for j < len(s) {
				c, n := decodeAt(s, j)
				d := fold(c)
				if isCJK(d) || !(unicode.IsLetter(d) || unicode.IsMark(d)) {
					break
				}
				plain = plain && c == d
				j += n
			}
			// A word stands alone: it does not join the characters
			// around it into bigrams.
			u = unit{Unit{s[i:j], Word, false}, i, j, plain}
			if !plain {
				u.Text = foldString(s[i:j])
			}
			sc.joined, sc.i = false, j
			return u, true
		default:
			sc.joined = false
			sc.i += size
		}
	}
	return unit{}, false
}

// decodeAt decodes the character at s[i].
func decodeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// foldString folds every character of s.
func foldString(s string) string {
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(fold(c))
	}
	return b.String()
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
// this), and every word. Duplicates are kept; the caller sets them. A term
// may be a substring of s: the caller copies what it keeps.
func Terms(s string, add func(term string)) {
	sc := scanner{s: s}
	var prev unit
	have := false
	for u, ok := sc.next(); ok; u, ok = sc.next() {
		if u.Kind == Word {
			if have && prev.Kind == Han {
				add(prev.Text)
			}
			have = false
			add(u.Text)
			continue
		}
		switch {
		case have && u.Joined && prev.plain && u.plain && prev.end == u.start:
			add(s[prev.start:u.end])
		case have && u.Joined:
			add(prev.Text + u.Text)
		case have && prev.Kind == Han:
			// The run ended with prev.
			add(prev.Text)
		}
		if u.Kind == Number {
			add(u.Text)
		}
		prev, have = u, true
		// The characters that follow in the run, the common case, are
		// read here: a bigram with the one before each.
		for sc.i < len(s) && sc.i >= sc.hanEnd && s[sc.i] >= utf8.RuneSelf {
			i := sc.i
			r, size := utf8.DecodeRuneInString(s[i:])
			if !plainHan(r) {
				break
			}
			if prev.plain {
				add(s[prev.start : i+size])
			} else {
				add(prev.Text + s[i:i+size])
			}
			prev.Text, prev.Kind, prev.Joined = s[i:i+size], Han, true
			prev.start, prev.end, prev.plain = i, i+size, true
			sc.i, sc.joined = i+size, true
		}
	}
	if have && prev.Kind == Han {
		add(prev.Text)
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
