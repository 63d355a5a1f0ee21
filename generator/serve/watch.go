package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"wallpress/generator/diag"
)

// The folders and file under the site root whose changes trigger a rebuild.
const (
	configFile = "config.yaml"
	contentDir = "content"
	themesDir  = "themes"
)

// watcher reports changes under content/, themes/ and config.yaml in
// bursts. Folders are watched, not files: editors that save by writing a
// new file and renaming it over the old one (VS Code, Notepad++, vim)
// replace the file's inode, which would end a watch on the file itself.
type watcher struct {
	root string
	fsw  *fsnotify.Watcher
	// seq counts the relevant changes seen so far; a burst carries the
	// count it covers, so that the server knows whether changes are still
	// on their way.
	seq atomic.Int64
	// poke gets a value (when it has room) after every relevant change,
	// for a background build that a change makes useless.
	poke chan struct{}
	// refuse, when set, stands in for the system refusing to watch a
	// folder (a test's full inotify limit).
	refuse func(dir string) error
	// seen, when set, is told of every event once the watcher has dealt
	// with it, and whether it mattered: tests wait on it rather than sleep.
	seen func(name string, relevant bool)

	mu sync.Mutex
	// failed holds a warning for each folder that could not be watched,
	// by folder, for the terminal and the overlay: its changes go unseen.
	failed map[string]diag.Diagnostic
}

func newWatcher(root string, seen func(string, bool), refuse func(string) error) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fsw: fsw, poke: make(chan struct{}, 1), seen: seen, refuse: refuse}
	// The root itself, for config.yaml and for content/ or themes/ created
	// after serve started.
	if err := fsw.Add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range []string{contentDir, themesDir} {
		w.addTree(filepath.Join(root, d))
	}
	return w, nil
}

// addTree watches dir and every folder below it, and returns the files
// found (site-relative slash paths): a folder created while serving may
// already hold files by the time its watch is added.
func (w *watcher) addTree(dir string) []string {
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			w.watch(p)
		} else if rel, ok := w.rel(p); ok {
			files = append(files, rel)
		}
		return nil
	})
	return files
}

// watch watches the folder dir. A folder that cannot be watched is a
// warning naming it and what to do: when the system's limit on watches
// (fs.inotify.max_user_watches on Linux) is used up, saves in the folders
// watched last would otherwise go unseen without a word.
func (w *watcher) watch(dir string) {
	var err error
	if w.refuse != nil {
		err = w.refuse(dir)
	}
	if err == nil {
		err = w.fsw.Add(dir)
	}
	rel, ok := w.rel(dir)
	if !ok {
		rel = filepath.ToSlash(dir)
	}
	if err == nil {
		// Watched after all (again after an overflow, once the limit is
		// raised): its warning goes.
		w.mu.Lock()
		delete(w.failed, rel)
		w.mu.Unlock()
		return
	}
	key := "serve.watchFailed"
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		key = "serve.watchLimit"
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.failed[rel]; ok {
		return
	}
	if w.failed == nil {
		w.failed = map[string]diag.Diagnostic{}
	}
	w.failed[rel] = diag.Diagnostic{Pos: diag.Pos{File: rel}, Severity: diag.Warning, Key: key,
		Args: diag.Args{"dir": rel, "err": err.Error()}, Hint: key + ".hint"}
}

// problems returns a warning for each folder that could not be watched.
func (w *watcher) problems() []diag.Diagnostic {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]diag.Diagnostic, 0, len(w.failed))
	for _, d := range w.failed {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b diag.Diagnostic) int { return strings.Compare(a.Pos.File, b.Pos.File) })
	return out
}

// rel returns the site-relative slash path of p and whether a change of p
// matters to the site.
func (w *watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	if r == configFile || r == contentDir || r == themesDir {
		return r, true
	}
	top, _, _ := strings.Cut(r, "/")
	if top != contentDir && top != themesDir {
		return "", false
	}
	return r, !ignored(path.Base(r))
}

// ignored reports the names editors and office programs write beside the
// file being edited (swap, backup and lock files) and hidden files, which
// the content loader skips as well.
func ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "~$"), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".crswap"):
		return true
	}
	return false
}

// changed counts a relevant change and tells whoever waits for one.
func (w *watcher) changed() {
	w.seq.Add(1)
	select {
	case w.poke <- struct{}{}:
	default:
	}
}

// burst is one debounced set of changes. All is set when the watcher lost
// events (its queue overflowed), so that everything must be rebuilt.
type burst struct {
	files []string
	all   bool
	// seq is the watcher's count of changes when the burst was sent: the
	// burst holds every change up to it.
	seq int64
}

// changed returns the files for Builder.Build: nil means everything.
func (b burst) changed() []string {
	if b.all {
		return nil
	}
	return b.files
}

// run sends a burst to out once no change has arrived for quiet, or at
// the latest maxWait after the first change of the burst, so that a
// program saving many files (unzipping photos) causes one rebuild and a
// constant trickle cannot postpone it for ever. While the receiver is busy
// (building), changes keep collecting into the next burst.
func (w *watcher) run(ctx context.Context, quiet, maxWait time.Duration, out chan<- burst) {
	defer w.fsw.Close()
	pending := map[string]bool{}
	all := false
	var (
		timer   *time.Timer
		timerC  <-chan time.Time
		first   time.Time
		settled bool
	)
	arm := func() {
		now := time.Now()
		if timer == nil {
			first = now
			timer = time.NewTimer(quiet)
			timerC = timer.C
			return
		}
		if settled {
			return
		}
		d := min(quiet, maxWait-now.Sub(first))
		timer.Reset(max(d, 0))
	}
	for {
		var send chan<- burst
		if settled {
			send = out
		}
		b := burst{all: all, seq: w.seq.Load()}
		if send != nil {
			for f := range pending {
				b.files = append(b.files, f)
			}
			slices.Sort(b.files)
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			rel, relevant := w.rel(ev.Name)
			if !relevant {
				if w.seen != nil {
					w.seen(ev.Name, false)
				}
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					for _, f := range w.addTree(ev.Name) {
						pending[f] = true
					}
				}
			}
			pending[rel] = true
			w.changed()
			arm()
			if w.seen != nil {
				w.seen(ev.Name, true)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				all = true
				// Folders created during the overflow are unknown: watch
				// everything again (adding a watched folder is harmless).
				for _, d := range []string{contentDir, themesDir} {
					w.addTree(filepath.Join(w.root, d))
				}
				w.changed()
				arm()
			}
		case <-timerC:
			settled = true
		case send <- b:
			pending = map[string]bool{}
			all = false
			timer, timerC, settled = nil, nil, false
		}
	}
}
