package serve

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"wallpress/generator/build"
	"wallpress/generator/posters"
)

// Builder makes the site for the preview: the server only needs a folder
// to serve after each build, and tells the builder which files changed.
type Builder interface {
	// Build builds the site. changed lists the site-relative slash paths
	// ("content/a/b/c.md", "config.yaml") that changed since the last call;
	// nil means everything (the first build, or when the watcher lost
	// track). A build whose content has errors must leave every folder an
	// earlier Build returned as it was: the server keeps serving it.
	Build(changed []string) (*Outcome, error)
	// Close removes everything the builder wrote.
	Close() error
}

// PosterBuilder is a Builder that can also make the website as the build
// command does: with the posters printed and offered for download on the
// group pages. That takes longer — a browser prints every poster that was
// not printed before — so the server serves Build's website at once and
// runs BuildPosters afterwards, in the background, swapping its website in
// when it is done. The server never calls Build and BuildPosters at the
// same time: two builds of one site must not run at once, as they share its
// caches.
type PosterBuilder interface {
	Builder
	// BuildPosters builds the website with the posters' download pages
	// from the content as it is now. ctx is done when the outcome is no
	// longer wanted (a newer change arrived, or the server is stopping);
	// the builder should then stop as soon as it can and return ctx's
	// error. A website byte for byte the same as the one the last good
	// build returned may be returned as that folder, so that open tabs
	// need not reload. Like Build, it must leave the folders an earlier
	// call returned as they were when it fails. It returns nil, nil when
	// the posters cannot change the website the last Build returned (no
	// PDFs are made: posters.pdf is never, or there is no browser), having
	// built nothing.
	BuildPosters(ctx context.Context) (*Outcome, error)
}

// Outcome is what one build produced.
type Outcome struct {
	// Result holds the diagnostics, the config and the site's messages.
	Result *build.Result
	// Site is the folder holding the website when the build succeeded,
	// "" when it failed. It stays valid until the next successful build.
	Site string
	// Posters is the folder holding the poster previews (HTML), "" when
	// there are none.
	Posters string
}

// Previewer is a Builder that makes a group's poster previews when they
// are asked for, rather than every poster of the site after every change.
type Previewer interface {
	// Preview makes sure that the previews of the group that rel (a slash
	// path under the previews folder dir, "c/g/convention.html") lies in
	// are in dir.
	Preview(dir, rel string) error
}

// FullBuilder is serve's builder. The website is a build.Session's: built
// whole at first, then after a record changes only the pages that show it
// are written again, in place, each file replaced whole so that a request
// gets the old page or the new one. The website with the posters
// (BuildPosters) is built whole into a new folder; the folders of the two
// newest good outcomes are kept, so that a request that started on the
// previous one can finish.
type FullBuilder struct {
	root string
	tmp  string
	// sess keeps the website in memory and writes it into the folder
	// "live": after a record changes only the pages that show it are
	// written again, in place.
	sess        *build.Session
	wantPreview bool
	// made are the groups whose previews are in the newest previews
	// folder.
	mu   sync.Mutex
	made map[string]bool
	// previews numbers the previews folders and gen the poster builds'
	// folders: two counters, so that a poster build does not make the
	// newest previews folder look old to Preview (which then made no
	// previews at all).
	previews int
	gen      int
	// kept are the folder names (under tmp) of the two newest good
	// outcomes, oldest first; last is the newest good outcome.
	kept [][]string
	last *Outcome
}

// NewFullBuilder returns a builder of the site at root that writes into a
// new temporary folder, with poster previews when previews is set.
func NewFullBuilder(root string, previews bool) (*FullBuilder, error) {
	tmp, err := os.MkdirTemp("", "wallpress-serve-")
	if err != nil {
		return nil, err
	}
	// The preview shows drafts, with a banner: `new` makes every record a
	// draft and sends the volunteer here to watch it take shape.
	sess := build.NewSession(root, filepath.Join(tmp, "live"))
	sess.Drafts = true
	return &FullBuilder{root: root, tmp: tmp, wantPreview: previews, sess: sess}, nil
}

// Dir returns the temporary folder the builder writes into.
func (b *FullBuilder) Dir() string { return b.tmp }

// Build implements Builder. The website is the session's, brought up to
// date after what changed; the poster previews get a new folder, empty,
// filled group by group as they are asked for (Preview).
func (b *FullBuilder) Build(changed []string) (*Outcome, error) {
	res, err := b.website(changed)
	out := &Outcome{Result: res}
	if err != nil || res == nil || res.Diags.HasErrors() {
		return out, err
	}
	out.Site = b.sess.Dir()
	if b.wantPreview {
		b.mu.Lock()
		b.previews++
		out.Posters = b.dir("posters", b.previews)
		b.made = map[string]bool{}
		b.mu.Unlock()
		if err := os.MkdirAll(out.Posters, 0o755); err != nil {
			return &Outcome{Result: res}, err
		}
	}
	b.keep(out)
	return out, nil
}

// website brings the website up to date. It is the one place where Build
// makes the website.
func (b *FullBuilder) website(changed []string) (*build.Result, error) {
	return b.sess.Build(changed)
}

// Preview implements Previewer.
func (b *FullBuilder) Preview(dir, rel string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if dir != b.dir("posters", b.previews) {
		return nil // an older folder: its previews are what they were
	}
	parts := strings.SplitN(rel, "/", 3)
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		// A listing of the neighbourhoods or of a neighbourhood's groups:
		// a folder for each group, filled when it is opened.
		if !b.made[""] {
			b.made[""] = true
			for _, g := range b.sess.Groups() {
				if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(g)), 0o755); err != nil {
					return err
				}
			}
		}
		return nil
	}
	group := parts[0] + "/" + parts[1]
	if b.made[group] {
		return nil
	}
	if err := b.sess.PosterPreviews(dir, group); err != nil {
		return err // asked again, made again
	}
	b.made[group] = true
	return nil
}

// BuildPosters implements PosterBuilder with build.Run making the posters
// into a folder of its own, as the build command makes print/. Printed
// posters are cached under the site's .cache/posters by their HTML, so
// only what changed is printed again. The poster previews stay those of the
// last Build: the same HTML.
func (b *FullBuilder) BuildPosters(ctx context.Context) (*Outcome, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b.mu.Lock()
	last := b.last
	b.mu.Unlock()
	if last == nil || !printsPDF(last.Result) {
		// The download pages need PDFs: without them build's website is
		// the one served, and printing the posters' photos would only
		// keep the next change waiting.
		return nil, nil
	}
	b.mu.Lock()
	b.gen++
	gen := b.gen
	b.mu.Unlock()
	site, print := b.dir("site", gen), b.dir("print", gen)
	// A newer change cancels ctx: the build stops between groups of
	// posters, or its outcome is thrown away.
	res, err := build.Run(ctx, build.Options{Root: b.root, Write: true, Out: site, Print: print, Drafts: true})
	// The printed posters are in the cache; the preview does not serve
	// print/ itself.
	os.RemoveAll(print)
	out := &Outcome{Result: res}
	if cerr := ctx.Err(); cerr != nil {
		os.RemoveAll(site)
		return out, cerr
	}
	if err != nil || res == nil || res.Diags.HasErrors() {
		os.RemoveAll(site)
		return out, err
	}
	out.Site = site
	out.Posters = last.Posters
	b.keep(out)
	return out, nil
}

// printsPDF reports whether build prints the posters to PDF for the site
// whose build gave res: the posters package decides it, for both.
func printsPDF(res *build.Result) bool {
	return res != nil && res.Config != nil && posters.PrintsPDF(res.Config.Posters)
}

func (b *FullBuilder) dir(kind string, gen int) string {
	return filepath.Join(b.tmp, kind+"-"+strconv.Itoa(gen))
}

// keep records a good outcome and removes every folder that neither it nor
// the previous good outcome uses, including folders of failed builds and
// any a removal missed earlier (on Windows a file being served cannot be
// removed).
func (b *FullBuilder) keep(out *Outcome) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var names []string
	for _, d := range []string{out.Site, out.Posters} {
		if d != "" {
			names = append(names, filepath.Base(d))
		}
	}
	b.last = out
	b.kept = append(b.kept, names)
	if len(b.kept) > 2 {
		b.kept = b.kept[len(b.kept)-2:]
	}
	used := map[string]bool{}
	for _, ns := range b.kept {
		for _, n := range ns {
			used[n] = true
		}
	}
	entries, err := os.ReadDir(b.tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		_, num, ok := strings.Cut(e.Name(), "-")
		if _, err := strconv.Atoi(num); !ok || err != nil {
			continue // the output package's staging folders clean themselves
		}
		if !used[e.Name()] {
			os.RemoveAll(filepath.Join(b.tmp, e.Name()))
		}
	}
}

// Close removes the temporary folder.
func (b *FullBuilder) Close() error {
	err := os.RemoveAll(b.tmp)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
