// Command wallpress turns the markdown records under content/ into the
// building groups' achievement website (public/) and wall posters (print/).
//
//	go run ./generator build
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"gopkg.in/yaml.v3"

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
	// Ctrl-C and SIGTERM are caught here, once, for every command: each
	// stage of a build stops when ctx is done, publishes nothing, and the
	// command says so. A second Ctrl-C ends the program at once, since
	// stop is called as soon as the first arrives.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes: success, content errors, a command typed wrong.
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

// parseFlags reads the flags of command name from args, before and after
// its other arguments, which it returns. Errors are *usageError (or
// flag.ErrHelp).
func parseFlags(name string, args []string) (flags, []string, error) {
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
			if errors.Is(err, flag.ErrHelp) {
				return f, nil, err
			}
			return f, nil, flagError(name, err)
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return f, rest, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	st := locateSite(args)
	// Help and usage errors are told in the site's language, else the
	// terminal's.
	ui := catalog(st.root, nil)
	if len(args) == 0 {
		fmt.Fprint(stderr, ui.T("cli.usage"))
		return exitUsage
	}
	cmd := args[0]
	if cmd == "-h" || cmd == "--help" || cmd == "-help" || cmd == "help" {
		fmt.Fprint(stdout, ui.T("cli.usage"))
		return exitOK
	}
	if !slices.Contains(commands(), cmd) {
		printUsageError(stderr, ui, unknownCommand(cmd))
		return exitUsage
	}
	f, rest, err := parseFlags(cmd, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, ui.T("cli.usage"))
		return exitOK
	}
	if err == nil {
		err = checkArgs(cmd, rest)
	}
	if err != nil {
		printUsageError(stderr, ui, err)
		return exitUsage
	}
	f.root = st.root
	if !f.quiet || st.missing {
		st.tell(stderr, ui)
	}
	switch cmd {
	case "build", "check":
		return runBuild(ctx, f, cmd == "build", stdout, stderr)
	case "new":
		return runNew(f, rest[0], rest[1], stdout, stderr)
	case "serve":
		return runServe(ctx, f, rest, stdout, stderr)
	default:
		return runPosters(ctx, f, rest, stdout, stderr)
	}
}

// checkArgs checks the number of arguments cmd was given besides flags.
func checkArgs(cmd string, rest []string) error {
	switch cmd {
	case "build", "check":
		if len(rest) > 0 {
			return usageErr("unexpectedArg", "unexpectedArg.hint", "cmd", cmd, "arg", rest[0])
		}
	case "new":
		if len(rest) != 2 {
			return usageErr("newArgs", "newArgs.hint", "n", len(rest), "kinds", scaffold.Kinds())
		}
	}
	return nil
}

func runBuild(ctx context.Context, f flags, write bool, stdout, stderr io.Writer) int {
	res, err := build.Run(ctx, build.Options{Root: f.root, Write: write, Privacy: f.privacy})
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
				line := cat.T("msg.unchanged")
				if n := res.Diags.Len(); n > 0 && !f.verbose {
					line += cat.T("cli.unchangedWarnings", "n", n)
				}
				fmt.Fprintln(stdout, line)
				return exitOK
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
	// An unchanged build's warnings are the last build's, already read:
	// runBuild counts them on its one line.
	if res != nil && (!res.Unchanged || f.verbose || res.Diags.HasErrors()) {
		printDiags(stderr, printer(cat, f.root), res.Diags, f.quiet, f.verbose)
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

// catalog returns the messages of the site's language (the terminal's
// when the site has no config.yaml): the site theme's own, with every
// message it lacks taken from the default theme built into the program, so
// that no message is ever printed as its key.
func catalog(root string, res *build.Result) *i18n.Catalog {
	return catalogWith(root, res, i18n.Fallback)
}

// catalogWith is catalog taking the built-in catalogs from fallback.
func catalogWith(root string, res *build.Result, fallback func(lang string) *i18n.Catalog) *i18n.Catalog {
	if res != nil && res.Catalog != nil {
		return res.Catalog.FilledFrom(fallback(res.Catalog.Lang))
	}
	var cfg *config.Config
	if res != nil {
		cfg = res.Config
	}
	if _, err := os.Stat(filepath.Join(root, config.FileName)); err != nil {
		cfg = nil
	} else if cfg == nil {
		cfg = config.Load(os.DirFS(root), &diag.List{})
	}
	lang, theme := envLanguage(), "default"
	if cfg != nil {
		lang, theme = cfg.Language, cfg.Theme
	}
	fb := fallback(lang)
	// The site's own theme, else its default theme, else the one in the
	// working folder (a mistyped --root still gets its words).
	for _, dir := range []string{filepath.Join(root, "themes", theme), filepath.Join(root, "themes", "default"), filepath.Join("themes", "default")} {
		if c, err := i18n.Load(dir, lang); err == nil {
			return c.FilledFrom(fb)
		}
	}
	return fb
}

// printer returns the printer of diagnostics in cat's language, showing
// the lines of the site's files at root.
func printer(cat *i18n.Catalog, root string) diag.Printer {
	return diag.Printer{Messages: cat, Sources: diag.NewSources(os.DirFS(root))}
}

// printFailure prints the error a command ended with. What the user can
// put right is said in words with the file and what to do: an error that
// tells itself as a diagnostic (a theme text file that is not valid YAML, a
// path new refuses), and the operating system refusing to read or write
// (no permission, a full disk, a read-only disk). Anything else is the
// program's fault.
func printFailure(w io.Writer, cat *i18n.Catalog, root string, err error) {
	d, ok := diag.From(err, diag.Pos{})
	if ok {
		// The file as the program opened it, in the place and in the
		// message, becomes the file as the user knows it.
		file := d.Pos.File
		d.Pos.File = siteFile(root, file)
		d.Args = maps.Clone(d.Args)
		for k, v := range d.Args {
			if v == file {
				d.Args[k] = d.Pos.File
			}
		}
	} else if key, path, ok := osFailure(err); ok {
		dir := ""
		if path != "" {
			dir = filepath.Dir(path)
		}
		d = diag.Diagnostic{Key: key, Hint: key + ".hint", Args: diag.Args{"path": sitePath(root, path), "dir": sitePath(root, dir)}}
	} else {
		fmt.Fprintln(w, cat.T("msg.internal", "err", err.Error()))
		return
	}
	if !cat.Has("msg." + d.Key) {
		// The catalog at hand is the broken file's language from a theme
		// that lacks the message: the built-in one has it.
		cat = i18n.Fallback(cat.Lang)
	}
	fmt.Fprint(w, printer(cat, root).Format(d, ""))
}

// siteFile names a file a diagnostic points at relative to the site folder
// root when it is inside it, slash-separated, as every diagnostic's file
// is; other names are returned as they are.
func siteFile(root, file string) string {
	if file == "" || !filepath.IsAbs(file) {
		return file
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return file
	}
	rel, err := filepath.Rel(abs, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(rel)
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

// printDiags prints the diagnostics, sorted, each with the line of the
// file it points at and its hint (see diag.Printer). Every error is
// printed. Warnings of one kind (message key) are printed once, at their
// first place, with how many more there are, so that a build's news is not
// buried under the same warning again and again; verbose prints each.
// quiet prints only errors.
func printDiags(w io.Writer, p diag.Printer, list *diag.List, quiet, verbose bool) {
	items := list.Items()
	kinds := map[string]int{}
	var errs, warns int
	for _, d := range items {
		if d.Severity == diag.Warning {
			warns++
			kinds[d.Key]++
		} else {
			errs++
		}
	}
	for _, d := range items {
		more := ""
		if d.Severity == diag.Warning {
			if quiet {
				continue
			}
			n, ok := kinds[d.Key]
			if !ok {
				continue // told at its kind's first place
			}
			if !verbose {
				delete(kinds, d.Key)
				if n > 1 {
					more = p.Messages.T("cli.moreOfKind", "n", n-1)
				}
			}
		}
		fmt.Fprint(w, p.Format(d, more))
	}
	// --quiet prints only errors: the count too.
	if errs > 0 || (warns > 0 && !quiet) {
		fmt.Fprintln(w, p.Messages.T("msg.summary", "errors", errs, "warnings", warns))
	}
}

func runNew(f flags, kind, path string, stdout, stderr io.Writer) int {
	list := &diag.List{}
	cfg := config.Load(os.DirFS(f.root), list)
	if list.HasErrors() {
		cat := catalog(f.root, &build.Result{Config: cfg})
		printDiags(stderr, printer(cat, f.root), list, f.quiet, f.verbose)
		return exitErrs
	}
	cat := catalog(f.root, &build.Result{Config: cfg})
	themeDir := filepath.Join(f.root, "themes", cfg.Theme)
	file, err := scaffold.New(f.root, themeDir, cfg.Language, kind, path, time.Now())
	if err != nil {
		if _, ok := errors.AsType[*scaffold.Error](err); ok {
			printFailure(stderr, cat, f.root, err)
			return exitUsage
		}
		printFailure(stderr, cat, f.root, err)
		return exitErrs
	}
	key := "msg.createdLive"
	if isDraft(filepath.Join(f.root, filepath.FromSlash(file))) {
		key = "msg.created"
	}
	fmt.Fprintln(stdout, cat.T(key, "file", file))
	return exitOK
}

// isDraft reports whether the record at path says draft: true in its
// front matter: only then does the next step include changing it, since
// some templates (a group's, the home page's) start published.
func isDraft(path string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	text := strings.TrimPrefix(strings.ReplaceAll(string(data), "\r\n", "\n"), "\ufeff")
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		return false
	}
	front, _, ok := strings.Cut(rest, "\n---")
	if !ok {
		return false
	}
	var fm struct {
		Draft bool `yaml:"draft"`
	}
	return yaml.Unmarshal([]byte(front), &fm) == nil && fm.Draft
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
