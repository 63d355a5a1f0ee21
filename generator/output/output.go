// Package output writes a whole output tree (public/ or print/) beside the
// old one and swaps it in only when everything was written, so that a failed
// or interrupted build leaves the previous tree as it was.
package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Stage is a tree being written. It is not safe for concurrent use of Commit
// and Abort, but WriteFile and CopyFile may be called from many goroutines.
type Stage struct {
	final string
	tmp   string
}

// tmpPrefix marks the staging folders; a folder left by a killed build is
// removed by the next one.
const tmpPrefix = ".wallpress-tmp-"

// Begin starts a new tree that will replace dir (e.g. <root>/public).
func Begin(dir string) (*Stage, error) {
	parent, name := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	// Leftovers of earlier interrupted builds of this tree.
	if old, _ := filepath.Glob(filepath.Join(parent, tmpPrefix+name+"-*")); len(old) > 0 {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
	tmp, err := os.MkdirTemp(parent, tmpPrefix+name+"-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Stage{final: filepath.Clean(dir), tmp: tmp}, nil
}

// Dir returns the staging directory.
func (s *Stage) Dir() string { return s.tmp }

func (s *Stage) path(rel string) (string, error) {
	if rel == "" || path.IsAbs(rel) || strings.Contains(rel, `\`) || path.Clean(rel) != rel || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("output: bad path %q", rel)
	}
	p := filepath.Join(s.tmp, filepath.FromSlash(rel))
	return p, os.MkdirAll(filepath.Dir(p), 0o755)
}

// WriteFile writes data at the slash path rel inside the tree.
func (s *Stage) WriteFile(rel string, data []byte) error {
	p, err := s.path(rel)
	if err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// CopyFile copies the file src to rel inside the tree.
func (s *Stage) CopyFile(rel, src string) error {
	p, err := s.path(rel)
	if err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

// Commit swaps the new tree in place of the old one and removes the old.
func (s *Stage) Commit() error {
	old := s.tmp + ".old"
	hadOld := true
	if err := os.Rename(s.final, old); err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			s.Abort()
			return err
		}
		hadOld = false
	}
	if err := os.Rename(s.tmp, s.final); err != nil {
		if hadOld {
			// Put the previous tree back: the site must not vanish.
			os.Rename(old, s.final)
		}
		s.Abort()
		return err
	}
	if hadOld {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes the staging tree and leaves the old tree as it was.
func (s *Stage) Abort() {
	os.RemoveAll(s.tmp)
}
