package content

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// SiteFS is a site folder opened for reading its content: names under
// content/ are read through an os.Root of the content folder, so that the
// operating system itself refuses to follow a symbolic link out of it (the
// path checks look at the text of a path only; a link looks like any file).
// Nothing outside content/ can be opened through it. It is safe for
// concurrent use.
type SiteFS struct {
	root *os.Root
	fsys fs.FS
	fast fastOpen
	// err is why content/ could not be opened; every name fails with it.
	err error
}

// OpenSite opens the content folder of the site at root. A missing or
// unreadable content folder is not an error here: reading any name fails
// with it, as it does for os.DirFS, so that the loader reports it where it
// reports every unreadable folder.
func OpenSite(root string) *SiteFS {
	r, err := os.OpenRoot(filepath.Join(root, Dir))
	if err != nil {
		return &SiteFS{err: err}
	}
	return &SiteFS{root: r, fsys: r.FS(), fast: openFast(root)}
}

// Close releases the content folder.
func (s *SiteFS) Close() error {
	if s.root == nil {
		return nil
	}
	return errors.Join(s.fast.close(), s.root.Close())
}

// name turns a name of the site root into one of content/.
func (s *SiteFS) name(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if s.err != nil {
		return "", &fs.PathError{Op: op, Path: name, Err: errOf(s.err)}
	}
	if name == Dir {
		return ".", nil
	}
	rel, ok := strings.CutPrefix(name, Dir+"/")
	if !ok {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return rel, nil
}

// errOf is the cause of a failed open without the absolute path it names.
func errOf(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Open implements fs.FS.
func (s *SiteFS) Open(name string) (fs.File, error) {
	rel, err := s.name("open", name)
	if err != nil {
		return nil, err
	}
	if f, ok, err := s.fast.open("open", rel, openRead); ok {
		if err != nil {
			return nil, siteErr(err)
		}
		return &siteFile{f, s, name}, nil
	}
	f, err := s.fsys.Open(rel)
	return f, siteErr(err)
}

// ReadFile implements fs.ReadFileFS.
func (s *SiteFS) ReadFile(name string) ([]byte, error) {
	rel, err := s.name("readfile", name)
	if err != nil {
		return nil, err
	}
	if f, ok, err := s.fast.open("open", rel, openRead); ok {
		if err != nil {
			return nil, siteErr(err)
		}
		defer f.Close()
		var b bytes.Buffer
		if st, err := f.Stat(); err == nil {
			b.Grow(int(st.Size()) + bytes.MinRead)
		}
		_, err = b.ReadFrom(f)
		return b.Bytes(), siteErr(err)
	}
	data, err := fs.ReadFile(s.fsys, rel)
	return data, siteErr(err)
}

// ReadDir implements fs.ReadDirFS.
func (s *SiteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	rel, err := s.name("readdir", name)
	if err != nil {
		return nil, err
	}
	if f, ok, err := s.fast.open("open", rel, openDir); ok {
		if err != nil {
			return nil, siteErr(err)
		}
		defer f.Close()
		ents, err := f.ReadDir(-1)
		slices.SortFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
		for i, e := range ents {
			ents[i] = dirEntry{e, s, name + "/" + e.Name()}
		}
		return ents, siteErr(err)
	}
	ents, err := fs.ReadDir(s.fsys, rel)
	return ents, siteErr(err)
}

// Stat implements fs.StatFS.
func (s *SiteFS) Stat(name string) (fs.FileInfo, error) {
	rel, err := s.name("stat", name)
	if err != nil {
		return nil, err
	}
	if f, ok, err := s.fast.open("stat", rel, openPath); ok {
		if err != nil {
			return nil, siteErr(err)
		}
		defer f.Close()
		st, err := f.Stat()
		return st, siteErr(err)
	}
	st, err := fs.Stat(s.fsys, rel)
	return st, siteErr(err)
}

// Lstat implements fs.ReadLinkFS.
func (s *SiteFS) Lstat(name string) (fs.FileInfo, error) {
	rel, err := s.name("lstat", name)
	if err != nil {
		return nil, err
	}
	st, err := fs.Lstat(s.fsys, rel)
	return st, siteErr(err)
}

// ReadLink implements fs.ReadLinkFS.
func (s *SiteFS) ReadLink(name string) (string, error) {
	rel, err := s.name("readlink", name)
	if err != nil {
		return "", err
	}
	target, err := fs.ReadLink(s.fsys, rel)
	return target, siteErr(err)
}

// siteErr names the file in err from the site root, as every message does.
func siteErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		if pe.Path == "." {
			return &fs.PathError{Op: pe.Op, Path: Dir, Err: pe.Err}
		}
		return &fs.PathError{Op: pe.Op, Path: Dir + "/" + pe.Path, Err: pe.Err}
	}
	return err
}

// dirEntry is an entry of a folder read by openat2: the file knows its name
// relative to content/ only, so Info is asked of the site instead.
type dirEntry struct {
	fs.DirEntry
	s    *SiteFS
	name string
}

func (e dirEntry) Info() (fs.FileInfo, error) { return e.s.Lstat(e.name) }

// siteFile is a file opened by openat2, whose folder entries ask the site
// for their Info (see dirEntry).
type siteFile struct {
	*os.File
	s    *SiteFS
	name string
}

func (f *siteFile) ReadDir(n int) ([]fs.DirEntry, error) {
	ents, err := f.File.ReadDir(n)
	for i, e := range ents {
		ents[i] = dirEntry{e, f.s, f.name + "/" + e.Name()}
	}
	return ents, siteErr(err)
}
