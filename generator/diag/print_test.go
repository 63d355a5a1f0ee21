package diag_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"wallpress/generator/diag"
	"wallpress/generator/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// printSite holds the files the golden diagnostics point at.
var printSite = fstest.MapFS{
	"content/demo-cun/building-1/ledger.csv": {Data: []byte(
		"日期,事项,收入,支出\r\n" +
			"2024-03-15,楼道粉刷（第一期）,一百元,\r\n" +
			"2024-02-30,买灯泡,,12.50\r\n")},
	"content/demo-cun/building-1/convention.md": {Data: []byte(
		"\ufeff---\n" +
			"title：楼组公约\n" +
			"adopted: 2024-03-15\n" +
			"---\n" +
			"\t公共楼道\t不堆放杂物。\n" +
			"   \n" +
			strings.Repeat("楼组长每月第一个周六上午在一楼大厅听取大家的意见，", 8) + "欢迎 everyone 来。\n")},
}

// printCases cover what the printer must get right: a caret under a
// column of a Chinese line, a line without a column (the caret under the
// start of its text), tabs, a line longer than the terminal, a diagnostic
// without a line, one without a file, a warning, a message the catalog
// lacks, and a line that is blank.
var printCases = []diag.Diagnostic{
	{Pos: diag.Pos{File: "content/demo-cun/building-1/ledger.csv", Line: 2, Col: 22}, Key: "ledger.money.chars",
		Args: diag.Args{"cell": "一百元", "column": "收入"}, Hint: "ledger.money.chars.hint"},
	{Pos: diag.Pos{File: "content/demo-cun/building-1/ledger.csv", Line: 3}, Key: "ledger.date.impossible",
		Args: diag.Args{"cell": "2024-02-30"}, Hint: "ledger.date.impossible.hint"},
	{Pos: diag.Pos{File: "content/demo-cun/building-1/convention.md", Line: 2, Col: 6}, Key: "yaml.syntax",
		Args: diag.Args{"line": 2}, Hint: "yaml.hint.fullwidthColon"},
	{Pos: diag.Pos{File: "content/demo-cun/building-1/convention.md", Line: 5, Col: 7}, Severity: diag.Warning, Key: "yaml.fullwidthSpace",
		Args: diag.Args{"key": "公共楼道"}},
	{Pos: diag.Pos{File: "content/demo-cun/building-1/convention.md", Line: 6}, Key: "yaml.notMapping"},
	{Pos: diag.Pos{File: "content/demo-cun/building-1/convention.md", Line: 7, Col: 180}, Severity: diag.Warning, Key: "yaml.unknownKey",
		Args: diag.Args{"key": "everyone"}},
	{Pos: diag.Pos{File: "config.yaml"}, Severity: diag.Warning, Key: "content.noBaseURL", Hint: "content.noBaseURL.hint"},
	{Key: "posters.timeout", Args: diag.Args{"seconds": 60}, Hint: "posters.timeout.hint"},
	{Pos: diag.Pos{File: "content/nowhere.md", Line: 4}, Key: "no.such.message", Args: diag.Args{"n": 3}, Hint: "no.such.hint"},
}

func TestPrinterGolden(t *testing.T) {
	for _, lang := range i18n.Languages {
		t.Run(lang, func(t *testing.T) {
			p := diag.Printer{Messages: i18n.Fallback(lang), Sources: diag.NewSources(printSite)}
			var b strings.Builder
			for _, d := range printCases {
				b.WriteString(p.Format(d, ""))
			}
			golden(t, filepath.Join("testdata", "print."+lang+".golden"), b.String())
		})
	}
}

func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs; got:\n%s", file, got)
	}
}
