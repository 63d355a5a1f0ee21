package build

import (
	"context"
	"fmt"
	"image/color"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wallpress/generator/internal/testsite"
)

// namesSite adds to the fixture a group that writes residents' names in
// every place a name can be written: each field that names people, titles,
// summaries, bodies (in emphasis, in a link, wrapped across lines), photo
// captions and file names, table and CSV cells. It returns the names.
func namesSite(t *testing.T) (root string, names []string) {
	t.Helper()
	root = fixtureSite(t, "zh-CN")
	dir := filepath.Join(root, "content", "demo-cun", "building-2")
	files := map[string]string{
		"_index.md": "---\nname: 2号楼\nhouseholds: 12\nleader: 甄美丽（楼组长）\ncouncil:\n  - {name: 贾宝玉, role: 议事员}\n---\n\n楼组长甄美丽住在301室，热心肠。\n",
		"story-corridor.md": "---\ntitle: 林黛玉家门口的楼道\nsummary: 林黛玉和贾宝玉一起动手\nbefore: 林黛玉门口.jpg\nafter: after.jpg\nquote: {text: 干净多了, by: 林黛玉}\n---\n\n**林黛玉**带头，[贾宝玉](../building-1/convention.md)帮忙，\n" +
			"甄美\n丽也来了。\n",
		"account-2024.md": "---\ntitle: 2024年账本\nkeeper: 薛宝钗\nauditor: 史湘云\nopening: 100\n---\n\n记账员薛宝钗，监督员史湘云。\n\n| 日期 | 摘要 | 收入 | 支出 | 经手人 | 备注 |\n|---|---|---|---|---|---|\n| 2024-01-05 | 王熙凤买扫帚 | | 20 | 王熙凤 | 交给史湘云 |\n",
		"account-2023.md": "---\ntitle: 2023年账本\nopening: 0\ncsv: book.csv\n---\n\n见表。\n",
		"book.csv":        "日期,摘要,收入,支出,经手人\n2024-02-01,李纨收会费,50,,李纨\n",
		"activity-day.md": "---\ntitle: 妙玉组织的清扫日\npeople: [妙玉]\nphotos:\n  - {file: after.jpg, caption: 妙玉在擦扶手}\n---\n\n感谢妙玉阿姨，还有热心居民赵小梅阿姨。\n",
	}
	for name, text := range files {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	testsite.WriteJPEG(t, filepath.Join(dir, "林黛玉门口.jpg"), 800, 600, color.RGBA{90, 80, 70, 255})
	testsite.WriteJPEG(t, filepath.Join(dir, "after.jpg"), 800, 600, color.RGBA{60, 160, 90, 255})
	return root, []string{"甄美丽", "贾宝玉", "林黛玉", "薛宝钗", "史湘云", "王熙凤", "李纨", "妙玉", "赵小梅"}
}

func TestNoNameOnline(t *testing.T) {
	root, names := namesSite(t)
	res := mustBuild(t, root)
	// The name no field declares is told where it is written.
	var told bool
	for _, d := range res.Diags.Items() {
		if d.Key == "privacy.likely" && d.Pos.File == "content/demo-cun/building-2/activity-day.md" && d.Pos.Line == 8 && d.Args["name"] == "赵小梅" {
			told = true
		}
	}
	if !told {
		t.Error("no warning for the undeclared name 赵小梅 at activity-day.md:8")
	}
	public := readTree(t, filepath.Join(root, PublicDir))
	for _, n := range names {
		for file, data := range public {
			if strings.Contains(file, n) {
				t.Errorf("public/%s: the file name has %s", file, n)
			}
			if strings.Contains(string(data), n) {
				t.Errorf("public/%s shows %s", file, n)
			}
		}
	}
	for file, data := range public {
		if strings.Contains(string(data), "301室") {
			t.Errorf("public/%s shows a room number", file)
		}
	}
	// The masked photo is published under its masked name, and the story
	// shows it.
	story := string(public["demo-cun/building-2/story-corridor/index.html"])
	if _, ok := public["demo-cun/building-2/林某某门口-480w.jpg"]; !ok || !strings.Contains(story, url.PathEscape("林某某门口")+"-800w.jpg") {
		t.Errorf("the photo 林黛玉门口.jpg is not published as 林某某门口-…: story has %q", story)
	}
	// The wall keeps the names.
	wall := readTree(t, filepath.Join(root, PrintDir))
	var all strings.Builder
	for _, data := range wall {
		all.WriteString(testsite.Text(string(data)))
	}
	for _, n := range []string{"甄美丽", "林黛玉", "薛宝钗", "王熙凤", "妙玉"} {
		if !strings.Contains(all.String(), n) {
			t.Errorf("print/ lost the name %s", n)
		}
	}
}

func TestNamesShownWhenNotMasked(t *testing.T) {
	root, _ := namesSite(t)
	cfg := filepath.Join(root, "config.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, append(data, "privacy:\n  maskNamesOnline: false\n  maskRooms: false\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	mustBuild(t, root)
	page, err := os.ReadFile(filepath.Join(root, PublicDir, "demo-cun", "building-2", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "楼组长甄美丽住在301室") {
		t.Errorf("with masking off the group page lost its text:\n%s", page)
	}
}

func TestPrivacyReport(t *testing.T) {
	root, _ := namesSite(t)
	// A picture only a body shows is published too, under its masked name:
	// the report names it like the records' photos.
	dir := filepath.Join(root, "content", "demo-cun", "building-2")
	testsite.WriteJPEG(t, filepath.Join(dir, "妙玉擦扶手.jpg"), 800, 600, color.RGBA{60, 90, 160, 255})
	day := filepath.Join(dir, "activity-day.md")
	data, err := os.ReadFile(day)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(day, append(data, "\n![扶手](妙玉擦扶手.jpg)\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Root: root, Privacy: true})
	if err != nil || res.Privacy == nil {
		t.Fatal(err, res.Privacy)
	}
	var lines []string
	for _, d := range res.Privacy.Items() {
		lines = append(lines, fmt.Sprintf("%s %s %s→%s", d.Pos, d.Key, d.Args["text"], d.Args["shown"]))
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{
		"content/demo-cun/building-2/_index.md:4 privacy.report.name 甄美丽→甄**",
		"content/demo-cun/building-2/_index.md:9 privacy.report.room 301室→***室",
		"content/demo-cun/building-2/book.csv:2 privacy.report.name 李纨→李*",
		"content/demo-cun/building-2/story-corridor.md:9 privacy.report.name 贾宝玉→贾**",
		"content/demo-cun/building-2/story-corridor.md:10 privacy.report.name 甄美丽→甄**",
		"content/demo-cun/building-2/activity-day.md:8 privacy.report.likely 赵小梅→赵**",
		"content/demo-cun/building-2/林黛玉门口.jpg privacy.report.file 林黛玉门口.jpg→林某某门口.jpg",
		"content/demo-cun/building-2/妙玉擦扶手.jpg privacy.report.file 妙玉擦扶手.jpg→妙某擦扶手.jpg",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the report lacks %q:\n%s", want, got)
		}
	}
}
