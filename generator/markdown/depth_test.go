package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// nestedList is a list of n levels, each indented two more spaces.
func nestedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- 第" + fmt.Sprint(i+1) + "层\n")
	}
	return b.String()
}

// containerDepth is how deeply goldmark nested lists and block quotes in
// the parsed document (a list and its item count as one level).
func containerDepth(n ast.Node) int {
	most := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		most = max(most, containerDepth(c))
	}
	switch n.(type) {
	case *ast.ListItem, *ast.Blockquote:
		most++
	}
	return most
}

// TestDepthLimit: bodies nested past MaxDepth are refused at the line
// where they go too deep, before goldmark sees them; pages that merely
// have many quotes, items or indented lines are not.
func TestDepthLimit(t *testing.T) {
	for _, c := range []struct {
		name string
		src  string
		// line is the file line of the refusal (the body starts at 10),
		// 0 when the body is accepted; depth is goldmark's depth then.
		line, depth int
	}{
		{"list of 100 levels", nestedList(100), 0, 100},
		{"list of 101 levels", nestedList(101), 110, 0},
		{"list of 5,000 levels", nestedList(5000), 110, 0},
		{"list of 101 levels, four-space indents", strings.ReplaceAll(nestedList(101), "  ", "    "), 110, 0},
		{"list of 101 levels, tab indents", strings.ReplaceAll(nestedList(101), "  ", "\t"), 110, 0},
		{"list of 100 levels, tab indents", strings.ReplaceAll(nestedList(100), "  ", "\t"), 0, 100},
		{"ordered list of 101 levels", strings.ReplaceAll(strings.ReplaceAll(nestedList(101), "  ", "   "), "- ", "1. "), 110, 0},
		{"quotes of 101 levels on one line", "开头。\n\n" + strings.Repeat("> ", 101) + "深\n", 12, 0},
		{"quotes of 5,000 levels without spaces", strings.Repeat(">", 5000) + "深\n", 10, 0},
		{"quotes of 100 levels", strings.Repeat("> ", 100) + "深\n", 0, 100},
		{"markers of 101 levels on one line", strings.Repeat("- ", 101) + "深\n", 10, 0},
		{"list items and quotes mixed", strings.Repeat("> 1. ", 51) + "深\n", 10, 0},
		{"quotes deepened line by line", func() string {
			var b strings.Builder
			for i := 1; i <= 101; i++ {
				b.WriteString(strings.Repeat(">", i) + " 第" + fmt.Sprint(i) + "层\n")
			}
			return b.String()
		}(), 110, 0},
		{"500 quotes one after another", strings.Repeat("> 引用\n\n", 500), 0, 1},
		{"5,000 items of one list", strings.Repeat("- 一项\n  接着写\n", 5000), 0, 1},
		{"lazy lines in a deep list", nestedList(90) + strings.Repeat("接着写\n", 200) + "- 新的一项\n", 0, 90},
		{"paragraphs between ever deeper items", func() string {
			var b strings.Builder
			for i := range 60 {
				fmt.Fprintf(&b, "%s- 一项\n\n段落\n\n", strings.Repeat("  ", i))
			}
			return b.String()
		}(), 0, 0},
		{"indented code", "```\n" + strings.Repeat(strings.Repeat(" ", 300)+"代码\n", 3) + "```\n" + strings.Repeat(" ", 300) + "缩进的代码\n", 0, 0},
		{"shell prompts in fenced code", "```\n" + strings.Repeat("> echo 1\n", 300) + "```\n", 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := New().Parse([]byte(c.src), 10)
			var de *DepthError
			if c.line == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if c.depth > 0 {
					if got := containerDepth(doc.root); got != c.depth {
						t.Errorf("goldmark nested %d levels, want %d", got, c.depth)
					}
				}
				return
			}
			if !errors.As(err, &de) {
				t.Fatalf("err = %v, want a DepthError", err)
			}
			if de.Line != c.line || de.Depth != MaxDepth+1 {
				t.Errorf("refused at line %d with depth %d, want line %d depth %d", de.Line, de.Depth, c.line, MaxDepth+1)
			}
			// The empty document renders: a check goes on to other files.
			res, err := doc.Render(Options{})
			if err != nil || res.HTML != "" {
				t.Errorf("the refused body renders %q, %v", res.HTML, err)
			}
		})
	}
}

// TestScanMatchesGoldmark: at every depth up to the limit the scan counts
// what goldmark builds, for the ways of nesting volunteers use.
func TestScanMatchesGoldmark(t *testing.T) {
	for _, src := range []string{
		nestedList(37),
		strings.Repeat("> ", 37) + "深\n",
		strings.Repeat("- ", 37) + "深\n",
		strings.Repeat("> 1. ", 18) + "深\n",
		"- 一\n  > 引用\n  > - 二\n  >   - 三\n  >     > 四\n",
	} {
		_, want := tooDeep([]byte(src))
		doc, err := New().Parse([]byte(src), 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := containerDepth(doc.root); got != want {
			t.Errorf("%q: scan counts %d levels, goldmark %d", src, want, got)
		}
	}
}
