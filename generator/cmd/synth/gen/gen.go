// Package gen writes a synthetic sub-district: a complete Wallpress site
// (config.yaml, content/ and a copy of a theme) with any number of
// neighbourhoods and building groups, every record type,
// realistic Chinese text, balanced ledgers of about forty rows, and
// optionally generated photos. The same options and seed always give the
// same bytes, so benchmark figures can be reproduced anywhere.
package gen

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// ImageSize says which photos the synthetic records carry.
type ImageSize string

// The image settings of Options.Images.
const (
	// NoImages leaves every image key out: a pure text site.
	NoImages ImageSize = "none"
	// SmallImages are 640×480 pictures, quick to make and to process.
	SmallImages ImageSize = "small"
	// LargeImages are 4000×3000 pictures, what a phone takes.
	LargeImages ImageSize = "large"
)

// Options describe the site to write.
type Options struct {
	// Out is the folder to create; it must not exist or be empty.
	Out string
	// Communities and Groups are the number of neighbourhoods and of
	// building groups in each.
	Communities, Groups int
	Seed                uint64
	Images              ImageSize
	// Theme is the theme folder to copy into Out/themes/default; empty
	// copies nothing.
	Theme string
}

// Stats tell what was written.
type Stats struct {
	Markdown, Images, Other int
	Bytes                   int64
}

// Generate writes the site described by o.
func Generate(o Options) (Stats, error) {
	var st Stats
	switch o.Images {
	case NoImages, SmallImages, LargeImages:
	case "":
		o.Images = NoImages
	default:
		return st, fmt.Errorf("images must be none, small or large, not %q", o.Images)
	}
	if o.Communities < 1 || o.Groups < 1 {
		return st, errors.New("communities and groups must be at least 1")
	}
	if ents, err := os.ReadDir(o.Out); err == nil && len(ents) > 0 {
		return st, fmt.Errorf("%s already exists and is not empty: remove it or choose another folder", o.Out)
	}
	w := &writer{root: o.Out}
	if o.Theme != "" {
		if err := copyTree(o.Theme, filepath.Join(o.Out, "themes", "default"), w); err != nil {
			return st, fmt.Errorf("copy theme: %w", err)
		}
	}
	w.file("config.yaml", []byte(config))
	w.markdown("content/_index.md", home(o))

	// Each neighbourhood on a core of its own; the writer keeps the first
	// error.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for c := range o.Communities {
		g.Go(func() error { community(o, c, w); return nil })
	}
	g.Wait()
	return w.stats, w.err
}

// config is the synthetic site's config.yaml: the demo's settings, with
// PDF posters off so that a benchmark never waits for a browser.
const config = `title: 殷行街道楼组自治成果墙
baseURL: https://example.gov.cn/louzu/
language: zh-CN
theme: default
posters:
  size: A3
  pdf: never
images:
  widths: [480, 960, 1600]
  quality: 82
privacy:
  maskNamesOnline: true
`

// writer writes files under root from many goroutines and keeps the first
// error.
type writer struct {
	root  string
	mu    sync.Mutex
	err   error
	stats Stats
}

func (w *writer) write(rel string, data []byte) {
	p := filepath.Join(w.root, filepath.FromSlash(rel))
	err := os.MkdirAll(filepath.Dir(p), 0o755)
	if err == nil {
		err = os.WriteFile(p, data, 0o644)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil && w.err == nil {
		w.err = err
	}
	w.stats.Bytes += int64(len(data))
}

func (w *writer) markdown(rel, text string) {
	w.write(rel, []byte(text))
	w.mu.Lock()
	w.stats.Markdown++
	w.mu.Unlock()
}

func (w *writer) file(rel string, data []byte) {
	w.write(rel, data)
	w.mu.Lock()
	w.stats.Other++
	w.mu.Unlock()
}

func (w *writer) image(rel string, data []byte) {
	w.write(rel, data)
	w.mu.Lock()
	w.stats.Images++
	w.mu.Unlock()
}

func copyTree(src, dst string, w *writer) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
}

// rng returns the random source of one part of the site, so that each part
// is the same whatever order the workers run in.
func rng(seed uint64, parts ...int) *rand.Rand {
	s := seed
	for _, p := range parts {
		s = s*1_000_003 + uint64(p) + 1
	}
	return rand.New(rand.NewPCG(seed, s))
}

// communityName returns neighbourhood c's Chinese name and folder.
func communityName(c int) (zh, folder string) {
	p := communityPrefixes[c%len(communityPrefixes)]
	s := communitySuffixes[(c/len(communityPrefixes))%len(communitySuffixes)]
	zh, folder = p.zh+s.zh, p.py+"-"+s.py
	if round := c / (len(communityPrefixes) * len(communitySuffixes)); round > 0 {
		zh += fmt.Sprintf("（%d）", round+1)
		folder += fmt.Sprintf("-%d", round+1)
	}
	return zh, folder
}

// groupName returns group g's name and folder: 12号楼3单元, building-12-3.
func groupName(g int) (zh, folder string) {
	b, u := g/3+1, g%3+1
	return fmt.Sprintf("%d号楼%d单元", b, u), fmt.Sprintf("building-%d-%d", b, u)
}

func home(o Options) string {
	r := rng(o.Seed, -1)
	var b strings.Builder
	b.WriteString("---\ntitle: 殷行街道楼组自治成果墙\n")
	b.WriteString("intro: 楼道是大家的，事情大家商量着办。这里记下殷行街道各居民区楼组自己订公约、自己记账、自己动手做成的事。\n")
	b.WriteString("summary: 殷行街道楼组自治成果：楼组公约、全家福、自治账本、美丽楼道和居民议事。\n---\n\n")
	b.WriteString("欢迎来到殷行街道楼组自治成果墙。\n\n")
	b.WriteString(paragraphs(r, 3))
	fmt.Fprintf(&b, "\n\n目前展示的是**%d个居民区**、**%d个楼组**整理的成果。\n", o.Communities, o.Communities*o.Groups)
	return b.String()
}

func community(o Options, c int, w *writer) {
	r := rng(o.Seed, c)
	zh, folder := communityName(c)
	var b strings.Builder
	fmt.Fprintf(&b, "---\nname: %s\naddress: 上海市杨浦区殷行街道%s%d弄\n", zh, pick(r, streets), 100+r.IntN(900))
	if c%3 == 0 {
		// Some neighbourhoods give their groups' order; the rest are sorted
		// by folder name.
		b.WriteString("groups:\n")
		for g := range o.Groups {
			_, gf := groupName(g)
			fmt.Fprintf(&b, "  - %s\n", gf)
		}
	}
	fmt.Fprintf(&b, "summary: %s\n---\n\n", yq(zh+"从文明楼道做起，用“三上三下”的办法，让居民自己商量解决身边的难题。"))
	b.WriteString(paragraphs(r, 2))
	b.WriteString("\n\n## 从楼道做起\n\n")
	b.WriteString(paragraphs(r, 2))
	b.WriteString("\n\n## “三上三下”议事法\n\n")
	b.WriteString("- **一上一下，收集民意**：通过居民接待日、意见箱、议事本，把大家觉得难办的事收上来。\n")
	b.WriteString("- **二上二下，商定方案**：大家先排出轻重缓急，再针对每件事“量体裁衣”拿方案。\n")
	b.WriteString("- **三上三下，形成决议**：方案拿到议事会上表决，通过后分工落实，落实情况再向居民反馈。\n\n")
	b.WriteString(paragraphs(r, 1))
	b.WriteString("\n")
	w.markdown("content/"+folder+"/_index.md", b.String())
	for g := range o.Groups {
		group(o, c, g, "content/"+folder, w)
	}
}

// people are a group's named residents.
type people struct {
	leader, keeper, auditor string
	council                 []member
}

type member struct{ name, role string }

func group(o Options, c, g int, dir string, w *writer) {
	r := rng(o.Seed, c, g)
	zh, folder := groupName(g)
	dir += "/" + folder
	households := 12 + r.IntN(25)
	ps := people{leader: name(r)}
	ps.council = append(ps.council, member{ps.leader, "楼组长"})
	for i := range 2 + r.IntN(4) {
		ps.council = append(ps.council, member{name(r), roles[i%len(roles)]})
	}
	ps.keeper, ps.auditor = ps.council[min(2, len(ps.council)-1)].name, ps.council[len(ps.council)-1].name
	img := func(file string) string {
		if o.Images == NoImages {
			return ""
		}
		w.image(dir+"/"+file, picture(o.Images, o.Seed, c, g, file))
		return file
	}
	topic := topics[r.IntN(len(topics))]
	delib := "deliberation-" + topic.slug + ".md"
	if r.IntN(2) == 0 {
		delib = "consultation-" + topic.slug + ".md"
	}

	var b strings.Builder
	fmt.Fprintf(&b, "---\nname: %s\nhouseholds: %d\nleader: %s\ncouncil:\n", zh, households, ps.leader)
	for _, m := range ps.council {
		fmt.Fprintf(&b, "  - name: %s\n    role: %s\n", m.name, m.role)
	}
	fmt.Fprintf(&b, "slogan: %s\nbrand: %s\n", pick(r, slogans), pick(r, brands))
	if f := img("team.jpg"); f != "" {
		fmt.Fprintf(&b, "photo: %s\n", f)
	}
	fmt.Fprintf(&b, "summary: %s\n---\n\n", yq(fmt.Sprintf("%d户人家，从清楼道开始，订公约、拍全家福、记一本人人看得懂的账。", households)))
	fmt.Fprintf(&b, "%s是一栋%d层老楼，共%d户，一半以上是八十年代就搬进来的老住户，也有几户年轻租客。\n\n", zh, 5+r.IntN(2), households)
	b.WriteString(paragraphs(r, 3))
	b.WriteString("\n\n接下来的一年，楼组一起做了这些事：\n\n")
	b.WriteString(bullets(r, 4+r.IntN(3)))
	w.markdown(dir+"/_index.md", b.String())

	w.markdown(dir+"/convention.md", convention(r, zh, households))
	w.markdown(dir+"/family-photo.md", photo(r, zh, img("family.jpg")))
	if g%20 == 7 {
		md, csv := ledgerCSV(r, zh, ps)
		w.markdown(dir+"/account-2024.md", md)
		w.file(dir+"/account-2024.csv", csv)
	} else {
		w.markdown(dir+"/account-2024.md", ledgerMD(r, zh, ps))
	}
	w.markdown(dir+"/corridor-2024.md", story(r, zh, img("before.jpg"), img("after.jpg"), delib, topic.title))
	w.markdown(dir+"/"+delib, deliberation(r, zh, topic.title, topic.problem))
	act := activityKinds[r.IntN(len(activityKinds))]
	w.markdown(dir+"/activity-"+act.slug+".md", activity(r, act.title, img("activity.jpg"), (c+g)%50 == 3))
}

// yq quotes s as a YAML double-quoted string.
func yq(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func date(r *rand.Rand, fromMonth, toMonth int) time.Time {
	m := fromMonth + r.IntN(toMonth-fromMonth+1)
	return time.Date(2024, time.Month(m), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
}

func iso(t time.Time) string { return t.Format("2006-01-02") }

func convention(r *rand.Rand, group string, households int) string {
	adopted := date(r, 1, 6)
	signed := households - r.IntN(4)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s楼组公约\ndate: %s\nadopted: %s\n", group, iso(adopted), iso(adopted))
	if r.IntN(3) == 0 {
		fmt.Fprintf(&b, "signed: %d\n", signed)
	} else {
		b.WriteString("signed:\n")
		n := 0
		for floor := 1; n < signed; floor++ {
			for unit := 1; unit <= 4 && n < signed; unit++ {
				fmt.Fprintf(&b, "  - \"%d0%d\"\n", floor, unit)
				n++
			}
		}
	}
	n := 7 + r.IntN(4)
	fmt.Fprintf(&b, "summary: %s\n---\n\n", yq(fmt.Sprintf("%d条公约，由全楼住户一起商量订立，%d户中%d户签名。", n, households, signed)))
	perm := r.Perm(len(articles))
	for i := range n {
		fmt.Fprintf(&b, "%d. %s\n", i+1, articles[perm[i]])
	}
	b.WriteString("\n")
	b.WriteString(paragraphs(r, 1))
	b.WriteString("\n")
	return b.String()
}

func photo(r *rand.Rand, group, file string) string {
	taken := date(r, 3, 10)
	n := 15 + r.IntN(30)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntype: photo\ntitle: %s楼组全家福\ndate: %s\ntaken: %s\npeople: %d\n", group, iso(taken), iso(taken), n)
	if file != "" {
		fmt.Fprintf(&b, "photos:\n  - file: %s\n    caption: %s\n", file, yq(fmt.Sprintf("%d月%d日，%s的邻居们在楼门口合影", taken.Month(), taken.Day(), group)))
	}
	fmt.Fprintf(&b, "summary: %s\n---\n\n", yq(fmt.Sprintf("%d位邻居第一次站在一起拍了张全家福。", n)))
	b.WriteString(paragraphs(r, 4))
	b.WriteString("\n")
	return b.String()
}

// money formats fen as the ledgers write it: 1,234.50.
func money(fen int64) string {
	s := fmt.Sprintf("%d.%02d", fen/100, fen%100)
	intPart, frac, _ := strings.Cut(s, ".")
	var out []byte
	for i, c := range []byte(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out) + "." + frac
}

// row is one ledger entry.
type row struct {
	date                 time.Time
	item, category, by   string
	income, expense, bal int64
	assert               bool
	note                 string
}

// entries makes about forty rows in date order whose running balance
// stays above 100 yuan (a volunteer collects money before spending it);
// every tenth row asserts the balance.
func entries(r *rand.Rand, ps people) (opening int64, rows []row) {
	opening = int64(300+r.IntN(2000))*100 + int64(r.IntN(10))*10
	bal := opening
	n := 36 + r.IntN(9)
	day := 0
	for i := range n {
		day += 1 + r.IntN(365/n*2-1)
		day = min(day, 364)
		e := row{date: time.Date(2024, 1, 1+day, 0, 0, 0, 0, time.UTC), by: pick(r, ps.council).name}
		it := pick(r, expenseItems)
		spend := int64(it.lo+r.IntN(it.hi-it.lo+1))*100 + int64(r.IntN(2))*50
		if i%8 == 0 || bal-spend < 10000 {
			it := pick(r, incomeItems)
			e.item, e.category = it.item, it.category
			hh := 10 + r.IntN(15)
			e.income = int64(hh) * int64(20+20*r.IntN(3)) * 100
			if e.category != "筹款" {
				e.income = int64(100+r.IntN(500)) * 100
			} else {
				e.note = fmt.Sprintf("%d户", hh)
			}
		} else {
			e.item, e.category, e.expense = it.item, it.category, spend
		}
		bal += e.income - e.expense
		e.bal = bal
		e.assert = i%10 == 9
		if e.note == "" && r.IntN(4) == 0 {
			e.note = pick(r, []string{"票据在记账员家", "花鸟市场购买", "王师傅义务施工", "每户一份", "居委会发放", "已公示"})
		}
		rows = append(rows, e)
	}
	return opening, rows
}

func ledgerHead(r *rand.Rand, group string, ps people, opening, closing int64, in, out int64, csv string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntype: ledger\ntitle: %s2024年自治账本\ndate: 2024-12-31\nperiod: 2024年\n", group)
	fmt.Fprintf(&b, "opening: %s\nclosing: %s\nkeeper: %s\nauditor: %s\n", yq(money(opening)), yq(money(closing)), ps.keeper, ps.auditor)
	if csv != "" {
		fmt.Fprintf(&b, "csv: %s\n", csv)
	}
	fmt.Fprintf(&b, "summary: %s\n---\n\n", yq(fmt.Sprintf("2024年全年收入%s元，支出%s元，年末结余%s元，每季度上墙公示。", money(in), money(out), money(closing))))
	fmt.Fprintf(&b, "楼组的钱来自大家每季度自愿筹款和居委会的评比奖励，用在楼道清洁、绿植、公告栏、节日活动上。记账员%s每笔记账，监督员%s每季度核对一次票据，核对后在结余一栏写上当时的余额。\n\n", ps.keeper, ps.auditor)
	fmt.Fprintf(&b, "上年结转%s元。全年的账如下，票据原件在记账员家，谁想看都可以去看。\n\n", money(opening))
	return b.String()
}

func totals(rows []row) (in, out int64) {
	for _, e := range rows {
		in += e.income
		out += e.expense
	}
	return in, out
}

func ledgerMD(r *rand.Rand, group string, ps people) string {
	opening, rows := entries(r, ps)
	in, out := totals(rows)
	closing := opening + in - out
	var b strings.Builder
	b.WriteString(ledgerHead(r, group, ps, opening, closing, in, out, ""))
	b.WriteString("| 日期 | 摘要 | 类别 | 收入 | 支出 | 经手人 | 结余 | 备注 |\n|---|---|---|---|---|---|---|---|\n")
	cell := func(v int64) string {
		if v == 0 {
			return " "
		}
		return money(v)
	}
	for _, e := range rows {
		bal := " "
		if e.assert {
			bal = money(e.bal)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", iso(e.date), e.item, e.category, cell(e.income), cell(e.expense), e.by, bal, e.note)
	}
	fmt.Fprintf(&b, "\n**年末小结**：全年收入%s元，支出%s元，年末结余%s元，结转到2025年。\n", money(in), money(out), money(closing))
	return b.String()
}

// ledgerCSV is a book kept in a spreadsheet, saved as UTF-8 CSV with a BOM
// the way Excel does.
func ledgerCSV(r *rand.Rand, group string, ps people) (md string, csv []byte) {
	opening, rows := entries(r, ps)
	in, out := totals(rows)
	closing := opening + in - out
	var c strings.Builder
	c.WriteString("\ufeff日期,摘要,类别,收入,支出,经手人,结余,备注\r\n")
	plain := func(v int64) string {
		if v == 0 {
			return ""
		}
		return fmt.Sprintf("%d.%02d", v/100, v%100)
	}
	for _, e := range rows {
		bal := ""
		if e.assert {
			bal = plain(e.bal)
		}
		fmt.Fprintf(&c, "%s,%s,%s,%s,%s,%s,%s,%s\r\n", iso(e.date), strings.ReplaceAll(e.item, ",", "，"), e.category, plain(e.income), plain(e.expense), e.by, bal, e.note)
	}
	md = ledgerHead(r, group, ps, opening, closing, in, out, "account-2024.csv") +
		fmt.Sprintf("账目记在表格里（account-2024.csv），每季度打印出来贴在公告栏。\n\n**年末小结**：全年收入%s元，支出%s元。\n", money(in), money(out))
	return md, []byte(c.String())
}

func story(r *rand.Rand, group, before, after, delib, delibTitle string) string {
	d := date(r, 2, 11)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntype: story\ntitle: %s\ndate: %s\nlocation: %s一楼至六楼楼道\n", pick(r, []string{"清出两车堆物以后", "楼道换了新模样", "绿植进了楼道", "墙面刷白了", "一盏灯也不坏", "杂物不再过夜"}), iso(d), group)
	if before != "" {
		fmt.Fprintf(&b, "pairs:\n  - before: %s\n    after: %s\n    caption: %s\n", before, after, yq("一楼楼道：左边是清理前，右边是布置好以后"))
	}
	fmt.Fprintf(&b, "quote:\n  text: %s\n  by: %s\n", yq(fill(r, pick(r, fillers))), yq(name(r)+"（"+group+"楼组长）"))
	fmt.Fprintf(&b, "summary: %s\n---\n\n", yq(fill(r, pick(r, fillers))))
	b.WriteString(paragraphs(r, 4))
	b.WriteString("\n\n后来添的东西：\n\n")
	b.WriteString(bullets(r, 3+r.IntN(3)))
	fmt.Fprintf(&b, "\n%s\n\n还没有彻底解决的事，见[《%s》](%s)。\n", paragraphs(r, 2), delibTitle, delib)
	return b.String()
}

func deliberation(r *rand.Rand, group, title, problem string) string {
	meeting := date(r, 1, 11)
	stage := pick(r, []string{"collected", "discussed", "agreed", "done", "done"})
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntype: deliberation\ntitle: %s\ndate: %s\nstage: %s\nmeeting: %s\nparticipants:\n", title, iso(meeting), stage, iso(meeting))
	perm := r.Perm(len(participantsPool))
	for _, i := range perm[:3+r.IntN(4)] {
		fmt.Fprintf(&b, "  - %s\n", participantsPool[i])
	}
	if stage == "agreed" || stage == "done" {
		fmt.Fprintf(&b, "decision: %s\n", yq("关于"+problem+"的方案经议事会表决通过，由物业和志愿者分工落实，三个月后向居民反馈。"))
		total := 20 + r.IntN(30)
		against, abstain := r.IntN(5), r.IntN(4)
		fmt.Fprintf(&b, "votes:\n  for: %d\n  against: %d\n  abstain: %d\n", total, against, abstain)
	}
	fmt.Fprintf(&b, "summary: %s\n---\n\n", yq(group+"的"+problem+"问题，大家坐下来一起商量。"))
	fmt.Fprintf(&b, "## 为什么要议这件事\n\n%s\n\n## 一上一下：收集民意\n\n%s\n\n%s\n## 二上二下：商定方案\n\n%s\n", paragraphs(r, 2), paragraphs(r, 1), bullets(r, 4), paragraphs(r, 2))
	if stage == "agreed" || stage == "done" {
		fmt.Fprintf(&b, "\n## 三上三下：形成决议\n\n%s\n", paragraphs(r, 2))
	}
	return b.String()
}

func activity(r *rand.Rand, title, file string, wall bool) string {
	d := date(r, 1, 12)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntype: activity\ntitle: %s\ndate: %s\n", title, iso(d))
	if wall {
		// A few records are for the corridor wall only.
		b.WriteString("publish: wall\n")
	}
	if file != "" {
		fmt.Fprintf(&b, "photos:\n  - file: %s\n    caption: %s\n", file, yq(fmt.Sprintf("%d月%d日%s", d.Month(), d.Day(), title)))
	}
	fmt.Fprintf(&b, "summary: %s\n---\n\n", yq(fmt.Sprintf("%d月%d日，%s，来了%d位邻居。", d.Month(), d.Day(), title, 8+r.IntN(20))))
	b.WriteString(paragraphs(r, 2))
	b.WriteString("\n\n大家分了工：\n\n")
	b.WriteString(bullets(r, 4))
	b.WriteString("\n")
	b.WriteString(paragraphs(r, 1))
	b.WriteString("\n")
	return b.String()
}
