package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"wallpress/generator/cmd/synth/gen"
	"wallpress/generator/internal/testsite"
)

// TestOutputsUnchanged builds the demo and a 10×10 synthetic site and
// compares every file of public/ and print/ (poster HTML; PDFs off) with a
// manifest of hashes under testdata/manifest. It is what keeps a
// refactoring honest: the outputs are byte for byte those of before. When
// a change of the output is intended, run it with -update and say why in
// the commit; the diff of the manifest shows which files changed.
func TestOutputsUnchanged(t *testing.T) {
	demo := testsite.Demo(t)
	setConfig(t, demo, "posters:\n  size: A3\n  bleed: 3mm\n  cropMarks: true\n  pdf: never\n")
	synth := filepath.Join(t.TempDir(), "synth")
	if _, err := gen.Generate(gen.Options{Out: synth, Communities: 10, Groups: 10, Seed: 1, Images: gen.NoImages,
		Theme: filepath.Join(testsite.RepoRoot(), "themes", "default")}); err != nil {
		t.Fatal(err)
	}
	for name, root := range map[string]string{"demo": demo, "synth-10x10": synth} {
		t.Run(name, func(t *testing.T) {
			mustBuild(t, root)
			var lines []string
			for _, dir := range []string{PublicDir, PrintDir} {
				for p, data := range testsite.ReadTree(t, filepath.Join(root, dir)) {
					h := sha256.Sum256(data)
					lines = append(lines, fmt.Sprintf("%s %s/%s", hex.EncodeToString(h[:8]), dir, p))
				}
			}
			slices.SortFunc(lines, func(a, b string) int { return strings.Compare(a[17:], b[17:]) })
			got := strings.Join(lines, "\n") + "\n"
			golden := filepath.Join("testdata", "manifest", name+".txt")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./generator/build -run TestOutputsUnchanged -update)", err)
			}
			if got == string(want) {
				return
			}
			old := map[string]string{}
			for _, l := range strings.Split(strings.TrimSpace(string(want)), "\n") {
				old[l[17:]] = l[:16]
			}
			n := 0
			for _, l := range lines {
				h, ok := old[l[17:]]
				switch {
				case !ok:
					t.Errorf("new file %s", l[17:])
				case h != l[:16]:
					t.Errorf("%s differs", l[17:])
				}
				delete(old, l[17:])
				if n++; n > 40 && t.Failed() {
					break
				}
			}
			for f := range old {
				t.Errorf("%s is no longer written", f)
			}
			t.Log("if the change is intended, run with -update and say why in the commit")
		})
	}
}
