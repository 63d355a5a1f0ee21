package build

import (
	"context"
	"os"
	"testing"

	"wallpress/generator/content"
	"wallpress/generator/diag"

	"wallpress/generator/internal/testsite"
)

func fixtureSite(t *testing.T, lang string) string { return testsite.Fixture(t, lang) }

func readTree(t *testing.T, dir string) map[string][]byte { return testsite.ReadTree(t, dir) }

// mustBuild builds root and fails the test on any error diagnostic.
func mustBuild(t *testing.T, root string) *Result {
	t.Helper()
	res, err := Run(context.Background(), Options{Root: root, Write: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags.Items() {
		t.Logf("%s: %s %v", d.Pos, d.Key, d.Args)
	}
	if res.Diags.HasErrors() {
		t.Fatal("build reported errors")
	}
	return res
}

func loadDemo(t *testing.T, root string) *content.Site {
	t.Helper()
	var list diag.List
	s := content.Load(os.DirFS(root), &list)
	if list.HasErrors() {
		t.Fatal("demo content has errors")
	}
	return s
}
