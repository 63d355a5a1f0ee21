package site

import (
	"html/template"
	"strconv"

	"wallpress/generator/content"
	"wallpress/generator/ledger"
)

// An account book is the largest page of a site: ~40 rows of 8 cells and a
// chart of two bars a month. Written as template actions it cost 1.5 ms a
// page, a third of a sub-district's build, because every action is a
// reflective call; so the rows and the chart are written here, and the
// layout keeps the table's frame, headings and summaries.

// LedgerRows returns the rows of a book's table, one <tr> per entry, each
// after a newline: date, item, category (when the book has categories),
// income, expense, balance, who, and a note cell holding the note, the
// extra columns and the receipt (a thumbnail when it names a picture).
func (v *View) LedgerRows(l *content.Ledger) template.HTML {
	if l == nil || l.Book == nil {
		return ""
	}
	b := l.Book
	out := make([]byte, 0, 500*len(b.Entries))
	money := func(m ledger.Money) {
		out = appendText(out, v.Money(m))
	}
	// Each cell carries its column's name: below 600 px the stylesheet
	// stacks a row into a card and shows the names the hidden header
	// would.
	labels := map[string]string{}
	for _, col := range []string{"date", "item", "category", "income", "expense", "balance", "by", "note"} {
		labels[col] = string(appendText(nil, v.T("ledger.col."+col)))
	}
	cell := func(class, col string) {
		out = append(out, `<td class="`...)
		out = append(out, class...)
		out = append(out, `" data-label="`...)
		out = append(out, labels[col]...)
		out = append(out, `">`...)
	}
	for _, e := range b.Entries {
		out = append(out, "\n<tr>"...)
		cell("date", "date")
		if !e.Date.IsZero() {
			out = append(out, `<time datetime="`...)
			out = appendText(out, e.Date.String())
			out = append(out, `">`...)
			out = appendText(out, v.Date(e.Date.Time()))
			out = append(out, "</time>"...)
		}
		out = append(out, "</td>"...)
		cell("item", "item")
		out = appendText(out, e.Item)
		if b.Categories != nil {
			out = append(out, "</td>"...)
			cell("cat", "category")
			out = appendText(out, e.Category)
		}
		out = append(out, "</td>"...)
		cell("num in", "income")
		if e.Income != 0 {
			money(e.Income)
		}
		out = append(out, "</td>"...)
		cell("num out", "expense")
		if e.Expense != 0 {
			money(e.Expense)
		}
		out = append(out, "</td>"...)
		cell("num bal", "balance")
		money(e.Balance)
		out = append(out, "</td>"...)
		cell("by", "by")
		out = appendText(out, v.Name(e.By))
		out = append(out, "</td>"...)
		cell("note", "note")
		out = appendText(out, e.Note)
		for _, f := range e.Extra {
			if f.Value != "" {
				out = append(out, ' ')
				out = appendText(out, f.Name)
				out = append(out, "："...)
				out = appendText(out, f.Value)
			}
		}
		if e.Receipt != "" {
			if p := v.ReceiptPic(l, e.Receipt); p != nil {
				out = append(out, ` <a class="receipt-pic" href="`...)
				out = appendURL(out, p.Full)
				out = append(out, `"><img src="`...)
				out = appendURL(out, p.Src)
				out = append(out, `" width="`...)
				out = strconv.AppendInt(out, int64(p.Width), 10)
				out = append(out, `" height="`...)
				out = strconv.AppendInt(out, int64(p.Height), 10)
				out = append(out, `" alt="`...)
				out = appendText(out, p.Alt)
				out = append(out, `" loading="lazy" decoding="async"></a>`...)
			} else {
				out = append(out, ` <span class="receipt">`...)
				out = appendText(out, v.T("ledger.receipt"))
				out = appendText(out, e.Receipt)
				out = append(out, "</span>"...)
			}
		}
		out = append(out, "</td></tr>"...)
	}
	return template.HTML(out)
}

// LedgerChart returns a book's monthly income and expense as inline SVG bar
// charts in a figure; expense bars are hatched so that the chart reads
// without colour. It is empty for a book without dated entries. The chart
// is drawn width × height units for wide screens and, when phoneWidth > 0,
// once more phoneWidth units wide for phones (the stylesheet shows one):
// an SVG scales its text with its width, so one drawn for a desktop would
// print its labels at half size on a phone.
func (v *View) LedgerChart(b *ledger.Book, width, height, phoneWidth int) template.HTML {
	if b == nil || len(b.Months) == 0 {
		return ""
	}
	out := make([]byte, 0, 8192)
	out = append(out, "\n<figure class=\"chart\">"...)
	out = v.appendChart(out, b, width, height, "wide")
	if phoneWidth > 0 && phoneWidth != width {
		out = v.appendChart(out, b, phoneWidth, height, "phone")
	}
	out = append(out, "\n<figcaption><span class=\"key income\"></span> "...)
	out = appendText(out, v.T("ledger.income"))
	out = append(out, ` <span class="key expense"></span> `...)
	out = appendText(out, v.T("ledger.expense"))
	out = append(out, "</figcaption>\n</figure>"...)
	return template.HTML(out)
}

// chartUnitH is the band above the plot that holds the unit of the axis.
const chartUnitH = 16

// appendChart appends one SVG of the chart, width × height units plus the
// unit's band, with the class given; its ids end in the width so that two
// charts of one page do not share them.
func (v *View) appendChart(out []byte, b *ledger.Book, width, height int, class string) []byte {
	c := b.Chart(width, height)
	num := func(n int) { out = strconv.AppendInt(out, int64(n), 10) }
	attr := func(name string, n int) {
		out = append(out, ' ')
		out = append(out, name...)
		out = append(out, `="`...)
		num(n)
		out = append(out, '"')
	}
	out = append(out, "\n<svg viewBox=\"0 0 "...)
	num(c.Width)
	out = append(out, ' ')
	num(c.Height + chartUnitH)
	out = append(out, "\" role=\"img\" aria-labelledby=\"chart-t-"...)
	num(width)
	out = append(out, `" class="bars `...)
	out = append(out, class...)
	out = append(out, "\">\n<title id=\"chart-t-"...)
	num(width)
	out = append(out, `">`...)
	out = appendText(out, v.T("ledger.chart"))
	out = append(out, `</title>`+"\n"+`<defs><pattern id="hatch-`...)
	num(width)
	out = append(out, `" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>`...)
	out = append(out, "\n<text class=\"unit\""...)
	attr("x", c.Plot.X-6)
	attr("y", chartUnitH-2)
	out = append(out, ` text-anchor="end">`...)
	out = appendText(out, v.T("ledger.chartUnit"))
	out = append(out, "</text>\n<g transform=\"translate(0 "...)
	num(chartUnitH)
	out = append(out, ")\">"...)
	for _, t := range c.Ticks {
		out = append(out, "\n<line class=\"grid\""...)
		attr("x1", c.Plot.X)
		attr("x2", c.Plot.X+c.Plot.Width)
		attr("y1", t.Y)
		attr("y2", t.Y)
		out = append(out, "/>\n<text class=\"tick\""...)
		attr("x", c.Plot.X-6)
		attr("y", t.Y+4)
		out = append(out, ` text-anchor="end">`...)
		out = appendText(out, t.Value.String())
		out = append(out, "</text>"...)
	}
	for _, r := range c.Bars {
		out = append(out, "\n<rect class=\"bar "...)
		out = appendText(out, r.Kind)
		out = append(out, '"')
		if r.Kind == "expense" {
			out = append(out, ` fill="url(#hatch-`...)
			num(width)
			out = append(out, `)"`...)
		}
		attr("x", r.X)
		attr("y", r.Y)
		attr("width", r.Width)
		attr("height", r.Height)
		out = append(out, "><title>"...)
		out = appendText(out, v.Month(r.Year, r.Month))
		out = append(out, ' ')
		out = appendText(out, v.T("ledger."+r.Kind))
		out = append(out, ' ')
		out = appendText(out, v.Money(r.Value))
		out = append(out, "</title></rect>"...)
	}
	for _, m := range c.Months {
		if !m.Show {
			continue
		}
		out = append(out, "\n<text class=\"month\""...)
		attr("x", m.X)
		attr("y", c.LabelY)
		out = append(out, ` text-anchor="middle">`...)
		out = appendText(out, v.ShortMonth(m.Month))
		out = append(out, "</text>"...)
		if m.ShowYear {
			out = append(out, `<text class="year"`...)
			attr("x", m.X)
			attr("y", c.YearY)
			out = append(out, ` text-anchor="middle">`...)
			num(m.Year)
			out = append(out, "</text>"...)
		}
	}
	out = append(out, "\n</g>\n</svg>"...)
	return out
}
