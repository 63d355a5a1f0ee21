package images

import (
	"context"
	"testing"
	"testing/fstest"

	"wallpress/generator/diag"
)

// TestProcessAll: every good image is processed once under its path, and
// a missing one is reported at each place that names it, with its name.
func TestProcessAll(t *testing.T) {
	fsys := fstest.MapFS{"content/c/a.jpg": {Data: encodeJPEG(t, photo(64, 48))}}
	refs := []Ref{
		{Src: "c/a.jpg", File: "content/c/story.md", Line: 7},
		{Src: "c/gone.jpg", File: "content/c/story.md", Line: 8},
		{Src: "c/gone.jpg", File: "content/c/other.md", Line: 3},
	}
	list := &diag.List{}
	got := newProc(t, 16, 32).ProcessAll(context.Background(), fsys, "content", refs, list)
	if len(got) != 1 || len(got["c/a.jpg"].Variants) != 2 {
		t.Fatalf("results %v, want c/a.jpg with two variants", got)
	}
	var where []string
	for _, d := range list.Items() {
		if d.Key != KeyMissing || d.Args["image"] != "c/gone.jpg" {
			t.Errorf("%s %v", d.Key, d.Args)
		}
		where = append(where, d.Pos.String())
	}
	if len(where) != 2 || where[0] != "content/c/other.md:3" || where[1] != "content/c/story.md:8" {
		t.Errorf("reported at %v", where)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := newProc(t, 16).ProcessAll(ctx, fsys, "content", refs, &diag.List{}); len(got) != 0 {
		t.Errorf("a cancelled run processed %d images", len(got))
	}
}

func TestVariantPath(t *testing.T) {
	for src, want := range map[string]string{"c/a.jpg": "c/a-480w.jpg", "c/a.JPEG": "c/a-480w.jpg", "c/a.png": "c/a-png-480w.jpg", "c/刘.webp": "c/刘-webp-480w.jpg"} {
		if got := VariantPath(src, 480); got != want {
			t.Errorf("%s: %s, want %s", src, got, want)
		}
	}
}
