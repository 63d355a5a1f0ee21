// Package i18n turns message keys, dates and amounts into text in the site's
// language, from the theme's i18n files (themes/<theme>/i18n/<lang>.yaml).
package i18n

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
	"wallpress/generator/ledger"
)

// Languages are the site languages a theme must translate.
var Languages = []string{"zh-CN", "en"}

// Catalog holds one language's strings. Keys are dotted paths into the YAML
// file ("msg.ledger.closing"); nested maps and dotted keys are equivalent.
type Catalog struct {
	Lang string
	msgs map[string]string
}

// Load reads themeDir/i18n/<lang>.yaml.
func Load(themeDir, lang string) (*Catalog, error) {
	data, err := os.ReadFile(filepath.Join(themeDir, "i18n", lang+".yaml"))
	if err != nil {
		return nil, err
	}
	return Parse(lang, data)
}

// Parse reads a catalog from YAML text.
func Parse(lang string, data []byte) (*Catalog, error) {
	var tree map[string]any
	if err := yaml.Unmarshal(data, &tree); err != nil {
		return nil, fmt.Errorf("i18n %s: %w", lang, err)
	}
	c := &Catalog{Lang: lang, msgs: map[string]string{}}
	flatten("", tree, c.msgs)
	return c, nil
}

func flatten(prefix string, v any, out map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, sub := range v {
			if prefix != "" {
				k = prefix + "." + k
			}
			flatten(k, sub, out)
		}
	case map[any]any:
		// YAML keys that look like numbers (stage: {1: …}) decode untyped.
		for k, sub := range v {
			key := fmt.Sprint(k)
			if prefix != "" {
				key = prefix + "." + key
			}
			flatten(key, sub, out)
		}
	case []any:
		for i, sub := range v {
			flatten(prefix+"."+strconv.Itoa(i+1), sub, out)
		}
	case nil:
		out[prefix] = ""
	default:
		out[prefix] = fmt.Sprint(v)
	}
}

// Has reports whether key is translated.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[key]
	return ok
}

// Keys returns every key, sorted.
func (c *Catalog) Keys() []string {
	keys := make([]string, 0, len(c.msgs))
	for k := range c.msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// T returns the string for key with {name} placeholders filled from args,
// given as alternating names and values. A missing key returns the key itself,
// so that a gap shows on the page instead of vanishing.
func (c *Catalog) T(key string, args ...any) string {
	// Layouts call T for every label of every page: look the names up in
	// args as they are, without building a map.
	return c.fill(key, func(name string) (any, bool) {
		for i := 0; i+1 < len(args); i += 2 {
			if n, ok := args[i].(string); ok && n == name || !ok && fmt.Sprint(args[i]) == name {
				return args[i+1], true
			}
		}
		return nil, false
	})
}

func (c *Catalog) fill(key string, arg func(name string) (any, bool)) string {
	s, ok := c.msgs[key]
	if !ok {
		return key
	}
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		name := s[i+1 : i+j]
		if v, ok := arg(name); ok {
			b.WriteString(c.value(v))
		} else {
			b.WriteString(s[i : i+j+1])
		}
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

func (c *Catalog) value(v any) string {
	switch v := v.(type) {
	case diag.Money:
		return c.Money(int64(v))
	case time.Time:
		return c.Date(v)
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	}
	return fmt.Sprint(v)
}

// Message renders a diagnostic's text (without its position), with the hint
// on a second line when there is one.
func (c *Catalog) Message(d diag.Diagnostic) (text, hint string) {
	arg := func(name string) (any, bool) {
		v, ok := d.Args[name]
		return v, ok
	}
	text = c.fill("msg."+d.Key, arg)
	if d.Hint != "" {
		hint = c.fill("msg."+d.Hint, arg)
	}
	return text, hint
}

// Date formats a calendar date, e.g. 2024年3月15日 or 15 March 2024.
func (c *Catalog) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return c.T("format.date",
		"year", t.Year(),
		"month", int(t.Month()),
		"day", t.Day(),
		"monthName", c.T("month."+strconv.Itoa(int(t.Month()))))
}

// Month formats a year and month, e.g. 2024年3月 or March 2024.
func (c *Catalog) Month(year int, month time.Month) string {
	return c.T("format.month", "year", year, "month", int(month),
		"monthName", c.T("month."+strconv.Itoa(int(month))))
}

// ShortMonth formats a month alone for chart axes, e.g. 3月 or Mar.
func (c *Catalog) ShortMonth(month time.Month) string {
	return c.T("format.shortMonth", "month", int(month),
		"monthName", c.T("monthShort."+strconv.Itoa(int(month))))
}

// Money formats an amount in fen, e.g. 1,234.50 元 or ¥1,234.50.
func (c *Catalog) Money(fen int64) string {
	return c.T("format.money", "amount", Amount(fen))
}

// Amount formats fen as yuan with thousands separators and two decimals,
// without a currency sign: 123450 → "1,234.50".
func Amount(fen int64) string { return ledger.Money(fen).String() }
