package bodies

import (
	"context"
	"os"
	"path/filepath"
	"slices"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/images"
	"wallpress/generator/output"
	"wallpress/generator/resolve"
)

// Online lists, sorted, the content images that an online page shows and
// that were processed: those the website publishes.
func (s *Set) Online(tree *content.Site) []string {
	online := map[string]bool{}
	for _, p := range tree.Pages {
		if !p.Publish.Online() {
			continue
		}
		for _, im := range p.Images() {
			online[im.Src] = true
		}
		if p.Ledger != nil {
			for _, src := range p.Ledger.Receipts {
				online[src] = true
			}
		}
		for _, src := range s.Shown[p] {
			online[src] = true
		}
	}
	srcs := make([]string, 0, len(online))
	for src := range online {
		if _, ok := s.Processed[src]; ok {
			srcs = append(srcs, src)
		}
	}
	slices.Sort(srcs)
	return srcs
}

// CopyImages puts the variants of every image that an online page shows
// into the stage, and says how many images that is.
func (s *Set) CopyImages(tree *content.Site, stage *output.Stage) (int, error) {
	srcs := s.Online(tree)
	for _, src := range srcs {
		for _, v := range s.Processed[src].Variants {
			if err := stage.CopyFile(images.VariantPath(s.Paths.Of(src), v.Width), v.File); err != nil {
				return 0, err
			}
		}
	}
	return len(srcs), nil
}

// CopyAttachments puts the documents online bodies link to into the stage.
func (s *Set) CopyAttachments(tree *content.Site, stage *output.Stage) error {
	return stage.CopyFrom(s.FS, content.Dir, resolve.OnlineAttachments(tree, s.Attachments))
}

// Reread reads edited records again (serve): parses their bodies, processes
// the images they need and renders them. Their works are for Replace.
func (s *Set) Reread(pages []*content.Page, list *diag.List) []Work {
	works := make([]Work, len(pages))
	var wanted []images.Ref
	for i, p := range pages {
		works[i] = s.Read(p, list)
		wanted = append(wanted, works[i].Wanted...)
	}
	s.AddImages(s.Proc.ProcessAll(context.Background(), s.FS, content.Dir, wanted, list))
	for i := range works {
		s.Finish(&works[i], list)
	}
	return works
}

// Replace puts an edited record, read again (Reread), in place of old.
func (s *Set) Replace(old *content.Page, w *Work) {
	s.ByRel[w.page.Rel] = w.page
	delete(s.Bodies, old)
	s.Bodies[w.page] = w.body
	delete(s.Shown, old)
	delete(s.Attachments, old)
	s.Keep(w)
}

// Place puts the variants of a record's images and the documents it links
// to into the website in out, when they are not there yet (serve).
func (s *Set) Place(out string, p *content.Page) error {
	var srcs []string
	for _, im := range p.Images() {
		srcs = append(srcs, im.Src)
	}
	if p.Ledger != nil {
		for _, src := range p.Ledger.Receipts {
			srcs = append(srcs, src)
		}
	}
	srcs = append(srcs, s.Shown[p]...)
	for _, src := range srcs {
		for _, v := range s.Processed[src].Variants {
			rel := images.VariantPath(s.Paths.Of(src), v.Width)
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err == nil {
				continue
			}
			if err := output.Link(out, rel, v.File); err != nil {
				return err
			}
		}
	}
	return output.PlaceFrom(out, s.FS, content.Dir, s.Attachments[p])
}

// PruneCache removes processed images that no page uses any more, so that
// the cache does not grow with every photo ever replaced. Only after a
// successful build: a build with errors may not have seen every image.
func (s *Set) PruneCache() error {
	keep := make(map[string]bool, len(s.Processed))
	for _, r := range s.Processed {
		keep[r.Hash] = true
	}
	_, err := s.Proc.Prune(keep)
	return err
}
