package content

import (
	"io/fs"
	"path"
	"strings"

	"wallpress/generator/diag"
)

// Load reads every markdown file under content/ in fsys (the site root) and
// builds the tree. Drafts are skipped. Problems go to list; the returned site
// holds what could be read.
func Load(fsys fs.FS, list *diag.List) *Site {
	var pages []*Page
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			list.Error(diag.Pos{File: p}, "content.read", diag.Args{"err": err.Error()}, "")
			return nil
		}
		name := d.Name()
		if p != Dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")) {
			// Editors' and Office's hidden and lock files.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.EqualFold(path.Ext(name), ".md") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			list.Error(diag.Pos{File: p}, "content.read", diag.Args{"err": err.Error()}, "")
			return nil
		}
		if pg := parse(fsys, p, data, list); pg != nil {
			pages = append(pages, pg)
		}
		return nil
	})
	if err != nil {
		list.Error(diag.Pos{File: Dir}, "content.read", diag.Args{"err": err.Error()}, "content.missing.hint")
	}
	return assemble(pages, list)
}
