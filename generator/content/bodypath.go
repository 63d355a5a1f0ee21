package content

import (
	"io/fs"
	"net/url"
	"path"
	"strings"
)

// BodyPath resolves an image or link written in a page's body to a path
// relative to content/. ok is false for URLs with a scheme, anchors and
// paths that leave content/. Volunteers write file names as they see them
// ("my photo #1.jpg") or as URLs ("my%20photo.jpg#top"): the first reading
// that names a file has (when has is not nil) wins; otherwise the path
// without its #fragment.
func BodyPath(p *Page, dest string, has func(string) bool) (string, bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") || path.IsAbs(dest) {
		return "", false
	}
	resolve := func(d string) (string, bool) {
		d = strings.ReplaceAll(d, `\`, "/")
		s := path.Join(path.Dir(p.Rel), d)
		if s == ".." || strings.HasPrefix(s, "../") {
			return "", false
		}
		return s, true
	}
	cut, _, _ := strings.Cut(dest, "#")
	if has != nil {
		readings := []string{dest}
		if u, err := url.PathUnescape(cut); err == nil && u != cut {
			readings = append(readings, u)
		}
		for _, d := range readings {
			if s, ok := resolve(d); ok && has(s) {
				return s, true
			}
		}
	}
	return resolve(cut)
}

// Exists reports whether src (relative to content/) is a file in fsys,
// the site's view of its root.
func Exists(fsys fs.FS, src string) bool {
	st, err := fs.Stat(fsys, Dir+"/"+src)
	return err == nil && !st.IsDir()
}
