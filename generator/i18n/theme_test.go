package i18n

import (
	"path/filepath"
	"testing"
)

// The default theme must translate every key in both languages.
func TestThemeCatalogsMatch(t *testing.T) {
	dir := filepath.Join("..", "..", "themes", "default")
	cats := map[string]*Catalog{}
	for _, lang := range Languages {
		c, err := Load(dir, lang)
		if err != nil {
			t.Fatal(err)
		}
		cats[lang] = c
	}
	for _, a := range Languages {
		for _, b := range Languages {
			for _, k := range cats[a].Keys() {
				if !cats[b].Has(k) {
					t.Errorf("%s has %q, %s does not", a, k, b)
				}
			}
		}
	}
	if got := cats["zh-CN"].T("stage.1.step"); got != "一上一下" {
		t.Errorf("numbered keys: stage.1.step = %q", got)
	}
}
