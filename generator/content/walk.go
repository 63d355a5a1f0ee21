package content

import (
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	"wallpress/generator/diag"
)

// Load reads every markdown file under content/ in fsys (the site root) and
// builds the tree. Drafts are skipped. Problems go to list; the returned site
// holds what could be read.
//
// The folders are walked first, which is cheap; the files are then read and
// parsed on every core, since reading, YAML and checking are most of the
// time of a large site. fsys must allow concurrent use (os.DirFS and
// fstest.MapFS do).
func Load(fsys fs.FS, list *diag.List) *Site {
	var files []string
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
		files = append(files, p)
		return nil
	})
	if err != nil {
		list.Error(diag.Pos{File: Dir}, "content.read", diag.Args{"err": err.Error()}, "content.missing.hint")
	}
	pages := parseAll(fsys, files, list)
	// A neighbourhood's or group's page that could not be read has its
	// error; its groups and records are left out without one each, which
	// would bury the one that matters.
	broken := map[string]bool{}
	for _, d := range list.Items() {
		if d.Severity == diag.Error && path.Base(d.Pos.File) == "_index.md" {
			broken[path.Dir(strings.TrimPrefix(d.Pos.File, Dir+"/"))] = true
		}
	}
	return assemble(pages, broken, list)
}

// parseAll reads and parses files on every core. The pages keep the order
// of files (the walk's, which is sorted), so that the tree and its messages
// do not depend on which worker finished first.
func parseAll(fsys fs.FS, files []string, list *diag.List) []*Page {
	parsed := make([]*Page, len(files))
	workers := min(runtime.GOMAXPROCS(0), len(files))
	// Workers take chunks of the list rather than single files, so that
	// handing out work costs nothing next to parsing it.
	const chunk = 64
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				lo := next
				next += chunk
				mu.Unlock()
				if lo >= len(files) {
					return
				}
				for i := lo; i < min(lo+chunk, len(files)); i++ {
					data, err := fs.ReadFile(fsys, files[i])
					if err != nil {
						list.Error(diag.Pos{File: files[i]}, "content.read", diag.Args{"err": err.Error()}, "")
						continue
					}
					parsed[i] = parse(fsys, files[i], data, list)
				}
			}
		})
	}
	wg.Wait()
	pages := parsed[:0]
	for _, p := range parsed {
		if p != nil {
			pages = append(pages, p)
		}
	}
	return pages
}
