// Command wallpress turns the markdown records under content/ into the
// building groups' achievement website (public/) and wall posters (print/).
//
//	go run ./generator build
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"wallpress/generator/build"
	"wallpress/generator/config"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/scaffold"
)

func main() {
	// serve keeps the site in memory for as long as it runs and renders
	// again after every save: a limit close to what it holds would make it
	// collect garbage during nearly every rebuild. Builds let it go when
	// they end.
	if os.Getenv("GOMEMLIMIT") == "" && (len(os.Args) < 2 || os.Args[1] != "serve") {
		debug.SetMemoryLimit(build.MemoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `Wallpress: achievement walls for building groups (楼组自治成果墙).

Usage:
  wallpress <command> [flags]

Commands:
  build              check all content, then write the website to public/
                     and the wall posters to print/
  check              check all content and write nothing
                     --privacy  list every name and room number written in
                                content that the website would show, and how
  new KIND PATH      start a record from the theme's template
                     KIND: site, community, group, convention, photo, ledger,
                           story, deliberation, activity
  serve              preview the website at http://127.0.0.1:1313/; pages
                     reload by themselves when a file is saved
                     --port N        another port (0: any free one)
                     --bind ADDRESS  e.g. 0.0.0.0 to let other computers see it
  posters [PATH...]  render only the wall posters (all, or of the groups or
                     records named) into print/

Flags (every command):
  --root DIR   the site folder holding config.yaml and content/ (default ".")
  --quiet      print only errors
  --verbose    print more detail
  --help       show this help

Exit status: 0 success, 1 the content has errors (nothing was published),
2 the command was typed wrong.
`

// Exit codes of SPEC §3.
const (
	exitOK    = 0
	exitErrs  = 1
	exitUsage = 2
)

type flags struct {
	root           string
	quiet, verbose bool
	// privacy asks check for the privacy report.
	privacy bool
}

func parseFlags(name string, args []string, stderr io.Writer) (flags, []string, error) {
	var f flags
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&f.root, "root", ".", "")
	fs.BoolVar(&f.quiet, "quiet", false, "")
	fs.BoolVar(&f.verbose, "verbose", false, "")
	if name == "check" {
		fs.BoolVar(&f.privacy, "privacy", false, "")
	}
	// Accept flags before and after positional arguments.
	var rest []string
	if name == "serve" {
		passServeFlags(fs, &rest)
	}
	for {
		if err := fs.Parse(args); err != nil {
			return f, nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return f, rest, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd := args[0]
	if cmd == "-h" || cmd == "--help" || cmd == "-help" || cmd == "help" {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	f, rest, err := parseFlags(cmd, args[1:], stderr)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "wallpress %s: %v\n\n%s", cmd, err, usage)
		return exitUsage
	}
	switch cmd {
	case "build", "check":
		if len(rest) > 0 {
			fmt.Fprintf(stderr, "wallpress %s: unexpected argument %q\n", cmd, rest[0])
			return exitUsage
		}
		return runBuild(f, cmd == "build", stdout, stderr)
	case "new":
		if len(rest) != 2 {
			fmt.Fprintf(stderr, "wallpress new: want KIND PATH, e.g. wallpress new convention gongnong-sancun/building-12/convention.md\n")
			return exitUsage
		}
		return runNew(f, rest[0], rest[1], stdout, stderr)
	case "serve":
		return runServe(f, rest, stdout, stderr)
	case "posters":
		return runPosters(f, rest, stdout, stderr)
	}
	fmt.Fprintf(stderr, "wallpress: unknown command %q\n\n%s", cmd, usage)
	return exitUsage
}

func runBuild(f flags, write bool, stdout, stderr io.Writer) int {
	res, err := build.Run(build.Options{Root: f.root, Write: write, Privacy: f.privacy})
	cat, ok := report(f, res, err, "msg.failed", stderr)
	if !ok {
		return exitErrs
	}
	if res.Privacy != nil {
		printPrivacy(stdout, cat, res.Privacy)
	}
	if !f.quiet {
		if write {
			if res.Unchanged {
				fmt.Fprintln(stdout, cat.T("msg.unchanged"))
			}
			fmt.Fprintln(stdout, cat.T("msg.built", "pages", res.Pages, "images", res.Images, "dir", build.PublicDir))
			if res.Posters > 0 {
				fmt.Fprintln(stdout, cat.T("msg.postersMade", "posters", res.Posters, "pdfs", res.PDFs, "dir", build.PrintDir))
			}
		} else {
			fmt.Fprintln(stdout, cat.T("msg.checked"))
		}
	}
	return exitOK
}

// report prints what a build found (and, with --verbose, how long it took)
// and the failure when there is one, naming failedKey's message for content
// errors. ok is false when the command failed.
func report(f flags, res *build.Result, err error, failedKey string, stderr io.Writer) (cat *i18n.Catalog, ok bool) {
	cat = catalog(f.root, res)
	if res != nil {
		printDiags(stderr, cat, res.Diags, f.quiet)
	}
	switch {
	case errors.Is(err, build.ErrInterrupted):
		fmt.Fprintln(stderr, cat.T("msg.interrupted"))
		return cat, false
	case err != nil:
		if !outputFailure(stderr, cat, f.root, err) {
			printFailure(stderr, cat, f.root, err)
		}
		return cat, false
	case res.Diags.HasErrors():
		fmt.Fprintln(stderr, cat.T(failedKey))
		return cat, false
	}
	if f.verbose {
		for _, t := range res.Timings {
			fmt.Fprintf(stderr, "%-10s %v\n", t.Stage, t.Took.Round(time.Millisecond))
		}
	}
	return cat, true
}

// catalog returns the messages of the site's language, falling back to the
// default theme when the configured theme is missing.
func catalog(root string, res *build.Result) *i18n.Catalog {
	if res != nil && res.Catalog != nil {
		return res.Catalog
	}
	lang := "zh-CN"
	if res != nil && res.Config != nil {
		lang = res.Config.Language
	}
	// The site's own default theme, else the one in the working folder
	// (a mistyped --root still gets messages in words).
	for _, dir := range []string{filepath.Join(root, "themes", "default"), filepath.Join("themes", "default")} {
		if c, err := i18n.Load(dir, lang); err == nil {
			return c
		}
	}
	// Both missing or broken: the copy built into the program.
	return i18n.Fallback(lang)
}

// printFailure prints the error a command ended with. What the user can
// put right is said in words with the file and what to do: a theme text
// file that is not valid YAML, and the operating system refusing to read
// or write (no permission, a full disk, a read-only disk). Anything else is
// the program's fault.
func printFailure(w io.Writer, cat *i18n.Catalog, root string, err error) {
	var d diag.Diagnostic
	if fe, ok := errors.AsType[*i18n.FileError](err); ok {
		d = fe.Diagnostic(root)
		if !cat.Has("msg." + d.Key) {
			// The catalog at hand is the broken file's language from a
			// theme that lacks the message: the built-in one has it.
			cat = i18n.Fallback(cat.Lang)
		}
	} else if key, path, ok := osFailure(err); ok {
		dir := ""
		if path != "" {
			dir = filepath.Dir(path)
		}
		d = diag.Diagnostic{Key: key, Hint: key + ".hint", Args: diag.Args{"path": sitePath(root, path), "dir": sitePath(root, dir)}}
		if !cat.Has("msg." + key) {
			cat = i18n.Fallback(cat.Lang)
		}
	} else {
		fmt.Fprintln(w, cat.T("msg.internal", "err", err.Error()))
		return
	}
	text, hint := cat.Message(d)
	if d.Pos.File != "" {
		text = d.Pos.String() + ": " + text
	}
	fmt.Fprintln(w, text)
	fmt.Fprintf(w, "    %s: %s\n", cat.T("msg.hint"), hint)
}

// osFailure recognises the operating system's refusals the user can put
// right, anywhere in err's chain: it returns the message key and the path
// the system refused (from the *fs.PathError or *os.LinkError that carries
// it; "" when none does).
func osFailure(err error) (key, path string, ok bool) {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		key = "osDiskFull"
	case errors.Is(err, syscall.EROFS):
		key = "osReadOnly"
	case errors.Is(err, fs.ErrPermission):
		key = "osPermission"
	default:
		return "", "", false
	}
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		path = pe.Path
	} else if le, ok := errors.AsType[*os.LinkError](err); ok {
		// A rename: the new name's folder is the one written to.
		path = le.New
	}
	return key, path, true
}

// sitePath shows path relative to the site folder root when it is inside
// it ("public/building-1"), else as it is; the site folder itself, and a
// path that is not known, as the site folder's full path. The folders a
// build writes before swapping them in (.wallpress-tmp-public-123, and the
// old public/ as .wallpress-tmp-public-123.old) are named as the folder
// the user knows, public/.
func sitePath(root, path string) string {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	if path == "" {
		return abs
	}
	p, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(abs, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return p
	}
	if rel == "." {
		return abs
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, part := range parts {
		parts[i] = stagingName(part)
	}
	return strings.Join(parts, "/")
}

// stagingName returns the folder a build's staging folder stands for:
// ".wallpress-tmp-public-123" and ".wallpress-tmp-public-123.old" are
// "public". Other names are returned as they are.
func stagingName(name string) string {
	rest, ok := strings.CutPrefix(name, ".wallpress-tmp-")
	if !ok {
		return name
	}
	rest = strings.TrimSuffix(rest, ".old")
	i := strings.LastIndexByte(rest, '-')
	if i <= 0 || strings.Trim(rest[i+1:], "0123456789") != "" {
		return name
	}
	return rest[:i]
}

// printDiags prints every diagnostic as "path:line: message", sorted, with
// its hint indented below.
func printDiags(w io.Writer, cat *i18n.Catalog, list *diag.List, quiet bool) {
	var errs, warns int
	for _, d := range list.Items() {
		if d.Severity == diag.Warning {
			warns++
			if quiet {
				continue
			}
		} else {
			errs++
		}
		text, hint := cat.Message(d)
		if text == "msg."+d.Key {
			// A message the theme does not translate: still say what it is.
			text = fmt.Sprintf("%s %v", d.Key, d.Args)
		}
		prefix := ""
		if d.Severity == diag.Warning {
			prefix = cat.T("msg.warning") + ": "
		}
		fmt.Fprintf(w, "%s: %s%s\n", d.Pos, prefix, text)
		if hint != "" && hint != "msg."+d.Hint {
			fmt.Fprintf(w, "    %s: %s\n", cat.T("msg.hint"), hint)
		}
	}
	// --quiet prints only errors: the count too.
	if errs > 0 || (warns > 0 && !quiet) {
		fmt.Fprintln(w, cat.T("msg.summary", "errors", errs, "warnings", warns))
	}
}

func runNew(f flags, kind, path string, stdout, stderr io.Writer) int {
	list := &diag.List{}
	cfg := config.Load(f.root, list)
	if list.HasErrors() {
		cat := catalog(f.root, &build.Result{Config: cfg})
		printDiags(stderr, cat, list, f.quiet)
		return exitErrs
	}
	cat := catalog(f.root, &build.Result{Config: cfg})
	themeDir := filepath.Join(f.root, "themes", cfg.Theme)
	file, err := scaffold.New(f.root, themeDir, cfg.Language, kind, path, time.Now())
	if err != nil {
		var se *scaffold.Error
		if errors.As(err, &se) {
			text, hint := cat.Message(diag.Diagnostic{Key: se.Key, Args: se.Args, Hint: se.Key + ".hint"})
			fmt.Fprintln(stderr, text)
			if hint != "msg."+se.Key+".hint" {
				fmt.Fprintf(stderr, "    %s: %s\n", cat.T("msg.hint"), hint)
			}
			return exitUsage
		}
		printFailure(stderr, cat, f.root, err)
		return exitErrs
	}
	fmt.Fprintln(stdout, cat.T("msg.created", "file", file))
	return exitOK
}

// printPrivacy prints the privacy report: a line for each place where a
// name or room number is written, then a count.
func printPrivacy(w io.Writer, cat *i18n.Catalog, report *diag.List) {
	fmt.Fprintln(w, cat.T("msg.privacy.report.title"))
	for _, d := range report.Items() {
		text, _ := cat.Message(d)
		fmt.Fprintf(w, "%s: %s\n", d.Pos, text)
	}
	fmt.Fprintln(w, cat.T("msg.privacy.report.count", "n", report.Len()))
}
