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
	out := make([]byte, 0, 400*len(b.Entries))
	money := func(m ledger.Money) {
		out = appendText(out, v.Money(m))
	}
	for _, e := range b.Entries {
		out = append(out, "\n<tr><td>"...)
		if !e.Date.IsZero() {
			out = append(out, `<time datetime="`...)
			out = appendText(out, e.Date.String())
			out = append(out, `">`...)
			out = appendText(out, v.Date(e.Date.Time()))
			out = append(out, "</time>"...)
		}
		out = append(out, "</td><td>"...)
		out = appendText(out, e.Item)
		if b.Categories != nil {
			out = append(out, "</td><td>"...)
			out = appendText(out, e.Category)
		}
		out = append(out, `</td><td class="num">`...)
		if e.Income != 0 {
			money(e.Income)
		}
		out = append(out, `</td><td class="num">`...)
		if e.Expense != 0 {
			money(e.Expense)
		}
		out = append(out, `</td><td class="num">`...)
		money(e.Balance)
		out = append(out, "</td><td>"...)
		out = appendText(out, v.Name(e.By))
		out = append(out, "</td><td>"...)
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

// LedgerChart returns a book's monthly income and expense as an inline SVG
// bar chart in a figure, width × height units; expense bars are hatched so
// that the chart reads without colour. It is empty for a book without dated
// entries.
func (v *View) LedgerChart(b *ledger.Book, width, height int) template.HTML {
	if b == nil || len(b.Months) == 0 {
		return ""
	}
	c := b.Chart(width, height)
	out := make([]byte, 0, 2048+300*len(c.Bars))
	num := func(n int) { out = strconv.AppendInt(out, int64(n), 10) }
	attr := func(name string, n int) {
		out = append(out, ' ')
		out = append(out, name...)
		out = append(out, `="`...)
		num(n)
		out = append(out, '"')
	}
	out = append(out, "\n<figure class=\"chart\">\n<svg viewBox=\"0 0 "...)
	num(c.Width)
	out = append(out, ' ')
	num(c.Height)
	out = append(out, "\" role=\"img\" aria-labelledby=\"chart-t\" class=\"bars\">\n<title id=\"chart-t\">"...)
	out = appendText(out, v.T("ledger.chart"))
	out = append(out, `</title>`+"\n"+`<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern></defs>`...)
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
	out = append(out, "\n</svg>\n<figcaption><span class=\"key income\"></span> "...)
	out = appendText(out, v.T("ledger.income"))
	out = append(out, ` <span class="key expense"></span> `...)
	out = appendText(out, v.T("ledger.expense"))
	out = append(out, "</figcaption>\n</figure>"...)
	return template.HTML(out)
}
