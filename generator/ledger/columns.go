package ledger

import (
	"strings"
	"unicode"
)

// column is a role a table column can play.
type column int

const (
	colNone column = iota // an extra column, kept as a note
	colDate
	colItem
	colIncome
	colExpense
	colCategory
	colBy
	colReceipt
	colBalance
	colNote
	numColumns
)

// columnNames are the header names of each role, in a normalised form (see
// normHeader). The first two are the documented English and Chinese names;
// the rest are synonyms volunteers use in paper account books.
func columnNames(c column) []string {
	switch c {
	case colDate:
		return []string{"date", "日期"}
	case colItem:
		return []string{"item", "摘要", "事项", "项目", "内容"}
	case colIncome:
		return []string{"income", "收入", "收入金额"}
	case colExpense:
		return []string{"expense", "支出", "支出金额", "expenses"}
	case colCategory:
		return []string{"category", "类别", "分类"}
	case colBy:
		return []string{"by", "经手人", "经办人"}
	case colReceipt:
		return []string{"receipt", "凭证", "票据"}
	case colBalance:
		return []string{"balance", "结余", "余额"}
	case colNote:
		return []string{"note", "备注", "notes", "说明"}
	}
	return nil
}

// label is how a role is named in messages, in both languages, because
// Args are filled into either language's text.
func (c column) label() string {
	n := columnNames(c)
	return n[1] + "/" + n[0]
}

// roleOf returns the role of a header cell.
func roleOf(header string) column {
	h := normHeader(header)
	for c := colDate; c < numColumns; c++ {
		for _, n := range columnNames(c) {
			if h == n {
				return c
			}
		}
	}
	return colNone
}

// normHeader makes "  收入（元） ", "Income (¥)", "ＤＡＴＥ" and "日 期" comparable
// to the names above: full width folded, lower case, a trailing
// parenthesised unit and a trailing colon dropped, spaces removed.
func normHeader(s string) string {
	h := strings.ToLower(strings.TrimFunc(foldWidth(s), isBlank))
	h = strings.TrimRight(h, ":")
	if strings.HasSuffix(h, ")") {
		if i := strings.LastIndexByte(h, '('); i > 0 {
			h = h[:i]
		}
	}
	return strings.Map(func(r rune) rune {
		if isBlank(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, h)
}
