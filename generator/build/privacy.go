package build

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"wallpress/generator/config"
	"wallpress/generator/content"
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
