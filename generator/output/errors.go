package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"wallpress/generator/diag"
)

// What a publication was doing when the operating system refused.
const (
	// OpWrite is writing the new tree beside the old one.
	OpWrite = "write"
	// OpSwap is renaming the trees into place (or back).
	OpSwap = "swap"
	// OpJournal is writing or removing the publication journal.
	OpJournal = "journal"
	// OpRemoveOld is removing the old copy after a successful swap: the
	// new tree is published, so this is only ever a warning.
	OpRemoveOld = "remove"
)

// Error is an operating-system failure while publishing an output tree. It
// names the folder the user should look at, so that the message can say
// which folder and what to do instead of blaming the program.
type Error struct {
	Op string
	// Folder is where the user should look: the site folder that holds the
	// staging tree, or the old copy that could not be removed.
	Folder string
	// Tree is the output folder concerned (e.g. /site/public), "" when the
	// failure concerns the publication as a whole.
	Tree string
	Err  error
}

func (e *Error) Error() string {
	return fmt.Sprintf("output: %s %s: %v", e.Op, e.Folder, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Reasons for a failure, as the messages tell them apart.
const (
	ReasonPermission = "permission"
	ReasonNoSpace    = "noSpace"
	ReasonReadOnly   = "readOnly"
	ReasonOther      = "failed"
)

// Reason classifies the failure by what the user can do about it.
func (e *Error) Reason() string {
	switch {
	case isNoSpace(e.Err):
		return ReasonNoSpace
	case isReadOnly(e.Err):
		return ReasonReadOnly
	case errors.Is(e.Err, fs.ErrPermission) || isBusy(e.Err):
		return ReasonPermission
	}
	return ReasonOther
}

// Diagnostic renders the failure as a message of the theme's catalog
// ("output.<reason>", or "output.oldKept" for an old copy left behind),
// positioned at the folder, relative to root when it is inside it.
func (e *Error) Diagnostic(root string) diag.Diagnostic {
	key := "output." + e.Reason()
	if e.Op == OpRemoveOld {
		key = "output.oldKept"
	}
	folder := display(root, e.Folder)
	where := folder
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(e.Err, &pe):
		where = display(root, pe.Path)
	case errors.As(e.Err, &le):
		where = display(root, le.New)
	}
	tree := display(root, e.Tree)
	if tree == "" {
		tree = "public/, print/"
	}
	return diag.Diagnostic{
		Pos:  diag.Pos{File: folder},
		Key:  key,
		Hint: key + ".hint",
		Args: diag.Args{"folder": folder, "path": where, "tree": tree, "err": errText(e.Err)},
	}
}

// errText is the operating system's own words without the path, which the
// message names already.
func errText(err error) string {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err.Error()
	case errors.As(err, &le):
		return le.Err.Error()
	}
	return err.Error()
}

// display shows p relative to root when it is inside it, slash-separated;
// the root itself and paths outside it are shown whole.
func display(root, p string) string {
	if p == "" {
		return ""
	}
	r, err := filepath.Rel(root, p)
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return p
	}
	return filepath.ToSlash(r)
}
