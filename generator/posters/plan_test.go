package posters

import (
	"bytes"
	"fmt"
	"html/template"
	"image"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"wallpress/generator/config"
	"wallpress/generator/content"
	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/internal/testsite"
	"wallpress/generator/layouts"
)

// planSite is a small group: a cover, a convention, a family photo, a
// story, a record for the wall only and one kept nowhere.
var planSite = fstest.MapFS{
	"content/_index.md":              {Data: []byte("---\ntitle: 首页\n---\n")},
	"content/cun/_index.md":          {Data: []byte("---\nname: 一村\n---\n")},
	"content/cun/b1/_index.md":       {Data: []byte("---\nname: 1号楼\nhouseholds: 24\nleader: 刘美娟\ncouncil:\n  - {name: 刘美娟, role: 楼组长}\n  - {name: 王建国, role: 记账员}\nslogan: 邻里和睦\nbrand: 温馨楼组\nphoto: team.jpg\n---\n我们楼组。\n")},
	"content/cun/b1/convention.md":   {Data: []byte("---\ntitle: 1号楼公约\nadopted: 2024-03-16\nsigned: [\"101\", \"102\"]\n---\n1. 楼道不堆杂物。\n2. 垃圾分类。\n")},
	"content/cun/b1/family-photo.md": {Data: []byte("---\ntitle: 全家福\ntaken: 2024-05-12\npeople: 30\nphoto: family.jpg\n---\n那天来了30人。\n")},
	"content/cun/b1/story-spring.md": {Data: []byte("---\ntitle: 楼道变了\nbefore: before.jpg\nafter: after.jpg\nquote: {text: 真好, by: 王建国}\n---\n清理了。\n")},
	"content/cun/b1/wall.md":         {Data: []byte("---\ntype: activity\ntitle: 只上墙\npublish: wall\n---\n只贴楼道。\n")},
	"content/cun/b1/team.jpg":        {Data: []byte("jpeg")},
	"content/cun/b1/family.jpg":      {Data: []byte("jpeg")},
	"content/cun/b1/before.jpg":      {Data: []byte("jpeg")},
	"content/cun/b1/after.jpg":       {Data: []byte("jpeg")},
	"content/cun/b1/hidden.md":       {Data: []byte("---\ntype: activity\ntitle: 不发布\npublish: nowhere\n---\n")},
}

var planPhotos = map[string]Photo{
	"cun/b1/team.jpg":   {Width: 3000, Height: 2000, Hash: "aaaaaaaaaaaaaaaaaaaa"},
	"cun/b1/family.jpg": {Width: 1200, Height: 800, Hash: "bbbbbbbbbbbbbbbbbbbb"},
	"cun/b1/before.jpg": {Width: 4000, Height: 3000, Hash: "cccccccccccccccccccc"},
	"cun/b1/after.jpg":  {Width: 4000, Height: 3000, Hash: "dddddddddddddddddddd", File: "/cache/after.jpg"},
}

func planFor(t *testing.T, fsys fstest.MapFS, edit func(*config.Config)) (*Plan, *diag.List, *content.Site) {
	t.Helper()
	theme, in, list := planInput(t, fsys, edit)
	plan, err := theme.Plan(in, list)
	if err != nil {
		t.Fatal(err)
	}
	return plan, list, in.Site
}

// planInput loads the default theme and the site of fsys as a build would
// give them to the posters, with a placeholder body for every page.
func planInput(t *testing.T, fsys fstest.MapFS, edit func(*config.Config)) (*Theme, Input, *diag.List) {
	t.Helper()
	list := &diag.List{}
	tree := content.Load(fsys, list)
	if list.HasErrors() {
		t.Fatalf("content: %v", list.Items())
	}
	themeDir := filepath.Join(testsite.RepoRoot(), "themes", "default")
	cat, err := i18n.Load(themeDir, "zh-CN")
	if err != nil {
		t.Fatal(err)
	}
	theme, err := LoadTheme(themeDir, cat)
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Title = "测试街道"
	cfg.BaseURL = "https://example.gov.cn/louzu/"
	if edit != nil {
		edit(cfg)
	}
	bodies := map[*content.Page]layouts.Body{}
	for _, p := range tree.Pages {
		bodies[p] = layouts.Body{HTML: `<p>正文见<a href="../convention/">公约</a>。</p><figure><picture><img src="../../x-960w.jpg"></picture></figure>`}
		if p.Kind == content.KindConvention {
			bodies[p] = layouts.Body{Items: []template.HTML{"楼道不堆杂物。", "垃圾分类。"}}
		}
	}
	return theme, Input{Config: cfg, Catalog: cat, Site: tree, Bodies: bodies, Photos: planPhotos}, list
}

func posterNamed(t *testing.T, g *Group, name string) *Poster {
	t.Helper()
	for _, p := range g.Posters {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no poster %s", name)
	return nil
}

var qrSVGRE = regexp.MustCompile(`<svg class="qr".*?</svg>`)

func TestPlanPosters(t *testing.T) {
	plan, list, _ := planFor(t, planSite, nil)
	if list.Len() != 0 {
		t.Errorf("diagnostics: %v", list.Items())
	}
	if len(plan.Groups) != 1 {
		t.Fatalf("%d groups", len(plan.Groups))
	}
	g := plan.Groups[0]
	var names []string
	for _, p := range g.Posters {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, " "); got != "cover convention family-photo story-spring wall" {
		t.Errorf("posters %q", got)
	}
	if g.Dir != "cun/b1" {
		t.Errorf("dir %q", g.Dir)
	}

	cover := posterNamed(t, g, "cover")
	if !bytes.Contains(cover.HTML, []byte("刘美娟")) || bytes.Contains(cover.OnlineHTML, []byte("刘美娟")) || !bytes.Contains(cover.OnlineHTML, []byte("刘**")) {
		t.Error("the wall copy must show names in full, the website copy masked")
	}

	conv := posterNamed(t, g, "convention")
	for _, want := range []string{"楼道不堆杂物。", "2024年3月16日", `<link rel="stylesheet" href="../../poster.css">`,
		fmt.Sprintf(`<meta name="generator" content="wallpress posters v%d; png 150 dpi; thumb 480 px; css %s">`, RenderVersion, cssSum(string(plan.Stylesheet)))} {
		// Text is compared without the spans that keep words together.
		if !bytes.Contains(conv.HTML, []byte(want)) && !strings.Contains(stripTags(string(conv.HTML)), want) {
			t.Errorf("convention poster lacks %q", want)
		}
	}
	// The shared stylesheet starts with the paper's size.
	if !bytes.HasPrefix(plan.Stylesheet, []byte("@page { size: 323mm 446mm; margin: 0; }")) {
		t.Errorf("the stylesheet starts %q", plan.Stylesheet[:min(80, len(plan.Stylesheet))])
	}
	svg := qrSVGRE.Find(conv.HTML)
	if svg == nil {
		t.Fatal("an online record's poster has no QR code")
	}
	if got, want := decodeQR(t, rasterQR(t, string(svg), 4)), "https://example.gov.cn/louzu/cun/b1/convention/"; got != want {
		t.Errorf("QR leads to %q, want %q", got, want)
	}
	if !bytes.Equal(conv.HTML, conv.OnlineHTML) {
		t.Error("a poster without names should be the same on the website")
	}

	// The body's text is on the poster, without its links and pictures:
	// their addresses lead into the website, not onto paper.
	story := posterNamed(t, g, "story-spring")
	if !strings.Contains(stripTags(string(story.HTML)), "正文见公约。") || bytes.Contains(story.HTML, []byte("../convention/")) || bytes.Contains(story.HTML, []byte("x-960w.jpg")) {
		t.Error("the body is not on the poster as text only")
	}

	wall := posterNamed(t, g, "wall")
	if wall.Online || wall.OnlineHTML != nil || qrSVGRE.Match(wall.HTML) {
		t.Error("a wall-only record must have no website copy and no QR code")
	}

	// The set: one sheet per poster, cover first; the website's set leaves
	// the wall record out.
	if n := bytes.Count(g.SetHTML, []byte(`<section class="sheet`)); n != 5 {
		t.Errorf("set has %d sheets", n)
	}
	if i, j := bytes.Index(g.SetHTML, []byte("layout-cover")), bytes.Index(g.SetHTML, []byte("layout-convention")); i < 0 || i > j {
		t.Error("the cover is not first in the set")
	}
	if n := bytes.Count(g.OnlineSetHTML, []byte(`<section class="sheet`)); n != 4 || bytes.Contains(g.OnlineSetHTML, []byte("只上墙")) {
		t.Errorf("the website's set has %d sheets or the wall record", n)
	}
	if g.Images[ImageName("cun/b1/after.jpg", planPhotos["cun/b1/after.jpg"].Hash)] != "/cache/after.jpg" {
		t.Errorf("images %v", g.Images)
	}
}

// The resolution of each photo follows from the box it is drawn in: a whole
// photo keeps its shape, a cropped one is scaled to fill its box.
func TestPlanPhotoResolution(t *testing.T) {
	plan, _, _ := planFor(t, planSite, nil)
	geo := plan.Geometry
	cw := geo.TrimW - 2*padU*geo.Unit()
	dpi := map[string]float64{}
	for _, u := range plan.Uses {
		dpi[u.Image.Src] = u.DPI()
	}
	// The family photo is whole: 3:2 fits the column's width within the
	// 0.72 height limit, so the width decides.
	// The team photo fills a box of the column × 0.52 of it: 3:2 is taller
	// than the box, so it is scaled to the box's width.
	// A before photo fills half the column × 0.8 of that: 4:3 is wider, so
	// the height decides.
	// Photos shrink with the type of a poster set smaller (--fit).
	zoom := func(name string) float64 {
		m := regexp.MustCompile(`--fit: ([0-9.]+)`).FindSubmatch(posterNamed(t, plan.Groups[0], name).HTML)
		if m == nil {
			return 1
		}
		z, _ := strconv.ParseFloat(string(m[1]), 64)
		return z
	}
	fill := func(iw, ih, bw, bh float64) float64 { return 25.4 / math.Max(bw/iw, bh/ih) }
	fc, tc, sc := cw*zoom("family-photo"), cw*zoom("cover"), cw*zoom("story-spring")
	want := map[string]float64{
		"cun/b1/family.jpg": 1200 / (fc / 25.4),
		"cun/b1/team.jpg":   fill(3000, 2000, tc, tc*0.5),
		"cun/b1/before.jpg": fill(4000, 3000, sc*0.49, sc*0.49*0.8),
	}
	for src, d := range want {
		if math.Abs(dpi[src]-d) > 0.01 {
			t.Errorf("%s prints at %.2f DPI, want %.2f", src, dpi[src], d)
		}
	}
}

func TestPlanWithoutBaseURLOrMasking(t *testing.T) {
	plan, _, _ := planFor(t, planSite, func(c *config.Config) {
		c.BaseURL = ""
		c.Privacy.MaskNamesOnline = false
	})
	for _, p := range plan.Groups[0].Posters {
		if qrSVGRE.Match(p.HTML) {
			t.Errorf("%s has a QR code without a baseURL", p.Name)
		}
		if p.Online && !bytes.Equal(p.HTML, p.OnlineHTML) {
			t.Errorf("%s differs online without masking", p.Name)
		}
	}
}

func TestPlanNameTakenAndOnly(t *testing.T) {
	fsys := fstest.MapFS{}
	for k, v := range planSite {
		fsys[k] = v
	}
	fsys["content/cun/b1/cover.md"] = &fstest.MapFile{Data: []byte("---\ntype: activity\ntitle: 封面\n---\n")}
	_, list, _ := planFor(t, fsys, nil)
	found := false
	for _, d := range list.Items() {
		if d.Key == "posters.nameTaken" && d.Pos.File == "content/cun/b1/cover.md" {
			found = true
		}
	}
	if !found {
		t.Errorf("no posters.nameTaken for cover.md: %v", list.Items())
	}

	list = &diag.List{}
	tree := content.Load(planSite, list)
	themeDir := filepath.Join(testsite.RepoRoot(), "themes", "default")
	cat, _ := i18n.Load(themeDir, "zh-CN")
	theme, _ := LoadTheme(themeDir, cat)
	cfg := config.Default()
	plan, err := theme.Plan(Input{Config: cfg, Catalog: cat, Site: tree, Photos: planPhotos, Only: func(p *content.Page) bool {
		return p.Rel == "cun/b1/convention.md"
	}}, list)
	if err != nil {
		t.Fatal(err)
	}
	var picked []string
	for _, p := range plan.Groups[0].Posters {
		if p.Picked {
			picked = append(picked, p.Name)
		}
	}
	if strings.Join(picked, " ") != "convention" || len(plan.Groups[0].Posters) != 5 {
		t.Errorf("picked %v of %d", picked, len(plan.Groups[0].Posters))
	}
	if len(plan.Uses) != 0 {
		t.Errorf("photos of posters not picked are checked: %v", plan.Uses)
	}
}

func TestFocusCSS(t *testing.T) {
	for in, want := range map[string]string{
		"": "50% 50%", "top": "50% 0%", "Bottom": "50% 100%", "left": "0% 50%", "right": "100% 50%",
		"30% 70%": "30% 70%", "30％ 70％": "30% 70%", "120% 0%": "50% 50%", "x y": "50% 50%", "1px 2px": "50% 50%",
	} {
		if got := focusCSS(in); got != want {
			t.Errorf("focusCSS(%q) = %q, want %q", in, got, want)
		}
	}
}

var safeCSS = regexp.MustCompile(`^(?:100(?:\.0+)?|[0-9]{1,2}(?:\.[0-9]+)?|0[0-9]{0,2}(?:\.[0-9]+)?)% (?:100(?:\.0+)?|[0-9]{1,2}(?:\.[0-9]+)?|0[0-9]{0,2}(?:\.[0-9]+)?)%$`)

func FuzzFocusCSS(f *testing.F) {
	for _, s := range []string{"", "top", "30% 70%", "30％ 70％", "1e2% 0%", "50%;} body{ 0%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := focusCSS(s); !safeCSS.MatchString(got) {
			t.Fatalf("focusCSS(%q) = %q, not two percentages", s, got)
		}
	})
}

var _ image.Image

// A sheet is its own website copy only when nothing on it depends on the
// copy: a name that masking changes, or a template asking which copy it is.
func TestViewToldDiffers(t *testing.T) {
	for _, tt := range []struct {
		name string
		mask bool
		use  func(v *View)
		want bool
	}{
		{"nothing asked", true, func(v *View) {}, false},
		{"masked name", true, func(v *View) { v.Name("刘美娟") }, true},
		{"masking off", false, func(v *View) { v.Name("刘美娟") }, false},
		{"name masking leaves alone", true, func(v *View) { v.Name("") }, false},
		{"asks for the copy", false, func(v *View) { v.Online() }, true},
	} {
		differs := false
		v := &View{mask: tt.mask, differs: &differs}
		tt.use(v)
		if differs != tt.want {
			t.Errorf("%s: differs %v, want %v", tt.name, differs, tt.want)
		}
		if got := v.Name("刘美娟"); got != "刘美娟" {
			t.Errorf("%s: the wall copy shows %q", tt.name, got)
		}
	}
}

// A run that prints nothing plans the wall's documents alone: the same
// bytes as when the website's copies are drawn beside them, and no copies.
func TestPlannerWallOnly(t *testing.T) {
	theme, in, list := planInput(t, planSite, nil)
	plan, err := theme.Plan(in, list)
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for _, g := range plan.Groups {
		for _, p := range g.Posters {
			if p.OnlineHTML != nil {
				copies++
			}
		}
	}
	if copies == 0 {
		t.Fatal("the full plan has no website copies to leave out")
	}
	pl := theme.Planner(in).WallOnly()
	for i, grp := range pl.Groups() {
		g, err := pl.Group(grp)
		if err != nil {
			t.Fatal(err)
		}
		full := plan.Groups[i]
		if !bytes.Equal(g.SetHTML, full.SetHTML) || g.OnlineSetHTML != nil {
			t.Errorf("%s: the set differs from the full plan's, or has a website copy", grp.Title)
		}
		for j, p := range g.Posters {
			if !bytes.Equal(p.HTML, full.Posters[j].HTML) {
				t.Errorf("%s: the wall's document differs from the full plan's", p.Name)
			}
			if p.OnlineHTML != nil {
				t.Errorf("%s: a website copy was drawn", p.Name)
			}
		}
	}
}
