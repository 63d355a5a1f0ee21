package ledger

import (
	"cmp"
	"strconv"
	"strings"
	"time"

	"wallpress/generator/diag"
)

// Date is a calendar day with no time of day and no time zone: an account
// book's dates mean the same day wherever the site is built.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Years outside this range are taken as typing mistakes (2204 for 2024):
// accepting them would stretch the monthly totals and the chart over
// centuries.
const (
	minYear = 1900
	maxYear = 2100
)

// Reasons a cell is not a date; each is the last part of the diagnostic key
// ("ledger.date." + Reason).
const (
	// ReasonEmpty: the cell is empty.
	ReasonEmpty = "empty"
	// ReasonFormat: not one of the accepted forms.
	ReasonFormat = "format"
	// ReasonImpossible: month or day out of range (2024-02-30, 2024-13-01).
	ReasonImpossible = "impossible"
	// ReasonYear: a year before 1900 or after 2100, almost surely a typo.
	ReasonYear = "year"
)

// DateError says why a cell is not a date. Text is the cell as typed.
type DateError struct {
	Text   string
	Reason string
}

func (e *DateError) Error() string {
	var why string
	switch e.Reason {
	case ReasonEmpty:
		why = "empty"
	case ReasonFormat:
		why = "not a date like 2024-03-15"
	case ReasonImpossible:
		why = "no such day"
	case ReasonYear:
		why = "year out of range"
	default:
		why = e.Reason
	}
	return "date " + strconv.Quote(e.Text) + ": " + why
}

// Diagnostic tells e as an error (diag.Diagnoser) without a place: the
// ledger puts it at the cell's row, and adds the column's name.
func (e *DateError) Diagnostic() diag.Diagnostic {
	key := "ledger.date." + e.Reason
	return diag.Diagnostic{Severity: diag.Error, Key: key, Args: diag.Args{"cell": trim(e.Text)}, Hint: key + ".hint"}
}

// ParseDate reads a date as volunteers write it: 2024-03-15, 2024/3/15,
// 2024.3.15, 2024年3月15日 (or …15号, or without 日), with full-width digits and
// separators too. The year has four digits, month and day one or two.
// A time of day after a space ("2024/3/15 0:00", as Excel writes a date cell
// into CSV) is ignored. Impossible days are rejected. Errors are *DateError.
func ParseDate(s string) (Date, error) {
	fail := func(reason string) (Date, error) {
		return Date{}, &DateError{Text: s, Reason: reason}
	}
	t := trim(foldWidth(s))
	if t == "" {
		return fail(ReasonEmpty)
	}
	if strings.Contains(t, "年") && strings.Contains(t, " ") {
		// "2024 年 3 月 15 日": spaces next to the characters are not a
		// separator before a time of day.
		t = squeezeCJK(t)
	}
	if i := strings.IndexAny(t, " \t"); i > 0 {
		if !isTimeOfDay(trim(t[i:])) {
			return fail(ReasonFormat)
		}
		t = t[:i]
	}

	// year, separator, month, separator, day: "-", "/", "." twice, or
	// 年 and 月 followed by an optional 日 or 号.
	y, ny, r := leadingNumber(t)
	var sep1, sep2 string
	switch {
	case strings.HasPrefix(r, "年"):
		sep1, sep2 = "年", "月"
	case r != "" && strings.IndexByte("-/.", r[0]) >= 0:
		sep1, sep2 = r[:1], r[:1]
	default:
		return fail(ReasonFormat)
	}
	m, nm, r := leadingNumber(r[len(sep1):])
	r, ok := strings.CutPrefix(r, sep2)
	if !ok {
		return fail(ReasonFormat)
	}
	day, nd, r := leadingNumber(r)
	if sep1 == "年" {
		r = cutAnyPrefix(r, "日", "号")
	}
	if r != "" || ny != 4 || nm < 1 || nm > 2 || nd < 1 || nd > 2 {
		return fail(ReasonFormat)
	}
	d := Date{Year: y, Month: time.Month(m), Day: day}
	if d.Year < minYear || d.Year > maxYear {
		return fail(ReasonYear)
	}
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
		return fail(ReasonImpossible)
	}
	return d, nil
}

// squeezeCJK removes the spaces next to 年, 月, 日 and 号 (to their left, and
// to the right of 年 and 月), keeping a space that separates a time of day.
func squeezeCJK(t string) string {
	rs := []rune(t)
	out := rs[:0:0]
	for i, r := range rs {
		if r == ' ' {
			j := i
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
			next := j < len(rs) && strings.ContainsRune("年月日号", rs[j])
			prev := len(out) > 0 && strings.ContainsRune("年月", out[len(out)-1])
			if next || prev {
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// cutAnyPrefix removes the first of prefixes that s starts with.
func cutAnyPrefix(s string, prefixes ...string) string {
	for _, x := range prefixes {
		if t, ok := strings.CutPrefix(s, x); ok {
			return t
		}
	}
	return s
}

// leadingNumber reads the digits at the start of s: their value (up to nine
// digits; longer runs are rejected by their count anyway), how many there
// are, and the rest of s.
func leadingNumber(s string) (v, n int, rest string) {
	for n < len(s) && isDigit(s[n]) {
		if n < 9 {
			v = v*10 + int(s[n]-'0')
		}
		n++
	}
	return v, n, s[n:]
}

// isTimeOfDay reports whether s looks like h:mm or h:mm:ss.
func isTimeOfDay(s string) bool {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		if len(p) < 1 || len(p) > 2 {
			return false
		}
		for j := 0; j < len(p); j++ {
			if !isDigit(p[j]) {
				return false
			}
		}
	}
	return true
}

func daysIn(year int, m time.Month) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// String formats d as 2024-03-15.
func (d Date) String() string {
	b := make([]byte, 0, 10)
	b = appendPadded(b, d.Year, 4)
	b = append(b, '-')
	b = appendPadded(b, int(d.Month), 2)
	b = append(b, '-')
	b = appendPadded(b, d.Day, 2)
	return string(b)
}

func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		return strconv.AppendInt(b, int64(n), 10)
	}
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// Time returns midnight UTC of d.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1, 0 or +1 as d is before, on or after e.
func (d Date) Compare(e Date) int {
	return cmp.Or(cmp.Compare(d.Year, e.Year), cmp.Compare(d.Month, e.Month), cmp.Compare(d.Day, e.Day))
}
