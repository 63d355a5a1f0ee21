package content

import (
	"maps"
	"testing"
)

// TestModelComplete: the model content returns is finished: a convention
// without its own count has its group's households, and a focus the
// website cannot use is an error at its pair (the line of its before photo, as before).
func TestModelComplete(t *testing.T) {
	files := maps.Clone(minimal)
	files["c/g/story-2.md"] = "---\ntitle: 门前\nbefore: a.jpg\nafter: a.jpg\nfocus: middle\n---\n"
	s, diags := load(t, files)
	for _, p := range s.Pages {
		if p.Rel == "c/g/convention.md" && p.Convention.Households != 24 {
			t.Errorf("convention for %d households, want the group's 24", p.Convention.Households)
		}
	}
	if len(diags) != 1 || diags[0].Key != "content.badValue" || diags[0].Pos.String() != "content/c/g/story-2.md:3" || diags[0].Args["value"] != "middle" {
		t.Errorf("diagnostics %+v, want content.badValue at story-2.md:3", diags)
	}
}
