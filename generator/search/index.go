package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Dir is the folder of the index in public/, beside the search page.
const Dir = "search/"

// Doc is one page to index. Every text in it must be what the website
// publishes (names masked): the index holds nothing else.
type Doc struct {
	// URL is the page's site path ("a/b/").
	URL string
	// Title, Kind (translated: 故事), Group and Community (their names,
	// "" for none) are shown in the results.
	Title, Kind, Group, Community string
	// Name says that the title is a name people search for (a group's or
	// a neighbourhood's): a query that is the name, or its start, puts the
	// page first.
	Name bool
	// Text is the page's text.
	Text string
}

// Flags of a posting: where in the document the term is.
const (
	inTitle = 1
	inPlace = 2 // the group's or neighbourhood's name
)

// snippetRunes is how much of a document's text its file keeps for the
// result's snippet.
const snippetRunes = 1500

// Index is a built index, kept by serve to rewrite the files an edit
// changes.
type Index struct {
	shards int
	docs   []Doc
	ids    map[string]int
	// post holds each term's postings, id<<2 | flags, by ascending id.
	post map[string][]uint32
	// hashes are the content hashes of the shard files, as the meta file
	// lists them (the browser caches a shard until its hash changes).
	hashes []string
	// docHashes are the hashes of the documents' files: the meta file's
	// version, which the document files are loaded with, changes with
	// any of them.
	docHashes []string
}

// targetShardBytes is the size a shard is aimed at: a query loads one
// shard per distinct first character.
const targetShardBytes = 24 << 10

// Build indexes docs; shards 0 picks a number of shards from the size of
// the index. The documents are numbered in the order of their URLs, so
// that the same pages give the same files.
func Build(docs []Doc, shards int) *Index {
	docs = slices.Clone(docs)
	slices.SortFunc(docs, func(a, b Doc) int { return compareStrings(a.URL, b.URL) })
	docs = slices.CompactFunc(docs, func(a, b Doc) bool { return a.URL == b.URL })
	ix := &Index{docs: docs, ids: make(map[string]int, len(docs))}
	// One map access per word of text: the postings are found by number,
	// and a term seen again in the same document only adds its flag.
	slot := map[string]int{}
	var lists [][]uint32
	for id, d := range docs {
		ix.ids[d.URL] = id
		v := uint32(id) << 2
		eachTerm(d, func(t string, f uint8) {
			k, ok := slot[t]
			if !ok {
				k = len(lists)
				slot[strings.Clone(t)] = k
				lists = append(lists, nil)
			}
			p := lists[k]
			if n := len(p); n > 0 && p[n-1]>>2 == uint32(id) {
				p[n-1] |= uint32(f)
			} else {
				lists[k] = append(p, v|uint32(f))
			}
		})
	}
	ix.post = make(map[string][]uint32, len(slot))
	for t, k := range slot {
		ix.post[t] = slices.Clip(lists[k])
	}
	if shards <= 0 {
		size := 0
		for t, p := range ix.post {
			size += len(t) + 4 + 3*len(p)
		}
		shards = 8
		for shards < 4096 && size/shards > targetShardBytes {
			shards *= 2
		}
	}
	ix.shards = shards
	return ix
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// eachTerm calls f with every term of a document and where it is; a term
// may come more than once.
func eachTerm(d Doc, f func(term string, flags uint8)) {
	Terms(d.Text, func(t string) { f(t, 0) })
	Terms(d.Title, func(t string) { f(t, inTitle) })
	Terms(d.Group, func(t string) { f(t, inPlace) })
	Terms(d.Community, func(t string) { f(t, inPlace) })
	if d.Name {
		// ^ marks every start of the name, = the whole of it.
		us := Units(d.Title)
		key := ""
		for i, u := range us {
			if i > 0 && (!u.Joined || u.Kind == Word) {
				key += " "
			}
			key += u.Text
			f("^"+key, inTitle)
		}
		if key != "" {
			f("="+key, inTitle)
		}
	}
}

// docTerms returns the terms of a document with where each is.
func docTerms(d Doc) map[string]uint8 {
	terms := map[string]uint8{}
	eachTerm(d, func(t string, f uint8) { terms[strings.Clone(t)] |= f })
	return terms
}

// Shards is the number of shards.
func (ix *Index) Shards() int { return ix.shards }

// Files returns every file of the index by its path in public/.
func (ix *Index) Files() map[string][]byte {
	out := map[string][]byte{}
	ix.hashes = make([]string, ix.shards)
	for i, data := range ix.encodeShards(nil) {
		out[shardPath(i)] = data
		ix.hashes[i] = hashOf(data)
	}
	ix.docHashes = make([]string, len(ix.docs))
	for id := range ix.docs {
		data := ix.encodeDoc(id)
		out[docPath(id)] = data
		ix.docHashes[id] = hashOf(data)
	}
	out[Dir+"meta.js"] = ix.encodeMeta()
	return out
}

// Update puts the documents in place of the ones with the same URLs and
// returns the files that changed: the documents' own, the shards whose
// terms changed, and the meta file when a shard did. ok is false when a
// document is new: its number would move the others, so the whole index is
// to be built again.
func (ix *Index) Update(docs []Doc) (files map[string][]byte, ok bool) {
	if ix.hashes == nil {
		return nil, false
	}
	for _, d := range docs {
		if _, ok := ix.ids[d.URL]; !ok {
			return nil, false
		}
	}
	files = map[string][]byte{}
	dirty := map[int]bool{}
	for _, d := range docs {
		id := ix.ids[d.URL]
		if ix.docs[id] == d {
			continue
		}
		// The old terms are not kept: look for the document in every
		// posting list (a binary search each).
		for t, p := range ix.post {
			i := sort.Search(len(p), func(i int) bool { return p[i]>>2 >= uint32(id) })
			if i < len(p) && p[i]>>2 == uint32(id) {
				dirty[ShardOf(t, ix.shards)] = true
				if len(p) == 1 {
					delete(ix.post, t)
				} else {
					ix.post[t] = slices.Delete(p, i, i+1)
				}
			}
		}
		for t, f := range docTerms(d) {
			dirty[ShardOf(t, ix.shards)] = true
			p := ix.post[t]
			i := sort.Search(len(p), func(i int) bool { return p[i]>>2 >= uint32(id) })
			ix.post[t] = slices.Insert(p, i, uint32(id)<<2|uint32(f))
		}
		ix.docs[id] = d
		data := ix.encodeDoc(id)
		files[docPath(id)] = data
		ix.docHashes[id] = hashOf(data)
	}
	changed := len(files) > 0
	for i, data := range ix.encodeShards(dirty) {
		if data == nil {
			continue
		}
		if h := hashOf(data); h != ix.hashes[i] {
			ix.hashes[i] = h
			files[shardPath(i)] = data
			changed = true
		}
	}
	if changed {
		files[Dir+"meta.js"] = ix.encodeMeta()
	}
	return files, true
}

func shardPath(i int) string { return fmt.Sprintf("%ss/%d.js", Dir, i) }
func docPath(id int) string  { return fmt.Sprintf("%sd/%d.js", Dir, id) }

func hashOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:5])
}

// encodeShards encodes the shards in only (all when nil); the others are
// nil.
func (ix *Index) encodeShards(only map[int]bool) [][]byte {
	terms := make([][]string, ix.shards)
	for t := range ix.post {
		s := ShardOf(t, ix.shards)
		if only == nil || only[s] {
			terms[s] = append(terms[s], t)
		}
	}
	out := make([][]byte, ix.shards)
	for s := range ix.shards {
		if only != nil && !only[s] {
			continue
		}
		slices.Sort(terms[s])
		var b bytes.Buffer
		fmt.Fprintf(&b, "wpSearch.shard(%d,{", s)
		for i, t := range terms[s] {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(&b, t)
			b.WriteString(`:"`)
			last := uint32(0)
			for j, p := range ix.post[t] {
				if j > 0 {
					b.WriteByte(',')
				}
				id := p >> 2
				b.WriteString(strconv.FormatUint(uint64((id-last)<<2|p&3), 36))
				last = id
			}
			b.WriteByte('"')
		}
		b.WriteString("});\n")
		out[s] = b.Bytes()
	}
	return out
}

// encodeDoc encodes what the results show of a document.
func (ix *Index) encodeDoc(id int) []byte {
	d := ix.docs[id]
	text := d.Text
	if utf8.RuneCountInString(text) > snippetRunes {
		text = string([]rune(text)[:snippetRunes])
	}
	data, _ := json.Marshal(struct {
		U string `json:"u"`
		T string `json:"t"`
		K string `json:"k,omitempty"`
		G string `json:"g,omitempty"`
		C string `json:"c,omitempty"`
		X string `json:"x"`
	}{d.URL, d.Title, d.Kind, d.Group, d.Community, text})
	return fmt.Appendf(nil, "wpSearch.doc(%d,%s);\n", id, data)
}

// encodeMeta lists the number of documents, the shards' hashes and the
// version of the documents' files.
func (ix *Index) encodeMeta() []byte {
	h := sha256.New()
	for _, d := range ix.docHashes {
		h.Write([]byte(d))
	}
	data, _ := json.Marshal(struct {
		Docs    int      `json:"docs"`
		Hashes  []string `json:"shards"`
		Version string   `json:"v"`
	}{len(ix.docs), ix.hashes, hex.EncodeToString(h.Sum(nil)[:5])})
	return fmt.Appendf(nil, "wpSearch.meta(%s);\n", data)
}

// writeJSONString writes s as a JSON string, < > & escaped so that no
// script's text can close its tag.
func writeJSONString(b *bytes.Buffer, s string) {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			simple = false
			break
		}
	}
	if simple && !containsLineSep(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	data, _ := json.Marshal(s)
	b.Write(data)
}

// containsLineSep reports U+2028 and U+2029, which json.Marshal escapes.
func containsLineSep(s string) bool {
	return bytes.ContainsRune([]byte(s), '\u2028') || bytes.ContainsRune([]byte(s), '\u2029')
}

// Docs returns the indexed documents by URL (for tests).
func (ix *Index) Docs() map[string]Doc {
	out := make(map[string]Doc, len(ix.docs))
	for _, d := range ix.docs {
		out[d.URL] = d
	}
	return out
}

// Search runs a query the way search.js does, without its fallbacks for
// partial matches: the URLs of the documents that hold every term of the
// query, best first. The tests and the benchmark use it.
func (ix *Index) Search(q string) []string {
	score := map[int]float64{}
	for _, v := range Variants(q) {
		ts := queryTerms(v)
		if len(ts) == 0 {
			continue
		}
		for id, s := range ix.match(ts, Normalize(v)) {
			score[id] = max(score[id], s)
		}
	}
	ids := slices.Collect(maps.Keys(score))
	slices.SortFunc(ids, func(a, b int) int {
		if score[a] != score[b] {
			if score[a] > score[b] {
				return -1
			}
			return 1
		}
		return a - b
	})
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = ix.docs[id].URL
	}
	return out
}
