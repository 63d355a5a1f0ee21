package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"wallpress/generator/config"
	"wallpress/generator/i18n"
)

// site is the folder a command works on, and how it was found.
type site struct {
	// root is the site folder: --root as typed, else the folder found
	// upward from the current one, else "." (which then lacks config.yaml,
	// and the command says so).
	root string
	// rootSet is true when --root was typed: it wins over the lookup.
	rootSet bool
	// above is true when the site was found in a folder above the current
	// one; missing when it was found nowhere.
	above, missing bool
	// cwd is the current folder, as an absolute path.
	cwd string
}

// locateSite finds the site folder of a command line the way git finds its
// repository: --root when it is typed, else the nearest folder, from the
// current one upward, that holds config.yaml with a content/ folder beside
// it. A volunteer who opened the terminal in content/ or generator/ still
// builds the site they meant.
func locateSite(args []string) site {
	cwd, err := os.Getwd()
	if err != nil {
		cwd = "."
	}
	s := site{root: ".", cwd: cwd}
	if root, ok := rootArg(args); ok {
		s.root, s.rootSet = root, true
		return s
	}
	dir, ok := findSite(cwd)
	switch {
	case !ok:
		s.missing = true
	case dir != cwd:
		s.root, s.above = dir, true
	}
	return s
}

// findSite returns the nearest folder from start upward holding config.yaml
// and content/.
func findSite(start string) (string, bool) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", false
	}
	for {
		if isSite(dir) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// isSite reports whether dir holds config.yaml and a content/ folder: a
// config.yaml alone (another program's) is not taken for a site.
func isSite(dir string) bool {
	cf, err := os.Stat(filepath.Join(dir, config.FileName))
	if err != nil || cf.IsDir() {
		return false
	}
	cd, err := os.Stat(filepath.Join(dir, "content"))
	return err == nil && cd.IsDir()
}

// rootArg returns the value of --root in args (the last one typed, as the
// flag package keeps), whether written "--root DIR" or "--root=DIR".
func rootArg(args []string) (string, bool) {
	var root string
	var ok bool
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "root" {
			continue
		}
		if hasValue {
			root, ok = value, true
		} else if i+1 < len(args) {
			root, ok = args[i+1], true
			i++
		}
	}
	return root, ok
}

// tell says which folder the command works on when it is not the current
// one, or that no site was found from here upward: one line on stderr.
func (s site) tell(w io.Writer, cat *i18n.Catalog) {
	switch {
	case s.above:
		fmt.Fprintln(w, cat.T("cli.siteAbove", "dir", s.root))
	case s.missing:
		fmt.Fprintln(w, cat.T("cli.siteMissing", "dir", s.cwd))
	}
}

// envLanguage is the language of the user's terminal (LC_ALL, LC_MESSAGES
// or LANG, in the order the C library reads them): the site's language is
// not known when there is no config.yaml. Chinese unless it says English.
func envLanguage() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := strings.ToLower(os.Getenv(name))
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "en") {
			return "en"
		}
		break
	}
	return i18n.Languages[0]
}
