package ledger

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	d := func(y int, m time.Month, day int) Date { return Date{y, m, day} }
	tests := []struct {
		in   string
		want Date
	}{
		{"2024-03-15", d(2024, 3, 15)},
		{"2024-3-5", d(2024, 3, 5)},
		{"2024/3/15", d(2024, 3, 15)},
		{"2024/03/05", d(2024, 3, 5)},
		{"2024.3.15", d(2024, 3, 15)},
		{"2024年3月15日", d(2024, 3, 15)},
		{"2024年03月05日", d(2024, 3, 5)},
		{"2024年3月15号", d(2024, 3, 15)},
		{"2024年3月15", d(2024, 3, 15)},
		{"2024 年 3 月 15 日", d(2024, 3, 15)},
		{"２０２４－０３－１５", d(2024, 3, 15)},
		{"２０２４年３月１５日", d(2024, 3, 15)},
		{"２０２４／３／１５", d(2024, 3, 15)},
		{"２０２４．３．１５", d(2024, 3, 15)},
		{"  2024-03-15\u3000", d(2024, 3, 15)},
		{"\uFEFF2024-03-15", d(2024, 3, 15)},
		{"2024/3/15 0:00", d(2024, 3, 15)},
		{"2024/3/15 10:30:00", d(2024, 3, 15)},
		{"2024年3月15日 9:00", d(2024, 3, 15)},
		{"2024-02-29", d(2024, 2, 29)},
		{"2000-02-29", d(2000, 2, 29)},
		{"2024-12-31", d(2024, 12, 31)},
		{"1900-01-01", d(1900, 1, 1)},
		{"2100-12-31", d(2100, 12, 31)},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDateRejects(t *testing.T) {
	tests := []struct {
		in, reason string
	}{
		{"", ReasonEmpty},
		{"  ", ReasonEmpty},
		{"2024-02-30", ReasonImpossible},
		{"2023-02-29", ReasonImpossible},
		{"1900-02-29", ReasonImpossible},
		{"2024-04-31", ReasonImpossible},
		{"2024-13-01", ReasonImpossible},
		{"2024-00-10", ReasonImpossible},
		{"2024-01-00", ReasonImpossible},
		{"2024年2月30日", ReasonImpossible},
		{"2204-03-15", ReasonYear},
		{"1024-03-15", ReasonYear},
		{"24-03-15", ReasonFormat},
		{"3/15/2024", ReasonFormat},
		{"15.3.2024", ReasonFormat},
		{"20240315", ReasonFormat},
		{"2024-03", ReasonFormat},
		{"2024-03-15-01", ReasonFormat},
		{"2024-3/15", ReasonFormat},
		{"2024-003-15", ReasonFormat},
		{"2024-03-1a", ReasonFormat},
		{"2024年3月", ReasonFormat},
		{"二〇二四年三月十五日", ReasonFormat},
		{"2024-03-15 morning", ReasonFormat},
		{"2024-03-15 25", ReasonFormat},
		{"March 15, 2024", ReasonFormat},
		{"今天", ReasonFormat},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		var de *DateError
		if !errors.As(err, &de) {
			t.Errorf("ParseDate(%q) = %v, %v; want a *DateError %s", tt.in, got, err, tt.reason)
			continue
		}
		if de.Reason != tt.reason || de.Text != tt.in {
			t.Errorf("ParseDate(%q): error %+v; want reason %s naming the cell", tt.in, *de, tt.reason)
		}
	}
}

func TestDateMethods(t *testing.T) {
	d := Date{2024, 3, 5}
	if d.String() != "2024-03-05" {
		t.Errorf("String = %q", d.String())
	}
	if want := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC); !d.Time().Equal(want) || d.Time().Location() != time.UTC {
		t.Errorf("Time = %v; want %v", d.Time(), want)
	}
	if d.IsZero() || !(Date{}).IsZero() {
		t.Error("IsZero wrong")
	}
	if d.Compare(Date{2024, 3, 6}) != -1 || d.Compare(Date{2023, 12, 31}) != 1 || d.Compare(d) != 0 {
		t.Error("Compare wrong")
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-15", "2024/3/15", "2024.3.15", "2024年3月15日", "２０２４－０３－１５",
		"2024-02-30", "2024/3/15 0:00", "2024 年 3 月 15 日", "24-3-15"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			var de *DateError
			if !errors.As(err, &de) || de.Text != s || !d.IsZero() {
				t.Fatalf("ParseDate(%q) = %v, %v", s, d, err)
			}
			return
		}
		// A date that parses is a real day, and its String reads back.
		tm := d.Time()
		if tm.Year() != d.Year || tm.Month() != d.Month || tm.Day() != d.Day {
			t.Fatalf("ParseDate(%q) = %v, which is not a real day", s, d)
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v; String %q re-parses to %v, %v", s, d, d.String(), back, err)
		}
	})
}
