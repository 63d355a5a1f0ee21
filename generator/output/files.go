package output

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// CopyFrom writes the files srcs, slash paths under dir in fsys, into the
// stage at the same paths (without dir). They are written as copies: a
// hard link would let a later edit of the source change the published file.
func (s *Stage) CopyFrom(fsys fs.FS, dir string, srcs []string) error {
	for _, src := range srcs {
		data, err := fs.ReadFile(fsys, path.Join(dir, src))
		if err != nil {
			return err
		}
		if err := s.WriteFile(src, data); err != nil {
			return err
		}
	}
	return nil
}

// PlaceFrom writes the files srcs, slash paths under dir in fsys, into the
// tree at out as they are now, leaving alone those whose bytes are already
// there: serve calls it for an edited record, whose documents may be new
// or changed.
func PlaceFrom(out string, fsys fs.FS, dir string, srcs []string) error {
	for _, src := range srcs {
		data, err := fs.ReadFile(fsys, path.Join(dir, src))
		if err != nil {
			return err
		}
		file := filepath.Join(out, filepath.FromSlash(src))
		if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
