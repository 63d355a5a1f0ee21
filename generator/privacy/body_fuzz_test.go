package privacy

import (
	"html"
	"strings"
	"testing"

	"wallpress/generator/markdown"
)

// FuzzMarkdownBody renders markdown as the site does and masks the page:
// whatever markup surrounds or splits a known name — emphasis, a link, a
// wrapped line, a table cell, a heading — the text a reader sees does not
// show it. Character references (&#x7F8E;) are left out: the site's
// markdown writes them back as typed, and volunteers do not type them.
func FuzzMarkdownBody(f *testing.F) {
	for _, s := range []string{
		"感谢刘美娟。", "**刘美娟**说", "刘*美*娟", "[刘美娟](../a.md)", "刘美\n娟也来了",
		"| 经手人 |\n|---|\n| 刘美娟 |", "# 刘美娟", "> 刘美娟", "- 刘美娟\n- 王建国", "`刘美娟`", "![刘美娟](a.jpg)",
		"王建国和王建", "刘<b>美娟", "刘美娟\\", "刘美  \n娟",
	} {
		f.Add(s)
	}
	conv := markdown.New()
	m := New([]string{"刘美娟", "王建国", "王建"}, Options{Rooms: true})
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, "&") {
			return
		}
		doc, err := conv.Parse([]byte(s), 1)
		if err != nil {
			return
		}
		r, err := doc.Render(markdown.Options{Table: true, List: true})
		if err != nil {
			return
		}
		out := string(m.Markup([]byte(r.HTML)))
		text := strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(out, ""))), "")
		for _, name := range []string{"刘美娟", "王建国", "王建"} {
			if strings.Contains(text, name) {
				t.Fatalf("%q renders as %q, masked %q: %s is shown", s, r.HTML, out, name)
			}
		}
	})
}
