package content

import (
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
