package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoBody returns the body of one of the demo's records, after its front
// matter.
func demoBody(b *testing.B, rel string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "content", filepath.FromSlash(rel)))
	if err != nil {
		b.Fatal(err)
	}
	parts := bytes.SplitN(data, []byte("\n---\n"), 2)
	if len(parts) != 2 {
		b.Fatalf("%s has no front matter", rel)
	}
	return parts[1]
}

func benchMarkdown(b *testing.B, rel string, o Options) {
	src := demoBody(b, rel)
	c := New()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		doc, err := c.Parse(src, 12)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := doc.Render(o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStory parses and renders a corridor story: paragraphs wrapped
// in Chinese, a list, a link to another record.
func BenchmarkStory(b *testing.B) {
	benchMarkdown(b, "gongnong-sancun/building-12/corridor-spring.md", Options{Resolver: funcs{link: func(d string, _ int) string { return d }}})
}

// BenchmarkLedger parses and renders an account book, taking its table of
// 31 rows out for the ledger.
func BenchmarkLedger(b *testing.B) {
	benchMarkdown(b, "gongnong-sancun/building-12/account-2024.md", Options{Table: true})
}

// BenchmarkConvention parses and renders a convention, taking its articles
// out.
func BenchmarkConvention(b *testing.B) {
	benchMarkdown(b, "gongnong-sancun/building-12/convention.md", Options{List: true})
}

// linkPerLine is about size bytes of story text with a link to another
// record and an image on every line, in one long paragraph.
func linkPerLine(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 100)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "第%d行：楼组的事请看[公约](convention.md)和![照片](p%d.jpg)，大家商量着办。\n", i, i%50)
	}
	return b.Bytes()
}

// BenchmarkRender parses and renders 1, 10 and 20 MB of text with a link
// and an image on each line: the time per byte must stay the same (it grew
// with the size when every link counted the lines before it).
func BenchmarkRender(b *testing.B) {
	o := Options{Resolver: funcs{
		link:  func(d string, _ int) string { return d },
		image: func(d string, _ int) (Picture, bool) { return Picture{Src: d}, true },
	}}
	for _, mb := range []int{1, 10, 20} {
		src := linkPerLine(mb << 20)
		b.Run(fmt.Sprintf("%dMB", mb), func(b *testing.B) {
			c := New()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				doc, err := c.Parse(src, 12)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := doc.Render(o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRefuseDeep refuses a list nested 5,000 levels deep (25 MB).
func BenchmarkRefuseDeep(b *testing.B) {
	var buf bytes.Buffer
	for i := range 5000 {
		buf.WriteString(strings.Repeat("  ", i) + "- 项目\n")
	}
	src := buf.Bytes()
	c := New()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := c.Parse(src, 12); err == nil {
			b.Fatal("not refused")
		}
	}
}
