package images

import (
	"bytes"
	"errors"
	"image/gif"
	"image/jpeg"
	"os"
	"testing"
)

func fuzzSeeds(f *testing.F) {
	small := halves(12, 8, red, blue)
	f.Add(phoneJPEG(f, small, 6))
	f.Add(phoneJPEG(f, small, 8, iccSegments(iccStub(200, "RGB "))))
	f.Add(encodePNG(f, small))
	f.Add(webpHalves(12, 8, 6, 0x08))
	var g bytes.Buffer
	gif.Encode(&g, small, nil)
	f.Add(g.Bytes())
	f.Add(pngHeader(20000, 20000))
	f.Add([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"))
	f.Add([]byte("hello"))
	j := encodeJPEG(f, small)
	f.Add(j[:len(j)/2])
}

// FuzzProcess feeds arbitrary bytes to the whole pipeline: it must answer
// with a user error or with clean, correctly sized JPEGs — never panic.
func FuzzProcess(f *testing.F) {
	fuzzSeeds(f)
	p := New(Options{Widths: []int{8, 24}, CacheDir: f.TempDir()})
	p.maxPixels = 1 << 20 // keep each run's memory small
	keys := map[string]bool{KeyNotImage: true, KeyCorrupt: true, KeyHEIC: true, KeyTooLarge: true, KeyFormat: true}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := p.Process(one("x.jpg", data), "x.jpg")
		if err != nil {
			if e, ok := errors.AsType[*Error](err); !ok || !keys[e.Key] {
				t.Fatalf("unexpected error %v (%T)", err, err)
			}
			return
		}
		if res.Width <= 0 || res.Height <= 0 || len(res.Variants) == 0 {
			t.Fatalf("empty result %+v", res)
		}
		if last := res.Variants[len(res.Variants)-1]; last.Width != min(24, res.Width) {
			t.Fatalf("widest variant %d for a %d px image", last.Width, res.Width)
		}
		for i, v := range res.Variants {
			if i > 0 && v.Width <= res.Variants[i-1].Width || v.Width > res.Width {
				t.Fatalf("variants %+v for %dx%d", res.Variants, res.Width, res.Height)
			}
			out, err := os.ReadFile(v.File)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := jpeg.DecodeConfig(bytes.NewReader(out))
			if err != nil || cfg.Width != v.Width || cfg.Height != v.Height {
				t.Fatalf("variant %+v: %v %+v", v, err, cfg)
			}
			if bytes.Contains(out, []byte{0xff, 0xe1}) {
				t.Fatal("APP1 in output")
			}
		}
	})
}

// FuzzMetadata runs the metadata readers on arbitrary bytes.
func FuzzMetadata(f *testing.F) {
	fuzzSeeds(f)
	f.Add(exifTIFF(6))
	f.Add(append([]byte("Exif\x00\x00"), exifTIFF(3)...))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := exifOrientation(data); o < 0 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
		for _, f := range []*format{formatJPEG, formatPNG, formatWebP} {
			if p := iccProfile(f, data); p != nil && string(p[16:20]) != "RGB " {
				t.Fatal("non-RGB profile accepted")
			}
		}
		riffChunk(data, "EXIF")
		if f, e := sniff(data); (f == nil) == (e == nil) {
			t.Fatalf("sniff gave %v and %v", f, e)
		}
		// Any profile survives being split into segments and joined.
		if len(data) > 0 {
			if got := jpegICC(withICC([]byte{0xff, 0xd8, 0xff, 0xd9}, data)); !bytes.Equal(got, data) {
				t.Fatalf("ICC round trip: %d bytes → %d", len(data), len(got))
			}
		}
	})
}
