package posters

import (
	"errors"
	"os/exec"
	"testing"
)

func fakeFinder(goos string, env map[string]string, onPath map[string]string, files ...string) Finder {
	isFile := map[string]bool{}
	for _, f := range files {
		isFile[f] = true
	}
	return Finder{
		GOOS:   goos,
		Getenv: func(k string) string { return env[k] },
		LookPath: func(name string) (string, error) {
			if p, ok := onPath[name]; ok {
				return p, nil
			}
			return "", exec.ErrNotFound
		},
		IsFile: func(p string) bool { return isFile[p] },
	}
}

func TestFindBrowser(t *testing.T) {
	tests := []struct {
		name    string
		f       Finder
		want    string
		wantErr bool
	}{
		{"env path", fakeFinder("linux", map[string]string{BrowserEnv: "/opt/x/chrome"}, nil, "/opt/x/chrome"), "/opt/x/chrome", false},
		{"env name on PATH", fakeFinder("linux", map[string]string{BrowserEnv: "brave"}, map[string]string{"brave": "/usr/bin/brave"}), "/usr/bin/brave", false},
		{"env wins over PATH", fakeFinder("linux", map[string]string{BrowserEnv: "/opt/x/chrome"}, map[string]string{"chromium": "/usr/bin/chromium"}, "/opt/x/chrome"), "/opt/x/chrome", false},
		{"env names nothing", fakeFinder("linux", map[string]string{BrowserEnv: "/nope"}, map[string]string{"chromium": "/usr/bin/chromium"}), "", true},
		{"chromium first", fakeFinder("linux", nil, map[string]string{"google-chrome": "/usr/bin/google-chrome", "chromium": "/usr/bin/chromium"}), "/usr/bin/chromium", false},
		{"edge on PATH", fakeFinder("linux", nil, map[string]string{"microsoft-edge": "/usr/bin/microsoft-edge"}), "/usr/bin/microsoft-edge", false},
		{"linux install place", fakeFinder("linux", nil, nil, "/opt/google/chrome/chrome"), "/opt/google/chrome/chrome", false},
		{"mac app", fakeFinder("darwin", nil, nil, "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"), "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", false},
		{"mac user app", fakeFinder("darwin", map[string]string{"HOME": "/Users/liu"}, nil, "/Users/liu/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"), "/Users/liu/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge", false},
		{"windows edge", fakeFinder("windows", map[string]string{"ProgramFiles(x86)": `C:\Program Files (x86)`}, nil, `C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`), `C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe`, false},
		{"windows chrome per user", fakeFinder("windows", map[string]string{"LocalAppData": `C:\Users\liu\AppData\Local`}, nil, `C:\Users\liu\AppData\Local\Google\Chrome\Application\chrome.exe`), `C:\Users\liu\AppData\Local\Google\Chrome\Application\chrome.exe`, false},
		{"windows on PATH", fakeFinder("windows", nil, map[string]string{"msedge": `C:\Edge\msedge.exe`}), `C:\Edge\msedge.exe`, false},
		{"none", fakeFinder("linux", nil, nil), "", true},
	}
	for _, tt := range tests {
		got, err := tt.f.Find()
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q (error %v)", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
	if _, err := fakeFinder("linux", nil, nil).Find(); !errors.Is(err, ErrNoBrowser) {
		t.Errorf("err = %v, want ErrNoBrowser", err)
	}
}
