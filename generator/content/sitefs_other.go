//go:build !linux

package content

import "os"

// fastOpen is the Linux openat2 way to open content; elsewhere os.Root is
// used alone.
type fastOpen struct{}

func openFast(string) fastOpen { return fastOpen{} }

func (*fastOpen) open(string, string, int) (*os.File, bool, error) { return nil, false, nil }

func (*fastOpen) close() error { return nil }

const (
	openRead = os.O_RDONLY
	openDir  = os.O_RDONLY
	openPath = os.O_RDONLY
)
