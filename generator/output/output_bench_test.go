package output

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchFiles is a site-shaped tree: one folder per page, as public/ has.
func benchFiles(n int) map[string][]byte {
	files := map[string][]byte{}
	page := bytes.Repeat([]byte("<p>楼道干净一点，邻里亲近一点</p>\n"), 180) // about 8 KB, a typical page
	for i := range n {
		files[fmt.Sprintf("c%d/g%d/r%d/index.html", i/700, i/7, i)] = page
	}
	return files
}

func benchWrite(b *testing.B, pub string, files map[string][]byte, change string) {
	b.Helper()
	s, err := Begin(pub)
	if err != nil {
		b.Fatal(err)
	}
	for p, data := range files {
		if p == change {
			data = []byte("changed")
		}
		if err := s.WriteFile(p, data); err != nil {
			b.Fatal(err)
		}
	}
	if err := commit(s); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkWriteCold writes 2,000 pages into a new tree. Set TMPDIR to
// choose the file system (/dev/shm for tmpfs).
func BenchmarkWriteCold(b *testing.B) {
	files := benchFiles(2000)
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		parent := filepath.Join(dir, fmt.Sprint(i))
		if err := os.Mkdir(parent, 0o755); err != nil {
			b.Fatal(err)
		}
		benchWrite(b, filepath.Join(parent, "public"), files, "")
	}
}

// BenchmarkWriteUnchanged rewrites the same 2,000 pages over the tree they
// are already in.
func BenchmarkWriteUnchanged(b *testing.B) {
	files := benchFiles(2000)
	pub := filepath.Join(b.TempDir(), "public")
	benchWrite(b, pub, files, "")
	for b.Loop() {
		benchWrite(b, pub, files, "")
	}
}

// BenchmarkWriteOneChanged rewrites 2,000 pages of which one changed: the
// rest are linked from the old tree and the trees swapped.
func BenchmarkWriteOneChanged(b *testing.B) {
	files := benchFiles(2000)
	pub := filepath.Join(b.TempDir(), "public")
	benchWrite(b, pub, files, "")
	i := 0
	for b.Loop() {
		i++
		// Alternate, so that every round really changes a file.
		change := "c0/g0/r0/index.html"
		if i%2 == 0 {
			change = ""
			os.Remove(filepath.Join(pub, "c0/g0/r0/index.html"))
		}
		benchWrite(b, pub, files, change)
	}
}
