package output

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Publishing swaps one or more staged trees (public/ and print/) in
// together, so that the website and the posters' QR codes never disagree:
//
//  1. every tree is complete beside its old one (prepare);
//  2. a journal naming each tree, its staging folder and where its old
//     tree goes is written atomically into the first tree's parent folder;
//  3. each old tree is renamed aside, then each new tree into place;
//  4. the journal is removed: this is the moment the publication happens;
//  5. the old trees are removed.
//
// A build killed anywhere in 2–4 leaves the journal, and the next run
// (Recover, or Begin) puts every old tree back from what is on disk: each
// step of the undo can be recognised by which folders exist, so a run
// killed while undoing is undone again by the one after. Killed in 5, or
// when an old copy cannot be removed, the new trees are in place and the
// old copies are removed by the next run. Every rename stays inside one
// folder, so each is atomic.

// journalName is the journal in the site folder while a swap is under way;
// lockName the file whose locks tell a live build from a dead one.
const (
	journalName = ".wallpress-publish.json"
	lockName    = ".wallpress-lock"
)

// journal is what a swap in progress wrote down to undo it.
type journal struct {
	Trees []swapTree `json:"trees"`

	// dir holds the journal; paths in it are relative to dir.
	dir    string
	faults func(step string) error
}

// swapTree is one tree of a swap.
type swapTree struct {
	// Final is the output folder, New the staging tree that replaces it,
	// Old where the old tree is set aside.
	Final, New, Old string
	// HadOld is false when there was no old tree to set aside.
	HadOld bool
}

func (j *journal) abs(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(j.dir, p)
}

func (j *journal) rel(p string) string {
	if r, err := filepath.Rel(j.dir, p); err == nil {
		return r
	}
	return p
}

// fault is where tests stop or fail a publication before each step that
// changes the disk.
func (j *journal) fault(step string) error {
	if j.faults == nil {
		return nil
	}
	return j.faults(step)
}

// Publish swaps the staged trees in, all of them or none: after an error,
// every old tree is as it was (or, when even putting it back failed, is put
// back by the next run). A stage whose files are all unchanged keeps its
// old tree. nil stages are skipped.
//
// The warnings are old copies that could not be removed after the new
// trees were in place: the publication stands, and the next run removes
// them.
func Publish(stages ...*Stage) (warnings []*Error, err error) {
	return publish(stages, nil)
}

func publish(stages []*Stage, faults func(string) error) ([]*Error, error) {
	stages = slices.DeleteFunc(slices.Clone(stages), func(s *Stage) bool { return s == nil })
	if len(stages) == 0 {
		return nil, nil
	}
	// However this ends, the stages are over; a crash drops the locks too.
	defer func() {
		for _, s := range stages {
			s.release()
		}
	}()
	abort := func() {
		for _, s := range stages {
			s.Abort()
		}
	}
	for _, s := range stages {
		if err := s.wait(); err != nil {
			abort()
			return nil, err
		}
	}
	j := &journal{dir: filepath.Dir(stages[0].final), faults: faults}
	for _, s := range stages {
		swap, err := s.prepare()
		if err != nil {
			abort()
			return nil, err
		}
		if swap {
			j.Trees = append(j.Trees, swapTree{Final: j.rel(s.final), New: j.rel(s.tmp), Old: j.rel(s.tmp + oldSuffix), HadOld: s.old != ""})
		}
	}
	if len(j.Trees) == 0 {
		return nil, nil
	}
	if err := j.write(); err != nil {
		abort()
		os.Remove(filepath.Join(j.dir, journalName))
		return nil, err
	}
	if err := j.swap(); err != nil {
		return nil, j.undoAfter(err)
	}
	// The moment of publication: from here on the new trees stand.
	if err := j.fault("commit"); err != nil {
		return nil, j.undoAfter(&Error{Op: OpJournal, Folder: j.dir, Err: err})
	}
	if err := os.Remove(filepath.Join(j.dir, journalName)); err != nil {
		return nil, j.undoAfter(&Error{Op: OpJournal, Folder: j.dir, Err: err})
	}
	syncDir(j.dir)
	var warnings []*Error
	for _, t := range j.Trees {
		if !t.HadOld {
			continue
		}
		if w := j.removeOld(t); w != nil {
			warnings = append(warnings, w)
		}
	}
	return warnings, nil
}

// undoAfter puts the old trees back after the swap failed with err, and
// removes the journal once they are.
func (j *journal) undoAfter(err error) error {
	if uerr := j.undo(); uerr != nil {
		// The journal stays: the next run tries again.
		return errors.Join(err, uerr)
	}
	if rerr := j.forget(); rerr != nil {
		return errors.Join(err, rerr)
	}
	return err
}

// write writes the journal whole or not at all: into a temporary file,
// synced, then renamed over its name.
func (j *journal) write() error {
	fail := func(err error) error { return &Error{Op: OpJournal, Folder: j.dir, Err: err} }
	if err := j.fault("journal"); err != nil {
		return fail(err)
	}
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return err
	}
	name := filepath.Join(j.dir, journalName)
	f, err := os.CreateTemp(j.dir, journalName+".*")
	if err != nil {
		return fail(err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		return fail(err)
	}
	syncDir(j.dir)
	return nil
}

// swap sets every old tree aside, then renames every new tree into place.
func (j *journal) swap() error {
	for _, t := range j.Trees {
		if t.HadOld {
			if err := j.rename("aside "+filepath.Base(t.Final), t.Final, t.Final, t.Old); err != nil {
				return err
			}
		}
	}
	for _, t := range j.Trees {
		if err := j.rename("in "+filepath.Base(t.Final), t.Final, t.New, t.Final); err != nil {
			return err
		}
	}
	syncDir(j.dir)
	return nil
}

// rename renames from to to (relative to the journal's folder) as a step
// of the swap of tree.
func (j *journal) rename(step, tree, from, to string) error {
	from, to = j.abs(from), j.abs(to)
	err := j.fault(step)
	if err == nil {
		err = os.Rename(from, to)
	}
	if err != nil {
		return &Error{Op: OpSwap, Folder: filepath.Dir(to), Tree: j.abs(tree), Err: err}
	}
	return nil
}

// undo puts every old tree of the journal back and removes the new ones,
// from whatever point the swap or an earlier undo stopped at. Which folders
// exist tells how far each tree got: the staging folder exists until its
// tree is renamed into place, the old tree's aside folder only between
// being set aside and being put back.
func (j *journal) undo() error {
	var first error
	for i := len(j.Trees) - 1; i >= 0; i-- {
		t := j.Trees[i]
		name := filepath.Base(t.Final)
		final, newT, old := j.abs(t.Final), j.abs(t.New), j.abs(t.Old)
		if !exists(newT) {
			// The new tree is in place, or this tree is undone already.
			inPlace := exists(final) && (!t.HadOld || exists(old))
			if inPlace {
				if err := j.rename("back "+name, t.Final, t.Final, t.New); err != nil {
					first = cmpErr(first, err)
					continue
				}
			}
		}
		if t.HadOld && exists(old) && !exists(final) {
			if err := j.rename("restore "+name, t.Final, t.Old, t.Final); err != nil {
				first = cmpErr(first, err)
				continue
			}
		}
		if exists(newT) {
			err := j.fault("discard " + name)
			if err == nil {
				err = removeTree(newT)
			}
			if err != nil {
				first = cmpErr(first, &Error{Op: OpSwap, Folder: newT, Tree: final, Err: err})
			}
		}
	}
	return first
}

// forget removes the journal once its swap is undone.
func (j *journal) forget() error {
	err := j.fault("forget")
	if err == nil {
		err = os.Remove(filepath.Join(j.dir, journalName))
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &Error{Op: OpJournal, Folder: j.dir, Err: err}
	}
	syncDir(j.dir)
	return nil
}

// removeOld removes a tree's old copy after the swap; a copy that will not
// go is a warning, retried by the next run.
func (j *journal) removeOld(t swapTree) *Error {
	old := j.abs(t.Old)
	err := j.fault("remove old " + filepath.Base(j.abs(t.Final)))
	if err == nil {
		err = removeTree(old)
	}
	if err != nil {
		return &Error{Op: OpRemoveOld, Folder: old, Tree: j.abs(t.Final), Err: err}
	}
	return nil
}

// Recover finishes what an interrupted publication left in dir (the folder
// that holds public/ and print/): a swap under way is undone, so that every
// output tree is its complete old version; old copies whose new tree is in
// place are removed; staging trees that were never published are removed.
// An old copy with no tree in its place (left by a build killed between
// its two renames) is put back. Call it before anything reads or writes
// the output trees.
//
// The warnings are old copies that could not be removed (the publication
// they belong to stands); the error is a failure to restore a tree.
//
// While another build has trees staged in dir (it holds the folder's lock,
// see lockShared), what it has there is not a leftover: Recover then does
// nothing.
func Recover(dir string) (warnings []*Error, err error) {
	lock, ok, err := tryExclusive(dir)
	if err != nil {
		return nil, &Error{Op: OpSwap, Folder: dir, Err: err}
	}
	if !ok {
		return nil, nil
	}
	defer lock.unlock()
	return recoverDir(dir, nil)
}

// recoverDir recovers dir, which no live build is using.
func recoverDir(dir string, faults func(string) error) ([]*Error, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := recoverJournal(dir, faults); err != nil {
		return nil, err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, &Error{Op: OpSwap, Folder: dir, Err: err}
	}
	j := &journal{dir: dir, faults: faults}
	var warnings []*Error
	for _, e := range ents {
		name := e.Name()
		if strings.HasPrefix(name, journalName+".") {
			// A journal that was never completed: nothing was renamed.
			os.Remove(filepath.Join(dir, name))
			continue
		}
		tree, isOld, ok := leftover(name)
		if !ok {
			continue
		}
		p := filepath.Join(dir, name)
		final := filepath.Join(dir, tree)
		switch {
		case isOld && !exists(final):
			if err := j.rename("restore old "+tree, final, p, final); err != nil {
				return warnings, err
			}
		case isOld:
			if w := j.removeOld(swapTree{Final: final, Old: p, HadOld: true}); w != nil {
				warnings = append(warnings, w)
			}
		default:
			err := j.fault("remove leftover " + tree)
			if err == nil {
				err = removeTree(p)
			}
			if err != nil {
				// An unpublished staging tree changes nothing the user sees;
				// the next build removes it.
				warnings = append(warnings, &Error{Op: OpRemoveOld, Folder: p, Tree: final, Err: err})
			}
		}
	}
	return warnings, nil
}

// recoverJournal undoes the swap that the journal in dir records, if any.
func recoverJournal(dir string, faults func(string) error) error {
	data, err := os.ReadFile(filepath.Join(dir, journalName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &Error{Op: OpJournal, Folder: dir, Err: err}
	}
	j := &journal{dir: dir, faults: faults}
	if err := json.Unmarshal(data, j); err != nil || !j.valid() {
		// The journal is renamed into place whole, so this is not one of
		// ours: leave the folders to the scan for leftovers, which puts an
		// old tree back only where no tree stands.
		return j.forget()
	}
	if err := j.undo(); err != nil {
		return err
	}
	return j.forget()
}

// valid reports whether every folder the journal names is a tree or one of
// the staging names beside it, so that a damaged journal cannot make
// recovery rename or remove anything else.
func (j *journal) valid() bool {
	for _, t := range j.Trees {
		if t.Final == "" || filepath.Base(t.Final) == "." {
			return false
		}
		for _, p := range []string{t.New, t.Old} {
			if filepath.Dir(p) != filepath.Dir(t.Final) {
				return false
			}
			tree, _, ok := leftover(filepath.Base(p))
			if !ok || tree != filepath.Base(t.Final) {
				return false
			}
		}
	}
	return len(j.Trees) > 0
}

// leftover parses a staging name: ".wallpress-tmp-public-123" is a staging
// tree of public, with oldSuffix the old tree set aside.
func leftover(name string) (tree string, isOld, ok bool) {
	rest, ok := strings.CutPrefix(name, tmpPrefix)
	if !ok {
		return "", false, false
	}
	rest, isOld = strings.CutSuffix(rest, oldSuffix)
	i := strings.LastIndexByte(rest, '-')
	if i <= 0 {
		return "", false, false
	}
	return rest[:i], isOld, true
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// syncDir makes the renames in dir durable where the system allows it (not
// on Windows, where folders cannot be synced; its renames are journaled by
// NTFS).
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// removeTree removes the tree at p. A tree holding read-only folders (set
// so by a user or an upload tool) cannot be emptied as it is: those are
// made writable, since the whole tree is going anyway, and the removal is
// tried again.
func removeTree(p string) error {
	err := removeAll([]string{p})
	if err == nil || !errors.Is(err, fs.ErrPermission) {
		return err
	}
	filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil {
			mode := info.Mode().Perm()
			if d.IsDir() {
				mode |= 0o700
			} else {
				mode |= 0o200
			}
			if mode != info.Mode().Perm() {
				os.Chmod(q, mode)
			}
		}
		return nil
	})
	return removeAll([]string{p})
}
