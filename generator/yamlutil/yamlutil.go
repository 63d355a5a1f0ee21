// Package yamlutil parses the YAML that volunteers type (config.yaml and
// front matter) and turns every mistake into a diagnostic at the right file
// line, with a hint for the slips a Chinese keyboard makes: full-width colons
// and spaces, tabs, a missing space after the colon, values that need quotes.
package yamlutil

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
)

// Source says where a YAML text came from, so that every diagnostic lands on
// the line of the file the user sees.
type Source struct {
	// File is the path from the site root, for example "config.yaml".
	File string
	// FirstLine is the 1-based file line where the YAML text starts (2 for
	// front matter, after the opening "---").
	FirstLine int
	List      *diag.List
}

// Parse parses YAML text into a document node. file is the site-relative path
// for diagnostics; firstLine is the 1-based line in the file where data
// starts (front matter starts at line 2). On any problem it adds an error at
// the right file line, with a hint when the cause is recognised, and returns
// nil. Otherwise the document's only child is a mapping (empty for empty
// text), so callers need not check for scalars or lists at the top.
func Parse(data []byte, file string, firstLine int, list *diag.List) *yaml.Node {
	return Source{File: file, FirstLine: firstLine, List: list}.Parse(data)
}

// Pos returns the file position of n.
func (s Source) Pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: s.File, Line: s.line(n.Line), Col: n.Column}
}

// line turns a 1-based line of the YAML text into a line of the file.
func (s Source) line(l int) int {
	if l < 1 {
		l = 1
	}
	first := s.FirstLine
	if first < 1 {
		first = 1
	}
	return l + first - 1
}

// Error records an error about node n.
func (s Source) Error(n *yaml.Node, key string, args diag.Args, hint string) {
	s.List.Error(s.Pos(n), key, args, hint)
}

// Parse is the method form of the package function Parse.
func (s Source) Parse(data []byte) (doc *yaml.Node) {
	data = trimBOM(data)
	if !utf8.Valid(data) {
		// YAML is UTF-8; a file saved as ANSI/GBK by Notepad or WPS is not.
		bad := 1 + strings.Count(string(data[:InvalidAt(data)]), "\n")
		s.List.Error(diag.Pos{File: s.File, Line: s.line(bad)}, "yaml.encoding", diag.Args{"line": s.line(bad)}, "yaml.hint.encoding")
		return nil
	}
	data = normalizeBreaks(data)
	lines := splitLines(string(data))
	var n yaml.Node
	err := unmarshal(data, &n)
	if err != nil {
		s.syntaxError(err, lines)
		return nil
	}
	if n.Kind == 0 || len(n.Content) == 0 {
		return emptyDoc()
	}
	root := n.Content[0]
	switch {
	case root.Kind == yaml.MappingNode:
	case root.Kind == yaml.ScalarNode && root.Tag == "!!null" && root.Anchor == "":
		// Only comments, or a bare "~": nothing is set.
		return emptyDoc()
	default:
		s.notMapping(root, lines)
		return nil
	}
	c := checker{s: s, lines: lines}
	c.walk(root, ctxRoot)
	if c.failed {
		return nil
	}
	return &n
}

// unmarshal guards against a panic inside the YAML library: a volunteer's
// file must never produce a Go stack trace.
func unmarshal(data []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal(data, n)
}

// InvalidAt returns the byte index of the first invalid UTF-8 sequence
// (len(b) when there is none), to name the line where garbled text starts.
func InvalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func emptyDoc() *yaml.Node {
	return &yaml.Node{
		Kind:    yaml.DocumentNode,
		Line:    1,
		Column:  1,
		Content: []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}},
	}
}

func trimBOM(b []byte) []byte {
	return []byte(strings.TrimPrefix(string(b), "\uFEFF"))
}

// normalizeBreaks turns every line break YAML knows (CRLF, a lone CR as
// old Mac files have, NEL, LS, PS) into LF, so that YAML's line numbers and
// ours agree.
func normalizeBreaks(b []byte) []byte {
	s := string(b)
	if !strings.ContainsAny(s, "\r\u0085\u2028\u2029") {
		return b
	}
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	return []byte(s)
}

// splitLines splits text into lines without their line ends (LF or CRLF).
func splitLines(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// errLine matches yaml.v3's "yaml: line N: problem".
var errLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError reports a parse error. yaml.v3 names a line that is sometimes
// one before or after the real cause (it reports where the construct it was
// reading started), so the lines around it are scanned for the characters
// that usually cause it.
func (s Source) syntaxError(err error, lines []string) {
	msg := err.Error()
	if i := strings.Index(msg, "\n"); i >= 0 {
		msg = msg[:i]
	}
	line := 0
	detail := strings.TrimPrefix(msg, "yaml: ")
	if m := errLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		detail = m[2]
	}
	c := findCulprit(lines, line, detail)
	if c.line == 0 {
		c.line = max(line, 1)
	}
	args := diag.Args{"detail": detail, "line": s.line(c.line)}
	if c.char != "" {
		args["char"] = c.char
	}
	s.List.Error(diag.Pos{File: s.File, Line: s.line(c.line), Col: c.col}, "yaml.syntax", args, c.hint)
}

// notMapping reports a document that is one text or a list instead of
// "key: value" lines. The common cause is a single line whose colon is
// full-width or has no space after it, which YAML reads as plain text.
func (s Source) notMapping(root *yaml.Node, lines []string) {
	hint := HintGeneral
	col := root.Column
	if root.Kind == yaml.ScalarNode {
		if c := scanLine(lineAt(lines, root.Line)); c.hint != "" {
			hint, col = c.hint, c.col
		}
	}
	pos := diag.Pos{File: s.File, Line: s.line(root.Line), Col: col}
	s.List.Error(pos, "yaml.notMapping", diag.Args{"line": pos.Line}, hint)
}

func lineAt(lines []string, l int) string {
	if l < 1 || l > len(lines) {
		return ""
	}
	return lines[l-1]
}

// Hint keys. They are filled with the Args "line" (the file line) and, for
// HintQuote, "char".
const (
	HintFullWidthColon = "yaml.hint.fullwidthColon"
	HintColonSpace     = "yaml.hint.colonSpace"
	HintFullWidthSpace = "yaml.hint.fullwidthSpace"
	HintTab            = "yaml.hint.tab"
	HintQuote          = "yaml.hint.quote"
	HintQuoteColon     = "yaml.hint.quoteColon"
	HintUnclosedQuote  = "yaml.hint.unclosedQuote"
	HintEscape         = "yaml.hint.escape"
	HintBracket        = "yaml.hint.bracket"
	HintListInline     = "yaml.hint.listInline"
	HintIndent         = "yaml.hint.indent"
	HintControl        = "yaml.hint.control"
	HintGeneral        = "yaml.hint.general"
)

// Context of a node, for deciding whether plain text was meant as a key.
type context uint8

const (
	ctxRoot      context = iota
	ctxValue             // a mapping value on the same line as its key
	ctxOwnLine           // a mapping value on a line below its key
	ctxItem              // a list item in a list of plain values
	ctxMixedItem         // a list item in a list that also holds mappings
	ctxFlow              // inside [ ] or { }
)

// checker walks a parsed document for what YAML accepts but a volunteer
// never means: anchors, aliases and tags (a value starting with & * !),
// duplicate keys, full-width spaces in keys, and "key：value" lines that
// YAML took as plain text.
type checker struct {
	s      Source
	lines  []string
	failed bool
}

func (c *checker) error(n *yaml.Node, col int, key string, args diag.Args, hint string) {
	c.failed = true
	pos := c.s.Pos(n)
	if col > 0 {
		pos.Col = col
	}
	if args == nil {
		args = diag.Args{}
	}
	args["line"] = pos.Line
	c.s.List.Error(pos, key, args, hint)
}

func (c *checker) walk(n *yaml.Node, ctx context) {
	switch {
	case n.Kind == yaml.AliasNode:
		c.error(n, 0, "yaml.special", diag.Args{"char": "*"}, HintQuote)
		return
	case n.Anchor != "":
		c.error(n, 0, "yaml.special", diag.Args{"char": "&"}, HintQuote)
	case isCustomTag(n):
		c.error(n, 0, "yaml.special", diag.Args{"char": "!"}, HintQuote)
	}
	if n.Style&yaml.FlowStyle != 0 {
		ctx = ctxFlow
	}
	switch n.Kind {
	case yaml.MappingNode:
		c.mapping(n, ctx)
	case yaml.SequenceNode:
		mixed := false
		for _, it := range n.Content {
			mixed = mixed || it.Kind == yaml.MappingNode
		}
		for _, it := range n.Content {
			switch {
			case ctx == ctxFlow:
				c.walk(it, ctxFlow)
			case mixed:
				c.walk(it, ctxMixedItem)
			default:
				c.walk(it, ctxItem)
			}
		}
	case yaml.ScalarNode:
		c.scalar(n, ctx)
	}
}

func (c *checker) mapping(m *yaml.Node, ctx context) {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind == yaml.ScalarNode {
			if strings.ContainsRune(k.Value, '\u3000') {
				c.error(k, 0, "yaml.fullwidthSpace", diag.Args{"key": k.Value}, HintFullWidthSpace)
			} else if i := strings.IndexRune(k.Value, '：'); i >= 0 && k.Style == 0 {
				c.error(k, k.Column+len([]rune(k.Value[:i])), "yaml.looksLikeKey", diag.Args{"text": clip(k.Value)}, HintFullWidthColon)
			}
			if first, dup := seen[k.Value]; dup {
				c.error(k, 0, "yaml.duplicate", diag.Args{"key": k.Value, "first": c.s.line(first)}, "yaml.hint.duplicate")
			} else {
				seen[k.Value] = k.Line
			}
		}
		c.walk(k, ctxFlow) // keys are never taken for "key: value" text
		switch {
		case ctx == ctxFlow:
			c.walk(v, ctxFlow)
		case v.Line > k.Line:
			c.walk(v, ctxOwnLine)
		default:
			c.walk(v, ctxValue)
		}
	}
}

// Plain text that starts like a key ("name：刘阿姨", "title:标题") where a
// mapping is expected: YAML read it as text because of the colon.
var (
	fullWidthKeyRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*[ \t\x{3000}]*：`)
	noSpaceKeyRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*:[^\s/]`)
)

func (c *checker) scalar(n *yaml.Node, ctx context) {
	if n.Style != 0 || ctx == ctxFlow || ctx == ctxValue {
		return
	}
	v := n.Value
	switch {
	case fullWidthKeyRE.MatchString(v):
		i := strings.IndexRune(v, '：')
		c.error(n, n.Column+len([]rune(v[:i])), "yaml.looksLikeKey", diag.Args{"text": clip(v)}, HintFullWidthColon)
	case ctx != ctxItem && noSpaceKeyRE.MatchString(v):
		i := strings.IndexByte(v, ':')
		hint := HintColonSpace
		if strings.HasPrefix(v[i+1:], "\u3000") {
			hint = HintFullWidthSpace
		}
		c.error(n, n.Column+len([]rune(v[:i])), "yaml.looksLikeKey", diag.Args{"text": clip(v)}, hint)
	}
}

// isCustomTag reports an explicit local tag such as "!x": in a volunteer's
// file that is a value starting with "!" that was meant as text.
func isCustomTag(n *yaml.Node) bool {
	return n.Style&yaml.TaggedStyle != 0 && strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!")
}

// clip shortens a value quoted in a message.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + "…"
	}
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
