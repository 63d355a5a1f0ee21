package yamlutil

import (
	"iter"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"wallpress/generator/diag"
)

// Nearest returns the known key closest to key, or "" when none is close
// enough to be a likely typo. Distance is counted in characters, ignoring
// case, with a swap of two neighbours counting as one edit; a candidate
// must be within about a third of key's length (at least one edit).
//
// A key written in Chinese is matched by meaning (标题 is title), because a
// volunteer who writes the key in Chinese has no spelling to be near.
func Nearest(key string, known []string) string {
	if a, ok := keyAliases()[strings.TrimSpace(key)]; ok {
		for _, k := range strings.Split(a, " ") {
			if containsKey(known, k) {
				return k
			}
		}
	}
	k := []rune(strings.ToLower(strings.TrimSpace(Narrow(key))))
	if len(k) == 0 {
		return ""
	}
	limit := max(1, len(k)/3)
	best, bestD := "", limit+1
	for _, cand := range known {
		d := distance(k, []rune(strings.ToLower(cand)))
		if d < bestD {
			best, bestD = cand, d
		}
	}
	return best
}

// keyAliases maps Chinese words to the keys they translate, of the front
// matter and of config.yaml. Where a word fits several keys, they are listed
// by preference and the first one the mapping allows is taken.
func keyAliases() map[string]string {
	return map[string]string{
		"标题": "title", "题目": "title", "名称": "name title", "名字": "name title",
		"日期": "date", "时间": "date meeting", "类型": "type", "种类": "type",
		"草稿": "draft", "发布": "publish", "摘要": "summary", "简介": "summary intro", "介绍": "intro summary",
		"地址": "address", "户数": "households", "楼组长": "leader", "组长": "leader",
		"骨干": "council", "楼组骨干": "council", "口号": "slogan", "品牌": "brand", "称号": "brand",
		"照片": "photo photos", "图片": "photo photos", "合影": "photo",
		"通过日期": "adopted", "签字": "signed", "签名": "signed", "人数": "people",
		"拍摄日期": "taken", "期间": "period", "账期": "period",
		"期初": "opening", "期初余额": "opening", "上期结余": "opening", "期末": "closing", "期末余额": "closing", "结余": "closing",
		"记账人": "keeper", "记账": "keeper", "审核人": "auditor", "审核": "auditor",
		"地点": "location", "位置": "location", "前": "before", "改造前": "before", "后": "after", "改造后": "after",
		"引言": "quote", "阶段": "stage", "会议日期": "meeting", "会议": "meeting",
		"参加人": "participants", "参会人": "participants", "参与人": "participants",
		"决定": "decision", "决议": "decision", "表决": "votes", "投票": "votes",
		"赞成": "for", "反对": "against", "弃权": "abstain", "文件": "file", "说明": "caption", "图说": "caption",
		"姓名": "name", "职务": "role", "分工": "role", "内容": "text", "说话人": "by",
		"网站名称": "title", "网址": "baseURL", "语言": "language", "主题": "theme",
		"海报": "posters", "纸张": "size", "方向": "orientation", "出血": "bleed", "裁切线": "cropMarks",
		"图片宽度": "widths", "宽度": "widths", "质量": "quality", "隐私": "privacy",
	}
}

// distance is the optimal string alignment distance (Levenshtein plus
// transposition of neighbours).
// Distance is the number of single-character edits (insert, delete,
// replace, or swap of two neighbours) that turn a into b, case included.
func Distance(a, b string) int { return distance([]rune(a), []rune(b)) }

func distance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// CheckKeys reports every key of mapping node m that is not in known as an
// error "yaml.unknownKey" with Args {key, nearest}, at the key's line
// (node.Line + firstLine - 1); the hint "yaml.hint.nearest" is given only
// when a near key exists.
func CheckKeys(m *yaml.Node, known []string, file string, firstLine int, list *diag.List) {
	Source{File: file, FirstLine: firstLine, List: list}.CheckKeys(m, known)
}

// CheckKeys is the method form of the package function CheckKeys.
func (s Source) CheckKeys(m *yaml.Node, known []string) {
	for k := range Pairs(m) {
		if !containsKey(known, k.Value) {
			s.UnknownKey(k, known)
		}
	}
}

// UnknownKey reports key node k as unknown, naming the nearest of known.
func (s Source) UnknownKey(k *yaml.Node, known []string) {
	near := Nearest(k.Value, known)
	hint := ""
	if near != "" {
		hint = "yaml.hint.nearest"
	}
	s.Error(k, "yaml.unknownKey", diag.Args{"key": clip(k.Value), "nearest": near}, hint)
}

func containsKey(known []string, key string) bool {
	for _, k := range known {
		if k == key {
			return true
		}
	}
	return false
}

// Pairs yields the key and value nodes of mapping m in order. It yields
// nothing when m is nil or not a mapping.
func Pairs(m *yaml.Node) iter.Seq2[*yaml.Node, *yaml.Node] {
	return func(yield func(*yaml.Node, *yaml.Node) bool) {
		if m == nil || m.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			if !yield(m.Content[i], m.Content[i+1]) {
				return
			}
		}
	}
}

// Get returns the value of key in mapping m, or nil.
func Get(m *yaml.Node, key string) *yaml.Node {
	for k, v := range Pairs(m) {
		if k.Value == key {
			return v
		}
	}
	return nil
}

// Root returns the mapping of a document returned by Parse, or nil.
func Root(doc *yaml.Node) *yaml.Node {
	if doc == nil {
		return nil
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil
		}
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return nil
	}
	return doc
}

// Narrow turns full-width ASCII forms (Ａ３, １５０, ｔｒｕｅ, the ideographic
// space) into their ordinary forms, so that values typed with a Chinese input
// method in full-width mode are understood.
func Narrow(s string) string {
	if !strings.ContainsFunc(s, isWide) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= '\uFF01' && r <= '\uFF5E':
			return r - 0xFEE0
		}
		return r
	}, s)
}

func isWide(r rune) bool { return r == '\u3000' || r >= '\uFF01' && r <= '\uFF5E' }

// isBlank reports whether s is empty or white space only (including the
// ideographic space).
func isBlank(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }
