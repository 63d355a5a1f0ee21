package images

import (
	"context"
	"image"
	"image/color"
	"runtime"
	"sync/atomic"

	"golang.org/x/sync/semaphore"
)

// DefaultBudget is the memory, in bytes, that the images being decoded at
// one time may hold together when Options.Budget is nil: decoded pixels,
// the copies made to turn them upright or flatten them, and the resize
// buffers. Three 12-megapixel phone photos fit in it at once (more than
// two cores keep busy); two 100-megapixel images do not, so each is
// decoded alone. It does not
// grow with the number of cores, so neither does a build's peak memory.
const DefaultBudget = 512 << 20

// Budget is a memory budget shared by concurrent decodes, in bytes. Each
// decode reserves what the image's header says it will need, and the
// file's bytes (read whole), before a pixel is decoded, and gives it back
// when its variants are written. Hand one Budget to every Processor of a
// build (web and print variants) so that together they stay within it.
type Budget struct {
	sem  *semaphore.Weighted
	size int64
	// inFlight and peak are what is reserved now and the most ever
	// reserved at once, so that tests and benchmarks can see the bound
	// hold.
	inFlight atomic.Int64
	peak     atomic.Int64
}

// NewBudget returns a budget of size bytes; size <= 0 means DefaultBudget.
func NewBudget(size int64) *Budget {
	if size <= 0 {
		size = DefaultBudget
	}
	return &Budget{sem: semaphore.NewWeighted(size), size: size}
}

// Size is the budget's size in bytes.
func (b *Budget) Size() int64 { return b.size }

// Peak is the most memory reserved at one time so far, in bytes.
func (b *Budget) Peak() int64 { return b.peak.Load() }

// acquire waits until n bytes are free and reserves them. A decode that
// needs more than the whole budget waits for all of it and runs alone:
// refusing it would refuse images under MaxPixels, and waiting for more
// than the budget would wait for ever.
func (b *Budget) acquire(n int64) int64 {
	n = max(1, min(n, b.size))
	// Background never ends, so Acquire cannot fail.
	_ = b.sem.Acquire(context.Background(), n)
	cur := b.inFlight.Add(n)
	for {
		p := b.peak.Load()
		if cur <= p || b.peak.CompareAndSwap(p, cur) {
			break
		}
	}
	return n
}

// release gives back n bytes reserved by acquire. When they were half the
// budget or more, the memory they stood for is garbage now, and it is
// collected before the next decode may start: otherwise the collector,
// whose next goal is twice the heap it last saw alive (the previous decode
// included), lets the next decode's pixels land beside the last one's dead
// ones, and a run of big images peaks at two or three times the budget
// (1.26 GB for four 100-megapixel PNGs on one core). Smaller decodes leave
// it to the collector's pacing: a forced collection costs a mark of the
// whole heap, too much to pay after every phone photo.
func (b *Budget) release(n int64) {
	if n >= b.size/2 {
		runtime.GC()
	}
	b.inFlight.Add(-n)
	b.sem.Release(n)
}

// cost estimates from an image's header the bytes that processing it holds
// at its peak: the decoded pixels, the full-size copies made on the way
// (flattening a transparent picture that cannot be flattened in place;
// photos are turned upright after resizing, see encode), and the buffers
// resizing to the widest variant needs (imaging resizes across, making a
// variant-wide, full-height image, then down).
func (p *Processor) cost(f *format, cfg image.Config) int64 {
	w, h := int64(cfg.Width), int64(cfg.Height)
	px := w * h
	bpp, copies := bytesPerPixel(cfg.ColorModel)
	total := px * bpp
	total += px * copies
	// The widest variant: an orientation may swap the sides, so take the
	// longer side as the one not resized first.
	long := max(w, h)
	if vw := min(int64(p.widths[len(p.widths)-1]), long); vw < long {
		total += 2 * vw * long * 4
	}
	return total
}

// bytesPerPixel returns how many bytes a decoded pixel of model takes, and
// how many more per pixel flattening it on white copies (0 when it is
// opaque or flattened in place, see flatten).
func bytesPerPixel(model color.Model) (bpp, copies int64) {
	switch model {
	case color.GrayModel, color.AlphaModel:
		return 1, 0
	case color.Gray16Model, color.Alpha16Model:
		return 2, 0
	case color.YCbCrModel:
		return 3, 0 // 4:4:4 at worst
	case color.CMYKModel, color.RGBAModel, color.NRGBAModel:
		return 4, 0
	case color.NYCbCrAModel:
		return 4, 8
	case color.RGBA64Model, color.NRGBA64Model:
		return 8, 8
	}
	if _, ok := model.(color.Palette); ok {
		return 1, 0
	}
	return 8, 8 // unknown: assume the worst
}
