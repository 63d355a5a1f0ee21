package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
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
	// urls are the documents' by number; ids their numbers by URL.
	urls []string
	ids  map[string]int
	// post holds each term's postings, id<<2 | flags, by ascending id.
	post map[string][]uint32
	// hashes are the content hashes of the shard files, as the meta file
	// lists them (the browser caches a shard until its hash changes).
	hashes []string
	// docHashes are the hashes of the documents' files: the meta file's
	// version, which the document files are loaded with, changes with
	// any of them. sums say what each document was made from.
	docHashes []string
	sums      []docSum
}

// targetShardBytes is the size a shard is aimed at: a query loads one
// shard per distinct first character.
const targetShardBytes = 24 << 10

// Builder makes an index from documents that come one by one, from any
// number of goroutines, as the pages are written. It keeps only the
// postings: each document's own file is returned by Add to be written at
// once, so the texts of a whole site are never held together.
type Builder struct {
	urls []string
	ids  map[string]int
	// pool keeps the writers not in use by the processor that used them
	// last, so that a writer's memory stays in one core's cache; writers
	// lists them all, so that Index finds their batches.
	pool sync.Pool
	// open is held for reading by Add, for writing by Index.
	open   sync.RWMutex
	closed bool
	// mu guards the rest.
	mu      sync.Mutex
	writers []*writer
	added   []bool
	// docHashes and sums are by document number: the hash of its file and
	// of what it was made from.
	docHashes []string
	sums      []docSum
	// postMu guards the postings.
	postMu sync.Mutex
	// short holds the terms of up to 7 bytes (most of them: a bigram of
	// two Chinese characters is 6) with their postings.
	short listTable
	// slot numbers the longer terms; lists holds their postings. Both
	// keep the postings in the order they came (sorted by Index), packed
	// (see packed).
	slot  map[string]int
	lists []packed
}

// writer is what adding a document takes besides the builder: the set its
// terms are gathered in, and the postings not yet put in the builder's
// lists. Those are put in a batch of many documents at a time, so that a
// list comes to the cache of the core that writes it once for all of
// them: put in one document at a time, the lists of the common terms went
// from core to core with every document.
type writer struct {
	terms termSet
	batch []posting
}

// posting is a posting on its way to its term's list: the term is its key
// (see key) or, when that is 0, its text.
type posting struct {
	key  uint64
	term string
	v    uint32
}

// batchPostings is the number of postings a writer holds before it puts
// them in the builder's lists (a few dozen documents' worth, 512 KB).
const batchPostings = 16 << 10

// key packs a term of 1 to 7 bytes into a number: its length in the top
// byte, its bytes below. It is 0 for any other term.
func key(t string) uint64 {
	if len(t) == 0 || len(t) > 7 {
		return 0
	}
	k := uint64(len(t)) << 56
	for j := 0; j < len(t); j++ {
		k |= uint64(t[j]) << (8 * j)
	}
	return k
}

// keyTerm is the term packed in k.
func keyTerm(k uint64) string {
	b := make([]byte, k>>56)
	for j := range b {
		b[j] = byte(k >> (8 * j))
	}
	return string(b)
}

// slotOf is where a table of 1<<(64-shift) slots looks for k first.
func slotOf(k uint64, shift uint8) int { return int((k * 0x9E3779B97F4A7C15) >> shift) }

// listTable holds short terms (see key) with their postings, by open
// addressing: the list is beside its term, so that finding a term's list
// is one look-up in memory where a map of terms to numbers of lists took
// three.
type listTable struct {
	slots []listSlot
	n     int
	shift uint8
}

type listSlot struct {
	key  uint64 // 0 for none
	list packed
}

// list returns the postings of the term k (not 0), adding it when new.
func (t *listTable) list(k uint64) *packed {
	if 10*(t.n+1) > 7*len(t.slots) {
		t.grow()
	}
	mask := len(t.slots) - 1
	for i := slotOf(k, t.shift); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.key == k {
			return &s.list
		}
		if s.key == 0 {
			s.key = k
			t.n++
			return &s.list
		}
	}
}

func (t *listTable) grow() {
	old := t.slots
	if old == nil {
		t.shift = 64 - 10
	} else {
		t.shift--
	}
	t.slots = make([]listSlot, 1<<(64-t.shift))
	mask := len(t.slots) - 1
	for _, s := range old {
		if s.key == 0 {
			continue
		}
		i := slotOf(s.key, t.shift)
		for t.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// termSet gathers a document's distinct terms with where each is, in the
// order they came. It is kept for the next document, and is emptied by
// counting a new round.
type termSet struct {
	// slots find a short term (see key) by open addressing; a slot is
	// taken in this round only. Only the first 1<<(64-shift) are used,
	// as many as the document needs: the table is as large as the
	// largest page's, and slots spread over all of it would be read from
	// memory, not from the cache. long finds the other terms.
	slots []setSlot
	shift uint8
	round uint32
	long  map[string]int
	terms []string
	keys  []uint64 // the terms' keys, 0 for the long ones
	flags []uint8
}

type setSlot struct {
	key   uint64
	at    int32
	round uint32
}

// begin starts a document of about n bytes of text.
func (ts *termSet) begin(n int) {
	bits := uint8(9)
	for bits < 30 && 1<<bits < n/2 {
		bits++
	}
	ts.resize(bits)
}

func (ts *termSet) add(t string, f uint8) {
	i := len(ts.terms)
	k := key(t)
	if k != 0 {
		if 2*(i+1) > 1<<(64-ts.shift) {
			ts.resize(64 - ts.shift + 1)
		}
		mask := 1<<(64-ts.shift) - 1
		for j := slotOf(k, ts.shift); ; j = (j + 1) & mask {
			s := &ts.slots[j]
			if s.round != ts.round {
				*s = setSlot{k, int32(i), ts.round}
				break
			}
			if s.key == k {
				ts.flags[s.at] |= f
				return
			}
		}
	} else {
		if at, ok := ts.long[t]; ok {
			ts.flags[at] |= f
			return
		}
		ts.long[t] = i
	}
	ts.terms = append(ts.terms, t)
	ts.keys = append(ts.keys, k)
	ts.flags = append(ts.flags, f)
}

// resize uses 1<<bits slots from now on, and puts the terms gathered so
// far in them.
func (ts *termSet) resize(bits uint8) {
	if 1<<bits > len(ts.slots) {
		ts.slots = make([]setSlot, 1<<bits)
		ts.round = 0
	}
	ts.shift = 64 - bits
	ts.nextRound()
	mask := 1<<bits - 1
	for at, k := range ts.keys {
		if k == 0 {
			continue
		}
		j := slotOf(k, ts.shift)
		for ts.slots[j].round == ts.round {
			j = (j + 1) & mask
		}
		ts.slots[j] = setSlot{k, int32(at), ts.round}
	}
}

// nextRound empties the slots.
func (ts *termSet) nextRound() {
	ts.round++
	if ts.round == 0 { // wrapped: the slots' rounds may come again
		clear(ts.slots)
		ts.round = 1
	}
}

func (ts *termSet) reset() {
	clear(ts.long)
	clear(ts.terms) // the texts they point into are not kept alive
	ts.terms, ts.keys, ts.flags = ts.terms[:0], ts.keys[:0], ts.flags[:0]
}

// packed is a list of postings (id<<2 | flags) as it grows: each one is the
// difference from the one before, zigzag-encoded as a varint. The
// documents come roughly in the order of their numbers, so most postings
// take one or two bytes instead of four: the postings of a large site are
// held through the whole build, and the less room they take, the less
// often the collector runs while the pages are written.
type packed struct {
	last uint32
	data []byte
}

func (p *packed) add(v uint32) {
	d := int64(v) - int64(p.last)
	p.data = binary.AppendUvarint(p.data, uint64(d<<1^d>>63))
	p.last = v
}

func (p packed) unpack() []uint32 {
	n := 0
	for _, c := range p.data {
		if c < 0x80 { // the last byte of a varint
			n++
		}
	}
	out := make([]uint32, 0, n)
	last := int64(0)
	for data := p.data; len(data) > 0; {
		u, n := binary.Uvarint(data)
		data = data[n:]
		last += int64(u>>1) ^ -int64(u&1)
		out = append(out, uint32(last))
	}
	return out
}

// docSum identifies what a document was made from, so that an update can
// tell an unchanged one without keeping its text.
type docSum [16]byte

func sumOf(d Doc) docSum {
	h := sha256.New()
	for _, s := range []string{d.URL, d.Title, d.Kind, d.Group, d.Community, d.Text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	if d.Name {
		h.Write([]byte{1})
	}
	var s docSum
	copy(s[:], h.Sum(nil))
	return s
}

// NewBuilder starts an index of the documents at urls. The documents are
// numbered in the order of their URLs, so that the same pages give the
// same files whatever order they are added in.
func NewBuilder(urls []string) *Builder {
	urls = slices.Clone(urls)
	slices.SortFunc(urls, compareStrings)
	urls = slices.Compact(urls)
	b := &Builder{urls: urls, ids: make(map[string]int, len(urls)),
		added: make([]bool, len(urls)), docHashes: make([]string, len(urls)), sums: make([]docSum, len(urls))}
	for id, u := range urls {
		b.ids[u] = id
	}
	b.slot = map[string]int{}
	return b
}

// Add indexes a document and returns its file, to be written under name.
// ok is false for a URL the builder was not started with, one added
// already, or after Index.
func (b *Builder) Add(d Doc) (name string, data []byte, ok bool) {
	id, known := b.ids[d.URL]
	if !known {
		return "", nil, false
	}
	b.open.RLock()
	defer b.open.RUnlock()
	if b.closed {
		return "", nil, false
	}
	w, _ := b.pool.Get().(*writer)
	if w == nil {
		w = &writer{terms: termSet{long: map[string]int{}}}
		b.mu.Lock()
		b.writers = append(b.writers, w)
		b.mu.Unlock()
	}
	ts := &w.terms
	defer func() {
		ts.reset()
		b.pool.Put(w)
	}()
	ts.begin(len(d.Text) + len(d.Title) + len(d.Group) + len(d.Community))
	eachTerm(d, ts.add)
	data = encodeDoc(id, d)
	sum := sumOf(d)
	hash := hashOf(data)
	b.mu.Lock()
	if b.added[id] {
		b.mu.Unlock()
		return "", nil, false
	}
	b.added[id] = true
	b.docHashes[id], b.sums[id] = hash, sum
	b.mu.Unlock()
	v := uint32(id) << 2
	for i, k := range ts.keys {
		p := posting{key: k, v: v | uint32(ts.flags[i])}
		if k == 0 {
			// A copy: the term may be a slice of the whole text.
			p.term = strings.Clone(ts.terms[i])
		}
		w.batch = append(w.batch, p)
	}
	if len(w.batch) >= batchPostings {
		b.put(w)
	}
	return docPath(id), data, true
}

// put puts a writer's batch in the builder's lists.
func (b *Builder) put(w *writer) {
	b.postMu.Lock()
	for _, p := range w.batch {
		if p.key != 0 {
			b.short.list(p.key).add(p.v)
			continue
		}
		n, ok := b.slot[p.term]
		if !ok {
			n = len(b.lists)
			b.slot[p.term] = n
			b.lists = append(b.lists, packed{})
		}
		b.lists[n].add(p.v)
	}
	b.postMu.Unlock()
	clear(w.batch) // the long terms are not kept alive
	w.batch = w.batch[:0]
}

// Index ends the building; shards 0 picks a number of shards from the size
// of the index. The builder is not to be used after.
func (b *Builder) Index(shards int) *Index {
	// Wait for the documents being added; any after are turned away.
	b.open.Lock()
	b.closed = true
	b.open.Unlock()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, w := range b.writers {
		b.put(w)
	}
	b.writers = nil
	b.postMu.Lock()
	defer b.postMu.Unlock()
	// The lists are unpacked and sorted on every core, the short terms'
	// table in as many parts.
	ix := &Index{urls: b.urls, ids: b.ids, docHashes: b.docHashes, sums: b.sums, post: make(map[string][]uint32, b.short.n+len(b.slot))}
	slots := b.short.slots
	short, long := make([][]uint32, len(slots)), make([][]uint32, len(b.lists))
	parts := runtime.GOMAXPROCS(0)
	var g errgroup.Group
	for k := range parts {
		g.Go(func() error {
			for i := k * len(slots) / parts; i < (k+1)*len(slots)/parts; i++ {
				if slots[i].key != 0 {
					short[i] = sortedList(&slots[i].list)
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		for n := range b.lists {
			long[n] = sortedList(&b.lists[n])
		}
		return nil
	})
	g.Wait()
	size := 0
	add := func(t string, p []uint32) {
		ix.post[t] = p
		size += len(t) + 4 + 3*len(p)
	}
	for i := range slots {
		if slots[i].key != 0 {
			add(keyTerm(slots[i].key), short[i])
		}
	}
	for t, n := range b.slot {
		add(t, long[n])
	}
	b.short, b.slot, b.lists = listTable{}, nil, nil
	if shards <= 0 {
		shards = 8
		for shards < 4096 && size/shards > targetShardBytes {
			shards *= 2
		}
	}
	ix.shards = shards
	return ix
}

// Build indexes docs at once and returns the index with the documents'
// files (for tests and the benchmark; the build adds pages as it writes
// them).
func Build(docs []Doc, shards int) (*Index, map[string][]byte) {
	urls := make([]string, len(docs))
	for i, d := range docs {
		urls[i] = d.URL
	}
	b := NewBuilder(urls)
	files := map[string][]byte{}
	for _, d := range docs {
		if name, data, ok := b.Add(d); ok {
			files[name] = data
		}
	}
	return b.Index(shards), files
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

// sortedList unpacks a list, sorted, and lets go of its packed form.
func sortedList(l *packed) []uint32 {
	p := l.unpack()
	*l = packed{}
	if !slices.IsSorted(p) {
		slices.Sort(p)
	}
	return p
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

// Files returns the shards and the meta file by their paths in public/
// (the documents' files come from Builder.Add).
func (ix *Index) Files() map[string][]byte {
	out := map[string][]byte{}
	ix.WriteFiles(func(name string, data []byte) error {
		out[name] = data
		return nil
	})
	return out
}

// WriteFiles encodes the shards and the meta file one by one and gives
// each to write, which may keep it.
func (ix *Index) WriteFiles(write func(name string, data []byte) error) error {
	ix.hashes = make([]string, ix.shards)
	terms := ix.shardTerms(nil)
	// Encoded on every core, written in order, a few dozen at a time: the
	// shards of a large site together are as large as its postings, and
	// held at once they would come on top of them, at the end of the
	// build, where the heap is at its largest.
	const window = 64
	data := make([][]byte, window)
	for lo := 0; lo < ix.shards; lo += window {
		hi := min(lo+window, ix.shards)
		var g errgroup.Group
		g.SetLimit(runtime.GOMAXPROCS(0))
		for i := lo; i < hi; i++ {
			g.Go(func() error {
				data[i-lo] = ix.encodeShard(i, terms[i])
				ix.hashes[i] = hashOf(data[i-lo])
				return nil
			})
		}
		g.Wait()
		for i := lo; i < hi; i++ {
			if err := write(shardPath(i), data[i-lo]); err != nil {
				return err
			}
			data[i-lo] = nil
		}
	}
	return write(Dir+"meta.js", ix.encodeMeta())
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
		sum := sumOf(d)
		if ix.sums[id] == sum {
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
		ix.sums[id] = sum
		data := encodeDoc(id, d)
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

// shardTerms groups the terms by shard, for the shards in only (all when
// nil).
func (ix *Index) shardTerms(only map[int]bool) [][]string {
	terms := make([][]string, ix.shards)
	for t := range ix.post {
		s := ShardOf(t, ix.shards)
		if only == nil || only[s] {
			terms[s] = append(terms[s], t)
		}
	}
	return terms
}

// encodeShards encodes the shards in only; the others are nil.
func (ix *Index) encodeShards(only map[int]bool) [][]byte {
	terms := ix.shardTerms(only)
	out := make([][]byte, ix.shards)
	for s := range only {
		out[s] = ix.encodeShard(s, terms[s])
	}
	return out
}

// encodeShard encodes shard s, which holds terms.
func (ix *Index) encodeShard(s int, terms []string) []byte {
	slices.Sort(terms)
	var b bytes.Buffer
	fmt.Fprintf(&b, "wpSearch.shard(%d,{", s)
	for i, t := range terms {
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
	return b.Bytes()
}

// encodeDoc encodes what the results show of a document.
func encodeDoc(id int, d Doc) []byte {
	text := d.Text
	n := 0
	for i := range text {
		if n == snippetRunes {
			text = text[:i]
			break
		}
		n++
	}
	b := bytes.NewBuffer(make([]byte, 0, len(text)+len(d.URL)+len(d.Title)+len(d.Kind)+len(d.Group)+len(d.Community)+64))
	b.WriteString("wpSearch.doc(")
	b.WriteString(strconv.Itoa(id))
	b.WriteString(`,{"u":`)
	writeJSONString(b, d.URL)
	b.WriteString(`,"t":`)
	writeJSONString(b, d.Title)
	for _, f := range []struct{ key, v string }{{`,"k":`, d.Kind}, {`,"g":`, d.Group}, {`,"c":`, d.Community}} {
		if f.v != "" {
			b.WriteString(f.key)
			writeJSONString(b, f.v)
		}
	}
	b.WriteString(`,"x":`)
	writeJSONString(b, text)
	b.WriteString("});\n")
	return b.Bytes()
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
	}{len(ix.urls), ix.hashes, hex.EncodeToString(h.Sum(nil)[:5])})
	return fmt.Appendf(nil, "wpSearch.meta(%s);\n", data)
}

// writeJSONString writes s as a JSON string, as json.Marshal does: < > &
// escaped, so that no script's text can close its tag, U+2028 and U+2029
// too, and each byte that is not UTF-8 as U+FFFD.
func writeJSONString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"', '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		if commonHanAt(s, i) {
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
		case r == '\u2028' || r == '\u2029':
			b.WriteString(s[start:i])
			b.WriteString(`\u202`)
			b.WriteByte(hex[r&0xF])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// URLs returns the indexed documents' URLs (for tests).
func (ix *Index) URLs() []string { return slices.Clone(ix.urls) }

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
		out[i] = ix.urls[id]
	}
	return out
}
