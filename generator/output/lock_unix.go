//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// dirLock is a lock on a folder's lock file. The system drops it when the
// process ends, however it ends: a lock that cannot be had means a live
// build, never a dead one.
type dirLock struct{ f *os.File }

// lockShared takes the lock that every build holds while it has trees
// staged in dir; builds may share it, recovery may not.
func lockShared(dir string) (*dirLock, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_SH)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, &fs.PathError{Op: "flock", Path: f.Name(), Err: err}
	}
	return &dirLock{f}, nil
}

// tryExclusive takes the lock for recovering dir, unless a build holds it
// (ok false). With no lock file and no way to make one, no build can be
// staging there either, and ok is true with a nil lock.
func tryExclusive(dir string) (l *dirLock, ok bool, err error) {
	name := filepath.Join(dir, lockName)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		// A read-only site folder: check still recovers what it can.
		if f, err = os.Open(name); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, true, nil
			}
			return nil, false, err
		}
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			break
		}
	}
	if err == syscall.EWOULDBLOCK {
		f.Close()
		return nil, false, nil
	}
	if err != nil {
		f.Close()
		return nil, false, &fs.PathError{Op: "flock", Path: name, Err: err}
	}
	return &dirLock{f}, true, nil
}

func (l *dirLock) unlock() {
	if l != nil {
		l.f.Close()
	}
}
