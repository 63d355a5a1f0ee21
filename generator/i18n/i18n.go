// Package i18n turns message keys, dates and amounts into text in the site's
// language, from the theme's i18n files (themes/<theme>/i18n/<lang>.yaml).
package i18n

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
	"wallpress/themes"
)

// Languages are the site languages a theme must translate.
var Languages = []string{"zh-CN", "en"}

// Catalog holds one language's strings. Keys are dotted paths into the YAML
// file ("msg.ledger.closing"); nested maps and dotted keys are equivalent.
type Catalog struct {
	Lang string
	msgs map[string]string
}

// Load reads themeDir/i18n/<lang>.yaml from the disk (LoadFS), errors
// naming the file by its path on the disk.
func Load(themeDir, lang string) (*Catalog, error) {
	c, err := LoadFS(os.DirFS(themeDir), ".", lang)
	if fe, ok := errors.AsType[*FileError](err); ok {
		fe.File = filepath.Join(themeDir, filepath.FromSlash(fe.File))
	} else if pe, ok := errors.AsType[*fs.PathError](err); ok {
		pe.Path = filepath.Join(themeDir, filepath.FromSlash(pe.Path))
	}
	return c, err
}

// LoadFS reads themeDir/i18n/<lang>.yaml from fsys (a site's folder, whose
// themes are under themes/). A file that is not valid YAML returns a
// *FileError naming the file as fsys does, and the line.
func LoadFS(fsys fs.FS, themeDir, lang string) (*Catalog, error) {
	file := path.Join(themeDir, "i18n", lang+".yaml")
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, err
	}
	c, err := Parse(lang, data)
	if err != nil {
		return nil, &FileError{File: file, Line: errorLine(data, err), Err: err}
	}
	return c, nil
}

// errorLine finds the line of a YAML error in data. An unmarshal error
// names it exactly. A syntax error names the line where the enclosing
// block began (line 1 for a bad entry anywhere under msg:), so the line
// is found instead as the first at which the text read so far stops being
// valid YAML — where the quote that is never closed opens, or the entry
// that breaks the indentation stands. Theme catalogs are a few hundred
// lines, and this runs only when one is broken.
func errorLine(data []byte, err error) int {
	if _, ok := errors.AsType[*yaml.TypeError](err); ok {
		return yamlLine(err)
	}
	end := 0
	for n := 1; end < len(data); n++ {
		i := bytes.IndexByte(data[end:], '\n')
		if i < 0 {
			end = len(data)
		} else {
			end += i + 1
		}
		var tree map[string]any
		if yaml.Unmarshal(data[:end], &tree) != nil {
			return n
		}
	}
	return yamlLine(err)
}

// Fallback returns the default theme's catalog for lang as built into the
// program (zh-CN's for a language it does not have). It is what messages
// are told with when the site's own catalog cannot be read, so that no
// message is ever shown as a bare key.
func Fallback(lang string) *Catalog {
	for _, l := range []string{lang, Languages[0]} {
		data, err := fs.ReadFile(themes.DefaultI18n, "default/i18n/"+l+".yaml")
		if err != nil {
			continue
		}
		if c, err := Parse(l, data); err == nil {
			return c
		}
	}
	// Unreachable while TestFallback passes: the files are in the binary.
	return &Catalog{Lang: lang, msgs: map[string]string{}}
}

// Message keys of FileError's diagnostic.
const (
	KeyFile      = "i18n.yaml"
	KeyFileHint  = "i18n.yaml.hint"
	KeyShape     = "i18n.shape"
	KeyShapeHint = "i18n.shape.hint"
)

// FileError is a theme's i18n file that is not valid YAML.
type FileError struct {
	// File is the file's path as Load or LoadFS was given it; Line is 1-based, 0 when
	// the YAML parser did not say.
	File string
	Line int
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// Diagnostic tells e as an error at its file and line (diag.Diagnoser).
// The file is named as Load opened it: the command line names it relative
// to the site folder. Tell it with a catalog that is not the broken one:
// Fallback's.
func (e *FileError) Diagnostic() diag.Diagnostic {
	file := e.File
	d := diag.Diagnostic{
		Pos:      diag.Pos{File: file, Line: e.Line},
		Severity: diag.Error,
		Key:      KeyFile,
		Args:     diag.Args{"file": file, "line": e.Line},
		Hint:     KeyFileHint,
	}
	if _, ok := errors.AsType[*yaml.TypeError](e.Err); ok {
		// Valid YAML of the wrong shape (a list, a bare text): the
		// parser's words name Go types, which mean nothing to the reader.
		d.Key, d.Hint = KeyShape, KeyShapeHint
		return d
	}
	// "i18n zh-CN: yaml: line 3: mapping values are not allowed in this
	// context": the file and line are told already; the parser's own words
	// stay, as the detail.
	detail := e.Err.Error()
	if i := strings.LastIndex(detail, ": "); i >= 0 {
		detail = detail[i+2:]
	}
	d.Args["err"] = detail
	return d
}

// yamlLine finds the first line number in a YAML error ("yaml: line 12:
// …", or "line 3: cannot unmarshal …" in an unmarshal error's list).
func yamlLine(err error) int {
	s := err.Error()
	for {
		i := strings.Index(s, "line ")
		if i < 0 {
			return 0
		}
		s = s[i+len("line "):]
		j := 0
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if n, err := strconv.Atoi(s[:j]); err == nil && n > 0 {
			return n
		}
	}
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
func Amount(fen int64) string { return diag.Money(fen).String() }
