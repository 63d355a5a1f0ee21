package search

import (
	"math"
	"strings"
)

// queryTerm is one term a query looks for: exactly, or (for a single
// character or a word) as the start of the index's terms.
type queryTerm struct {
	text   string
	prefix bool
}

// stopWords are English words a query drops: as prefixes they would match
// half the index, and they say nothing of what is sought.
var stopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "for": true, "to": true, "and": true, "or": true, "at": true, "with": true, "by": true, "is": true}

// queryTerms cuts a query into the terms it looks for.
func queryTerms(q string) []queryTerm {
	us := Units(q)
	var out []queryTerm
	words := 0
	for _, u := range us {
		if u.Kind == Word && !stopWords[u.Text] {
			words++
		}
	}
	seen := map[queryTerm]bool{}
	add := func(t queryTerm) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for i := 0; i < len(us); i++ {
		u := us[i]
		if u.Kind == Word {
			if stopWords[u.Text] && words > 0 {
				continue
			}
			w := u.Text
			if len(w) >= 4 && strings.HasSuffix(w, "s") {
				w = w[:len(w)-1] // a plural finds the singular
			}
			add(queryTerm{w, true})
			continue
		}
		// A run of characters and numbers.
		j := i + 1
		for j < len(us) && us[j].Joined && us[j].Kind != Word {
			j++
		}
		if j-i == 1 {
			add(queryTerm{u.Text, u.Kind == Han})
		}
		for k := i; k+1 < j; k++ {
			add(queryTerm{us[k].Text + us[k+1].Text, false})
		}
		i = j - 1
	}
	return out
}

// Variants returns the query and, when it names a building, the same
// query in the other language's form: "building 12" also looks for 12号楼,
// 12号 and 12栋 for "building 12", bldg 12 for both.
func Variants(q string) []string {
	us := Units(q)
	var alt []Unit
	changed := false
	for i := 0; i < len(us); i++ {
		u := us[i]
		switch {
		case u.Kind == Word && (u.Text == "building" || u.Text == "bldg" || u.Text == "block") && i+1 < len(us) && us[i+1].Kind == Number:
			alt = append(alt, Unit{us[i+1].Text, Number, false}, Unit{"号", Han, true}, Unit{"楼", Han, true})
			i++
			changed = true
		case u.Kind == Number && i+1 < len(us) && us[i+1].Joined && (us[i+1].Text == "号" || us[i+1].Text == "栋" || us[i+1].Text == "幢"):
			alt = append(alt, Unit{"building", Word, false}, Unit{u.Text, Number, false})
			i++
			if i+1 < len(us) && us[i+1].Joined && us[i+1].Text == "楼" {
				i++
			}
			changed = true
		default:
			alt = append(alt, u)
		}
	}
	if !changed {
		return []string{q}
	}
	out := []string{q, joinUnits(alt)}
	// bldg 3 and block 3 are "building 3" on an English site.
	var en []Unit
	short := false
	for _, u := range us {
		if u.Kind == Word && (u.Text == "bldg" || u.Text == "block") {
			u.Text, short = "building", true
		}
		en = append(en, u)
	}
	if short {
		out = append(out, joinUnits(en))
	}
	return out
}

// joinUnits writes units back as text, as Normalize does.
func joinUnits(us []Unit) string {
	var b strings.Builder
	for i, u := range us {
		if i > 0 && (!u.Joined || u.Kind == Word) {
			b.WriteByte(' ')
		}
		b.WriteString(u.Text)
	}
	return b.String()
}

// Ranks: a document whose name is the query comes first, then one whose
// name starts with it, then those that hold every term, then those that
// hold at least half of three or more terms (a typed character wrong).
const (
	bonusName   = 1e6
	bonusPrefix = 1e5
	bonusAll    = 1e4
)

// match scores the documents that hold the terms of one variant; name is
// the normalised query, for the name terms.
func (ix *Index) match(ts []queryTerm, name string) map[int]float64 {
	n := float64(len(ix.urls))
	matched := map[int]int{}
	// A number is never left out: 13号楼 must not list every building.
	numbers := map[int]int{}
	numTerms := 0
	score := map[int]float64{}
	for _, t := range ts {
		// For each document, the best place the term is in.
		best := map[int]uint32{}
		df := 0
		visit := func(p []uint32) {
			df += len(p)
			for _, v := range p {
				id := int(v >> 2)
				f, ok := best[id]
				if !ok || v&3 > f {
					best[id] = v & 3
				}
			}
		}
		if t.prefix {
			for term, p := range ix.post {
				if strings.HasPrefix(term, t.text) {
					visit(p)
				}
			}
		} else {
			visit(ix.post[t.text])
		}
		idf := math.Log(1 + n/float64(max(df, 1)))
		num := strings.ContainsAny(t.text, "0123456789")
		if num {
			numTerms++
		}
		for id, f := range best {
			matched[id]++
			if num {
				numbers[id]++
			}
			w := 1.0
			if f&inTitle != 0 {
				w += 2
			}
			if f&inPlace != 0 {
				w++
			}
			score[id] += idf * w
		}
	}
	// Partial matches are kept for a query of three terms or more only:
	// with two, one is left, and a masked name (甄美丽) would find the
	// pages that hold half of it (美丽楼道).
	for id, m := range matched {
		switch {
		case m == len(ts):
			score[id] += bonusAll
		case len(ts) >= 3 && 2*m >= len(ts) && numbers[id] == numTerms:
		default:
			delete(score, id)
		}
	}
	// When every part of the query is a name or a name's start (包头二村
	// 1号楼1单元, not 1号楼1单元 公约), the pages so named come first, each
	// part counting by its share of the query: the group's name weighs
	// more than the neighbourhood's. Partial matches get no bonus.
	parts := strings.Fields(name)
	total := 0
	sizes := make([]int, len(parts))
	for i, part := range parts {
		if len(ix.post["^"+part]) == 0 {
			return score
		}
		sizes[i] = len(Units(part))
		total += sizes[i]
	}
	for i, part := range parts {
		share := float64(sizes[i]) / float64(total)
		for _, b := range []struct {
			mark  string
			bonus float64
		}{{"^", bonusPrefix}, {"=", bonusName}} {
			for _, p := range ix.post[b.mark+part] {
				if matched[int(p>>2)] == len(ts) {
					score[int(p>>2)] += b.bonus * share
				}
			}
		}
	}
	return score
}
