package build

import (
	"path"
	"slices"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/images"
	"wallpress/generator/site"
)

// checkNames reports every two sources that would be published under the
// same name as a web host sees it: many hosts (Windows, macOS, most
// hosting panels) do not tell capital from small letters, nor composed from
// decomposed accents, and the images are published under names of their
// own (pic.png → pic-png-480w.jpg). Two such files would overwrite each
// other, or the output would fail half-way; the site's own folders
// (stories/, static/…) may not be taken either. It runs in check and
// build alike, after the images are processed (their sizes decide which
// variants there are), and names both sources.
func checkNames(m *Model, list *diag.List) {
	n := &names{seen: map[string]claim{}, told: map[[2]string]bool{}, list: list, fold: cases.Fold(), pages: map[string]bool{}}
	for _, p := range m.Tree.Pages {
		n.pages[p.File] = true
	}
	for _, r := range site.Reserved {
		if r == "index.html" {
			continue // the home page's own
		}
		n.add(claim{name: r, dir: !strings.Contains(r, ".")})
	}
	for _, p := range m.Tree.Pages {
		if p != m.Tree.Home && !p.Publish.Online() {
			continue
		}
		dir := strings.TrimSuffix(p.URL, "/")
		if dir != "" {
			n.folders(path.Dir(dir))
			if path.Base(p.Rel) == "_index.md" {
				n.add(claim{name: dir, source: content.Dir + "/" + dir, dir: true})
			} else {
				n.add(claim{name: dir, source: p.File, dir: true})
			}
		}
		n.add(claim{name: p.URL + "index.html", source: p.File})
	}
	for _, src := range onlineImages(m.Tree, m.bodyImages) {
		r, ok := m.Processed[src]
		if !ok {
			continue
		}
		n.folders(path.Dir(src))
		for _, v := range r.Variants {
			n.add(claim{name: images.VariantPath(m.publishedAs(src), v.Width), source: content.Dir + "/" + src})
		}
	}
}

// claim is a name of the website and what makes it.
type claim struct {
	name string
	// source is the content file or folder the name comes from; "" for
	// the site's own names.
	source string
	dir    bool
}

type names struct {
	seen  map[string]claim // by the name as a host sees it
	told  map[[2]string]bool
	list  *diag.List
	fold  cases.Caser
	pages map[string]bool
}

// folders claims a folder of content and the folders above it.
func (n *names) folders(dir string) {
	if dir == "." || dir == "" {
		return
	}
	n.folders(path.Dir(dir))
	n.add(claim{name: dir, source: content.Dir + "/" + dir, dir: true})
}

func (n *names) add(c claim) {
	k := n.fold.String(norm.NFC.String(c.name))
	old, ok := n.seen[k]
	switch {
	case !ok:
		n.seen[k] = c
		return
	case old.name == c.name && old.dir && c.dir && old.source != "" && c.source != "":
		return // one folder of content, shared
	case old.name == c.name && old.source == c.source && old.dir == c.dir:
		return
	}
	pair := [2]string{old.source, c.source}
	slices.Sort(pair[:])
	if n.told[pair] {
		return
	}
	n.told[pair] = true
	if old.source == "" || c.source == "" {
		if c.source == "" {
			old, c = c, old
		}
		if c.name == old.name {
			// Only a folder of content can have the very name of one of
			// the site's (its pages and images are files inside folders).
			n.list.Error(n.pos(c.source), "content.reserved", diag.Args{"name": c.name}, "content.reserved.hint")
			return
		}
		n.list.Error(n.pos(c.source), "content.collisionReserved", diag.Args{"name": shown(c), "reserved": shown(old)}, "content.reserved.hint")
		return
	}
	a, b := old, c
	if b.source < a.source {
		a, b = b, a
	}
	n.list.Error(n.pos(b.source), "content.collision", diag.Args{"name": shown(c), "other": a.source}, "content.collision.hint")
}

// pos is where a collision is told: a page's file, or a folder's
// _index.md when it has one, else the file or folder itself.
func (n *names) pos(source string) diag.Pos {
	if n.pages[source] {
		return diag.Pos{File: source, Line: 1}
	}
	if index := source + "/_index.md"; n.pages[index] {
		return diag.Pos{File: index, Line: 1}
	}
	return diag.Pos{File: source}
}

// shown is a website name as a message shows it: folders end in "/".
func shown(c claim) string {
	if c.dir {
		return c.name + "/"
	}
	return c.name
}

// onlineImages lists, sorted, the content images that an online page
// shows: those the website publishes.
func onlineImages(tree *content.Site, bodyImages map[*content.Page][]string) []string {
	online := map[string]bool{}
	for _, p := range tree.Pages {
		if !p.Publish.Online() {
			continue
		}
		for _, im := range p.Images() {
			online[im.Src] = true
		}
		if p.Ledger != nil {
			for _, src := range p.Ledger.Receipts {
				online[src] = true
			}
		}
		for _, src := range bodyImages[p] {
			online[src] = true
		}
	}
	srcs := make([]string, 0, len(online))
	for src := range online {
		srcs = append(srcs, src)
	}
	slices.Sort(srcs)
	return srcs
}
