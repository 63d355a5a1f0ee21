package content

import (
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/sync/errgroup"

	"wallpress/generator/diag"
)

// Load reads every markdown file under content/ in fsys (the site root) and
// builds the tree. Drafts are skipped. Problems go to list; the returned site
// holds what could be read. LoadWith reads with options (drafts too).
//
// The folders are walked first, which is cheap, checking every name and
// symbolic link (see walker); the files are then read and parsed on every
// core, since reading, YAML and checking are most of the time of a large
// site. fsys must allow concurrent use (SiteFS, os.DirFS and fstest.MapFS
// do); the build passes a SiteFS, which no link can lead out of content/.
func Load(fsys fs.FS, list *diag.List) *Site { return LoadWith(fsys, Options{}, list) }

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, o Options, list *diag.List) *Site {
	w := &walker{fsys: fsys, list: list, top: Dir, md: true}
	w.walk(Dir, Dir, nil)
	files := pageOrFolder(w.files, list)
	pages := parseAll(fsys, files, o, list)
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

// pageOrFolder finds a record written twice, as a file and as a folder
// with an _index.md in it (story.md and story/_index.md, as other site
// generators make "page bundles"): both would be the page story/. One error
// names both files, and the one that cannot be right here is left out: the
// folder's _index.md where records belong (only neighbourhoods and groups
// have an _index.md), the file otherwise.
func pageOrFolder(files []string, list *diag.List) []string {
	byName := make(map[string]string, len(files))
	for _, f := range files {
		byName[strings.ToLower(mdName(f))] = f
	}
	drop := map[string]bool{}
	for _, f := range files {
		if !strings.EqualFold(mdName(path.Base(f)), "_index.md") {
			continue
		}
		folder := path.Dir(f)
		file, ok := byName[strings.ToLower(folder+".md")]
		if !ok {
			continue
		}
		// content/_index.md is depth 1 here: a record's folder is at
		// content/community/group/record, depth 4.
		left, other := f, file
		if strings.Count(f, "/") < 4 {
			left, other = file, f
		}
		drop[left] = true
		list.Error(diag.Pos{File: left, Line: 1}, "content.pageAndFolder",
			diag.Args{"other": other, "file": file, "folder": folder + "/"}, "content.pageAndFolder.hint")
	}
	if len(drop) == 0 {
		return files
	}
	return slices.DeleteFunc(files, func(f string) bool { return drop[f] })
}

// parseAll reads and parses files on every core. The pages keep the order
// of files (the walk's, which is sorted), so that the tree and its messages
// do not depend on which worker finished first.
func parseAll(fsys fs.FS, files []string, o Options, list *diag.List) []*Page {
	parsed := make([]*Page, len(files))
	// Workers take chunks of the list rather than single files, so that
	// handing out work costs nothing next to parsing it.
	const chunk = 64
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(files); lo += chunk {
		g.Go(func() error {
			for i := lo; i < min(lo+chunk, len(files)); i++ {
				data, err := fs.ReadFile(fsys, files[i])
				if err != nil {
					list.Error(diag.Pos{File: files[i]}, "content.read", diag.Args{"err": err.Error()}, "")
					continue
				}
				parsed[i] = parse(fsys, files[i], data, o, list)
			}
			return nil
		})
	}
	g.Wait() // problems go to list: the workers return no error
	pages := parsed[:0]
	for _, p := range parsed {
		if p != nil {
			pages = append(pages, p)
		}
	}
	return pages
}

// CheckLinks reports every symbolic link under dir (a folder of the site
// root in fsys, such as themes/default) that leads out of dir's top folder,
// and names with control characters, as Load does for content/. fsys must
// be able to read links (os.DirFS can); no file is opened.
func CheckLinks(fsys fs.FS, dir string, list *diag.List) {
	top, _, _ := strings.Cut(dir, "/")
	w := &walker{fsys: fsys, list: list, top: top}
	w.walk(dir, dir, nil)
}

// walker lists the markdown files under a folder, checking every name on
// the way. Symbolic links are followed only where they stay inside the top
// folder (content/): a link that leads out, or that cannot be resolved, is
// an error naming the link and the text it points to — never the content
// of what it points to, which is not opened.
type walker struct {
	fsys fs.FS
	list *diag.List
	// top is the folder links may not leave; md says to collect markdown
	// files.
	top   string
	md    bool
	files []string
}

// maxLinks bounds how many links one name may go through, as the operating
// system does, so that a loop of links ends in an error.
const maxLinks = 40

// walk reads the folder dir, whose real place (after the links on the way
// to it are followed) is real. chain holds the real places of the folders
// above it, to refuse a link to one of them, which would never end.
func (w *walker) walk(dir, real string, chain []string) {
	ents, err := fs.ReadDir(w.fsys, dir)
	if err != nil {
		hint := ""
		if dir == w.top {
			hint = "content.missing.hint"
		}
		w.list.Error(diag.Pos{File: dir}, "content.read", diag.Args{"err": err.Error()}, hint)
		return
	}
	chain = append(chain, real)
	for _, e := range ents {
		name := e.Name()
		p := dir + "/" + name
		if hiddenName(name) {
			continue
		}
		if hasControl(name) {
			shown := Printable(p)
			w.list.Error(diag.Pos{File: shown}, "content.controlChar", diag.Args{"name": Printable(name)}, "content.controlChar.hint")
			continue
		}
		isDir, to := e.IsDir(), real+"/"+name
		if e.Type()&fs.ModeSymlink != 0 {
			var ok bool
			if to, isDir, ok = w.follow(p, real); !ok {
				continue
			}
			if isDir && slices.ContainsFunc(chain, func(c string) bool { return within(c, to) }) {
				target, _ := fs.ReadLink(w.fsys, p)
				w.list.Error(diag.Pos{File: p}, "content.symlinkLoop", diag.Args{"target": Printable(target)}, "content.symlink.hint")
				continue
			}
		}
		if isDir {
			w.walk(p, to, chain)
			continue
		}
		if w.md && strings.EqualFold(path.Ext(name), ".md") {
			w.files = append(w.files, p)
		} else if w.md && isMDTxt(name) {
			// Notepad adds .txt to "activity.md" unless "All files" is
			// chosen, and Windows hides the .txt: the volunteer believes
			// the file is markdown, so it is read as such.
			w.list.Warn(diag.Pos{File: p}, "content.mdTxt", diag.Args{"name": name, "want": mdName(name)}, "content.mdTxt.hint")
			w.files = append(w.files, p)
		}
	}
}

// isMDTxt reports a markdown file saved with Notepad's ".txt" added
// (activity.md.txt).
func isMDTxt(name string) bool {
	return len(name) > len(".md.txt") && strings.EqualFold(name[len(name)-len(".md.txt"):], ".md.txt")
}

// mdName is the name a markdown file is known by: a trailing ".txt" after
// ".md" is dropped, so that activity.md.txt makes the page activity.md
// would.
func mdName(name string) string {
	if isMDTxt(name) {
		return name[:len(name)-len(".txt")]
	}
	return name
}

// within reports whether p is the folder dir or inside it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// follow resolves the link p in the folder whose real place is dir. It
// returns where the link leads and whether that is a folder; ok is false
// when the link was refused (and reported).
func (w *walker) follow(p, dir string) (to string, isDir, ok bool) {
	target, err := fs.ReadLink(w.fsys, p)
	if err != nil {
		w.list.Error(diag.Pos{File: p}, "content.read", diag.Args{"err": err.Error()}, "")
		return "", false, false
	}
	args := diag.Args{"target": Printable(target), "top": w.top}
	to, err = realPath(w.fsys, w.top, dir, target, 0)
	switch err {
	case nil:
	case errOutside:
		w.list.Error(diag.Pos{File: p}, "content.symlinkOutside", args, "content.symlink.hint")
		return "", false, false
	default:
		w.list.Error(diag.Pos{File: p}, "content.symlinkLoop", args, "content.symlink.hint")
		return "", false, false
	}
	st, err := fs.Stat(w.fsys, p)
	if err != nil {
		w.list.Error(diag.Pos{File: p}, "content.symlinkBroken", args, "content.symlink.hint")
		return "", false, false
	}
	return to, st.IsDir(), true
}

type linkError string

func (e linkError) Error() string { return string(e) }

const (
	errOutside = linkError("the link leads out of its folder")
	errTooMany = linkError("too many links")
)

// realPath resolves target, the text of a link in the folder dir (a real
// slash path under top, without links), to the real path it leads to,
// following the links on the way. It fails with errOutside when the way
// leaves top at any point (an absolute target, or ".." above top) — the
// operating system refuses such a way in an os.Root too, even if it comes
// back — and with errTooMany for a loop of links. A name on the way that
// does not exist ends the resolution: the rest is taken as written.
func realPath(fsys fs.FS, top, dir, target string, hops int) (string, error) {
	if hops > maxLinks {
		return "", errTooMany
	}
	if path.IsAbs(target) || filepath.IsAbs(filepath.FromSlash(target)) {
		return "", errOutside
	}
	cur := strings.Split(dir, "/")
	floor := strings.Count(top, "/") + 1
	parts := strings.Split(target, "/")
	missing := false
	for _, part := range parts {
		switch part {
		case "", ".":
			continue
		case "..":
			if len(cur) <= floor {
				return "", errOutside
			}
			cur = cur[:len(cur)-1]
			continue
		}
		next := strings.Join(cur, "/") + "/" + part
		if missing {
			cur = append(cur, part)
			continue
		}
		st, err := fs.Lstat(fsys, next)
		if err != nil {
			missing = true
			cur = append(cur, part)
			continue
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			cur = append(cur, part)
			continue
		}
		t, err := fs.ReadLink(fsys, next)
		if err != nil {
			return "", err
		}
		r, err := realPath(fsys, top, strings.Join(cur, "/"), t, hops+1)
		if err != nil {
			return "", err
		}
		cur = strings.Split(r, "/")
	}
	return strings.Join(cur, "/"), nil
}

// hasControl reports a name with a control character (a line break, a tab):
// such a name would make a file or folder of the website that no link can
// name, and it shows up broken in every message.
func hasControl(name string) bool {
	return strings.ContainsFunc(name, unicode.IsControl)
}

// Printable shows a name with its control characters escaped (\n), so that
// a message naming it stays on its line.
func Printable(s string) string {
	if !hasControl(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// linkOutside finds the link on the way to the name p (under content/) that
// leads out of content/, if there is one: it returns the link and the text
// it points to.
func linkOutside(fsys fs.FS, p string) (link, target string, ok bool) {
	parts := strings.Split(p, "/")
	for i := 2; i <= len(parts); i++ {
		q := strings.Join(parts[:i], "/")
		st, err := fs.Lstat(fsys, q)
		if err != nil {
			return "", "", false
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		t, err := fs.ReadLink(fsys, q)
		if err != nil {
			return "", "", false
		}
		if _, err := realPath(fsys, Dir, strings.Join(parts[:i-1], "/"), t, 0); err != nil {
			return q, t, true
		}
	}
	return "", "", false
}

// Hidden reports whether the loader skips the file at slash path f: a name
// in it is hidden (hiddenName). serve ignores edits to such files.
func Hidden(f string) bool {
	return slices.ContainsFunc(strings.Split(f, "/"), hiddenName)
}

// hiddenName reports whether a file or folder name is one of editors' and
// Office's hidden and lock files, which the loader skips: it starts with
// "." or "~$".
func hiddenName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}
