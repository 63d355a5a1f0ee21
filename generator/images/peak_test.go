package images

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
)

// TestPeakMemory processes big PNGs the way a build does (one goroutine per
// core sharing one Processor) so that the peak memory of the process can be
// measured from outside. It is skipped unless WALLPRESS_PEAK_DIR names a
// folder for the generated files: the figure only means something in a
// process of its own, so it is run as
//
//	go test -c -o /tmp/images.test ./generator/images
//	WALLPRESS_PEAK_DIR=/tmp/peak GOMAXPROCS=4 /usr/bin/time -v /tmp/images.test -test.run '^TestPeakMemory$'
//
// and the "Maximum resident set size" line read. WALLPRESS_PEAK_N (default
// 4) is the number of images, WALLPRESS_PEAK_SIDE (default 10000) their
// side, WALLPRESS_PEAK_KIND "rgb" (default), "rgba", "gray" or
// "jpeg-rotated" (a JPEG with EXIF orientation 6; making it takes memory
// of its own, so measure from the second run);
// WALLPRESS_PEAK_PRINT=1 makes full-size print variants (as the posters'
// Processor does) instead of the web widths.
func TestPeakMemory(t *testing.T) {
	dir := os.Getenv("WALLPRESS_PEAK_DIR")
	if dir == "" {
		t.Skip("set WALLPRESS_PEAK_DIR to measure peak memory")
	}
	n := envInt(t, "WALLPRESS_PEAK_N", 4)
	side := envInt(t, "WALLPRESS_PEAK_SIDE", 10000)
	kind := os.Getenv("WALLPRESS_PEAK_KIND")
	if kind == "" {
		kind = "rgb"
	}
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	var names []string
	for i := range n {
		name := fmt.Sprintf("%s-%d-%d.png", kind, side, i)
		if kind == "jpeg-rotated" {
			name = fmt.Sprintf("%s-%d-%d.jpg", kind, side, i)
		}
		if _, err := os.Stat(filepath.Join(src, name)); err != nil {
			if kind == "jpeg-rotated" {
				// A phone photo stored sideways.
				img := image.NewYCbCr(image.Rect(0, 0, side, side), image.YCbCrSubsampleRatio420)
				for y := range side {
					for x := range side {
						img.Y[y*img.YStride+x] = byte((x + y + i*7) / 40)
					}
				}
				if err := os.WriteFile(filepath.Join(src, name), phoneJPEG(t, img, 6), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if err := writeBigPNG(filepath.Join(src, name), side, side, kind, i); err != nil {
				t.Fatal(err)
			}
		}
		names = append(names, name)
	}
	cache := filepath.Join(dir, "cache")
	if err := os.RemoveAll(cache); err != nil {
		t.Fatal(err)
	}
	opts := Options{CacheDir: cache}
	if os.Getenv("WALLPRESS_PEAK_PRINT") == "1" {
		opts.Widths = []int{1 << 16}
	}
	p := New(opts)
	fsys := os.DirFS(src)
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Go(func() {
			if _, err := p.Process(fsys, name); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if int(p.Decodes()) != n {
		t.Fatalf("decoded %d images, want %d", p.Decodes(), n)
	}
}

func envInt(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// writeBigPNG writes a w×h PNG row by row, so that making a 100-megapixel
// file does not itself take the memory being measured. The picture is a
// gradient that differs per seed and compresses well, like the repro's.
func writeBigPNG(file string, w, h int, kind string, seed int) (err error) {
	colorType, channels := byte(2), 3
	switch kind {
	case "rgba":
		colorType, channels = 6, 4
	case "gray":
		colorType, channels = 0, 1
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	bw := bufio.NewWriter(f)
	chunk := func(typ string, data []byte) {
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(len(data)))
		bw.Write(n[:])
		crc := crc32.NewIEEE()
		io.WriteString(crc, typ)
		crc.Write(data)
		bw.WriteString(typ)
		bw.Write(data)
		binary.BigEndian.PutUint32(n[:], crc.Sum32())
		bw.Write(n[:])
	}
	bw.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, colorType
	chunk("IHDR", ihdr)
	// IDAT chunks of 1 MB from a streaming zlib writer.
	idat := &chunker{flush: func(b []byte) { chunk("IDAT", b) }}
	zw, err := zlib.NewWriterLevel(idat, zlib.BestSpeed)
	if err != nil {
		return err
	}
	row := make([]byte, 1+w*channels)
	for y := range h {
		for x := range w {
			v := byte((x + y + seed*7) / 40)
			for c := range channels {
				row[1+x*channels+c] = v + byte(c*50)
			}
			if channels == 4 {
				row[1+x*channels+3] = byte(128 + (x/40)%128) // partly transparent
			}
		}
		if _, err := zw.Write(row); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	idat.Flush()
	chunk("IEND", nil)
	return bw.Flush()
}

type chunker struct {
	buf   []byte
	flush func([]byte)
}

func (c *chunker) Write(p []byte) (int, error) {
	c.buf = append(c.buf, p...)
	for len(c.buf) >= 1<<20 {
		c.flush(c.buf[:1<<20])
		c.buf = c.buf[1<<20:]
	}
	return len(p), nil
}

func (c *chunker) Flush() {
	if len(c.buf) > 0 {
		c.flush(c.buf)
		c.buf = nil
	}
}
