package yamlutil

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
)

// The typed decoders below share one contract: they return (value, true)
// for a good value; (zero, false) without a diagnostic when the value is
// absent or empty ("key:" with nothing after it), so the caller keeps its
// default; and (zero, false) with an error at the value's line when the
// value is wrong. name is the key as the user should see it in the message
// ("posters.pngDPI").

// IsNull reports whether n is absent or an empty value.
func IsNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && (n.Tag == "!!null" || n.Style == 0 && isBlank(n.Value))
}

// String decodes a text value. Numbers and dates are taken as typed
// ("0101" stays "0101").
func (s Source) String(name string, n *yaml.Node) (string, bool) {
	if IsNull(n) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		s.Error(n, "value.text", diag.Args{"key": name}, "value.hint.text")
		return "", false
	}
	return strings.TrimSpace(n.Value), true
}

// Int decodes a whole number. Full-width digits (２４) and a trailing unit
// word (24户, 36人, 20票) are accepted, because that is how a count is written in
// Chinese.
func (s Source) Int(name string, n *yaml.Node) (int, bool) {
	if IsNull(n) {
		return 0, false
	}
	hint := "value.hint.int"
	args := diag.Args{"key": name, "value": nodeText(n)}
	if n.Kind == yaml.ScalarNode {
		if v, ok := ParseInt(n.Value); ok {
			return v, true
		}
		if v, ok := ParseHanNumber(trimUnit(strings.TrimSpace(n.Value))); ok {
			// 二十四户: say the number in digits rather than guess that
			// Chinese numerals were meant everywhere.
			hint, args["suggest"] = "value.hint.intDigits", v
		}
	}
	s.Error(n, "value.int", args, hint)
	return 0, false
}

// IntIn decodes a whole number between lo and hi inclusive.
func (s Source) IntIn(name string, n *yaml.Node, lo, hi int) (int, bool) {
	v, ok := s.Int(name, n)
	if ok && (v < lo || v > hi) {
		s.Error(n, "value.range", diag.Args{"key": name, "value": v, "min": lo, "max": hi}, "")
		return 0, false
	}
	return v, ok
}

// countUnits are the measure words that may follow a count: households,
// people and votes (a tally is written 20票).
const countUnits = "户人位名个票"

// ParseInt reads a whole number as a volunteer types it: full-width digits,
// surrounding spaces and a trailing measure word (户, 人, 位, 名, 个, 票) are
// accepted.
func ParseInt(text string) (int, bool) {
	t := trimUnit(strings.TrimSpace(Narrow(text)))
	t = strings.TrimPrefix(t, "+")
	if t == "" || strings.ContainsAny(t, "_ ") {
		return 0, false
	}
	v, err := strconv.ParseInt(t, 10, 0)
	if err != nil {
		return 0, false
	}
	return int(v), true
}

// trimUnit removes a trailing measure word from a count.
func trimUnit(t string) string {
	for _, u := range countUnits {
		if cut, ok := strings.CutSuffix(t, string(u)); ok {
			return strings.TrimSpace(cut)
		}
	}
	return t
}

// ParseHanNumber reads a whole number from 0 to 9999 written in Chinese
// numerals: 二十四, 十五, 一百零八, 两千. It is used to tell a volunteer the
// digits to type, not to accept such numbers.
func ParseHanNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	digit := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	unit := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, pending, last := 0, -1, 10000
	for _, r := range s {
		if d, ok := digit[r]; ok {
			if pending >= 0 && d != 0 {
				return 0, false // two digits in a row: 二四
			}
			if d != 0 {
				pending = d
			}
			continue
		}
		u, ok := unit[r]
		if !ok || u >= last {
			return 0, false
		}
		if pending < 0 {
			if u != 10 || total != 0 {
				return 0, false
			}
			pending = 1 // 十五 is fifteen
		}
		total += pending * u
		pending, last = -1, u
	}
	if pending >= 0 {
		total += pending
	}
	return total, true
}

// Bool decodes yes or no. Besides true/false it accepts yes/no, on/off and
// 是/否, in any case and width.
func (s Source) Bool(name string, n *yaml.Node) (bool, bool) {
	if IsNull(n) {
		return false, false
	}
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(strings.TrimSpace(Narrow(n.Value))) {
		case "true", "yes", "on", "是", "开":
			return true, true
		case "false", "no", "off", "否", "关":
			return false, true
		}
	}
	s.Error(n, "value.bool", diag.Args{"key": name, "value": nodeText(n)}, "value.hint.bool")
	return false, false
}

// Strings decodes a list of texts. Besides a YAML list it accepts one line
// separated by commas or the Chinese enumeration comma ("刘阿姨、王师傅"),
// since that is how a list is written in a sentence. Empty items are
// dropped.
func (s Source) Strings(name string, n *yaml.Node) ([]string, bool) {
	if IsNull(n) {
		return nil, false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return SplitList(n.Value), true
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		good := true
		for _, it := range n.Content {
			if IsNull(it) {
				continue
			}
			if it.Kind != yaml.ScalarNode {
				s.Error(it, "value.text", diag.Args{"key": name}, "value.hint.text")
				good = false
				continue
			}
			out = append(out, strings.TrimSpace(it.Value))
		}
		return out, good
	}
	s.Error(n, "value.list", diag.Args{"key": name}, "value.hint.list")
	return nil, false
}

// SplitList splits one line of text on commas (half- or full-width),
// semicolons and the enumeration comma 、, trimming each item and dropping
// empty ones.
func SplitList(text string) []string {
	parts := strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(",，、;；", r) })
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Ints decodes a list of whole numbers, each between lo and hi, written as a
// YAML list or as one comma-separated line. Every bad item is reported.
func (s Source) Ints(name string, n *yaml.Node, lo, hi int) ([]int, bool) {
	if IsNull(n) {
		return nil, false
	}
	var items []*yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		for _, p := range SplitList(n.Value) {
			items = append(items, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: p, Line: n.Line, Column: n.Column})
		}
	case yaml.SequenceNode:
		items = n.Content
	default:
		s.Error(n, "value.list", diag.Args{"key": name}, "value.hint.list")
		return nil, false
	}
	out := make([]int, 0, len(items))
	good := true
	for _, it := range items {
		if IsNull(it) {
			continue
		}
		v, ok := s.IntIn(name, it, lo, hi)
		if !ok {
			good = false
			continue
		}
		out = append(out, v)
	}
	return out, good
}

// Enum decodes one of the allowed words, ignoring case and width, and
// returns it as spelled in allowed.
func (s Source) Enum(name string, n *yaml.Node, allowed ...string) (string, bool) {
	if IsNull(n) {
		return "", false
	}
	if n.Kind == yaml.ScalarNode {
		v := strings.TrimSpace(Narrow(n.Value))
		for _, a := range allowed {
			if strings.EqualFold(v, a) {
				return a, true
			}
		}
	}
	s.Error(n, "value.oneOf", diag.Args{"key": name, "value": nodeText(n), "allowed": strings.Join(allowed, ", ")}, "")
	return "", false
}

// Mapping returns n when it is a mapping ("key: value" lines indented under
// name). An empty value gives (nil, false) without a diagnostic.
func (s Source) Mapping(name string, n *yaml.Node) (*yaml.Node, bool) {
	if IsNull(n) {
		return nil, false
	}
	if n.Kind != yaml.MappingNode {
		s.Error(n, "value.map", diag.Args{"key": name, "value": nodeText(n)}, "value.hint.map")
		return nil, false
	}
	return n, true
}

// nodeText is the value to quote in a message about n.
func nodeText(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return clip(n.Value)
	case yaml.SequenceNode:
		return "[…]"
	case yaml.MappingNode:
		return "{…}"
	}
	return ""
}
