package ledger

import (
	"math"
	"math/bits"
	"time"
)

// Chart is the geometry of a bar chart of monthly income and expense, for a
// template to draw as inline SVG with viewBox="0 0 Width Height". It is data,
// not markup, so the theme decides colours, fonts and words. Coordinates are
// whole units; y grows downwards as in SVG.
type Chart struct {
	Width, Height int
	// Plot is the area the bars stand in; the zero line is its bottom edge
	// (Plot.Y + Plot.Height).
	Plot Rect
	// Max is the amount at the top of the plot, a round number at or above
	// the largest bar.
	Max Money
	// Bars has an income and an expense bar per month; bars of zero are
	// left out.
	Bars []Bar
	// Ticks are the value axis marks from zero up to Max, bottom first. Their
	// labels are meant to end at Plot.X - 6, in a 12-unit font.
	Ticks []Tick
	// Months has one label per month, in order.
	Months []MonthLabel
	// LabelY is the text baseline of the month labels and YearY that of the
	// year labels under them.
	LabelY, YearY int
}

// Rect is an axis-aligned rectangle.
type Rect struct {
	X, Y, Width, Height int
}

// Bar is one bar of the chart.
type Bar struct {
	X, Y, Width, Height int
	// Kind is "income" or "expense", for the CSS class.
	Kind  string
	Year  int
	Month time.Month
	Value Money
}

// Tick is a value axis mark: a grid line at Y labelled with Value.
type Tick struct {
	Y     int
	Value Money
}

// MonthLabel places a month's name under its pair of bars.
type MonthLabel struct {
	// X is the centre of the month's slot (text-anchor: middle).
	X     int
	Year  int
	Month time.Month
	// Show is false for labels left out so that neighbours do not overlap
	// when there are many months.
	Show bool
	// ShowYear marks the first shown label and every shown label in a new
	// year, where the year goes under the month.
	ShowYear bool
}

// Layout of the chart, in viewBox units, for labels in a 12-unit font.
const (
	chartTop      = 10 // half a label above the top tick
	chartRight    = 8
	chartBottom   = 34 // a line of months and a line of years
	chartCharW    = 7  // width of a digit or comma, generously
	chartTickGap  = 10 // between a tick label and the plot
	chartLabelGap = 32 // least distance between month label centres
	chartMaxSize  = 1 << 16
)

// Chart lays out the bar chart of b.Months in a width × height viewBox.
// A book without dated entries gives a chart with no months and no bars.
func (b *Book) Chart(width, height int) Chart {
	width = min(max(width, 0), chartMaxSize)
	height = min(max(height, 0), chartMaxSize)
	c := Chart{Width: width, Height: height}
	var months []MonthTotal
	if b != nil {
		months = b.Months
	}

	var top Money
	for _, m := range months {
		top = max(top, m.Income, m.Expense)
	}
	step, n, axis := tickStep(top)
	c.Max = axis

	labelW := 0
	for i := 0; i <= n; i++ {
		labelW = max(labelW, len(Money(int64(step)*int64(i)).String()))
	}
	c.Plot.X = min(labelW*chartCharW+chartTickGap, width)
	c.Plot.Y = min(chartTop, height)
	c.Plot.Width = max(width-c.Plot.X-chartRight, 0)
	c.Plot.Height = max(height-c.Plot.Y-chartBottom, 0)
	base := c.Plot.Y + c.Plot.Height
	c.LabelY = base + 16
	c.YearY = base + 30

	scale := func(v Money) int {
		if c.Max <= 0 || v <= 0 {
			return 0
		}
		// v ≤ Max, so v*H/Max fits; the product may not fit in 64 bits.
		hi, lo := bits.Mul64(uint64(v), uint64(c.Plot.Height))
		q, _ := bits.Div64(hi, lo, uint64(c.Max))
		return int(q)
	}
	for i := 0; i <= n; i++ {
		v := Money(int64(step) * int64(i))
		c.Ticks = append(c.Ticks, Tick{Y: base - scale(v), Value: v})
	}

	if len(months) == 0 {
		return c
	}
	every := 1
	if w := c.Plot.Width / len(months); w < chartLabelGap {
		every = chartLabelGap/max(w, 1) + 1
	}
	lastYear := 0
	for i, m := range months {
		x0 := c.Plot.X + c.Plot.Width*i/len(months)
		x1 := c.Plot.X + c.Plot.Width*(i+1)/len(months)
		slot := x1 - x0
		pad := slot * 15 / 100
		barW := (slot - 2*pad) / 2
		if barW < 1 && slot >= 2 {
			barW, pad = 1, 0
		}
		for k, v := range []Money{m.Income, m.Expense} {
			if v <= 0 || barW < 1 {
				continue
			}
			h := max(scale(v), 1) // a small amount is still visible
			kind := "income"
			if k == 1 {
				kind = "expense"
			}
			c.Bars = append(c.Bars, Bar{
				X: x0 + pad + k*barW, Y: base - h, Width: barW, Height: h,
				Kind: kind, Year: m.Year, Month: m.Month, Value: v,
			})
		}
		l := MonthLabel{X: (x0 + x1) / 2, Year: m.Year, Month: m.Month, Show: i%every == 0}
		if l.Show && m.Year != lastYear {
			l.ShowYear, lastYear = true, m.Year
		}
		c.Months = append(c.Months, l)
	}
	return c
}

// tickStep returns a round step (1, 2 or 5 times a power of ten yuan), the
// number of steps, at most 5, and the top of the axis, at or above top. A
// top of zero gives one step of one yuan, so an empty chart still has an
// axis.
func tickStep(top Money) (step Money, n int, axis Money) {
	t := uint64(max(top, 0))
	for s := uint64(100); s <= math.MaxInt64; s *= 10 {
		for _, f := range []uint64{1, 2, 5} {
			st := s * f
			if st > math.MaxInt64 {
				break
			}
			k := max((t+st-1)/st, 1) // t, st < 2⁶³: the sum fits
			if k <= 5 && st <= math.MaxInt64/k {
				return Money(st), int(k), Money(st * k)
			}
		}
	}
	// Only totals near the limit of Money get here; the ticks stop below
	// the top.
	return top / 5, 5, top
}
