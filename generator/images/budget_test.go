package images

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/disintegration/imaging"
)

// TestBudgetBoundsDecodes processes many images of different sizes from
// many goroutines at once through two Processors (web and print, as a
// build has) sharing a budget that holds only a few of them, and checks
// that the memory reserved at once never exceeded it, that decodes did
// overlap, and that everything was given back.
func TestBudgetBoundsDecodes(t *testing.T) {
	files := fstest.MapFS{}
	var names []string
	for i := range 24 {
		w, h := 200+40*(i%5), 150+30*(i%4)
		var buf bytes.Buffer
		if err := png.Encode(&buf, photoSeeded(w, h, i)); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("p%d.png", i)
		files[name] = &fstest.MapFile{Data: buf.Bytes()}
		names = append(names, name)
	}
	web := New(Options{Widths: []int{100, 160}, CacheDir: t.TempDir(), Workers: 8})
	one := web.cost(formatPNG, image.Config{ColorModel: color.NRGBAModel, Width: 360, Height: 240})
	budget := NewBudget(3 * one)
	web = New(Options{Widths: []int{100, 160}, CacheDir: t.TempDir(), Workers: 8, Budget: budget})
	print := New(Options{Widths: []int{1 << 16}, CacheDir: t.TempDir(), Workers: 8, Budget: budget})
	var wg sync.WaitGroup
	for _, p := range []*Processor{web, print} {
		for _, name := range names {
			wg.Go(func() {
				if _, err := p.Process(files, name); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	if web.Decodes()+print.Decodes() != 2*int64(len(names)) {
		t.Fatalf("decoded %d+%d images, want %d each", web.Decodes(), print.Decodes(), len(names))
	}
	if peak := budget.Peak(); peak > budget.Size() {
		t.Errorf("%d bytes reserved at once, over the budget of %d", peak, budget.Size())
	} else if peak <= one {
		t.Logf("decodes never overlapped (peak %d, one image %d): the machine may be busy", peak, one)
	}
	if n := budget.inFlight.Load(); n != 0 {
		t.Errorf("%d bytes still reserved after every decode finished", n)
	}
}

// TestBudgetImageOverBudget: an image that needs more than the whole budget
// is decoded alone rather than refused or waited on for ever.
func TestBudgetImageOverBudget(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, photo(300, 200)); err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{"big.png": {Data: buf.Bytes()}, "other.png": {Data: append([]byte(nil), buf.Bytes()...)}}
	budget := NewBudget(1000)
	p := New(Options{CacheDir: t.TempDir(), Budget: budget})
	for _, name := range []string{"big.png", "other.png"} {
		if _, err := p.Process(files, name); err != nil {
			t.Fatal(err)
		}
	}
	if budget.Peak() != budget.Size() {
		t.Errorf("peak %d, want the whole budget %d", budget.Peak(), budget.Size())
	}
}

// TestCostFromHeader: the reservation grows with the pixels and with the
// bytes a pixel takes, so that 100-megapixel images are decoded one at a
// time in the default budget while phone photos share it.
func TestCostFromHeader(t *testing.T) {
	p := New(Options{CacheDir: filepath.Join(t.TempDir(), "c")})
	phone := p.cost(formatJPEG, image.Config{ColorModel: color.YCbCrModel, Width: 4000, Height: 3000})
	if 3*phone > DefaultBudget {
		t.Errorf("a 12-megapixel photo reserves %d MB: three do not fit in the default budget", phone>>20)
	}
	huge := p.cost(formatPNG, image.Config{ColorModel: color.RGBAModel, Width: 10000, Height: 10000})
	if 2*huge <= DefaultBudget {
		t.Errorf("a 100-megapixel PNG reserves %d MB: two could decode at once in the default budget", huge>>20)
	}
	gray := p.cost(formatPNG, image.Config{ColorModel: color.GrayModel, Width: 10000, Height: 10000})
	deep := p.cost(formatPNG, image.Config{ColorModel: color.NRGBA64Model, Width: 10000, Height: 10000})
	if !(gray < huge && huge < deep) {
		t.Errorf("cost by pixel size: gray %d, RGBA %d, 16-bit %d; want increasing", gray, huge, deep)
	}
}

// TestFlattenInPlace: flattening in place gives the bytes imaging.Overlay
// on white gives, for every kind flattened in place, including a sub-image
// whose bounds do not start at 0.
func TestFlattenInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	rect := image.Rect(0, 0, 37, 23)
	nrgba := image.NewNRGBA(rect)
	rgba := image.NewRGBA(rect)
	for i := range nrgba.Pix {
		nrgba.Pix[i] = uint8(rng.IntN(256))
	}
	for i := 0; i < len(rgba.Pix); i += 4 {
		a := uint8(rng.IntN(256))
		rgba.Pix[i+3] = a
		for c := range 3 {
			rgba.Pix[i+c] = uint8(rng.IntN(int(a) + 1)) // premultiplied: ≤ alpha
		}
	}
	pal := color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{200, 10, 10, 128}, color.RGBA{20, 20, 20, 40}, color.NRGBA{1, 2, 3, 255}}
	paletted := image.NewPaletted(rect, pal)
	for i := range paletted.Pix {
		paletted.Pix[i] = uint8(rng.IntN(len(pal)))
	}
	for _, tc := range []struct {
		name string
		img  func() image.Image
	}{
		{"nrgba", func() image.Image { return cloneImage(nrgba) }},
		{"nrgba-sub", func() image.Image { return cloneImage(nrgba).(*image.NRGBA).SubImage(image.Rect(5, 3, 30, 20)) }},
		{"rgba", func() image.Image { return cloneImage(rgba) }},
		{"paletted", func() image.Image { return cloneImage(paletted) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.img()
			b := src.Bounds()
			want := imaging.Overlay(imaging.New(b.Dx(), b.Dy(), color.White), src, image.Point{}, 1)
			got := imaging.Clone(flatten(tc.img()))
			if !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("flattened pixels differ from imaging.Overlay's")
			}
		})
	}
}

func cloneImage(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.NRGBA:
		c := *m
		c.Pix = bytes.Clone(m.Pix)
		return &c
	case *image.RGBA:
		c := *m
		c.Pix = bytes.Clone(m.Pix)
		return &c
	case *image.Paletted:
		c := *m
		c.Pix = bytes.Clone(m.Pix)
		return &c
	}
	panic("unexpected image type")
}

// TestOrientationAfterResize: photos are turned upright after resizing
// (so that a sideways 100-megapixel photo is never copied whole); every
// orientation gives the sizes and, but for JPEG noise, the pixels of
// turning first and resizing after, in every variant of the cascade.
func TestOrientationAfterResize(t *testing.T) {
	src := photo(300, 200)
	// Mark one corner, so that a wrong turn or flip shows.
	for y := range 50 {
		for x := range 60 {
			src.SetNRGBA(x, y, red)
		}
	}
	for o := 1; o <= 8; o++ {
		t.Run(fmt.Sprint(o), func(t *testing.T) {
			data := phoneJPEG(t, src, o)
			upright, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
			if err != nil {
				t.Fatal(err)
			}
			p := newProc(t, 64, 120, 1000)
			res := mustProcess(t, p, one("a.jpg", data), "a.jpg")
			if b := upright.Bounds(); res.Width != b.Dx() || res.Height != b.Dy() {
				t.Fatalf("original %dx%d; want %dx%d", res.Width, res.Height, b.Dx(), b.Dy())
			}
			if len(res.Variants) != 3 {
				t.Fatalf("%d variants, want 3", len(res.Variants))
			}
			for _, v := range res.Variants {
				_, got := readVariant(t, v)
				want := imaging.Resize(upright, v.Width, 0, imaging.Lanczos)
				if got.Bounds().Size() != want.Bounds().Size() || v.Height != want.Bounds().Dy() {
					t.Fatalf("variant %d: %v, want %v", v.Width, got.Bounds().Size(), want.Bounds().Size())
				}
				var diff, n float64
				for y := range want.Bounds().Dy() {
					for x := range want.Bounds().Dx() {
						r1, g1, b1, _ := got.At(x, y).RGBA()
						r2, g2, b2, _ := want.At(x, y).RGBA()
						for _, d := range []int{int(r1>>8) - int(r2>>8), int(g1>>8) - int(g2>>8), int(b1>>8) - int(b2>>8)} {
							diff += float64(max(d, -d))
							n++
						}
					}
				}
				if mean := diff / n; mean > 6 {
					t.Errorf("variant %d differs from turning first by %.1f levels on average", v.Width, mean)
				}
			}
		})
	}
}
