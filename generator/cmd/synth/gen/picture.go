package gen

import (
	"bytes"
	"hash/fnv"
	"image"
	"image/color"
	"image/jpeg"
)

// picture draws a distinct photo-like JPEG for one file of one group: a
// wall and floor, a few doors and boxes, and grain, so that it compresses
// like a photograph rather than a flat drawing, and so that no two images
// share a content hash (the image cache would otherwise process only one).
func picture(size ImageSize, seed uint64, c, g int, file string) []byte {
	h := fnv.New32a()
	h.Write([]byte(file))
	r := rng(seed, c, g, int(h.Sum32()))
	w, ht := 640, 480
	if size == LargeImages {
		w, ht = 4000, 3000
	}
	img := image.NewRGBA(image.Rect(0, 0, w, ht))
	wall := color.RGBA{uint8(200 + r.IntN(50)), uint8(195 + r.IntN(50)), uint8(180 + r.IntN(60)), 255}
	floor := color.RGBA{uint8(120 + r.IntN(80)), uint8(110 + r.IntN(80)), uint8(100 + r.IntN(80)), 255}
	horizon := ht * (55 + r.IntN(20)) / 100
	type box struct {
		r image.Rectangle
		c color.RGBA
	}
	var boxes []box
	for range 3 + r.IntN(6) {
		bw, bh := w/12+r.IntN(w/6), ht/8+r.IntN(ht/3)
		x, y := r.IntN(w-bw), horizon-bh+r.IntN(ht/10)
		boxes = append(boxes, box{image.Rect(x, y, x+bw, y+bh), color.RGBA{uint8(r.IntN(200)), uint8(r.IntN(200)), uint8(r.IntN(200)), 255}})
	}
	// A cheap xorshift for the grain: math/rand per pixel would dominate
	// the run time at 12 megapixels.
	noise := uint32(r.Uint64()) | 1
	pix := img.Pix
	for y := range ht {
		base := wall
		if y >= horizon {
			base = floor
		}
		shade := int(y * 40 / ht)
		for x := range w {
			col := base
			for _, b := range boxes {
				if (image.Point{x, y}).In(b.r) {
					col = b.c
				}
			}
			noise ^= noise << 13
			noise ^= noise >> 17
			noise ^= noise << 5
			n := int(noise%25) - 12 - shade
			i := y*img.Stride + x*4
			pix[i] = clamp(int(col.R) + n)
			pix[i+1] = clamp(int(col.G) + n)
			pix[i+2] = clamp(int(col.B) + n)
			pix[i+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85}); err != nil {
		// Encoding into memory fails only on a bug.
		panic(err)
	}
	return buf.Bytes()
}

func clamp(v int) uint8 {
	return uint8(max(0, min(255, v)))
}
