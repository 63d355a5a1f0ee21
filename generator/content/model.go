// Package content loads the markdown records under content/ into a typed tree
// (Site → Community → Group → Record). It reads and validates; it never
// renders or writes.
package content

import (
	"time"

	"wallpress/generator/ledger"
)

// Kind is the type of a content file.
type Kind string

// The kinds of content file (docs/content.md).
const (
	KindSite         Kind = "site"
	KindCommunity    Kind = "community"
	KindGroup        Kind = "group"
	KindConvention   Kind = "convention"
	KindPhoto        Kind = "photo"
	KindLedger       Kind = "ledger"
	KindStory        Kind = "story"
	KindDeliberation Kind = "deliberation"
	KindActivity     Kind = "activity"
)

// RecordKinds are the kinds that live inside a group, in the order a group
// page shows them.
var RecordKinds = []Kind{KindConvention, KindPhoto, KindLedger, KindStory, KindDeliberation, KindActivity}

// AllKinds lists every kind.
var AllKinds = append([]Kind{KindSite, KindCommunity, KindGroup}, RecordKinds...)

// IsRecord reports whether k is a record kind (one that lives in a group).
func (k Kind) IsRecord() bool {
	switch k {
	case KindSite, KindCommunity, KindGroup:
		return false
	}
	return k.Valid()
}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool {
	for _, v := range AllKinds {
		if v == k {
			return true
		}
	}
	return false
}

// Publish says where a page appears.
type Publish string

// Where a page may be published.
const (
	Everywhere Publish = "everywhere" // website and wall posters
	Wall       Publish = "wall"       // posters in print/ only
	Nowhere    Publish = "nowhere"    // no output
)

// Online reports whether the page may reach public/.
func (p Publish) Online() bool { return p == Everywhere }

// Printed reports whether the page may reach print/.
func (p Publish) Printed() bool { return p == Everywhere || p == Wall }

// Image is a picture a page refers to.
type Image struct {
	// Src is the image's slash path relative to content/.
	Src     string
	Caption string
	// Line is the front matter line that names it.
	Line int
}

// Page is one markdown file.
type Page struct {
	Kind Kind
	// File is the site-relative path used in messages ("content/a/b.md").
	File string
	// Rel is the path relative to content/ ("a/b.md"), by the name the
	// page is known by: "a/b.md" for a file saved as a/b.md.txt, whose File
	// keeps its real name.
	Rel string
	// URL is the page's path in the site, relative to the site root, ending
	// in "/" ("a/b/"), or "" for the home page.
	URL     string
	Title   string
	Date    time.Time
	Summary string
	Publish Publish
	// Draft is set for a record marked draft: true, read only when
	// Options.Drafts asks (serve's preview); a build never has one.
	Draft bool
	// People are the residents the record names in its text, declared so
	// that the website masks them wherever they are written.
	People []string
	// Body is the markdown after the front matter; BodyLine is the file line
	// of its first byte.
	Body     []byte
	BodyLine int

	Community *Community // nil for the site
	Group     *Group     // set for records and groups

	// Exactly one of these is set, according to Kind.
	Site         *SiteData
	CommunityM   *CommunityData
	GroupM       *GroupData
	Convention   *Convention
	Photo        *Photo
	Ledger       *Ledger
	Story        *Story
	Deliberation *Deliberation
	Activity     *Activity
}

// Images returns every image the page names in its front matter, in order.
func (p *Page) Images() []Image {
	var out []Image
	add := func(ims ...Image) {
		for _, im := range ims {
			if im.Src != "" {
				out = append(out, im)
			}
		}
	}
	switch {
	case p.GroupM != nil:
		add(p.GroupM.Photo)
	case p.Photo != nil:
		add(p.Photo.Photos...)
	case p.Story != nil:
		for _, pr := range p.Story.Pairs {
			add(pr.Before, pr.After)
		}
	case p.Activity != nil:
		add(p.Activity.Photos...)
	}
	return out
}

// SortDate is the date that places a page in time: its own date, or the
// date its kind is about.
func (p *Page) SortDate() time.Time {
	if !p.Date.IsZero() {
		return p.Date
	}
	switch {
	case p.Convention != nil:
		return p.Convention.Adopted
	case p.Photo != nil:
		return p.Photo.Taken
	case p.Deliberation != nil:
		return p.Deliberation.Meeting
	}
	return time.Time{}
}

// SiteData is the home page's front matter.
type SiteData struct {
	Intro string
}

// CommunityData is a neighbourhood's front matter.
type CommunityData struct {
	Name    string
	Address string
	Order   []string
}

// Member is one person of a group's council.
type Member struct {
	Name string
	Role string
}

// GroupData is a building group's front matter.
type GroupData struct {
	Name string
	// NameLine is the line of the name key, 0 when there is none.
	NameLine   int
	Households int
	Leader     string
	Council    []Member
	Slogan     string
	Brand      string
	Photo      Image
}

// Convention is a building group's agreed rules.
type Convention struct {
	Adopted    time.Time
	Households int
	// Rooms lists the rooms that signed when the volunteer gave a list;
	// Signed is their number, or the count given.
	Rooms  []string
	Signed int
}

// Photo is a family-photo record.
type Photo struct {
	Photos []Image
	Taken  time.Time
	People int
}

// Ledger is an account book's front matter; the entries come from the body
// or a CSV file and are computed by the ledger package.
type Ledger struct {
	Period  string
	Opening ledger.Money
	Closing *ledger.Money
	// ClosingLine is the front matter line of closing, for its message.
	ClosingLine int
	Keeper      string
	Auditor     string
	// CSV is the slash path, relative to content/, of the entries file.
	CSV     string
	CSVLine int
	// Book is filled by the build once the table is read.
	Book *ledger.Book
	// Receipts maps a receipt cell's text to the image it names (a path
	// relative to content/), for the receipts that are pictures.
	Receipts map[string]string
}

// Pair is one before-and-after pair of a story.
type Pair struct {
	Before, After Image
	Caption       string
	// Focus is where the two photos are cropped around so that they line
	// up: "center" (default), "top", "bottom", "left", "right", or "x% y%".
	Focus string
}

// Quote is a resident's words.
type Quote struct {
	Text, By string
}

// Story is a corridor before-and-after story.
type Story struct {
	Pairs    []Pair
	Location string
	Quote    Quote
}

// Stage is a step of the 三上三下 consultation method.
type Stage string

// The stages in order.
const (
	StageCollected Stage = "collected"
	StageDiscussed Stage = "discussed"
	StageAgreed    Stage = "agreed"
	StageDone      Stage = "done"
)

// Stages lists the stages in order.
var Stages = []Stage{StageCollected, StageDiscussed, StageAgreed, StageDone}

// Votes is the result of a vote.
type Votes struct {
	For, Against, Abstain int
	Given                 bool
}

// Deliberation is a consultation on a shared problem.
type Deliberation struct {
	Stage        Stage
	Meeting      time.Time
	Participants []string
	Decision     string
	Votes        Votes
}

// Activity is a group activity with photos.
type Activity struct {
	Photos []Image
}

// Site is the whole content tree.
type Site struct {
	Home        *Page
	Communities []*Community
	// Pages lists every loaded page (site, communities, groups, records) in
	// a stable order: by URL.
	Pages []*Page
}

// Community is a neighbourhood (居民区) and its groups.
type Community struct {
	*Page
	Groups []*Group
}

// Group is a building group (楼组) and its records.
type Group struct {
	*Page
	Records []*Page
}
