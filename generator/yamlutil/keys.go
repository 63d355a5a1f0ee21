package yamlutil

import (
	"iter"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
)

// Nearest returns the known key closest to key, or "" when none is close
// enough to be a likely typo. Distance is counted in characters, ignoring
// case, with a swap of two neighbours counting as one edit; a candidate
// must be within about a third of key's length (at least one edit).
func Nearest(key string, known []string) string {
	k := []rune(strings.ToLower(strings.TrimSpace(Narrow(key))))
	if len(k) == 0 {
		return ""
	}
	limit := max(1, len(k)/3)
	best, bestD := "", limit+1
	for _, cand := range known {
		d := distance(k, []rune(strings.ToLower(cand)))
		if d < bestD {
			best, bestD = cand, d
		}
	}
	return best
}

// distance is the optimal string alignment distance (Levenshtein plus
// transposition of neighbours).
func distance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// CheckKeys reports every key of mapping node m that is not in known as an
// error "yaml.unknownKey" with Args {key, nearest}, at the key's line
// (node.Line + firstLine - 1); the hint "yaml.hint.nearest" is given only
// when a near key exists.
func CheckKeys(m *yaml.Node, known []string, file string, firstLine int, list *diag.List) {
	Source{File: file, FirstLine: firstLine, List: list}.CheckKeys(m, known)
}

// CheckKeys is the method form of the package function CheckKeys.
func (s Source) CheckKeys(m *yaml.Node, known []string) {
	for k := range Pairs(m) {
		if !containsKey(known, k.Value) {
			s.UnknownKey(k, known)
		}
	}
}

// UnknownKey reports key node k as unknown, naming the nearest of known.
func (s Source) UnknownKey(k *yaml.Node, known []string) {
	near := Nearest(k.Value, known)
	hint := ""
	if near != "" {
		hint = "yaml.hint.nearest"
	}
	s.Error(k, "yaml.unknownKey", diag.Args{"key": clip(k.Value), "nearest": near}, hint)
}

func containsKey(known []string, key string) bool {
	for _, k := range known {
		if k == key {
			return true
		}
	}
	return false
}

// Pairs yields the key and value nodes of mapping m in order. It yields
// nothing when m is nil or not a mapping.
func Pairs(m *yaml.Node) iter.Seq2[*yaml.Node, *yaml.Node] {
	return func(yield func(*yaml.Node, *yaml.Node) bool) {
		if m == nil || m.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			if !yield(m.Content[i], m.Content[i+1]) {
				return
			}
		}
	}
}

// Get returns the value of key in mapping m, or nil.
func Get(m *yaml.Node, key string) *yaml.Node {
	for k, v := range Pairs(m) {
		if k.Value == key {
			return v
		}
	}
	return nil
}

// Root returns the mapping of a document returned by Parse, or nil.
func Root(doc *yaml.Node) *yaml.Node {
	if doc == nil {
		return nil
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil
		}
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil
	}
	return doc
}

// Narrow turns full-width ASCII forms (Ａ３, １５０, ｔｒｕｅ, the ideographic
// space) into their ordinary forms, so that values typed with a Chinese input
// method in full-width mode are understood.
func Narrow(s string) string {
	if !strings.ContainsFunc(s, isWide) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '\uFF01' && r <= '\uFF5E':
			return r - 0xFEE0
		}
		return r
	}, s)
}

func isWide(r rune) bool { return r == '\u3000' || r >= '\uFF01' && r <= '\uFF5E' }

// isBlank reports whether s is empty or white space only (including the
// ideographic space).
func isBlank(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }
