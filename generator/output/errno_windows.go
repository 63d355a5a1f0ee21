package output

import (
	"errors"
	"syscall"
)

// Windows error codes (winerror.h) that the syscall package does not name.
const (
	errorSharingViolation = syscall.Errno(32)
	errorLockViolation    = syscall.Errno(33)
	errorHandleDiskFull   = syscall.Errno(39)
	errorDiskFull         = syscall.Errno(112)
	errorWriteProtect     = syscall.Errno(19)
)

// isNoSpace reports a full disk.
func isNoSpace(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}

// isReadOnly reports a write-protected medium (a USB stick's switch).
func isReadOnly(err error) bool { return errors.Is(err, errorWriteProtect) }

// isBusy reports a file or folder held open by another program (Explorer,
// an upload tool, a virus scanner), which Windows will not rename or remove.
func isBusy(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
