// Package diag holds the problems a build finds in a site: each one is data
// (where, how bad, which message, with what arguments) so that every stage can
// report into one list and the list is printed once, sorted, in the site's
// language.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// Severity says whether a diagnostic stops the build.
type Severity uint8

const (
	// Error stops the build: nothing is published.
	Error Severity = iota
	// Warning is shown but the build goes on.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a place in a file. File is slash-separated and relative to the
// site root (for example "content/a/b.md"); Line and Col are 1-based, 0 when
// unknown. Col counts characters (runes), as an editor's status bar does,
// not bytes.
type Pos struct {
	File string
	Line int
	Col  int
}

// At returns a position in the same file at another line.
func (p Pos) At(line int) Pos { return Pos{File: p.File, Line: line} }

func (p Pos) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Args are the named values a message is filled with. Values are strings,
// integers, or the typed values below, which the printer formats in the
// site's language.
type Args map[string]any

// Money is an amount in fen (1/100 yuan), formatted as money in the site's
// language when a message is printed.
type Money int64

// String formats the amount in yuan with two decimals and thousands
// separators: 1,234.50, -3.00. It is the one formatter of amounts:
// ledger.Money and i18n.Amount call it.
func (m Money) String() string {
	neg := m < 0
	u := uint64(m)
	if neg {
		u = -u // also right for math.MinInt64
	}
	yuan := strconv.FormatUint(u/100, 10)
	b := make([]byte, 0, len(yuan)+len(yuan)/3+4)
	if neg {
		b = append(b, '-')
	}
	for i := 0; i < len(yuan); i++ {
		if i > 0 && (len(yuan)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, yuan[i])
	}
	f := u % 100
	return string(append(b, '.', byte('0'+f/10), byte('0'+f%10)))
}

// Diagnostic is one problem found in the site.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Key names the message in the theme's i18n files ("msg." is prefixed
	// when looked up), for example "ledger.closing".
	Key  string
	Args Args
	// Hint, when set, names a second message that tells the user what to do;
	// it is filled with the same Args.
	Hint string
	// Text is the text of the line at Pos.Line, without its line break.
	// The stages leave it empty: the printer reads it from the file
	// (Sources), once per file and only for what it prints.
	Text string
}

// Diagnoser is an error the user can put right, which tells itself as a
// diagnostic: a picture that cannot be read, a ledger cell that is not an
// amount, a poster that did not print in time. Its Pos is empty when the
// error does not know where it was met; From puts it at the caller's.
type Diagnoser interface {
	error
	Diagnostic() Diagnostic
}

// From returns the diagnostic of the first Diagnoser in err's chain, placed
// at pos where it does not know its own file or line. ok is false when err
// holds none: a failure that is not the user's to fix.
func From(err error, pos Pos) (d Diagnostic, ok bool) {
	de, ok := errors.AsType[Diagnoser](err)
	if !ok {
		return Diagnostic{}, false
	}
	d = de.Diagnostic()
	if d.Pos.File == "" {
		d.Pos.File = pos.File
	}
	if d.Pos.Line == 0 {
		d.Pos.Line, d.Pos.Col = pos.Line, pos.Col
	}
	return d, true
}

// List collects diagnostics from every stage. It is safe for concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add appends d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Error records an error at pos.
func (l *List) Error(pos Pos, key string, args Args, hint string) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Key: key, Args: args, Hint: hint})
}

// Warn records a warning at pos.
func (l *List) Warn(pos Pos, key string, args Args, hint string) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Key: key, Args: args, Hint: hint})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	for _, d := range other.Items() {
		l.Add(d)
	}
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Len returns the number of diagnostics.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Items returns the diagnostics sorted by file, line, column, then severity
// and key, so that output is stable whatever order the stages ran in.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Key, b.Key),
		)
	})
	return out
}
