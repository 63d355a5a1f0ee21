package build

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/privacy"
)

// declaredNames gathers the residents that every page names (whatever it
// publishes: a name declared on a wall-only record is still a name).
func declaredNames(tree *content.Site) map[string]bool {
	names := map[string]bool{}
	for _, p := range tree.Pages {
		for _, n := range privacy.Declared(p) {
			names[n] = true
		}
	}
	return names
}

// maskerFor makes the masker of the website's files from the declared and
// the likely names. Nil when the site hides nothing.
func maskerFor(cfg *config.Config, declared map[string]bool, likely [][]string) *privacy.Masker {
	var names []string
	if cfg.Privacy.MaskNamesOnline {
		names = slices.Sorted(maps.Keys(declared))
		for _, l := range likely {
			names = append(names, l...)
		}
	}
	m := privacy.New(names, privacy.Options{Rooms: cfg.Privacy.MaskRooms})
	if m.Empty() {
		return nil
	}
	return m
}

// likelyNames finds the names that no field declares in what an online page
// shows — its body, title, summary, captions, quote, decision and account
// book — and warns of each where it is written: the website masks them, and
// the volunteer should declare them or write 赵阿姨 instead. Nothing when
// names are shown as they are.
func (m *Model) likelyNames(p *content.Page, declared map[string]bool, list *diag.List) []string {
	if !m.Config.Privacy.MaskNamesOnline || !p.Publish.Online() {
		return nil
	}
	known := privacy.KnownPart(func(n string) bool { return declared[n] })
	var out []string
	warn := func(file string, line int, name string) {
		list.Warn(diag.Pos{File: file, Line: line}, "privacy.likely", diag.Args{"name": name, "shown": privacy.MaskName(name), "polite": string([]rune(name)[:1]) + "阿姨"}, "privacy.likely.hint")
		out = append(out, name)
	}
	for _, s := range privacy.LikelyInLines(string(p.Body), known) {
		warn(p.File, p.BodyLine+s.Line, s.Name)
	}
	type field struct {
		file string
		line int // 0: look it up in the front matter
		text string
	}
	fields := []field{{p.File, 0, p.Title}, {p.File, 0, p.Summary}}
	for _, im := range p.Images() {
		fields = append(fields, field{p.File, im.Line, im.Caption})
	}
	switch {
	case p.Story != nil:
		fields = append(fields, field{p.File, 0, p.Story.Quote.Text}, field{p.File, 0, p.Story.Location})
	case p.Deliberation != nil:
		fields = append(fields, field{p.File, 0, p.Deliberation.Decision})
		for _, who := range p.Deliberation.Participants {
			fields = append(fields, field{p.File, 0, who})
		}
	case p.Ledger != nil && p.Ledger.CSV != "" && p.Ledger.Book != nil:
		// A table in the body was read with the body.
		for _, e := range p.Ledger.Book.Entries {
			fields = append(fields, field{content.Dir + "/" + p.Ledger.CSV, e.Line, e.Item + "，" + e.Note})
		}
	}
	for _, f := range fields {
		for _, s := range privacy.Likely(f.text, known) {
			line := f.line
			if line == 0 {
				line = m.frontLine(p, s.Name)
			}
			warn(f.file, line, s.Name)
		}
	}
	return out
}

// frontLine returns the line of a page's file where text is first written,
// or 1: the model keeps no line for most front matter fields.
func (m *Model) frontLine(p *content.Page, text string) int {
	data, err := fs.ReadFile(m.fsys, p.File)
	if err != nil {
		return 1
	}
	if i := strings.Index(string(data), text); i >= 0 {
		return 1 + strings.Count(string(data[:i]), "\n")
	}
	return 1
}

// online masks a file of the website as the privacy settings ask: every
// page, the feed and the sitemap pass through here, so a name is hidden
// wherever a template put it (text, titles, alt text, share cards). data
// is the renderer's, given up to the writer: it is masked in place.
func (m *Model) online(name string, data []byte) []byte {
	switch path.Ext(name) {
	case ".html", ".xml", ".json", ".js":
		if name == "sitemap.xml" || strings.HasPrefix(name, "static/") {
			// Addresses only, percent-encoded; the theme's own files.
			return data
		}
		return m.Mask.MarkupInPlace(data)
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
		if pub != src {
			// Only names the masking made are kept apart here; two
			// sources that collide as written are the volunteer's to
			// rename, and checkNames says so.
			ext := path.Ext(pub)
			stem := strings.TrimSuffix(pub, ext)
			for i := 2; m.publishedBy[strings.ToLower(pub)] != ""; i++ {
				pub = stem + "-" + strconv.Itoa(i) + ext
			}
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
	// add reports what text (which starts on line of file) holds; a name
	// wrapped across two lines is found whole.
	add := func(file string, line int, text string) {
		for _, f := range find.Find(text) {
			kind := "privacy.report.name"
			if f.Room {
				kind = "privacy.report.room"
			}
			pos := diag.Pos{File: file, Line: line + strings.Count(text[:f.Start], "\n")}
			text := oneLine(f.Text)
			report.Warn(pos, kind, diag.Args{"text": text, "shown": m.Mask.Text(text)}, "")
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
		add(p.File, 1, string(data))
		for _, s := range privacy.LikelyInLines(string(data), privacy.KnownPart(func(n string) bool { return find.Text(n) != n })) {
			report.Warn(diag.Pos{File: p.File, Line: s.Line + 1}, "privacy.report.likely", diag.Args{"text": s.Name, "shown": m.Mask.Text(s.Name)}, "")
		}
		if p.Ledger != nil && p.Ledger.CSV != "" && p.Ledger.Book != nil {
			for _, e := range p.Ledger.Book.Entries {
				add(content.Dir+"/"+p.Ledger.CSV, e.Line, strings.Join([]string{e.Item, e.Category, e.By, e.Note}, " "))
			}
		}
	}
	documents := map[string]bool{}
	for _, p := range m.Tree.Pages {
		if !p.Publish.Online() {
			continue
		}
		for _, src := range m.attachments[p] {
			if documents[src] {
				continue
			}
			documents[src] = true
			// A document is published as it is: nothing in it is masked.
			report.Warn(diag.Pos{File: content.Dir + "/" + src}, "privacy.report.document", diag.Args{"text": path.Base(src), "shown": path.Base(src)}, "")
		}
	}
	for src := range online {
		if pub := m.publishedAs(src); find.Path(src) != src {
			report.Warn(diag.Pos{File: content.Dir + "/" + src}, "privacy.report.file", diag.Args{"text": path.Base(src), "shown": path.Base(pub)}, "")
		}
	}
	return report
}

// oneLine joins a name written across lines: 甄美\n丽 → 甄美丽, Liu\nMei →
// Liu Mei.
func oneLine(s string) string {
	words := strings.Fields(s)
	if r, _ := utf8.DecodeRuneInString(s); unicode.Is(unicode.Han, r) {
		return strings.Join(words, "")
	}
	return strings.Join(words, " ")
}
