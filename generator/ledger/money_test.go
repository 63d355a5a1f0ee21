package ledger

import (
	"errors"
	"math"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want Money
	}{
		{"", 0},
		{"   ", 0},
		{"\u3000", 0},
		{"0", 0},
		{"0.00", 0},
		{"12", 1200},
		{"12.5", 1250},
		{"12.50", 1250},
		{"12.05", 1205},
		{"12.", 1200},
		{".5", 50},
		{"0.01", 1},
		{"007", 700},
		{"1,234.50", 123450},
		{"1,234", 123400},
		{"12,345,678.90", 1234567890},
		{"¥12", 1200},
		{"￥12", 1200},
		{"¥ 12.00", 1200},
		{"12元", 1200},
		{"12 元", 1200},
		{"100元整", 10000},
		{"¥1,200.00元", 120000},
		{"+600", 60000},
		{"１２．５", 1250},
		{"１，２３４．５０", 123450},
		{"１２３４", 123400},
		{"12。5", 1250},
		{"  86.50  ", 8650},
		{"\t86.50\r", 8650},
		{"\uFEFF86.50", 8650},
		{"92,233,720,368,547,758.07", math.MaxInt64},
		{"92233720368547758.07", math.MaxInt64},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestParseMoneyRejects(t *testing.T) {
	tests := []struct {
		in, reason string
	}{
		{"12.345", ReasonDecimals},
		{"0.001", ReasonDecimals},
		{"１２．３４５", ReasonDecimals},
		{"12,5O", ReasonChars},
		{"12O", ReasonChars},
		{"l2", ReasonChars},
		{"12 34", ReasonChars},
		{"12#", ReasonChars},
		{"12块", ReasonChars},
		{"RMB12", ReasonChars},
		{"12¥", ReasonChars},
		{"(12.00)", ReasonChars},
		{"1e3", ReasonChars},
		{"-12", ReasonNegative},
		{"-0.50", ReasonNegative},
		{"－１２", ReasonNegative},
		{"−12", ReasonNegative},
		{"¥-12", ReasonNegative},
		{"12-", ReasonNegative},
		{"92,233,720,368,547,758.08", ReasonTooLarge},
		{"92233720368547759", ReasonTooLarge},
		{"99999999999999999999999", ReasonTooLarge},
		{"¥", ReasonNoDigits},
		{"元", ReasonNoDigits},
		{".", ReasonNoDigits},
		{",", ReasonNoDigits},
		{"-", ReasonNoDigits},
		{"—", ReasonNoDigits},
		{"+", ReasonNoDigits},
		{"无", ReasonNoDigits},
		{"12,5", ReasonComma},
		{"12,50", ReasonComma},
		{"1234,50", ReasonComma},
		{"1,2345", ReasonComma},
		{"1,234,5", ReasonComma},
		{",123", ReasonComma},
		{"123,", ReasonComma},
		{"1,,234", ReasonComma},
		{"1234,567", ReasonComma},
		{"1.234,50", ReasonComma},
		{"1.234.50", ReasonDots},
		{"1..5", ReasonDots},
	}
	for _, tt := range tests {
		got, err := ParseMoney(tt.in)
		var me *MoneyError
		if !errors.As(err, &me) {
			t.Errorf("ParseMoney(%q) = %d, %v; want a *MoneyError %s", tt.in, got, err, tt.reason)
			continue
		}
		if me.Reason != tt.reason || me.Text != tt.in {
			t.Errorf("ParseMoney(%q): error %+v; want reason %s naming the cell", tt.in, *me, tt.reason)
		}
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		in   Money
		want string
	}{
		{0, "0.00"},
		{1, "0.01"},
		{50, "0.50"},
		{1250, "12.50"},
		{123450, "1,234.50"},
		{100000, "1,000.00"},
		{99999, "999.99"},
		{1234567890, "12,345,678.90"},
		{-123450, "-1,234.50"},
		{-1, "-0.01"},
		{math.MaxInt64, "92,233,720,368,547,758.07"},
		{math.MinInt64, "-92,233,720,368,547,758.08"},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("Money(%d).String() = %q; want %q", int64(tt.in), got, tt.want)
		}
	}
}

func TestMoneyErrorMessage(t *testing.T) {
	_, err := ParseMoney("12,5O")
	if err == nil || err.Error() != `amount "12,5O": contains something that is not a digit` {
		t.Errorf("error = %v", err)
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"", "12.5", "1,234.50", "¥12", "￥12", "12元", "１２．５", "-1", "12,5O",
		"92,233,720,368,547,758.07", "100元整", ".5", "1,,2", "\uFEFF 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMoney(s)
		if err != nil {
			var me *MoneyError
			if !errors.As(err, &me) || me.Text != s || me.Reason == "" {
				t.Fatalf("ParseMoney(%q): error %v is not a *MoneyError naming the cell", s, err)
			}
			if m != 0 {
				t.Fatalf("ParseMoney(%q) = %d with an error", s, m)
			}
			return
		}
		if m < 0 {
			t.Fatalf("ParseMoney(%q) = %d: negative", s, m)
		}
		back, err := ParseMoney(m.String())
		if err != nil || back != m {
			t.Fatalf("ParseMoney(%q) = %d; its String %q re-parses to %d, %v", s, m, m.String(), back, err)
		}
	})
}
