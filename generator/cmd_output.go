package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"wallpress/generator/i18n"
	"wallpress/generator/output"
)

// outputFailure prints a failure of the operating system while publishing
// public/ or print/ (a read-only folder, a full disk) in words, naming the
// folder and what to do; it reports false when err is not one.
func outputFailure(w io.Writer, cat *i18n.Catalog, root string, err error) bool {
	var oe *output.Error
	if !errors.As(err, &oe) {
		return false
	}
	if abs, aerr := filepath.Abs(root); aerr == nil {
		root = abs
	}
	fmt.Fprint(w, printer(cat, root).Format(oe.Diagnostic(root), ""))
	return true
}
