// Command synth writes a synthetic sub-district for benchmarks: a complete
// Wallpress site with config.yaml, content/ (every record type, realistic
// Chinese text, balanced ledgers) and a copy of the default theme. The same
// flags always write the same bytes.
//
// Usage, from the repository root:
//
//	go run ./generator/cmd/synth --out /tmp/sub --communities 88 --groups 60 --seed 1 --images none
//	go run ./generator build --root /tmp/sub
//
// `synth website --root DIR` builds only the website of a site into
// DIR/public, the way serve does (no posters): what the benchmark compares
// with Hugo, which makes no posters either.
//
// `synth update --root DIR --runs 5` times serve's rebuild after one record
// changed: it builds the website once with a build.Session (as serve does),
// then edits the first corridor story --runs times and prints the seconds
// each rebuild took, one per line.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"wallpress/generator/build"
	"wallpress/generator/cmd/synth/gen"
)

func main() {
	// As the wallpress command does: builds have a memory limit, serve
	// (what update measures) does not.
	if os.Getenv("GOMEMLIMIT") == "" && (len(os.Args) < 2 || os.Args[1] != "update") {
		debug.SetMemoryLimit(build.MemoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "website" {
		return website(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "update" {
		return update(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o gen.Options
	var images string
	fs.StringVar(&o.Out, "out", "", "folder to write the site into (must not exist or be empty)")
	fs.IntVar(&o.Communities, "communities", 88, "number of neighbourhoods (居民区)")
	fs.IntVar(&o.Groups, "groups", 60, "building groups (楼组) per neighbourhood")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed: the same seed writes the same site")
	fs.StringVar(&images, "images", "none", "photos: none, small (640×480) or large (4000×3000)")
	fs.StringVar(&o.Theme, "theme", "themes/default", "theme folder to copy into the site")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if o.Out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "synth: --out DIR is required, and nothing else may follow the flags")
		return 2
	}
	o.Images = gen.ImageSize(images)
	if _, err := os.Stat(o.Theme); err != nil {
		fmt.Fprintf(stderr, "synth: theme %s not found: run from the repository root or pass --theme\n", o.Theme)
		return 2
	}
	start := time.Now()
	st, err := gen.Generate(o)
	if err != nil {
		fmt.Fprintln(stderr, "synth:", err)
		return 1
	}
	fmt.Fprintf(stdout, "synth: %d markdown files, %d images, %d other files, %.1f MB in %s → %s\n",
		st.Markdown, st.Images, st.Other, float64(st.Bytes)/1e6, time.Since(start).Round(time.Millisecond), o.Out)
	return 0
}

// website builds the website alone: build.Run with an output folder of its
// own skips the posters, as serve's builds do.
func website(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synth website", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "the site folder")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	res, err := build.Run(context.Background(), build.Options{Root: *root, Write: true, Out: filepath.Join(*root, build.PublicDir)})
	if err != nil {
		fmt.Fprintln(stderr, "synth website:", err)
		return 1
	}
	if res.Diags.HasErrors() {
		for _, d := range res.Diags.Items() {
			fmt.Fprintf(stderr, "%s: %s %v\n", d.Pos, d.Key, d.Args)
		}
		return 1
	}
	for _, t := range res.Timings {
		fmt.Fprintf(stdout, "%-10s %s\n", t.Stage, t.Took.Round(time.Millisecond))
	}
	fmt.Fprintf(stdout, "synth website: %d pages, %d images\n", res.Pages, res.Images)
	return 0
}

// update times serve's rebuild after one record changed.
func update(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("synth update", flag.ContinueOnError)
	flags.SetOutput(stderr)
	root := flags.String("root", ".", "the site folder")
	runs := flags.Int("runs", 5, "how many edits to time")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	var file string
	fs.WalkDir(os.DirFS(*root), "content", func(p string, d fs.DirEntry, err error) error {
		if file == "" && err == nil && strings.HasPrefix(d.Name(), "corridor-") {
			file = p
		}
		return nil
	})
	if file == "" {
		fmt.Fprintln(stderr, "synth update: no corridor story in", *root)
		return 1
	}
	out, err := os.MkdirTemp("", "synth-update-")
	if err != nil {
		fmt.Fprintln(stderr, "synth update:", err)
		return 1
	}
	defer os.RemoveAll(out)
	s := build.NewSession(*root, filepath.Join(out, "site"))
	if res, err := s.Build(nil); err != nil || res.Diags.HasErrors() {
		fmt.Fprintln(stderr, "synth update: the first build failed:", err)
		return 1
	}
	path := filepath.Join(*root, filepath.FromSlash(file))
	orig, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, "synth update:", err)
		return 1
	}
	defer os.WriteFile(path, orig, 0o644)
	for i := range *runs {
		if err := os.WriteFile(path, fmt.Appendf(orig, "\n补记：第 %d 次修改。\n", i+1), 0o644); err != nil {
			fmt.Fprintln(stderr, "synth update:", err)
			return 1
		}
		start := time.Now()
		res, err := s.Build([]string{file})
		took := time.Since(start)
		if err != nil || res.Diags.HasErrors() || res.Timings[len(res.Timings)-1].Stage != "update" {
			fmt.Fprintln(stderr, "synth update: the rebuild failed or was not incremental:", err)
			return 1
		}
		fmt.Fprintf(stdout, "%.4f\n", took.Seconds())
	}
	return 0
}
