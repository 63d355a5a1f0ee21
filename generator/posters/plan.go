// Package posters draws the wall posters of SPEC §7: a cover per building
// group and one poster per record, as HTML documents from the theme's
// templates in themes/<theme>/posters/, printed to PDF and photographed to
// PNG by one headless Chromium-family browser per build. It knows the
// paper (trim, bleed, crop marks), the QR code that leads to a record's web
// page, and which photos print too coarse. It reads no content files and
// writes none: the build hands it the model and stores what it returns.
package posters

import (
	"fmt"
	"html/template"
	"path"
	"strings"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/site"
)

// SetName is the file name (without extension) of a group's whole poster
// set, cover first.
const SetName = "poster-set"

// RenderVersion names the way documents are turned into PDF and PNG; it is
// part of every document, so that a change of it re-renders everything.
const RenderVersion = 2

// Input is everything the posters are drawn from.
type Input struct {
	Config  *config.Config
	Catalog *i18n.Catalog
	Site    *content.Site
	Bodies  map[*content.Page]site.Body
	// Photos are the content images by path relative to content/.
	Photos map[string]Photo
	// Only, when set, picks the posters to make: a group's page picks its
	// cover, a record's page its poster. Groups with nothing picked are
	// left out of the plan.
	Only func(*content.Page) bool
}

// Poster is one poster: a group's cover or a record's.
type Poster struct {
	// Page is the record, or the group's page for the cover.
	Page *content.Page
	// Name is the file name without extension: "cover", "convention", …
	Name string
	// Online posters are also published on the website.
	Online bool
	// Picked is false for a poster that is in the plan only because its
	// group's set needs its sheet.
	Picked bool
	// HTML is the document printed for the wall; OnlineHTML the copy for
	// the website (names masked as the privacy setting asks), nil when the
	// poster is not online.
	HTML, OnlineHTML   []byte
	sheet, onlineSheet template.HTML
}

// Group is the posters of one building group.
type Group struct {
	Group *content.Group
	// Dir is the group's folder relative to content/, and so to print/:
	// "gongnong-sancun/building-12".
	Dir     string
	Posters []*Poster
	// SetHTML is the whole set in one document, one sheet per page, cover
	// first; OnlineSetHTML the set of the online posters for the website,
	// nil when there are none.
	SetHTML, OnlineSetHTML []byte
	// Images maps file names under the group's images/ folder to the print
	// variants they are copies of.
	Images map[string]string
}

// Plan is every poster a build makes, as documents ready to render.
type Plan struct {
	Geometry Geometry
	Groups   []*Group
	// Uses are the photos the picked posters show, with their print size.
	Uses []PhotoUse
}

// Plan lays out the posters of in. Problems the user can fix (a record
// whose name is taken by the poster set) go to list.
func (t *Theme) Plan(in Input, list *diag.List) (*Plan, error) {
	g := GeometryOf(in.Config.Posters)
	plan := &Plan{Geometry: g}
	meta := fmt.Sprintf("wallpress posters v%d; png %d dpi; thumb %d px", RenderVersion, g.DPI, ThumbWidth)
	css := template.CSS(g.CSS() + t.css)
	for _, c := range in.Site.Communities {
		for _, grp := range c.Groups {
			if !grp.Publish.Printed() {
				continue
			}
			pg, err := t.planGroup(in, grp, plan, list)
			if err != nil {
				return nil, err
			}
			if pg == nil {
				continue
			}
			doc := func(title string, sheets []template.HTML) ([]byte, error) {
				return t.document(DocData{Lang: in.Catalog.Lang, Title: title, CSS: css, Meta: meta, Sheets: sheets})
			}
			var all, online []template.HTML
			for _, p := range pg.Posters {
				all = append(all, p.sheet)
				if p.HTML, err = doc(p.Page.Title, []template.HTML{p.sheet}); err != nil {
					return nil, err
				}
				if p.Online {
					online = append(online, p.onlineSheet)
					if p.OnlineHTML, err = doc(p.Page.Title, []template.HTML{p.onlineSheet}); err != nil {
						return nil, err
					}
				}
			}
			if pg.SetHTML, err = doc(grp.Title, all); err != nil {
				return nil, err
			}
			if len(online) > 0 {
				if pg.OnlineSetHTML, err = doc(grp.Title, online); err != nil {
					return nil, err
				}
			}
			plan.Groups = append(plan.Groups, pg)
		}
	}
	return plan, nil
}

// planGroup draws the sheets of one group; nil when Only picks none of them.
func (t *Theme) planGroup(in Input, grp *content.Group, plan *Plan, list *diag.List) (*Group, error) {
	pages := []*content.Page{grp.Page}
	for _, r := range grp.Records {
		if r.Publish.Printed() {
			pages = append(pages, r)
		}
	}
	picked := 0
	for _, p := range pages {
		if in.Only == nil || in.Only(p) {
			picked++
		}
	}
	if picked == 0 {
		return nil, nil
	}
	out := &Group{Group: grp, Dir: path.Dir(grp.Rel), Images: map[string]string{}}
	for i, p := range pages {
		name := CoverKind
		if p != grp.Page {
			name = strings.TrimSuffix(path.Base(p.Rel), path.Ext(p.Rel))
			if strings.EqualFold(name, CoverKind) || strings.EqualFold(name, SetName) {
				list.Error(diag.Pos{File: p.File, Line: 1}, "posters.nameTaken", diag.Args{"name": name}, "posters.nameTaken.hint")
				continue
			}
		}
		po := &Poster{Page: p, Name: name, Online: p.Publish.Online(), Picked: in.Only == nil || in.Only(p)}
		var uses []PhotoUse
		v := t.view(in, p, fmt.Sprintf("p%d", i), false, &uses)
		var err error
		if po.sheet, err = t.sheet(v); err != nil {
			return nil, err
		}
		for _, u := range uses {
			if u.Photo.File != "" {
				out.Images[ImageName(u.Image.Src, u.Photo.Hash)] = u.Photo.File
			}
		}
		if po.Picked {
			plan.Uses = append(plan.Uses, uses...)
		}
		if po.Online {
			if po.onlineSheet, err = t.sheet(t.view(in, p, fmt.Sprintf("p%d", i), true, nil)); err != nil {
				return nil, err
			}
		}
		out.Posters = append(out.Posters, po)
	}
	return out, nil
}

// view prepares what a poster template sees. online asks for the website's
// copy.
func (t *Theme) view(in Input, p *content.Page, id string, online bool, uses *[]PhotoUse) *View {
	cfg := in.Config
	g := GeometryOf(cfg.Posters)
	grp := p.Group
	v := &View{
		Page:      p,
		Group:     grp,
		Community: p.Community,
		SiteTitle: cfg.Title,
		Body:      in.Bodies[p],
		Geo:       g,
		ContentW:  g.TrimW - 2*padU*g.Unit(),
		ID:        id,
		Lang:      in.Catalog.Lang,
		Online:    online,
		mask:      cfg.Privacy.MaskNamesOnline,
		size:      cfg.Posters.Size,
		texts:     t.texts,
		photos:    in.Photos,
		uses:      uses,
	}
	if grp != nil {
		v.GroupData = grp.GroupM
	}
	v.Summary = p.Summary
	if v.Summary == "" {
		v.Summary = v.Body.Summary
	}
	if p.Publish.Online() && cfg.BaseURL != "" {
		v.URL = RecordURL(cfg.BaseURL, p.URL)
		if qr, err := QRSVG(v.URL); err == nil {
			v.QR = qr
		}
	}
	if p.Kind == content.KindGroup && grp != nil {
		// The cover sums up the group's current convention and account
		// book, as far as the copy's audience may see them.
		for _, r := range grp.Records {
			shown := r.Publish.Printed()
			if online {
				shown = r.Publish.Online()
			}
			if !shown {
				continue
			}
			switch {
			case r.Kind == content.KindConvention && v.Convention == nil:
				v.Convention = r
			case r.Kind == content.KindLedger && v.Ledger == nil && r.Ledger.Book != nil:
				v.Ledger = r
			}
		}
	}
	return v
}
