package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"wallpress/generator/yamlutil"
)

// NearestFile returns the file in the folder dir of fsys (a slash path
// from the site root) that the volunteer most likely meant by name, which
// is not there: the same name in other letter case (IMG_001.JPG for
// img_001.jpg), with the other spelling of an extension (.jpeg for .jpg),
// or one or two characters off. It returns "" when no file is that close,
// or the folder cannot be read. Markdown files and folders are never
// suggested: a picture or a CSV file is what a record names.
func NearestFile(fsys fs.FS, dir, name string) string {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || strings.EqualFold(path.Ext(n), ".md") || isMDTxt(n) {
			continue
		}
		names = append(names, n)
	}
	return nearestName(name, names)
}

// nearestName picks from names the one closest to name (see NearestFile);
// ties go to the first in sorted order, so the answer does not depend on
// the order the folder was listed in.
func nearestName(name string, names []string) string {
	slices.Sort(names)
	want := fileKey(name)
	if want == "" {
		return ""
	}
	// Only a typo of one or two characters, and never more than a third of
	// the name, so that a short name is not "near" every other.
	limit := min(2, max(1, len([]rune(want))/3))
	best, bestD := "", limit+1
	for _, n := range names {
		if n == name {
			continue
		}
		d := yamlutil.Distance(want, fileKey(n))
		if d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// fileKey is a file name as compared for a near miss: in lower case, with
// full-width letters narrowed and the usual other spellings of an
// extension made one.
func fileKey(name string) string {
	n := strings.ToLower(strings.TrimSpace(yamlutil.Narrow(name)))
	ext := path.Ext(n)
	if alt, ok := map[string]string{".jpeg": ".jpg", ".jpe": ".jpg", ".tif": ".tiff", ".htm": ".html"}[ext]; ok {
		n = strings.TrimSuffix(n, ext) + alt
	}
	return n
}
