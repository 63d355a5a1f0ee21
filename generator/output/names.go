package output

import (
	"path"
	"slices"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"wallpress/generator/diag"
)

// Names finds the names of a tree that a web host would take for one:
// many hosts (Windows, macOS, most hosting panels) do not tell capital from
// small letters, nor composed from decomposed accents. Two such files would
// overwrite each other, or the output would fail half-way. Each name is
// claimed by a source (a content file or folder, or nobody for the site's
// own names), and every two sources that collide are reported once, naming
// both.
type Names struct {
	seen map[string]claim // by the name as a host sees it
	told map[[2]string]bool
	list *diag.List
	fold cases.Caser
	// at says where a collision with source is told.
	at func(source string) diag.Pos
}

// claim is a name of the tree and what makes it.
type claim struct {
	name string
	// source is the content file or folder the name comes from; "" for
	// the site's own names.
	source string
	dir    bool
}

// NewNames returns a checker reporting into list; at says where a
// collision with a source is told.
func NewNames(list *diag.List, at func(source string) diag.Pos) *Names {
	return &Names{seen: map[string]claim{}, told: map[[2]string]bool{}, list: list, fold: cases.Fold(), at: at}
}

// Folders claims a folder of the tree and the folders above it, each the
// folder of the same name under the source folder dir (content/).
func (n *Names) Folders(name, dir string) {
	if name == "." || name == "" {
		return
	}
	n.Folders(path.Dir(name), dir)
	n.Add(name, dir+"/"+name, true)
}

// Add claims name (a folder when dir is set) for source; "" is the site's
// own.
func (n *Names) Add(name, source string, dir bool) {
	c := claim{name: name, source: source, dir: dir}
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
			n.list.Error(n.at(c.source), "content.reserved", diag.Args{"name": c.name}, "content.reserved.hint")
			return
		}
		n.list.Error(n.at(c.source), "content.collisionReserved", diag.Args{"name": shown(c), "reserved": shown(old)}, "content.reserved.hint")
		return
	}
	a, b := old, c
	if b.source < a.source {
		a, b = b, a
	}
	n.list.Error(n.at(b.source), "content.collision", diag.Args{"name": shown(c), "other": a.source}, "content.collision.hint")
}

// shown is a name as a message shows it: folders end in "/".
func shown(c claim) string {
	if c.dir {
		return c.name + "/"
	}
	return c.name
}
