package build

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestUnchangedBuildWritesNothing: a build with nothing changed since the
// last good one writes nothing and tells the same result; any change to the
// inputs or the outputs makes it build again.
func TestUnchangedBuildWritesNothing(t *testing.T) {
	root := fixtureSite(t, "zh-CN")
	// A warning to be told again: a record in GB18030 is decoded with one.
	gbk := filepath.Join(root, "content", "demo-cun", "building-1", "activity-gbk.md")
	// "---\ntitle: 大扫除\ndate: 2024-05-01\n---\n" with the title in GB18030.
	os.WriteFile(gbk, []byte("---\ntitle: \xb4\xf3\xc9\xa8\xb3\xfd\ndate: 2024-05-01\n---\n"), 0o644)
	first := mustBuild(t, root)
	if first.Unchanged {
		t.Fatal("the first build says nothing changed")
	}
	if len(first.Diags.Items()) == 0 {
		t.Fatal("the fixture should give a warning for the GB18030 file")
	}
	public := filepath.Join(root, PublicDir)
	index := filepath.Join(public, "index.html")
	before, _ := os.Stat(index)
	time.Sleep(10 * time.Millisecond)

	second := mustBuild(t, root)
	if !second.Unchanged {
		t.Fatal("a build with nothing changed built again")
	}
	if after, _ := os.Stat(index); !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("public/index.html was rewritten")
	}
	if second.Pages != first.Pages || second.Images != first.Images || second.Posters != first.Posters {
		t.Errorf("figures: %d/%d/%d, then %d/%d/%d", first.Pages, first.Images, first.Posters, second.Pages, second.Images, second.Posters)
	}
	if !reflect.DeepEqual(first.Diags.Items(), second.Diags.Items()) {
		t.Errorf("warnings differ:\n%+v\n%+v", first.Diags.Items(), second.Diags.Items())
	}
	if second.Catalog == nil || second.Config == nil {
		t.Error("the unchanged result has no config or messages")
	}

	for _, c := range []struct {
		name   string
		change func()
	}{
		{"a record edited", func() {
			f := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
			data, _ := os.ReadFile(f)
			os.WriteFile(f, []byte(strings.Replace(string(data), "---\n", "---\n# edited\n", 1)), 0o644)
		}},
		{"a page deleted from public/", func() { os.Remove(index) }},
		{"print/ removed", func() { os.RemoveAll(filepath.Join(root, PrintDir)) }},
		{"a theme file touched", func() {
			f := filepath.Join(root, "themes", "default", "static", "site.css")
			now := time.Now().Add(time.Second)
			os.Chtimes(f, now, now)
		}},
	} {
		c.change()
		res := mustBuild(t, root)
		if res.Unchanged {
			t.Errorf("%s: the build did nothing", c.name)
		}
		if _, err := os.Stat(index); err != nil {
			t.Errorf("%s: public/index.html missing after the build", c.name)
		}
		if res := mustBuild(t, root); !res.Unchanged {
			t.Errorf("%s: the build after that one built again", c.name)
		}
	}
}
