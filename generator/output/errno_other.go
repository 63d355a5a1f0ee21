//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package output

func isNoSpace(error) bool  { return false }
func isReadOnly(error) bool { return false }
func isBusy(error) bool     { return false }
