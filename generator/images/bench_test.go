package images

import (
	"bytes"
	"fmt"
	"image"
	"path/filepath"
	"testing"

	"github.com/disintegration/imaging"
)

// BenchmarkProcessCold processes a 4000×3000 phone photo (stored sideways,
// with EXIF and GPS) into the default widths with nothing cached: decode,
// rotate, three resizes, three encodes, cache write.
func BenchmarkProcessCold(b *testing.B) {
	src := phoneJPEG(b, photo(4000, 3000), 6)
	fsys := one("photo.jpg", src)
	root := b.TempDir()
	b.SetBytes(int64(len(src)))
	i := 0
	for b.Loop() {
		i++
		p := New(Options{Widths: []int{480, 960, 1600}, Quality: 82, CacheDir: filepath.Join(root, fmt.Sprint(i))})
		if _, err := p.Process(fsys, "photo.jpg"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProcessWarm is the same photo found in the cache by the next
// build's Processor: read and hash the source, read the entry.
func BenchmarkProcessWarm(b *testing.B) {
	src := phoneJPEG(b, photo(4000, 3000), 6)
	fsys := one("photo.jpg", src)
	opts := Options{Widths: []int{480, 960, 1600}, Quality: 82, CacheDir: b.TempDir()}
	if _, err := New(opts).Process(fsys, "photo.jpg"); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		p := New(opts)
		if _, err := p.Process(fsys, "photo.jpg"); err != nil || p.Decodes() != 0 {
			b.Fatal(err, p.Decodes())
		}
	}
}

// BenchmarkFilter compares the resampling choices for the default widths
// from a decoded 4000×3000 photo: each width from the original ("direct")
// or each from the next wider ("cascade"), with Lanczos or CatmullRom.
func BenchmarkFilter(b *testing.B) {
	img, err := imaging.Decode(bytes.NewReader(encodeJPEG(b, photo(4000, 3000))))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []struct {
		name string
		f    imaging.ResampleFilter
	}{{"lanczos", imaging.Lanczos}, {"catmullrom", imaging.CatmullRom}} {
		for _, cascade := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/cascade=%v", f.name, cascade), func(b *testing.B) {
				for b.Loop() {
					src := img
					for _, w := range []int{1600, 960, 480} {
						var out image.Image = imaging.Resize(src, w, 0, f.f)
						if cascade {
							src = out
						}
					}
				}
			})
		}
	}
}
