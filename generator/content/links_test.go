package content

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"wallpress/generator/diag"
)

// secret is the text of files outside the site: no message may show it.
const secret = "root:x:0:0:SECRET-LINE"

// linkSite lays out a site root with content/ holding minimal's files, a
// folder beside the site with secret files, and the links given (link name
// under content/ → link text). It returns the root.
func linkSite(t *testing.T, links map[string]string, extra map[string]string) string {
	t.Helper()
	base := t.TempDir()
	root := filepath.Join(base, "site")
	outside := filepath.Join(base, "outside")
	write := func(p, data string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range minimal {
		write(filepath.Join(root, "content", filepath.FromSlash(name)), data)
	}
	for name, data := range extra {
		write(filepath.Join(root, "content", filepath.FromSlash(name)), data)
	}
	write(filepath.Join(root, "config.yaml"), secret+"\n")
	write(filepath.Join(outside, "passwd.md"), "---\ntitle: "+secret+"\n---\n"+secret+"\n")
	write(filepath.Join(outside, "secret.jpg"), secret)
	write(filepath.Join(outside, "group", "_index.md"), "---\nname: "+secret+"\n---\n")
	write(filepath.Join(outside, "group", "story-x.md"), "---\ntitle: "+secret+"\n---\n")
	for name, target := range links {
		target = strings.ReplaceAll(target, "$OUT", outside)
		p := filepath.Join(root, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	return root
}

func loadSite(t *testing.T, root string) (*Site, []diag.Diagnostic) {
	t.Helper()
	fsys := OpenSite(root)
	t.Cleanup(func() { fsys.Close() })
	var l diag.List
	s := Load(fsys, &l)
	items := l.Items()
	// os.Root alone, as where openat2 is missing, finds the same.
	var l2 diag.List
	Load(rootOnly(t, root), &l2)
	if a, b := fmt.Sprint(items), fmt.Sprint(l2.Items()); a != b {
		t.Errorf("os.Root alone finds\n%s\nopenat2 finds\n%s", b, a)
	}
	for _, d := range items {
		if strings.Contains(d.Pos.String()+d.Key+stringArgs(d.Args), "SECRET") {
			t.Errorf("a message shows an outside file's content: %s %s %v", d.Pos, d.Key, d.Args)
		}
	}
	for _, p := range s.Pages {
		if strings.Contains(p.Title+string(p.Body), "SECRET") {
			t.Errorf("page %s holds an outside file's content", p.File)
		}
	}
	return s, items
}

func stringArgs(a diag.Args) string {
	var b strings.Builder
	for k, v := range a {
		b.WriteString(k)
		if s, ok := v.(string); ok {
			b.WriteString(s)
		}
	}
	return b.String()
}

// find returns the diagnostics with key in file.
func find(items []diag.Diagnostic, file, key string) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, d := range items {
		if d.Pos.File == file && d.Key == key {
			out = append(out, d)
		}
	}
	return out
}

func hasPage(s *Site, rel string) bool {
	return slices.ContainsFunc(s.Pages, func(p *Page) bool { return p.Rel == rel })
}

func TestSymlinksOutside(t *testing.T) {
	tests := []struct {
		name, link, target string
		// file and line of a second message, from the record that uses the
		// link, when there is one.
		useFile string
		useLine int
		useKey  string
	}{
		{name: "absolute markdown", link: "c/g/story-passwd.md", target: "/etc/passwd"},
		{name: "outside markdown", link: "c/g/story-leak.md", target: "$OUT/passwd.md"},
		{name: "relative up", link: "c/g/story-up.md", target: "../../../../outside/passwd.md"},
		{name: "config beside content", link: "c/g/story-config.md", target: "../../../config.yaml"},
		{name: "image", link: "c/g/leak.jpg", target: "../../../../outside/secret.jpg",
			useFile: "content/c/g/photo-leak.md", useLine: 3, useKey: "content.pathLink"},
		{name: "group folder", link: "c/g9", target: "$OUT/group"},
		{name: "out and back", link: "c/g/back.md", target: "../../../content/c/g/story-1.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			extra := map[string]string{}
			if tc.useFile != "" {
				extra[strings.TrimPrefix(tc.useFile, "content/")] = "---\ntitle: 漏\nphoto: leak.jpg\n---\n"
			}
			root := linkSite(t, map[string]string{tc.link: tc.target}, extra)
			s, items := loadSite(t, root)
			ds := find(items, "content/"+tc.link, "content.symlinkOutside")
			if len(ds) != 1 {
				t.Fatalf("want one content.symlinkOutside at content/%s, got %+v", tc.link, items)
			}
			want := strings.ReplaceAll(tc.target, "$OUT", filepath.Join(filepath.Dir(root), "outside"))
			if ds[0].Args["target"] != want || ds[0].Severity != diag.Error {
				t.Errorf("diagnostic %+v, want an error naming %s", ds[0], want)
			}
			if hasPage(s, tc.link) || hasPage(s, tc.link+"/_index.md") {
				t.Errorf("the link was followed")
			}
			if tc.useFile != "" {
				ds := find(items, tc.useFile, tc.useKey)
				if len(ds) != 1 || ds[0].Pos.Line != tc.useLine || ds[0].Args["link"] != "content/"+tc.link {
					t.Errorf("record using the link: want %s at line %d, got %+v", tc.useKey, tc.useLine, items)
				}
			}
		})
	}
}

func TestSymlinksInside(t *testing.T) {
	root := linkSite(t, map[string]string{
		"c/g/b.jpg":            "a.jpg",
		"c/g/story-linked.md":  "story-1.md",
		"c/g/../g3":            "g",
		"c/g/photo-chain.md":   "sub/../family-photo.md",
		"c/g/sub/chain.jpg":    "../b.jpg",
		"c/g2/convention-b.md": "../g/convention.md",
	}, map[string]string{
		"c/g/photo-b.md":      "---\ntitle: 链接的照片\nphoto: b.jpg\n---\n",
		"c/g/photo-chain2.md": "---\ntitle: 两次链接\nphoto: sub/chain.jpg\n---\n",
	})
	s, items := loadSite(t, root)
	// g3 is g under another name, so its name is g's: worth a word, but
	// the link itself is fine.
	items = slices.DeleteFunc(items, func(d diag.Diagnostic) bool {
		return d.Key == "content.sameGroupName" && d.Pos.File == "content/c/g3/_index.md"
	})
	if len(items) != 0 {
		t.Fatalf("links inside content/ are allowed, got %+v", items)
	}
	for _, rel := range []string{"c/g/story-linked.md", "c/g3/_index.md", "c/g3/story-1.md", "c/g/photo-chain.md", "c/g/photo-b.md", "c/g/photo-chain2.md", "c/g2/convention-b.md"} {
		if !hasPage(s, rel) {
			t.Errorf("%s is not loaded", rel)
		}
	}
}

func TestSymlinksBrokenAndLoops(t *testing.T) {
	root := linkSite(t, map[string]string{
		"c/g/gone.jpg":    "nothing.jpg",
		"c/g/loop":        "..",
		"c/g/self":        ".",
		"c/g/ping.md":     "pong.md",
		"c/g/pong.md":     "ping.md",
		"c/g/sub/up":      "../../g",
		"c/g/dangle/x.md": "../../../../../nowhere.md",
	}, nil)
	_, items := loadSite(t, root)
	for file, key := range map[string]string{
		"content/c/g/gone.jpg":    "content.symlinkBroken",
		"content/c/g/loop":        "content.symlinkLoop",
		"content/c/g/self":        "content.symlinkLoop",
		"content/c/g/ping.md":     "content.symlinkLoop",
		"content/c/g/pong.md":     "content.symlinkLoop",
		"content/c/g/sub/up":      "content.symlinkLoop",
		"content/c/g/dangle/x.md": "content.symlinkOutside",
	} {
		if len(find(items, file, key)) != 1 {
			t.Errorf("want %s at %s, got %+v", key, file, items)
		}
	}
}

// The content folder is read through an os.Root: even a read the walk has
// not checked cannot leave it.
// rootOnly is OpenSite without the openat2 fast path.
func rootOnly(t *testing.T, root string) *SiteFS {
	s := OpenSite(root)
	s.fast.close()
	s.fast = fastOpen{}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSiteFSRefusesOutside(t *testing.T) {
	root := linkSite(t, map[string]string{"c/g/leak.jpg": "../../../../outside/secret.jpg", "c/g/in.jpg": "a.jpg"}, nil)
	fast := OpenSite(root)
	defer fast.Close()
	for _, fsys := range []*SiteFS{fast, rootOnly(t, root)} {
		siteFSRefusesOutside(t, fsys)
	}
}

// Under content/, SiteFS behaves as a file system should, with and without
// openat2.
func TestSiteFSIsFS(t *testing.T) {
	root := linkSite(t, map[string]string{"c/g/in.jpg": "a.jpg", "c/g4": "g"}, nil)
	fast := OpenSite(root)
	defer fast.Close()
	for _, fsys := range []*SiteFS{fast, rootOnly(t, root)} {
		sub, err := fs.Sub(fsys, Dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := fstest.TestFS(sub, "c/g/a.jpg", "c/g/in.jpg", "c/g/convention.md"); err != nil {
			t.Errorf("SiteFS is not a proper fs.FS: %v", err)
		}
	}
}

func siteFSRefusesOutside(t *testing.T, fsys *SiteFS) {
	if data, err := fs.ReadFile(fsys, "content/c/g/leak.jpg"); err == nil {
		t.Errorf("read an outside file: %q", data)
	}
	if _, err := fs.ReadFile(fsys, "config.yaml"); err == nil {
		t.Errorf("read a file outside content/")
	}
	if data, err := fs.ReadFile(fsys, "content/c/g/in.jpg"); err != nil || string(data) != "jpeg" {
		t.Errorf("inside link: %q, %v", data, err)
	}
	if _, err := fs.Stat(fsys, "content/c/g/leak.jpg"); err == nil || !strings.Contains(err.Error(), "content/c/g/leak.jpg") {
		t.Errorf("error should name the file from the site root: %v", err)
	}
	if ents, err := fs.ReadDir(fsys, "content/c/g"); err != nil || len(ents) < 5 || !slices.IsSortedFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) }) {
		t.Errorf("ReadDir: %v, %v", ents, err)
	}
	if st, err := fs.Stat(fsys, "content/c/g/in.jpg"); err != nil || st.Size() != 4 || st.IsDir() {
		t.Errorf("Stat through an inside link: %v, %v", st, err)
	}
}

func TestMissingContentFolder(t *testing.T) {
	fsys := OpenSite(t.TempDir())
	var l diag.List
	Load(fsys, &l)
	if ds := find(l.Items(), "content", "content.read"); len(ds) != 1 || ds[0].Hint != "content.missing.hint" {
		t.Errorf("got %+v", l.Items())
	}
}

func TestControlCharacterNames(t *testing.T) {
	root := linkSite(t, nil, map[string]string{
		"c/g/story-a\nb.md":    "---\ntitle: 换行\n---\n",
		"c/g/tab\tfolder/x.md": "---\ntitle: x\n---\n",
		"c/g/pic\r.jpg":        "jpeg",
	})
	s, items := loadSite(t, root)
	for _, file := range []string{`content/c/g/story-a\nb.md`, `content/c/g/tab\tfolder`, `content/c/g/pic\r.jpg`} {
		if ds := find(items, file, "content.controlChar"); len(ds) != 1 || ds[0].Severity != diag.Error {
			t.Errorf("want content.controlChar at %s, got %+v", file, items)
		}
	}
	for _, p := range s.Pages {
		if hasControl(p.Rel) {
			t.Errorf("page %q loaded", p.Rel)
		}
	}
}

// FuzzRealPath resolves arbitrary link texts in a tree with links of its
// own: the result is refused or a clean path inside content/, never a way
// out of it.
func FuzzRealPath(f *testing.F) {
	fsys := fstest.MapFS{
		"content/c/g/a.jpg":  {Data: []byte("x")},
		"content/c/g/up":     {Data: []byte("../.."), Mode: fs.ModeSymlink},
		"content/c/g/out":    {Data: []byte("../../../x"), Mode: fs.ModeSymlink},
		"content/c/g/loop":   {Data: []byte("loop"), Mode: fs.ModeSymlink},
		"content/c/g/in.jpg": {Data: []byte("a.jpg"), Mode: fs.ModeSymlink},
	}
	for _, s := range []string{"a.jpg", "../g/a.jpg", "up/c/g/in.jpg", "up/..", "out", "loop", "/etc/passwd", "./././", "up/up", "", "..//..", "nothing/../../.."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, target string) {
		p, err := realPath(fsys, Dir, "content/c/g", target, 0)
		if err != nil {
			return
		}
		if p != Dir && !strings.HasPrefix(p, Dir+"/") {
			t.Fatalf("realPath(%q) = %q leaves content/", target, p)
		}
		for part := range strings.SplitSeq(p, "/") {
			if part == ".." || part == "." || part == "" {
				t.Fatalf("realPath(%q) = %q is not clean", target, p)
			}
		}
	})
}
