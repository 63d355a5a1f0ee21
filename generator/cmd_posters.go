package main

import (
	"context"
	"fmt"
	"io"

	"wallpress/generator/build"
)

// runPosters renders the wall posters of the groups and records named (all
// when none is) into print/, and leaves public/ alone: the website's copies
// of the posters are made by build.
func runPosters(ctx context.Context, f flags, args []string, stdout, stderr io.Writer) int {
	res, err := build.Posters(ctx, build.Options{Root: f.root, Write: true}, args)
	cat, ok := report(f, res, err, "msg.postersFailed", stderr)
	if !ok {
		return exitErrs
	}
	if !f.quiet {
		fmt.Fprintln(stdout, cat.T("msg.postersMade", "posters", res.Posters, "pdfs", res.PDFs, "dir", build.PrintDir))
	}
	return exitOK
}
