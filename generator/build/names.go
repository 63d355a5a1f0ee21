package build

import (
	"path"
	"strings"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/images"
	"wallpress/generator/output"
	"wallpress/generator/site"
)

// checkNames reports every two sources that would be published under the
// same name as a web host sees it (output.Names): the images are published
// under names of their own (pic.png → pic-png-480w.jpg), and the site's own
// folders (stories/, static/…) may not be taken either. It runs in check
// and build alike, after the images are processed (their sizes decide which
// variants there are), and names both sources.
func checkNames(m *Model, list *diag.List) {
	pages := map[string]bool{}
	for _, p := range m.Tree.Pages {
		pages[p.File] = true
	}
	// A collision is told at a page's file, or a folder's _index.md when
	// it has one, else at the file or folder itself.
	n := output.NewNames(list, func(source string) diag.Pos {
		if pages[source] {
			return diag.Pos{File: source, Line: 1}
		}
		if index := source + "/_index.md"; pages[index] {
			return diag.Pos{File: index, Line: 1}
		}
		return diag.Pos{File: source}
	})
	for _, r := range site.Reserved {
		if r == "index.html" {
			continue // the home page's own
		}
		n.Add(r, "", !strings.Contains(r, "."))
	}
	for _, p := range m.Tree.Pages {
		if p != m.Tree.Home && !p.Publish.Online() {
			continue
		}
		dir := strings.TrimSuffix(p.URL, "/")
		if dir != "" {
			n.Folders(path.Dir(dir), content.Dir)
			if path.Base(p.Rel) == "_index.md" {
				n.Add(dir, content.Dir+"/"+dir, true)
			} else {
				n.Add(dir, p.File, true)
			}
		}
		n.Add(p.URL+"index.html", p.File, false)
	}
	for _, src := range m.Online(m.Tree) {
		n.Folders(path.Dir(src), content.Dir)
		for _, v := range m.Processed[src].Variants {
			n.Add(images.VariantPath(m.Paths.Of(src), v.Width), content.Dir+"/"+src, false)
		}
	}
}
