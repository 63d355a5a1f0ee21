package main

import (
	"fmt"
	"io"
)

// runPosters renders the wall posters.
func runPosters(f flags, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "wallpress posters: not in this version yet")
	return exitUsage
}
