package site

import (
	"cmp"
	"html/template"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"wallpress/generator/content"
	"wallpress/generator/ledger"
	"wallpress/generator/privacy"
)

// siteView is the part of the content tree that is published online, with
// the figures the home page shows. Nothing under `wall` or `nowhere` is in
// it, so nothing of theirs can reach a page, the sitemap or the feed.
type siteView struct {
	in          Input
	SiteTitle   string
	Home        *content.Page
	Communities []*CommunityView
	Stats       Stats
	// Stories are the online story records, newest first.
	Stories []*content.Page
	// Board holds the online consultations by stage, in the order of the
	// 三上三下 method.
	Board []StageColumn
	// Records are every online record, newest first (the feed's order).
	Records     []*content.Page
	pages       []*content.Page
	byURL       map[string]*content.Page // when there are posters
	groups      map[*content.Group]*GroupView
	communities map[*content.Community]*CommunityView
	// Newest is the newest date among online records (the feed's updated).
	Newest time.Time
	// defaultShare is the share-card image of pages without a photo of
	// their own: the first online group photo, found once.
	defaultShare string
	sitemapLines *sync.Map
	// partials are the theme's partials, and cached their outputs by name
	// and key (see Cached).
	partials *template.Template
	cached   sync.Map
	// parts are the outputs of Part, kept by the theme from one render to
	// the next.
	parts *sync.Map
}

// CommunityView is a neighbourhood with its online groups.
type CommunityView struct {
	*content.Community
	Groups []*GroupView
}

// GroupView is a group with its online records and its latest convention
// and account book, for summaries.
type GroupView struct {
	*content.Group
	Records    []*content.Page
	Convention *content.Page
	Ledger     *content.Page
}

// RecordsOf returns the group's online records of kind k.
func (g *GroupView) RecordsOf(k string) []*content.Page {
	var out []*content.Page
	for _, r := range g.Records {
		if string(r.Kind) == k {
			out = append(out, r)
		}
	}
	return out
}

// Stats are the achievement figures of the home page. They count only what
// is published online.
type Stats struct {
	Communities, Groups, Households int
	Conventions, Signed             int
	Photos, Stories                 int
	Ledgers, Balanced               int
	Consultations, Done             int
	Activities                      int
}

// StageColumn is one stage of the consultation board.
type StageColumn struct {
	Stage content.Stage
	Items []*content.Page
}

func newSiteView(in Input) *siteView {
	s := &siteView{in: in, SiteTitle: in.Config.Title, Home: in.Site.Home,
		groups: map[*content.Group]*GroupView{}, communities: map[*content.Community]*CommunityView{}}
	s.pages = append(s.pages, s.Home)
	for _, c := range in.Site.Communities {
		if !c.Publish.Online() {
			continue
		}
		cv := &CommunityView{Community: c}
		s.communities[c] = cv
		s.pages = append(s.pages, c.Page)
		for _, g := range c.Groups {
			if !g.Publish.Online() {
				continue
			}
			gv := &GroupView{Group: g}
			s.groups[g] = gv
			s.pages = append(s.pages, g.Page)
			s.Stats.Groups++
			if g.GroupM != nil {
				s.Stats.Households += g.GroupM.Households
			}
			for _, r := range g.Records {
				if !r.Publish.Online() {
					continue
				}
				gv.Records = append(gv.Records, r)
				s.pages = append(s.pages, r)
				s.Records = append(s.Records, r)
				s.count(gv, r)
			}
			cv.Groups = append(cv.Groups, gv)
		}
		s.Communities = append(s.Communities, cv)
	}
	s.Stats.Communities = len(s.Communities)
	if len(in.Posters) > 0 {
		// Only the posters' download pages look pages up by URL.
		s.byURL = make(map[string]*content.Page, len(s.pages))
		for _, p := range s.pages {
			s.byURL[p.URL] = p
		}
	}
	// Newest first, by URL on the same day. The dates are taken once: the
	// sort compares each record many times, and serve sorts after every
	// edit.
	type dated struct {
		day int64
		p   *content.Page
	}
	keys := make([]dated, len(s.Records))
	for i, r := range s.Records {
		keys[i] = dated{r.SortDate().Unix(), r}
	}
	slices.SortFunc(keys, func(a, b dated) int {
		return cmp.Or(cmp.Compare(b.day, a.day), strings.Compare(a.p.URL, b.p.URL))
	})
	for i, k := range keys {
		s.Records[i] = k.p
	}
	for _, r := range s.Records {
		if r.SortDate().After(s.Newest) {
			s.Newest = r.SortDate()
		}
		switch r.Kind {
		case content.KindStory:
			s.Stories = append(s.Stories, r)
		}
	}
	v := &View{siteView: s}
	for _, c := range s.Communities {
		for _, g := range c.Groups {
			if s.defaultShare == "" {
				s.defaultShare = v.firstImage(g.Page.Images())
			}
		}
	}
	for _, st := range content.Stages {
		col := StageColumn{Stage: st}
		for _, r := range s.Records {
			if r.Deliberation != nil && r.Deliberation.Stage == st {
				col.Items = append(col.Items, r)
			}
		}
		s.Board = append(s.Board, col)
	}
	return s
}

func (s *siteView) count(g *GroupView, r *content.Page) {
	switch r.Kind {
	case content.KindConvention:
		s.Stats.Conventions++
		s.Stats.Signed += r.Convention.Signed
		if g.Convention == nil {
			g.Convention = r
		}
	case content.KindPhoto:
		s.Stats.Photos++
	case content.KindStory:
		s.Stats.Stories++
	case content.KindLedger:
		s.Stats.Ledgers++
		if r.Ledger.Book != nil && r.Ledger.Book.Balanced {
			s.Stats.Balanced++
		}
		// Records are sorted newest first within a kind: the first ledger
		// is the current book.
		if g.Ledger == nil {
			g.Ledger = r
		}
	case content.KindDeliberation:
		s.Stats.Consultations++
		if r.Deliberation.Stage == content.StageDone {
			s.Stats.Done++
		}
	case content.KindActivity:
		s.Stats.Activities++
	}
}

// View is what a layout sees: the page, the site, and helpers that know
// where the page is, so that every link is relative.
type View struct {
	*siteView
	Page  *content.Page
	URL   string
	Title string
	// Root leads from this page back to the site root ("../../"), so the
	// site works under any sub-path and opened from disk.
	Root     string
	Body     Body
	NotFound bool
	Lang     string
}

func (s *siteView) view(p *content.Page, url string) *View {
	v := &View{siteView: s, Page: p, URL: url, Lang: s.in.Catalog.Lang}
	v.Root = rootOf(url)
	if p != nil {
		v.Title = p.Title
		v.Body = s.in.Bodies[p]
	}
	return v
}

// rootOf leads from a page URL back to the site root.
func rootOf(url string) string { return strings.Repeat("../", strings.Count(url, "/")) }

// Rel returns the relative link from this page to a site path ("a/b/" or
// "static/site.css"), percent-encoded (content.EscapePath): a name with a
// space, # or ? is linked as it is published.
func (v *View) Rel(target string) string {
	target = content.EscapePath(target)
	if v.NotFound {
		// 404.html is served at any depth: link from the site's root path.
		return v.rootPath() + target
	}
	if r := v.Root + target; r != "" {
		return r
	}
	return "./"
}

func (v *View) rootPath() string {
	if b := v.in.Config.BaseURL; b != "" {
		if i := strings.Index(b, "://"); i >= 0 {
			if j := strings.IndexByte(b[i+3:], '/'); j >= 0 {
				return b[i+3+j:]
			}
		}
	}
	return "/"
}

// Abs returns the absolute URL of a site path, percent-encoded, or ""
// without a baseURL.
func (v *View) Abs(target string) string {
	if v.in.Config.BaseURL == "" {
		return ""
	}
	return v.in.Config.BaseURL + content.EscapePath(target)
}

// T translates a key; args alternate names and values.
func (v *View) T(key string, args ...any) string { return v.in.Catalog.T(key, args...) }

// Date formats a date in the site language; the zero date is "".
func (v *View) Date(t time.Time) string { return v.in.Catalog.Date(t) }

// ISODate formats a date for <time datetime>.
func (v *View) ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Money formats an amount of fen in the site language.
func (v *View) Money(m ledger.Money) string { return v.in.Catalog.Money(int64(m)) }

// Month formats a year and month.
func (v *View) Month(y int, m time.Month) string { return v.in.Catalog.Month(y, m) }

// ShortMonth formats a month for a chart axis.
func (v *View) ShortMonth(m time.Month) string { return v.in.Catalog.ShortMonth(m) }

// Name shows a resident's name as the privacy setting allows online:
// 刘阿姨 → 刘**, Liu Mei → L. M.
func (v *View) Name(name string) string {
	if !v.in.Config.Privacy.MaskNamesOnline {
		return name
	}
	return privacy.MaskName(name)
}

// ShowRooms reports whether a convention's signed rooms may be listed
// online; otherwise only their count is shown, so that the rooms that did
// not sign are not published.
func (v *View) ShowRooms() bool { return v.in.Config.Privacy.ShowSignedRooms }

// Kind returns the translated name of a page's kind.
func (v *View) Kind(p *content.Page) string { return v.T("kind." + string(p.Kind)) }

// Picture is an image ready for an <img>: links relative to this page.
type Picture struct {
	Src, SrcSet   string
	Width, Height int
	Alt           string
	// Full is the largest variant, for "open the large photo" links.
	Full string
}

// Pic returns the picture of an image named in content, or nil when the
// image could not be processed (its error is already reported).
func (v *View) Pic(im content.Image) *Picture {
	img, ok := v.in.Images[im.Src]
	if !ok || len(img.Variants) == 0 {
		return nil
	}
	p := &Picture{Alt: im.Caption}
	var set []string
	for _, vr := range img.Variants {
		set = append(set, v.Rel(vr.Path)+" "+strconv.Itoa(vr.Width)+"w")
	}
	// The middle size is a good default for browsers without srcset.
	def := img.Variants[len(img.Variants)/2]
	p.Src, p.Width, p.Height = v.Rel(def.Path), def.Width, def.Height
	p.SrcSet = strings.Join(set, ", ")
	p.Full = v.Rel(img.Variants[len(img.Variants)-1].Path)
	return p
}

// CardPic returns the picture a record's card shows, or nil: a story's
// first after photo (what the place looks like now, the news), else the
// page's first image.
func (v *View) CardPic(p *content.Page) *Picture {
	if p.Story != nil {
		for _, pr := range p.Story.Pairs {
			if pr.After.Src != "" {
				return v.Pic(pr.After)
			}
		}
	}
	if ims := p.Images(); len(ims) > 0 {
		return v.Pic(ims[0])
	}
	return nil
}

// ReceiptPic returns the picture a ledger's receipt cell names, or nil when
// the receipt is text.
func (v *View) ReceiptPic(l *content.Ledger, receipt string) *Picture {
	src, ok := l.Receipts[receipt]
	if !ok {
		return nil
	}
	return v.Pic(content.Image{Src: src, Caption: v.T("ledger.receiptAlt")})
}

// PairAspect is the shape both photos of a before/after pair are shown in,
// so that they line up: 3 / 4 when both are portrait, else 4 / 3.
func (v *View) PairAspect(p content.Pair) template.CSS {
	portrait := func(im content.Image) bool {
		img, ok := v.in.Images[im.Src]
		return ok && img.Height > img.Width
	}
	if portrait(p.Before) && portrait(p.After) {
		return "3 / 4"
	}
	return "4 / 3"
}

// Focus turns a pair's focus into a CSS position: where both photos are
// cropped around.
func (v *View) Focus(focus string) template.CSS {
	// FocusPosition only lets through keywords and whole percentages: safe
	// inside a style attribute.
	if pos, ok := content.FocusPosition(focus); ok {
		return template.CSS(pos)
	}
	return "50% 50%"
}

// ShareImage returns the absolute URL of the page's first image, or of the
// site's first group photo, for share cards.
func (v *View) ShareImage() string {
	if v.Page != nil {
		if u := v.firstImage(v.Page.Images()); u != "" {
			return u
		}
	}
	return v.defaultShare
}

func (v *View) firstImage(ims []content.Image) string {
	for _, im := range ims {
		if img, ok := v.in.Images[im.Src]; ok && len(img.Variants) > 0 {
			return v.Abs(img.Variants[len(img.Variants)/2].Path)
		}
	}
	return ""
}

// Description is the page's summary for share cards and lists.
func (v *View) Description() string {
	if v.Page == nil {
		return v.T("site.description")
	}
	return v.Summary(v.Page)
}

// Summary is a page's one-line description: its summary key or its first
// paragraph.
func (v *View) Summary(p *content.Page) string {
	if p.Summary != "" {
		return p.Summary
	}
	return v.in.Bodies[p].Summary
}

// Breadcrumbs lists the pages above this one, home first.
func (v *View) Breadcrumbs() []*content.Page {
	if v.Page == nil || v.Page.Kind == content.KindSite {
		return nil
	}
	out := []*content.Page{v.Home}
	if c := v.Page.Community; c != nil && c.Page != v.Page {
		out = append(out, c.Page)
	}
	if g := v.Page.Group; g != nil && g.Page != v.Page {
		out = append(out, g.Page)
	}
	return out
}

// GroupOf returns the online view of a page's group.
func (v *View) GroupOf(p *content.Page) *GroupView { return v.groups[p.Group] }

// CommunityOf returns the online view of a page's community.
func (v *View) CommunityOf(p *content.Page) *CommunityView { return v.communities[p.Community] }

// Cached executes the partial name with this view once per key and gives
// every later page with the same key the same output: for the parts of a
// page that depend on little more than where the page is, such as the
// header and footer (key: .Rel ""). A page costs about a microsecond per
// template action, and those parts are a third of the actions of a small
// page.
func (v *View) Cached(name, key string) (template.HTML, error) {
	k := name + "\x00" + key
	if h, ok := v.cached.Load(k); ok {
		return h.(template.HTML), nil
	}
	var b strings.Builder
	if err := v.partials.ExecuteTemplate(&b, name, v); err != nil {
		return "", err
	}
	h, _ := v.cached.LoadOrStore(k, template.HTML(b.String()))
	return h.(template.HTML), nil
}

// Part renders the partial name for page p, given dict "v" (this view)
// "p" (the page), once per page and depth: a record's card is the same on
// every list at the same depth, and after an edit serve renders only the
// cards of the records that changed (an edited record is a new page). A
// part may show only what belongs to its page and its group.
func (v *View) Part(name string, p *content.Page) (template.HTML, error) {
	k := partKey{name, p, v.Rel("")}
	if h, ok := v.parts.Load(k); ok {
		return h.(template.HTML), nil
	}
	var b strings.Builder
	if err := v.partials.ExecuteTemplate(&b, name, map[string]any{"v": v, "p": p}); err != nil {
		return "", err
	}
	h, _ := v.parts.LoadOrStore(k, template.HTML(b.String()))
	return h.(template.HTML), nil
}

type partKey struct {
	name string
	page *content.Page
	root string
}

// HTML marks text already made safe by the markdown renderer.
func (v *View) HTML(s template.HTML) template.HTML { return s }

// StageIndex is a stage's 1-based step in 三上三下.
func (v *View) StageIndex(s content.Stage) int { return slices.Index(content.Stages, s) + 1 }

// PageURL joins a directory page URL and a file name.
func PageURL(dir, file string) string { return path.Join(dir, file) }
