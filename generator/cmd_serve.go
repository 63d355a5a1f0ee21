package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"

	"wallpress/generator/build"
	"wallpress/generator/i18n"
	"wallpress/generator/serve"
)

// Defaults of serve's own flags: the address the preview is served at.
const (
	defaultBind = "127.0.0.1"
	defaultPort = 1313
)

// serveFlags are the flags only serve has.
type serveFlags struct {
	bind string
	port int
	// bindSet is true when --bind was typed: only then may the preview be
	// reachable from other computers.
	bindSet bool
}

// passServeFlags lets the common flag parsing accept serve's own flags and
// hand them on, in order, as "--name=value" arguments for runServe.
func passServeFlags(fs *flag.FlagSet, rest *[]string) {
	for _, name := range []string{"bind", "port"} {
		fs.Func(name, "", func(v string) error {
			*rest = append(*rest, "--"+name+"="+v)
			return nil
		})
	}
}

// parseServeFlags reads --bind and --port from args. Errors are
// *usageError.
func parseServeFlags(args []string) (serveFlags, error) {
	sf := serveFlags{bind: defaultBind, port: defaultPort}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// The flag package flattens a value's error into its own English
	// sentence: keep ours to tell it in the site's language.
	var bad error
	fs.Func("bind", "", func(v string) error {
		v = strings.TrimSpace(v)
		if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
			v = v[1 : len(v)-1]
		}
		if v == "" || strings.ContainsAny(v, "/ ") {
			bad = usageErr("serve.bind", "serve.bind.hint", "value", v)
			return bad
		}
		if _, _, err := net.SplitHostPort(v); err == nil {
			bad = usageErr("serve.bindPort", "serve.bindPort.hint", "value", v)
			return bad
		}
		sf.bind, sf.bindSet = v, true
		return nil
	})
	fs.Func("port", "", func(v string) error {
		p, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || p < 0 || p > 65535 {
			bad = usageErr("serve.port", "serve.port.hint", "value", v)
			return bad
		}
		sf.port = p
		return nil
	})
	if err := fs.Parse(args); err != nil {
		if bad != nil {
			return sf, bad
		}
		return sf, flagError("serve", err)
	}
	if fs.NArg() > 0 {
		return sf, usageErr("unexpectedArg", "unexpectedArg.serve", "cmd", "serve", "arg", fs.Arg(0))
	}
	return sf, nil
}

// runServe runs the live preview until ctx is done (Ctrl-C).
func runServe(ctx context.Context, f flags, args []string, stdout, stderr io.Writer) int {
	sf, err := parseServeFlags(args)
	if err != nil {
		printUsageError(stderr, catalog(f.root, nil), err)
		return exitUsage
	}
	return serveUntil(ctx, f, sf, stdout, stderr)
}

// serveUntil serves until ctx is done. main stops listening for Ctrl-C
// once ctx is done, so that a second one ends the program at once should
// stopping hang.
func serveUntil(ctx context.Context, f flags, sf serveFlags, stdout, stderr io.Writer) int {
	fb := &fallbacks{}
	cat := func(res *build.Result) *i18n.Catalog { return catalogWith(f.root, res, fb.get) }
	addr := net.JoinHostPort(sf.bind, strconv.Itoa(sf.port))
	srv, err := serve.Start(ctx, serve.Options{
		Root:        f.root,
		Addr:        addr,
		AllowRemote: sf.bindSet,
		Catalog:     cat,
		Posters:     true,
		Report: func(r serve.Report) {
			reportBuild(stdout, stderr, cat(r.Result), f.root, r, f.quiet, f.verbose)
		},
	})
	if err != nil {
		c := catalog(f.root, nil)
		var opErr *net.OpError
		switch {
		case errors.As(err, &opErr) && opErr.Op == "listen":
			fmt.Fprintln(stderr, c.T("msg.serve.listen", "addr", addr, "err", opErr.Err.Error()))
			fmt.Fprintf(stderr, "    %s: %s\n", c.T("msg.hint"), c.T("msg.serve.listen.hint", "port", sf.port+1))
		default:
			printFailure(stderr, c, f.root, err)
		}
		return exitErrs
	}
	c := catalog(f.root, nil)
	if !serve.IsLoopback(sf.bind) {
		fmt.Fprintln(stderr, c.T("msg.serve.remote", "addr", addr))
	}
	fmt.Fprintln(stdout, c.T("msg.serve.listening", "url", srv.URL()))
	<-ctx.Done()
	if !f.quiet {
		fmt.Fprintln(stdout, c.T("msg.serve.stopping"))
	}
	if err := srv.Wait(); err != nil {
		printFailure(stderr, c, f.root, err)
		return exitErrs
	}
	return exitOK
}

// fallbacks keeps the built-in catalogs serve has read: it tells the
// outcome of a build after every save, and reading one takes milliseconds.
type fallbacks struct {
	mu     sync.Mutex
	byLang map[string]*i18n.Catalog
}

func (fb *fallbacks) get(lang string) *i18n.Catalog {
	fb.mu.Lock()
	defer fb.mu.Unlock()
	if c, ok := fb.byLang[lang]; ok {
		return c
	}
	if fb.byLang == nil {
		fb.byLang = map[string]*i18n.Catalog{}
	}
	c := i18n.Fallback(lang)
	fb.byLang[lang] = c
	return c
}

// reportBuild prints the outcome of one build of the preview.
func reportBuild(stdout, stderr io.Writer, cat *i18n.Catalog, root string, r serve.Report, quiet, verbose bool) {
	if r.Result != nil {
		printDiags(stderr, printer(cat, root), r.Result.Diags, quiet, verbose)
	}
	ms := r.Took.Milliseconds()
	switch {
	case r.Err != nil:
		printFailure(stderr, cat, root, r.Err)
	case r.Result != nil && r.Result.Diags.HasErrors():
		fmt.Fprintln(stderr, cat.T("msg.serve.failed"))
	case quiet:
	case r.Posters:
		fmt.Fprintln(stdout, cat.T("msg.serve.postersBuilt", "posters", r.Result.Posters, "pdfs", r.Result.PDFs, "ms", ms))
	case r.First:
		fmt.Fprintln(stdout, cat.T("msg.serve.built", "pages", r.Result.Pages, "ms", ms))
	default:
		fmt.Fprintln(stdout, cat.T("msg.serve.rebuilt", "pages", r.Result.Pages, "ms", ms))
	}
	if verbose && !r.First && !r.Posters {
		for _, c := range r.Changed {
			fmt.Fprintf(stdout, "    %s\n", c)
		}
	}
}
