package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"wallpress/generator/build"
)

// runPosters renders the wall posters of the groups and records named (all
// when none is) into print/, and leaves public/ alone: the website's copies
// of the posters are made by build.
func runPosters(f flags, args []string, stdout, stderr io.Writer) int {
	res, err := build.Posters(build.Options{Root: f.root, Write: true}, args)
	cat := catalog(f.root, res)
	if res != nil {
		printDiags(stderr, cat, res.Diags, f.quiet)
		if f.verbose {
			for _, t := range res.Timings {
				fmt.Fprintf(stderr, "%-10s %v\n", t.Stage, t.Took.Round(time.Millisecond))
			}
		}
	}
	if errors.Is(err, build.ErrInterrupted) {
		fmt.Fprintln(stderr, cat.T("msg.interrupted"))
		return exitErrs
	}
	if err != nil {
		fmt.Fprintln(stderr, cat.T("msg.internal", "err", err.Error()))
		return exitErrs
	}
	if res.Diags.HasErrors() {
		fmt.Fprintln(stderr, cat.T("msg.postersFailed"))
		return exitErrs
	}
	if !f.quiet {
		fmt.Fprintln(stdout, cat.T("msg.postersMade", "posters", res.Posters, "pdfs", res.PDFs, "dir", build.PrintDir))
	}
	return exitOK
}
