package build

import (
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/privacy"
)

// maskerFor gathers the residents that every page names (whatever it
// publishes: a name declared on a wall-only record is still a name) into
// the masker of the website's files. Nil when the site hides nothing.
func maskerFor(cfg *config.Config, tree *content.Site) *privacy.Masker {
	var names []string
	if cfg.Privacy.MaskNamesOnline {
		for _, p := range tree.Pages {
			names = append(names, privacy.Declared(p)...)
		}
	}
	m := privacy.New(names, privacy.Options{Rooms: cfg.Privacy.MaskRooms})
	if m.Empty() {
		return nil
	}
	return m
}

// online masks a file of the website as the privacy settings ask: every
// page, the feed and the sitemap pass through here, so a name is hidden
// wherever a template put it (text, titles, alt text, share cards).
func (m *Model) online(name string, data []byte) []byte {
	switch path.Ext(name) {
	case ".html", ".xml", ".json":
		return m.Mask.Markup(data)
	}
	return data
}

// publishNames decides where each image is published: beside its source,
// with the names in its path masked (刘美娟.jpg → 刘某某.jpg). Two sources
// that mask alike are kept apart by a number, given in the order of their
// paths so that every build names them alike.
func (m *Model) publishNames(srcs []string) {
	if m.published == nil {
		m.published = map[string]string{}
		m.publishedBy = map[string]string{}
	}
	srcs = slices.Clone(srcs)
	slices.Sort(srcs)
	for _, src := range srcs {
		if _, ok := m.published[src]; ok {
			continue
		}
		pub := m.Mask.Path(src)
		ext := path.Ext(pub)
		stem := strings.TrimSuffix(pub, ext)
		for i := 2; m.publishedBy[strings.ToLower(pub)] != ""; i++ {
			pub = stem + "-" + strconv.Itoa(i) + ext
		}
		m.published[src] = pub
		m.publishedBy[strings.ToLower(pub)] = src
	}
}

// publishedAs returns where an image is published (see publishNames).
func (m *Model) publishedAs(src string) string {
	if p, ok := m.published[src]; ok {
		return p
	}
	return src
}

// privacyReport lists every place where a name or a room number written in
// content would reach the website, and what the website shows instead: what
// the sub-district's web person reviews before uploading. It reads the
// online pages' files again, line by line, so that each place has its line.
func (m *Model) privacyReport() *diag.List {
	report := &diag.List{}
	var names []string
	for _, p := range m.Tree.Pages {
		names = append(names, privacy.Declared(p)...)
	}
	// Everything a name could be, whatever the settings hide: with masking
	// off the report says that the name is shown as it is.
	find := privacy.New(names, privacy.Options{Rooms: true})
	add := func(pos diag.Pos, text string) {
		for _, f := range find.Find(text) {
			kind := "privacy.report.name"
			if f.Room {
				kind = "privacy.report.room"
			}
			report.Warn(pos, kind, diag.Args{"text": f.Text, "shown": m.Mask.Text(f.Text)}, "")
		}
	}
	online := map[string]bool{}
	for _, p := range m.Tree.Pages {
		if !p.Publish.Online() {
			continue
		}
		for _, im := range p.Images() {
			online[im.Src] = true
		}
		data, err := fs.ReadFile(m.fsys, p.File)
		if err != nil {
			continue // reported by the loader
		}
		for i, line := range strings.Split(string(data), "\n") {
			add(diag.Pos{File: p.File, Line: i + 1}, line)
		}
		if p.Ledger != nil && p.Ledger.CSV != "" && p.Ledger.Book != nil {
			for _, e := range p.Ledger.Book.Entries {
				add(diag.Pos{File: content.Dir + "/" + p.Ledger.CSV, Line: e.Line}, strings.Join([]string{e.Item, e.Category, e.By, e.Note}, " "))
			}
		}
	}
	for src := range online {
		if pub := m.publishedAs(src); find.Path(src) != src {
			report.Warn(diag.Pos{File: content.Dir + "/" + src}, "privacy.report.file", diag.Args{"text": path.Base(src), "shown": path.Base(pub)}, "")
		}
	}
	return report
}
