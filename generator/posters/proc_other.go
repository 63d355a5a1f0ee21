//go:build !unix

package posters

import "os/exec"

// ownProcessGroup leaves the command as it is: on Windows the browser's
// helper processes end with the browser process itself.
func ownProcessGroup(cmd *exec.Cmd) {}

// killGroup has nothing left to do where there are no process groups.
func killGroup(pid int) {}
