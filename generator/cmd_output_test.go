package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"wallpress/generator/internal/testsite"
	"wallpress/generator/output"
)

// A folder that cannot be written and a full disk are told in words, naming
// the folder and what to do, in the site's language; never as an internal
// error.
func TestOutputFailureInWords(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	cat := catalog(root, nil)
	for _, c := range []struct {
		err  error
		want []string
	}{
		{&output.Error{Op: output.OpWrite, Folder: root, Tree: filepath.Join(root, "public"),
			Err: &fs.PathError{Op: "mkdirat", Path: filepath.Join(root, ".wallpress-tmp-public-*"), Err: syscall.EACCES}},
			[]string{root + ": ", "没有权限", "不是只读的"}},
		{&output.Error{Op: output.OpWrite, Folder: root, Tree: filepath.Join(root, "print"),
			Err: &fs.PathError{Op: "write", Path: filepath.Join(root, ".wallpress-tmp-print-1", "a.pdf"), Err: syscall.ENOSPC}},
			[]string{"磁盘满了", "print", "腾出磁盘空间"}},
	} {
		var b bytes.Buffer
		if !outputFailure(&b, cat, root, c.err) {
			t.Fatalf("%v: not printed", c.err)
		}
		for _, w := range append(c.want, "怎么改") {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%v: message lacks %q:\n%s", c.err, w, b.String())
			}
		}
		if strings.Contains(b.String(), "内部出错") || strings.Contains(b.String(), "msg.") {
			t.Errorf("%v: %s", c.err, b.String())
		}
	}
}

// A build that cannot put public/ in place (here a file is in the way)
// exits 1 with a message naming the site folder, not an internal error, and
// leaves print/ as it was: the two trees change together.
func TestBuildOutputFailureNamesFolder(t *testing.T) {
	root := testsite.Fixture(t, "en")
	if err := os.WriteFile(filepath.Join(root, "public"), []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("build", "--root", root)
	if code != 1 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if strings.Contains(stderr, "Internal error") || !strings.Contains(stderr, "public/ and print/ were not updated") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "print")); err == nil {
		t.Error("print/ was published although public/ was not")
	}
	// With the file out of the way, both are published.
	os.Remove(filepath.Join(root, "public"))
	if code, _, stderr := runCLI("build", "--root", root, "--quiet"); code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, stderr)
	}
	for _, dir := range []string{"public", "print"} {
		if st, err := os.Stat(filepath.Join(root, dir)); err != nil || !st.IsDir() {
			t.Errorf("%s/ is not there after a good build", dir)
		}
	}
}
