package markdown

import (
	"bytes"
	"os"
	"path/filepath"
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
		if _, err := c.Parse(src, 12).Render(o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStory parses and renders a corridor story: paragraphs wrapped
// in Chinese, a list, a link to another record.
func BenchmarkStory(b *testing.B) {
	benchMarkdown(b, "gongnong-sancun/building-12/corridor-spring.md", Options{Link: func(d string, _ int) string { return d }})
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
