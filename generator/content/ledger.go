package content

import (
	"errors"
	"io/fs"
	"regexp"
	"strings"

	"wallpress/generator/diag"
	"wallpress/generator/ledger"
)

// receiptPattern finds the path in a receipt cell written as a markdown
// image, ![收据](r1.jpg), or as a bare file name, r1.jpg.
var receiptPattern = regexp.MustCompile(`^(?:!\[[^\]]*\]\(\s*([^)\s]+)[^)]*\)|([^\s()]+\.(?i:jpe?g|png|webp|gif)))$`)

// Receipt is a receipt's picture, as a ledger's entry names it.
type Receipt struct {
	// Src is the picture's path relative to content/, Line the entry's.
	Src  string
	Line int
}

// FindReceipts finds the receipts of a ledger whose book is computed that
// name a picture beside it, records them in Ledger.Receipts and returns
// them for processing.
func FindReceipts(fsys fs.FS, p *Page) []Receipt {
	if p.Ledger == nil || p.Ledger.Book == nil {
		return nil
	}
	var out []Receipt
	for _, e := range p.Ledger.Book.Entries {
		m := receiptPattern.FindStringSubmatch(strings.TrimSpace(e.Receipt))
		if m == nil {
			continue
		}
		src, ok := BodyPath(p, m[1]+m[2], func(s string) bool { return Exists(fsys, s) })
		if !ok || !Exists(fsys, src) {
			continue
		}
		if p.Ledger.Receipts == nil {
			p.Ledger.Receipts = map[string]string{}
		}
		p.Ledger.Receipts[e.Receipt] = src
		out = append(out, Receipt{Src: src, Line: e.Line})
	}
	return out
}

// ComputeLedger computes a ledger's book (Ledger.Book) from its entries,
// read from its CSV file or from t, the first table of its body, and checks
// them.
func ComputeLedger(fsys fs.FS, p *Page, t *ledger.Table, list *diag.List) {
	l := p.Ledger
	var table ledger.Table
	file := p.File
	switch {
	case l.CSV != "":
		data, err := fs.ReadFile(fsys, Dir+"/"+l.CSV)
		if err != nil {
			return // reported by the loader
		}
		var enc string
		file = Dir + "/" + l.CSV
		table, enc, err = ledger.DecodeCSV(data)
		if e, ok := errors.AsType[*ledger.CSVError](err); ok {
			list.Error(diag.Pos{File: file, Line: e.Line, Col: e.Column}, e.Key,
				diag.Args{"line": e.Line, "column": e.Column, "byte": e.Byte, "err": err.Error()}, e.Key+".hint")
			return
		}
		if err != nil {
			list.Error(diag.Pos{File: file}, "ledger.csv", diag.Args{"err": err.Error()}, "ledger.csv.hint")
			return
		}
		if enc != "UTF-8" {
			list.Warn(diag.Pos{File: file}, "ledger.csvEncoding", diag.Args{"encoding": enc}, "")
		}
	case t != nil:
		table = *t
	default:
		list.Error(diag.Pos{File: p.File, Line: p.BodyLine}, "ledger.empty", nil, "ledger.empty.hint")
		return
	}
	l.Book = ledger.ComputeWith(table, ledger.Options{File: file, Opening: l.Opening, Closing: l.Closing, ClosingFile: p.File, ClosingLine: l.ClosingLine}, list)
}
