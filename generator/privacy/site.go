package privacy

import (
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"wallpress/generator/content"
	"wallpress/generator/diag"
)

// DeclaredIn gathers the residents that every page of a site names
// (whatever it publishes: a name declared on a wall-only record is still a
// name).
func DeclaredIn(tree *content.Site) map[string]bool {
	names := map[string]bool{}
	for _, p := range tree.Pages {
		for _, n := range Declared(p) {
			names[n] = true
		}
	}
	return names
}

// ForSite makes the masker of a website's files from the declared and the
// likely names (those only when names are masked), hiding room numbers when
// rooms is set. Nil when the site hides nothing.
func ForSite(declared map[string]bool, likely [][]string, maskNames, rooms bool) *Masker {
	var names []string
	if maskNames {
		names = slices.Sorted(maps.Keys(declared))
		for _, l := range likely {
			names = append(names, l...)
		}
	}
	m := New(names, Options{Rooms: rooms})
	if m.Empty() {
		return nil
	}
	return m
}

// OnPage finds the names that no field declares in what a page shows — its
// body, title, summary, captions, quote, decision and account book — and
// warns of each where it is written: the website masks them, and the
// volunteer should declare them or write 赵阿姨 instead. fsys holds the
// page's file, read again for the line of a front matter field.
func OnPage(fsys fs.FS, p *content.Page, declared map[string]bool, list *diag.List) []string {
	known := KnownPart(func(n string) bool { return declared[n] })
	var out []string
	warn := func(file string, line int, name string) {
		list.Warn(diag.Pos{File: file, Line: line}, "privacy.likely", diag.Args{"name": name, "shown": MaskName(name), "polite": string([]rune(name)[:1]) + "阿姨"}, "privacy.likely.hint")
		out = append(out, name)
	}
	for _, s := range LikelyInLines(string(p.Body), known) {
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
		for _, s := range Likely(f.text, known) {
			line := f.line
			if line == 0 {
				line = frontLine(fsys, p, s.Name)
			}
			warn(f.file, line, s.Name)
		}
	}
	return out
}

// frontLine returns the line of a page's file where text is first written,
// or 1: the model keeps no line for most front matter fields.
func frontLine(fsys fs.FS, p *content.Page, text string) int {
	data, err := fs.ReadFile(fsys, p.File)
	if err != nil {
		return 1
	}
	if i := strings.Index(string(data), text); i >= 0 {
		return 1 + strings.Count(string(data[:i]), "\n")
	}
	return 1
}

// WebFile masks a file of the website as m asks: every page, the feed and
// the search index pass through here, so a name is hidden wherever a
// template put it (text, titles, alt text, share cards). data is the
// renderer's, given up to the writer: it is masked in place. The sitemap
// (addresses only, percent-encoded) and the theme's static files are passed
// over.
func (m *Masker) WebFile(name string, data []byte) []byte {
	switch path.Ext(name) {
	case ".html", ".xml", ".json", ".js":
		if name == "sitemap.xml" || strings.HasPrefix(name, "static/") {
			return data
		}
		return m.MarkupInPlace(data)
	}
	return data
}

// Paths says where each image is published: beside its source, with the
// names in its path masked (刘美娟.jpg → 刘某某.jpg). Two sources that mask
// alike are kept apart by a number, given in the order of their paths so
// that every build names them alike.
type Paths struct {
	mask   *Masker
	of, by map[string]string
}

// NewPaths returns the publishing paths of a site that m masks.
func NewPaths(m *Masker) *Paths {
	return &Paths{mask: m, of: map[string]string{}, by: map[string]string{}}
}

// Add decides where the sources not seen yet are published.
func (ps *Paths) Add(srcs []string) {
	srcs = slices.Clone(srcs)
	slices.Sort(srcs)
	for _, src := range srcs {
		if _, ok := ps.of[src]; ok {
			continue
		}
		pub := ps.mask.Path(src)
		if pub != src {
			// Only names the masking made are kept apart here; two
			// sources that collide as written are the volunteer's to
			// rename, and the build's name check says so.
			ext := path.Ext(pub)
			stem := strings.TrimSuffix(pub, ext)
			for i := 2; ps.by[strings.ToLower(pub)] != ""; i++ {
				pub = stem + "-" + strconv.Itoa(i) + ext
			}
		}
		ps.of[src] = pub
		ps.by[strings.ToLower(pub)] = src
	}
}

// Of returns where an image is published: its source's path when Add has
// not seen it.
func (ps *Paths) Of(src string) string {
	if ps != nil {
		if p, ok := ps.of[src]; ok {
			return p
		}
	}
	return src
}

// Report lists every place where a name or a room number written in
// content would reach the website, and what the website shows instead:
// what the sub-district's web person reviews before uploading.
type Report struct {
	// find is everything a name could be, whatever the settings hide:
	// with masking off the report says that the name is shown as it is.
	find, shown *Masker
	list        *diag.List
}

// NewReport starts a report of the names declared in a site, shown as
// shown masks them.
func NewReport(declared []string, shown *Masker) *Report {
	return &Report{find: New(declared, Options{Rooms: true}), shown: shown, list: &diag.List{}}
}

// List is the report.
func (r *Report) List() *diag.List { return r.list }

// Text reports what text, which starts on line of file, holds; a name
// wrapped across two lines is found whole.
func (r *Report) Text(file string, line int, text string) {
	for _, f := range r.find.Find(text) {
		kind := "privacy.report.name"
		if f.Room {
			kind = "privacy.report.room"
		}
		pos := diag.Pos{File: file, Line: line + strings.Count(text[:f.Start], "\n")}
		text := oneLine(f.Text)
		r.list.Warn(pos, kind, diag.Args{"text": text, "shown": r.shown.Text(text)}, "")
	}
}

// Page reports a page's file: its declared names and room numbers, and the
// likely names no field declares.
func (r *Report) Page(file string, data []byte) {
	r.Text(file, 1, string(data))
	for _, s := range LikelyInLines(string(data), KnownPart(func(n string) bool { return r.find.Text(n) != n })) {
		r.list.Warn(diag.Pos{File: file, Line: s.Line + 1}, "privacy.report.likely", diag.Args{"text": s.Name, "shown": r.shown.Text(s.Name)}, "")
	}
}

// Document reports a document published beside a record (a content path):
// it is published as it is, nothing in it masked.
func (r *Report) Document(src string) {
	r.list.Warn(diag.Pos{File: content.Dir + "/" + src}, "privacy.report.document", diag.Args{"text": path.Base(src), "shown": path.Base(src)}, "")
}

// Image reports an image (a content path) whose name holds a name,
// published as pub.
func (r *Report) Image(src, pub string) {
	if r.find.Path(src) != src {
		r.list.Warn(diag.Pos{File: content.Dir + "/" + src}, "privacy.report.file", diag.Args{"text": path.Base(src), "shown": path.Base(pub)}, "")
	}
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

// SiteReport lists every place where a name or a room number written in
// the content of tree would reach the website, and what the website shows
// instead (mask, with the images published at paths and the documents each
// body links to, attachments). images are the content images the website
// publishes (bodies.Set.Online: photos, receipts and the bodies' pictures).
// It reads the online pages' files again from fsys, line by line, so that
// each place has its line.
func SiteReport(fsys fs.FS, tree *content.Site, mask *Masker, paths *Paths, attachments map[*content.Page][]string, images []string) *diag.List {
	var names []string
	for _, p := range tree.Pages {
		names = append(names, Declared(p)...)
	}
	report := NewReport(names, mask)
	for _, p := range tree.Pages {
		if !p.Publish.Online() {
			continue
		}
		data, err := fs.ReadFile(fsys, p.File)
		if err != nil {
			continue // reported by the loader
		}
		report.Page(p.File, data)
		if p.Ledger != nil && p.Ledger.CSV != "" && p.Ledger.Book != nil {
			for _, e := range p.Ledger.Book.Entries {
				report.Text(content.Dir+"/"+p.Ledger.CSV, e.Line, e.Item+" "+e.Category+" "+e.By+" "+e.Note)
			}
		}
	}
	documents := map[string]bool{}
	for _, p := range tree.Pages {
		if !p.Publish.Online() {
			continue
		}
		for _, src := range attachments[p] {
			if !documents[src] {
				documents[src] = true
				report.Document(src)
			}
		}
	}
	for _, src := range images {
		report.Image(src, paths.Of(src))
	}
	return report.List()
}
