package output

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// The trees of a publication test: the old public/ and print/ and the new
// ones. Some files are the same in both (linked from the old tree), some go
// away, some are new.
var (
	oldPublic = map[string]string{"index.html": "old home", "same.html": "same", "gone.html": "gone", "a/b/page.html": "old page"}
	newPublic = map[string]string{"index.html": "new home", "same.html": "same", "a/b/page.html": "new page", "added/x.html": "x"}
	oldPrint  = map[string]string{"g/poster.html": "old poster", "g/poster.pdf": "%PDF old"}
	newPrint  = map[string]string{"g/poster.html": "new poster", "g/poster.pdf": "%PDF old", "g/poster.png": "png"}
)

// crash stands for the program being killed: the fault hook panics with it,
// so that nothing after the step runs, and the test recovers the panic.
type crash struct{}

// faultAt returns a hook that records every step and does fail at step
// number n (0-based), and at every later one when sticky is set.
func faultAt(n int, fail func(step string) error, sticky bool) (func(string) error, *[]string) {
	var steps []string
	return func(step string) error {
		steps = append(steps, step)
		if i := len(steps) - 1; i == n || sticky && i > n {
			return fail(step)
		}
		return nil
	}, &steps
}

func crashes(string) error { panic(crash{}) }

// denied is what the system says to a read-only folder.
func denied(step string) error {
	return &fs.PathError{Op: step, Path: "x", Err: syscall.EACCES}
}

// crashed runs f and reports whether it stopped at a simulated crash.
func crashed(f func()) (did bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(crash); !ok {
				panic(r)
			}
			did = true
		}
	}()
	f()
	return false
}

// writeTree writes files under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns every file under dir by slash path; nil when dir does
// not exist.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// scenario is a site folder with old trees (or none) and both new trees
// staged, ready to publish.
type scenario struct {
	name string
	// old says whether public/ and print/ exist before the build.
	old bool
	// printSame stages print/ with its old files only, so that it is kept
	// and only public/ is swapped.
	printSame bool
}

var scenarios = []scenario{
	{name: "replace both", old: true},
	{name: "first build", old: false},
	{name: "print unchanged", old: true, printSame: true},
}

func (sc scenario) want(published bool) (pub, print map[string]string) {
	if !published {
		if !sc.old {
			return nil, nil
		}
		return oldPublic, oldPrint
	}
	if sc.printSame {
		return newPublic, oldPrint
	}
	return newPublic, newPrint
}

// setup makes the site folder and stages both trees.
func (sc scenario) setup(t *testing.T) (root string, stages []*Stage) {
	t.Helper()
	root = t.TempDir()
	if sc.old {
		writeTree(t, filepath.Join(root, "public"), oldPublic)
		writeTree(t, filepath.Join(root, "print"), oldPrint)
	}
	for _, dir := range []string{"public", "print"} {
		files := newPublic
		if dir == "print" {
			files = newPrint
			if sc.printSame {
				files = oldPrint
			}
		}
		s, err := Begin(filepath.Join(root, dir))
		if err != nil {
			t.Fatal(err)
		}
		for _, rel := range slices.Sorted(maps.Keys(files)) {
			if err := s.WriteFile(rel, []byte(files[rel])); err != nil {
				t.Fatal(err)
			}
		}
		stages = append(stages, s)
	}
	return root, stages
}

// check asserts that public/ and print/ are both entirely old or both
// entirely new, as published says, and that nothing else is in the site
// folder.
func (sc scenario) check(t *testing.T, root string, published bool) {
	t.Helper()
	wantPub, wantPrint := sc.want(published)
	gotPub, gotPrint := readTree(t, filepath.Join(root, "public")), readTree(t, filepath.Join(root, "print"))
	if !maps.Equal(gotPub, wantPub) || !maps.Equal(gotPrint, wantPrint) {
		t.Errorf("published=%v:\npublic/ %v\n  want %v\nprint/ %v\n  want %v", published, gotPub, wantPub, gotPrint, wantPrint)
	}
	names, _ := siteEntries(root)
	want := []string{"print", "public"}
	if wantPub == nil {
		want = nil
	}
	if !slices.Equal(names, want) {
		t.Errorf("site folder holds %q, want %q", names, want)
	}
}

// steps lists the steps of an undisturbed publication of sc.
func (sc scenario) steps(t *testing.T) []string {
	t.Helper()
	root, stages := sc.setup(t)
	hook, steps := faultAt(-1, nil, false)
	if w, err := publish(stages, hook); err != nil || len(w) > 0 {
		t.Fatalf("publish: %v %v", w, err)
	}
	sc.check(t, root, true)
	return *steps
}

// commitStep is the index of the step at which the publication happens.
func commitStep(t *testing.T, steps []string) int {
	i := slices.Index(steps, "commit")
	if i < 0 {
		t.Fatalf("no commit step in %q", steps)
	}
	return i
}

// A build killed before any step of the publication, recovered by the next
// run, leaves both trees old until the commit and both new after it; no
// staging tree, old copy or journal remains.
func TestCrashAtEveryStep(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			steps := sc.steps(t)
			commit := commitStep(t, steps)
			for i, step := range steps {
				t.Run(fmt.Sprintf("%d %s", i, step), func(t *testing.T) {
					root, stages := sc.setup(t)
					hook, _ := faultAt(i, crashes, false)
					if !crashed(func() { publish(stages, hook) }) {
						t.Fatal("the publication did not reach the step")
					}
					w, err := Recover(root)
					if err != nil || len(w) > 0 {
						t.Fatalf("Recover: %v %v", w, err)
					}
					sc.check(t, root, i > commit)
				})
			}
		})
	}
}

// The recovery itself may be killed at any of its steps; the run after that
// still restores the old trees.
func TestCrashWhileRecovering(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			steps := sc.steps(t)
			commit := commitStep(t, steps)
			for i := range steps {
				// The recovery's own steps after a crash at step i.
				root, stages := sc.setup(t)
				hook, _ := faultAt(i, crashes, false)
				crashed(func() { publish(stages, hook) })
				rhook, rsteps := faultAt(-1, nil, false)
				if _, err := recoverDir(root, rhook); err != nil {
					t.Fatal(err)
				}
				for j := range *rsteps {
					t.Run(fmt.Sprintf("%d %s then %d %s", i, steps[i], j, (*rsteps)[j]), func(t *testing.T) {
						root, stages := sc.setup(t)
						hook, _ := faultAt(i, crashes, false)
						crashed(func() { publish(stages, hook) })
						rhook, _ := faultAt(j, crashes, false)
						if !crashed(func() { recoverDir(root, rhook) }) {
							t.Fatal("the recovery did not reach the step")
						}
						if _, err := Recover(root); err != nil {
							t.Fatal(err)
						}
						sc.check(t, root, i > commit)
					})
				}
			}
		})
	}
}

// A step that fails (a folder held by another program, a read-only folder)
// before the commit fails the publication and leaves both old trees with no
// leftovers at once; after the commit the new trees stand and the old copy
// that would not go is a warning, removed by the next run.
func TestFailureAtEveryStep(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			steps := sc.steps(t)
			commit := commitStep(t, steps)
			for i, step := range steps {
				t.Run(fmt.Sprintf("%d %s", i, step), func(t *testing.T) {
					root, stages := sc.setup(t)
					hook, _ := faultAt(i, denied, false)
					warnings, err := publish(stages, hook)
					if i <= commit {
						var oe *Error
						if !errors.As(err, &oe) || oe.Reason() != ReasonPermission {
							t.Fatalf("err = %v, want a permission *Error", err)
						}
						if len(warnings) > 0 {
							t.Errorf("warnings %v", warnings)
						}
						sc.check(t, root, false)
						return
					}
					if err != nil {
						t.Fatalf("the publication failed after its commit: %v", err)
					}
					if len(warnings) != 1 || warnings[0].Op != OpRemoveOld || !strings.HasSuffix(warnings[0].Folder, oldSuffix) {
						t.Fatalf("warnings %v, want the old copy that was not removed", warnings)
					}
					d := warnings[0].Diagnostic(root)
					if d.Key != "output.oldKept" || !strings.HasPrefix(d.Pos.File, tmpPrefix) {
						t.Errorf("diagnostic %+v", d)
					}
					if w, err := Recover(root); err != nil || len(w) > 0 {
						t.Fatalf("Recover: %v %v", w, err)
					}
					sc.check(t, root, true)
				})
			}
		})
	}
}

// When putting the old trees back fails too, the journal stays and the next
// run puts them back.
func TestFailedUndoIsFinishedNextRun(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			steps := sc.steps(t)
			commit := commitStep(t, steps)
			for i := 1; i <= commit; i++ {
				t.Run(steps[i], func(t *testing.T) {
					root, stages := sc.setup(t)
					hook, _ := faultAt(i, denied, true)
					if _, err := publish(stages, hook); err == nil {
						t.Fatal("the publication succeeded")
					}
					if _, err := Recover(root); err != nil {
						t.Fatal(err)
					}
					sc.check(t, root, false)
				})
			}
		})
	}
}

// Begin recovers before it stages anything: a build that follows a killed
// one starts from the complete old trees.
func TestBeginRecovers(t *testing.T) {
	sc := scenarios[0]
	steps := sc.steps(t)
	i := slices.Index(steps, "in public")
	root, stages := sc.setup(t)
	hook, _ := faultAt(i, crashes, false)
	crashed(func() { publish(stages, hook) })
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Fatal("public/ is there: the crash came too late to test anything")
	}
	s, err := Begin(filepath.Join(root, "public"))
	if err != nil {
		t.Fatal(err)
	}
	s.Abort()
	sc.check(t, root, false)
}

// Leftovers of the earlier swap, which renamed public/ aside and the new
// tree in with no journal: a build killed between the two renames left the
// old tree aside and no public/; it is put back. Staging trees and old
// copies beside a tree in place are removed.
func TestRecoverLegacyLeftovers(t *testing.T) {
	root := t.TempDir()
	writeTree(t, filepath.Join(root, tmpPrefix+"public-41.old"), oldPublic)
	writeTree(t, filepath.Join(root, tmpPrefix+"public-41"), newPublic)
	writeTree(t, filepath.Join(root, "print"), newPrint)
	writeTree(t, filepath.Join(root, tmpPrefix+"print-7.old"), oldPrint)
	writeTree(t, filepath.Join(root, "content"), map[string]string{"a.md": "mine"})
	writeTree(t, filepath.Join(root, ".wallpress-other"), map[string]string{"x": "not ours"})
	if w, err := Recover(root); err != nil || len(w) > 0 {
		t.Fatalf("Recover: %v %v", w, err)
	}
	if got := readTree(t, filepath.Join(root, "public")); !maps.Equal(got, oldPublic) {
		t.Errorf("public/ = %v", got)
	}
	if got := readTree(t, filepath.Join(root, "print")); !maps.Equal(got, newPrint) {
		t.Errorf("print/ = %v", got)
	}
	names, _ := siteEntries(root)
	if want := []string{".wallpress-other", "content", "print", "public"}; !slices.Equal(names, want) {
		t.Errorf("site folder holds %q, want %q", names, want)
	}
}

// A damaged journal names nothing to rename or remove outside the staging
// names; it is dropped and the folders are left to the leftover scan.
func TestDamagedJournal(t *testing.T) {
	for _, body := range []string{
		`{"trees":[`,
		`{"trees":[{"Final":"content","New":"content2","Old":".wallpress-tmp-content-1.old","HadOld":false}]}`,
		`{"trees":[{"Final":"content","New":"../.wallpress-tmp-content-1","Old":".wallpress-tmp-content-1.old","HadOld":false}]}`,
		`{"trees":[]}`,
	} {
		root := t.TempDir()
		writeTree(t, filepath.Join(root, "content"), map[string]string{"a.md": "mine"})
		os.WriteFile(filepath.Join(root, journalName), []byte(body), 0o644)
		if _, err := Recover(root); err != nil {
			t.Fatal(err)
		}
		if got := readTree(t, filepath.Join(root, "content")); got["a.md"] != "mine" {
			t.Errorf("%s: content/ = %v", body, got)
		}
		if _, err := os.Stat(filepath.Join(root, journalName)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: the journal is still there", body)
		}
	}
}

// A read-only folder inside the old public/ does not stop its removal after
// the new tree is in place (the folder goes with the old copy).
func TestReadOnlyFolderInOldTree(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may remove files from read-only folders")
	}
	root := t.TempDir()
	pub := filepath.Join(root, "public")
	writeTree(t, pub, oldPublic)
	ro := filepath.Join(pub, "a", "b")
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	s, err := Begin(pub)
	if err != nil {
		t.Fatal(err)
	}
	for rel, data := range newPublic {
		s.WriteFile(rel, []byte(data))
	}
	w, err := Publish(s)
	if err != nil || len(w) > 0 {
		t.Fatalf("Publish: %v %v", w, err)
	}
	if got := readTree(t, pub); !maps.Equal(got, newPublic) {
		t.Errorf("public/ = %v", got)
	}
	if ents, _ := siteEntries(root); len(ents) != 1 {
		t.Errorf("the old copy is left: %d entries", len(ents))
	}
}

// The operating system's failures are told apart by what the user can do.
func TestErrorReason(t *testing.T) {
	root := filepath.FromSlash("/site")
	for _, c := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "/site/.wallpress-tmp-public-1/a.html", Err: syscall.ENOSPC}, ReasonNoSpace},
		{&fs.PathError{Op: "mkdirat", Path: "/site/.wallpress-tmp-public-*", Err: syscall.EACCES}, ReasonPermission},
		{&fs.PathError{Op: "mkdirat", Path: "/site/.wallpress-tmp-public-*", Err: syscall.EPERM}, ReasonPermission},
		{&os.LinkError{Op: "rename", Old: "/site/public", New: "/site/x", Err: syscall.EROFS}, ReasonReadOnly},
		{errors.New("something else"), ReasonOther},
	} {
		e := &Error{Op: OpWrite, Folder: filepath.FromSlash("/site"), Tree: filepath.FromSlash("/site/public"), Err: c.err}
		if got := e.Reason(); got != c.want {
			t.Errorf("%v: reason %s, want %s", c.err, got, c.want)
		}
		d := e.Diagnostic(root)
		if d.Key != "output."+c.want || d.Hint != d.Key+".hint" || d.Pos.File != root || d.Args["tree"] != "public" {
			t.Errorf("%v: diagnostic %+v", c.err, d)
		}
	}
}

// siteEntries lists the site folder's entries but the lock file, which
// stays for good.
func siteEntries(root string) ([]string, error) {
	ents, err := os.ReadDir(root)
	var names []string
	for _, e := range ents {
		if e.Name() != lockName {
			names = append(names, e.Name())
		}
	}
	return names, err
}

// A check or a preview started while a build is writing must not take the
// build's staging trees for leftovers of a dead one.
func TestRecoverLeavesLiveBuildAlone(t *testing.T) {
	sc := scenarios[0]
	root, stages := sc.setup(t)
	if _, err := Recover(root); err != nil {
		t.Fatal(err)
	}
	names, _ := siteEntries(root)
	if len(names) != 4 {
		t.Fatalf("the live staging trees were removed: %q", names)
	}
	// A second build's Begin neither.
	s, err := Begin(filepath.Join(root, "public"))
	if err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if w, err := Publish(stages...); err != nil || len(w) > 0 {
		t.Fatalf("Publish: %v %v", w, err)
	}
	sc.check(t, root, true)
}
