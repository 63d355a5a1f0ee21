package content

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
	"wallpress/generator/ledger"
	"wallpress/generator/yamlutil"
)

// fields decodes one front matter mapping, reporting every problem at the
// line of the value it concerns. The generic decoders come from yamlutil;
// dates, money and the record-specific shapes are here.
type fields struct {
	yamlutil.Source
}

func (f *fields) pos(n *yaml.Node) diag.Pos { return f.Source.Pos(n) }

// get returns the value of key in mapping m, or nil.
func get(m *yaml.Node, key string) *yaml.Node { return yamlutil.Get(m, key) }

func (f *fields) bad(n *yaml.Node, key, want string) {
	f.List.Error(f.pos(n), "content.badValue", diag.Args{"key": key, "value": clip(n.Value), "want": want}, "content.badValue.hint."+want)
}

func isNull(n *yaml.Node) bool { return yamlutil.IsNull(n) }

// str decodes a text value. Numbers and dates are taken as the text typed.
func (f *fields) str(m *yaml.Node, key string) string {
	v, _ := f.String(key, get(m, key))
	return v
}

// count decodes a whole number ≥ 0 (full-width digits and 24户 accepted).
func (f *fields) count(m *yaml.Node, key string) (int, bool) {
	return f.IntIn(key, get(m, key), 0, 1_000_000)
}

func (f *fields) boolean(m *yaml.Node, key string) bool {
	v, _ := f.Bool(key, get(m, key))
	return v
}

// date decodes a calendar date in any form the ledger accepts.
func (f *fields) date(m *yaml.Node, key string) time.Time {
	n := get(m, key)
	if isNull(n) {
		return time.Time{}
	}
	if n.Kind == yaml.ScalarNode {
		v := strings.TrimSpace(n.Value)
		// YAML timestamps may carry a time of day; the date is what counts.
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
		d, err := ledger.ParseDate(v)
		if err == nil {
			return d.Time()
		}
		hint, suggest := dateHint(v, err)
		f.List.Error(f.pos(n), "content.badValue", diag.Args{"key": key, "value": clip(n.Value), "want": "date", "suggest": suggest}, hint)
		return time.Time{}
	}
	f.bad(n, key, "date")
	return time.Time{}
}

// Dates written in a form that is not accepted, but whose meaning is plain
// enough to say what to type instead.
var (
	// 3/15/2024, 15.3.2024: the year last, as in English or European use.
	yearLastRE = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$`)
	// 24.3.15, 24-03-15: a two-digit year.
	shortYearRE = regexp.MustCompile(`^(\d{2})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	// 2024-3, 2024年3月: a month without the day.
	noDayRE = regexp.MustCompile(`^(\d{4})(?:[-/.]|年)(\d{1,2})月?$`)
	// 二〇二四年三月十五日: Chinese numerals.
	hanDateRE = regexp.MustCompile(`^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})[日号]$`)
)

// dateHint returns the hint for a date that did not parse and, when the
// intended date is clear, the date to type instead.
func dateHint(v string, err error) (hint, suggest string) {
	var de *ledger.DateError
	if errors.As(err, &de) {
		switch de.Reason {
		case ledger.ReasonImpossible:
			return "content.dateHint.impossible", ""
		case ledger.ReasonYear:
			return "content.dateHint.year", ""
		}
	}
	t := yamlutil.Narrow(v)
	ymd := func(y, m, d int) string {
		if ok := validDay(y, m, d); !ok {
			return ""
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	}
	if g := yearLastRE.FindStringSubmatch(t); g != nil {
		a, b, y := atoi(g[1]), atoi(g[2]), atoi(g[3])
		var opts []string
		for _, s := range []string{ymd(y, a, b), ymd(y, b, a)} {
			if s != "" && !slices.Contains(opts, s) {
				opts = append(opts, s)
			}
		}
		if len(opts) > 0 {
			return "content.dateHint.yearFirst", strings.Join(opts, " / ")
		}
	}
	if g := shortYearRE.FindStringSubmatch(t); g != nil {
		if s := ymd(2000+atoi(g[1]), atoi(g[2]), atoi(g[3])); s != "" {
			return "content.dateHint.fullYear", s
		}
	}
	if g := noDayRE.FindStringSubmatch(t); g != nil {
		if s := ymd(atoi(g[1]), atoi(g[2]), 1); s != "" {
			return "content.dateHint.noDay", s
		}
	}
	if g := hanDateRE.FindStringSubmatch(t); g != nil {
		// The year is read digit by digit (二〇二四), month and day as numbers.
		y := 0
		for _, r := range g[1] {
			y = y*10 + hanDigit(r)
		}
		m, okM := yamlutil.ParseHanNumber(g[2])
		d, okD := yamlutil.ParseHanNumber(g[3])
		if okM && okD {
			if s := ymd(y, m, d); s != "" {
				return "content.dateHint.digits", s
			}
		}
	}
	return "content.badValue.hint.date", ""
}

// hanDigit returns the value of a Chinese digit 〇/零 to 九.
func hanDigit(r rune) int {
	if r == '零' {
		return 0
	}
	return strings.IndexRune("〇一二三四五六七八九", r) / len("〇")
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// validDay reports whether y-m-d is a day of the calendar in the years a
// record can have.
func validDay(y, m, d int) bool {
	_, err := ledger.ParseDate(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	return err == nil
}

func (f *fields) money(m *yaml.Node, key string) (ledger.Money, bool) {
	n := get(m, key)
	if isNull(n) {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode {
		if v, err := ledger.ParseMoney(n.Value); err == nil {
			return v, true
		}
	}
	f.bad(n, key, "money")
	return 0, false
}

// strList decodes a list of texts; one line "刘阿姨、王师傅" is a list too.
func (f *fields) strList(m *yaml.Node, key string) []string {
	v, _ := f.Strings(key, get(m, key))
	return v
}

// items returns the mappings of a list of objects ({file, caption} …).
func (f *fields) items(m *yaml.Node, key string, known []string) []*yaml.Node {
	n := get(m, key)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		f.bad(n, key, "list")
		return nil
	}
	var out []*yaml.Node
	for _, it := range n.Content {
		if it.Kind != yaml.MappingNode {
			f.bad(it, key, "object")
			continue
		}
		f.checkKeys(it, known)
		out = append(out, it)
	}
	return out
}

// object returns a mapping value ({text, by}, {for, against, abstain}).
func (f *fields) object(m *yaml.Node, key string, known []string) *yaml.Node {
	n, ok := f.Mapping(key, get(m, key))
	if !ok {
		return nil
	}
	f.checkKeys(n, known)
	return n
}
