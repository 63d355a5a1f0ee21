package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/yamlutil"
)

// themeDir is the repository's default theme, whose archetypes are tested.
func themeDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../themes/default")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

var today = time.Date(2025, 3, 9, 10, 0, 0, 0, time.Local)

// siteRoot returns a site folder whose content holds the given
// neighbourhood and group folders ("a", "a/b"), each with its _index.md.
func siteRoot(t *testing.T, folders ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range folders {
		dir := filepath.Join(root, "content", filepath.FromSlash(f))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\nname: x\n---\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// frontMatter returns the YAML between the two "---" lines of a file.
func frontMatter(t *testing.T, text string) string {
	t.Helper()
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		t.Fatalf("no opening ---: %q", text[:min(len(text), 40)])
	}
	front, _, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		t.Fatal("no closing ---")
	}
	return front
}

// kindKeys are the keys docs/content.md names for each kind, besides the
// common ones. An archetype must show every one of them (photos and pairs
// as commented alternatives, csv commented because it replaces the table).
func kindKeys() map[string][]string {
	return map[string][]string{
		"site":         {"intro"},
		"community":    {"name", "address", "groups"},
		"group":        {"name", "households", "leader", "council", "slogan", "brand", "photo"},
		"convention":   {"adopted", "households", "signed"},
		"photo":        {"photo", "#photos", "taken", "people"},
		"ledger":       {"period", "opening", "#closing", "keeper", "auditor", "#csv"},
		"story":        {"before", "after", "#pairs", "location", "quote"},
		"deliberation": {"stage", "meeting", "participants", "decision", "#votes"},
		"activity":     {"photos"},
	}
}

func TestEveryKindBothLanguages(t *testing.T) {
	paths := map[string]string{
		"site":         "content",
		"community":    "gongnong-sancun",
		"group":        "content/gongnong-sancun/building-12",
		"convention":   "gongnong-sancun/building-12/convention",
		"photo":        "gongnong-sancun/building-12/family-photo.md",
		"ledger":       "content/gongnong-sancun/building-12/account-2025",
		"story":        "gongnong-sancun/building-12/corridor-spring",
		"deliberation": "gongnong-sancun/building-12/parking-2025.md",
		"activity":     `gongnong-sancun\building-12\cleanup-day`,
	}
	for _, lang := range []string{"zh-CN", "en"} {
		root := t.TempDir()
		for _, kind := range Kinds() {
			got, err := New(root, themeDir(t), lang, kind, paths[kind], today)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, kind, err)
			}
			b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(got)))
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			front := frontMatter(t, text)
			var l diag.List
			doc := yamlutil.Parse([]byte(front), got, 2, &l)
			if l.Len() != 0 || doc == nil {
				t.Fatalf("%s %s: front matter does not parse cleanly: %+v", lang, kind, l.Items())
			}
			m := yamlutil.Root(doc)
			if v := yamlutil.Get(m, "type"); v == nil || v.Value != kind {
				t.Errorf("%s %s: type %v", lang, kind, v)
			}
			if v := yamlutil.Get(m, "date"); v == nil || v.Value != "2025-03-09" {
				t.Errorf("%s %s: date is not today: %v", lang, kind, v)
			}
			if strings.Contains(text, "{{") {
				t.Errorf("%s %s: unfilled placeholder", lang, kind)
			}
			for _, k := range []string{"title", "draft", "publish", "summary"} {
				if yamlutil.Get(m, k) == nil {
					t.Errorf("%s %s: no %s", lang, kind, k)
				}
			}
			for _, k := range kindKeys()[kind] {
				if alt, ok := strings.CutPrefix(k, "#"); ok {
					if !strings.Contains(front, "# "+alt+":") {
						t.Errorf("%s %s: no commented %s", lang, kind, alt)
					}
				} else if yamlutil.Get(m, k) == nil {
					t.Errorf("%s %s: no %s", lang, kind, k)
				}
			}
			// Every key has a comment line right above it.
			lines := strings.Split(front, "\n")
			for i, line := range lines {
				if line != "" && !strings.HasPrefix(strings.TrimLeft(line, " -"), "#") && strings.Contains(line, ":") &&
					!strings.HasPrefix(line, "  ") && (i == 0 || !strings.HasPrefix(strings.TrimSpace(lines[i-1]), "#")) {
					t.Errorf("%s %s: key line %q has no comment above it", lang, kind, line)
				}
			}
			// The comments are in the site's language.
			hasHan := strings.ContainsFunc(front, func(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF })
			if (lang == "zh-CN") != hasHan {
				t.Errorf("%s %s: Chinese text present = %v", lang, kind, hasHan)
			}
		}
	}
}

func TestBodies(t *testing.T) {
	root := siteRoot(t, "a", "a/b", "a/c")
	for _, c := range []struct {
		lang, kind, path, want string
	}{
		{"zh-CN", "convention", "a/b/convention", "\n1. "},
		{"en", "convention", "a/c/convention", "\n1. "},
		{"zh-CN", "ledger", "a/b/account", "| 日期 | 摘要 | 类别 | 收入 | 支出 | 经手人 | 结余 |"},
		{"en", "ledger", "a/c/account", "| date | item | category | income | expense | by | balance |"},
	} {
		got, err := New(root, themeDir(t), c.lang, c.kind, c.path, today)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(root, got))
		if _, body, _ := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---\n"); !strings.Contains(body, c.want) {
			t.Errorf("%s %s body lacks %q", c.lang, c.kind, c.want)
		}
	}
}

func TestPathsAndTitles(t *testing.T) {
	for _, c := range []struct {
		lang, kind, path, file, title string
	}{
		{"zh-CN", "site", "", "content/_index.md", "首页"},
		{"zh-CN", "site", ".", "content/_index.md", "首页"},
		{"en", "site", "content/_index.md", "content/_index.md", "Home"},
		// A Chinese site gets Chinese titles: the name when it is Chinese,
		// else the kind's own title, with the year of the name.
		{"zh-CN", "community", "./content/gongnong-sancun/", "content/gongnong-sancun/_index.md", ""},
		{"zh-CN", "community", "工农四村", "content/工农四村/_index.md", "工农四村"},
		{"zh-CN", "group", "工农三村/12号楼", "content/工农三村/12号楼/_index.md", "12号楼"},
		{"zh-CN", "group", "a/building-15", "content/a/building-15/_index.md", ""},
		{"zh-CN", "convention", "a/b/convention", "content/a/b/convention.md", "楼组公约"},
		{"zh-CN", "ledger", "a/b/account-2025", "content/a/b/account-2025.md", "2025年账本"},
		{"zh-CN", "Ledger", "content/a/../a/b/account", "content/a/b/account.md", "楼组账本"},
		{"zh-CN", "ledger", "a/b/2024年账本", "content/a/b/2024年账本.md", "2024年账本"},
		{"zh-CN", "photo", "a/b/family-photo-2024", "content/a/b/family-photo-2024.md", "2024年楼组全家福"},
		{"zh-CN", "story", "a/b/corridor_spring", "content/a/b/corridor_spring.md", "美丽楼道"},
		{"zh-CN", "story", "a/b/x.MD", "content/a/b/x.MD", "美丽楼道"},
		{"zh-CN", "deliberation", "a/b/parking-2025", "content/a/b/parking-2025.md", "2025年楼组议事"},
		{"zh-CN", "activity", `a/b/"quoted"`, `content/a/b/"quoted".md`, "楼组活动"},
		{"zh-CN", "楼道", "a/b/春季楼道", "content/a/b/春季楼道.md", "春季楼道"},
		{"zh-CN", "activity", `a/b/新春"活动"`, `content/a/b/新春"活动".md`, "新春活动"},
		// An English site keeps English titles from the file name.
		{"en", "community", "./content/gongnong-sancun/", "content/gongnong-sancun/_index.md", "Gongnong sancun"},
		{"en", "story", "a/b/corridor_spring", "content/a/b/corridor_spring.md", "Corridor spring"},
		{"en", "activity", `a/b/"quoted"`, `content/a/b/"quoted".md`, "Quoted"},
		{"en", "ledger", "a/b/account-2025", "content/a/b/account-2025.md", "Account 2025"},
	} {
		root := siteRoot(t, "a", "a/b", "工农三村")
		got, err := New(root, themeDir(t), c.lang, c.kind, c.path, today)
		if err != nil {
			t.Errorf("%s %s %q: %v", c.lang, c.kind, c.path, err)
			continue
		}
		if got != c.file {
			t.Errorf("%s %s %q: created %q, want %q", c.lang, c.kind, c.path, got, c.file)
		}
		b, _ := os.ReadFile(filepath.Join(root, got))
		var l diag.List
		m := yamlutil.Root(yamlutil.Parse([]byte(frontMatter(t, string(b))), got, 2, &l))
		if v := yamlutil.Get(m, "title"); v == nil || v.Value != c.title {
			t.Errorf("%s %s %q: title %v, want %q", c.lang, c.kind, c.path, v, c.title)
		}
	}
}

func TestYearIn(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{"a/b/account-2025.md", "2025"},
		{"a/b/2024年账本.md", "2024"},
		{"a/b/ledger_1999.md", "1999"},
		{"a/b/account.md", ""},
		{"a/b/room-120250.md", ""},
		{"a/b/2025-03-01.md", "2025"},
		{"a/building-12/_index.md", ""},
		{"a/team-2023/_index.md", "2023"},
		{"a/b/x-3025.md", ""},
	} {
		if got := yearIn(c.file); got != c.want {
			t.Errorf("yearIn(%q) = %q, want %q", c.file, got, c.want)
		}
	}
}

// What `new` writes for the volunteer to fill in is empty, with a comment
// that says what goes there: no demo names, households or votes that look
// real and would be published as they stand.
func TestPlaceholdersAreEmpty(t *testing.T) {
	paths := map[string]string{
		"community": "c", "group": "c/g", "convention": "c/g/convention", "photo": "c/g/family-photo",
		"ledger": "c/g/account-2025", "story": "c/g/corridor-spring", "deliberation": "c/g/parking", "activity": "c/g/cleanup-day",
	}
	empty := map[string][]string{
		"community":    {"name", "address", "summary"},
		"group":        {"name", "households", "leader", "council", "slogan", "brand", "photo", "summary"},
		"convention":   {"households", "signed", "summary"},
		"photo":        {"photo", "people", "summary"},
		"ledger":       {"keeper", "auditor", "summary"},
		"story":        {"before", "after", "location", "summary"},
		"deliberation": {"participants", "decision", "summary"},
		"activity":     {"photos", "summary"},
	}
	demo := []string{"刘阿姨", "王师傅", "12号楼3单元", "工农三村", "Auntie Liu", "Master Wang", "Building 12, Entrance 3", "Gongnong Sancun"}
	for _, lang := range []string{"zh-CN", "en"} {
		root := t.TempDir()
		for _, kind := range Kinds()[1:] {
			file, err := New(root, themeDir(t), lang, kind, paths[kind], today)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, kind, err)
			}
			b, _ := os.ReadFile(filepath.Join(root, file))
			front := frontMatter(t, string(b))
			var l diag.List
			m := yamlutil.Root(yamlutil.Parse([]byte(front), file, 2, &l))
			for _, k := range empty[kind] {
				if k == "name" && lang == "en" {
					continue // an English folder name is a fair name: building-12 → Building 12
				}
				if v := yamlutil.Get(m, k); v == nil || v.Value != "" || len(v.Content) != 0 {
					t.Errorf("%s %s: %s is %v, want it present and empty", lang, kind, k, v)
				}
			}
			if q := yamlutil.Get(m, "quote"); q != nil {
				for _, k := range []string{"text", "by"} {
					if v := yamlutil.Get(q, k); v == nil || v.Value != "" {
						t.Errorf("%s %s: quote.%s is %v", lang, kind, k, v)
					}
				}
			}
			// Demo values may appear nowhere, but as a comment's example.
			for i, line := range strings.Split(string(b), "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "#") {
					continue
				}
				for _, d := range demo {
					if strings.Contains(line, d) {
						t.Errorf("%s %s line %d: demo value %q: %s", lang, kind, i+1, d, line)
					}
				}
			}
			// Every record and group says how to list the residents its
			// text names, so that the website masks them.
			if kind != "community" && !strings.Contains(front, "# people: [") && !strings.Contains(front, "people: [") {
				t.Errorf("%s %s: no commented people line", lang, kind)
			}
		}
	}
}

func TestAbsolutePath(t *testing.T) {
	root := siteRoot(t, "a")
	got, err := New(root, themeDir(t), "en", "group", filepath.Join(root, "content", "a", "b"), today)
	if err != nil || got != "content/a/b/_index.md" {
		t.Fatalf("got %q, %v", got, err)
	}
	_, err = New(root, themeDir(t), "en", "group", filepath.Join(root, "a", "b"), today)
	wantKey(t, err, "scaffold.outside")
}

func wantKey(t *testing.T, err error, key string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *scaffold.Error (want %s)", err, key)
	}
	if e.Key != key {
		t.Fatalf("key %s, want %s (%v)", e.Key, key, e)
	}
	return e
}

func TestOverwriteRefused(t *testing.T) {
	root := siteRoot(t, "a")
	if _, err := New(root, themeDir(t), "zh-CN", "group", "a/b", today); err != nil {
		t.Fatal(err)
	}
	got, err := New(root, themeDir(t), "zh-CN", "story", "a/b/corridor", today)
	if err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(root, got)
	if err := os.WriteFile(full, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = New(root, themeDir(t), "zh-CN", "story", "a/b/corridor.md", today)
	e := wantKey(t, err, "scaffold.exists")
	if e.Args["path"] != "content/a/b/corridor.md" {
		t.Errorf("args %v", e.Args)
	}
	if b, _ := os.ReadFile(full); string(b) != "mine" {
		t.Error("the existing file was changed")
	}
	// Also for folder kinds.
	_, err = New(root, themeDir(t), "zh-CN", "group", "content/a/b", today)
	wantKey(t, err, "scaffold.exists")
}

func TestRefused(t *testing.T) {
	for _, c := range []struct {
		kind, path, key string
	}{
		{"story", "../a/b/x", "scaffold.outside"},
		{"story", "a/../../x/y/z", "scaffold.outside"},
		{"story", "content/../a/b/x", "scaffold.outside"},
		{"story", `..\..\a\b\x`, "scaffold.outside"},
		{"story", "/etc/a/b/x", "scaffold.outside"},
		{"story", "C:/a/b/x", "scaffold.outside"},
		{"group", "../x/y", "scaffold.outside"},
		{"poster", "a/b/x", "scaffold.kind"},
		{"", "a/b/x", "scaffold.kind"},
		{"story", "a/x", "scaffold.place.record"},
		{"story", "a/b/c/x", "scaffold.place.record"},
		{"story", "a/b/_index.md", "scaffold.place.record"},
		{"story", "content", "scaffold.place.record"},
		{"site", "a", "scaffold.place.site"},
		{"community", "content", "scaffold.place.community"},
		{"community", "a/b", "scaffold.place.community"},
		{"group", "a", "scaffold.place.group"},
		{"group", "a/b/c.md", "scaffold.place.group"},
	} {
		root := t.TempDir()
		_, err := New(root, themeDir(t), "en", c.kind, c.path, today)
		var e *Error
		if !errors.As(err, &e) || e.Key != c.key {
			t.Errorf("%s %q: got %v, want %s", c.kind, c.path, err, c.key)
			continue
		}
		if c.key == "scaffold.kind" && !strings.Contains(e.Args["kinds"].(string), "deliberation") {
			t.Errorf("kinds arg %v", e.Args)
		}
		if entries, _ := os.ReadDir(root); len(entries) != 0 {
			t.Errorf("%s %q: wrote %v", c.kind, c.path, entries)
		}
	}
}

func TestSymlinkOutsideRefused(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content", "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(root, "content", "a", "b")); err != nil {
		t.Skip("no symlinks:", err)
	}
	// The link leads to what looks like a group folder.
	if err := os.WriteFile(filepath.Join(elsewhere, "_index.md"), []byte("---\nname: x\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New(root, themeDir(t), "en", "story", "a/b/x", today)
	wantKey(t, err, "scaffold.outside")
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 1 {
		t.Errorf("wrote outside: %v", entries)
	}
}

func TestArchetypes(t *testing.T) {
	theme := t.TempDir()
	root := siteRoot(t, "a", "a/b")
	_, err := New(root, theme, "en", "story", "a/b/x", today)
	e := wantKey(t, err, "scaffold.archetype")
	if e.Args["kind"] != "story" || e.Args["lang"] != "en" {
		t.Errorf("args %v", e.Args)
	}
	// A language-neutral archetype is the fallback.
	if err := os.MkdirAll(filepath.Join(theme, "archetypes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(theme, "archetypes", "story.md"), []byte("---\ntitle: \"{{.Title}} & co\"\ndate: {{.Date}}\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := New(root, theme, "en", "story", "a/b/x", today)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(root, got)); string(b) != "---\ntitle: \"X & co\"\ndate: 2025-03-09\n---\n" {
		t.Errorf("got %q", b)
	}
	// A broken archetype is reported, not half written.
	if err := os.WriteFile(filepath.Join(theme, "archetypes", "story.md"), []byte("{{.Nope}}"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = New(root, theme, "en", "story", "a/b/y", today)
	wantKey(t, err, "scaffold.template")
	if _, err := os.Stat(filepath.Join(root, "content", "a", "b", "y.md")); err == nil {
		t.Error("file written from a broken archetype")
	}
}

// A record needs its group folder first, and a group its neighbourhood; the
// error names the folder so that the message can give the command to type.
func TestParentFirst(t *testing.T) {
	root := siteRoot(t)
	_, err := New(root, themeDir(t), "zh-CN", "group", "gongnong-sancun/building-12", today)
	e := wantKey(t, err, "scaffold.noCommunity")
	if e.Args["folder"] != "content/gongnong-sancun" {
		t.Errorf("args %v", e.Args)
	}
	root = siteRoot(t, "gongnong-sancun")
	_, err = New(root, themeDir(t), "zh-CN", "公约", "gongnong-sancun/building-12/convention", today)
	e = wantKey(t, err, "scaffold.noGroup")
	if e.Args["folder"] != "content/gongnong-sancun/building-12" {
		t.Errorf("args %v", e.Args)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "gongnong-sancun", "building-12")); err == nil {
		t.Error("the refused record's folder was created")
	}
	// In order, everything is created.
	for _, c := range [][2]string{{"group", "gongnong-sancun/building-12"}, {"convention", "gongnong-sancun/building-12/convention"}} {
		if _, err := New(root, themeDir(t), "zh-CN", c[0], c[1], today); err != nil {
			t.Fatalf("%s: %v", c[0], err)
		}
	}
}

// Once filled in and no longer a draft, every archetype is a record the
// content loader accepts: its keys, values and dates are right as they
// stand; only the photos it names have to be put in the folder.
func TestArchetypesLoad(t *testing.T) {
	paths := map[string]string{
		"site": "content", "community": "c", "group": "c/g",
		"convention": "c/g/convention", "photo": "c/g/family-photo", "ledger": "c/g/account-2025",
		"story": "c/g/corridor-spring", "deliberation": "c/g/parking", "activity": "c/g/cleanup-day",
	}
	for _, lang := range []string{"zh-CN", "en"} {
		root := t.TempDir()
		for _, kind := range Kinds() {
			file, err := New(root, themeDir(t), lang, kind, paths[kind], today)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, kind, err)
			}
			data, err := os.ReadFile(filepath.Join(root, file))
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Replace(string(data), "draft: true", "draft: false", 1)
			// A neighbourhood's or group's name is the one thing to fill in
			// before it loads (on a Chinese site, whose folder names are
			// ASCII); until then it is the one error, at name:.
			if (kind == "community" || kind == "group") && strings.Contains(text, `name: ""`) {
				var l diag.List
				content.Parse(os.DirFS(root), file, []byte(text), &l)
				items := l.Items()
				if len(items) != 1 || items[0].Key != "content.noName" || items[0].Hint != "content.noName.hint."+kind || items[0].Pos.Line < 2 {
					t.Errorf("%s %s unfilled: %+v", lang, kind, items)
				}
				text = strings.Replace(text, `name: ""`, "name: 某某", 1)
			}
			var l diag.List
			p := content.Parse(os.DirFS(root), file, []byte(text), &l)
			for _, d := range l.Items() {
				if d.Key != "content.fileMissing" {
					t.Errorf("%s %s: %s %s %v", lang, kind, d.Pos, d.Key, d.Args)
				}
			}
			if p == nil {
				t.Errorf("%s %s: not loaded", lang, kind)
			} else if string(p.Kind) != kind {
				t.Errorf("%s %s: loaded as %s", lang, kind, p.Kind)
			}
		}
	}
}
