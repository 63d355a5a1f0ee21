package images

import (
	"bytes"
	"fmt"
	"image"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"

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

// BenchmarkProcessBatch processes eight different 4000×3000 photos the way
// a build does, from one goroutine per core sharing one Processor: cold (an
// empty cache each time) and warm (every photo cached by an earlier build).
// The cold figure per op divided by eight, against BenchmarkProcessCold,
// shows how well the cores are used.
func BenchmarkProcessBatch(b *testing.B) {
	const n = 8
	files := fstest.MapFS{}
	var size int64
	for i := range n {
		src := phoneJPEG(b, photoSeeded(4000, 3000, i), 6)
		files[fmt.Sprintf("p%d.jpg", i)] = &fstest.MapFile{Data: src}
		size += int64(len(src))
	}
	run := func(b *testing.B, p *Processor) {
		var wg sync.WaitGroup
		work := make(chan string)
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for name := range work {
					if _, err := p.Process(files, name); err != nil {
						b.Error(err)
					}
				}
			})
		}
		for i := range n {
			work <- fmt.Sprintf("p%d.jpg", i)
		}
		close(work)
		wg.Wait()
	}
	b.Run("cold", func(b *testing.B) {
		root := b.TempDir()
		b.SetBytes(size)
		i := 0
		for b.Loop() {
			i++
			run(b, New(Options{CacheDir: filepath.Join(root, fmt.Sprint(i))}))
		}
	})
	b.Run("warm", func(b *testing.B) {
		opts := Options{CacheDir: b.TempDir()}
		run(b, New(opts))
		b.SetBytes(size)
		for b.Loop() {
			p := New(opts)
			run(b, p)
			if p.Decodes() != 0 {
				b.Fatal("warm run decoded")
			}
		}
	})
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
