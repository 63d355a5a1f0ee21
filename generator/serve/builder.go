package serve

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"wallpress/generator/build"
)

// Builder makes the site for the preview. It is the seam where a faster,
// incremental build slots in: the server only needs a folder to serve after
// each build, and tells the builder which files changed.
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

// PosterPreviews writes the HTML poster previews of the site at root into
// dir, laid out as print/ is (<community>/<group>/<record>.html). It is the
// hook for the posters package: serve calls it after every good build and
// serves dir at /_wallpress/posters/. A content problem goes to diags-style
// reporting by the posters package itself; an error return is a failure
// that is not the user's.
type PosterPreviews func(root, dir string) error

// FullBuilder rebuilds the whole site on every change with build.Run, each
// time into a new folder, so that the folder being served is never written
// to. The two newest good folders are kept: a request that started on the
// previous one can finish.
type FullBuilder struct {
	root    string
	tmp     string
	posters PosterPreviews
	gen     int
	good    []int // generations with a complete site, oldest first
}

// NewFullBuilder returns a builder of the site at root that writes into a
// new temporary folder. posters may be nil.
func NewFullBuilder(root string, posters PosterPreviews) (*FullBuilder, error) {
	tmp, err := os.MkdirTemp("", "wallpress-serve-")
	if err != nil {
		return nil, err
	}
	return &FullBuilder{root: root, tmp: tmp, posters: posters}, nil
}

// Dir returns the temporary folder the builder writes into.
func (b *FullBuilder) Dir() string { return b.tmp }

// Build implements Builder; it ignores changed and builds everything.
func (b *FullBuilder) Build(changed []string) (*Outcome, error) {
	b.gen++
	site := b.dir("site", b.gen)
	res, err := build.Run(build.Options{Root: b.root, Write: true, Out: site})
	out := &Outcome{Result: res}
	if err != nil || res == nil || res.Diags.HasErrors() {
		os.RemoveAll(site)
		return out, err
	}
	out.Site = site
	if b.posters != nil {
		dir := b.dir("posters", b.gen)
		if err := b.posters(b.root, dir); err != nil {
			return out, fmt.Errorf("poster previews: %w", err)
		}
		out.Posters = dir
	}
	b.good = append(b.good, b.gen)
	b.prune()
	return out, nil
}

func (b *FullBuilder) dir(kind string, gen int) string {
	return filepath.Join(b.tmp, kind+"-"+strconv.Itoa(gen))
}

// prune removes every generation but the two newest good ones, including
// folders of failed builds and any a removal missed earlier (on Windows a
// file being served cannot be removed).
func (b *FullBuilder) prune() {
	if len(b.good) > 2 {
		b.good = b.good[len(b.good)-2:]
	}
	entries, err := os.ReadDir(b.tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		_, num, ok := strings.Cut(e.Name(), "-")
		gen, err := strconv.Atoi(num)
		if !ok || err != nil {
			continue // the output package's staging folders clean themselves
		}
		if gen != b.good[0] && gen != b.good[len(b.good)-1] {
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
