// Package output writes a whole output tree (public/ or print/) beside the
// old one and swaps it in only when everything was written, so that a failed
// or interrupted build leaves the previous tree as it was.
//
// A rebuild mostly produces the bytes the previous build already wrote, so
// each file is compared with the old tree first: an unchanged file is not
// written again but hard-linked from the old tree when the new tree is put
// together (no data is copied, and its modification time stays, so an
// uploader that compares times sends only what changed). When nothing at all
// changed, the old tree is simply kept. Files are written by a few
// goroutines while the caller goes on rendering.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Stage is a tree being written. WriteFile and CopyFile may be called from
// many goroutines; Publish or Abort ends the stage, and nothing may be
// written after it.
type Stage struct {
	final string
	tmp   string
	// old is the tree being replaced, "" when there is none.
	old string
	// direct is set once the caller has been given the staging folder
	// (Dir): files may then appear there that the stage does not know of,
	// so the tree is always swapped in.
	direct bool
	// lock marks the stage as alive while it is (see lockShared).
	lock *dirLock

	// writers write the files while the caller goes on rendering; bufs
	// are their read buffers for comparing with the old tree.
	writers errgroup.Group
	bufs    sync.Pool

	mu sync.Mutex
	// paths are the files of the new tree; same are those whose bytes are
	// already in the old tree, to be linked at Publish.
	paths map[string]bool
	same  []string
	dirs  map[string]bool
	err   error
	stats Stats
}

// Stats count what a stage did with its files.
type Stats struct {
	// Written files were new or changed; Unchanged had the old tree's
	// bytes and were linked from it (or, when Kept, left where they were).
	Written, Unchanged int
	// Kept reports that nothing changed and the old tree stayed in place.
	Kept bool
}

// writers is how many files are written at once: writing small files is
// mostly waiting for the file system, and a few more writers than cores
// keep it busy without crowding the renderer.
func writers() int { return runtime.GOMAXPROCS(0) + 2 }

// tmpPrefix marks the staging folders, and with oldSuffix the old trees
// set aside during a swap; what a killed build left is recognised by the
// next one (see Recover).
const (
	tmpPrefix = ".wallpress-tmp-"
	oldSuffix = ".old"
)

// Begin starts a new tree that will replace dir (e.g. <root>/public). An
// interrupted publication in dir's parent folder is undone first, and what
// earlier builds of this tree left behind is removed.
func Begin(dir string) (*Stage, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent, name := filepath.Split(dir)
	parent = filepath.Clean(parent)
	if _, err := Recover(parent); err != nil {
		return nil, err
	}
	// Held until the stage ends, so that no other run takes this stage
	// for the leftover of a dead build.
	lock, err := lockShared(parent)
	if err != nil {
		return nil, &Error{Op: OpWrite, Folder: parent, Tree: dir, Err: err}
	}
	tmp, err := os.MkdirTemp(parent, tmpPrefix+name+"-")
	if err == nil {
		if err = os.Chmod(tmp, 0o755); err != nil {
			os.RemoveAll(tmp)
		}
	}
	if err != nil {
		lock.unlock()
		return nil, &Error{Op: OpWrite, Folder: parent, Tree: dir, Err: err}
	}
	s := &Stage{final: dir, tmp: tmp, lock: lock, paths: map[string]bool{}, dirs: map[string]bool{".": true}}
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		s.old = dir
	}
	s.writers.SetLimit(writers())
	return s, nil
}

// fail wraps an operating-system failure while writing the new tree: the
// folder to look at is the one that holds it, beside the old tree.
func (s *Stage) fail(err error) error {
	if err == nil {
		return nil
	}
	var oe *Error
	if errors.As(err, &oe) {
		return err
	}
	return &Error{Op: OpWrite, Folder: filepath.Dir(s.final), Tree: s.final, Err: err}
}

// Dir returns the staging directory. Files put there directly become part
// of the tree.
func (s *Stage) Dir() string {
	s.mu.Lock()
	s.direct = true
	s.mu.Unlock()
	return s.tmp
}

// check validates rel and claims it for this tree.
func (s *Stage) check(rel string) error {
	if rel == "" || path.IsAbs(rel) || strings.Contains(rel, `\`) || path.Clean(rel) != rel || rel == ".." || strings.HasPrefix(rel, "../") {
		return fmt.Errorf("output: bad path %q", rel)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	if s.paths[rel] {
		return fmt.Errorf("output: %s is written twice", rel)
	}
	s.paths[rel] = true
	return nil
}

// WriteFile writes data at the slash path rel inside the tree. The write
// may happen after WriteFile returns: the caller must not change data
// afterwards. A failed write is reported by a later call or by Publish.
func (s *Stage) WriteFile(rel string, data []byte) error {
	if err := s.check(rel); err != nil {
		return err
	}
	s.writers.Go(func() error { s.put(rel, data, ""); return nil })
	return nil
}

// CopyFile puts the file src at rel inside the tree, as a hard link when
// the file system allows it (processed images are never changed in place,
// so sharing their bytes is safe) and as a copy otherwise.
func (s *Stage) CopyFile(rel, src string) error {
	if err := s.check(rel); err != nil {
		return err
	}
	s.writers.Go(func() error { s.put(rel, nil, src); return nil })
	return nil
}

// put writes data at rel, or copies src there when src is set, unless the
// old tree has it already. The first failure is kept in s.err, for the
// next call or Publish to report: the writers themselves return nil, so
// that the stage's calls see it in the order they are made.
func (s *Stage) put(rel string, data []byte, src string) {
	s.mu.Lock()
	failed := s.err != nil
	s.mu.Unlock()
	if failed {
		return
	}
	var same bool
	if src != "" {
		same = s.linked(rel, src)
	} else {
		buf, _ := s.bufs.Get().(*[]byte)
		if buf == nil {
			buf = new([]byte)
		}
		same, *buf = s.unchanged(rel, data, *buf)
		s.bufs.Put(buf)
	}
	if same {
		s.mu.Lock()
		s.same = append(s.same, rel)
		s.stats.Unchanged++
		s.mu.Unlock()
		return
	}
	var err error
	if src != "" {
		err = s.copy(rel, src)
	} else {
		err = s.write(rel, data)
	}
	s.mu.Lock()
	if err != nil && s.err == nil {
		s.err = s.fail(err)
	}
	if err == nil {
		s.stats.Written++
	}
	s.mu.Unlock()
}

// unchanged reports whether the old tree holds exactly data at rel. buf is
// a reusable read buffer.
func (s *Stage) unchanged(rel string, data, buf []byte) (bool, []byte) {
	if s.old == "" {
		return false, buf
	}
	f, err := os.Open(filepath.Join(s.old, filepath.FromSlash(rel)))
	if err != nil {
		return false, buf
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false, buf
	}
	if cap(buf) < len(data) {
		buf = make([]byte, len(data))
	}
	buf = buf[:len(data)]
	if _, err := io.ReadFull(f, buf); err != nil {
		return false, buf
	}
	return bytes.Equal(buf, data), buf
}

// linked reports whether the old tree's file at rel is src itself (a hard
// link made by the previous build), so that the copy has nothing to do.
func (s *Stage) linked(rel, src string) bool {
	if s.old == "" {
		return false
	}
	a, err := os.Stat(filepath.Join(s.old, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	b, err := os.Stat(src)
	return err == nil && os.SameFile(a, b)
}

// mkdirs makes the folder of rel in the staging tree, remembering what
// exists so that each folder costs one system call.
func (s *Stage) mkdirs(rel string) error {
	dir := path.Dir(rel)
	s.mu.Lock()
	known := s.dirs[dir]
	s.mu.Unlock()
	if known {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(s.tmp, filepath.FromSlash(dir)), 0o755); err != nil {
		return err
	}
	s.mu.Lock()
	for d := dir; d != "." && !s.dirs[d]; d = path.Dir(d) {
		s.dirs[d] = true
	}
	s.mu.Unlock()
	return nil
}

func (s *Stage) write(rel string, data []byte) error {
	if err := s.mkdirs(rel); err != nil {
		return err
	}
	return writeFile(filepath.Join(s.tmp, filepath.FromSlash(rel)), data)
}

func (s *Stage) copy(rel, src string) error {
	if err := s.mkdirs(rel); err != nil {
		return err
	}
	dst := filepath.Join(s.tmp, filepath.FromSlash(rel))
	if os.Link(src, dst) == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	return errors.Join(err, out.Close())
}

// wait lets the writers finish and returns the first error.
func (s *Stage) wait() error {
	s.writers.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// prepare lets the writers finish and puts the unchanged files into the new
// tree. swap is false when every file is the same as in the old tree and
// the old tree has no other files: the old tree then stays as it is, and
// the staging tree is removed.
func (s *Stage) prepare() (swap bool, err error) {
	if err := s.wait(); err != nil {
		return false, err
	}
	s.mu.Lock()
	direct := s.direct
	s.mu.Unlock()
	if s.old != "" && s.stats.Written == 0 && !direct && countFiles(s.old) == len(s.paths) {
		s.stats.Kept = true
		// A staging tree that will not go away is removed by the next build.
		os.RemoveAll(s.tmp)
		return false, nil
	}
	if err := s.linkSame(); err != nil {
		return false, s.fail(err)
	}
	return true, nil
}

// Stats tell what the stage did; complete after Publish.
func (s *Stage) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// linkSame puts the unchanged files into the new tree as hard links to the
// old tree's, on every core; where the file system has no hard links they
// are copied.
func (s *Stage) linkSame() error {
	var g errgroup.Group
	g.SetLimit(writers())
	for _, rel := range s.same {
		g.Go(func() error { return s.copy(rel, filepath.Join(s.old, filepath.FromSlash(rel))) })
	}
	return g.Wait()
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// Abort removes the staging tree and leaves the old tree as it was.
func (s *Stage) Abort() {
	s.wait()
	os.RemoveAll(s.tmp)
	s.release()
}

// release ends the stage's claim on its folder.
func (s *Stage) release() {
	s.mu.Lock()
	l := s.lock
	s.lock = nil
	s.mu.Unlock()
	l.unlock()
}

// countFiles counts the files under dir; -1 when it cannot be read.
func countFiles(dir string) int {
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			n++
		}
		return nil
	})
	if err != nil {
		return -1
	}
	return n
}

// removeAll removes the trees at paths, their top-level entries in
// parallel: removing an old site of tens of thousands of files is a
// system call per file and folder, and the cores would otherwise idle.
func removeAll(paths []string) error {
	var parts []string
	for _, p := range paths {
		ents, err := os.ReadDir(p)
		if err != nil {
			parts = append(parts, p)
			continue
		}
		for _, e := range ents {
			parts = append(parts, filepath.Join(p, e.Name()))
		}
	}
	// Every part is removed even after one fails: what can go, goes.
	var g errgroup.Group
	g.SetLimit(writers())
	for _, p := range parts {
		g.Go(func() error { return os.RemoveAll(p) })
	}
	first := g.Wait()
	for _, p := range paths {
		if err := os.RemoveAll(p); err != nil {
			first = cmpErr(first, err)
		}
	}
	return first
}

// pathError is an *fs.PathError, so that callers can test it with
// errors.Is(err, fs.ErrExist) and the like.
type pathError = fs.PathError

// Replace puts data at rel inside the tree dir in place, for a tree that is
// being served while it changes: the file is written beside its final name
// and renamed over it, so that a reader sees the old bytes or the new ones,
// never a part. A file that already holds data is left alone; changed
// reports whether it was written.
func Replace(dir, rel string, data []byte) (changed bool, err error) {
	dst := filepath.Join(dir, filepath.FromSlash(rel))
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return false, err
	}
	f, err := os.CreateTemp(filepath.Dir(dst), ".wallpress-*")
	if err != nil {
		return false, err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), dst)
	}
	if err != nil {
		os.Remove(f.Name())
		return false, err
	}
	return true, nil
}

// Link puts the file src at rel inside the tree dir in place, as a hard
// link when the file system allows it and otherwise as a copy written
// whole (see Replace).
func Link(dir, rel, src string) error {
	dst := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if os.Link(src, dst) == nil {
		return nil
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	_, err = Replace(dir, rel, data)
	return err
}
