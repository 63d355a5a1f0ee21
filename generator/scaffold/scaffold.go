// Package scaffold creates a new record or group for `new KIND PATH` from
// the theme's archetypes: commented markdown files that show a volunteer
// every key of the kind in the site's language.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"wallpress/generator/content"
	"wallpress/generator/diag"
)

// Error is a problem the user can fix: a message key (rendered from the
// theme's i18n files) with its arguments.
type Error struct {
	Key  string
	Args diag.Args
	// Err is the underlying error of a failed file operation, if any.
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Key)
	keys := make([]string, 0, len(e.Args))
	for k := range e.Args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, e.Args[k])
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Diagnostic tells e as an error with its hint, Key + ".hint"
// (diag.Diagnoser).
func (e *Error) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{Severity: diag.Error, Key: e.Key, Args: e.Args, Hint: e.Key + ".hint"}
}

// Kinds returns the kinds New accepts, in the order of the content tree.
func Kinds() []string {
	return []string{"site", "community", "group", "convention", "photo", "ledger", "story", "deliberation", "activity"}
}

// contentDir is the folder of the records inside the site root.
const contentDir = "content"

// New creates the record or group at path (relative to the site root, with
// or without the leading "content/"; for community/group/site the path is a
// folder and _index.md is created in it; for record kinds ".md" is added
// when missing). It refuses to overwrite an existing file and refuses paths
// that leave content/ or that put the kind where the site has no place for
// it. It returns the site-relative path of the file created. themeDir is
// the absolute theme directory, lang "zh-CN" or "en".
func New(root, themeDir, lang, kind, path string, today time.Time) (string, error) {
	k, ok := normalizeKind(kind)
	if !ok {
		return "", &Error{Key: "scaffold.kind", Args: diag.Args{"kind": kind, "kinds": strings.Join(Kinds(), ", ")}}
	}
	rel, err := contentRel(root, path)
	if err != nil {
		return "", err
	}
	file, err := target(k, rel, path)
	if err != nil {
		return "", err
	}
	if err := parentExists(root, k, file); err != nil {
		return "", err
	}
	text, err := render(themeDir, lang, k, file, today)
	if err != nil {
		return "", err
	}
	site := contentDir + "/" + file
	if err := write(root, file, site, text); err != nil {
		return "", err
	}
	return site, nil
}

func normalizeKind(kind string) (string, bool) {
	k := strings.ToLower(strings.TrimSpace(kind))
	if slices.Contains(Kinds(), k) {
		return k, true
	}
	// A volunteer may name the kind in Chinese, as they know it (公约).
	a, ok := content.KindAlias(k)
	return string(a), ok
}

// contentRel turns the path the user typed into a clean slash path relative
// to content/ ("." for content/ itself). A path starting with "content/" (or
// an absolute one) is taken from the site root, any other from content/.
// Backslashes count as separators, so a path copied from Windows Explorer
// works.
func contentRel(root, p string) (string, error) {
	outside := &Error{Key: "scaffold.outside", Args: diag.Args{"path": p}}
	s := strings.TrimSpace(p)
	fromRoot := false
	if filepath.IsAbs(s) {
		absRoot, err := filepath.Abs(root)
		if err != nil {
			return "", outside
		}
		r, err := filepath.Rel(absRoot, s)
		if err != nil {
			return "", outside
		}
		s, fromRoot = r, true
	}
	s = strings.ReplaceAll(s, `\`, "/")
	if path.IsAbs(s) || (len(s) > 1 && s[1] == ':') {
		// "/x" or "C:/x" typed on a system where it is not absolute.
		return "", outside
	}
	if !fromRoot {
		for _, part := range strings.Split(s, "/") {
			if part != "" && part != "." {
				fromRoot = part == contentDir
				break
			}
		}
	}
	c := path.Clean(s)
	if fromRoot {
		if c == contentDir {
			return ".", nil
		}
		if !strings.HasPrefix(c, contentDir+"/") {
			return "", outside
		}
		return strings.TrimPrefix(c, contentDir+"/"), nil
	}
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", outside
	}
	return c, nil
}

// target returns the file to create, relative to content/, checking that
// the kind is in its place: the home page is content/_index.md, a
// neighbourhood one folder down, a group two folders down, and a record a
// file inside a group folder.
func target(kind, rel, typed string) (string, error) {
	place := func(what string) error {
		return &Error{Key: "scaffold.place." + what, Args: diag.Args{"kind": kind, "path": typed}}
	}
	depth := func(dir string) int {
		if dir == "." {
			return 0
		}
		return strings.Count(dir, "/") + 1
	}
	switch kind {
	case "site", "community", "group":
		dir := rel
		if path.Base(rel) == "_index.md" {
			dir = path.Dir(rel)
		} else if strings.HasSuffix(strings.ToLower(rel), ".md") {
			return "", place(kind)
		}
		want := map[string]int{"site": 0, "community": 1, "group": 2}[kind]
		if depth(dir) != want {
			return "", place(kind)
		}
		return path.Join(dir, "_index.md"), nil
	}
	file := rel
	if !strings.HasSuffix(strings.ToLower(file), ".md") {
		file += ".md"
	}
	base := path.Base(file)
	if rel == "." || base == "_index.md" || strings.HasPrefix(base, ".") || depth(path.Dir(file)) != 2 {
		return "", place("record")
	}
	return file, nil
}

// parentExists refuses a record in a folder that is not yet a building
// group, and a group in a folder that is not yet a neighbourhood: the build
// would reject the new file, and the volunteer should create the parent
// first, from its own template. The error names the command to type.
func parentExists(root, kind, file string) error {
	var parent, key string
	switch kind {
	case "site", "community":
		return nil
	case "group":
		parent, key = path.Dir(path.Dir(file)), "scaffold.noCommunity"
	default:
		parent, key = path.Dir(file), "scaffold.noGroup"
	}
	index := filepath.Join(root, contentDir, filepath.FromSlash(parent), "_index.md")
	if st, err := os.Stat(index); err == nil && !st.IsDir() {
		return nil
	}
	return &Error{Key: key, Args: diag.Args{"folder": contentDir + "/" + parent, "path": contentDir + "/" + file}}
}

// data fills an archetype's placeholders.
type data struct {
	Date string // today, 2006-01-02
	// Title comes from the file or folder name when that is words in the
	// site's language; "" otherwise, and the archetype names the page by
	// its kind (楼组公约) rather than by a file name in English.
	Title string
	// Year is a year in the file or folder name (account-2025 → 2025), ""
	// when there is none; ThisYear is today's.
	Year, ThisYear string
}

// render fills the archetype of kind for lang. It looks for
// archetypes/<lang>/<kind>.md, then archetypes/<kind>.md, so a theme may
// ship one language-neutral archetype.
func render(themeDir, lang, kind, file string, today time.Time) ([]byte, error) {
	candidates := []string{
		filepath.Join(themeDir, "archetypes", lang, kind+".md"),
		filepath.Join(themeDir, "archetypes", kind+".md"),
	}
	var src []byte
	var name string
	for _, c := range candidates {
		b, err := os.ReadFile(c)
		if err == nil {
			src, name = b, c
			break
		}
	}
	if src == nil {
		return nil, &Error{Key: "scaffold.archetype", Args: diag.Args{"kind": kind, "lang": lang, "path": filepath.ToSlash(candidates[0])}}
	}
	// text/template, not html/template: the archetype is markdown and YAML,
	// and HTML escaping would turn a title's "&" into "&amp;".
	tmpl, err := template.New(filepath.Base(name)).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, &Error{Key: "scaffold.template", Args: diag.Args{"path": filepath.ToSlash(name), "err": err.Error()}, Err: err}
	}
	var out bytes.Buffer
	d := data{Date: today.Format("2006-01-02"), Title: titleFor(kind, file, lang), Year: yearIn(file), ThisYear: today.Format("2006")}
	if err := tmpl.Execute(&out, d); err != nil {
		return nil, &Error{Key: "scaffold.template", Args: diag.Args{"path": filepath.ToSlash(name), "err": err.Error()}, Err: err}
	}
	return out.Bytes(), nil
}

// titleFor derives a title from the file or folder name: "春季楼道" stays
// as it is, and in English "corridor-spring" becomes "Corridor spring". A
// name without Chinese gives no title on a Chinese site: the folder names
// of the demo are ASCII (building-12, account-2025), and "Account 2025" on
// a Chinese wall is worse than the archetype's own 2025年账本. The result
// is safe inside YAML double quotes. The home page is called by what it is.
func titleFor(kind, file, lang string) string {
	if kind == "site" {
		if lang == "en" {
			return "Home"
		}
		return "首页"
	}
	name := baseName(file)
	if lang != "en" && !strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return ""
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == '_' || unicode.IsSpace(r):
			return ' '
		case r == '"' || r == '\\' || unicode.IsControl(r):
			return -1
		}
		return r
	}, name)
	name = strings.Join(strings.Fields(name), " ")
	if r, size := utf8.DecodeRuneInString(name); r < utf8.RuneSelf && unicode.IsLower(r) {
		name = string(unicode.ToUpper(r)) + name[size:]
	}
	return name
}

// baseName is the name of the record or group: the file name without its
// extension, or the folder name for an _index.md.
func baseName(file string) string {
	name := path.Base(file)
	if name == "_index.md" {
		name = path.Base(path.Dir(file))
	}
	return strings.TrimSuffix(name, path.Ext(name))
}

// yearIn finds a year (1900–2099) in the record's name, not part of a
// longer number: account-2025 and 2025年账本 give 2025, building-12 and
// room-120250 nothing.
func yearIn(file string) string {
	name := baseName(file)
	digits := func(i int) bool { return i >= 0 && i < len(name) && name[i] >= '0' && name[i] <= '9' }
	for i := 0; i+4 <= len(name); i++ {
		if digits(i-1) || digits(i+4) {
			continue
		}
		y := name[i : i+4]
		if (strings.HasPrefix(y, "19") || strings.HasPrefix(y, "20")) && digits(i+2) && digits(i+3) {
			return y
		}
	}
	return ""
}

// write creates root/content/file, refusing to replace an existing file or
// to write through a symbolic link that leads out of content/.
func write(root, file, site string, text []byte) error {
	content := filepath.Join(root, contentDir)
	full := filepath.Join(content, filepath.FromSlash(file))
	if _, err := os.Lstat(full); err == nil {
		return &Error{Key: "scaffold.exists", Args: diag.Args{"path": site}}
	}
	dir := filepath.Dir(full)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &Error{Key: "scaffold.write", Args: diag.Args{"path": site, "err": err.Error()}, Err: err}
	}
	realContent, err1 := filepath.EvalSymlinks(content)
	realDir, err2 := filepath.EvalSymlinks(dir)
	if err := errors.Join(err1, err2); err != nil {
		return &Error{Key: "scaffold.write", Args: diag.Args{"path": site, "err": err.Error()}, Err: err}
	}
	if r, err := filepath.Rel(realContent, realDir); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return &Error{Key: "scaffold.outside", Args: diag.Args{"path": site}}
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return &Error{Key: "scaffold.exists", Args: diag.Args{"path": site}}
	}
	if err != nil {
		return &Error{Key: "scaffold.write", Args: diag.Args{"path": site, "err": err.Error()}, Err: err}
	}
	_, err = f.Write(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(full)
		return &Error{Key: "scaffold.write", Args: diag.Args{"path": site, "err": err.Error()}, Err: err}
	}
	return nil
}
