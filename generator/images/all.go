package images

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"wallpress/generator/diag"
)

// Ref is an image that a file names at a line.
type Ref struct {
	// Src is the image's slash path under the folder ProcessAll is given.
	Src string
	// File and Line are where it is named, for the messages.
	File string
	Line int
}

// ProcessAll processes the images refs name, under dir in fsys, on every
// core, and returns their results by Src. Each problem is reported once per
// place that names the image. When ctx is done the images not started yet
// are left out.
func (p *Processor) ProcessAll(ctx context.Context, fsys fs.FS, dir string, refs []Ref, list *diag.List) map[string]Result {
	out := map[string]Result{}
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, ref := range refs {
		if ctx.Err() != nil {
			break // Ctrl-C: the rest are not wanted
		}
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			r, err := p.Process(fsys, path.Join(dir, ref.Src))
			if err != nil {
				report(list, ref, err)
				return nil
			}
			mu.Lock()
			out[ref.Src] = r
			mu.Unlock()
			return nil
		})
	}
	g.Wait() // the workers report their problems, they return no error
	return out
}

// report tells a problem with an image where ref names it.
func report(list *diag.List, ref Ref, err error) {
	pos := diag.Pos{File: ref.File, Line: ref.Line}
	d, ok := diag.From(err, pos)
	if !ok {
		list.Error(pos, "build.image", diag.Args{"image": ref.Src, "err": err.Error()}, "")
		return
	}
	d.Args = maps.Clone(d.Args)
	if d.Args == nil {
		d.Args = diag.Args{}
	}
	d.Args["image"] = ref.Src
	list.Add(d)
}

// VariantPath is where a variant of an image is published: beside where
// the image sits, named by its width.
func VariantPath(src string, width int) string {
	ext := path.Ext(src)
	stem := strings.TrimSuffix(src, ext)
	if e := strings.ToLower(ext); e != ".jpg" && e != ".jpeg" {
		// photo.png and photo.jpg side by side must not collide.
		stem += "-" + strings.TrimPrefix(e, ".")
	}
	return fmt.Sprintf("%s-%dw.jpg", stem, width)
}
