package site

import (
	"bytes"
	"encoding/xml"
	"time"

	"wallpress/generator/content"
)

// sitemap lists every online page with its absolute URL, percent-encoded
// as the sitemap protocol requires.
func (s *siteView) sitemap() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range []string{StoriesURL, BoardURL} {
		s.sitemapLine(&b, u, nil)
	}
	for _, p := range s.pages {
		if line, ok := s.sitemapLines.Load(p); ok {
			b.Write(line.([]byte))
			continue
		}
		start := b.Len()
		s.sitemapLine(&b, p.URL, p)
		s.sitemapLines.Store(p, bytes.Clone(b.Bytes()[start:]))
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func (s *siteView) sitemapLine(b *bytes.Buffer, u string, p *content.Page) {
	b.WriteString("  <url><loc>")
	xml.EscapeText(b, []byte(s.in.Config.BaseURL+content.EscapePath(u)))
	b.WriteString("</loc>")
	if p != nil && !p.SortDate().IsZero() {
		b.WriteString("<lastmod>" + p.SortDate().Format("2006-01-02") + "</lastmod>")
	}
	b.WriteString("</url>\n")
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Links   []atomLink  `xml:"link"`
	Updated string      `xml:"updated"`
	Entries []atomEntry `xml:"entry"`
}

// feedSize is how many of the newest records the feed carries.
const feedSize = 50

// feed is an Atom feed of the newest online records. Dates come from the
// records, never from the clock, so that two builds give the same bytes.
func (s *siteView) feed() ([]byte, error) {
	base := s.in.Config.BaseURL
	id := func(u string) string {
		u = content.EscapePath(u)
		if base != "" {
			return base + u
		}
		// Without a baseURL the feed still has stable ids; links stay relative.
		return "tag:wallpress," + u
	}
	stamp := func(t time.Time) string {
		if t.IsZero() {
			t = s.Newest
		}
		if t.IsZero() {
			t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		return t.UTC().Format(time.RFC3339)
	}
	f := atomFeed{
		Title:   s.SiteTitle,
		ID:      id(""),
		Links:   []atomLink{{Href: base + "feed.xml", Rel: "self"}, {Href: base + "./"}},
		Updated: stamp(s.Newest),
	}
	if base != "" {
		f.Links[1].Href = base
	}
	v := s.view(nil, "")
	for i, r := range s.Records {
		if i == feedSize {
			break
		}
		title := r.Title
		if r.Group != nil {
			title = r.Group.Title + " · " + title
		}
		f.Entries = append(f.Entries, atomEntry{
			Title:   title,
			ID:      id(r.URL),
			Link:    atomLink{Href: base + content.EscapePath(r.URL)},
			Updated: stamp(r.SortDate()),
			Summary: v.Summary(r),
		})
	}
	out, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(append([]byte(xml.Header), out...), '\n'), nil
}
