package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"12号楼", "12号楼"},
		{"十二号楼", "12号楼"},
		{"１２号楼", "12号楼"},
		{"二十号", "20号"},
		{"二十三号楼", "23号楼"},
		{"十号", "10号"},
		{"二〇二四年", "2024年"},
		{"三上三下", "3上3下"},
		{"十十", "十十"},
		{"Building 12", "building 12"},
		{"ＢＵＩＬＤＩＮＧ　１２", "building 12"},
		{"building12", "building 12"},
		{"12号楼3单元", "12号楼3单元"},
		{"12号楼 3单元", "12号楼 3单元"},
		{"楼道，绿植。", "楼道 绿植"},
		{"刘**", "刘"},
		{"***室", "室"},
		{"Café crème", "café crème"},
		{"", ""},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func terms(s string) []string {
	var out []string
	Terms(s, func(t string) { out = append(out, t) })
	return out
}

func TestTerms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"12号楼", []string{"12号", "12", "号楼", "楼"}},
		{"洗手池", []string{"洗手", "手池", "池"}},
		{"楼", []string{"楼"}},
		{"building 12", []string{"building", "12"}},
		{"刘**说", []string{"刘", "说"}},
		{"3月12日", []string{"3月", "3", "月12", "12日", "12", "日"}},
		{"Clean-up day", []string{"clean", "up", "day"}},
	} {
		got := terms(tc.in)
		slices.Sort(got)
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Terms(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []queryTerm
	}{
		{"洗手池", []queryTerm{{"洗手", false}, {"手池", false}}},
		{"楼", []queryTerm{{"楼", true}}},
		{"12", []queryTerm{{"12", false}}},
		{"the rules of the building", []queryTerm{{"rule", true}, {"building", true}}},
		{"the", []queryTerm{{"the", true}}},
		{"楼道 楼道", []queryTerm{{"楼道", false}}},
	} {
		if got := queryTerms(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("queryTerms(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestVariants(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"building 12", []string{"building 12", "12号楼"}},
		{"Bldg. 7 rules", []string{"Bldg. 7 rules", "7号楼 rules", "building 7 rules"}},
		{"12号楼", []string{"12号楼", "building 12"}},
		{"十二号", []string{"十二号", "building 12"}},
		{"12栋", []string{"12栋", "building 12"}},
		{"洗手池", []string{"洗手池"}},
		{"12 buildings", []string{"12 buildings"}},
	} {
		if got := Variants(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Variants(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPageText(t *testing.T) {
	page := `<html><head><title>x</title><script>var a = "<p>不要</p>";</script></head><body>
<header>页头</header><main id="main"><h1>标题</h1><nav>导航</nav><p>12号楼<em>3</em>单元&amp;邻里</p><ul><li>一</li><li>二</li></ul>
<!-- 注释 --><script>if (a < b) {}</script><p>刘**说：&ldquo;好&rdquo;</p></main><footer>页脚</footer>`
	want := "12号楼3单元&邻里\n一\n二\n刘**说：“好”"
	if got := PageText([]byte(page)); got != want {
		t.Errorf("PageText = %q, want %q", got, want)
	}
}

var fixture = []Doc{
	{URL: "c/", Title: "工农三村", Name: true, Text: "工农三村有四个楼组。12号楼3单元，17号楼。"},
	{URL: "c/b12/", Title: "12号楼3单元", Name: true, Community: "工农三村", Text: "楼道干净一点，邻里亲近一点。"},
	{URL: "c/b12/story/", Title: "楼道大变样", Kind: "美丽楼道", Group: "12号楼3单元", Community: "工农三村", Text: "清出两车堆物，楼道里摆上了绿植。"},
	{URL: "c/b17/", Title: "17号楼", Name: true, Community: "工农三村", Text: "垃圾分类做得好。"},
	{URL: "c/b17/garbage/", Title: "垃圾点改造", Kind: "美丽楼道", Group: "17号楼", Community: "工农三村", Text: "垃圾点旁边装了洗手池，刘**说：方便多了。"},
	{URL: "c/b17/convention/", Title: "17号楼公约", Kind: "公约", Group: "17号楼", Community: "工农三村", Text: "一、垃圾分类，按时投放。二、楼道不堆物。"},
	{URL: "c/b112/", Title: "112号楼", Name: true, Community: "工农三村", Text: "一栋新楼。"},
}

func TestSearch(t *testing.T) {
	ix, _ := Build(fixture, 0)
	for _, tc := range []struct {
		q    string
		want []string // the first results, in order
	}{
		{"12号楼", []string{"c/b12/"}},
		{"十二号楼", []string{"c/b12/"}},
		{"building 12", []string{"c/b12/"}},
		{"12号", []string{"c/b12/"}},
		{"112号楼", []string{"c/b112/"}},
		{"洗手池", []string{"c/b17/garbage/"}},
		{"垃圾分类", []string{"c/b17/", "c/b17/convention/"}},
		{"垃圾分内", []string{"c/b17/", "c/b17/convention/"}}, // a typed character wrong
		{"绿植", []string{"c/b12/story/"}},
		{"公约", []string{"c/b17/convention/"}},
		{"刘", []string{"c/b17/garbage/"}},
		{"池", []string{"c/b17/garbage/"}},
	} {
		got := ix.Search(tc.q)
		if len(got) < len(tc.want) || !slices.Equal(got[:len(tc.want)], tc.want) {
			t.Errorf("Search(%q) = %q, want it to start with %q", tc.q, got, tc.want)
		}
	}
	for _, q := range []string{"刘美娟", "喜鹊", "13号楼", "13号楼3单元", "旧楼道"} {
		if got := ix.Search(q); len(got) > 0 {
			t.Errorf("Search(%q) = %q, want nothing", q, got)
		}
	}
}

func TestSearchEnglish(t *testing.T) {
	ix, _ := Build([]Doc{
		{URL: "c/b12/", Title: "Building 12, Entrance 3", Name: true, Text: "A six-storey building with 24 households."},
		{URL: "c/b12/conv/", Title: "Our convention", Group: "Building 12, Entrance 3", Text: "Keep the stairwell clear. Sort the rubbish."},
		{URL: "c/b17/", Title: "Building 17", Name: true, Text: "Recycling and plants."},
	}, 0)
	for _, tc := range []struct{ q, first string }{
		{"building 12", "c/b12/"},
		{"12号楼", "c/b12/"},
		{"bldg 12", "c/b12/"},
		{"Conventions", "c/b12/conv/"},
		{"stairwel", "c/b12/conv/"},
		{"the plants", "c/b17/"},
	} {
		if got := ix.Search(tc.q); len(got) == 0 || got[0] != tc.first {
			t.Errorf("Search(%q) = %q, want %s first", tc.q, got, tc.first)
		}
	}
}

var shardFile = regexp.MustCompile(`^wpSearch\.shard\((\d+),(\{.*\})\);\n$`)

// TestFiles checks the structure of the files: each term in its shard,
// postings that decode to ascending documents, hashes that match, and the
// same bytes whatever order the documents come in.
func TestFiles(t *testing.T) {
	files := allFiles(fixture, 4)
	var meta struct {
		Docs   int
		Shards []string
		V      string
	}
	m := files["search/meta.js"]
	if err := json.Unmarshal(bytes.TrimSuffix(bytes.TrimPrefix(m, []byte("wpSearch.meta(")), []byte(");\n")), &meta); err != nil {
		t.Fatalf("meta.js: %v: %s", err, m)
	}
	if meta.Docs != len(fixture) || len(meta.Shards) != 4 || meta.V == "" {
		t.Fatalf("meta %+v", meta)
	}
	for i := range 4 {
		data := files[fmt.Sprintf("search/s/%d.js", i)]
		if hashOf(data) != meta.Shards[i] {
			t.Errorf("shard %d: hash %s, meta says %s", i, hashOf(data), meta.Shards[i])
		}
		sm := shardFile.FindSubmatch(data)
		if sm == nil || string(sm[1]) != strconv.Itoa(i) {
			t.Fatalf("shard %d: %s", i, data)
		}
		var terms map[string]string
		if err := json.Unmarshal(sm[2], &terms); err != nil {
			t.Fatalf("shard %d: %v", i, err)
		}
		for term, post := range terms {
			if ShardOf(term, 4) != i {
				t.Errorf("%q in shard %d, belongs in %d", term, i, ShardOf(term, 4))
			}
			id := 0
			for j, p := range strings.Split(post, ",") {
				v, err := strconv.ParseUint(p, 36, 32)
				if err != nil {
					t.Fatalf("%q: posting %q", term, p)
				}
				if v>>2 == 0 && j > 0 {
					t.Errorf("%q: document %d twice", term, id)
				}
				id += int(v >> 2)
				if id >= len(fixture) {
					t.Errorf("%q: document %d of %d", term, id, len(fixture))
				}
			}
		}
	}
	for id := range fixture {
		d := files[fmt.Sprintf("search/d/%d.js", id)]
		if !bytes.HasPrefix(d, fmt.Appendf(nil, "wpSearch.doc(%d,{", id)) {
			t.Errorf("doc %d: %s", id, d)
		}
	}
	if len(files) != 1+4+len(fixture) {
		t.Errorf("%d files", len(files))
	}
	shuffled := slices.Clone(fixture)
	slices.Reverse(shuffled)
	again := allFiles(shuffled, 4)
	for name, data := range files {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs when the documents come in another order", name)
		}
	}
}

// TestUpdate: an edited document rewrites its own file and the shards of
// the terms it gained or lost, and the files are then those of a new build.
func TestUpdate(t *testing.T) {
	ix, before := Build(fixture, 16)
	maps.Copy(before, ix.Files())
	edited := slices.Clone(fixture)
	edited[2].Text = "清出两车堆物，楼道里摆上了绿植和花盆。"
	files, ok := ix.Update([]Doc{edited[2], edited[0]})
	if !ok {
		t.Fatal("update refused")
	}
	after := allFiles(edited, 16)
	var rewritten []string
	for name, data := range after {
		if !bytes.Equal(before[name], data) {
			rewritten = append(rewritten, name)
			if !bytes.Equal(files[name], data) {
				t.Errorf("%s: not rewritten as a new build writes it", name)
			}
		}
	}
	if len(files) != len(rewritten) {
		t.Errorf("rewrote %d files, %d changed", len(files), len(rewritten))
	}
	if n := len(files); n < 3 || n > 6 {
		t.Errorf("rewrote %d files (%v), want the doc, meta and the shards of 和, 花, 盆", n, slices.Sorted(func(yield func(string) bool) {
			for f := range files {
				if !yield(f) {
					return
				}
			}
		}))
	}
	if got := ix.Search("花盆"); !slices.Equal(got, []string{"c/b12/story/"}) {
		t.Errorf("花盆 after the edit: %v", got)
	}
	if _, ok := ix.Update([]Doc{{URL: "new/", Title: "新"}}); ok {
		t.Error("a new document was taken in place")
	}
}

// FuzzNormalize: any text cuts into units without a panic; terms are
// non-empty, hold no space, and are in the shard their key says;
// normalising is idempotent.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"12号楼", "十二号楼", "二〇二四年三月", "Building １２", "刘**说", "十十一", "café", "\xff\xfe", "一十二", "1二号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if n2 := Normalize(n); n2 != n {
			t.Errorf("Normalize(%q) = %q, Normalize of that = %q", s, n, n2)
		}
		Terms(s, func(term string) {
			if term == "" || strings.ContainsAny(term, " \t\n") || !utf8.ValidString(term) {
				t.Errorf("Terms(%q): term %q", s, term)
			}
			if sh := ShardOf(term, 7); sh < 0 || sh >= 7 {
				t.Errorf("ShardOf(%q) = %d", term, sh)
			}
		})
		for _, v := range Variants(s) {
			queryTerms(v)
		}
	})
}

// TestSearchNameParts: a neighbourhood and a group's name, the group's page
// first: of two groups with one name, the one in that neighbourhood.
func TestSearchNameParts(t *testing.T) {
	ix, _ := Build([]Doc{
		{URL: "a/", Title: "包头二村", Name: true, Text: "1号楼1单元 2号楼2单元"},
		{URL: "a/g1/", Title: "1号楼1单元", Name: true, Community: "包头二村", Text: "我们楼。"},
		{URL: "a/g1/c/", Title: "1号楼1单元楼组公约", Kind: "公约", Group: "1号楼1单元", Community: "包头二村", Text: "公约条款。"},
		{URL: "b/", Title: "工农三村", Name: true, Text: "1号楼1单元"},
		{URL: "b/g1/", Title: "1号楼1单元", Name: true, Community: "工农三村", Text: "我们楼。"},
	}, 0)
	for _, tc := range []struct{ q, first string }{
		{"包头二村 1号楼1单元", "a/g1/"},
		{"工农三村 1号楼1单元", "b/g1/"},
		{"包头二村", "a/"},
		{"包头二村 1号楼1单元 公约", "a/g1/c/"},
	} {
		if got := ix.Search(tc.q); len(got) == 0 || got[0] != tc.first {
			t.Errorf("Search(%q) = %q, want %s first", tc.q, got, tc.first)
		}
	}
}

// FuzzPageText: any bytes give text without a panic, and without the text
// of a script.
func FuzzPageText(f *testing.F) {
	for _, s := range []string{"<main><p>a</p></main>", "<main><script>x<p>y</script>z", "<main><nav><nav>a</nav>b</nav>c</main>", "<!--", "<p", "<main>&amp;&#x4e00;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := PageText([]byte(s + "<main><script>SECRET</script></main>"))
		if strings.Contains(got, "SECRET") && !strings.Contains(s, "SECRET") {
			t.Errorf("PageText(%q) = %q holds a script's text", s, got)
		}
	})
}

// allFiles builds an index of docs and returns all its files.
func allFiles(docs []Doc, shards int) map[string][]byte {
	ix, files := Build(docs, shards)
	maps.Copy(files, ix.Files())
	return files
}

// FuzzPageTextSame: PageText reads text as the first, simpler version did
// (kept below): a tag-stripping pass, then the white space folded. Pages
// are UTF-8 (the loader refuses anything else); the first version would
// join a character's bytes split by a tag.
func FuzzPageTextSame(f *testing.F) {
	for _, s := range []string{"<main><p>楼道 &amp; 绿植</p>\n<p> 12号楼\u3000三单元 </p></main>", "<h1>x</h1>a<br>b<td>c</td>", "<SCRIPT>x</script>y", "<svg><svg></svg>z</svg>w", "\xff&#x41;<!-- -->b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := PageText([]byte(s)), pageTextRef([]byte(s)); got != want {
			t.Errorf("PageText(%q) = %q, the first version gives %q", s, got, want)
		}
	})
}

func pageTextRef(page []byte) string {
	if i := bytes.Index(page, []byte("<main")); i >= 0 {
		page = page[i:]
		if j := bytes.LastIndex(page, []byte("</main>")); j >= 0 {
			page = page[:j]
		}
	}
	var b strings.Builder
	skip := 0 // depth inside skipped elements
	var skipName string
	for len(page) > 0 {
		lt := bytes.IndexByte(page, '<')
		if lt < 0 {
			lt = len(page)
		}
		if skip == 0 && lt > 0 {
			b.WriteString(html.UnescapeString(string(page[:lt])))
		}
		page = page[lt:]
		if len(page) == 0 {
			break
		}
		if bytes.HasPrefix(page, []byte("<!--")) {
			end := bytes.Index(page, []byte("-->"))
			if end < 0 {
				break
			}
			page = page[end+3:]
			continue
		}
		gt := bytes.IndexByte(page, '>')
		if gt < 0 {
			break
		}
		tag := page[1:gt]
		page = page[gt+1:]
		closing := len(tag) > 0 && tag[0] == '/'
		name := strings.ToLower(string(bytes.TrimLeft(tag, "/")))
		if i := strings.IndexAny(name, " \t\n\r/"); i >= 0 {
			name = name[:i]
		}
		if skip > 0 {
			if name == skipName {
				if closing {
					skip--
				} else {
					skip++
				}
			}
			continue
		}
		if !closing && skipped[name] {
			if name == "script" || name == "style" {
				// Their text may hold "<": skip to the closing tag.
				end := indexASCIIFold(page, "</"+name)
				if end < 0 {
					break
				}
				page = page[end:]
				continue
			}
			skip, skipName = 1, name
			continue
		}
		if blocks[name] {
			b.WriteByte('\n')
		} else if name == "td" || name == "th" {
			b.WriteByte(' ')
		}
	}
	return tidyRef(b.String())
}

// tidy folds runs of white space: a line break where a block ended, one
// space elsewhere.
func tidyRef(s string) string {
	var b strings.Builder
	space, line := false, false
	for _, r := range s {
		switch r {
		case '\n':
			line = true
		case ' ', '\t', '\r', '\u00a0', '\u3000':
			space = true
		default:
			if b.Len() > 0 {
				if line {
					b.WriteByte('\n')
				} else if space {
					b.WriteByte(' ')
				}
			}
			space, line = false, false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestPages: only the listed pages are indexed, from their published text,
// with the summary their page does not show; a whole build returns each
// page's file; an update keeps the documents.
func TestPages(t *testing.T) {
	pages := []Page{
		{URL: "a/b12/", Title: "12号楼", Name: true},
		{URL: "a/b12/story/", Title: "楼道", Kind: "故事", Group: "12号楼", Summary: "摆上了绿植"},
	}
	page := []byte("<html><main><h1>楼道</h1><p>清出两车堆物</p></main></html>")
	whole := NewPages(slices.Clone(pages), true)
	if name, _ := whole.Add("a/other/index.html", page); name != "" {
		t.Errorf("an unlisted page gave %s", name)
	}
	name, data := whole.Add("a/b12/story/index.html", page)
	if name != "search/d/1.js" || !bytes.Contains(data, []byte("摆上了绿植\\n清出两车堆物")) {
		t.Errorf("Add = %s %s", name, data)
	}
	ix := whole.Index()
	if got := ix.Search("绿植"); !slices.Equal(got, []string{"a/b12/story/"}) {
		t.Errorf("绿植: %v", got)
	}
	if got := ix.Search("堆物"); !slices.Equal(got, []string{"a/b12/story/"}) {
		t.Errorf("堆物: %v", got)
	}
	update := NewPages(slices.Clone(pages), false)
	if name, _ := update.Add("a/b12/story/index.html", page); name != "" || len(update.Docs()) != 1 || update.Index() != nil {
		t.Errorf("an update: file %q, %d docs", name, len(update.Docs()))
	}
	var none *Pages
	if name, _ := none.Add("a/b12/index.html", page); name != "" {
		t.Error("a nil Pages took a page")
	}
}

// Postings come back from their packed form as they went in, in any order
// and at both ends of the range.
func TestPackedRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	lists := [][]uint32{
		nil,
		{0},
		{math.MaxUint32, 0, math.MaxUint32, 1},
		{4, 8, 9, 12, 400, 401, 3},
	}
	var long []uint32
	for range 5000 {
		long = append(long, r.Uint32N(1<<20))
	}
	lists = append(lists, long)
	for _, want := range lists {
		var p packed
		for _, v := range want {
			p.add(v)
		}
		if got := p.unpack(); !slices.Equal(got, want) {
			t.Errorf("unpack() = %v, want %v", got[:min(len(got), 10)], want[:min(len(want), 10)])
		}
	}
	// In order, as the pages mostly come, a posting takes a byte or two.
	var p packed
	for id := range uint32(10000) {
		p.add(id<<2 | 1)
	}
	if n := len(p.data); n > 2*10000 {
		t.Errorf("10,000 postings in order take %d bytes", n)
	}
}

// Documents added by several writers at once, in any order, make the same
// files as when they are added one by one.
func TestBuilderConcurrent(t *testing.T) {
	var docs []Doc
	for i := range 200 {
		d := fixture[i%len(fixture)]
		d.URL = fmt.Sprintf("c%d/g%d/", i%7, i)
		d.Title = fmt.Sprintf("%s %d号楼", d.Title, i)
		docs = append(docs, d)
	}
	want := allFiles(docs, 0)
	urls := make([]string, len(docs))
	for i, d := range docs {
		urls[i] = d.URL
	}
	b := NewBuilder(urls)
	got := map[string][]byte{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := len(docs) - 1 - w; i >= 0; i -= 4 {
				name, data, ok := b.Add(docs[i])
				if !ok {
					t.Errorf("%s not added", docs[i].URL)
					continue
				}
				mu.Lock()
				got[name] = data
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := b.Index(0).WriteFiles(func(name string, data []byte) error {
		got[name] = data
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d files, want %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs", name)
		}
	}
}

// encodeDocRef is the first encodeDoc: json.Marshal of the fields.
func encodeDocRef(id int, d Doc) []byte {
	text := d.Text
	if utf8.RuneCountInString(text) > snippetRunes {
		// Cut after snippetRunes characters, bytes kept as they are
		// (string([]rune(…)) would turn a byte that is no UTF-8 into
		// U+FFFD itself, which json.Marshal writes as it is).
		cut := 0
		for range snippetRunes {
			_, n := utf8.DecodeRuneInString(text[cut:])
			cut += n
		}
		text = text[:cut]
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

// FuzzEncodeDoc: a document's file is written by hand exactly as
// json.Marshal wrote it, whatever the text holds (quotes, markup, line
// separators, invalid UTF-8) and however long it is.
func FuzzEncodeDoc(f *testing.F) {
	f.Add("a/b/", "12号楼 <公约>", "故事", "", "工农三村", "楼道\u2028\"干净\"&整洁\x01", 3)
	f.Add("", "", "", "", "", "\xff\xfe", 0)
	f.Add("x/", "t", "k", "g", "c", strings.Repeat("洗手池", 600), 1499)
	f.Fuzz(func(t *testing.T, url, title, kind, group, community, text string, id int) {
		d := Doc{URL: url, Title: title, Kind: kind, Group: group, Community: community, Text: text}
		if got, want := encodeDoc(id, d), encodeDocRef(id, d); !bytes.Equal(got, want) {
			t.Errorf("encodeDoc:\n%q\nwant\n%q", got, want)
		}
	})
}

// TestTermSetGrows: a document with far more terms than its text's size
// foretold grows the set in place, and the next, smaller document finds
// none of them: each term once, with its flags joined.
func TestTermSetGrows(t *testing.T) {
	ts := termSet{long: map[string]int{}}
	for round, n := range []int{5000, 40, 300} {
		ts.begin(16)
		for i := range 2 * n {
			f := uint8(inTitle)
			if i >= n {
				f = inPlace
			}
			ts.add(fmt.Sprintf("%d", i%n), f)
			if i%n == 7 {
				ts.add(fmt.Sprintf("a long term %d", round), 0)
			}
		}
		if len(ts.terms) != n+1 {
			t.Fatalf("round %d: %d terms, want %d", round, len(ts.terms), n+1)
		}
		seen := map[string]bool{}
		for i, term := range ts.terms {
			want := uint8(inTitle | inPlace)
			if strings.HasPrefix(term, "a long") {
				want = 0
			}
			if seen[term] || ts.flags[i] != want {
				t.Fatalf("round %d: %q again (%v) or with flags %d, want %d", round, term, seen[term], ts.flags[i], want)
			}
			seen[term] = true
		}
		ts.reset()
	}
}
