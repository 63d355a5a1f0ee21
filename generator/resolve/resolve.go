// Package resolve turns the links and pictures written in a page's body
// into what the website publishes: a link to another record's .md file
// into a link to its page, one to a document beside it into a link to its
// copy, an image into a responsive picture. Each place that names
// something missing or not allowed is reported at its line. markdown asks
// a Body through its Resolver interface while it renders.
package resolve

import (
	"fmt"
	"strings"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/layouts"
	"wallpress/generator/markdown"
)

// Body resolves the links and pictures of one page's body. It is for one
// goroutine: it remembers what it has looked up.
type Body struct {
	Page *content.Page
	// Files are the files under content/ (for one goroutine too).
	Files *Files
	// Pages are the site's pages by their path relative to content/.
	Pages map[string]*content.Page
	// Images are the processed images by their path relative to content/.
	Images map[string]layouts.Image
	List   *diag.List

	// pics are the pictures worked out: a picture shown on every line is
	// worked out once; refused ones are asked again, so that each place
	// is reported.
	pics map[string]markdown.Picture
}

var _ markdown.Resolver = (*Body)(nil)

// RelURL returns the link from page URL from to site path to,
// percent-encoded as the site's own links are (site.View.Rel).
func RelURL(from, to string) string {
	r := strings.Repeat("../", strings.Count(from, "/")) + content.EscapePath(to)
	if r == "" {
		return "./"
	}
	return r
}

// Link rewrites a link in the body: a link to another record's .md file
// becomes a relative link to its page, one to a document beside it a link
// to its copy (attachments.go).
func (b *Body) Link(dest string, line int) string {
	p, files, pages := b.Page, b.Files, b.Pages
	if !strings.HasSuffix(strings.ToLower(strings.SplitN(dest, "#", 2)[0]), ".md") {
		return attachmentLink(files, p, dest, line, b.List)
	}
	src, ok := content.BodyPath(p, dest, func(s string) bool { _, ok := pages[s]; return ok || files.Has(s) })
	if !ok {
		return dest
	}
	frag := ""
	if c, f, ok := strings.Cut(dest, "#"); ok {
		if s, _ := content.BodyPath(p, c, nil); s == src {
			frag = f
		}
	}
	target, ok := pages[src]
	if !ok {
		if files.Has(src) {
			// A draft, or a file whose own error is already reported.
			return "#"
		}
		b.List.Error(diag.Pos{File: p.File, Line: line}, "markdown.linkMissing", diag.Args{"path": dest}, "markdown.linkMissing.hint")
		return dest
	}
	if p.Publish.Online() && !target.Publish.Online() {
		// A link from a public page to a wall-only record would lead nowhere
		// online: drop the destination, keep the text.
		return "#"
	}
	u := RelURL(p.URL, target.URL)
	if frag != "" {
		u += "#" + frag
	}
	return u
}

// Image turns an image in the body into a responsive picture.
func (b *Body) Image(dest string, line int) (markdown.Picture, bool) {
	if pic, ok := b.pics[dest]; ok {
		return pic, true
	}
	pic, ok := b.picture(dest, line)
	if ok {
		if b.pics == nil {
			b.pics = map[string]markdown.Picture{}
		}
		b.pics[dest] = pic
	}
	return pic, ok
}

func (b *Body) picture(dest string, line int) (markdown.Picture, bool) {
	p, imgs, list := b.Page, b.Images, b.List
	if strings.Contains(dest, "://") {
		// Everything the site shows is served from public/ itself.
		list.Error(diag.Pos{File: p.File, Line: line}, "markdown.imageRemote", diag.Args{"path": dest}, "content.path.hint")
		return markdown.Picture{}, false
	}
	src, ok := content.BodyPath(p, dest, func(s string) bool { _, ok := imgs[s]; return ok })
	if !ok {
		list.Error(diag.Pos{File: p.File, Line: line}, "markdown.imageOutside", diag.Args{"path": dest}, "content.path.hint")
		return markdown.Picture{}, false
	}
	im, ok := imgs[src]
	if !ok || len(im.Variants) == 0 {
		if _, seen := imgs[src]; !seen && p.Publish != content.Nowhere {
			list.Error(diag.Pos{File: p.File, Line: line}, "markdown.imageMissing", diag.Args{"path": dest}, "content.fileMissing.hint")
		}
		return markdown.Picture{}, false
	}
	var set []string
	for _, v := range im.Variants {
		set = append(set, fmt.Sprintf("%s %dw", RelURL(p.URL, v.Path), v.Width))
	}
	def := im.Variants[len(im.Variants)/2]
	return markdown.Picture{Src: RelURL(p.URL, def.Path), SrcSet: strings.Join(set, ", "), Sizes: "(min-width: 40em) 40em, 100vw", Width: def.Width, Height: def.Height}, true
}
