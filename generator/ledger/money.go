package ledger

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"wallpress/generator/diag"
)

// Money is an exact amount in fen (分, 1/100 yuan). Amounts are never held in
// floating point, so sums of many small entries stay exact to the fen.
type Money int64

// Reasons a cell is not an amount. Each is also the last part of the
// diagnostic key ("ledger.money." + Reason).
const (
	// ReasonDecimals: more than two digits after the decimal point (12.345).
	ReasonDecimals = "decimals"
	// ReasonChars: a letter or another sign that has no place in an amount
	// (12,5O with a letter O, 12#, 十二).
	ReasonChars = "chars"
	// ReasonNegative: a minus sign. Money going out belongs in the expense
	// column, so a negative amount is always a mistake.
	ReasonNegative = "negative"
	// ReasonTooLarge: more than Money can hold.
	ReasonTooLarge = "toolarge"
	// ReasonNoDigits: only a currency sign, a dot or a dash, no number.
	ReasonNoDigits = "nodigits"
	// ReasonComma: a comma that is not a thousands separator (12,5 might
	// mean twelve and a half or 125).
	ReasonComma = "comma"
	// ReasonDots: more than one decimal point (1.234.50).
	ReasonDots = "dots"
)

// MoneyError says why a cell is not an amount. Text is the cell as typed.
type MoneyError struct {
	Text   string
	Reason string
}

func (e *MoneyError) Error() string {
	var why string
	switch e.Reason {
	case ReasonDecimals:
		why = "more than two decimals"
	case ReasonChars:
		why = "contains something that is not a digit"
	case ReasonNegative:
		why = "negative amounts are not allowed"
	case ReasonTooLarge:
		why = "too large"
	case ReasonNoDigits:
		why = "no digits"
	case ReasonComma:
		why = "a comma that is not a thousands separator"
	case ReasonDots:
		why = "more than one decimal point"
	default:
		why = e.Reason
	}
	return "amount " + strconv.Quote(e.Text) + ": " + why
}

// Diagnostic tells e as an error (diag.Diagnoser) without a place: the
// ledger puts it at the cell's row, and adds the column's name.
func (e *MoneyError) Diagnostic() diag.Diagnostic {
	key := "ledger.money." + e.Reason
	return diag.Diagnostic{Severity: diag.Error, Key: key, Args: diag.Args{"cell": trim(e.Text)}, Hint: key + ".hint"}
}

// ParseMoney reads an amount as a volunteer types it: "12.5", "1,234.50",
// "¥12", "￥12", "12元", "100元整", full-width "１２．５" or "１，２３４", and
// "12。5" (the full stop a Chinese input method types for a dot); surrounding
// spaces are ignored and an empty cell is zero. A leading "+" is allowed.
// Commas must be thousands separators: "12,5" is rejected as ambiguous.
// Errors are *MoneyError.
func ParseMoney(s string) (Money, error) {
	fail := func(reason string) (Money, error) {
		return 0, &MoneyError{Text: s, Reason: reason}
	}
	t := trim(foldWidth(s))
	if t == "" {
		return 0, nil
	}
	// A currency sign in front and 元 (or 元整, "exactly", as on receipts)
	// behind are decoration; one of each is allowed.
	t = strings.TrimPrefix(t, "¥")
	if u, ok := strings.CutSuffix(t, "元整"); ok {
		t = u
	} else {
		t = strings.TrimSuffix(t, "元")
	}
	t = trim(t)

	hasDigit := false
	for i := 0; i < len(t); i++ {
		if isDigit(t[i]) {
			hasDigit = true
			break
		}
	}
	// A minus sign is checked before anything else so that "-12" gets the
	// message that explains where money going out belongs.
	if hasDigit && strings.ContainsAny(t, "-−‐‑–—") {
		return fail(ReasonNegative)
	}
	t = strings.TrimPrefix(t, "+")
	for i := 0; i < len(t); i++ {
		if c := t[i]; !isDigit(c) && c != ',' && c != '.' {
			if !hasDigit {
				return fail(ReasonNoDigits)
			}
			return fail(ReasonChars)
		}
	}
	if !hasDigit {
		return fail(ReasonNoDigits)
	}
	intPart, frac, dot := strings.Cut(t, ".")
	if dot && strings.Contains(frac, ".") {
		return fail(ReasonDots)
	}
	if strings.Contains(frac, ",") || !validGroups(intPart) {
		return fail(ReasonComma)
	}
	if len(frac) > 2 {
		return fail(ReasonDecimals)
	}

	var yuan int64
	for i := 0; i < len(intPart); i++ {
		c := intPart[i]
		if c == ',' {
			continue
		}
		d := int64(c - '0')
		if yuan > (math.MaxInt64/100-d)/10 {
			return fail(ReasonTooLarge)
		}
		yuan = yuan*10 + d
	}
	var fen int64
	for i := 0; i < 2; i++ {
		fen *= 10
		if i < len(frac) {
			fen += int64(frac[i] - '0')
		}
	}
	if yuan*100 > math.MaxInt64-fen {
		return fail(ReasonTooLarge)
	}
	return Money(yuan*100 + fen), nil
}

// validGroups reports whether the commas in an integer part are thousands
// separators: 1 to 3 digits, then groups of exactly 3.
func validGroups(s string) bool {
	if !strings.Contains(s, ",") {
		return true
	}
	groups := strings.Split(s, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// String formats m as yuan with thousands separators and two decimals and no
// currency sign: "1,234.50", "-1,234.50".
func (m Money) String() string { return diag.Money(m).String() }

// Abs returns the size of m. The smallest Money has no positive
// counterpart and is returned as the largest.
func (m Money) Abs() Money {
	switch {
	case m == math.MinInt64:
		return math.MaxInt64
	case m < 0:
		return -m
	}
	return m
}

// foldWidth turns full-width ASCII (０-９, ．, ，, －, ＋, Ａ…) into ASCII, the
// ideographic space into a space and the full-width yen sign into ¥, which is
// what a Chinese input method types when it is left in full-width mode. It
// returns s itself when there is nothing to fold.
func foldWidth(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000:
			r = ' '
		case r == 0xFFE5:
			r = '¥'
		case r == 0x3002: // 。 typed for a decimal point
			r = '.'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// trim removes blanks (isBlank) around s.
func trim(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || (s[0] < utf8.RuneSelf && s[len(s)-1] < utf8.RuneSelf) {
		return s
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if !isBlank(first) && !isBlank(last) {
		return s // the common case: a cell of Chinese text
	}
	return strings.TrimFunc(s, isBlank)
}

// isBlank reports spaces of every kind, including the byte order mark and
// zero-width space that Windows tools leave at the start of a cell.
func isBlank(r rune) bool {
	switch {
	case r < 0x100:
		return unicode.IsSpace(r)
	case r == 0x1680, 0x2000 <= r && r <= 0x200B, r == 0x2028, r == 0x2029,
		r == 0x202F, r == 0x205F, r == 0x3000, r == 0xFEFF:
		return true
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
