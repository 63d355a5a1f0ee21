package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"wallpress/generator/internal/testsite"
)

func TestParseServeFlags(t *testing.T) {
	for _, c := range []struct {
		args    []string
		want    serveFlags
		wantErr bool
	}{
		{nil, serveFlags{bind: "127.0.0.1", port: 1313}, false},
		{[]string{"--port=1414"}, serveFlags{bind: "127.0.0.1", port: 1414}, false},
		{[]string{"--port", "0"}, serveFlags{bind: "127.0.0.1", port: 0}, false},
		{[]string{"--bind=0.0.0.0"}, serveFlags{bind: "0.0.0.0", port: 1313, bindSet: true}, false},
		{[]string{"--bind=127.0.0.1"}, serveFlags{bind: "127.0.0.1", port: 1313, bindSet: true}, false},
		{[]string{"--bind=[::1]", "--port=8080"}, serveFlags{bind: "::1", port: 8080, bindSet: true}, false},
		{[]string{"--port=abc"}, serveFlags{}, true},
		{[]string{"--port=70000"}, serveFlags{}, true},
		{[]string{"--bind=0.0.0.0:80"}, serveFlags{}, true},
		{[]string{"--bind="}, serveFlags{}, true},
		{[]string{"extra"}, serveFlags{}, true},
		{[]string{"--nope"}, serveFlags{}, true},
	} {
		got, err := parseServeFlags(c.args)
		if (err != nil) != c.wantErr {
			t.Errorf("%q: error %v, want error %v", c.args, err, c.wantErr)
			continue
		}
		if err == nil && got != c.want {
			t.Errorf("%q: %+v, want %+v", c.args, got, c.want)
		}
	}
}

// passServeFlags lets the common flags' parsing hand --bind and --port on,
// wherever they are typed among the other flags.
func TestPassServeFlags(t *testing.T) {
	var rest []string
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	root := fs.String("root", ".", "")
	passServeFlags(fs, &rest)
	if err := fs.Parse([]string{"--port", "8080", "--root", "site", "--bind=0.0.0.0"}); err != nil {
		t.Fatal(err)
	}
	if *root != "site" || strings.Join(rest, " ") != "--port=8080 --bind=0.0.0.0" {
		t.Fatalf("root %q, rest %q", *root, rest)
	}
	sf, err := parseServeFlags(rest)
	if err != nil || sf.port != 8080 || sf.bind != "0.0.0.0" || !sf.bindSet {
		t.Fatalf("%+v %v", sf, err)
	}
}

// syncBuffer is written by the server's goroutines and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// The command serves until stopped, says where, and stops cleanly; a port
// already taken is an error that says what to do.
func TestServeCommand(t *testing.T) {
	root := testsite.Fixture(t, "zh-CN")
	port := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- serveUntil(ctx, flags{root: root}, serveFlags{bind: "127.0.0.1", port: port}, &stdout, &stderr)
	}()
	url := "http://127.0.0.1:" + strconv.Itoa(port) + "/louzu/"
	deadline := time.Now().Add(20 * time.Second)
	for {
		// The address is printed once the first build is served.
		if strings.Contains(stdout.String(), url) {
			resp, err := http.Get(url)
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == http.StatusOK {
					break
				}
			}
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("%s never answered; stderr:\n%s", url, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if out := stdout.String(); !strings.Contains(out, "Ctrl-C") || !strings.Contains(out, "个页面") {
		t.Errorf("stdout does not say where the preview is:\n%s", out)
	}

	// A second preview on the same port.
	var out2, err2 syncBuffer
	if code := serveUntil(context.Background(), flags{root: root}, serveFlags{bind: "127.0.0.1", port: port}, &out2, &err2); code != exitErrs {
		t.Errorf("second serve on a taken port: exit %d", code)
	}
	if e := err2.String(); !strings.Contains(e, "--port "+strconv.Itoa(port+1)) {
		t.Errorf("no advice for a taken port:\n%s", e)
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d after stopping; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("still serving after stopping")
	}
}

// A non-loopback address without --bind is refused; typed with --bind it
// is served, with a warning.
func TestServeRemoteNeedsBind(t *testing.T) {
	root := testsite.Fixture(t, "en")
	var stdout, stderr syncBuffer
	code := serveUntil(context.Background(), flags{root: root}, serveFlags{bind: "0.0.0.0", port: freePort(t)}, &stdout, &stderr)
	if code != exitErrs {
		t.Errorf("0.0.0.0 without --bind: exit %d", code)
	}
	if code := run(context.Background(), []string{"serve", "--root", root, "stray"}, &stdout, &stderr); code != exitUsage {
		t.Errorf("serve with a stray argument: exit %d", code)
	}
}
