package ledger

import (
	"math"
	"reflect"
	"testing"
	"time"
)

func TestChart(t *testing.T) {
	b := &Book{Months: []MonthTotal{
		{2024, 1, 60000, 8650}, {2024, 2, 0, 0}, {2024, 3, 30000, 1200}, {2024, 4, 0, 10050},
	}}
	c := b.Chart(600, 240)
	// Ticks every 200 yuan up to 600; the widest label "600.00" is 6
	// characters, so the plot starts at 6*7+10.
	if c.Width != 600 || c.Height != 240 || c.Max != 60000 || c.Plot != (Rect{52, 10, 540, 196}) {
		t.Errorf("chart %dx%d max %v plot %+v", c.Width, c.Height, c.Max, c.Plot)
	}
	if want := []Tick{{206, 0}, {141, 20000}, {76, 40000}, {10, 60000}}; !reflect.DeepEqual(c.Ticks, want) {
		t.Errorf("ticks %v; want %v", c.Ticks, want)
	}
	want := []Bar{
		{X: 72, Y: 10, Width: 47, Height: 196, Kind: "income", Year: 2024, Month: 1, Value: 60000},
		{X: 119, Y: 178, Width: 47, Height: 28, Kind: "expense", Year: 2024, Month: 1, Value: 8650},
		{X: 342, Y: 108, Width: 47, Height: 98, Kind: "income", Year: 2024, Month: 3, Value: 30000},
		{X: 389, Y: 203, Width: 47, Height: 3, Kind: "expense", Year: 2024, Month: 3, Value: 1200},
		{X: 524, Y: 174, Width: 47, Height: 32, Kind: "expense", Year: 2024, Month: 4, Value: 10050},
	}
	if !reflect.DeepEqual(c.Bars, want) {
		t.Errorf("bars\n%+v\nwant\n%+v", c.Bars, want)
	}
	wantMonths := []MonthLabel{
		{X: 119, Year: 2024, Month: 1, Show: true, ShowYear: true},
		{X: 254, Year: 2024, Month: 2, Show: true},
		{X: 389, Year: 2024, Month: 3, Show: true},
		{X: 524, Year: 2024, Month: 4, Show: true},
	}
	if !reflect.DeepEqual(c.Months, wantMonths) || c.LabelY != 222 || c.YearY != 236 {
		t.Errorf("months %+v (y %d, %d)", c.Months, c.LabelY, c.YearY)
	}
}

func TestChartManyMonthsAndEdges(t *testing.T) {
	var b Book
	for i := range 36 {
		b.Months = append(b.Months, MonthTotal{Year: 2023 + i/12, Month: time.Month(i%12 + 1), Income: Money(i * 100), Expense: 1})
	}
	c := b.Chart(400, 200)
	var shown, years []int
	for i, m := range c.Months {
		if m.Show {
			shown = append(shown, i)
		}
		if m.ShowYear {
			years = append(years, m.Year)
			if !m.Show {
				t.Errorf("month %d: year shown without its month", i)
			}
		}
	}
	// 36 months in 347 units is 9 a month: every 4th label fits.
	if len(shown) != 9 || shown[1] != 4 {
		t.Errorf("shown labels %v", shown)
	}
	if !reflect.DeepEqual(years, []int{2023, 2024, 2025}) {
		t.Errorf("years labelled %v", years)
	}
	for _, bar := range c.Bars {
		if bar.Height < 1 || bar.Y+bar.Height != c.Plot.Y+c.Plot.Height || bar.X < c.Plot.X || bar.X+bar.Width > c.Plot.X+c.Plot.Width {
			t.Errorf("bar outside the plot: %+v in %+v", bar, c.Plot)
		}
	}

	// No months: an axis and nothing else. Nil book, silly sizes: no panic.
	empty := (&Book{}).Chart(300, 100)
	if len(empty.Bars) != 0 || len(empty.Months) != 0 || len(empty.Ticks) != 2 || empty.Max != 100 {
		t.Errorf("empty chart %+v", empty)
	}
	for _, size := range [][2]int{{0, 0}, {-5, 10}, {10, -5}, {math.MaxInt, math.MaxInt}, {3, 3}} {
		c := b.Chart(size[0], size[1])
		if c.Plot.Width < 0 || c.Plot.Height < 0 || c.Width > chartMaxSize {
			t.Errorf("size %v: chart %+v", size, c.Plot)
		}
	}
	var nilBook *Book
	if c := nilBook.Chart(100, 100); len(c.Bars) != 0 {
		t.Error("nil book has bars")
	}
}

func TestTickStep(t *testing.T) {
	tests := []struct {
		top        Money
		step       Money
		n          int
		wantAxisAt Money
	}{
		{0, 100, 1, 100},
		{1, 100, 1, 100},
		{100, 100, 1, 100},
		{101, 100, 2, 200},
		{60000, 20000, 3, 60000},
		{60001, 20000, 4, 80000},
		{123456, 50000, 3, 150000},
		{math.MaxInt64, math.MaxInt64 / 5, 5, math.MaxInt64},
	}
	for _, tt := range tests {
		step, n, axis := tickStep(tt.top)
		if step != tt.step || n != tt.n || axis != tt.wantAxisAt {
			t.Errorf("tickStep(%d) = %d, %d, %d; want %d, %d, %d", tt.top, step, n, axis, tt.step, tt.n, tt.wantAxisAt)
		}
	}
}
