package build

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestRoomForBody: the soft memory limit main sets is raised for a body
// whose syntax tree would not fit under it, never lowered, and a limit
// the user chose (GOMEMLIMIT) or no limit is left alone.
func TestRoomForBody(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	t.Setenv("GOMEMLIMIT", "")

	debug.SetMemoryLimit(MemoryLimit)
	roomForBody(1 << 20)
	if got := debug.SetMemoryLimit(-1); got != MemoryLimit+8<<20 {
		t.Errorf("a 1 MB body: limit %d, want %d", got, MemoryLimit+8<<20)
	}
	roomForBody(50 << 20)
	if got := debug.SetMemoryLimit(-1); got != MemoryLimit+400<<20 {
		t.Errorf("a 50 MB body: limit %d, want %d", got, MemoryLimit+400<<20)
	}
	roomForBody(10 << 20)
	if got := debug.SetMemoryLimit(-1); got != MemoryLimit+400<<20 {
		t.Errorf("a smaller body lowered the limit to %d", got)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	roomForBody(50 << 20)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("no limit became %d", got)
	}

	t.Setenv("GOMEMLIMIT", "300MiB")
	debug.SetMemoryLimit(300 << 20)
	roomForBody(50 << 20)
	if got := debug.SetMemoryLimit(-1); got != 300<<20 {
		t.Errorf("the user's GOMEMLIMIT became %d", got)
	}
}
