package posters

import (
	"fmt"
	"html/template"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"wallpress/generator/content"
	"wallpress/generator/i18n"
	"wallpress/generator/layouts"
	"wallpress/generator/ledger"
	"wallpress/generator/privacy"
)

// Photo is a content image as the posters know it: its size and the file
// of its print variant (full size, re-encoded without metadata).
type Photo struct {
	// Width and Height of the upright original, in pixels.
	Width, Height int
	// Hash is the hex SHA-256 of the source bytes; it names the file in
	// images/, so a changed photo changes the poster's HTML.
	Hash string
	// File is the absolute path of the print variant; "" when only the
	// layout is wanted (check).
	File string
}

// PhotoUse is a photo placed on a poster, with the size it prints at.
type PhotoUse struct {
	Page  *content.Page
	Image content.Image
	Photo Photo
	// WidthMM and HeightMM are the printed size of the whole photo, crop
	// included.
	WidthMM, HeightMM float64
}

// DPI is the resolution the photo prints at.
func (u PhotoUse) DPI() float64 {
	if u.WidthMM <= 0 {
		return 0
	}
	return float64(u.Photo.Width) / (u.WidthMM / 25.4)
}

// Pic is a photo placed in a box of the poster.
type Pic struct {
	Src     string
	Caption string
	// W and H are the box in millimetres.
	W, H float64
	// Style sizes the box and places the crop.
	Style template.CSS
}

// View is what a poster template sees: the page, its group, the words and
// the helpers that place photos and format values.
type View struct {
	Page      *content.Page
	Group     *content.Group
	GroupData *content.GroupData
	Community *content.Community
	SiteTitle string
	Body      layouts.Body
	// Summary is the page's one-line description.
	Summary string
	// URL is the page's address on the website, "" when the page is not
	// online or the site has no baseURL; QR is its code.
	URL string
	QR  template.HTML
	Geo Geometry
	// ContentW is the width of the text column in millimetres, the unit
	// photo boxes are given in.
	ContentW float64
	// ID is unique per sheet in a document, for SVG ids.
	ID   string
	Lang string
	// Stats of the group, for the cover.
	Convention *content.Page
	Ledger     *content.Page
	// Part is what the sheet being drawn holds.
	Part *Part
	// zoom is the poster's scale (Part.Scale): photos shrink with the
	// type, so that the whole content scales alike.
	zoom float64

	// online is set for the copy published on the website, where names
	// are masked as the privacy setting asks.
	online bool
	mask   bool
	size   string
	texts  *texts
	photos map[string]Photo
	uses   *[]PhotoUse
	// sourceOf returns a record's markdown body (Input.Source).
	sourceOf func(*content.Page) []byte
	// cropMarks is the sheet's crop marks, the same on every poster.
	cropMarks template.HTML
	// differs, when set, is told when the sheet drawn would differ on the
	// website's copy: a name that would be masked, a record the copy
	// would not show, a template that asks which copy it is. A sheet that
	// told nothing serves as its own website copy.
	differs *bool
}

// Online reports whether this is the copy published on the website, where
// names are masked as the privacy setting asks.
func (v *View) Online() bool {
	v.differ()
	return v.online
}

func (v *View) differ() {
	if v.differs != nil {
		*v.differs = true
	}
}

// source is the markdown body of p.
func (v *View) source(p *content.Page) []byte {
	if v.sourceOf != nil {
		if b := v.sourceOf(p); b != nil {
			return b
		}
	}
	return p.Body
}

// padU is the poster's margin, in units (Geometry.Unit); poster.css uses the
// same figure (--pad).
const padU = 6

// T translates a key; args alternate names and values.
func (v *View) T(key string, args ...any) string { return v.texts.T(key, args...) }

// Date formats a date in the site's language.
func (v *View) Date(t time.Time) string { return v.texts.main.Date(t) }

// Money formats an amount of fen.
func (v *View) Money(m ledger.Money) string { return v.texts.main.Money(int64(m)) }

// Amount formats fen without the currency word: 1,234.50.
func (v *View) Amount(m ledger.Money) string { return i18n.Amount(int64(m)) }

// Month formats a year and month.
func (v *View) Month(y int, m time.Month) string { return v.texts.main.Month(y, m) }

// ShortMonth formats a month for a chart axis.
func (v *View) ShortMonth(m time.Month) string { return v.texts.main.ShortMonth(m) }

// Kind is the translated name of a page's kind.
func (v *View) Kind() string { return v.T("kind." + string(v.Page.Kind)) }

// Name shows a resident's name: in full on the wall, masked on the website
// copy when the privacy setting asks.
func (v *View) Name(name string) string {
	if !v.mask {
		return name
	}
	masked := privacy.MaskName(name)
	if masked != name {
		v.differ()
	}
	if v.online {
		return masked
	}
	return name
}

// StageIndex is a stage's 1-based step in 三上三下.
func (v *View) StageIndex(s content.Stage) int { return slices.Index(content.Stages, s) + 1 }

// Stages are the four steps, for the progress bar.
func (v *View) Stages() []int { return []int{1, 2, 3, 4} }

// Chart lays out a ledger's monthly bars.
func (v *View) Chart(b *ledger.Book, w, h int) ledger.Chart { return b.Chart(w, h) }

// MonthRow is one month of a ledger with its closing balance.
type MonthRow struct {
	Year            int
	Month           time.Month
	Income, Expense ledger.Money
	Balance         ledger.Money
}

// MonthRows returns the months of a book with the balance at each month's
// end.
func (v *View) MonthRows(b *ledger.Book) []MonthRow {
	if b == nil {
		return nil
	}
	bal := b.Opening
	var out []MonthRow
	for _, m := range b.Months {
		bal += m.Income - m.Expense
		out = append(out, MonthRow{Year: m.Year, Month: m.Month, Income: m.Income, Expense: m.Expense, Balance: bal})
	}
	return out
}

// Stamped reports whether a book earns the 账目平衡 stamp: every balance
// it states holds, and the running balance never goes below zero.
func (v *View) Stamped(b *ledger.Book) bool {
	if b == nil || !b.Balanced || b.Opening < 0 {
		return false
	}
	for _, e := range b.Entries {
		if e.Balance < 0 {
			return false
		}
	}
	return true
}

// Pics returns the images of an activity or photo record that could be
// processed, at most n.
func (v *View) Pics(ims []content.Image, n int) []content.Image {
	var out []content.Image
	for _, im := range ims {
		if _, ok := v.photos[im.Src]; ok && len(out) < n {
			out = append(out, im)
		}
	}
	return out
}

// Crop places a photo in a box w wide (a fraction of the text column) and
// w×aspect high, filled edge to edge and cropped around focus ("center",
// "top", "50% 30%" …; "" is the centre). It returns nil when the photo is
// missing (its error is reported elsewhere).
func (v *View) Crop(im content.Image, w, aspect float64, focus string) *Pic {
	ph, ok := v.photos[im.Src]
	if !ok || ph.Width <= 0 || ph.Height <= 0 {
		return nil
	}
	bw := w * v.ContentW * v.scale()
	bh := bw * aspect
	// Filled edge to edge: the photo is scaled by the larger factor.
	s := math.Max(bw/float64(ph.Width), bh/float64(ph.Height))
	v.use(im, ph, float64(ph.Width)*s, float64(ph.Height)*s)
	return v.pic(im, ph, bw, bh, focus)
}

// Whole places a whole photo, uncropped, w wide (a fraction of the text
// column) and at most w×maxAspect high; a tall photo is narrowed instead.
func (v *View) Whole(im content.Image, w, maxAspect float64) *Pic {
	ph, ok := v.photos[im.Src]
	if !ok || ph.Width <= 0 || ph.Height <= 0 {
		return nil
	}
	bw := w * v.ContentW * v.scale()
	bh := bw * float64(ph.Height) / float64(ph.Width)
	if lim := bw * maxAspect; bh > lim {
		bh = lim
		bw = bh * float64(ph.Width) / float64(ph.Height)
	}
	v.use(im, ph, bw, bh)
	return v.pic(im, ph, bw, bh, "")
}

// scale is the poster's zoom, 1 before one is chosen.
func (v *View) scale() float64 {
	if v.zoom <= 0 {
		return 1
	}
	return v.zoom
}

func (v *View) use(im content.Image, ph Photo, w, h float64) {
	if v.uses != nil {
		*v.uses = append(*v.uses, PhotoUse{Page: v.Page, Image: im, Photo: ph, WidthMM: w, HeightMM: h})
	}
}

func (v *View) pic(im content.Image, ph Photo, w, h float64, focus string) *Pic {
	pos := focusCSS(focus)
	return &Pic{
		Src:     "images/" + content.EscapePath(ImageName(im.Src, ph.Hash)),
		Caption: im.Caption,
		W:       w, H: h,
		Style: template.CSS(fmt.Sprintf("width:%smm;height:%smm;object-position:%s", mm2(w), mm2(h), pos)),
	}
}

// mm2 formats millimetres to a hundredth.
func mm2(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// percentRE is a plain percentage: digits, an optional decimal part, "%".
var percentRE = regexp.MustCompile(`^([0-9]{1,3}(?:\.[0-9]{1,4})?)%$`)

// focusCSS turns a story pair's focus into an object-position.
func focusCSS(f string) string {
	switch strings.ToLower(strings.TrimSpace(f)) {
	case "", "center", "centre":
		return "50% 50%"
	case "top":
		return "50% 0%"
	case "bottom":
		return "50% 100%"
	case "left":
		return "0% 50%"
	case "right":
		return "100% 50%"
	}
	parts := strings.Fields(strings.ReplaceAll(f, "％", "%"))
	if len(parts) == 2 {
		ok := true
		for _, p := range parts {
			m := percentRE.FindStringSubmatch(p)
			if m == nil {
				ok = false
				continue
			}
			if n, err := strconv.ParseFloat(m[1], 64); err != nil || n > 100 {
				ok = false
			}
		}
		if ok {
			return parts[0] + " " + parts[1]
		}
	}
	return "50% 50%"
}

// ImageName is the file name of a photo's print variant under a group's
// images/ folder: the source's name and the start of its content hash, so
// that two photos of one name never collide and a changed photo gets a new
// name.
func ImageName(src, hash string) string {
	stem := strings.TrimSuffix(path.Base(src), path.Ext(src))
	if len(hash) > 10 {
		hash = hash[:10]
	}
	return stem + "-" + hash + ".jpg"
}

// Layout is the name of the poster's layout: "cover", "convention", …
func (v *View) Layout() string { return layoutOf(v.Page) }

// CropMarks draws the crop marks of the sheet, when asked for.
func (v *View) CropMarks() template.HTML {
	if v.cropMarks == "" {
		return template.HTML(v.Geo.CropMarks())
	}
	return v.cropMarks
}

// PaperName describes the paper for the print shop, in the slug:
// "A3 297×420 mm, bleed 3 mm".
func (v *View) PaperName() string {
	return v.T("poster.paper", "size", v.size, "w", mm(v.Geo.TrimW), "h", mm(v.Geo.TrimH), "bleed", mm(v.Geo.Bleed))
}

// Pick returns the first value on a portrait poster and the second on a
// landscape one, for layouts that turn with the paper.
func (v *View) Pick(portrait, landscape float64) float64 {
	if v.Geo.Landscape() {
		return landscape
	}
	return portrait
}

// ShortDate formats a date of a ledger row: 3月15日 or 15 Mar.
func (v *View) ShortDate(t time.Time) string {
	return v.T("poster.shortDate", "month", int(t.Month()), "day", t.Day(), "monthName", v.T("monthShort."+strconv.Itoa(int(t.Month()))))
}

// PairWidth is the width of each photo of a before-and-after pair, as a
// fraction of the text column.
func (v *View) PairWidth() float64 { return v.Pick(0.49, 0.34) }

// PairAspect is the height of a pair's photos over their width: lower when
// two pairs share the poster.
func (v *View) PairAspect(pairs int) float64 {
	if pairs > 1 {
		return v.Pick(0.6, 0.5)
	}
	return v.Pick(0.8, 0.75)
}

// collage gives the width (a fraction of the text column) and the aspect
// of photo i of n in an activity's collage: one large photo, or a large one
// over pairs, or a grid.
func (v *View) collage(n, i int) (w, aspect float64) {
	if v.Geo.Landscape() {
		switch {
		case n == 1:
			return 0.62, 0.62
		case n == 2:
			return 0.49, 0.6
		}
		return 0.32, 0.7
	}
	switch {
	case n == 1:
		return 1, 0.62
	case n == 2:
		return 0.49, 0.8
	case n%2 == 1 && i == 0:
		return 1, 0.48
	}
	return 0.49, 0.66
}

// CollageWidth is photo i's width of n in an activity's collage.
func (v *View) CollageWidth(n, i int) float64 { w, _ := v.collage(n, i); return w }

// CollageAspect is photo i's aspect of n in an activity's collage.
func (v *View) CollageAspect(n, i int) float64 { _, a := v.collage(n, i); return a }

// pictureRE finds the pictures of a rendered body: the posters show the
// text only (their photos have places of their own, and a body picture's
// links lead into public/, which a poster cannot reach).
var pictureRE = regexp.MustCompile(`(?s)<picture\b.*?</picture>|<img\b[^>]*>|<figure\b[^>]*>\s*</figure>|</?a\b[^>]*>`)

// BodyText is the page's rendered body without its pictures and links
// (their text stays): a link on paper leads nowhere, and in the PDF it
// would lead to the poster server.
func (v *View) BodyText() template.HTML {
	return template.HTML(stripPictures(string(v.Body.HTML)))
}

// stripPictures takes the pictures and links out of markup (see BodyText).
func stripPictures(h string) string {
	if !strings.Contains(h, "<picture") && !strings.Contains(h, "<img") && !strings.Contains(h, "<figure") && !strings.Contains(h, "<a ") && !strings.Contains(h, "<a>") {
		// Nothing to take out: most bodies, and the regexp is slow on a
		// long one.
		return h
	}
	return pictureRE.ReplaceAllString(h, "")
}

// fitLine is the style that sets text of size units (letter-spaced by ls
// em) in a box w units wide: on one line, shrunk down to 62 %; else on two
// lines at most, each at most line units high with line height lh. The
// frame's height never depends on it.
func fitLine(text string, size, ls, w, line, lh float64, u float64) template.CSS {
	em := textEm(text) + ls*float64(utf8.RuneCountInString(text))
	if em*size <= w*lineSafety {
		return "white-space:nowrap"
	}
	s1 := w * lineSafety / em
	if s1 >= 0.62*size {
		return template.CSS(fmt.Sprintf("white-space:nowrap;font-size:%smm", mm2(s1*u)))
	}
	s2 := math.Min(math.Min(2*w*0.88/em, line/lh), size)
	return template.CSS(fmt.Sprintf("white-space:normal;font-size:%smm;line-height:%g", mm2(s2*u), lh))
}

// PlaceStyle fits the header's community and group name to the header.
func (v *View) PlaceStyle() template.CSS {
	var text string
	if v.Community != nil {
		text = v.Community.Title + "·"
	}
	if v.Group != nil {
		text += v.Group.Title
	}
	kind := v.Kind()
	badge := (textEm(kind)+0.15*float64(utf8.RuneCountInString(kind))+1.4)*3.6 + 0.6
	w := v.Geo.TrimW/v.Geo.Unit() - 2*padU - badge - 3
	return fitLine(text, 4.6, 0.04, w, 2.85, 1.2, v.Geo.Unit())
}

// BrandStyle fits the footer's brand and slogan beside the QR code.
func (v *View) BrandStyle() template.CSS {
	if v.GroupData == nil {
		return ""
	}
	text := v.GroupData.Brand + v.GroupData.Slogan
	extra := 0.0
	if v.GroupData.Brand != "" {
		extra = 0.9 + 2/3.4
	}
	w := v.Geo.TrimW/v.Geo.Unit() - 2*padU
	if v.QR != "" {
		w -= 12.5 + 3
	}
	w -= extra * 3.4
	return fitLine(text, 3.4, 0, w, 4.2, 1.25, v.Geo.Unit())
}

// ZoomWidth narrows a block laid out on the column's width (a collage) to
// the poster's zoom, so that it keeps its arrangement.
func (v *View) ZoomWidth() template.CSS {
	if v.scale() == 1 {
		return ""
	}
	return template.CSS(fmt.Sprintf("width:calc(var(--cw) * %g);align-self:center", v.scale()))
}
