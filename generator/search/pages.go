package search

import (
	"strings"
	"sync"
)

// Page is what the index takes from a page besides its text: every field as
// the website publishes it (names masked).
type Page struct {
	// URL is the page's site path ("a/b/"); its file is URL+"index.html".
	URL string
	// Title, Kind, Group and Community are shown in the results.
	Title, Kind, Group, Community string
	// Summary is published in the page's share card and on the lists of
	// records, though not always on the page: it says what the page is
	// about, and is indexed with its text.
	Summary string
	// Name says that the title is a name people search for (a group's
	// or a neighbourhood's).
	Name bool
}

// Pages gathers the documents of an index from pages as they are written,
// from any number of goroutines: the text is read from each page's bytes
// as published, so that the index holds exactly what the website shows. A
// page that is not written (wall-only, a draft) is not indexed.
type Pages struct {
	byFile map[string]*Page
	// builder indexes the pages of a whole build as they are written;
	// without it (an update) the documents are kept for Index.Update.
	builder *Builder
	mu      sync.Mutex
	docs    []Doc
}

// NewPages starts gathering the documents of pages. whole says that every
// page is to be written (a build, not an update): the index is then built
// as they come.
func NewPages(pages []Page, whole bool) *Pages {
	c := &Pages{byFile: make(map[string]*Page, len(pages))}
	urls := make([]string, len(pages))
	for i := range pages {
		c.byFile[pages[i].URL+"index.html"] = &pages[i]
		urls[i] = pages[i].URL
	}
	if whole {
		c.builder = NewBuilder(urls)
	}
	return c
}

// Add takes a written file, published as its bytes. In a whole build it
// returns the page's file of the index, to be written with the pages
// (name "" for none). A nil Pages takes nothing.
func (c *Pages) Add(file string, published []byte) (name string, data []byte) {
	if c == nil {
		return "", nil
	}
	p := c.byFile[file]
	if p == nil {
		return "", nil
	}
	d := Doc{URL: p.URL, Title: p.Title, Kind: p.Kind, Group: p.Group, Community: p.Community, Name: p.Name, Text: PageText(published)}
	if sum := strings.TrimSpace(p.Summary); sum != "" && !strings.Contains(d.Text, sum) {
		d.Text = sum + "\n" + d.Text
	}
	if c.builder != nil {
		if name, data, ok := c.builder.Add(d); ok {
			return name, data
		}
		return "", nil
	}
	c.mu.Lock()
	c.docs = append(c.docs, d)
	c.mu.Unlock()
	return "", nil
}

// Index ends a whole build's index (nil for an update).
func (c *Pages) Index() *Index {
	if c.builder == nil {
		return nil
	}
	return c.builder.Index(0)
}

// Docs are an update's documents, for Index.Update.
func (c *Pages) Docs() []Doc { return c.docs }
