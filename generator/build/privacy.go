package build

import (
	"io/fs"

	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/privacy"
)

// likelyNames finds the names that no field declares in what an online page
// shows (privacy.OnPage). Nothing when names are shown as they are.
func (m *Model) likelyNames(p *content.Page, declared map[string]bool, list *diag.List) []string {
	if !m.Config.Privacy.MaskNamesOnline || !p.Publish.Online() {
		return nil
	}
	return privacy.OnPage(m.FS, p, declared, list)
}

// privacyReport lists every place where a name or a room number written in
// content would reach the website, and what the website shows instead. It
// reads the online pages' files again, line by line, so that each place
// has its line.
func (m *Model) privacyReport() *diag.List {
	var names []string
	for _, p := range m.Tree.Pages {
		names = append(names, privacy.Declared(p)...)
	}
	report := privacy.NewReport(names, m.Mask)
	online := map[string]bool{}
	for _, p := range m.Tree.Pages {
		if !p.Publish.Online() {
			continue
		}
		for _, im := range p.Images() {
			online[im.Src] = true
		}
		data, err := fs.ReadFile(m.FS, p.File)
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
	for _, p := range m.Tree.Pages {
		if !p.Publish.Online() {
			continue
		}
		for _, src := range m.Attachments[p] {
			if !documents[src] {
				documents[src] = true
				report.Document(src)
			}
		}
	}
	for src := range online {
		report.Image(src, m.Paths.Of(src))
	}
	return report.List()
}
