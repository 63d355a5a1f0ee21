package main

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"wallpress/generator/i18n"
)

// commands returns the commands run knows, in the order the help lists
// them.
func commands() []string { return []string{"build", "check", "new", "serve", "posters"} }

// commandFlags are the flags each command accepts, without dashes.
func commandFlags(cmd string) []string {
	common := []string{"root", "quiet", "verbose"}
	switch cmd {
	case "check":
		return append(common, "privacy")
	case "serve":
		return append(common, "port", "bind")
	}
	return common
}

// usageError is a command typed wrong, told with the cli.<key> message of
// the site's language and its hint.
type usageError struct {
	key, hint string
	args      []any
}

func (e *usageError) Error() string { return e.key }

func usageErr(key, hint string, args ...any) *usageError {
	return &usageError{key: key, hint: hint, args: args}
}

// printUsageError prints a mistyped command in words: what is wrong, what
// to do, and where the help is.
func printUsageError(w io.Writer, cat *i18n.Catalog, err error) {
	ue, ok := errors.AsType[*usageError](err)
	if !ok {
		ue = usageErr("flagOther", "", "err", err.Error())
	}
	// Lists are joined with the language's own separator.
	args := slices.Clone(ue.args)
	for i, a := range args {
		if list, ok := a.([]string); ok {
			args[i] = strings.Join(list, cat.T("cli.sep"))
		}
	}
	fmt.Fprintln(w, cat.T("cli."+ue.key, args...))
	if ue.hint != "" {
		fmt.Fprintf(w, "    %s: %s\n", cat.T("msg.hint"), cat.T("cli."+ue.hint, args...))
	}
	fmt.Fprintln(w, cat.T("cli.seeHelp"))
}

// The flag package's errors (Go's own words, in English), read back to be
// told in the site's language.
var (
	flagUndefined = regexp.MustCompile(`^flag provided but not defined: -+(.*)$`)
	flagNoValue   = regexp.MustCompile(`^flag needs an argument: -+(.*)$`)
	flagBadValue  = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*):`)
	flagSyntax    = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// flagError turns an error of the flag package for cmd into a usageError.
func flagError(cmd string, err error) error {
	msg := err.Error()
	if m := flagUndefined.FindStringSubmatch(msg); m != nil {
		return unknownFlag(cmd, m[1])
	}
	if m := flagNoValue.FindStringSubmatch(msg); m != nil {
		return usageErr("flagNoValue", "flagNoValue.hint", "cmd", cmd, "flag", "--"+m[1])
	}
	if m := flagBadValue.FindStringSubmatch(msg); m != nil {
		return usageErr("flagBadValue", "flagBadValue.hint", "cmd", cmd, "flag", "--"+m[2], "value", m[1])
	}
	if m := flagSyntax.FindStringSubmatch(msg); m != nil {
		return usageErr("flagSyntax", "flagSyntax.hint", "cmd", cmd, "arg", m[1])
	}
	return err
}

// unknownFlag names the flag nearest to the one typed: of this command
// ("--verbos": --verbose) or of another ("build --prot": --port is
// serve's), the command's own on a tie; else it lists the command's flags.
func unknownFlag(cmd, name string) error {
	typed := "--" + name
	own := commandFlags(cmd)
	near, nearD := nearest(name, own)
	for _, other := range commands() {
		if other == cmd {
			continue
		}
		var theirs []string
		for _, fl := range commandFlags(other) {
			if !slices.Contains(own, fl) {
				theirs = append(theirs, fl)
			}
		}
		if fl, d := nearest(name, theirs); d < nearD {
			return usageErr("flagUnknown", "flagUnknown.other", "cmd", cmd, "flag", typed, "near", "--"+fl, "other", other)
		}
	}
	if near != "" {
		return usageErr("flagUnknown", "flagUnknown.near", "cmd", cmd, "flag", typed, "near", "--"+near)
	}
	return usageErr("flagUnknown", "flagUnknown.hint", "cmd", cmd, "flag", typed, "flags", dashed(own))
}

// dashed returns the flag names with their dashes.
func dashed(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "--" + n
	}
	return out
}

// unknownCommand tells a command run does not know, with the nearest one.
func unknownCommand(cmd string) error {
	if strings.HasPrefix(cmd, "-") {
		// A flag typed before the command.
		return usageErr("commandFirst", "commandFirst.hint", "arg", cmd, "commands", commands())
	}
	if near, _ := nearest(strings.ToLower(cmd), commands()); near != "" {
		return usageErr("unknownCommand", "unknownCommand.near", "cmd", cmd, "near", near)
	}
	return usageErr("unknownCommand", "unknownCommand.hint", "cmd", cmd, "commands", commands())
}

// nearest returns the candidate within two edits (a swap of neighbours is
// one) of typed, and closer than half its length, with its distance; the
// first of equals. None: "" and a distance larger than any returned.
func nearest(typed string, candidates []string) (string, int) {
	best, bestD := "", 3
	for _, c := range candidates {
		d := editDistance(typed, c)
		if d < bestD && 2*d < len([]rune(typed))+1 {
			best, bestD = c, d
		}
	}
	return best, bestD
}

// editDistance counts the insertions, deletions, substitutions and swaps of
// neighbouring characters that turn a into b (optimal string alignment).
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
