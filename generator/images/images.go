// Package images turns the photos volunteers put in content/ into pictures
// safe and quick to publish: checked before decoding, turned upright by
// their EXIF orientation, resized to a few widths for srcset, and re-encoded
// as JPEG so that no EXIF, GPS or XMP metadata reaches public/. Results are
// cached on disk by the hash of the source bytes and the settings, so an
// unchanged photo is processed once, ever.
package images

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"io/fs"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/disintegration/imaging"

	"wallpress/generator/diag"
)

// cacheVersion names the processing code in cache entry names. Bump it
// whenever a change here would change output bytes, so stale entries are
// not served.
const cacheVersion = 2

// filter is the resampling filter for every variant. Lanczos (3 lobes) keeps
// the fine detail of group photos — faces, names on banners — sharpest when
// a 4000 px photo shrinks to 480 px. CatmullRom is a little softer and saves
// about a fifth of the resizing, 55 ms of the 800 ms a 12-megapixel photo
// takes in all (BenchmarkFilter, BenchmarkProcessCold on 2 cores); a photo
// is processed once, ever, thanks to the cache, so sharpness wins.
var filter = imaging.Lanczos

const filterName = "lanczos3"

// defaultQuality is used when Options.Quality is zero.
const defaultQuality = 82

// Options configure a Processor.
type Options struct {
	// Widths of the web variants, e.g. [480, 960, 1600]. A variant is never
	// wider than the (upright) original: widths above it become one variant
	// at the original width. Empty means [480, 960, 1600].
	Widths []int
	// Quality of the JPEG encoding, 1–100; 0 means 82.
	Quality int
	// CacheDir is the absolute directory that holds processed files, e.g.
	// <root>/.cache/images. Give Processors with different settings
	// different directories if Prune should keep both.
	CacheDir string
	// Workers bounds how many images are decoded at once; 0 means one per
	// CPU. It bounds the cores used; Budget bounds the memory.
	Workers int
	// Budget is the memory budget decodes share, so that a build's peak
	// memory does not grow with its cores: a decode reserves what the
	// image's header says it will take (48 MB of pixels for a 12-megapixel
	// photo, 400 MB for 100 megapixels) before decoding. Give every
	// Processor of a build the same Budget; nil means one of
	// DefaultBudget for this Processor alone.
	Budget *Budget
}

// Variant is one encoded size of an image.
type Variant struct {
	Width, Height int
	// File is the absolute path of the JPEG inside CacheDir.
	File string
}

// Result describes a processed image.
type Result struct {
	// Width and Height of the upright original.
	Width, Height int
	// Variants in ascending width.
	Variants []Variant
	// Hash is the hex SHA-256 of the source bytes.
	Hash string
}

// Processor processes images into a cache directory. It is safe for
// concurrent use. It remembers the entries it has served, so CacheDir must
// not be emptied behind its back while it is in use (call Prune instead).
type Processor struct {
	widths    []int
	quality   int
	cacheDir  string
	settings  string // digest of the settings, part of every entry name
	maxPixels int
	sem       chan struct{}
	budget    *Budget
	decodes   atomic.Int64

	mu      sync.Mutex
	flights map[string]*flight // hash → decode in progress
	results map[string]Result  // hash → entry known complete on disk
	hashes  map[statKey]string // file identity → hash, to skip re-reading
}

type flight struct {
	done chan struct{}
	res  Result
	err  error
}

// statKey identifies a file's version without reading it: the file system,
// name, size and modification time.
type statKey struct {
	fsys  any
	name  string
	size  int64
	mtime int64
}

// racyWindow: a file modified this close to when it was hashed might be
// modified again within the file system's timestamp resolution (2 s on
// FAT) without its time changing, so its hash is not remembered by stat.
const racyWindow = 3 * time.Second

// New returns a Processor for opts.
func New(opts Options) *Processor {
	var widths []int
	for _, w := range opts.Widths {
		if w > 0 {
			widths = append(widths, w)
		}
	}
	if len(widths) == 0 {
		widths = []int{480, 960, 1600}
	}
	slices.Sort(widths)
	widths = slices.Compact(widths)
	q := opts.Quality
	if q <= 0 {
		q = defaultQuality
	}
	q = min(q, 100)
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ws := make([]string, len(widths))
	for i, w := range widths {
		ws[i] = strconv.Itoa(w)
	}
	budget := opts.Budget
	if budget == nil {
		budget = NewBudget(0)
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "wallpress images v%d\nfilter %s\nwidths %s\nquality %d\n",
		cacheVersion, filterName, strings.Join(ws, ","), q))
	return &Processor{
		widths:    widths,
		quality:   q,
		cacheDir:  opts.CacheDir,
		settings:  hex.EncodeToString(sum[:6]),
		maxPixels: MaxPixels,
		sem:       make(chan struct{}, workers),
		budget:    budget,
		flights:   map[string]*flight{},
		results:   map[string]Result{},
		hashes:    map[statKey]string{},
	}
}

// Decodes reports how many images were decoded rather than served from the
// cache.
func (p *Processor) Decodes() int64 { return p.decodes.Load() }

// Process reads name from fsys (a valid io/fs path: the caller has already
// refused paths leaving content/), checks it, and returns its web variants, from the cache when the same bytes were processed with the
// same settings before. Concurrent calls for the same bytes decode once.
// Problems the user can fix are *Error; other errors (an unwritable cache)
// are internal.
func (p *Processor) Process(fsys fs.FS, name string) (Result, error) {
	res, err := p.process(fsys, name)
	if e, ok := errors.AsType[*Error](err); ok {
		return Result{}, e.withImage(name)
	}
	return res, err
}

func (p *Processor) process(fsys fs.FS, name string) (Result, error) {
	if !filepath.IsAbs(p.cacheDir) {
		return Result{}, fmt.Errorf("images: cache directory %q is not absolute", p.cacheDir)
	}
	f, err := fsys.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return Result{}, newError(KeyMissing, nil, nil)
	}
	if err != nil {
		return Result{}, fmt.Errorf("images: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return Result{}, fmt.Errorf("images: %w", err)
	}
	if info.IsDir() {
		return Result{}, newError(KeyNotImage, nil, nil)
	}

	key, keyed := p.statKey(fsys, name, info)
	if keyed {
		p.mu.Lock()
		res, ok := p.results[p.hashes[key]]
		p.mu.Unlock()
		if ok {
			return res, nil
		}
	}
	began := time.Now()
	h, err := p.inspect(f)
	if err != nil {
		return Result{}, err
	}
	h.size = info.Size()
	res, err := p.get(fsys, name, h)
	if err == nil && keyed && info.ModTime().Before(began.Add(-racyWindow)) {
		p.mu.Lock()
		p.hashes[key] = h.hash
		p.mu.Unlock()
	}
	return res, err
}

// statKey returns the file's identity, or false when it cannot be trusted:
// no modification time (in-memory file systems) or a file system value that
// cannot be a map key.
func (p *Processor) statKey(fsys fs.FS, name string, info fs.FileInfo) (statKey, bool) {
	if info.ModTime().IsZero() || !reflect.ValueOf(fsys).Comparable() {
		return statKey{}, false
	}
	return statKey{fsys, name, info.Size(), info.ModTime().UnixNano()}, true
}

// header is what one streaming pass over a file learns.
type header struct {
	hash   string
	format *format
	config image.Config
	size   int64 // of the file, in bytes
}

// inspect reads the file once: it picks the format from the first bytes,
// reads the dimensions from the header and refuses what is too large —
// all before any pixel is decoded — and hashes every byte on the way.
func (p *Processor) inspect(r io.Reader) (header, error) {
	sum := sha256.New()
	br := bufio.NewReaderSize(io.TeeReader(r, sum), 64<<10)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return header{}, fmt.Errorf("images: %w", err)
	}
	f, uerr := sniff(head)
	if uerr != nil {
		return header{}, uerr
	}
	cfg, err := p.checkConfig(f, br)
	if err != nil {
		return header{}, err
	}
	if _, err := io.Copy(io.Discard, br); err != nil {
		return header{}, fmt.Errorf("images: %w", err)
	}
	return header{hash: hex.EncodeToString(sum.Sum(nil)), format: f, config: cfg}, nil
}

// checkConfig reads the image's dimensions from its header and refuses
// images over maxPixels, or without pixels.
func (p *Processor) checkConfig(f *format, r io.Reader) (cfg image.Config, err error) {
	defer func() {
		// The decoders are third-party code run on untrusted bytes; a panic
		// there is a damaged file to the user, not a crash of the build.
		if v := recover(); v != nil {
			err = newError(KeyCorrupt, diag.Args{"format": f.name}, fmt.Errorf("decoder panic: %v", v))
		}
	}()
	cfg, err = f.config(r)
	if err != nil {
		return cfg, decodeError(f, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, newError(KeyCorrupt, diag.Args{"format": f.name}, errors.New("no pixels"))
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > int64(p.maxPixels) {
		return cfg, newError(KeyTooLarge, diag.Args{
			"width":  cfg.Width,
			"height": cfg.Height,
			// Rounded up, so that an image just over the limit does not
			// read "100 megapixels, over the limit of 100".
			"megapixels": int((px + 999_999) / 1_000_000),
			"limit":      p.maxPixels / 1_000_000,
		}, nil)
	}
	return cfg, nil
}

// get returns the processed image for h from memory, the disk cache, or by
// processing it — once, however many callers ask at the same time.
func (p *Processor) get(fsys fs.FS, name string, h header) (Result, error) {
	p.mu.Lock()
	if res, ok := p.results[h.hash]; ok {
		p.mu.Unlock()
		return res, nil
	}
	if fl, ok := p.flights[h.hash]; ok {
		p.mu.Unlock()
		<-fl.done
		return fl.res, fl.err
	}
	fl := &flight{done: make(chan struct{})}
	p.flights[h.hash] = fl
	p.mu.Unlock()

	finished := false
	defer func() {
		// Even if processing panics, release the callers waiting on it.
		if !finished {
			fl.res, fl.err = Result{}, fmt.Errorf("images: processing %s failed", name)
		}
		p.mu.Lock()
		delete(p.flights, h.hash)
		if fl.err == nil {
			p.results[h.hash] = fl.res
		}
		p.mu.Unlock()
		close(fl.done)
	}()
	if res, ok := p.load(h.hash); ok {
		fl.res = res
	} else {
		fl.res, fl.err = p.produce(fsys, name, h)
	}
	finished = true
	return fl.res, fl.err
}

// produce decodes the image and writes its variants into the cache, within
// a core and the memory its header says it needs.
func (p *Processor) produce(fsys fs.FS, name string, h header) (Result, error) {
	p.sem <- struct{}{}
	defer func() { <-p.sem }()
	n := p.budget.acquire(h.size + p.cost(h.format, h.config))
	// Released after produceWithin has returned, when nothing refers to
	// the pixels any more.
	defer p.budget.release(n)
	return p.produceWithin(fsys, name, h)
}

func (p *Processor) produceWithin(fsys fs.FS, name string, h header) (Result, error) {

	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Result{}, fmt.Errorf("images: %w", err)
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != h.hash {
		return Result{}, fmt.Errorf("images: %s changed while it was being read; build again", name)
	}
	img, o, err := p.decode(h.format, data)
	if err != nil {
		return Result{}, err
	}
	variants, err := p.encode(img, o, iccProfile(h.format, data))
	if err != nil {
		return Result{}, err
	}
	w, ht := img.Bounds().Dx(), img.Bounds().Dy()
	if swapsSides(o) {
		w, ht = ht, w
	}
	return p.store(h.hash, w, ht, variants)
}

// decode decodes data flattened on white, and returns it with its EXIF
// orientation (not applied).
func (p *Processor) decode(f *format, data []byte) (img image.Image, o int, err error) {
	p.decodes.Add(1)
	defer func() {
		if v := recover(); v != nil { // see checkConfig
			img, o, err = nil, 0, newError(KeyCorrupt, diag.Args{"format": f.name}, fmt.Errorf("decoder panic: %v", v))
		}
	}()
	img, o, err = f.decode(data)
	if err != nil {
		return nil, 0, decodeError(f, err)
	}
	return flatten(img), o, nil
}

// flatten puts a picture with transparency on white: JPEG has no alpha, and
// Go's encoder would turn transparent pixels black. The decoders' usual
// kinds (8-bit NRGBA and RGBA, palettes) are flattened in place, where
// imaging.Overlay would hold two more full-size copies (1.2 GB beside a
// 100-megapixel PNG); the result is the same to the byte.
func flatten(img image.Image) image.Image {
	if o, ok := img.(interface{ Opaque() bool }); ok && o.Opaque() {
		return img
	}
	b := img.Bounds()
	switch m := img.(type) {
	case *image.NRGBA:
		var w onWhite
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, y):m.PixOffset(b.Max.X, y)]
			for i := 0; i < len(row); i += 4 {
				px := row[i : i+4 : i+4]
				w.put(px, px[0], px[1], px[2], px[3])
			}
		}
		return m
	case *image.RGBA:
		var w onWhite
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, y):m.PixOffset(b.Max.X, y)]
			for i := 0; i < len(row); i += 4 {
				px := row[i : i+4 : i+4]
				c := unpremultiply(px)
				w.put(px, c.R, c.G, c.B, c.A)
			}
		}
		return m
	case *image.Paletted:
		var w onWhite
		pal := make(color.Palette, len(m.Palette))
		for i, c := range m.Palette {
			n := color.NRGBAModel.Convert(c).(color.NRGBA)
			px := make([]uint8, 4)
			w.put(px, n.R, n.G, n.B, n.A)
			pal[i] = color.NRGBA{px[0], px[1], px[2], px[3]}
		}
		return &image.Paletted{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect, Palette: pal}
	}
	bg := imaging.New(b.Dx(), b.Dy(), color.White)
	return imaging.Overlay(bg, img, image.Point{}, 1)
}

// unpremultiply reads an RGBA pixel as imaging reads it.
func unpremultiply(px []uint8) color.NRGBA {
	switch a := px[3]; a {
	case 0:
		return color.NRGBA{}
	case 0xff:
		return color.NRGBA{px[0], px[1], px[2], a}
	default:
		a16 := uint16(a)
		return color.NRGBA{uint8(uint16(px[0]) * 0xff / a16), uint8(uint16(px[1]) * 0xff / a16), uint8(uint16(px[2]) * 0xff / a16), a}
	}
}

// onWhite blends non-premultiplied pixels onto opaque white with the very
// arithmetic of imaging.Overlay at opacity 1, so that flattening in place
// gives the bytes flattening by Overlay gave (the cache and published files
// stay the same). Its coefficients are computed once per alpha value.
type onWhite struct {
	ready  [256]bool
	c1, c2 [256]float64
}

func (w *onWhite) put(dst []uint8, r, g, b, a uint8) {
	if !w.ready[a] {
		opacity, a1, a2 := 1.0, 255.0, float64(a)
		coef2 := opacity * a2 / 255
		coef1 := (1 - coef2) * a1 / 255
		coefSum := coef1 + coef2
		coef1 /= coefSum
		coef2 /= coefSum
		w.c1[a], w.c2[a], w.ready[a] = coef1, coef2, true
	}
	bg, coef1, coef2 := 255.0, w.c1[a], w.c2[a]
	dst[0] = uint8(bg*coef1 + float64(r)*coef2)
	dst[1] = uint8(bg*coef1 + float64(g)*coef2)
	dst[2] = uint8(bg*coef1 + float64(b)*coef2)
	dst[3] = 255
}

// variantWidths returns the widths to make for an original w pixels wide:
// each configured width, clamped to w, without repeats.
func (p *Processor) variantWidths(w int) []int {
	var out []int
	for _, v := range p.widths {
		v = min(v, w)
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

// encoded is one variant's JPEG bytes before it is stored.
type encoded struct {
	width, height int
	data          []byte
}

// encode resizes img to every variant width and encodes each as JPEG,
// turned upright by orientation o. The widest variant is made from the
// original and each narrower one from the next wider: a 4000 px photo is
// read at full size once instead of once per width, and Lanczos from an
// already smooth 1600 px image loses nothing visible at 960 or 480. Each
// variant is turned upright after resizing, as stored, so that a photo
// stored sideways is never copied whole (400 MB at 100 megapixels): an
// upright width is then a stored height.
func (p *Processor) encode(img image.Image, o int, icc []byte) ([]encoded, error) {
	side := func(m image.Image) int { return m.Bounds().Dx() }
	resize := func(m image.Image, w int) image.Image { return imaging.Resize(m, w, 0, filter) }
	if swapsSides(o) {
		side = func(m image.Image) int { return m.Bounds().Dy() }
		resize = func(m image.Image, w int) image.Image { return imaging.Resize(m, 0, w, filter) }
	}
	widths := p.variantWidths(side(img))
	out := make([]encoded, len(widths))
	src := img
	for i := len(widths) - 1; i >= 0; i-- {
		if widths[i] < side(src) {
			src = resize(src, widths[i])
		}
		up := orient(src, o)
		var buf bytes.Buffer
		if err := imaging.Encode(&buf, up, imaging.JPEG, imaging.JPEGQuality(p.quality)); err != nil {
			return nil, fmt.Errorf("images: encoding: %w", err)
		}
		b := up.Bounds()
		out[i] = encoded{b.Dx(), b.Dy(), withICC(buf.Bytes(), icc)}
	}
	return out, nil
}
