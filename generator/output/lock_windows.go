package output

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
	"time"
)

// dirLock is an open handle on a folder's lock file. Windows has no flock
// in its standard library bindings; the share mode of an open handle does
// the same: a build's handle lets others read (share), recovery's handle
// asks to write and shares nothing (exclusive). The system closes the
// handles when the process ends, however it ends.
type dirLock struct{ h syscall.Handle }

const errorSharingViolationLock = syscall.Errno(32)

func openLock(dir string, access, share uint32) (syscall.Handle, error) {
	name, err := syscall.UTF16PtrFromString(filepath.Join(dir, lockName))
	if err != nil {
		return 0, err
	}
	return syscall.CreateFile(name, access, share, nil, syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_NORMAL, 0)
}

// lockShared takes the lock that every build holds while it has trees
// staged in dir, waiting while a recovery holds it.
func lockShared(dir string) (*dirLock, error) {
	for range 600 {
		h, err := openLock(dir, syscall.GENERIC_READ, syscall.FILE_SHARE_READ)
		if err == nil {
			return &dirLock{h}, nil
		}
		if !errors.Is(err, errorSharingViolationLock) {
			return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, lockName), Err: err}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, lockName), Err: errorSharingViolationLock}
}

// tryExclusive takes the lock for recovering dir, unless a build holds it.
func tryExclusive(dir string) (*dirLock, bool, error) {
	h, err := openLock(dir, syscall.GENERIC_READ|syscall.GENERIC_WRITE, 0)
	switch {
	case err == nil:
		return &dirLock{h}, true, nil
	case errors.Is(err, errorSharingViolationLock):
		return nil, false, nil
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrPermission):
		// No folder, or one nobody can stage in: no build is live there.
		return nil, true, nil
	}
	return nil, false, &fs.PathError{Op: "open", Path: filepath.Join(dir, lockName), Err: err}
}

func (l *dirLock) unlock() {
	if l != nil {
		syscall.CloseHandle(l.h)
	}
}
