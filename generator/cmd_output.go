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
	d := oe.Diagnostic(root)
	text, hint := cat.Message(d)
	fmt.Fprintf(w, "%s: %s\n", d.Pos, text)
	if hint != "" && hint != "msg."+d.Hint {
		fmt.Fprintf(w, "    %s: %s\n", cat.T("msg.hint"), hint)
	}
	return true
}
