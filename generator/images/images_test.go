package images

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"wallpress/generator/diag"
)

func newProc(t testing.TB, widths ...int) *Processor {
	t.Helper()
	return New(Options{Widths: widths, Quality: 82, CacheDir: filepath.Join(t.TempDir(), "cache")})
}

func one(name string, data []byte) fstest.MapFS {
	return fstest.MapFS{name: &fstest.MapFile{Data: data}}
}

func mustProcess(t testing.TB, p *Processor, fsys fs.FS, name string) Result {
	t.Helper()
	res, err := p.Process(fsys, name)
	if err != nil {
		t.Fatalf("Process(%s): %v", name, err)
	}
	return res
}

func readVariant(t testing.TB, v Variant) ([]byte, image.Image) {
	t.Helper()
	data, err := os.ReadFile(v.File)
	if err != nil {
		t.Fatal(err)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", v.File, err)
	}
	if b := img.Bounds(); b.Dx() != v.Width || b.Dy() != v.Height {
		t.Fatalf("%s is %v, Variant says %dx%d", v.File, b.Size(), v.Width, v.Height)
	}
	return data, img
}

// near reports whether c is within 40 of want in every channel: JPEG is
// lossy, but not that lossy on flat colour.
func near(c color.Color, want color.NRGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(a uint32, w uint8) bool { return max(int(a>>8)-int(w), int(w)-int(a>>8)) <= 40 }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

// assertClean fails if data carries any metadata segment: APP1 (EXIF, XMP)
// or a comment, or the planted strings.
func assertClean(t *testing.T, data []byte) {
	t.Helper()
	// In entropy-coded data every 0xFF is followed by 0x00 or a restart
	// marker, so these byte pairs can only be markers.
	for _, m := range []byte{0xe1, 0xfe, 0xe0} {
		if bytes.Contains(data, []byte{0xff, m}) {
			t.Errorf("output has marker FF%02X", m)
		}
	}
	for _, s := range []string{"Exif", gpsDate, xmpMarker, "xmpmeta", comment} {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("output contains %q", s)
		}
	}
}

func TestOrientation(t *testing.T) {
	// A 40×20 picture, red on the left, stored sideways as a phone does.
	// Orientation 6 means "rotate 90° clockwise to view": the left edge
	// becomes the top. Orientation 8 turns the other way: left → bottom.
	for _, c := range []struct {
		name        string
		orientation int
		top, bottom color.NRGBA
		w, h        int
	}{
		{"none", 1, red, red, 40, 20},
		{"rotate cw", 6, red, blue, 20, 40},
		{"rotate ccw", 8, blue, red, 20, 40},
		{"rotate 180", 3, blue, blue, 40, 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := newProc(t, 480)
			res := mustProcess(t, p, one("a.jpg", phoneJPEG(t, halves(40, 20, red, blue), c.orientation)), "a.jpg")
			if res.Width != c.w || res.Height != c.h || len(res.Variants) != 1 {
				t.Fatalf("got %dx%d with %d variants, want %dx%d with 1", res.Width, res.Height, len(res.Variants), c.w, c.h)
			}
			data, img := readVariant(t, res.Variants[0])
			if v := res.Variants[0]; v.Width != c.w || v.Height != c.h {
				t.Fatalf("variant %dx%d, want %dx%d", v.Width, v.Height, c.w, c.h)
			}
			// Sample the top-left and bottom-left quarters' centres.
			top, bottom := img.At(c.w/4, c.h/4), img.At(c.w/4, 3*c.h/4)
			if !near(top, c.top) || !near(bottom, c.bottom) {
				t.Errorf("top-left %v, bottom-left %v; want %v, %v", top, bottom, c.top, c.bottom)
			}
			assertClean(t, data)
		})
	}
}

func TestMetadataStrippedEveryVariant(t *testing.T) {
	p := newProc(t, 100, 200, 300)
	res := mustProcess(t, p, one("p.jpg", phoneJPEG(t, photo(400, 300), 6)), "p.jpg")
	if len(res.Variants) != 3 {
		t.Fatalf("%d variants, want 3", len(res.Variants))
	}
	for _, v := range res.Variants {
		data, _ := readVariant(t, v)
		assertClean(t, data)
	}
}

func TestVariantWidths(t *testing.T) {
	for _, c := range []struct {
		w, h   int
		widths []int
		want   [][2]int
	}{
		{400, 300, []int{100, 200, 300}, [][2]int{{100, 75}, {200, 150}, {300, 225}}},
		{250, 100, []int{100, 200, 300}, [][2]int{{100, 40}, {200, 80}, {250, 100}}},
		{200, 100, []int{100, 200, 300}, [][2]int{{100, 50}, {200, 100}}},
		{60, 30, []int{100, 200, 300}, [][2]int{{60, 30}}},
		{60, 30, []int{300, 100, 100, -5}, [][2]int{{60, 30}}},
	} {
		p := newProc(t, c.widths...)
		res := mustProcess(t, p, one("a.png", encodePNG(t, photo(c.w, c.h))), "a.png")
		var got [][2]int
		for _, v := range res.Variants {
			readVariant(t, v)
			got = append(got, [2]int{v.Width, v.Height})
		}
		if !slices.Equal(got, c.want) || res.Width != c.w || res.Height != c.h {
			t.Errorf("%dx%d widths %v: got %v (%dx%d), want %v", c.w, c.h, c.widths, got, res.Width, res.Height, c.want)
		}
	}
}

func TestTransparentPNGOnWhite(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	for y := 10; y < 30; y++ {
		for x := 10; x < 30; x++ {
			img.SetNRGBA(x, y, green)
		}
	}
	p := newProc(t, 480)
	res := mustProcess(t, p, one("logo.png", encodePNG(t, img)), "logo.png")
	_, out := readVariant(t, res.Variants[0])
	if c := out.At(2, 2); !near(c, color.NRGBA{255, 255, 255, 255}) {
		t.Errorf("transparent corner is %v, want white", c)
	}
	if c := out.At(20, 20); !near(c, green) {
		t.Errorf("centre is %v, want green", c)
	}
}

func TestWebP(t *testing.T) {
	p := newProc(t, 480)
	plain := riff("WEBP", riffChunkBytes("VP8L", vp8lHalves(40, 20)))
	res := mustProcess(t, p, one("w.webp", plain), "w.webp")
	_, img := readVariant(t, res.Variants[0])
	if res.Width != 40 || res.Height != 20 || !near(img.At(5, 10), red) || !near(img.At(35, 10), blue) {
		t.Fatalf("plain WebP: %dx%d, left %v right %v", res.Width, res.Height, img.At(5, 10), img.At(35, 10))
	}

	// Orientation 6 in the WebP's EXIF chunk: red goes to the top.
	rotated := webpHalves(40, 20, 6, 0x08)
	res = mustProcess(t, p, one("r.webp", rotated), "r.webp")
	data, img := readVariant(t, res.Variants[0])
	if res.Width != 20 || res.Height != 40 || !near(img.At(10, 5), red) || !near(img.At(10, 35), blue) {
		t.Fatalf("rotated WebP: %dx%d, top %v bottom %v", res.Width, res.Height, img.At(10, 5), img.At(10, 35))
	}
	assertClean(t, data)
}

func TestICCProfileKept(t *testing.T) {
	rgb := iccStub(600, "RGB ")
	p := newProc(t, 16, 480)
	res := mustProcess(t, p, one("p3.jpg", phoneJPEG(t, photo(32, 24), 1, iccSegments(rgb))), "p3.jpg")
	for _, v := range res.Variants {
		data, _ := readVariant(t, v)
		if got := jpegICC(data); !bytes.Equal(got, rgb) {
			t.Errorf("%d px variant: profile of %d bytes, want the source's %d", v.Width, len(got), len(rgb))
		}
		assertClean(t, data)
	}

	// A CMYK profile does not describe the RGB output: dropped.
	res = mustProcess(t, p, one("cmyk.jpg", phoneJPEG(t, photo(32, 24), 1, iccSegments(iccStub(600, "CMYK")))), "cmyk.jpg")
	data, _ := readVariant(t, res.Variants[0])
	if jpegICC(data) != nil || bytes.Contains(data, []byte("ICC_PROFILE")) {
		t.Error("CMYK profile carried into RGB output")
	}

	// A profile too big for one segment is split and joined again.
	big := iccStub(150_000, "RGB ")
	if got := jpegICC(withICC(encodeJPEG(t, photo(8, 8)), big)); !bytes.Equal(got, big) {
		t.Errorf("150 kB profile: round trip gave %d bytes", len(got))
	}
}

func TestErrors(t *testing.T) {
	good := encodeJPEG(t, photo(64, 48))
	goodPNG := encodePNG(t, photo(64, 48))
	ftyp := func(brands ...string) []byte {
		b := []byte{0, 0, 0, byte(8 + 4*len(brands))}
		b = append(b, "ftyp"...)
		for _, s := range brands {
			b = append(b, s...)
		}
		return append(b, make([]byte, 64)...)
	}
	for _, c := range []struct {
		name   string
		data   []byte
		key    string
		format string
	}{
		{"text renamed .jpg", []byte("这是一个文本文件，不是照片。\r\n"), KeyNotImage, ""},
		{"empty file", nil, KeyNotImage, ""},
		{"truncated JPEG", good[:len(good)/2], KeyCorrupt, "JPEG"},
		{"JPEG cut in its header", good[:40], KeyCorrupt, "JPEG"},
		{"truncated PNG", goodPNG[:len(goodPNG)-100], KeyCorrupt, "PNG"},
		{"PNG header only", pngHeader(100, 100), KeyCorrupt, "PNG"},
		{"iPhone HEIC", ftyp("heic", "\x00\x00\x00\x00", "mif1", "heic"), KeyHEIC, "HEIC"},
		{"HEIF mif1", ftyp("mif1", "\x00\x00\x00\x00", "mif1"), KeyHEIC, "HEIC"},
		{"HEVC", ftyp("hevc", "\x00\x00\x00\x00", "hevc"), KeyHEIC, "HEIC"},
		{"AVIF", ftyp("avif", "\x00\x00\x00\x00", "avif", "mif1", "miaf"), KeyFormat, "AVIF"},
		{"MOV", ftyp("qt  ", "\x00\x00\x00\x00", "qt  "), KeyFormat, "MP4/MOV"},
		{"Photoshop", append([]byte("8BPS\x00\x01"), make([]byte, 40)...), KeyFormat, "PSD (Photoshop)"},
		{"SVG", []byte("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), KeyFormat, "SVG"},
		{"PDF", []byte("%PDF-1.7\n"), KeyFormat, "PDF"},
		{"animated WebP", webpHalves(4, 4, 0, 0x02), KeyFormat, "WebP (animated)"},
		{"bomb", pngHeader(20000, 20000), KeyTooLarge, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := newProc(t, 480)
			_, err := p.Process(one("x.jpg", c.data), "x.jpg")
			e, ok := errors.AsType[*Error](err)
			if !ok {
				t.Fatalf("error %v (%T), want *Error %s", err, err, c.key)
			}
			if e.Key != c.key || e.Hint != c.key+".hint" || e.Args["image"] != "x.jpg" {
				t.Fatalf("got %s (hint %s, image %v), want %s", e.Key, e.Hint, e.Args["image"], c.key)
			}
			if c.format != "" && e.Args["format"] != c.format {
				t.Errorf("format %v, want %s", e.Args["format"], c.format)
			}
			if e.Error() == "" {
				t.Error("empty English text")
			}
		})
	}
}

func TestMissing(t *testing.T) {
	p := newProc(t, 480)
	_, err := p.Process(fstest.MapFS{}, "gone.jpg")
	e, ok := errors.AsType[*Error](err)
	if !ok || e.Key != KeyMissing || e.Args["image"] != "gone.jpg" {
		t.Fatalf("got %v, want %s", err, KeyMissing)
	}
	d, _ := diag.From(err, diag.Pos{File: "content/a/photo.md", Line: 3})
	if d.Severity != diag.Error || d.Key != KeyMissing || d.Hint != "image.missing.hint" || d.Pos.Line != 3 {
		t.Errorf("Diagnostic = %+v", d)
	}
}

func TestTooLargeRefusedBeforeDecoding(t *testing.T) {
	p := newProc(t, 480)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := p.Process(one("bomb.png", pngHeader(20000, 20000)), "bomb.png")
	runtime.ReadMemStats(&after)
	// Decoding it would take 1.6 GB; refusing it from the header, next to
	// nothing. TotalAlloc counts every byte allocated, freed or not.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
		t.Errorf("refusing the bomb allocated %d MB, want under 200 MB", alloc>>20)
	}
	e, ok := errors.AsType[*Error](err)
	if !ok || e.Key != KeyTooLarge {
		t.Fatalf("got %v, want %s", err, KeyTooLarge)
	}
	if e.Args["width"] != 20000 || e.Args["height"] != 20000 || e.Args["megapixels"] != 400 || e.Args["limit"] != 100 {
		t.Errorf("args %v", e.Args)
	}
	if p.Decodes() != 0 {
		t.Errorf("Decodes = %d, want 0: the header alone must refuse it", p.Decodes())
	}
	// Just inside the limit the header is accepted (and the missing pixels
	// are then found to be missing).
	_, err = p.Process(one("ok.png", pngHeader(10000, 10000)), "ok.png")
	if e, ok := errors.AsType[*Error](err); !ok || e.Key != KeyCorrupt {
		t.Errorf("10000×10000 header: %v, want %s", err, KeyCorrupt)
	}
}

func TestCache(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	opts := Options{Widths: []int{16, 32}, Quality: 82, CacheDir: dir}
	src := phoneJPEG(t, photo(64, 48), 6)
	fsys := one("a.jpg", src)

	p := New(opts)
	first := mustProcess(t, p, fsys, "a.jpg")
	if p.Decodes() != 1 {
		t.Fatalf("first Process: Decodes = %d, want 1", p.Decodes())
	}
	if again := mustProcess(t, p, fsys, "a.jpg"); p.Decodes() != 1 || !equalResult(again, first) {
		t.Fatalf("second Process decoded again (%d) or differs: %+v vs %+v", p.Decodes(), again, first)
	}
	// Another name, same bytes: same entry.
	if r := mustProcess(t, p, one("copy.jpg", src), "copy.jpg"); p.Decodes() != 1 || !equalResult(r, first) {
		t.Fatalf("same bytes under another name decoded again")
	}

	// A new Processor (the next build) over the same directory.
	q := New(opts)
	if r := mustProcess(t, q, fsys, "a.jpg"); q.Decodes() != 0 || !equalResult(r, first) {
		t.Fatalf("new Processor: Decodes = %d, want 0", q.Decodes())
	}

	// The volunteer replaces the photo under the same name.
	changed := one("a.jpg", phoneJPEG(t, photo(64, 48), 8))
	r := mustProcess(t, q, changed, "a.jpg")
	if q.Decodes() != 1 || r.Hash == first.Hash {
		t.Fatalf("changed bytes: Decodes = %d, hash %s", q.Decodes(), r.Hash)
	}
	if r.Width != 48 || r.Height != 64 {
		t.Errorf("changed image %dx%d", r.Width, r.Height)
	}

	// Other settings are other entries.
	s := New(Options{Widths: []int{16, 32}, Quality: 60, CacheDir: dir})
	mustProcess(t, s, fsys, "a.jpg")
	if s.Decodes() != 1 {
		t.Errorf("quality change: Decodes = %d, want 1", s.Decodes())
	}

	// A damaged entry (a variant cut short) is noticed and remade.
	if err := os.Truncate(first.Variants[0].File, 10); err != nil {
		t.Fatal(err)
	}
	u := New(opts)
	r = mustProcess(t, u, fsys, "a.jpg")
	if u.Decodes() != 1 {
		t.Fatalf("damaged entry: Decodes = %d, want 1", u.Decodes())
	}
	readVariant(t, r.Variants[0])
}

func equalResult(a, b Result) bool {
	return a.Width == b.Width && a.Height == b.Height && a.Hash == b.Hash && slices.Equal(a.Variants, b.Variants)
}

func TestDeterministic(t *testing.T) {
	src := phoneJPEG(t, photo(300, 200), 6, iccSegments(iccStub(300, "RGB ")))
	a := mustProcess(t, newProc(t, 100, 250), one("a.jpg", src), "a.jpg")
	b := mustProcess(t, newProc(t, 100, 250), one("a.jpg", src), "a.jpg")
	for i := range a.Variants {
		x, _ := os.ReadFile(a.Variants[i].File)
		y, _ := os.ReadFile(b.Variants[i].File)
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("variant %d differs between two runs", a.Variants[i].Width)
		}
	}
}

func TestConcurrentDecodesOnce(t *testing.T) {
	src := phoneJPEG(t, photo(1200, 900), 6)
	fsys := fstest.MapFS{}
	for _, n := range []string{"a.jpg", "b.jpg", "c.jpg", "d.jpg"} {
		fsys[n] = &fstest.MapFile{Data: src}
	}
	p := newProc(t, 480, 960)
	var (
		wg      sync.WaitGroup
		results = make([]Result, 16)
		errs    = make([]error, 16)
	)
	for i := range results {
		wg.Go(func() {
			results[i], errs[i] = p.Process(fsys, []string{"a.jpg", "b.jpg", "c.jpg", "d.jpg"}[i%4])
		})
	}
	wg.Wait()
	for i := range results {
		if errs[i] != nil || !equalResult(results[i], results[0]) {
			t.Fatalf("call %d: %v, %+v", i, errs[i], results[i])
		}
	}
	if p.Decodes() != 1 {
		t.Fatalf("Decodes = %d, want 1", p.Decodes())
	}
}

func TestConcurrentErrorsNameTheirImage(t *testing.T) {
	fsys := fstest.MapFS{"a.jpg": {Data: []byte("not a photo")}, "b.jpg": {Data: []byte("not a photo")}}
	p := newProc(t, 480)
	var wg sync.WaitGroup
	for _, n := range []string{"a.jpg", "b.jpg", "a.jpg", "b.jpg"} {
		wg.Go(func() {
			_, err := p.Process(fsys, n)
			if e, ok := errors.AsType[*Error](err); !ok || e.Args["image"] != n {
				t.Errorf("%s: %v", n, err)
			}
		})
	}
	wg.Wait()
}

// TestStatMemo checks the shortcut that skips re-reading an unchanged file
// on disk: a changed file is always read again, even when the volunteer's
// editor keeps its size and a coarse clock keeps its time.
func TestStatMemo(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "a.jpg")
	fsys := os.DirFS(root)
	p := newProc(t, 16)
	a := phoneJPEG(t, halves(40, 20, red, blue), 1)
	b := phoneJPEG(t, halves(40, 20, red, blue), 3) // same size, other bytes
	if len(a) != len(b) {
		t.Fatal("fixtures differ in size")
	}
	old := time.Now().Add(-time.Hour)

	// Fresh file: hashed, not remembered (its time is too recent to trust).
	if err := os.WriteFile(file, a, 0o644); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	os.Chtimes(file, now, now)
	ra := mustProcess(t, p, fsys, "a.jpg")
	os.WriteFile(file, b, 0o644)
	os.Chtimes(file, now, now)
	if rb := mustProcess(t, p, fsys, "a.jpg"); rb.Hash == ra.Hash {
		t.Fatal("a file rewritten within the clock's resolution was not read again")
	}

	// Old file: remembered; rewritten with a new time: read again.
	os.WriteFile(file, a, 0o644)
	os.Chtimes(file, old, old)
	r1 := mustProcess(t, p, fsys, "a.jpg")
	if len(p.hashes) != 1 {
		t.Fatalf("old file not remembered: %d", len(p.hashes))
	}
	if r2 := mustProcess(t, p, fsys, "a.jpg"); r2.Hash != r1.Hash {
		t.Fatal("unchanged file gave another hash")
	}
	os.WriteFile(file, b, 0o644)
	os.Chtimes(file, old.Add(time.Second), old.Add(time.Second))
	if r3 := mustProcess(t, p, fsys, "a.jpg"); r3.Hash == r1.Hash {
		t.Fatal("changed file served from the memo")
	}
}

func TestPrune(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	opts := Options{Widths: []int{16}, CacheDir: dir}
	p := New(opts)
	keep := mustProcess(t, p, one("a.png", encodePNG(t, photo(20, 20))), "a.png")
	drop := mustProcess(t, p, one("b.png", encodePNG(t, photo(30, 20))), "b.png")
	other := New(Options{Widths: []int{8}, CacheDir: dir})
	mustProcess(t, other, one("a.png", encodePNG(t, photo(20, 20))), "a.png")
	stray := filepath.Join(dir, "README")
	os.WriteFile(stray, []byte("mine"), 0o644)
	os.MkdirAll(filepath.Join(dir, keep.Hash[:2], tmpPrefix+"123"), 0o755)

	n, err := p.Prune(map[string]bool{keep.Hash: true})
	if err != nil || n != 2 {
		t.Fatalf("Prune = %d, %v; want 2 entries (b, and a with other settings)", n, err)
	}
	if _, err := os.Stat(keep.Variants[0].File); err != nil {
		t.Error("kept entry removed")
	}
	if _, err := os.Stat(drop.Variants[0].File); err == nil {
		t.Error("unkept entry still there")
	}
	if _, err := os.Stat(stray); err != nil {
		t.Error("a file the cache did not make was removed")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*", tmpPrefix+"*")); len(m) != 0 {
		t.Errorf("temporary directories left: %v", m)
	}
	// Pruned entries are remade when asked for again.
	mustProcess(t, p, one("b.png", encodePNG(t, photo(30, 20))), "b.png")
	if p.Decodes() != 3 {
		t.Errorf("Decodes = %d, want 3", p.Decodes())
	}
}

func TestRelativeCacheDir(t *testing.T) {
	p := New(Options{CacheDir: ".cache/images"})
	_, err := p.Process(one("a.png", encodePNG(t, photo(8, 8))), "a.png")
	if _, ok := errors.AsType[*Error](err); err == nil || ok {
		t.Fatalf("relative CacheDir: %v, want an internal error", err)
	}
}

func TestFormats(t *testing.T) {
	src := halves(40, 20, red, blue)
	enc := func(f func(w io.Writer, m image.Image) error) []byte {
		var b bytes.Buffer
		if err := f(&b, src); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for name, data := range map[string][]byte{
		"png":  encodePNG(t, src),
		"gif":  enc(func(w io.Writer, m image.Image) error { return gif.Encode(w, m, nil) }),
		"bmp":  enc(bmp.Encode),
		"tiff": enc(func(w io.Writer, m image.Image) error { return tiff.Encode(w, m, nil) }),
		"webp": riff("WEBP", riffChunkBytes("VP8L", vp8lHalves(40, 20))),
	} {
		p := newProc(t, 480)
		// Named .jpg on purpose: the bytes decide, not the name.
		res, err := p.Process(one("x.jpg", data), "x.jpg")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		_, img := readVariant(t, res.Variants[0])
		if res.Width != 40 || res.Height != 20 || !near(img.At(5, 10), red) || !near(img.At(35, 10), blue) {
			t.Errorf("%s: %dx%d, left %v, right %v", name, res.Width, res.Height, img.At(5, 10), img.At(35, 10))
		}
	}
}
