package build

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"wallpress/generator/content"
	"wallpress/generator/internal/testsite"
	"wallpress/generator/privacy"
)

// The repository's demo builds without errors or warnings, every record
// type is published, every relative link resolves, and records kept for the
// wall stay out of public/.
func TestDemo(t *testing.T) {
	root := testsite.Demo(t)
	// The posters' HTML, not their PDFs: printing is TestPostersDemo's, in
	// the end-to-end tier.
	setConfig(t, root, "posters:\n  size: A3\n  bleed: 3mm\n  cropMarks: true\n  pdf: never\n")
	res := mustBuild(t, root)
	// The demo's illustrations are drawn large enough to print at 150 DPI
	// on A3, so the only warnings are the notices of what the posters left
	// off (a long text, a large account book), which the demo shows on
	// purpose.
	for _, d := range res.Diags.Items() {
		if !strings.HasPrefix(d.Key, "posters.leftOff.") {
			t.Errorf("the demo warns: %s %s %v", d.Pos, d.Key, d.Args)
		}
	}
	pub := filepath.Join(root, "public")
	checkLinks(t, pub)
	tree := readTree(t, pub)

	kinds := map[content.Kind]bool{}
	var wall []string
	names := map[string]bool{}
	for _, p := range loadDemo(t, root).Pages {
		for _, n := range privacy.Declared(p) {
			names[n] = true
		}
		if p.Publish.Online() {
			if _, ok := tree[p.URL+"index.html"]; !ok {
				t.Errorf("%s has no page", p.File)
			}
			kinds[p.Kind] = true
		} else {
			wall = append(wall, p.URL, p.Title)
		}
	}
	for _, k := range content.AllKinds {
		if !kinds[k] {
			t.Errorf("the demo publishes no %s", k)
		}
	}
	if len(wall) == 0 {
		t.Error("the demo has no wall-only or unpublished record to show the feature")
	}
	for p, data := range tree {
		for i := 0; i < len(wall); i += 2 {
			if strings.Contains(p, strings.TrimSuffix(wall[i], "/")) || bytes.Contains(data, []byte(wall[i+1])) {
				t.Errorf("public/%s shows the unpublished %s", p, wall[i])
			}
		}
	}
	// No resident's name reaches the website; the wall keeps them.
	if len(names) < 10 {
		t.Fatalf("the demo declares only %d names", len(names))
	}
	var wallText strings.Builder
	for _, data := range readTree(t, filepath.Join(root, PrintDir)) {
		wallText.WriteString(testsite.Text(string(data)))
	}
	for n := range names {
		for p, data := range tree {
			if strings.Contains(p, n) || bytes.Contains(data, []byte(n)) {
				t.Errorf("public/%s shows the name %s", p, n)
			}
		}
		if !strings.Contains(wallText.String(), n) {
			t.Errorf("print/ does not show %s", n)
		}
	}
}
