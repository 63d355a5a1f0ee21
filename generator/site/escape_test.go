package site

import (
	"html/template"
	"strings"
	"testing"
)

// escapeCases are values that exercise every rule of html/template's text,
// attribute and URL escapers.
var escapeCases = []string{
	"", "plain", "刘阿姨（楼组长）", `a "quoted" 'word'`, "1+1 < 3 > 2 & more",
	"nul\x00byte", "invalid \xff utf-8", "../a b/照片.jpg", "a%20b%zz%", "x?y=1&z=[2]#frag",
	"javascript:alert(1)", "JavaScript:x", "https://example.org/a b", "mailto:a@b.c", "data:image/png;base64,AAA",
	"a/b:c", "tab\there", "{}|\\^`", "receipt-300w.jpg",
}

// TestEscapeMatchesTemplate checks the Go-written fragments' escaping
// against html/template's own in the same places.
func TestEscapeMatchesTemplate(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}"></a><img src="{{.}}">`))
	for _, s := range escapeCases {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		text := string(appendText(nil, s))
		url := string(appendURL(nil, s))
		got := `<p title="` + text + `">` + text + `</p><a href="` + url + `"></a><img src="` + url + `">`
		if got != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
		}
	}
}

// FuzzEscape compares the escapers with html/template on any string.
func FuzzEscape(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	tmpl := template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}"></a>`))
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		if err := tmpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		text := string(appendText(nil, s))
		got := `<p title="` + text + `">` + text + `</p><a href="` + string(appendURL(nil, s)) + `"></a>`
		if got != want.String() {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want.String())
		}
	})
}
