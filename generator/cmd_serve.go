package main

import (
	"fmt"
	"io"
)

// runServe runs the live preview.
func runServe(f flags, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "wallpress serve: not in this version yet; use build and open public/index.html")
	return exitUsage
}
