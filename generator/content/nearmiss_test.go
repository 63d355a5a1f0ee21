package content

import (
	"maps"
	"testing"

	"wallpress/generator/diag"
)

// withMinimal is the minimal site with files added.
func withMinimal(extra map[string]string) map[string]string {
	m := maps.Clone(minimal)
	maps.Copy(m, extra)
	return m
}

func TestNearestName(t *testing.T) {
	folder := []string{"img_001.jpg", "img_002.jpg", "team.jpeg", "before.png", "after.png", "账目.csv", "a.jpg"}
	for _, c := range []struct{ name, want string }{
		{"IMG_001.JPG", "img_001.jpg"},  // case
		{"img_001.jpeg", "img_001.jpg"}, // other spelling of the extension
		{"team.jpg", "team.jpeg"},       // and the other way round
		{"TEAM.JPG", "team.jpeg"},       // both
		{"img_01.jpg", "img_001.jpg"},   // one character left out
		{"bfore.png", "before.png"},     // one character left out
		{"befroe.png", "before.png"},    // two letters swapped
		{"aftr.pgn", "after.png"},       // two typos
		{"账目.CSV", "账目.csv"},            // Chinese names too
		{"ｉｍｇ＿００１．ｊｐｇ", "img_001.jpg"},  // typed with the full-width keyboard
		{"family.jpg", ""},              // nothing close
		{"b.jpg", "a.jpg"},              // one character of five
		{"img_003.png", ""},             // two off, but also not the only one
		{"", ""},
	} {
		if got := nearestName(c.name, folder); got != c.want {
			t.Errorf("nearestName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// A photo named with the wrong case or a typo gets "did you mean" with the
// file that is there, in the folder the volunteer wrote.
func TestFileMissingSuggestsNearest(t *testing.T) {
	for _, c := range []struct {
		ref, want string
	}{
		{"IMG_001.JPG", "img_001.jpg"},
		{"photos/IMG_001.jpeg", "photos/img_001.jpg"},
		{`photos\img_01.jpg`, "photos/img_001.jpg"},
		{"nothing-like-it.jpg", ""},
	} {
		_, diags := load(t, withMinimal(map[string]string{
			"c/g/activity-day.md":        "---\ntitle: 活动\nphotos:\n  - file: " + c.ref + "\n---\n",
			"c/g/img_001.jpg":            "jpeg",
			"c/g/photos/img_001.jpg":     "jpeg",
			"c/g/photos/activity-day.md": "---\ntitle: 不是照片\n---\n",
		}))
		var got *diag.Diagnostic
		for i, d := range diags {
			if d.Key == "content.fileMissing" {
				got = &diags[i]
			}
		}
		if got == nil || got.Pos.File != "content/c/g/activity-day.md" || got.Pos.Line != 4 {
			t.Fatalf("%s: %+v", c.ref, diags)
		}
		wantHint := "content.fileMissing.nearest"
		if c.want == "" {
			wantHint = "content.fileMissing.hint"
		}
		if got.Hint != wantHint || (c.want != "" && got.Args["nearest"] != c.want) {
			t.Errorf("%s: hint %s args %v; want %s nearest %q", c.ref, got.Hint, got.Args, wantHint, c.want)
		}
	}
}

// Notepad saves "activity-newyear.md" as activity-newyear.md.txt: read as
// the markdown it was meant to be, with a warning saying how to rename it.
func TestMarkdownSavedAsTxt(t *testing.T) {
	s, diags := load(t, withMinimal(map[string]string{
		"c/g/activity-newyear.md.txt": "---\ntitle: 迎新春\n---\n写春联。\n",
		"c/g/notes.txt":               "not markdown",
	}))
	if len(diags) != 1 {
		t.Fatalf("diagnostics %+v", diags)
	}
	d := diags[0]
	if d.Key != "content.mdTxt" || d.Severity != diag.Warning || d.Pos.File != "content/c/g/activity-newyear.md.txt" ||
		d.Args["want"] != "activity-newyear.md" || d.Hint != "content.mdTxt.hint" {
		t.Errorf("diagnostic %+v", d)
	}
	var p *Page
	for _, q := range s.Pages {
		if q.Title == "迎新春" {
			p = q
		}
	}
	if p == nil || p.Kind != KindActivity || p.URL != "c/g/activity-newyear/" || p.File != "content/c/g/activity-newyear.md.txt" || p.Rel != "c/g/activity-newyear.md" {
		t.Fatalf("page %+v", p)
	}
	// Both saved: one page, and the two files are named.
	_, diags = load(t, withMinimal(map[string]string{
		"c/g/activity-newyear.md.txt": "---\ntitle: 迎新春\n---\n",
		"c/g/activity-newyear.md":     "---\ntitle: 迎新春\n---\n",
	}))
	found := false
	for _, d := range diags {
		if d.Key == "content.duplicateURL" && d.Pos.File == "content/c/g/activity-newyear.md.txt" && d.Args["other"] == "content/c/g/activity-newyear.md" {
			found = true
		}
	}
	if !found {
		t.Errorf("no duplicate naming both: %+v", diags)
	}
}

// story.md beside a folder story/ with an _index.md (a "page bundle"): one
// error that names both files, and nothing else about them.
func TestPageAndFolder(t *testing.T) {
	for _, c := range []struct {
		name       string
		extra      map[string]string
		at, other  string
		stillThere string // a page that must still load
	}{
		{"record", map[string]string{
			"c/g/story.md":        "---\ntitle: 楼道\nbefore: a.jpg\nafter: a.jpg\n---\n",
			"c/g/story/_index.md": "---\ntype: story\ntitle: 楼道\n---\n",
		}, "content/c/g/story/_index.md", "content/c/g/story.md", "c/g/story/"},
		{"record without type", map[string]string{
			"c/g/story.md":        "---\ntitle: 楼道\nbefore: a.jpg\nafter: a.jpg\n---\n",
			"c/g/story/_index.md": "---\ntitle: 楼道\n---\n",
		}, "content/c/g/story/_index.md", "content/c/g/story.md", "c/g/story/"},
		{"group", map[string]string{
			"c/g.md": "---\ntype: activity\ntitle: 楼组\n---\n",
		}, "content/c/g.md", "content/c/g/_index.md", "c/g/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, diags := load(t, withMinimal(c.extra))
			if len(diags) != 1 {
				t.Fatalf("diagnostics %+v", diags)
			}
			d := diags[0]
			if d.Key != "content.pageAndFolder" || d.Pos.File != c.at || d.Args["other"] != c.other || d.Hint != "content.pageAndFolder.hint" {
				t.Errorf("diagnostic %+v", d)
			}
			found := false
			for _, p := range s.Pages {
				found = found || p.URL == c.stillThere
			}
			if !found {
				t.Errorf("page %s left out", c.stillThere)
			}
		})
	}
}

// A group whose _index.md was copied with its name: a warning at the name,
// naming the other group's file. Other neighbourhoods may share names.
func TestSameGroupName(t *testing.T) {
	_, diags := load(t, withMinimal(map[string]string{
		"c/g3/_index.md":  "---\ntitle: x\nname: 12号楼 \n---\n",
		"c2/_index.md":    "---\nname: 工农四村\n---\n",
		"c2/g/_index.md":  "---\nname: 12号楼\n---\n",
		"c2/g2/_index.md": "---\nname: 17号楼\n---\n",
	}))
	if len(diags) != 1 {
		t.Fatalf("diagnostics %+v", diags)
	}
	d := diags[0]
	if d.Key != "content.sameGroupName" || d.Severity != diag.Warning || d.Pos.File != "content/c/g3/_index.md" || d.Pos.Line != 3 ||
		d.Args["other"] != "content/c/g/_index.md" || d.Args["name"] != "12号楼" {
		t.Errorf("diagnostic %+v", d)
	}
}
