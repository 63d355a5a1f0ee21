package build

import (
	"context"
	"errors"
	"path/filepath"
	"time"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/posters"
)

// PrintDir is the poster set's output folder under the root.
const PrintDir = "print"

// ErrInterrupted is returned when the build was stopped (Ctrl-C); nothing
// was written.
var ErrInterrupted = errors.New("interrupted")

// posterHooks let tests replace the browser and its limits.
type posterHooks = posters.Hooks

// posterOutput is the posters a build made (posters.Made).
type posterOutput = posters.Made

// posterSources is what the posters are drawn from: the model.
func (m *Model) posterSources() posters.Sources {
	return posters.Sources{Root: m.Root, ThemeDir: m.ThemeDir, Config: m.Config, Catalog: m.Catalog, Site: m.Tree,
		Bodies: m.Bodies, Mask: m.Mask, FS: m.FS, Processed: m.Processed, Budget: m.imageBudget}
}

// makePosters makes the posters into m.printDir (see posters.Make).
func makePosters(ctx context.Context, m *Model, res *Result, only func(*content.Page) bool, partial, web bool, hooks *posterHooks) (*posterOutput, error) {
	po, err := posters.Make(ctx, m.posterSources(), posters.Options{PrintDir: m.printDir, Only: only, Partial: partial, Web: web, Hooks: hooks}, res.Diags)
	if err != nil && ctx.Err() != nil {
		return nil, ErrInterrupted
	}
	return po, err
}

// checkPosters checks the posters without making them (see posters.Check).
func checkPosters(m *Model, list *diag.List) error {
	return posters.Check(context.Background(), m.posterSources(), list)
}

// Posters renders the posters of the groups and records that paths name (all
// of them when paths is empty) into print/, keeping the rest of print/ as
// it was (see posters.Pick). When ctx is done the run stops, leaves print/
// as it was and returns ErrInterrupted.
func Posters(ctx context.Context, o Options, paths []string) (*Result, error) {
	list := &diag.List{}
	res := &Result{Diags: list}
	m, err := load(ctx, o.Root, content.Options{}, res)
	if err != nil || m == nil || list.HasErrors() {
		return res, err
	}
	only, partial := posters.Pick(m.Root, m.Tree, paths, list)
	if list.HasErrors() {
		return res, nil
	}
	m.printDir = o.Print
	if m.printDir == "" {
		m.printDir = filepath.Join(m.Root, PrintDir)
	}
	clk := &clock{res: res, last: time.Now()}
	po, err := makePosters(ctx, m, res, only, partial, false, o.posters)
	clk.lap("posters")
	if err != nil || po == nil {
		return res, err
	}
	if list.HasErrors() {
		po.Abort()
		return res, nil
	}
	res.Posters, res.PDFs = po.Count, po.PDFs
	return res, publish(m.Root, list, po.Stage())
}
