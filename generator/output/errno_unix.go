//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package output

import (
	"errors"
	"syscall"
)

// isNoSpace reports a full disk or an exhausted quota.
func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// isReadOnly reports a file system mounted read-only.
func isReadOnly(err error) bool { return errors.Is(err, syscall.EROFS) }

// isBusy reports a file held by another program; Unix lets a program
// rename and remove files that others have open.
func isBusy(error) bool { return false }
