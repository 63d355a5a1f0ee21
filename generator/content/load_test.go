package content

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"wallpress/generator/diag"
)

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, data := range files {
		m["content/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

var minimal = map[string]string{
	"_index.md":             "---\ntitle: 首页\n---\n",
	"c/_index.md":           "---\nname: 工农三村\n---\n",
	"c/g/_index.md":         "---\nname: 12号楼\nhouseholds: ２４户\n---\n",
	"c/g/convention.md":     "---\ntitle: 公约\nadopted: 2024年3月15日\nsigned: 22\n---\n1. 不堆物\n",
	"c/g/family-photo.md":   "---\ntitle: 全家福\nphoto: a.jpg\n---\n",
	"c/g/a.jpg":             "jpeg",
	"c/g/account-2024.md":   "---\ntitle: 账本\nopening: \"1,200.00\"\nclosing: ¥1300\n---\n",
	"c/g/story-1.md":        "---\ntitle: 楼道\nbefore: a.jpg\nafter: a.jpg\nquote: {text: 好, by: 刘阿姨}\n---\n",
	"c/g/parking.md":        "---\ntype: deliberation\ntitle: 停车\nstage: agreed\nvotes: {for: 3}\n---\n",
	"c/g/activity-clean.md": "---\ntitle: 清洁\npublish: wall\nphotos: [{file: a.jpg, caption: 示意图}]\n---\n",
	"c/g/draft.md":          "---\ntype: activity\ntitle: 草稿\ndraft: true\n---\n",
	"c/g/sub/activity-x.md": "---\ntitle: 子文件夹\n---\n",
	"c/g2/_index.md":        "---\nname: 17号楼\npublish: wall\n---\n",
	"c/g2/convention.md":    "---\ntitle: 公约二\n---\n",
}

func load(t *testing.T, files map[string]string) (*Site, []diag.Diagnostic) {
	t.Helper()
	var l diag.List
	s := Load(mapFS(files), &l)
	return s, l.Items()
}

func TestLoadTree(t *testing.T) {
	s, diags := load(t, minimal)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %+v", diags)
	}
	if len(s.Communities) != 1 || len(s.Communities[0].Groups) != 2 {
		t.Fatalf("tree: %d communities", len(s.Communities))
	}
	g := s.Communities[0].Groups[0]
	if g.GroupM.Households != 24 || g.Title != "12号楼" {
		t.Errorf("group: %+v", g.GroupM)
	}
	kinds := map[string]Kind{}
	for _, r := range g.Records {
		kinds[r.Rel] = r.Kind
	}
	want := map[string]Kind{
		"c/g/convention.md": KindConvention, "c/g/family-photo.md": KindPhoto, "c/g/account-2024.md": KindLedger,
		"c/g/story-1.md": KindStory, "c/g/parking.md": KindDeliberation, "c/g/activity-clean.md": KindActivity,
		"c/g/sub/activity-x.md": KindActivity,
	}
	for rel, k := range want {
		if kinds[rel] != k {
			t.Errorf("%s: kind %q, want %q", rel, kinds[rel], k)
		}
	}
	if _, ok := kinds["c/g/draft.md"]; ok {
		t.Error("the draft was loaded")
	}
	byRel := map[string]*Page{}
	for _, p := range s.Pages {
		byRel[p.Rel] = p
	}
	conv := byRel["c/g/convention.md"].Convention
	if conv.Signed != 22 || conv.Adopted.Format("2006-01-02") != "2024-03-15" {
		t.Errorf("convention: %+v", conv)
	}
	l := byRel["c/g/account-2024.md"].Ledger
	if l.Opening != 120000 || l.Closing == nil || *l.Closing != 130000 || l.ClosingLine != 4 {
		t.Errorf("ledger: %+v", l)
	}
	st := byRel["c/g/story-1.md"].Story
	if len(st.Pairs) != 1 || st.Pairs[0].Before.Src != "c/g/a.jpg" || st.Quote.By != "刘阿姨" {
		t.Errorf("story: %+v", st)
	}
	if d := byRel["c/g/parking.md"].Deliberation; d.Stage != StageAgreed || d.Votes.For != 3 || !d.Votes.Given {
		t.Errorf("deliberation: %+v", d)
	}
	if p := byRel["c/g/activity-clean.md"]; p.Publish != Wall {
		t.Errorf("publish = %s", p.Publish)
	}
	// A record in a wall-only group is wall-only too.
	if p := byRel["c/g2/convention.md"]; p.Publish != Wall {
		t.Errorf("inherited publish = %s", p.Publish)
	}
	if u := byRel["c/g/convention.md"].URL; u != "c/g/convention/" {
		t.Errorf("URL = %q", u)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, c := range []struct {
		name, file, text string
		key              string
		line             int
	}{
		{"unknown type", "c/g/x.md", "---\ntype: poster\ntitle: x\n---\n", "content.unknownType", 2},
		{"no type", "c/g/notes.md", "---\ntitle: x\n---\n", "content.noType", 1},
		{"typo key", "c/g/convention.md", "---\ntilte: x\ntitle: y\n---\n", "yaml.unknownKey", 2},
		{"bad stage", "c/g/deliberation-a.md", "---\ntitle: x\nstage: finished\n---\n", "content.badValue", 3},
		{"bad date", "c/g/convention.md", "---\ntitle: x\nadopted: 2024-02-30\n---\n", "content.badValue", 3},
		{"bad money", "c/g/account.md", "---\ntitle: x\nopening: 12,5O\n---\n", "content.badValue", 3},
		{"missing image", "c/g/photo.md", "---\ntitle: x\nphoto: nope.jpg\n---\n", "content.fileMissing", 3},
		{"outside", "c/g/photo.md", "---\ntitle: x\nphoto: ../../../../etc/passwd\n---\n", "content.pathOutside", 3},
		{"absolute", "c/g/photo.md", "---\ntitle: x\nphoto: C:\\Users\\a.jpg\n---\n", "content.pathAbsolute", 3},
		{"half pair", "c/g/story.md", "---\ntitle: x\nbefore: a.jpg\n---\n", "content.pairHalf", 3},
		{"unclosed", "c/g/convention.md", "---\ntitle: x\n", "content.unclosed", 1},
		{"empty", "c/g/convention.md", "", "content.empty", 1},
		{"no title", "c/g/convention.md", "---\nadopted: 2024-03-15\n---\n", "content.noTitle", 1},
		{"misplaced record", "c/activity-x.md", "---\ntitle: x\n---\n", "content.misplaced.activity", 1},
		{"group name left empty", "c/g3/_index.md", "---\ntitle:\nname:\n---\n", "content.noName", 3},
		{"record as a file and as a folder", "c/g/convention/_index.md", "---\ntype: convention\ntitle: x\n---\n", "content.pageAndFolder", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range minimal {
				files[k] = v
			}
			files[c.file] = c.text
			_, diags := load(t, files)
			for _, d := range diags {
				if d.Key == c.key {
					if d.Pos.File != "content/"+c.file || d.Pos.Line != c.line {
						t.Errorf("%s at %s, want content/%s:%d", c.key, d.Pos, c.file, c.line)
					}
					return
				}
			}
			t.Errorf("no %s among %+v", c.key, diags)
		})
	}
}

func TestDuplicateURL(t *testing.T) {
	files := map[string]string{}
	for k, v := range minimal {
		files[k] = v
	}
	files["c/g/Convention.md"] = "---\ntitle: 又一份\n---\n"
	_, diags := load(t, files)
	for _, d := range diags {
		if d.Key == "content.duplicateURL" {
			return
		}
	}
	t.Errorf("two files for one URL (differing in case) were not reported: %+v", diags)
}

func TestNaturalOrder(t *testing.T) {
	in := []string{"building-12", "building-9", "building-100", "a"}
	got := strings.Join(sortNatural(in), " ")
	if got != "a building-9 building-12 building-100" {
		t.Errorf("order: %s", got)
	}
}

func sortNatural(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if naturalCompare(out[j], out[i]) < 0 {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// FuzzParse loads one record from any bytes, as every kind the file's name
// and place can make it: no panic, every diagnostic about this file at a
// line it has, with a message key and text arguments that are valid UTF-8,
// the same result twice, and a page or an error unless it is a draft.
func FuzzParse(f *testing.F) {
	for _, v := range minimal {
		f.Add([]byte(v))
	}
	for _, s := range []string{
		"\ufeff---\r\ntitle: ：\r\n---\r\n",
		"---\ntitle: x\nphotos: [{file: a.jpg}]\npairs: [{before: a.jpg}]\nvotes: {for: ２}\n---\n",
		"---\ntitle: x\n——\n正文\n", "\n\n---\ntitle: x\n---\n", "---\ntype: 公约\ntitle: x\n---\n",
		"---\ntitle: x\ndate: 3/15/2024\nadopted: 二〇二四年三月十五日\nsigned: 101、102\n---\n",
		"---\ntitle: x\nhouseholds: 二十四户\nmeeting: 24.3.15\ntaken: 2024年3月\n---\n",
		"---\ntitle: \xc2\xa5\xd7\xe9\n---\n", "---\ntitle: \xff\xfe\n---\n", "---\ntitle:\tx\n---\n",
		"---\ntype: ledger\ntitle: x\nopening: １２．５\nclosing: abc\ncsv: ../x.csv\n---\n| a |\n",
		"---\ntype: story\ntitle: x\nbefore: a.jpg\nafter: /etc/passwd\nquote: x\n---\n",
	} {
		f.Add([]byte(s))
	}
	fsys := mapFS(map[string]string{"c/g/a.jpg": "x"})
	names := []string{
		"content/_index.md", "content/c/_index.md", "content/c/g/_index.md",
		"content/c/g/convention.md", "content/c/g/photo.md", "content/c/g/story.md",
		"content/c/g/account.md", "content/c/g/parking.md", "content/c/g/activity.md", "content/c/notes.md",
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := 1 + strings.Count(string(data), "\n") + strings.Count(string(data), "\r")
		for _, name := range names {
			var l diag.List
			p := Parse(fsys, name, data, &l)
			if p == nil && !l.HasErrors() && !strings.Contains(string(data), "draft") {
				t.Fatalf("%s: no page and no error for %q", name, data)
			}
			items := l.Items()
			for _, d := range items {
				if d.Pos.File != name {
					t.Fatalf("diagnostic for another file: %+v", d)
				}
				if d.Key == "" || d.Pos.Line < 0 || d.Pos.Line > lines+1 {
					t.Fatalf("%s: bad diagnostic (file has %d lines): %+v", name, lines, d)
				}
				for k, v := range d.Args {
					if s, ok := v.(string); ok && !utf8.ValidString(s) {
						t.Fatalf("%s: argument %s is not UTF-8: %q", name, k, s)
					}
				}
			}
			if p != nil {
				if p.File != name || p.BodyLine < 2 || p.BodyLine > lines+1 || !utf8.Valid(p.Body) {
					t.Fatalf("%s: page %+v (file has %d lines)", name, p, lines)
				}
			}
			var again diag.List
			Parse(fsys, name, data, &again)
			if !reflect.DeepEqual(again.Items(), items) {
				t.Fatalf("%s: parsing twice differs:\n%+v\n%+v", name, items, again.Items())
			}
		}
	})
}

// TestBrokenIndexOneError: a mistake in a group's or neighbourhood's page
// is one error, not one more for every record below it.
func TestBrokenIndexOneError(t *testing.T) {
	for _, c := range []struct{ name, file string }{
		{"group", "c/g/_index.md"},
		{"neighbourhood", "c/_index.md"},
	} {
		files := map[string]string{
			"_index.md":     "---\ntitle: 街道\n---\n",
			"c/_index.md":   "---\ntitle: 一村\n---\n",
			"c/g/_index.md": "---\ntitle: 1号楼\n---\n",
			"c/g/a.md":      "---\ntype: activity\ntitle: 大扫除\ndate: 2024-05-01\n---\n",
			"c/g/b.md":      "---\ntype: activity\ntitle: 义诊\ndate: 2024-06-01\n---\n",
		}
		files[c.file] = "---\ntitle: 坏\n\tname: 制表符\n---\n"
		_, diags := load(t, files)
		var errs []string
		for _, d := range diags {
			if d.Severity == diag.Error {
				errs = append(errs, d.Pos.String()+" "+d.Key)
			}
		}
		if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/"+c.file) {
			t.Errorf("%s: errors %v, want one, in content/%s", c.name, errs, c.file)
		}
	}
}
