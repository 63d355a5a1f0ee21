package content

import (
	"cmp"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
	"wallpress/generator/yamlutil"
)

// Dir is the folder, under the site root, that holds the content.
const Dir = "content"

// people lists residents named in the record's text, so that the website
// masks them (on a photo record a number is the count of people in it).
var commonKeys = []string{"type", "title", "date", "draft", "publish", "summary", "people"}

var kindKeys = map[Kind][]string{
	KindSite:         {"intro"},
	KindCommunity:    {"name", "address", "groups"},
	KindGroup:        {"name", "households", "leader", "council", "slogan", "brand", "photo"},
	KindConvention:   {"adopted", "households", "signed"},
	KindPhoto:        {"photo", "photos", "taken"},
	KindLedger:       {"period", "opening", "closing", "keeper", "auditor", "csv"},
	KindStory:        {"before", "after", "focus", "pairs", "location", "quote"},
	KindDeliberation: {"stage", "meeting", "participants", "decision", "votes"},
	KindActivity:     {"photos"},
}

// Options say what to read.
type Options struct {
	// Drafts reads the files marked draft: true as well, with Page.Draft
	// set, so that serve can show a record while it is being written.
	// Without it drafts are left out, as every build does.
	Drafts bool
}

// Parse reads one content file. name is its path from the site root
// ("content/a/b.md"). It returns nil for drafts and unreadable files.
func Parse(fsys fs.FS, name string, data []byte, list *diag.List) *Page {
	return parse(fsys, name, data, Options{}, list)
}

// ParseWith is Parse with options: with o.Drafts a draft is read too.
func ParseWith(fsys fs.FS, name string, data []byte, o Options, list *diag.List) *Page {
	return parse(fsys, name, data, o, list)
}

func parse(fsys fs.FS, file string, data []byte, o Options, list *diag.List) *Page {
	data = normalize(data, file, list)
	if data == nil {
		return nil
	}
	front, body, frontLine, bodyLine, ok := split(data, file, list)
	if !ok {
		return nil
	}
	src := yamlutil.Source{File: file, FirstLine: frontLine, List: list}
	doc := src.Parse(front)
	if doc == nil {
		return nil
	}
	m := yamlutil.Root(doc)
	f := &fields{src}
	draft := f.boolean(m, "draft")
	if draft && !o.Drafts {
		return nil
	}
	rel := mdName(strings.TrimPrefix(file, Dir+"/"))
	kind, ok := f.kind(m, rel)
	if !ok {
		return nil
	}
	f.checkKeys(m, append(slices.Clone(commonKeys), kindKeys[kind]...))
	p := &Page{
		Kind:     kind,
		File:     file,
		Rel:      rel,
		URL:      pageURL(rel),
		Title:    f.str(m, "title"),
		Date:     f.date(m, "date"),
		Summary:  f.str(m, "summary"),
		Publish:  f.publish(m),
		Draft:    draft,
		Body:     body,
		BodyLine: bodyLine,
	}
	if n := get(m, "people"); n != nil && !(kind == KindPhoto && n.Kind == yaml.ScalarNode && !isRoomLine(n) && startsWithDigit(n.Value)) {
		p.People = f.strList(m, "people")
	}
	dir := path.Dir(rel)
	img := func(n *yaml.Node, key string) Image {
		v := f.str(n, key)
		if v == "" {
			return Image{}
		}
		src, ok := f.resolve(fsys, dir, v, get(n, key))
		if !ok {
			return Image{}
		}
		return Image{Src: src, Line: f.pos(get(n, key)).Line}
	}
	images := func(key string) []Image {
		var out []Image
		for _, it := range f.items(m, key, []string{"file", "caption"}) {
			if im := img(it, "file"); im.Src != "" {
				im.Caption = f.str(it, "caption")
				out = append(out, im)
			}
		}
		return out
	}
	switch kind {
	case KindSite:
		p.Site = &SiteData{Intro: f.str(m, "intro")}
	case KindCommunity:
		p.CommunityM = &CommunityData{Name: f.str(m, "name"), Address: f.str(m, "address"), Order: f.strList(m, "groups")}
		p.Title = cmp.Or(p.Title, p.CommunityM.Name)
	case KindGroup:
		g := &GroupData{Name: f.str(m, "name"), Leader: f.str(m, "leader"), Slogan: f.str(m, "slogan"), Brand: f.str(m, "brand")}
		g.Households, _ = f.count(m, "households")
		for _, it := range f.items(m, "council", []string{"name", "role"}) {
			g.Council = append(g.Council, Member{Name: f.str(it, "name"), Role: f.str(it, "role")})
		}
		g.Photo = img(m, "photo")
		if n := get(m, "name"); n != nil {
			g.NameLine = f.pos(n).Line
		}
		p.GroupM = g
		p.Title = cmp.Or(p.Title, g.Name)
	case KindConvention:
		c := &Convention{Adopted: f.date(m, "adopted")}
		c.Households, _ = f.count(m, "households")
		if n := get(m, "signed"); n != nil && (n.Kind == yaml.SequenceNode || isRoomLine(n)) {
			c.Rooms = f.strList(m, "signed")
			c.Signed = len(c.Rooms)
		} else {
			c.Signed, _ = f.count(m, "signed")
		}
		p.Convention = c
	case KindPhoto:
		ph := &Photo{Taken: f.date(m, "taken"), Photos: images("photos")}
		if im := img(m, "photo"); im.Src != "" {
			ph.Photos = append([]Image{im}, ph.Photos...)
		}
		if p.People == nil {
			ph.People, _ = f.count(m, "people")
		}
		p.Photo = ph
	case KindLedger:
		l := &Ledger{Period: f.str(m, "period"), Keeper: f.str(m, "keeper"), Auditor: f.str(m, "auditor")}
		l.Opening, _ = f.money(m, "opening")
		if v, ok := f.money(m, "closing"); ok {
			l.Closing = &v
			l.ClosingLine = f.pos(get(m, "closing")).Line
		}
		if v := f.str(m, "csv"); v != "" {
			n := get(m, "csv")
			l.CSVLine = f.pos(n).Line
			l.CSV, _ = f.resolve(fsys, dir, v, n)
		}
		p.Ledger = l
	case KindStory:
		s := &Story{Location: f.str(m, "location")}
		if before, after := img(m, "before"), img(m, "after"); before.Src != "" || after.Src != "" {
			s.Pairs = append(s.Pairs, Pair{Before: before, After: after, Focus: f.str(m, "focus")})
		}
		for _, it := range f.items(m, "pairs", []string{"before", "after", "caption", "focus"}) {
			s.Pairs = append(s.Pairs, Pair{Before: img(it, "before"), After: img(it, "after"), Caption: f.str(it, "caption"), Focus: f.str(it, "focus")})
		}
		for _, pr := range s.Pairs {
			if (pr.Before.Src == "") != (pr.After.Src == "") {
				list.Error(diag.Pos{File: file, Line: max(pr.Before.Line, pr.After.Line)}, "content.pairHalf", nil, "content.pairHalf.hint")
			}
			if _, ok := FocusPosition(pr.Focus); !ok {
				list.Error(diag.Pos{File: file, Line: pr.Before.Line}, "content.badValue", diag.Args{"key": "focus", "value": pr.Focus, "want": "focus"}, "content.badValue.hint.focus")
			}
		}
		if q := f.object(m, "quote", []string{"text", "by"}); q != nil {
			s.Quote = Quote{Text: f.str(q, "text"), By: f.str(q, "by")}
		}
		p.Story = s
	case KindDeliberation:
		d := &Deliberation{Meeting: f.date(m, "meeting"), Participants: f.strList(m, "participants"), Decision: f.str(m, "decision")}
		d.Stage = f.stage(m)
		if v := f.object(m, "votes", []string{"for", "against", "abstain"}); v != nil {
			d.Votes.For, _ = f.count(v, "for")
			d.Votes.Against, _ = f.count(v, "against")
			d.Votes.Abstain, _ = f.count(v, "abstain")
			d.Votes.Given = true
		}
		p.Deliberation = d
	case KindActivity:
		p.Activity = &Activity{Photos: images("photos")}
	}
	switch {
	case p.Title != "" || kind == KindSite:
	case kind == KindCommunity || kind == KindGroup:
		// Their title is their name, which `new` leaves for the volunteer
		// to fill in: say which key that is.
		pos := diag.Pos{File: file, Line: 1}
		if n := get(m, "name"); n != nil {
			pos = f.pos(n)
		}
		list.Error(pos, "content.noName", diag.Args{"type": string(kind)}, "content.noName.hint."+string(kind))
	default:
		list.Error(diag.Pos{File: file, Line: 1}, "content.noTitle", nil, "content.noTitle.hint")
	}
	return p
}

// isRoomLine reports a value that lists rooms on one line ("101, 102、201")
// rather than giving a count.
func isRoomLine(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && len(yamlutil.SplitList(n.Value)) > 1
}

// KindAlias returns the kind a Chinese word names (公约 is convention), as
// volunteers call the records.
func KindAlias(word string) (Kind, bool) {
	k, ok := map[string]Kind{
		"首页": KindSite, "网站": KindSite,
		"居民区": KindCommunity, "小区": KindCommunity, "社区": KindCommunity,
		"楼组": KindGroup,
		"公约": KindConvention, "楼组公约": KindConvention,
		"全家福": KindPhoto, "照片": KindPhoto, "合影": KindPhoto,
		"账本": KindLedger, "自治账本": KindLedger, "账目": KindLedger,
		"楼道": KindStory, "美丽楼道": KindStory, "文明楼道": KindStory, "故事": KindStory,
		"议事": KindDeliberation, "协商": KindDeliberation, "议事会": KindDeliberation,
		"活动": KindActivity,
	}[strings.TrimSpace(word)]
	return k, ok
}

func (f *fields) checkKeys(m *yaml.Node, known []string) { f.CheckKeys(m, known) }

// kind returns the page's type, from `type:` or inferred from the file's
// name and place.
func (f *fields) kind(m *yaml.Node, rel string) (Kind, bool) {
	depth := strings.Count(rel, "/")
	base := path.Base(rel)
	if n := get(m, "type"); !isNull(n) {
		k := Kind(strings.ToLower(strings.TrimSpace(n.Value)))
		if !k.Valid() {
			names := make([]string, len(AllKinds))
			for i, k := range AllKinds {
				names[i] = string(k)
			}
			near := yamlutil.Nearest(n.Value, names)
			if a, ok := KindAlias(n.Value); ok {
				near = string(a)
			}
			hint := "content.unknownType.hint"
			if near != "" {
				hint = "content.unknownType.nearest"
			}
			f.List.Error(f.pos(n), "content.unknownType", diag.Args{"type": clip(n.Value), "types": strings.Join(names, ", "), "nearest": near}, hint)
			return "", false
		}
		return k, f.placed(k, depth, rel)
	}
	var k Kind
	if base == "_index.md" {
		switch depth {
		case 0:
			k = KindSite
		case 1:
			k = KindCommunity
		case 2:
			k = KindGroup
		}
	} else {
		stem := strings.ToLower(strings.TrimSuffix(base, path.Ext(base)))
		for _, r := range []struct {
			prefix string
			kind   Kind
		}{
			{"convention", KindConvention}, {"family-photo", KindPhoto}, {"photo", KindPhoto},
			{"account", KindLedger}, {"ledger", KindLedger}, {"story", KindStory}, {"corridor", KindStory},
			{"deliberation", KindDeliberation}, {"consultation", KindDeliberation}, {"activity", KindActivity},
		} {
			if strings.HasPrefix(stem, r.prefix) {
				k = r.kind
				break
			}
		}
	}
	if k == "" {
		f.List.Error(diag.Pos{File: f.File, Line: 1}, "content.noType", nil, "content.noType.hint")
		return "", false
	}
	return k, f.placed(k, depth, rel)
}

// placed checks that a page of kind k sits where that kind belongs:
// the site at content/_index.md, a community one folder down, a group two
// folders down, records inside a group.
func (f *fields) placed(k Kind, depth int, rel string) bool {
	index := path.Base(rel) == "_index.md"
	ok := false
	switch k {
	case KindSite:
		ok = depth == 0 && index
	case KindCommunity:
		ok = depth == 1 && index
	case KindGroup:
		ok = depth == 2 && index
	default:
		ok = depth >= 2 && !index
	}
	if !ok {
		f.List.Error(diag.Pos{File: f.File, Line: 1}, "content.misplaced."+string(k), diag.Args{"type": string(k)}, "content.misplaced.hint")
	}
	return ok
}

func (f *fields) publish(m *yaml.Node) Publish {
	n := get(m, "publish")
	if isNull(n) {
		return Everywhere
	}
	switch p := Publish(strings.ToLower(strings.TrimSpace(n.Value))); p {
	case Everywhere, Wall, Nowhere:
		return p
	}
	f.bad(n, "publish", "publish")
	return Everywhere
}

func (f *fields) stage(m *yaml.Node) Stage {
	n := get(m, "stage")
	if isNull(n) {
		f.List.Error(diag.Pos{File: f.File, Line: 1}, "content.missingKey", diag.Args{"key": "stage"}, "content.badValue.hint.stage")
		return StageCollected
	}
	if s, ok := parseStage(n.Value); ok {
		return s
	}
	f.bad(n, "stage", "stage")
	return StageCollected
}

// parseStage reads a stage by its English word or by the name volunteers
// know it by from the 三上三下 method (二上二下, 商定方案), with or
// without spaces and full-width letters.
func parseStage(v string) (Stage, bool) {
	t := strings.ToLower(strings.TrimSpace(yamlutil.Narrow(v)))
	if s := Stage(t); slices.Contains(Stages, s) {
		return s, true
	}
	// 二上二下（商定方案）, 二上二下 商定方案: the name without spaces and
	// punctuation.
	t = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsPunct(r) {
			return -1
		}
		return r
	}, t)
	s, ok := map[string]Stage{
		"一上一下": StageCollected, "收集民意": StageCollected, "一上一下收集民意": StageCollected,
		"二上二下": StageDiscussed, "商定方案": StageDiscussed, "二上二下商定方案": StageDiscussed,
		"三上三下": StageAgreed, "形成决议": StageAgreed, "三上三下形成决议": StageAgreed,
		"落实": StageDone, "完成": StageDone, "落实完成": StageDone, "已落实": StageDone, "已完成": StageDone,
	}[t]
	return s, ok
}

// resolve turns a path written in a record into a slash path relative to
// content/, checking that it stays inside content/ and names a file.
func (f *fields) resolve(fsys fs.FS, dir, v string, n *yaml.Node) (string, bool) {
	// Volunteers on Windows type backslashes.
	v = strings.ReplaceAll(v, `\`, "/")
	if path.IsAbs(v) || strings.Contains(v, ":") {
		f.List.Error(f.pos(n), "content.pathAbsolute", diag.Args{"path": v}, "content.path.hint")
		return "", false
	}
	p := path.Join(dir, v)
	if p == ".." || strings.HasPrefix(p, "../") {
		f.List.Error(f.pos(n), "content.pathOutside", diag.Args{"path": v}, "content.path.hint")
		return "", false
	}
	st, err := fs.Stat(fsys, Dir+"/"+p)
	if err != nil || st.IsDir() {
		if link, target, out := linkOutside(fsys, Dir+"/"+p); out {
			f.List.Error(f.pos(n), "content.pathLink", diag.Args{"path": v, "link": link, "target": Printable(target)}, "content.symlink.hint")
			return "", false
		}
		args, hint := diag.Args{"path": v}, "content.fileMissing.hint"
		if near := NearestFile(fsys, Dir+"/"+path.Dir(p), path.Base(p)); near != "" {
			// Named as the volunteer wrote it, folder included, so that it
			// can be copied into the record as it stands.
			args["nearest"], hint = path.Join(path.Dir(v), near), "content.fileMissing.nearest"
		}
		f.List.Error(f.pos(n), "content.fileMissing", args, hint)
		return "", false
	}
	return p, true
}

// pageURL maps a content path to the page's URL path: a/b/c.md → a/b/c/,
// a/_index.md → a/.
func pageURL(rel string) string {
	dir, base := path.Split(rel)
	if base == "_index.md" {
		return dir
	}
	return dir + strings.TrimSuffix(base, path.Ext(base)) + "/"
}

// startsWithDigit reports a value that begins with a digit, ASCII or
// full-width (36, ３６人): a count, not a name.
func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return unicode.IsDigit(r)
}
