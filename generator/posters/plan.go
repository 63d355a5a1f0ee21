// Package posters draws the wall posters: a cover per building
// group and one poster per record, as HTML documents from the theme's
// templates in themes/<theme>/posters/, printed to PDF and photographed to
// PNG by one headless Chromium-family browser per build. It knows the
// paper (trim, bleed, crop marks), the QR code that leads to a record's web
// page, and which photos print too coarse. It reads no content files and
// writes none: the build hands it the model and stores what it returns.
package posters

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strconv"
	"strings"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/layouts"
	"wallpress/generator/privacy"
)

// SetName is the file name (without extension) of a group's whole poster
// set, cover first.
const SetName = "poster-set"

// StylesheetName is the posters' shared stylesheet at the top of print/:
// the page geometry followed by the theme's poster.css, linked from every
// document (in every document it was a fifth to a half of its bytes).
const StylesheetName = "poster.css"

// RenderVersion names the way documents are turned into PDF and PNG; it is
// part of every document, so that a change of it re-renders everything.
const RenderVersion = 4

// Input is everything the posters are drawn from.
type Input struct {
	Config  *config.Config
	Catalog *i18n.Catalog
	Site    *content.Site
	Bodies  map[*content.Page]layouts.Body
	// Photos are the content images by path relative to content/.
	Photos map[string]Photo
	// Only, when set, picks the posters to make: a group's page picks its
	// cover, a record's page its poster. Groups with nothing picked are
	// left out of the plan.
	Only func(*content.Page) bool
	// Mask hides names and room numbers in the website's copies; nil
	// hides nothing more than the privacy setting's named fields.
	Mask *privacy.Masker
	// Source, when set, returns a record's markdown body (what
	// content.Page.Body held: a build lets it go once rendered), to find
	// the line where text left off the poster starts; unset, Page.Body
	// is used. It is called only for a record cut short.
	Source func(*content.Page) []byte
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
	HTML, OnlineHTML []byte
	// Sheets is how many pages the poster has: one, or more when its
	// content continues on further sheets.
	Sheets               int
	sheets, onlineSheets []template.HTML
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
	// Uses are the photos the picked posters show, with their print size.
	Uses []PhotoUse
	// LeftOff is what the theme left off the picked posters.
	LeftOff []LeftOff
}

// Plan is every poster a build makes, as documents ready to render.
type Plan struct {
	Geometry Geometry
	// Stylesheet is the documents' shared stylesheet (StylesheetName).
	Stylesheet []byte
	Groups     []*Group
	// Uses are the photos the picked posters show, with their print size.
	Uses []PhotoUse
}

// Plan lays out every poster of in at once. Problems the user can fix (a
// record whose name is taken by the poster set) go to list. A build should
// rather go group by group with a Planner, which holds one group's
// documents at a time.
func (t *Theme) Plan(in Input, list *diag.List) (*Plan, error) {
	pl := t.Planner(in)
	plan := &Plan{Geometry: pl.Geometry(), Stylesheet: pl.Stylesheet()}
	pl.CheckNames(list)
	for _, grp := range pl.Groups() {
		pg, err := pl.Group(grp)
		if err != nil {
			return nil, err
		}
		if pg == nil {
			continue
		}
		plan.Uses = append(plan.Uses, pg.Uses...)
		plan.Groups = append(plan.Groups, pg)
	}
	return plan, nil
}

// Planner lays out the posters of a site one group at a time. Its methods
// may be called from several goroutines at once: a build plans its groups
// in parallel and keeps only the groups it is working on.
type Planner struct {
	t    *Theme
	in   Input
	geo  Geometry
	css  template.CSS
	meta string
	// cropMarks are drawn once: every sheet has the same.
	cropMarks template.HTML
	// layoutOnly skips what only the documents need (QR codes, the
	// documents themselves): for checking the photos' resolution.
	layoutOnly bool
	// wallOnly skips the website's copies: without a browser to print
	// them (PDFs off, or none found) nothing would use them.
	wallOnly bool
}

// Planner prepares the layout of the posters of in.
func (t *Theme) Planner(in Input) *Planner {
	g := GeometryOf(in.Config.Posters)
	return &Planner{
		t: t, in: in, geo: g,
		css:       template.CSS(g.CSS() + t.css),
		meta:      fmt.Sprintf("wallpress posters v%d; png %d dpi; thumb %d px; css %s", RenderVersion, g.DPI, ThumbWidth, cssSum(g.CSS()+t.css)),
		cropMarks: template.HTML(g.CropMarks()),
	}
}

// LayoutOnly makes Group lay out the sheets and measure the photos but
// write no documents (Poster.HTML and the sets stay nil) and draw no QR
// codes: all a check of the photos' resolution needs, at a fraction of the
// cost.
func (pl *Planner) LayoutOnly() *Planner {
	c := *pl
	c.layoutOnly = true
	return &c
}

// WallOnly makes Group write the wall's documents alone, no website copies
// (Poster.OnlineHTML and Group.OnlineSetHTML stay nil): for a run that
// prints nothing, where drawing and masking the copies would be half of
// the stage's work for nothing.
func (pl *Planner) WallOnly() *Planner {
	c := *pl
	c.wallOnly = true
	return &c
}

// Stylesheet is the documents' shared stylesheet, to be written at the top
// of print/ as StylesheetName (and shown to the browser there).
func (pl *Planner) Stylesheet() []byte { return []byte(pl.css) }

// Geometry is the paper the posters are laid out on.
func (pl *Planner) Geometry() Geometry { return pl.geo }

// Groups are the groups whose posters are printed, in the site's order.
func (pl *Planner) Groups() []*content.Group {
	var out []*content.Group
	for _, c := range pl.in.Site.Communities {
		for _, grp := range c.Groups {
			if grp.Publish.Printed() {
				out = append(out, grp)
			}
		}
	}
	return out
}

// pages are a group's pages that have posters, cover first, and how many
// of them Only picks.
func (pl *Planner) pages(grp *content.Group) (pages []*content.Page, picked int) {
	pages = []*content.Page{grp.Page}
	for _, r := range grp.Records {
		if r.Publish.Printed() {
			pages = append(pages, r)
		}
	}
	for _, p := range pages {
		if pl.in.Only == nil || pl.in.Only(p) {
			picked++
		}
	}
	return pages, picked
}

// posterName is the file name of a page's poster, and false when the
// poster set's own names take it.
func posterName(grp *content.Group, p *content.Page) (string, bool) {
	if p == grp.Page {
		return CoverKind, true
	}
	name := strings.TrimSuffix(path.Base(p.Rel), path.Ext(p.Rel))
	return name, !strings.EqualFold(name, CoverKind) && !strings.EqualFold(name, SetName)
}

// CheckNames reports, for the groups that have posters to make, every
// record whose file name the poster set uses for itself (cover,
// poster-set). It is cheap, so a build calls it before laying anything
// out; Group leaves such records out.
func (pl *Planner) CheckNames(list *diag.List) {
	for _, grp := range pl.Groups() {
		pages, picked := pl.pages(grp)
		if picked == 0 {
			continue
		}
		for _, p := range pages {
			if name, ok := posterName(grp, p); !ok {
				list.Error(diag.Pos{File: p.File, Line: 1}, "posters.nameTaken", diag.Args{"name": name}, "posters.nameTaken.hint")
			}
		}
	}
}

// Group lays out the posters of one group as documents ready to render;
// nil when Only picks none of them.
func (pl *Planner) Group(grp *content.Group) (*Group, error) {
	pg, err := pl.planGroup(grp)
	if err != nil || pg == nil || pl.layoutOnly {
		return pg, err
	}
	doc := func(title string, sheets []template.HTML) ([]byte, error) {
		return pl.t.document(DocData{Lang: pl.in.Catalog.Lang, Title: title, CSS: pl.css, Stylesheet: sheetHref(grp), Meta: pl.meta, Sheets: sheets})
	}
	var all, online []template.HTML
	for _, p := range pg.Posters {
		all = append(all, p.sheets...)
		if p.HTML, err = doc(p.Page.Title, p.sheets); err != nil {
			return nil, err
		}
		if p.Online && !pl.wallOnly {
			online = append(online, p.onlineSheets...)
			// Sheets that are their own website copy make the same
			// document: shared, not drawn twice.
			p.OnlineHTML = p.HTML
			if !slices.Equal(p.onlineSheets, p.sheets) {
				if p.OnlineHTML, err = doc(p.Page.Title, p.onlineSheets); err != nil {
					return nil, err
				}
			}
		}
	}
	if pg.SetHTML, err = doc(grp.Title, all); err != nil {
		return nil, err
	}
	if len(online) > 0 {
		pg.OnlineSetHTML = pg.SetHTML
		if !slices.Equal(online, all) {
			if pg.OnlineSetHTML, err = doc(grp.Title, online); err != nil {
				return nil, err
			}
		}
	}
	// The documents hold the sheets now.
	for _, p := range pg.Posters {
		p.sheets, p.onlineSheets = nil, nil
	}
	return pg, nil
}

// planGroup draws the sheets of one group; nil when Only picks none of them.
func (pl *Planner) planGroup(grp *content.Group) (*Group, error) {
	t, in := pl.t, pl.in
	pages, picked := pl.pages(grp)
	if picked == 0 {
		return nil, nil
	}
	out := &Group{Group: grp, Dir: path.Dir(grp.Rel), Images: map[string]string{}}
	for i, p := range pages {
		name, ok := posterName(grp, p)
		if !ok {
			continue // reported by CheckNames
		}
		po := &Poster{Page: p, Name: name, Online: p.Publish.Online(), Picked: in.Only == nil || in.Only(p)}
		// The QR code leads to the same page from both copies: drawn once.
		var qr template.HTML
		if !pl.layoutOnly && p.Publish.Online() && in.Config.BaseURL != "" {
			u := RecordURL(in.Config.BaseURL, p.URL)
			var err error
			if qr, err = QRSVG(u); err != nil {
				// A poster without its QR code would not say so.
				return nil, &QRError{File: p.File, URL: u, Err: err}
			}
		}
		var uses []PhotoUse
		id := "p" + strconv.Itoa(i)
		v := t.view(in, pl.geo, p, id, false, qr, &uses)
		v.cropMarks = pl.cropMarks
		// Where each sheet ends is decided here, from the content.
		parts, left := v.parts()
		po.Sheets = len(parts)
		var err error
		if po.sheets, err = t.sheets(v, parts); err != nil {
			return nil, err
		}
		if po.Picked {
			out.LeftOff = append(out.LeftOff, left...)
		}
		for _, u := range uses {
			if u.Photo.File != "" {
				out.Images[ImageName(u.Image.Src, u.Photo.Hash)] = u.Photo.File
			}
		}
		if po.Picked {
			out.Uses = append(out.Uses, uses...)
		}
		if po.Online && !pl.layoutOnly && !pl.wallOnly {
			po.onlineSheets = po.sheets
			if *v.differs {
				// The website's copy keeps the wall's sheets, so that the
				// two print alike.
				ov := t.view(in, pl.geo, p, id, true, qr, nil)
				ov.cropMarks = pl.cropMarks
				if po.onlineSheets, err = t.sheets(ov, parts); err != nil {
					return nil, err
				}
			}
			// Names written in the text, captions and tables are masked
			// in the copy as a whole, as on the website's pages, on
			// every sheet.
			masked := make([]template.HTML, len(po.onlineSheets))
			for i, sh := range po.onlineSheets {
				masked[i] = template.HTML(in.Mask.Markup([]byte(sh)))
			}
			po.onlineSheets = masked
		}
		out.Posters = append(out.Posters, po)
	}
	return out, nil
}

// view prepares what a poster template sees. online asks for the website's
// copy.
func (t *Theme) view(in Input, g Geometry, p *content.Page, id string, online bool, qr template.HTML, uses *[]PhotoUse) *View {
	cfg := in.Config
	var differs *bool
	if !online {
		differs = new(bool)
	}
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
		online:    online,
		differs:   differs,
		mask:      cfg.Privacy.MaskNamesOnline,
		size:      cfg.Posters.Size,
		texts:     t.texts,
		photos:    in.Photos,
		sourceOf:  in.Source,
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
		v.QR = qr
	}
	if p.Kind == content.KindGroup && grp != nil {
		// The cover sums up the group's current convention and account
		// book, as far as the copy's audience may see them.
		conv, led := coverStats(grp, online)
		v.Convention, v.Ledger = conv, led
		if !online {
			if oc, ol := coverStats(grp, true); oc != conv || ol != led {
				v.differ()
			}
		}
	}
	return v
}

// coverStats are the group's current convention and account book that a
// copy shows: the printed ones on the wall, the online ones on the
// website.
func coverStats(grp *content.Group, online bool) (conv, led *content.Page) {
	for _, r := range grp.Records {
		shown := r.Publish.Printed()
		if online {
			shown = r.Publish.Online()
		}
		if !shown {
			continue
		}
		switch {
		case r.Kind == content.KindConvention && conv == nil:
			conv = r
		case r.Kind == content.KindLedger && led == nil && r.Ledger.Book != nil:
			led = r
		}
	}
	return conv, led
}

// sheetHref is the address of the shared stylesheet from the folder of a
// group's documents: as many levels up as the folder is deep.
func sheetHref(grp *content.Group) string {
	dir := path.Dir(grp.Rel)
	if dir == "." {
		return StylesheetName
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1) + StylesheetName
}

// cssSum identifies a stylesheet in the documents that link it, so that a
// change of poster.css changes them (and misses the render cache).
func cssSum(css string) string {
	sum := sha256.Sum256([]byte(css))
	return hex.EncodeToString(sum[:6])
}
