package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wallpress/generator/internal/testsite"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsage(t *testing.T) {
	if code, out, _ := runCLI("--help"); code != 0 || !strings.Contains(out, "build") {
		t.Errorf("--help: code %d, output %q", code, out)
	}
	if code, _, _ := runCLI("build", "--help"); code != 0 {
		t.Errorf("build --help: code %d", code)
	}
	for _, args := range [][]string{{}, {"bogus"}, {"build", "--nope"}, {"build", "extra"}, {"new", "convention"}} {
		if code, _, _ := runCLI(args...); code != 2 {
			t.Errorf("%q: code %d, want 2", args, code)
		}
	}
}

// A broken front matter line makes check exit 1 naming the file and line,
// in the site's language, and writes nothing.
func TestCheckNamesFileAndLine(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	rec := filepath.Join(root, "content", "demo-cun", "building-1", "convention.md")
	data, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	// Line 3 gets a full-width colon, as a Chinese input method types it.
	broken := strings.Replace(string(data), "adopted: 2024-03-15", "adopted：2024-03-15", 1)
	if broken == string(data) {
		t.Fatal("fixture changed: no adopted line")
	}
	os.WriteFile(rec, []byte(broken), 0o644)
	code, _, stderr := runCLI("check", "--root", root)
	if code != 1 {
		t.Fatalf("check exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "content/demo-cun/building-1/convention.md:3") {
		t.Errorf("no file:line in\n%s", stderr)
	}
	if !strings.Contains(stderr, "全角") {
		t.Errorf("no hint about the full-width colon in\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("check wrote public/")
	}
}

// A build with errors leaves the previous public/ byte for byte.
func TestFailedBuildKeepsPublic(t *testing.T) {
	root := testsite.Fixture(t, "en")
	if code, _, stderr := runCLI("build", "--root", root, "--quiet"); code != 0 {
		t.Fatalf("first build: %d\n%s", code, stderr)
	}
	pub := filepath.Join(root, "public")
	sentinel := filepath.Join(pub, "sentinel.txt")
	os.WriteFile(sentinel, []byte("left by the web person"), 0o644)
	before := testsite.ReadTree(t, pub)

	ledger := filepath.Join(root, "content", "demo-cun", "building-1", "account-2024.md")
	data, _ := os.ReadFile(ledger)
	os.WriteFile(ledger, []byte(strings.Replace(string(data), `closing: "563.50"`, `closing: "590.50"`, 1)), 0o644)
	code, _, stderr := runCLI("build", "--root", root)
	if code != 1 {
		t.Fatalf("build with a wrong closing: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"account-2024.md:6", "¥590.50", "¥563.50", "¥27.00"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("message lacks %q:\n%s", want, stderr)
		}
	}
	after := testsite.ReadTree(t, pub)
	if len(after) != len(before) {
		t.Fatalf("public/ had %d files, now %d", len(before), len(after))
	}
	for p, b := range before {
		if !bytes.Equal(b, after[p]) {
			t.Errorf("public/%s changed", p)
		}
	}
}

func TestNewCreatesFromArchetype(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	code, out, stderr := runCLI("new", "story", "demo-cun/building-1/corridor-autumn.md", "--root", root)
	if code != 0 {
		t.Fatalf("new: %d %s", code, stderr)
	}
	if !strings.Contains(out, "corridor-autumn.md") {
		t.Errorf("no next step naming the file: %q", out)
	}
	if code, _, _ := runCLI("new", "story", "demo-cun/building-1/corridor-autumn.md", "--root", root); code == 0 {
		t.Error("new overwrote an existing file")
	}
	// A fresh record is a draft: the site still builds.
	if code, _, stderr := runCLI("check", "--root", root); code != 0 {
		t.Errorf("check after new: %d\n%s", code, stderr)
	}
}

// Ctrl-C during `wallpress build` (main turns it into ctx) stops the build,
// publishes nothing and says so in the site's language.
func TestBuildInterruptedSaysSo(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{{"zh-CN", "已中止"}, {"en", "Stopped"}} {
		root := testsite.Fixture(t, tc.lang)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var out, errb bytes.Buffer
		if code := run(ctx, []string{"build", "--root", root}, &out, &errb); code != exitErrs {
			t.Fatalf("%s: exit %d, want %d; stderr:\n%s", tc.lang, code, exitErrs, errb.String())
		}
		if !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%s: stderr does not say the build stopped:\n%s", tc.lang, errb.String())
		}
		for _, dir := range []string{"public", "print"} {
			if _, err := os.Stat(filepath.Join(root, dir)); !os.IsNotExist(err) {
				t.Errorf("%s: an interrupted build made %s/", tc.lang, dir)
			}
		}
	}
}
