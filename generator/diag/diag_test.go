package diag

import "testing"

func TestItemsSorted(t *testing.T) {
	var l List
	l.Warn(Pos{File: "content/b.md", Line: 3}, "w", nil, "")
	l.Error(Pos{File: "content/a.md", Line: 9}, "e2", nil, "")
	l.Error(Pos{File: "content/a.md", Line: 2}, "e1", nil, "")
	got := l.Items()
	want := []string{"e1", "e2", "w"}
	for i, d := range got {
		if d.Key != want[i] {
			t.Fatalf("item %d = %s, want %s", i, d.Key, want[i])
		}
	}
	if !l.HasErrors() {
		t.Fatal("HasErrors = false with two errors")
	}
	var w List
	w.Warn(Pos{}, "w", nil, "")
	if w.HasErrors() {
		t.Fatal("HasErrors = true with only a warning")
	}
}

func TestPosString(t *testing.T) {
	for _, c := range []struct {
		p    Pos
		want string
	}{
		{Pos{File: "a.md"}, "a.md"},
		{Pos{File: "a.md", Line: 4}, "a.md:4"},
		{Pos{File: "a.md", Line: 4, Col: 2}, "a.md:4:2"},
	} {
		if got := c.p.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.p, got, c.want)
		}
	}
}
