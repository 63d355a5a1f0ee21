package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"wallpress/generator/internal/testsite"
)

// badCase is one folder of testdata/bad: a tiny site with one kind of bad
// input, and its expect.txt:
//
//	# what the case shows
//	exit 1                       the exit status of build and of check
//	want REGEXP                  must match the output (stdout and stderr)
//	absent REGEXP                must not match it
//	make PATH KIND [ARGS]        a file made at test time (see makeFile)
//	encode PATH gb18030          re-encode a UTF-8 file of the case
type badCase struct {
	exit    int
	want    []*regexp.Regexp
	absent  []*regexp.Regexp
	actions [][]string
}

func readBadCase(t *testing.T, dir string) badCase {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "expect.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := badCase{exit: -1}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		switch verb {
		case "exit":
			c.exit, err = strconv.Atoi(rest)
		case "want", "absent":
			var re *regexp.Regexp
			re, err = regexp.Compile("(?m)" + rest)
			if verb == "want" {
				c.want = append(c.want, re)
			} else {
				c.absent = append(c.absent, re)
			}
		case "make", "encode":
			args := strings.SplitN(rest, " ", 3)
			c.actions = append(c.actions, append([]string{verb}, args...))
		default:
			t.Fatalf("expect.txt:%d: unknown line %q", n, line)
		}
		if err != nil {
			t.Fatalf("expect.txt:%d: %v", n, err)
		}
	}
	if c.exit < 0 || len(c.want)+len(c.absent) == 0 {
		t.Fatal("expect.txt needs an exit line and at least one want or absent line")
	}
	return c
}

// makeFile makes the file of a "make" or "encode" line in root. It returns
// false when the file system cannot hold it (two names differing only in
// case, on Windows or macOS).
func makeFile(t *testing.T, root string, action []string) bool {
	t.Helper()
	verb, name := action[0], filepath.Join(root, filepath.FromSlash(action[1]))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if verb == "encode" {
		text, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		data, err := simplifiedchinese.GB18030.NewEncoder().Bytes(text)
		if err != nil {
			t.Fatal(err)
		}
		return os.WriteFile(name, data, 0o644) == nil
	}
	if _, err := os.Stat(name); err == nil && !hasExactName(t, name) {
		// The name exists only under another case: the file system folds
		// case, and the file would replace the case's own.
		return false
	}
	if len(action) < 3 {
		t.Fatalf("make %s: no kind", action[1])
	}
	kind, args := action[2], ""
	if len(action) > 3 {
		args = action[3]
	}
	size := func() (int, int) {
		var w, h int
		if _, err := fmt.Sscan(args, &w, &h); err != nil {
			t.Fatalf("make %s: want WIDTH HEIGHT, got %q", kind, args)
		}
		return w, h
	}
	var data []byte
	switch kind {
	case "quoted":
		s, err := strconv.Unquote(args)
		if err != nil {
			t.Fatalf("make quoted: %v", err)
		}
		data = []byte(s)
	case "jpeg", "truncated-jpeg":
		w, h := size()
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
			}
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, nil); err != nil {
			t.Fatal(err)
		}
		data = b.Bytes()
		if kind == "truncated-jpeg" {
			data = data[:len(data)/2] // a copy that did not finish
		}
	case "heic":
		// The start of an iPhone photo: an ISO box "ftyp" with brand heic.
		data = append([]byte{0, 0, 0, 0x18}, "ftypheic\x00\x00\x00\x00mif1heic"...)
		data = append(data, make([]byte, 64)...)
	case "png-header":
		// A PNG that claims w×h pixels: the signature and IHDR only.
		w, h := size()
		ihdr := make([]byte, 13)
		binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
		binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
		ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
		chunk := append([]byte("IHDR"), ihdr...)
		data = append([]byte("\x89PNG\r\n\x1a\n"), binary.BigEndian.AppendUint32(nil, 13)...)
		data = append(data, chunk...)
		data = binary.BigEndian.AppendUint32(data, crc32.ChecksumIEEE(chunk))
	default:
		t.Fatalf("make: unknown kind %q", kind)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return true
}

// hasExactName reports whether name's folder holds a file of exactly that
// name (not one differing only in case).
func hasExactName(t *testing.T, name string) bool {
	t.Helper()
	dir, base := filepath.Split(name)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == base {
			return true
		}
	}
	return false
}

// Every kind of bad input gets its message and exit status from build
// and from check alike, and leaves public/ and print/ byte for byte as they
// were.
func TestBadInput(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "bad", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	theme := filepath.Join(testsite.RepoRoot(), "themes", "default")
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			c := readBadCase(t, dir)
			root := t.TempDir()
			testsite.CopyTree(t, dir, root)
			os.Remove(filepath.Join(root, "expect.txt"))
			if _, err := os.Stat(filepath.Join(root, "themes")); os.IsNotExist(err) {
				testsite.CopyTree(t, theme, filepath.Join(root, "themes", "default"))
			}
			for _, a := range c.actions {
				if !makeFile(t, root, a) {
					t.Skipf("this file system cannot hold %s beside a name differing in case", a[1])
				}
			}
			// What a previous good build left, and the print shop's folder.
			pub, print := filepath.Join(root, "public"), filepath.Join(root, "print")
			for name, text := range map[string]string{
				"public/index.html":           "<!DOCTYPE html><title>the site as it was</title>",
				"public/sentinel.txt":         "left by the web person",
				"public/c/g/convention/x.jpg": "\xff\xd8\xff",
				"print/sentinel.txt":          "posters as they were",
			} {
				p := filepath.Join(root, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			pubBefore, printBefore := testsite.ReadTree(t, pub), testsite.ReadTree(t, print)

			for _, cmd := range []string{"check", "build"} {
				code, stdout, stderr := runCLI(cmd, "--root", root)
				out := stdout + stderr
				if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic") {
					t.Errorf("%s printed a Go stack trace:\n%s", cmd, out)
				}
				if code != c.exit {
					t.Errorf("%s: exit %d, want %d\n%s", cmd, code, c.exit, out)
				}
				for _, re := range c.want {
					if !re.MatchString(out) {
						t.Errorf("%s: output lacks /%s/:\n%s", cmd, re, out)
					}
				}
				for _, re := range c.absent {
					if m := re.FindString(out); m != "" {
						t.Errorf("%s: output has %q (/%s/):\n%s", cmd, m, re, out)
					}
				}
				if cmd == "build" && code == 0 {
					// A good build replaces public/ (only).
					if _, err := os.Stat(filepath.Join(pub, "sentinel.txt")); !os.IsNotExist(err) {
						t.Errorf("build succeeded but public/ was not replaced")
					}
					if _, err := os.Stat(filepath.Join(pub, "index.html")); err != nil {
						t.Errorf("build succeeded without public/index.html")
					}
				} else {
					sameTree(t, cmd, "public", pubBefore, testsite.ReadTree(t, pub))
					sameTree(t, cmd, "print", printBefore, testsite.ReadTree(t, print))
				}
			}
		})
	}
}

func sameTree(t *testing.T, cmd, name string, before, after map[string][]byte) {
	t.Helper()
	if len(after) != len(before) {
		t.Errorf("%s: %s/ had %d files, now %d", cmd, name, len(before), len(after))
	}
	for p, b := range before {
		if !bytes.Equal(b, after[p]) {
			t.Errorf("%s: %s/%s changed", cmd, name, p)
		}
	}
}
