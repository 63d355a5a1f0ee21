//go:build unix && !linux

package posters

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup puts the browser and every process it starts in a
// process group of their own, so that closing the browser can end them all
// at once and a Ctrl-C in the terminal reaches wallpress first.
func ownProcessGroup(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
}

// killGroup ends what is left of the process group the browser leads.
func killGroup(pid int) {
	if pid > 0 {
		syscall.Kill(-pid, syscall.SIGKILL)
	}
}
