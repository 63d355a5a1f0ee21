package posters

import (
	"bytes"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"wallpress/generator/content"
	"wallpress/generator/ledger"
)

// The heights below are in em of the body type (.fit's font-size) and
// follow poster.css: font-size × line-height of each block, its padding,
// and the 0.8em gap between the blocks of .fit.

// headingH is a record's title (2.3em, letter-spaced) with its ornament
// and, when set, a subtitle line.
func (v *View) headingH(r room, title string, subtitle bool) float64 {
	h := textH(title, 2.3, 1.25, 0.08, r.w) + 0.8
	if subtitle {
		h += 1.4 + 0.2
	}
	return h
}

// picH is the height in em of a photo box of width w (a fraction of the
// column) and aspect a, with its frame.
func (v *View) picH(r room, w, a float64) float64 {
	return (w*v.ContentW*a*v.scale() + 1.6*v.Geo.Unit()) / r.em
}

// parts decides the sheets of the poster and what each holds, from what it
// knows of the content: rows, articles, pairs and the length of the text
// against the room the frame leaves. What the theme leaves off is returned
// too. Of the type sizes the poster may take, it picks the one that needs
// the fewest sheets, then leaves the least off, then is the largest.
func (v *View) parts() ([]*Part, []LeftOff) {
	var best []*Part
	var bestLeft []LeftOff
	for _, s := range scales {
		parts, left := v.partsAt(s)
		// Fewer sheets first, then less left off, then the larger type.
		if best == nil || len(parts) < len(best) || len(parts) == len(best) && len(left) < len(bestLeft) {
			best, bestLeft = parts, left
		}
		if len(best) == 1 && !sizedLeftOff(bestLeft) {
			// No smaller type can do better: it cannot take fewer
			// sheets, and what is left off whatever the size (a
			// convention's preamble, the seventh photo) stays left off.
			break
		}
	}
	v.rowCells(best)
	for i, l := range bestLeft {
		if l.cut != "" {
			// Looked for only in the layout that was chosen.
			bestLeft[i].Line = cutLine(v.Page, v.source(v.Page), l.cut, l.placed)
		}
	}
	return best, bestLeft
}

// rowCells writes the cells of the ledger rows that were laid out, as the
// table shows them: once, for the wall's copy and the website's alike, and
// read by the template as fields (a table of a hundred rows made some six
// hundred calls through reflection on every sheet).
func (v *View) rowCells(parts []*Part) {
	for _, p := range parts {
		for i := range p.Rows {
			r := &p.Rows[i]
			e := r.Entry
			if e == nil {
				continue
			}
			if !e.Date.IsZero() {
				r.Date = v.ShortDate(e.Date.Time())
			}
			if e.Income != 0 {
				r.Income = v.Amount(e.Income)
			}
			if e.Expense != 0 {
				r.Expense = v.Amount(e.Expense)
			}
			r.Balance = v.Amount(e.Balance)
			r.Negative = e.Balance < 0
		}
	}
}

// cutLine is the line of the record where the text left off at cut (the
// markup of the first piece not printed) starts: where the start of its
// text is found in the record's markdown body src, searched from a point
// that the placed bytes of text before it cannot come before (markdown has
// at least a third of the bytes of the text it makes: “ may come from "),
// so that an earlier sentence of the same words is not taken for it.
// Without a match, the body's first line.
func cutLine(p *content.Page, src []byte, cut string, placed int) int {
	line := max(p.BodyLine, 1)
	frag := cutFragment(plain(cut))
	if frag == "" {
		return line
	}
	from := min(placed/3, len(src))
	i := bytes.Index(src[from:], []byte(frag))
	if i < 0 {
		return line
	}
	return line + bytes.Count(src[:from+i], []byte("\n"))
}

// cutFragment is the start of text as it is likely written in markdown: up
// to 12 characters, up to the first space or character that markdown
// markup might have in between; "" when that is under 2 characters.
func cutFragment(text string) string {
	n, end := 0, 0
	for i, r := range text {
		if n == 12 || unicode.IsSpace(r) || strings.ContainsRune("*_`[]()<>&\\!#|~\"'“”‘’", r) {
			break
		}
		n++
		end = i + utf8.RuneLen(r)
	}
	if n < 2 {
		return ""
	}
	return text[:end]
}

// sizedLeftOff reports whether a smaller type might print something of
// left.
func sizedLeftOff(left []LeftOff) bool {
	for _, l := range left {
		if l.sized {
			return true
		}
	}
	return false
}

// partsAt lays the poster out with its type at scale.
func (v *View) partsAt(scale float64) ([]*Part, []LeftOff) {
	v.zoom = scale
	defer func() { v.zoom = 0 }()
	r := roomOf(v.Geo, scale)
	p := v.Page
	f := newFlow(r)
	var left []LeftOff
	landscape := v.Geo.Landscape()
	lead := func() {
		if v.Page.Summary != "" {
			f.place(textH(v.Page.Summary, 1, 1.55, 0, r.w)).Lead = true
		}
	}
	switch layoutOf(p) {
	case CoverKind:
		d := v.GroupData
		h := 0.0
		if d != nil {
			name := p.Title
			if d.Name != "" {
				name = d.Name
			}
			h += textH(name, 3.1, 1.15, 0.06, r.w) + 0.2
			if d.Brand != "" {
				h += 1.35*1.55 + 0.4 + 0.8
			}
			if d.Slogan != "" {
				h += textH(d.Slogan, 1.45, 1.55, 0, r.w) + 0.25
			}
			side := 3.6 + 0.8
			if n := len(d.Council); n > 0 {
				per := max(1, int((r.w+0.6)/(5.2+0.6)))
				if landscape {
					per = max(1, int((r.w*0.4)/(5.8)))
				}
				side += 1.9 + float64((n+per-1)/per)*(0.7*1.55+1.15*1.3+0.75+0.4)
			}
			photo := 0.0
			if d.Photo.Src != "" {
				photo = v.picH(r, v.Pick(1, 0.52), v.Pick(0.5, 0.68))
			}
			if landscape {
				h += 0.8 + math.Max(photo, side)
			} else {
				h += 0.8 + photo + 0.8 + side
			}
		}
		f.place(h)
		lead()
		// The cover is the group's overview: its introduction is printed
		// when it fits beside the rest, and otherwise read on the web.
		if body := v.Body.HTML; body != "" {
			if v.URL != "" && !f.holds(body) {
				left = append(left, LeftOff{Page: p, Line: max(p.BodyLine, 1), What: "posters.leftOff.body", sized: true})
			} else {
				f.body(body)
			}
		}
	case "convention":
		f.place(v.headingH(r, p.Title, false))
		for i, a := range v.Body.Items {
			part := f.place(textH(plain(string(a)), 1, 1.55, 0, r.w-2) - 0.8 + 0.45)
			if len(part.Articles) == 0 {
				part.Start = i + 1
			}
			part.Articles = append(part.Articles, a)
		}
		c := p.Convention
		rooms := 0.0
		if c != nil && len(c.Rooms) > 0 {
			per := max(1, int((r.w-9)/(0.72*3.4+0.25)))
			rooms = float64((len(c.Rooms)+per-1)/per) * (0.72*1.55 + 0.35)
		}
		f.place(math.Max(2.6*1.05+0.85*1.55, 1.6+rooms) + 1.4)
		// The text around the articles (a preamble, a closing line) is
		// the website's: told, not dropped without a word.
		if plain(string(v.BodyText())) != "" {
			left = append(left, LeftOff{Page: p, Line: max(p.BodyLine, 1), What: "posters.leftOff.conventionText"})
		}
	case "ledger":
		if plain(string(v.BodyText())) != "" {
			left = append(left, LeftOff{Page: p, Line: max(p.BodyLine, 1), What: "posters.leftOff.ledgerText"})
		}
		f.place(v.headingH(r, v.T("poster.noticeTitle"), true))
		l := p.Ledger
		if l != nil && l.Book != nil {
			b := l.Book
			f.place(0.75*1.55 + 1.4*1.3 + 0.8)
			f.place(0.65*1.55 - 0.6)
			spans := spansYears(b)
			// The table's column for the item is what is left beside
			// the date and the three amounts.
			itemW := r.w/0.82 - 22
			labelH := 0.82 * (1.35 + 0.5)
			rowH := func(e *ledger.Entry) float64 {
				n := max(1, lines(e.Item, 1, 0, itemW))
				return 0.82*(1.35*float64(n)+0.36) + 0.05
			}
			var cur *Part
			year := 0
			for i := range b.Entries {
				e := &b.Entries[i]
				h := rowH(e)
				newYear := spans && e.Date.Year != 0 && e.Date.Year != year
				if newYear {
					h += labelH
				}
				if cur == nil || !f.fits(h-0.8) {
					// A new table, with its head: on this sheet or the
					// next; a sheet's table names its year again.
					next := f.place(labelH + h)
					if next != cur && spans && !newYear && year != 0 {
						next.Rows = append(next.Rows, LedgerRow{Year: year, Again: true})
						f.left -= labelH
					}
					cur = next
				} else {
					f.left -= h
				}
				if newYear {
					year = e.Date.Year
					cur.Rows = append(cur.Rows, LedgerRow{Year: year})
				}
				cur.Rows = append(cur.Rows, LedgerRow{Entry: e})
			}
			// The chart goes on the last sheet when there is room for it;
			// otherwise the theme leaves it off and says where to see it.
			const chartH = 9.6
			const tailH = 2.4 + 0.8 + 1.2
			if len(b.Months) > 0 {
				switch {
				case f.fits(chartH + tailH + 0.8):
					f.place(chartH).Chart = true
				case v.URL == "":
					// Without a web page to point to, the chart takes
					// a sheet of its own rather than go.
					f.place(chartH).Chart = true
				default:
					left = append(left, LeftOff{Page: p, Line: tableLine(l), What: "posters.leftOff.chart", sized: true})
				}
			}
		}
		f.place(2.4)
		f.place(1.2)
	case "story":
		s := p.Story
		f.place(v.headingH(r, p.Title, s != nil && s.Location != ""))
		if s != nil {
			a := v.PairAspect(len(s.Pairs))
			for _, pr := range s.Pairs {
				h := v.picH(r, v.PairWidth(), a) - 1.6*v.Geo.Unit()/r.em
				if pr.Caption != "" {
					h += 0.3 + textH(pr.Caption, 0.72, 1.55, 0, r.w)
				}
				part := f.place(h)
				part.Pairs = append(part.Pairs, pr)
			}
		}
		lead()
		f.body(v.Body.HTML)
		if s != nil && s.Quote.Text != "" {
			q := textH(s.Quote.Text, 1.1, 1.55, 0, r.w-3.4) + 1.3*1.1
			if s.Quote.By != "" {
				q += 0.85*1.55*1.1 + 0.3
			}
			f.place(q)
		}
	case "activity":
		a := p.Activity
		h := v.headingH(r, p.Title, !p.Date.IsZero())
		if a != nil {
			ims := v.Pics(a.Photos, len(a.Photos))
			if len(ims) > maxCollage {
				left = append(left, LeftOff{Page: p, Line: ims[maxCollage].Line, What: "posters.leftOff.photos"})
				ims = ims[:maxCollage]
			}
			h += 0.8 + v.collageH(r, len(ims))
		}
		f.place(h)
		lead()
		f.body(v.Body.HTML)
	case "photo":
		h := v.headingH(r, p.Title, false) + 0.8
		ph := p.Photo
		pic := 0.0
		if ph != nil {
			if ims := v.Pics(ph.Photos, 1); len(ims) > 0 {
				if info, ok := v.photos[ims[0].Src]; ok && info.Width > 0 {
					w := v.Pick(1.0, 0.6)
					a := math.Min(float64(info.Height)/float64(info.Width), v.Pick(0.72, 0.62))
					pic = v.picH(r, w, a) + 0.5
					if ims[0].Caption != "" {
						pic += 1.4
					}
				}
			}
		}
		text := 3.6 + 0.7
		if p.Summary != "" {
			text += textH(p.Summary, 1, 1.55, 0, v.Pick(r.w, r.w*0.38))
		}
		if landscape {
			h += math.Max(pic, text)
		} else {
			h += pic + 0.8 + text
		}
		f.place(h)
		f.body(v.Body.HTML)
	case "deliberation":
		d := p.Deliberation
		f.place(v.headingH(r, p.Title, d != nil && !d.Meeting.IsZero()))
		f.place(0.95*1.55 + 0.7*1.55 + 0.65)
		if p.Summary != "" {
			f.place(1.9 + textH(p.Summary, 1, 1.55, 0, r.w))
		}
		if d != nil {
			h := 1.1 + 1.9 + 0.1
			if d.Decision != "" {
				h += textH(d.Decision, 1.15, 1.55, 0, r.w-1.6)
			} else {
				h += 1.55
			}
			if d.Votes.Given {
				h += 1.8*1.55 + 0.4
			}
			f.place(h)
			if n := len(d.Participants); n > 0 {
				em := 0.0
				for _, s := range d.Participants {
					em += (textEm(s) + 1.2) * 0.85
				}
				f.place(1.9 + math.Ceil(em/(r.w*0.85))*(0.85*1.55+0.4))
			}
		}
		f.body(v.Body.HTML)
	default:
		f.body(v.Body.HTML)
	}
	if f.cut != "" {
		// The text ran past the sheets it may take: the rest is read on
		// the web page, or not at all for the wall only; said either way.
		l := LeftOff{Page: p, Line: max(p.BodyLine, 1), What: "posters.leftOff.text", sized: true, cut: f.cut, placed: f.placed}
		if v.URL == "" {
			l.What, l.Hint = "posters.leftOff.textWall", "posters.leftOff.textWall.hint"
		}
		left = append(left, l)
	}
	parts := f.done()
	for _, pt := range parts {
		pt.Scale = scale
		pt.LeftOff = len(left) > 0
	}
	return parts, left
}

// collageH is the height of an activity's collage of n photos, as
// View.collage lays them out.
func (v *View) collageH(r room, n int) float64 {
	if n == 0 {
		return 0
	}
	gap := 0.02 * v.ContentW * v.scale() / r.em
	h := 0.0
	if v.Geo.Landscape() {
		w, a := v.collage(n, 0)
		per := int(1 / (w + 0.02))
		rows := (n + per - 1) / per
		return float64(rows)*(w*v.ContentW*a*v.scale())/r.em + float64(rows-1)*gap
	}
	i := 0
	rows := 0
	for i < n {
		w, a := v.collage(n, i)
		h += w * v.ContentW * a * v.scale() / r.em
		rows++
		if w > 0.5 {
			i++
		} else {
			i += 2
		}
	}
	return h + float64(rows-1)*gap
}

// tableLine is the line of the record that holds a ledger's table: its
// csv key, or the table's head.
func tableLine(l *content.Ledger) int {
	if l.CSV != "" || len(l.Book.Entries) == 0 {
		return max(l.CSVLine, 1)
	}
	return max(l.Book.Entries[0].Line-2, 1)
}

// spansYears reports whether a book's dated entries fall in more than one
// year, when its rows need the year besides month and day.
func spansYears(b *ledger.Book) bool {
	y := 0
	for _, e := range b.Entries {
		if e.Date.Year == 0 {
			continue
		}
		if y != 0 && e.Date.Year != y {
			return true
		}
		y = e.Date.Year
	}
	return false
}

// SheetMark is the mark of a sheet of a poster with several: "续 2/3".
func (v *View) SheetMark() string {
	if !v.Part.Continued() {
		return ""
	}
	if v.Part.N == 1 {
		return v.T("poster.sheetFirst", "n", v.Part.N, "of", v.Part.Of)
	}
	return v.T("poster.sheetCont", "n", v.Part.N, "of", v.Part.Of)
}
