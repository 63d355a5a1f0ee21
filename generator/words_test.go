package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"wallpress/generator/diag"
	"wallpress/generator/i18n"
	"wallpress/generator/internal/testsite"
)

// dottedWord is a message key as it would show when not translated
// ("config.missing", "msg.summary", "serve.port.hint").
var dottedWord = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:\.[a-zA-Z0-9]+)+\b`)

// fileExt are the endings of the file and host names messages do print.
var fileExt = regexp.MustCompile(`\.(?:ya?ml|md|txt|jpe?g|png|gif|webp|heic|html?|css|js|csv|pdf|svg|json|xml|xlsx|docx|lock|old|tmp|com|org|cn|net|go|ttf|otf|woff2?)$`)

// rawKeys returns what in out looks like an untranslated message: a catalog
// key, Go's printing of its arguments, or a dotted word that is neither a
// file name nor a setting of config.yaml ("posters.size").
func rawKeys(out string) []string {
	var bad []string
	for _, s := range []string{"msg.", "cli.", "map[", "goroutine ", "panic:", "程序内部出错", "Internal error"} {
		if strings.Contains(out, s) {
			bad = append(bad, s)
		}
	}
	cat := i18n.Fallback("en")
	for _, w := range dottedWord.FindAllString(out, -1) {
		first, _, _ := strings.Cut(w, ".")
		isKey := cat.Has(w) || cat.Has("msg."+w) || cat.Has("cli."+w) || strings.HasSuffix(w, ".hint")
		if isKey || !fileExt.MatchString(w) && !configSection(first) && w != "e.g" && w != "i.e" {
			bad = append(bad, w)
		}
	}
	return bad
}

// configSection reports whether name is a section of config.yaml, whose
// settings messages name as "section.setting".
func configSection(name string) bool {
	return name == "posters" || name == "images" || name == "privacy"
}

func TestRawKeysCatchesKeys(t *testing.T) {
	for out, want := range map[string]bool{
		"config.yaml: config.missing map[file:config.yaml]": true,
		"msg.summary": true,
		"build 命令没有 --prot 这个选项。":                                false,
		"content/c/g/convention.md:2: 提醒: team.jpg 是 560×350 像素": false,
		"themes/default/i18n/zh-CN.yaml:3: 格式不对":                 false,
		"serve.port.hint": true,
		"预览网站已打开：http://127.0.0.1:1313/ 。": false,
	} {
		if got := len(rawKeys(out)) > 0; got != want {
			t.Errorf("rawKeys(%q) = %q", out, rawKeys(out))
		}
	}
}

// wordsCommands are every command, rightly and wrongly typed, run in
// every failure fixture: none may print a message key. They run in order
// in one copy of the site: the second build finds nothing changed, and the
// commands that add files come last.
func wordsCommands() [][]string {
	return [][]string{
		{"check"},
		{"check", "--privacy"},
		{"build"},
		{"build", "--verbose"},
		{"posters"},
		{"new"},
		{"new", "bogus-kind", "c/g/x.md"},
		{"build", "--prot", "5"},
		{"build", "extra"},
		{"build", "--root"},
		{"check", "--quiet=maybe"},
		{"serve", "--help"},
		{"serve", "--port", "abc"},
		{"serve", "--bind", "0.0.0.0:80"},
		{"biuld"},
		{"--root", "x", "build"},
		{"help"},
		{"new", "story", "c/g/autumn.md"},
		{"new", "group", "c/g2"},
	}
}

// runWords runs every command of wordsCommands in the site made by site
// (without --root when cd is set: from the folder cd inside it) and fails
// on any output that is not words.
func runWords(t *testing.T, site func(t *testing.T) string, cd string) {
	root := site(t)
	if cd != "" {
		dir := filepath.Join(root, filepath.FromSlash(cd))
		os.MkdirAll(dir, 0o755)
		t.Chdir(dir)
	}
	for _, args := range wordsCommands() {
		if cd == "" {
			args = append(args, "--root", root)
		}
		_, stdout, stderr := runCLI(args...)
		out := stdout + stderr
		if bad := rawKeys(out); len(bad) > 0 {
			t.Errorf("%q printed %q:\n%s", args, bad, out)
		}
	}
}

// badFixture returns a function that sets up testdata/bad/name as
// TestBadInput does.
func badFixture(dir string) func(t *testing.T) string {
	return func(t *testing.T) string {
		c := readBadCase(t, dir)
		root := t.TempDir()
		testsite.CopyTree(t, dir, root)
		os.Remove(filepath.Join(root, "expect.txt"))
		if _, err := os.Stat(filepath.Join(root, "themes")); os.IsNotExist(err) {
			testsite.CopyTree(t, filepath.Join(testsite.RepoRoot(), "themes", "default"), filepath.Join(root, "themes", "default"))
		}
		for _, a := range c.actions {
			if !makeFile(t, root, a) {
				t.Skipf("this file system cannot hold %s", a[1])
			}
		}
		return root
	}
}

// Every command in every failure fixture prints words, never a key.
func TestEveryMessageIsWords(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "bad", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			runWords(t, badFixture(dir), "")
		})
	}
}

// The wrong folder: --root at a folder with neither config nor themes, at
// one with a config but no themes, at a site whose copy of the theme's
// text files predates most messages; and run from inside a site's
// content/ or generator/ folder, or from a folder that is no site at all.
func TestEveryMessageIsWordsInTheWrongFolder(t *testing.T) {
	empty := func(t *testing.T) string { return t.TempDir() }
	noTheme := func(t *testing.T) string {
		root := t.TempDir()
		os.WriteFile(filepath.Join(root, "config.yaml"), []byte("title: 测试\n"), 0o644)
		os.MkdirAll(filepath.Join(root, "content"), 0o755)
		return root
	}
	good := badFixture(filepath.Join("testdata", "bad", "good"))
	oldTheme := func(t *testing.T) string {
		root := good(t)
		for _, lang := range i18n.Languages {
			os.WriteFile(filepath.Join(root, "themes", "default", "i18n", lang+".yaml"), []byte("msg:\n  hint: 怎么改\n"), 0o644)
		}
		return root
	}
	t.Run("empty", func(t *testing.T) { runWords(t, empty, "") })
	t.Run("no-theme", func(t *testing.T) { runWords(t, noTheme, "") })
	t.Run("old-theme", func(t *testing.T) { runWords(t, oldTheme, "") })
	t.Run("cd-empty", func(t *testing.T) { runWords(t, empty, ".") })
	t.Run("cd-no-theme", func(t *testing.T) { runWords(t, noTheme, "content") })
	t.Run("cd-content", func(t *testing.T) { runWords(t, good, "content/c/g") })
	t.Run("cd-generator", func(t *testing.T) { runWords(t, good, "generator") })
}

// A site's theme whose text files predate a message still tells it in
// words: the config error below is said as the built-in catalog says it.
func TestOldThemeCatalogFilled(t *testing.T) {
	root := testsite.Fixture(t, "en")
	os.WriteFile(filepath.Join(root, "themes", "default", "i18n", "en.yaml"), []byte("msg:\n  hint: fix\n"), 0o644)
	os.WriteFile(filepath.Join(root, "config.yaml"), []byte("title: Test\nlanguage: en\ntitel: x\n"), 0o644)
	code, _, stderr := runCLI("check", "--root", root)
	if code != exitErrs {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "config.yaml:3") || !strings.Contains(stderr, "    fix: ") || !strings.Contains(stderr, "errors,") {
		t.Errorf("want the site's own hint word and the built-in rest:\n%s", stderr)
	}
	if bad := rawKeys(stderr); len(bad) > 0 {
		t.Errorf("printed %q:\n%s", bad, stderr)
	}
}

// The site folder is the nearest one upward with config.yaml and content/;
// the output names it when it is not the current folder; --root wins.
func TestSiteFoundUpward(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	other := t.TempDir() // no site: --root here must fail

	t.Chdir(filepath.Join(root, "content", "demo-cun", "building-1"))
	code, stdout, stderr := runCLI("check")
	if code != exitOK {
		t.Fatalf("check from content/demo-cun/building-1: exit %d\n%s%s", code, stdout, stderr)
	}
	if want := "网站文件夹：" + root; !strings.Contains(stderr, want) {
		t.Errorf("output does not name the site folder %q:\n%s", want, stderr)
	}
	if strings.Count(stderr, root) != 1 {
		t.Errorf("the folder is said once:\n%s", stderr)
	}
	if code, _, stderr := runCLI("check", "--quiet"); code != exitOK || stderr != "" {
		t.Errorf("--quiet: exit %d, output %q", code, stderr)
	}

	// --root wins over the lookup.
	code, _, stderr = runCLI("check", "--root", other)
	if code != exitErrs || !strings.Contains(stderr, "找不到设置文件") || strings.Contains(stderr, "网站文件夹：") {
		t.Errorf("--root %s: exit %d\n%s", other, code, stderr)
	}

	// A config.yaml without content/ beside it (another program's) is
	// passed over.
	nested := filepath.Join(root, "content", "demo-cun", "building-1", "tools")
	os.MkdirAll(nested, 0o755)
	os.WriteFile(filepath.Join(nested, "config.yaml"), []byte("x: 1\n"), 0o644)
	t.Chdir(nested)
	if code, _, stderr := runCLI("check"); code != exitOK || !strings.Contains(stderr, root) {
		t.Errorf("from a folder with a stray config.yaml: exit %d\n%s", code, stderr)
	}

	// In the site folder itself nothing is said about it.
	t.Chdir(root)
	if code, _, stderr := runCLI("check"); code != exitOK || strings.Contains(stderr, "网站文件夹") {
		t.Errorf("from the site folder: exit %d\n%s", code, stderr)
	}

	// No site anywhere above: one line says so, and the config error
	// follows.
	t.Chdir(other)
	code, _, stderr = runCLI("build")
	if code != exitErrs || !strings.Contains(stderr, "上级文件夹里都没有找到网站") || !strings.Contains(stderr, "找不到设置文件") {
		t.Errorf("from a folder that is no site: exit %d\n%s", code, stderr)
	}
}

// Help, usage errors and flag errors are in the site's language, else the
// terminal's, never Go's English.
func TestUsageInSiteLanguage(t *testing.T) {
	zh := testsite.Fixture(t, "zh-CN")
	en := testsite.Fixture(t, "en")
	noSite := t.TempDir()
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(name, "")
	}
	cases := []struct {
		args   []string
		code   int
		zh, en string
	}{
		{[]string{"--help"}, exitOK, "用法", "Usage"},
		{[]string{"build", "--help"}, exitOK, "从当前文件夹往上找", "from the current one upward"},
		{[]string{}, exitUsage, "用法", "Usage"},
		{[]string{"new"}, exitUsage, "new 命令后面要写两样东西", "needs two things"},
		{[]string{"new", "story"}, exitUsage, "现在写了 1 样", "(given: 1)"},
		{[]string{"build", "--prot", "5"}, exitUsage, "--port 是 serve 命令的选项", "--port is a flag of the serve command"},
		{[]string{"check", "--verbos"}, exitUsage, "是不是想写 --verbose？", "Did you mean --verbose?"},
		{[]string{"build", "--fast"}, exitUsage, "build 能用的选项有：--root、--quiet、--verbose", "The flags of build are: --root, --quiet, --verbose"},
		{[]string{"build", "--root"}, exitUsage, "后面要写一个值", "needs a value"},
		{[]string{"build", "--quiet=no"}, exitUsage, "不接受“no”这个值", "does not take the value “no”"},
		{[]string{"biuld"}, exitUsage, "是不是想写 build？", "Did you mean build?"},
		{[]string{"publish"}, exitUsage, "没有“publish”这个命令", "There is no command “publish”"},
		{[]string{"build", "content"}, exitUsage, "不需要写“content”", "takes no “content”"},
		{[]string{"serve", "--port", "abc"}, exitUsage, "“abc”不行", "not “abc”"},
		{[]string{"serve", "--bind", "0.0.0.0:80"}, exitUsage, "带了端口", "has a port in it"},
	}
	english := regexp.MustCompile(`flag provided|want KIND|unknown command|unexpected argument|flag needs|invalid value|Usage:`)
	for _, c := range cases {
		for _, site := range []struct{ root, lang, want string }{{zh, "zh-CN", c.zh}, {en, "en", c.en}} {
			// --root right after the command: "build --root" stays a
			// --root without a value.
			var args []string
			if len(c.args) > 0 {
				args = append([]string{c.args[0], "--root", site.root}, c.args[1:]...)
			}
			if len(c.args) == 0 {
				args = nil
				t.Chdir(site.root)
			}
			code, stdout, stderr := runCLI(args...)
			out := stdout + stderr
			if code != c.code || !strings.Contains(out, site.want) {
				t.Errorf("%s %q: exit %d (want %d), output lacks %q:\n%s", site.lang, c.args, code, c.code, site.want, out)
			}
			if site.lang == "zh-CN" && english.MatchString(out) {
				t.Errorf("%q: English in a Chinese site:\n%s", c.args, out)
			}
			if bad := rawKeys(out); len(bad) > 0 {
				t.Errorf("%s %q printed %q:\n%s", site.lang, c.args, bad, out)
			}
		}
	}

	// No site: the terminal's language, Chinese unless it says English.
	t.Chdir(noSite)
	if _, out, _ := runCLI("--help"); !strings.Contains(out, "用法") {
		t.Errorf("no site, no LANG: want Chinese help:\n%s", out)
	}
	t.Setenv("LANG", "en_GB.UTF-8")
	if _, out, _ := runCLI("--help"); !strings.Contains(out, "Usage") {
		t.Errorf("no site, LANG=en_GB: want English help:\n%s", out)
	}
	if _, _, stderr := runCLI("build"); !strings.Contains(stderr, "No site") || !strings.Contains(stderr, "config.yaml") {
		t.Errorf("no site, LANG=en_GB: want English messages:\n%s", stderr)
	}
	// The site's language wins over the terminal's.
	t.Chdir(zh)
	if _, out, _ := runCLI("--help"); !strings.Contains(out, "用法") {
		t.Errorf("Chinese site, LANG=en_GB: want Chinese help:\n%s", out)
	}
}

// gbkSite is the good fixture with n records saved as GBK: n warnings of
// one kind.
func gbkSite(t *testing.T, n int) string {
	root := badFixture(filepath.Join("testdata", "bad", "good"))(t)
	for i := range n {
		data, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("---\ntitle: 公约\nadopted: 2024-03-15\nsigned: 20\n---\n1. 不堆物。\n"))
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(root, "content", "c", "g"+string(rune('a'+i)))
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\nname: "+string(rune('a'+i))+"座\n---\n"), 0o644)
		if err := os.WriteFile(filepath.Join(dir, "convention.md"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// Warnings of one kind are told once with a count and the first place;
// --verbose lists each; errors are always listed in full.
func TestWarningsSummarised(t *testing.T) {
	root := gbkSite(t, 3)
	code, _, stderr := runCLI("check", "--root", root)
	if code != exitOK {
		t.Fatalf("check: exit %d\n%s", code, stderr)
	}
	if n := strings.Count(stderr, "GBK/GB18030"); n != 1 {
		t.Errorf("the GBK warning is printed %d times, want once:\n%s", n, stderr)
	}
	if !strings.Contains(stderr, "content/c/ga/convention.md:") || !strings.Contains(stderr, "同类提醒还有 2 处") {
		t.Errorf("want the first place and the count of the others:\n%s", stderr)
	}
	if !strings.Contains(stderr, "共 0 个错误、3 个提醒。") {
		t.Errorf("the summary counts every warning:\n%s", stderr)
	}
	_, _, stderr = runCLI("check", "--root", root, "--verbose")
	if n := strings.Count(stderr, "GBK/GB18030"); n != 3 || strings.Contains(stderr, "同类提醒还有") {
		t.Errorf("--verbose: the warning %d times, want 3 and no count:\n%s", n, stderr)
	}

	// Errors of one kind: every one.
	list := &diag.List{}
	for _, f := range []string{"a.md", "b.md", "c.md"} {
		list.Error(diag.Pos{File: f, Line: 2}, "config.missing", diag.Args{"file": f}, "")
	}
	list.Warn(diag.Pos{File: "d.md", Line: 1}, "config.missing", diag.Args{"file": "d.md"}, "")
	var b strings.Builder
	printDiags(&b, diag.Printer{Messages: i18n.Fallback("zh-CN")}, list, false, false)
	for _, f := range []string{"a.md:2", "b.md:2", "c.md:2", "d.md:1"} {
		if !strings.Contains(b.String(), f) {
			t.Errorf("errors are listed in full: no %s in\n%s", f, b.String())
		}
	}
	if strings.Contains(b.String(), "同类提醒还有") {
		t.Errorf("a single warning has no count:\n%s", b.String())
	}
}

// A build with nothing changed prints one line: that nothing changed, with
// the number of the last build's warnings, not the warnings again.
func TestUnchangedBuildOneLine(t *testing.T) {
	root := gbkSite(t, 3)
	if code, _, stderr := runCLI("build", "--root", root); code != exitOK {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr := runCLI("build", "--root", root)
	if code != exitOK {
		t.Fatalf("second build: exit %d\n%s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("unchanged build printed on stderr:\n%s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "没有任何改动") || !strings.Contains(lines[0], "3 个提醒") {
		t.Errorf("unchanged build: want one line naming the 3 warnings, got:\n%s", stdout)
	}
	_, stdout, stderr = runCLI("build", "--root", root, "--verbose")
	if !strings.Contains(stdout, "没有任何改动") || strings.Count(stderr, "GBK/GB18030") != 3 {
		t.Errorf("--verbose tells the warnings again, each:\n%s%s", stdout, stderr)
	}
}

// new's next step says to change draft: true only when the file says it.
func TestNewSaysDraftAsItIs(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	for _, c := range []struct{ kind, path, file string }{
		{"story", "demo-cun/building-1/autumn.md", "content/demo-cun/building-1/autumn.md"},
		{"group", "demo-cun/building-9", "content/demo-cun/building-9/_index.md"},
	} {
		code, stdout, stderr := runCLI("new", c.kind, c.path, "--root", root)
		if code != exitOK {
			t.Fatalf("new %s: exit %d\n%s", c.kind, code, stderr)
		}
		draft := isDraft(filepath.Join(root, filepath.FromSlash(c.file)))
		if says := strings.Contains(stdout, "draft: true 改成"); says != draft {
			t.Errorf("new %s: the file's draft is %v, the message:\n%s", c.kind, draft, stdout)
		}
		if !draft && !strings.Contains(stdout, "不是草稿") {
			t.Errorf("new %s: a published file is said to be one:\n%s", c.kind, stdout)
		}
	}
}

func TestIsDraft(t *testing.T) {
	dir := t.TempDir()
	for text, want := range map[string]bool{
		"---\ntitle: x\ndraft: true\n---\nbody\n":                       true,
		"\ufeff---\r\ntitle: x\r\ndraft: true # 写好后改成 false\r\n---\r\n": true,
		"---\ntitle: x\ndraft: false\n---\ndraft: true\n":               false,
		"---\ntitle: x\n---\n":                                          false,
		"draft: true\n":                                                 false,
		"---\ndraft: true\n":                                            false,
		"---\ntitle: [\ndraft: true\n---\n":                             false,
	} {
		p := filepath.Join(dir, "x.md")
		os.WriteFile(p, []byte(text), 0o644)
		if got := isDraft(p); got != want {
			t.Errorf("isDraft(%q) = %v, want %v", text, got, want)
		}
	}
	if isDraft(filepath.Join(dir, "missing.md")) {
		t.Error("a missing file is no draft")
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"port", "port", 0}, {"prot", "port", 1}, {"verbos", "verbose", 1},
		{"biuld", "build", 1}, {"prot", "root", 2}, {"", "ab", 2}, {"楼组", "楼道", 1},
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if near, _ := nearest("x", []string{"root", "quiet"}); near != "" {
		t.Errorf("nearest(x) = %q: too short to be near anything", near)
	}
}

func TestRootArg(t *testing.T) {
	for _, c := range []struct {
		args []string
		root string
		ok   bool
	}{
		{[]string{"build"}, "", false},
		{[]string{"build", "--root", "a"}, "a", true},
		{[]string{"build", "-root=b"}, "b", true},
		{[]string{"build", "--root=a", "--root", "c"}, "c", true},
		{[]string{"build", "--", "--root", "a"}, "", false},
		{[]string{"build", "--root"}, "", false},
		{[]string{"new", "story", "rootless.md"}, "", false},
	} {
		root, ok := rootArg(c.args)
		if root != c.root || ok != c.ok {
			t.Errorf("rootArg(%q) = %q, %v; want %q, %v", c.args, root, ok, c.root, c.ok)
		}
	}
}

// Whatever is typed after a command, its flags are read without a panic and
// a mistake is told in words.
func FuzzCommandLine(f *testing.F) {
	for _, s := range []string{"--prot 5", "--root", "--quiet=maybe", "-root=x extra", "--port=abc --bind", "---x", "-=", "--verbose -- --root", "--bind 0.0.0.0:80", "新 故事"} {
		f.Add(s)
	}
	cat := i18n.Fallback("zh-CN")
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		rootArg(args)
		for _, cmd := range commands() {
			_, rest, err := parseFlags(cmd, args)
			if err == nil {
				err = checkArgs(cmd, rest)
			}
			if err == nil && cmd == "serve" {
				_, err = parseServeFlags(rest)
			}
			if err == nil {
				continue
			}
			var b strings.Builder
			printUsageError(&b, cat, err)
			if strings.Contains(b.String(), "cli.") || strings.Contains(b.String(), "msg.") {
				t.Errorf("%s %q: %s", cmd, args, b.String())
			}
		}
	})
}
