package content

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"wallpress/generator/diag"
)

// assemble links pages into the tree, orders it and applies inherited
// publishing: a record of a group that is on the wall only is on the wall
// only too. broken holds the folders whose _index.md has errors: what is in
// them is left out quietly.
func assemble(pages []*Page, broken map[string]bool, list *diag.List) *Site {
	site := &Site{}
	byDir := map[string]*Page{} // folder (relative to content/) → its _index page
	seen := map[string]*Page{}  // case-folded URL → page
	for _, p := range pages {
		key := strings.ToLower(p.URL)
		if other, dup := seen[key]; dup {
			a, b := other, p
			if b.File < a.File {
				a, b = b, a
			}
			list.Error(diag.Pos{File: b.File, Line: 1}, "content.duplicateURL", diag.Args{"other": a.File, "url": p.URL}, "content.duplicateURL.hint")
			continue
		}
		seen[key] = p
		site.Pages = append(site.Pages, p)
		if path.Base(p.Rel) == "_index.md" {
			byDir[path.Dir(p.Rel)] = p
		}
	}
	slices.SortFunc(site.Pages, func(a, b *Page) int { return cmp.Compare(a.URL, b.URL) })

	site.Home = byDir["."]
	if site.Home == nil {
		// A site without a home page text still has a home page.
		site.Home = &Page{Kind: KindSite, File: Dir + "/_index.md", Rel: "_index.md", Publish: Everywhere, Site: &SiteData{}}
		site.Pages = append([]*Page{site.Home}, site.Pages...)
	}

	communities := map[string]*Community{}
	groups := map[string]*Group{}
	for _, p := range site.Pages {
		switch p.Kind {
		case KindCommunity:
			c := &Community{Page: p}
			p.Community = c
			communities[path.Dir(p.Rel)] = c
			site.Communities = append(site.Communities, c)
		}
	}
	for _, p := range site.Pages {
		if p.Kind != KindGroup {
			continue
		}
		dir := path.Dir(p.Rel)
		c := communities[path.Dir(dir)]
		if c == nil {
			if broken[path.Dir(dir)] {
				continue
			}
			list.Error(diag.Pos{File: p.File, Line: 1}, "content.noCommunity", diag.Args{"folder": Dir + "/" + path.Dir(dir)}, "content.noCommunity.hint")
			continue
		}
		g := &Group{Page: p}
		p.Group, p.Community = g, c
		p.Publish = narrower(p.Publish, c.Publish)
		groups[dir] = g
		c.Groups = append(c.Groups, g)
	}
	for _, p := range site.Pages {
		if !p.Kind.IsRecord() {
			continue
		}
		// A record belongs to the group two folders below content/.
		parts := strings.SplitN(p.Rel, "/", 3)
		g := groups[parts[0]+"/"+parts[1]]
		if g == nil {
			if broken[parts[0]] || broken[parts[0]+"/"+parts[1]] {
				continue
			}
			list.Error(diag.Pos{File: p.File, Line: 1}, "content.noGroup", diag.Args{"folder": Dir + "/" + parts[0] + "/" + parts[1]}, "content.noGroup.hint")
			continue
		}
		p.Group, p.Community = g, g.Community
		p.Publish = narrower(p.Publish, g.Publish)
		g.Records = append(g.Records, p)
	}

	slices.SortFunc(site.Communities, func(a, b *Community) int { return naturalCompare(a.Rel, b.Rel) })
	for _, c := range site.Communities {
		order := map[string]int{}
		for i, name := range c.CommunityM.Order {
			order[name] = i + 1
		}
		// Folder names once per group: the sort below compares each group
		// many times, and a search of the groups per ordered name would be
		// quadratic in a neighbourhood's size.
		folders := make(map[*Group]string, len(c.Groups))
		present := make(map[string]bool, len(c.Groups))
		for _, g := range c.Groups {
			folders[g] = folder(g.Page)
			present[folders[g]] = true
		}
		for _, name := range c.CommunityM.Order {
			if !present[name] {
				list.Warn(diag.Pos{File: c.File, Line: 1}, "content.orderUnknown", diag.Args{"name": name}, "")
				present[name] = true // once per name, in the order written
			}
		}
		slices.SortFunc(c.Groups, func(a, b *Group) int {
			oa, ob := order[folders[a]], order[folders[b]]
			if oa == 0 {
				oa = len(order) + 1
			}
			if ob == 0 {
				ob = len(order) + 1
			}
			return cmp.Or(cmp.Compare(oa, ob), naturalCompare(a.Rel, b.Rel))
		})
		for _, g := range c.Groups {
			SortRecords(g.Records)
		}
		sameName(c, list)
	}
	for _, p := range site.Pages {
		p.inheritHouseholds()
	}
	return site
}

// sameName warns of two building groups of a neighbourhood with the same
// name: a copied _index.md whose name was not changed, which shows two
// groups nobody can tell apart. Groups of different neighbourhoods may
// share a name (every neighbourhood has a 1号楼). Names are compared
// without spaces and letter case.
func sameName(c *Community, list *diag.List) {
	first := map[string]*Group{}
	for _, g := range c.Groups {
		key := strings.ToLower(strings.Join(strings.Fields(g.GroupM.Name), ""))
		if key == "" {
			continue
		}
		other, dup := first[key]
		if !dup {
			first[key] = g
			continue
		}
		list.Warn(diag.Pos{File: g.File, Line: g.GroupM.NameLine}, "content.sameGroupName",
			diag.Args{"name": g.GroupM.Name, "other": other.File}, "content.sameGroupName.hint")
	}
}

// SortRecords puts a group's records in the order its page shows them: by
// kind, newest first within a kind, then by file name.
func SortRecords(records []*Page) {
	slices.SortFunc(records, func(a, b *Page) int {
		return cmp.Or(
			cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)),
			b.SortDate().Compare(a.SortDate()),
			naturalCompare(a.Rel, b.Rel))
	})
}

// folder is the name of the folder that holds an _index page.
func folder(p *Page) string { return path.Base(path.Dir(p.Rel)) }

// kindRank is a record kind's place in RecordKinds, the order a group's
// page shows them in.
func kindRank(k Kind) int { return slices.Index(RecordKinds, k) }

// narrower returns the more private of two publish settings.
func narrower(a, b Publish) Publish {
	if publishRank(b) > publishRank(a) {
		return b
	}
	return a
}

func publishRank(p Publish) int {
	switch p {
	case Wall:
		return 1
	case Nowhere:
		return 2
	}
	return 0
}

// naturalCompare orders strings with embedded numbers by value, so that
// building-9 comes before building-12.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		if da != "" && db != "" {
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), cmp.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitsPrefix(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// Reattach puts p, a record read again, where old was in the tree: in its
// group and neighbourhood, with what it inherits from them.
func (p *Page) Reattach(old *Page) {
	p.Group, p.Community = old.Group, old.Community
	p.inheritHouseholds()
}

// Replace puts p, a record read again and reattached (Reattach), into the
// tree in place of old: it takes old's place among the site's pages and its
// group's records, which are put in order again (its date may have
// changed).
func (s *Site) Replace(old, p *Page) {
	if i := slices.Index(s.Pages, old); i >= 0 {
		s.Pages[i] = p
	}
	if g := p.Group; g != nil {
		if i := slices.Index(g.Records, old); i >= 0 {
			g.Records[i] = p
		}
		SortRecords(g.Records)
	}
}

// inheritHouseholds gives a convention that does not say how many
// households it is for the number of its group.
func (p *Page) inheritHouseholds() {
	if p.Kind == KindConvention && p.Convention.Households == 0 && p.Group != nil && p.Group.GroupM != nil {
		p.Convention.Households = p.Group.GroupM.Households
	}
}
