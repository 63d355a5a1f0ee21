package diag

import (
	"bytes"
	"io/fs"
	"path"
	"sync"
)

// Sources reads the lines diagnostics point at from the site's files, each
// file at most once however many diagnostics it has: a build reports
// hundreds of problems in one ledger, and only what is printed is read. It
// is safe for concurrent use.
type Sources struct {
	fsys fs.FS
	mu   sync.Mutex
	// lines holds each file read, split at its line breaks; nil for a file
	// that could not be read (not a file, gone since).
	lines map[string][][]byte
}

// NewSources returns a reader of the files of the site folder fsys (for
// example os.DirFS(root)); nil fsys reads nothing.
func NewSources(fsys fs.FS) *Sources {
	return &Sources{fsys: fsys, lines: map[string][][]byte{}}
}

// maxSourceFile bounds the file read for one line: a 10 MB story is read,
// a video someone named in a message is not.
const maxSourceFile = 32 << 20

// Line returns line n (1-based) of file, without its line break, and
// whether the file has it.
func (s *Sources) Line(file string, n int) (string, bool) {
	if s == nil || s.fsys == nil || n <= 0 || !fs.ValidPath(file) || path.Clean(file) != file {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	lines, ok := s.lines[file]
	if !ok {
		lines = s.read(file)
		s.lines[file] = lines
	}
	if n > len(lines) {
		return "", false
	}
	line := lines[n-1]
	if n == 1 {
		line = bytes.TrimPrefix(line, []byte("\ufeff"))
	}
	return string(bytes.TrimSuffix(line, []byte("\r"))), true
}

func (s *Sources) read(file string) [][]byte {
	if st, err := fs.Stat(s.fsys, file); err != nil || !st.Mode().IsRegular() || st.Size() > maxSourceFile {
		return nil
	}
	data, err := fs.ReadFile(s.fsys, file)
	if err != nil {
		return nil
	}
	return bytes.Split(data, []byte("\n"))
}

// Fill sets d.Text from the file when d has a line and no text yet.
func (s *Sources) Fill(d *Diagnostic) {
	if d.Text != "" || d.Pos.Line <= 0 {
		return
	}
	if text, ok := s.Line(d.Pos.File, d.Pos.Line); ok {
		d.Text = text
	}
}
