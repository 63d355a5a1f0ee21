package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"wallpress/generator/i18n"
	"wallpress/generator/internal/testsite"
)

// TestMain lets a test run the command in a process of its own, as
// another user (see runAsNobody): with WALLPRESS_TEST_CLI set, the test
// binary is the command, its arguments in that variable.
func TestMain(m *testing.M) {
	if args := os.Getenv("WALLPRESS_TEST_CLI"); args != "" {
		os.Exit(run(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// checkWords fails when out blames the program or shows a message key.
func checkWords(t *testing.T, out string) {
	t.Helper()
	for _, bad := range []string{"msg.", "程序内部出错", "Internal error", "map["} {
		if strings.Contains(out, bad) {
			t.Errorf("output has %q:\n%s", bad, out)
		}
	}
}

// TestOSFailureInWords: the operating system's refusals, as the build's
// errors carry them (wrapped, with the path in an *fs.PathError or
// *os.LinkError), are said in words naming the place and what to do, in the
// site's language.
func TestOSFailureInWords(t *testing.T) {
	root := t.TempDir()
	at := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	// A real full disk: the kernel's /dev/full answers every write so.
	diskFull := error(&fs.PathError{Op: "write", Path: at("public/c/g/index.html"), Err: syscall.ENOSPC})
	if err := os.WriteFile("/dev/full", []byte("x"), 0); errors.Is(err, syscall.ENOSPC) {
		pe, _ := errors.AsType[*fs.PathError](err)
		pe.Path = at("public/c/g/index.html")
		diskFull = pe
	}
	for _, tc := range []struct {
		name string
		err  error
		lang string
		want []string
	}{
		{"read-only site root", fmt.Errorf("output: %w", &fs.PathError{Op: "mkdir", Path: at(".wallpress-tmp-print-2682211479"), Err: syscall.EACCES}),
			"zh-CN", []string{"没有权限读写 print", "让 " + root + " 可以写入"}},
		{"read-only folder in old public", fmt.Errorf("output: swap: %w", &fs.PathError{Op: "unlinkat", Path: at(".wallpress-tmp-public-928247517.old/c"), Err: syscall.EPERM}),
			"zh-CN", []string{"没有权限读写 public/c", "让 public 可以写入"}},
		{"read-only folder, English", &fs.PathError{Op: "open", Path: at("public/c/index.html"), Err: syscall.EACCES},
			"en", []string{"no permission to read or write public/c/index.html", "make public/c writable"}},
		{"disk full", fmt.Errorf("images: cache: %w", diskFull),
			"zh-CN", []string{"磁盘满了：写 public/c/g/index.html 时没有空间了", "public/c/g 所在磁盘"}},
		{"disk full, English", diskFull,
			"en", []string{"the disk is full: there was no room left to write public/c/g/index.html", "the disk that holds public/c/g"}},
		{"read-only file system", fmt.Errorf("output: %w", &os.LinkError{Op: "rename", Old: at(".wallpress-tmp-public-1"), New: at("public"), Err: syscall.EROFS}),
			"zh-CN", []string{"public 在一个只读的磁盘上", "复制到可以写的磁盘"}},
		{"outside the site", &fs.PathError{Op: "open", Path: "/var/tmp/x", Err: syscall.EACCES},
			"en", []string{"no permission to read or write /var/tmp/x", "make /var/tmp writable"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, ok := osFailure(tc.err); !ok {
				t.Fatalf("osFailure(%v) did not recognise it", tc.err)
			}
			var b bytes.Buffer
			printFailure(&b, i18n.Fallback(tc.lang), root, tc.err)
			out := b.String()
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			checkWords(t, out)
		})
	}
	// Anything else is still the program's fault, and says so.
	for _, err := range []error{errors.New("template: no such block"), &fs.PathError{Op: "open", Path: at("x"), Err: syscall.ENOENT}} {
		if key, _, ok := osFailure(err); ok {
			t.Errorf("osFailure(%v) = %s; want not recognised", err, key)
		}
	}
}

// TestReadOnlySiteRoot runs build in a site whose folder cannot be written,
// for real: as root (where permissions do not stop writes) the command runs
// in a child process as the user nobody.
func TestReadOnlySiteRoot(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	testsite.CopyTree(t, filepath.Join("testdata", "bad", "good"), root)
	os.Remove(filepath.Join(root, "expect.txt"))
	testsite.CopyTree(t, filepath.Join(testsite.RepoRoot(), "themes", "default"), filepath.Join(root, "themes", "default"))
	if err := os.Chmod(root, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(root, 0o755) })
	code, out := runAsNobody(t, root, "build", "--root", root)
	if code != exitErrs {
		t.Fatalf("build in a read-only folder: exit %d, want %d\n%s", code, exitErrs, out)
	}
	// The first write refused is publishing's lock file: output says it,
	// naming the folder and what to do.
	for _, want := range []string{"没有权限", root, "不是只读"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	checkWords(t, out)
}

// runAsNobody runs the command with args, as the user nobody when the test
// runs as root, and returns its exit status and output.
func runAsNobody(t *testing.T, root string, args ...string) (int, string) {
	t.Helper()
	if os.Geteuid() != 0 {
		code, stdout, stderr := runCLI(args...)
		return code, stdout + stderr
	}
	// nobody must reach the site and the binary: open every folder above
	// them for reading and a copy of the test binary for running.
	for dir := root; dir != "/" && dir != "."; dir = filepath.Dir(dir) {
		st, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm()&0o005 != 0o005 {
			os.Chmod(dir, st.Mode().Perm()|0o005)
		}
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != root {
			st, _ := d.Info()
			os.Chmod(p, st.Mode().Perm()|0o004|(st.Mode().Perm()&0o100)>>6)
		}
		return nil
	})
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(filepath.Dir(root), "wallpress.test")
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "WALLPRESS_TEST_CLI="+strings.Join(args, "\n"))
	cmd.Dir = filepath.Dir(root)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Skipf("cannot run as nobody: %v", err)
	}
	return cmd.ProcessState.ExitCode(), string(out)
}
