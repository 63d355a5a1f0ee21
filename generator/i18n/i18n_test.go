package i18n

import (
	"math"
	"testing"
	"time"

	"wallpress/generator/diag"
)

const zh = `
format:
  date: "{year}年{month}月{day}日"
  money: "{amount} 元"
msg:
  ledger:
    closing: "结余应为 {want}，账上算得 {got}（相差 {diff}）"
  hint.x: "改成 {want}"
`

const en = `
format:
  date: "{day} {monthName} {year}"
  money: "¥{amount}"
month: [January, February, March]
`

func TestAmount(t *testing.T) {
	for _, c := range []struct {
		fen  int64
		want string
	}{
		{0, "0.00"}, {5, "0.05"}, {150, "1.50"}, {123450, "1,234.50"},
		{100000000, "1,000,000.00"}, {-2700, "-27.00"},
		{math.MinInt64, "-92,233,720,368,547,758.08"},
	} {
		if got := Amount(c.fen); got != c.want {
			t.Errorf("Amount(%d) = %q, want %q", c.fen, got, c.want)
		}
	}
}

func TestDatesAndMoney(t *testing.T) {
	z, err := Parse("zh-CN", []byte(zh))
	if err != nil {
		t.Fatal(err)
	}
	e, err := Parse("en", []byte(en))
	if err != nil {
		t.Fatal(err)
	}
	d := time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC)
	if got := z.Date(d); got != "2024年3月15日" {
		t.Errorf("zh date = %q", got)
	}
	if got := e.Date(d); got != "15 March 2024" {
		t.Errorf("en date = %q", got)
	}
	if got := z.Money(153050); got != "1,530.50 元" {
		t.Errorf("zh money = %q", got)
	}
	if got := e.Money(153050); got != "¥1,530.50" {
		t.Errorf("en money = %q", got)
	}
}

func TestMessage(t *testing.T) {
	z, err := Parse("zh-CN", []byte(zh))
	if err != nil {
		t.Fatal(err)
	}
	text, hint := z.Message(diag.Diagnostic{
		Key:  "ledger.closing",
		Args: diag.Args{"want": diag.Money(153050), "got": diag.Money(150350), "diff": diag.Money(2700)},
		Hint: "hint.x",
	})
	if want := "结余应为 1,530.50 元，账上算得 1,503.50 元（相差 27.00 元）"; text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
	if hint != "改成 1,530.50 元" {
		t.Errorf("hint = %q", hint)
	}
	if got := z.T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key gives %q", got)
	}
}
