package content

import (
	"slices"
	"testing"
)

// parseStage never fails on any text: it gives a known stage or false, and
// a stage it gives reads back as itself.
func FuzzParseStage(f *testing.F) {
	for _, s := range []string{"collected", "二上二下", "二上二下（商定方案）", " Ｄｏｎｅ ", "落实", "", "\x00", "四上四下"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, ok := parseStage(s)
		if !ok {
			if st != "" {
				t.Fatalf("parseStage(%q) = %q without ok", s, st)
			}
			return
		}
		if !slices.Contains(Stages, st) {
			t.Fatalf("parseStage(%q) = %q, not a stage", s, st)
		}
		if back, ok := parseStage(string(st)); !ok || back != st {
			t.Fatalf("stage %q reads back as %q, %v", st, back, ok)
		}
	})
}

// nearestName suggests only a file of the folder, never the name itself,
// whatever the names are.
func FuzzNearestName(f *testing.F) {
	f.Add("IMG_001.JPG", "img_001.jpg", "team.jpeg")
	f.Add("ｉｍｇ.jpg", "img.jpeg", "")
	f.Add("", "a", "\xff\xfe")
	f.Fuzz(func(t *testing.T, name, a, b string) {
		got := nearestName(name, []string{a, b})
		if got != "" && got != a && got != b {
			t.Fatalf("nearestName(%q) = %q, not in the folder", name, got)
		}
		if got != "" && got == name {
			t.Fatalf("nearestName(%q) suggested the name itself", name)
		}
	})
}
