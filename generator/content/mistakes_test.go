package content

import (
	"strings"
	"testing"

	"wallpress/generator/diag"
)

// The mistakes Chinese volunteers make, each with the message it must get:
// which file and line, the message key, the hint key that says what to type
// instead, and the arguments the hint is filled with.
func TestVolunteerMistakes(t *testing.T) {
	type want struct {
		key  string
		line int
		hint string
		args diag.Args // each must be present with this value
	}
	for _, c := range []struct {
		name, file, text string
		want             want
	}{
		{"full-width colon", "convention.md", "---\ntitle: 公约\nadopted： 2024-03-15\nsigned: 3\n---\n",
			want{"yaml.syntax", 3, "yaml.hint.fullwidthColon", diag.Args{"line": 3}}},
		{"full-width colon, no space", "convention.md", "---\ntitle: 公约\nadopted：2024-03-15\n---\n",
			want{"yaml.syntax", 3, "yaml.hint.fullwidthColon", diag.Args{"line": 3}}},
		{"full-width space after the colon", "convention.md", "---\ntitle:\u3000公约\nsigned: 3\n---\n",
			want{"yaml.syntax", 2, "yaml.hint.fullwidthSpace", diag.Args{"line": 2}}},
		{"full-width space as indentation", "_index.md", "---\nname: 12号楼\ncouncil:\n\u3000\u3000- name: 刘阿姨\n---\n",
			want{"yaml.fullwidthSpace", 4, "yaml.hint.fullwidthSpace", diag.Args{"line": 4}}},
		{"tab indentation", "_index.md", "---\nname: 12号楼\ncouncil:\n\t- name: 刘阿姨\n\t  role: 楼组长\n---\n",
			want{"yaml.syntax", 4, "yaml.hint.tab", diag.Args{"line": 4}}},
		{"a time after a colon needs quotes", "activity-a.md", "---\ntitle: 活动时间: 12:30\n---\n",
			want{"yaml.syntax", 2, "yaml.hint.quoteColon", diag.Args{"line": 2}}},
		{"leading @ needs quotes", "activity-a.md", "---\ntitle: @刘阿姨的楼道\n---\n",
			want{"yaml.syntax", 2, "yaml.hint.quote", diag.Args{"char": "@"}}},
		{"leading * needs quotes", "activity-a.md", "---\ntitle: *重要*通知\n---\n",
			want{"yaml.syntax", 2, "yaml.hint.quote", diag.Args{"char": "*"}}},
		{"month-first date", "activity-a.md", "---\ntitle: x\ndate: 3/15/2024\n---\n",
			want{"content.badValue", 3, "content.dateHint.yearFirst", diag.Args{"suggest": "2024-03-15", "key": "date"}}},
		{"day-first date", "activity-a.md", "---\ntitle: x\ndate: 15.3.2024\n---\n",
			want{"content.badValue", 3, "content.dateHint.yearFirst", diag.Args{"suggest": "2024-03-15"}}},
		{"ambiguous year-last date", "activity-a.md", "---\ntitle: x\ndate: 4/3/2024\n---\n",
			want{"content.badValue", 3, "content.dateHint.yearFirst", diag.Args{"suggest": "2024-04-03 / 2024-03-04"}}},
		{"two-digit year", "activity-a.md", "---\ntitle: x\ndate: 24.3.15\n---\n",
			want{"content.badValue", 3, "content.dateHint.fullYear", diag.Args{"suggest": "2024-03-15"}}},
		{"month without day", "convention.md", "---\ntitle: x\nadopted: 2024年3月\n---\n",
			want{"content.badValue", 3, "content.dateHint.noDay", diag.Args{"suggest": "2024-03-01", "key": "adopted"}}},
		{"Chinese numerals in a date", "activity-a.md", "---\ntitle: x\ndate: 二〇二四年三月十五日\n---\n",
			want{"content.badValue", 3, "content.dateHint.digits", diag.Args{"suggest": "2024-03-15"}}},
		{"no such day", "activity-a.md", "---\ntitle: x\ndate: 2024-02-30\n---\n",
			want{"content.badValue", 3, "content.dateHint.impossible", diag.Args{"value": "2024-02-30"}}},
		{"mistyped year", "activity-a.md", "---\ntitle: x\ndate: 2204-03-15\n---\n",
			want{"content.badValue", 3, "content.dateHint.year", nil}},
		{"date with words", "activity-a.md", "---\ntitle: x\ndate: 三月中旬\n---\n",
			want{"content.badValue", 3, "content.badValue.hint.date", nil}},
		{"Chinese numerals in a count", "_index.md", "---\nname: 12号楼\nhouseholds: 二十四户\n---\n",
			want{"value.int", 3, "value.hint.intDigits", diag.Args{"suggest": 24}}},
		{"front matter never closed", "activity-a.md", "---\ntitle: x\n\n正文\n",
			want{"content.unclosed", 1, "content.unclosed.hint", nil}},
		{"front matter closed with Chinese dashes", "activity-a.md", "---\ntitle: x\n——————\n正文\n",
			want{"content.fence", 3, "content.fence.hint", diag.Args{"text": "——————"}}},
		{"empty file", "activity-a.md", "",
			want{"content.empty", 1, "content.empty.hint", nil}},
		{"key typo", "convention.md", "---\ntilte: 公约\n---\n",
			want{"yaml.unknownKey", 2, "yaml.hint.nearest", diag.Args{"key": "tilte", "nearest": "title"}}},
		{"key in Chinese", "_index.md", "---\nname: 12号楼\n户数: 24\n---\n",
			want{"yaml.unknownKey", 3, "yaml.hint.nearest", diag.Args{"nearest": "households"}}},
		{"key typo in a nested item", "_index.md", "---\nname: 12号楼\ncouncil:\n  - name: 刘阿姨\n    rloe: 楼组长\n---\n",
			want{"yaml.unknownKey", 5, "yaml.hint.nearest", diag.Args{"nearest": "role"}}},
		{"unknown type, near one", "notes.md", "---\ntype: conventoin\ntitle: x\n---\n",
			want{"content.unknownType", 2, "content.unknownType.nearest", diag.Args{"nearest": "convention", "types": "site, community, group, convention, photo, ledger, story, deliberation, activity"}}},
		{"unknown type in Chinese", "notes.md", "---\ntype: 公约\ntitle: x\n---\n",
			want{"content.unknownType", 2, "content.unknownType.nearest", diag.Args{"nearest": "convention"}}},
		{"unknown type, none near", "notes.md", "---\ntype: poster\ntitle: x\n---\n",
			want{"content.unknownType", 2, "content.unknownType.hint", diag.Args{"nearest": ""}}},
		{"GBK that is not GB18030 either", "activity-a.md", "---\ntitle: \xff\xff\xff\n---\n",
			want{"content.encoding", 2, "content.encoding.hint", diag.Args{"line": 2}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			name := "content/c/g/" + c.file
			var l diag.List
			Parse(mapFS(map[string]string{"c/g/a.jpg": "x"}), name, []byte(c.text), &l)
			for _, d := range l.Items() {
				if d.Key != c.want.key {
					continue
				}
				if d.Pos.File != name || d.Pos.Line != c.want.line || d.Hint != c.want.hint || d.Severity != diag.Error {
					t.Errorf("got %s %s hint %s, want line %d hint %s", d.Pos, d.Key, d.Hint, c.want.line, c.want.hint)
				}
				for k, v := range c.want.args {
					if d.Args[k] != v {
						t.Errorf("Args[%s] = %#v, want %#v (all: %v)", k, d.Args[k], v, d.Args)
					}
				}
				return
			}
			t.Errorf("no %s among %+v", c.want.key, l.Items())
		})
	}
}

// What volunteers type that is right, though it looks unusual: accepted
// without a word.
func TestVolunteerForms(t *testing.T) {
	for _, c := range []struct {
		name, file, text string
		check            func(*Page) bool
	}{
		{"BOM and CRLF", "convention.md", "\ufeff---\r\ntitle: 公约\r\nadopted: 2024-03-15\r\nsigned: 3\r\n---\r\n1. 第一条\r\n",
			func(p *Page) bool {
				return p.Title == "公约" && p.Convention.Signed == 3 && p.BodyLine == 6 && !strings.Contains(string(p.Body), "\r")
			}},
		{"full-width digits", "_index.md", "---\nname: 12号楼\nhouseholds: ２４\n---\n",
			func(p *Page) bool { return p.GroupM.Households == 24 }},
		{"full-width digits with a unit", "family-photo.md", "---\ntitle: x\npeople: ３６人\ntaken: ２０２４－０３－１５\n---\n",
			func(p *Page) bool { return p.Photo.People == 36 && p.Photo.Taken.Format("2006-01-02") == "2024-03-15" }},
		{"full-width votes", "parking.md", "---\ntype: deliberation\ntitle: x\nstage: done\nvotes: {for: ２０, against: ０}\n---\n",
			func(p *Page) bool { return p.Deliberation.Votes.For == 20 }},
		{"full-width money", "account.md", "---\ntitle: x\nopening: １２．５\n---\n",
			func(p *Page) bool { return p.Ledger.Opening == 1250 }},
		{"a time is text", "activity-a.md", "---\ntitle: 12:30\n---\n",
			func(p *Page) bool { return p.Title == "12:30" }},
		{"date with slashes", "activity-a.md", "---\ntitle: x\ndate: 2024/3/15\n---\n",
			func(p *Page) bool { return p.Date.Format("2006-01-02") == "2024-03-15" }},
		{"date in Chinese", "activity-a.md", "---\ntitle: x\ndate: 2024年3月15号\n---\n",
			func(p *Page) bool { return p.Date.Format("2006-01-02") == "2024-03-15" }},
		{"date with a time of day", "activity-a.md", "---\ntitle: x\ndate: 2024-03-15 19:30\n---\n",
			func(p *Page) bool { return p.Date.Format("2006-01-02") == "2024-03-15" }},
		{"rooms on one line", "convention.md", "---\ntitle: x\nsigned: 101、102, 201\n---\n",
			func(p *Page) bool { return p.Convention.Signed == 3 && p.Convention.Rooms[2] == "201" }},
		{"blank line before the front matter", "activity-a.md", "\n---\ntitle: x\n---\n正文\n",
			func(p *Page) bool { return p.Title == "x" && p.BodyLine == 5 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l diag.List
			p := Parse(mapFS(nil), "content/c/g/"+c.file, []byte(c.text), &l)
			if l.Len() != 0 {
				t.Fatalf("diagnostics: %+v", l.Items())
			}
			if p == nil || !c.check(p) {
				t.Fatalf("page: %+v", p)
			}
		})
	}
}

// Lines are counted as the volunteer sees them in Notepad, whatever the
// line ends and blank lines at the top.
func TestLinesAfterCRLFAndBlankLines(t *testing.T) {
	var l diag.List
	Parse(mapFS(nil), "content/c/g/convention.md", []byte("\r\n\r\n---\r\ntitle: 公约\r\nsigend: 3\r\n---\r\n"), &l)
	items := l.Items()
	if len(items) != 1 || items[0].Key != "yaml.unknownKey" || items[0].Pos.Line != 5 || items[0].Args["nearest"] != "signed" {
		t.Fatalf("got %+v, want yaml.unknownKey at line 5", items)
	}
}

// A file saved as GBK ("ANSI" in Notepad) is read, with a warning that
// says how to save it as UTF-8.
func TestGBKRecord(t *testing.T) {
	// "---\ntitle: 楼组公约\n---\n" in GBK.
	gbk := []byte("---\ntitle: \xc2\xa5\xd7\xe9\xb9\xab\xd4\xbc\n---\n")
	var l diag.List
	p := Parse(mapFS(nil), "content/c/g/convention.md", gbk, &l)
	if p == nil || p.Title != "楼组公约" {
		t.Fatalf("page %+v", p)
	}
	items := l.Items()
	if len(items) != 1 || items[0].Key != "content.gb18030" || items[0].Severity != diag.Warning ||
		items[0].Hint != "content.encoding.hint" || items[0].Pos.Line != 2 {
		t.Fatalf("diagnostics %+v", items)
	}
}

// A consultation's stage by its English word or by its Chinese name.
func TestParseStage(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Stage
		ok   bool
	}{
		{"collected", StageCollected, true},
		{" Discussed ", StageDiscussed, true},
		{"ｄｏｎｅ", StageDone, true},
		{"一上一下", StageCollected, true},
		{"收集民意", StageCollected, true},
		{"二上二下", StageDiscussed, true},
		{"二上二下（商定方案）", StageDiscussed, true},
		{"二上二下 商定方案", StageDiscussed, true},
		{"三上三下", StageAgreed, true},
		{"形成决议", StageAgreed, true},
		{"落实", StageDone, true},
		{"完成", StageDone, true},
		{"落实完成", StageDone, true},
		{"四上四下", "", false},
		{"discuss", "", false},
		{"", "", false},
	} {
		got, ok := parseStage(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("parseStage(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// A consultation written as volunteers know it loads without a word.
func TestStageAndVotesInChinese(t *testing.T) {
	var l diag.List
	p := Parse(mapFS(nil), "content/c/g/parking.md", []byte("---\ntype: deliberation\ntitle: 停车\nstage: 二上二下\nvotes: {for: 20票, against: 1票, abstain: 0}\n---\n"), &l)
	if l.Len() != 0 {
		t.Fatalf("diagnostics: %+v", l.Items())
	}
	if p.Deliberation.Stage != StageDiscussed || p.Deliberation.Votes.For != 20 || p.Deliberation.Votes.Against != 1 {
		t.Fatalf("deliberation %+v", p.Deliberation)
	}
}
