package build

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"wallpress/generator/diag"
	"wallpress/generator/internal/testsite"
)

const group = "content/demo-cun/building-1"

// addFiles writes files (slash paths from the root) into the site at root:
// .jpg/.jpeg/.JPG names get a JPEG, .png a PNG, others their text.
func addFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		switch strings.ToLower(filepath.Ext(name)) {
		case ".jpg", ".jpeg":
			testsite.WriteJPEG(t, p, 600, 400, color.RGBA{30, 90, 160, 255})
		case ".png":
			img := image.NewRGBA(image.Rect(0, 0, 600, 400))
			for i := range img.Pix {
				img.Pix[i] = byte(i)
			}
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(f, img); err != nil {
				t.Fatal(err)
			}
			f.Close()
		default:
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// photos is a photo record showing the files named.
func photos(files ...string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: 照片\nphotos:\n")
	for _, f := range files {
		b.WriteString("  - {file: \"" + f + "\"}\n")
	}
	b.WriteString("---\n")
	return b.String()
}

// checkAndBuild runs check and build on root: both must report an error
// diagnostic (and no failure of the program), and build must publish
// nothing.
func checkAndBuild(t *testing.T, root string) []diag.Diagnostic {
	t.Helper()
	var items []diag.Diagnostic
	for _, write := range []bool{false, true} {
		res, err := Run(context.Background(), Options{Root: root, Write: write})
		if err != nil {
			t.Fatalf("write=%v: the program failed (%v) instead of telling what to change", write, err)
		}
		if !res.Diags.HasErrors() {
			t.Fatalf("write=%v: no error reported", write)
		}
		items = res.Diags.Items()
	}
	if _, err := os.Stat(filepath.Join(root, PublicDir)); err == nil {
		t.Errorf("public/ was written")
	}
	return items
}

func TestNameCollisions(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		// want: the diagnostic's file, line, key and the other file it
		// names (for collisionReserved, the site's name).
		file  string
		line  int
		key   string
		other string
	}{
		{
			name:  "case of the extension",
			files: map[string]string{group + "/IMG_1.JPG": "", group + "/IMG_1.jpg": "", group + "/photo-phone.md": photos("IMG_1.JPG", "IMG_1.jpg")},
			file:  group + "/IMG_1.jpg", key: "content.collision", other: group + "/IMG_1.JPG",
		},
		{
			name:  "jpg and jpeg",
			files: map[string]string{group + "/pic.jpg": "", group + "/pic.jpeg": "", group + "/photo-pic.md": photos("pic.jpg", "pic.jpeg")},
			file:  group + "/pic.jpg", key: "content.collision", other: group + "/pic.jpeg",
		},
		{
			name:  "png suffix",
			files: map[string]string{group + "/pic.png": "", group + "/pic-png.jpg": "", group + "/photo-pic.md": photos("pic.png", "pic-png.jpg")},
			file:  group + "/pic.png", key: "content.collision", other: group + "/pic-png.jpg",
		},
		{
			name:  "case of the name",
			files: map[string]string{group + "/Team.jpg": "", group + "/photo-team.md": photos("Team.jpg")},
			file:  group + "/team.jpg", key: "content.collision", other: group + "/Team.jpg",
		},
		{
			name:  "record named like an image variant",
			files: map[string]string{group + "/team-480w.jpg.md": "---\ntype: activity\ntitle: 怪名字\n---\n"},
			file:  group + "/team.jpg", key: "content.collision", other: group + "/team-480w.jpg.md",
		},
		{
			name:  "Stories",
			files: map[string]string{"content/Stories/_index.md": "---\nname: 故事村\n---\n"},
			file:  "content/Stories/_index.md", line: 1, key: "content.collisionReserved", other: "stories/",
		},
		{
			name:  "STATIC",
			files: map[string]string{"content/STATIC/_index.md": "---\nname: 静态村\n---\n"},
			file:  "content/STATIC/_index.md", line: 1, key: "content.collisionReserved", other: "static/",
		},
		{
			name:  "exact reserved name",
			files: map[string]string{"content/posters/_index.md": "---\nname: 海报村\n---\n"},
			file:  "content/posters/_index.md", line: 1, key: "content.reserved", other: "posters",
		},
		{
			name:  "feed",
			files: map[string]string{"content/Feed.XML/_index.md": "---\nname: 订阅村\n---\n"},
			file:  "content/Feed.XML/_index.md", line: 1, key: "content.collisionReserved", other: "feed.xml",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := fixtureSite(t, "zh-CN")
			addFiles(t, root, tc.files)
			items := checkAndBuild(t, root)
			var found bool
			for _, d := range items {
				if d.Key == tc.key && d.Pos.File == tc.file && d.Pos.Line == tc.line {
					arg := d.Args["other"]
					switch tc.key {
					case "content.collisionReserved":
						arg = d.Args["reserved"]
					case "content.reserved":
						arg = d.Args["name"]
					}
					if arg != tc.other {
						t.Errorf("names %v, want %s", arg, tc.other)
					}
					found = true
				} else if d.Severity == diag.Error {
					t.Errorf("other error: %s %s %v", d.Pos, d.Key, d.Args)
				}
			}
			if !found {
				t.Errorf("want %s at %s:%d, got %+v", tc.key, tc.file, tc.line, items)
			}
		})
	}
}

// outsideSite is the fixture with a folder of secrets beside it; links
// maps link names (slash paths from the root) to their text, where $OUT is
// the secrets' folder.
func outsideSite(t *testing.T, links map[string]string) string {
	t.Helper()
	root := fixtureSite(t, "zh-CN")
	out := filepath.Join(t.TempDir(), "outside")
	addFiles(t, out, map[string]string{
		"passwd.md":         "root:x:0:0:SECRET\n",
		"story.md":          "---\ntitle: SECRET\n---\nSECRET\n",
		"secret.jpg":        "",
		"book.csv":          "日期,摘要,收入,支出,结余,经手人\n2023-01-01,SECRET,1,,1,SECRET\n",
		"group/_index.md":   "---\nname: SECRET\n---\n",
		"group/activity.md": "---\ntitle: SECRET\n---\nSECRET\n",
		"static/x.css":      "SECRET",
	})
	for name, target := range links {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.Remove(p)
		if err := os.Symlink(strings.ReplaceAll(target, "$OUT", out), p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	return root
}

func TestSymlinksOutsideAreNotPublished(t *testing.T) {
	links := map[string]string{
		group + "/story-passwd.md":  "/etc/passwd",
		group + "/story-leak.md":    "$OUT/story.md",
		group + "/leak.jpg":         "$OUT/secret.jpg",
		group + "/account-2023.csv": "../../../../outside/book.csv",
		"content/demo-cun/linked":   "$OUT/group",
		"themes/default/static/x":   "$OUT/static",
	}
	root := outsideSite(t, links)
	addFiles(t, root, map[string]string{group + "/photo-leak.md": photos("leak.jpg")})
	items := checkAndBuild(t, root)
	for _, d := range items {
		if strings.Contains(d.Pos.String()+d.Key+strings.Join(argStrings(d.Args), " "), "SECRET") || strings.Contains(strings.Join(argStrings(d.Args), " "), "root:") {
			t.Errorf("a message shows an outside file: %s %s %v", d.Pos, d.Key, d.Args)
		}
	}
	want := map[string]string{
		group + "/story-passwd.md":  "content.symlinkOutside",
		group + "/story-leak.md":    "content.symlinkOutside",
		group + "/leak.jpg":         "content.symlinkOutside",
		group + "/account-2023.csv": "content.symlinkOutside",
		"content/demo-cun/linked":   "content.symlinkOutside",
		"themes/default/static/x":   "content.symlinkOutside",
		group + "/photo-leak.md":    "content.pathLink",
		group + "/account-2023.md":  "content.pathLink",
	}
	for file, key := range want {
		found := false
		for _, d := range items {
			if d.Pos.File == file && d.Key == key {
				found = true
				if d.Severity != diag.Error {
					t.Errorf("%s: %s is not an error", file, key)
				}
				// The message names where the link points, as written.
				if target := links[file]; key == "content.symlinkOutside" && !strings.HasPrefix(target, "$OUT") && d.Args["target"] != target {
					t.Errorf("%s: target %v, want %s", file, d.Args["target"], target)
				}
			}
		}
		if !found {
			t.Errorf("want %s at %s, got %+v", key, file, items)
		}
	}
}

func argStrings(a diag.Args) []string {
	var out []string
	for k, v := range a {
		if s, ok := v.(string); ok {
			out = append(out, k+"="+s)
		}
	}
	return out
}

// Links that stay inside content/ are followed: a linked picture and a
// linked group folder are published.
func TestSymlinksInsidePublished(t *testing.T) {
	root := outsideSite(t, map[string]string{
		group + "/team-link.jpg":      "team.jpg",
		"content/demo-cun/building-2": "building-1",
	})
	addFiles(t, root, map[string]string{group + "/photo-link.md": photos("team-link.jpg")})
	mustBuild(t, root)
	for _, f := range []string{
		"demo-cun/building-1/team-link-480w.jpg",
		"demo-cun/building-2/index.html",
		"demo-cun/building-2/photo-link/index.html",
	} {
		if _, err := os.Stat(filepath.Join(root, PublicDir, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s not published: %v", f, err)
		}
	}
}
