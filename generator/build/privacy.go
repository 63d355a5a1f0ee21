package build

import (
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
