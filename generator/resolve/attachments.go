package resolve

import (
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"wallpress/generator/content"
	"wallpress/generator/diag"
)

// A body may link to a document kept beside its record, [报名表](list.xlsx):
// the file is published at the same place under public/, as pictures are,
// and the link leads to it. Only the formats residents open on any phone
// are taken. The old binary Word and Excel formats (.doc, .xls) can carry
// macros, and files such as .csv or .txt are as likely to be a ledger's
// raw data (with residents' names) as something meant for download.

// attachmentAllowed reports whether a file with the extension ext (lower
// case, with its dot) may be linked from a body.
func attachmentAllowed(ext string) bool {
	switch ext {
	case ".pdf", ".xlsx", ".docx":
		return true
	}
	return false
}

// attachmentOf resolves a link written in p's body to a local file that is
// not a record: src is relative to content/. ok is false for links to
// records, links with a scheme (https:, mailto:, tel:), anchors, and paths
// without an extension (a folder, or a URL of the site written by hand).
// abs reports a link written as a path on a computer (C:\…, /home/…),
// outside that it leaves content/.
func attachmentOf(p *content.Page, dest string) (src string, ok, abs, outside bool) {
	dest, _, _ = strings.Cut(dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	// 报名%20表.pdf names 报名 表.pdf; a name with a bare % stays as it is.
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	if dest == "" || strings.HasPrefix(dest, "//") || hasScheme(dest) {
		return "", false, false, false
	}
	// The extension of the name the path ends in once cleaned: "x.pdf/.."
	// names a folder, ".pdf" is a hidden file with no extension.
	base := path.Base(path.Clean(strings.ReplaceAll(dest, `\`, "/")))
	ext := strings.ToLower(path.Ext(base))
	if len(ext) < 2 || ext == strings.ToLower(base) || ext == ".md" || ext == ".html" || ext == ".htm" {
		return "", false, false, false
	}
	if path.IsAbs(dest) || strings.HasPrefix(dest, `\`) || len(dest) > 2 && dest[1] == ':' && isLetter(dest[0]) {
		return "", true, true, false
	}
	// As content.BodyPath, without cutting at a "#": once unescaped it is part of
	// the name.
	src = path.Join(path.Dir(p.Rel), strings.ReplaceAll(dest, `\`, "/"))
	if src == ".." || strings.HasPrefix(src, "../") {
		return "", true, false, true
	}
	return src, true, false, false
}

// hasScheme reports whether dest starts with a URL scheme of two letters
// or more ("C:" is a drive letter).
func hasScheme(dest string) bool {
	i := strings.IndexByte(dest, ':')
	if i < 2 || !isLetter(dest[0]) {
		return false
	}
	for _, c := range []byte(dest[1:i]) {
		if !isLetter(c) && (c < '0' || c > '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// attachmentLink rewrites a link in p's body to a file that is not a
// record: a document beside the record becomes a link to its copy in
// public/; a missing file, one outside content/ or of a kind not allowed
// is reported at the link's line. Other links are returned as they are.
func attachmentLink(files *Files, p *content.Page, dest string, line int, list *diag.List) string {
	src, ok, abs, outside := attachmentOf(p, dest)
	if !ok || p.Publish == content.Nowhere {
		return dest
	}
	pos := diag.Pos{File: p.File, Line: line}
	switch {
	case abs:
		list.Error(pos, "content.pathAbsolute", diag.Args{"path": dest}, "markdown.attachment.hint")
	case outside:
		list.Error(pos, "content.pathOutside", diag.Args{"path": dest}, "markdown.attachment.hint")
	case !attachmentAllowed(strings.ToLower(path.Ext(src))):
		list.Error(pos, "markdown.attachmentType", diag.Args{"path": dest}, "markdown.attachmentType.hint")
	case !files.Has(src):
		list.Error(pos, "markdown.attachmentMissing", diag.Args{"path": dest}, "markdown.attachment.hint")
	default:
		// RelURL percent-encodes each name: a "#" or "?" in it must not
		// start a fragment or a query.
		u := RelURL(p.URL, src)
		if _, frag, ok := strings.Cut(dest, "#"); ok {
			// A PDF opens at #page=3.
			u += "#" + frag
		}
		return u
	}
	return dest
}

// Attachments returns the documents that links in a page's body lead to
// and that can be published (the others are reported when the body is
// rendered).
func Attachments(files *Files, p *content.Page, links []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, dest := range links {
		src, ok, abs, outside := attachmentOf(p, dest)
		if ok && !abs && !outside && !seen[src] && attachmentAllowed(strings.ToLower(path.Ext(src))) && files.Has(src) {
			out = append(out, src)
		}
		seen[src] = true
	}
	return out
}

// Files tells whether files exist under content/, asking the file system
// once per file: a body may link to the same document, or show the same
// picture, on every one of its lines.
type Files struct {
	fsys  fs.FS
	known map[string]bool
}

// NewFiles returns a Files that looks in fsys, the site's view of its
// root. It is for one goroutine.
func NewFiles(fsys fs.FS) *Files { return &Files{fsys: fsys, known: map[string]bool{}} }

// Has reports whether src (relative to content/) is a file.
func (f *Files) Has(src string) bool {
	ok, asked := f.known[src]
	if !asked {
		ok = content.Exists(f.fsys, src)
		f.known[src] = ok
	}
	return ok
}

// OnlineAttachments lists, sorted, the documents that online pages link
// to (attachments by page, as Attachments found them): those the website
// publishes, at their place under content/.
func OnlineAttachments(tree *content.Site, attachments map[*content.Page][]string) []string {
	online := map[string]bool{}
	for _, p := range tree.Pages {
		if p.Publish.Online() {
			for _, src := range attachments[p] {
				online[src] = true
			}
		}
	}
	srcs := make([]string, 0, len(online))
	for src := range online {
		srcs = append(srcs, src)
	}
	slices.Sort(srcs)
	return srcs
}
