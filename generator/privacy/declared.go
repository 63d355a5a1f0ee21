package privacy

import (
	"strings"

	"wallpress/generator/content"
)

// Declared returns the residents a page names in the fields that name
// people: a group's leader and council, a ledger's keeper, auditor and the
// 经手人 column of its entries, a story's quote, and the people list any
// record may have. Participants of a consultation are mostly roles (居委会,
// 物业公司) and are not taken as names; a name among them is found as likely
// names are.
func Declared(p *content.Page) []string {
	var out []string
	add := func(fields ...string) {
		for _, f := range fields {
			out = append(out, SplitNames(f)...)
		}
	}
	add(p.People...)
	switch {
	case p.GroupM != nil:
		add(p.GroupM.Leader)
		for _, m := range p.GroupM.Council {
			add(m.Name)
		}
	case p.Ledger != nil:
		add(p.Ledger.Keeper, p.Ledger.Auditor)
		if p.Ledger.Book != nil {
			for _, e := range p.Ledger.Book.Entries {
				add(e.By)
			}
		}
	case p.Story != nil:
		add(p.Story.Quote.By)
	}
	return out
}

// SplitNames splits a field that names people into the names: several are
// separated by 、 or commas, and a role in brackets after a name is not part
// of it (刘阿姨（楼组长）、王师傅 → 刘阿姨, 王师傅).
func SplitNames(field string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(field, func(r rune) bool { return strings.ContainsRune("、，,;；/", r) }) {
		if i := strings.IndexAny(part, "（("); i >= 0 {
			part = part[:i]
		}
		if part = normalizeName(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
