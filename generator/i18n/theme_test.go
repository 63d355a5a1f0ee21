package i18n

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"wallpress/generator/diag"
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

// The catalogs built into the program are the default theme's, in every
// language, so a broken theme's messages can still be told.
func TestFallback(t *testing.T) {
	dir := filepath.Join("..", "..", "themes", "default")
	for _, lang := range Languages {
		want, err := Load(dir, lang)
		if err != nil {
			t.Fatal(err)
		}
		got := Fallback(lang)
		if got.Lang != lang || !slices.Equal(got.Keys(), want.Keys()) {
			t.Errorf("Fallback(%s): %d keys in %s; the theme has %d", lang, len(got.Keys()), got.Lang, len(want.Keys()))
		}
		for _, k := range []string{"msg." + KeyFile, "msg." + KeyFileHint, "msg." + KeyShape, "msg.osPermission", "msg.osDiskFull", "msg.osReadOnly"} {
			if !got.Has(k) {
				t.Errorf("Fallback(%s) lacks %s", lang, k)
			}
		}
	}
	if Fallback("fr").Lang != Languages[0] {
		t.Errorf("a language without a catalog falls back to %s", Languages[0])
	}
}

// A theme text file that is not valid YAML is a *FileError at the line
// where it goes wrong, told in words by the built-in catalog.
func TestLoadBrokenFile(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line       int
		key        string
	}{
		{"unclosed quote", "msg:\n  hint: 怎么改\n  failed: \"没有更新\n  built: 好了\n", 3, KeyFile},
		{"bad indentation", "msg:\n  hint: How to fix\n  - built\n  warning: note\n", 3, KeyFile},
		{"tab", "msg:\n  hint: x\n\tfailed: y\n", 3, KeyFile},
		{"a list", "- msg\n- hint\n", 1, KeyShape},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := "themes/default/i18n/en.yaml"
			_, err := LoadFS(fstest.MapFS{file: {Data: []byte(tc.text)}}, "themes/default", "en")
			if _, ok := errors.AsType[*FileError](err); !ok {
				t.Fatalf("LoadFS: %v; want a *FileError", err)
			}
			d, ok := diag.From(err, diag.Pos{})
			if !ok || d.Pos.File != file || d.Pos.Line != tc.line || d.Key != tc.key {
				t.Errorf("diagnostic at %v key %s; want %s:%d key %s", d.Pos, d.Key, file, tc.line, tc.key)
			}
			text, hint := Fallback("en").Message(d)
			for _, s := range []string{text, hint} {
				if s == "" || strings.Contains(s, "msg.") || strings.Contains(s, "map[") || strings.Contains(s, "{") {
					t.Errorf("message %q is not words", s)
				}
			}
		})
	}
}

// Load reads a theme on the disk and names its files by their paths there.
func TestLoadDisk(t *testing.T) {
	theme := filepath.Join(t.TempDir(), "default")
	os.MkdirAll(filepath.Join(theme, "i18n"), 0o755)
	os.WriteFile(filepath.Join(theme, "i18n", "en.yaml"), []byte("- msg\n"), 0o644)
	_, err := Load(theme, "en")
	if fe, ok := errors.AsType[*FileError](err); !ok || fe.File != filepath.Join(theme, "i18n", "en.yaml") {
		t.Errorf("broken: %v", err)
	}
	_, err = Load(theme, "zh-CN")
	if pe, ok := errors.AsType[*fs.PathError](err); !ok || pe.Path != filepath.Join(theme, "i18n", "zh-CN.yaml") {
		t.Errorf("missing: %v", err)
	}
}
