package content

import (
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
	"wallpress/generator/ledger"
)

// fields decodes one front matter mapping, reporting every problem at the
// line of the value it concerns.
type fields struct {
	file  string
	first int // file line of the YAML's first line
	list  *diag.List
	m     *yaml.Node
}

func (f *fields) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: f.file, Line: n.Line + f.first - 1, Col: n.Column}
}

// get returns the value of key in mapping m, or nil.
func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func (f *fields) bad(n *yaml.Node, key, want string) {
	f.list.Error(f.pos(n), "content.badValue", diag.Args{"key": key, "value": clip(n.Value), "want": want}, "content.badValue.hint."+want)
}

func isNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// str decodes a text value. Numbers and dates are taken as the text typed.
func (f *fields) str(m *yaml.Node, key string) string {
	n := get(m, key)
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		f.bad(n, key, "text")
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// count decodes a whole number ≥ 0. Full-width digits (２４) are accepted:
// a Chinese input method types them without the volunteer noticing.
func (f *fields) count(m *yaml.Node, key string) (int, bool) {
	n := get(m, key)
	if isNull(n) {
		return 0, false
	}
	if n.Kind == yaml.ScalarNode {
		s := strings.TrimSpace(fullWidthDigits(n.Value))
		s = strings.TrimSuffix(strings.TrimSuffix(s, "户"), "人")
		if v, err := strconv.Atoi(s); err == nil && v >= 0 && v < 1_000_000 {
			return v, true
		}
	}
	f.bad(n, key, "count")
	return 0, false
}

func fullWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

func (f *fields) boolean(m *yaml.Node, key string) bool {
	n := get(m, key)
	if isNull(n) {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(n.Value)) {
	case "true", "yes", "on", "是":
		return true
	case "false", "no", "off", "否":
		return false
	}
	f.bad(n, key, "bool")
	return false
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
		if d, err := ledger.ParseDate(v); err == nil {
			return d.Time()
		}
	}
	f.bad(n, key, "date")
	return time.Time{}
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

// strList decodes a list of texts; a single text is a list of one.
func (f *fields) strList(m *yaml.Node, key string) []string {
	n := get(m, key)
	if isNull(n) {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{strings.TrimSpace(n.Value)}
	}
	if n.Kind != yaml.SequenceNode {
		f.bad(n, key, "list")
		return nil
	}
	var out []string
	for _, it := range n.Content {
		if it.Kind != yaml.ScalarNode {
			f.bad(it, key, "text")
			continue
		}
		if v := strings.TrimSpace(it.Value); v != "" {
			out = append(out, v)
		}
	}
	return out
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
	n := get(m, key)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		f.bad(n, key, "object")
		return nil
	}
	f.checkKeys(n, known)
	return n
}
