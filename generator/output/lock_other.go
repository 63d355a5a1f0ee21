//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package output

// dirLock is no lock where the system offers none: recovery then assumes
// no other build is running in the folder.
type dirLock struct{}

func lockShared(string) (*dirLock, error)         { return nil, nil }
func tryExclusive(string) (*dirLock, bool, error) { return nil, true, nil }
func (*dirLock) unlock()                          {}
