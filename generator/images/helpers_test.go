package images

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// Fixtures are built in code rather than committed: each oddity a phone or a
// chat app produces is spelled out byte by byte where the test uses it.

var (
	red   = color.NRGBA{255, 0, 0, 255}
	blue  = color.NRGBA{0, 0, 255, 255}
	green = color.NRGBA{0, 160, 0, 255}
)

// halves returns a w×h image whose left half is left and right half right.
func halves(w, h int, left, right color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := right
			if x < w/2 {
				c = left
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// photo returns a w×h image with smooth gradients and some grain, roughly
// as hard to compress as a photo.
func photo(w, h int) *image.NRGBA { return photoSeeded(w, h, 0) }

// photoSeeded is photo with other grain, so that photos differ in bytes.
func photoSeeded(w, h, s int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1 + s)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			n := int(seed>>27) - 16
			i := img.PixOffset(x, y)
			img.Pix[i+0] = clamp(x*255/w + n)
			img.Pix[i+1] = clamp(y*255/h + n)
			img.Pix[i+2] = clamp((x+y)*255/(w+h) + n)
			img.Pix[i+3] = 255
		}
	}
	return img
}

func clamp(v int) uint8 { return uint8(max(0, min(255, v))) }

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Strings planted in the metadata of phoneJPEG, which must not survive.
const (
	gpsDate   = "2024:03:15"
	xmpMarker = "http://ns.adobe.com/xap/1.0/"
	comment   = "Xiaomi 13 at 31.30N 121.52E"
)

// exifTIFF returns a little-endian TIFF block as phones write it in APP1:
// IFD0 with Orientation and a pointer to a GPS IFD holding latitude,
// longitude and a date stamp.
func exifTIFF(orientation int) []byte {
	le := binary.LittleEndian
	var b []byte
	b = append(b, "II*\x00"...)
	b = le.AppendUint32(b, 8)
	entry := func(tag, typ uint16, count, value uint32) {
		b = le.AppendUint16(b, tag)
		b = le.AppendUint16(b, typ)
		b = le.AppendUint32(b, count)
		b = le.AppendUint32(b, value)
	}
	// IFD0 at 8: 2 entries → 2+24+4 = 30 bytes; GPS IFD at 38.
	const gpsIFD = 38
	b = le.AppendUint16(b, 2)
	entry(0x0112, 3, 1, uint32(orientation)) // SHORT, left-justified in LE
	entry(0x8825, 4, 1, gpsIFD)
	b = le.AppendUint32(b, 0)
	// GPS IFD: 5 entries → 2+60+4 = 66 bytes; values from 104.
	const lat, lon, date = gpsIFD + 66, gpsIFD + 66 + 24, gpsIFD + 66 + 48
	b = le.AppendUint16(b, 5)
	entry(0x0001, 2, 2, uint32('N'))
	entry(0x0002, 5, 3, lat)
	entry(0x0003, 2, 2, uint32('E'))
	entry(0x0004, 5, 3, lon)
	entry(0x001d, 2, 11, date)
	b = le.AppendUint32(b, 0)
	for _, r := range [][2]uint32{{31, 1}, {18, 1}, {4512, 100}, {121, 1}, {31, 1}, {1234, 100}} {
		b = le.AppendUint32(b, r[0])
		b = le.AppendUint32(b, r[1])
	}
	b = append(b, gpsDate+"\x00"...)
	return b
}

// segment returns a JPEG marker segment.
func segment(marker byte, payload []byte) []byte {
	s := []byte{0xff, marker}
	s = binary.BigEndian.AppendUint16(s, uint16(2+len(payload)))
	return append(s, payload...)
}

// phoneJPEG encodes img as a phone would store it sideways: EXIF (with
// Orientation and GPS) first, then XMP, a comment and any extra segments.
func phoneJPEG(t testing.TB, img image.Image, orientation int, extra ...[]byte) []byte {
	t.Helper()
	plain := encodeJPEG(t, img)
	out := append([]byte{}, plain[:2]...)
	out = append(out, segment(0xe1, append([]byte("Exif\x00\x00"), exifTIFF(orientation)...))...)
	out = append(out, segment(0xe1, []byte(xmpMarker+"\x00<x:xmpmeta><exif:GPSLatitude>31,18.75N</exif:GPSLatitude></x:xmpmeta>"))...)
	out = append(out, segment(0xfe, []byte(comment))...)
	for _, e := range extra {
		out = append(out, e...)
	}
	return append(out, plain[2:]...)
}

// pngChunk returns a PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, typ...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// pngHeader returns only the signature and IHDR of a w×h RGB PNG: what a
// decompression bomb shows before its pixels.
func pngHeader(w, h int) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit, RGB, deflate, no filter, no interlace
	return append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
}

// iccStub returns a minimal ICC profile header of n bytes for colour space
// cs ("RGB ", "CMYK"), with a recognisable body.
func iccStub(n int, cs string) []byte {
	p := make([]byte, n)
	binary.BigEndian.PutUint32(p, uint32(n))
	copy(p[4:], "wpic")
	copy(p[16:], cs)
	copy(p[36:], "acsp")
	for i := 128; i < n; i++ {
		p[i] = byte(i * 7)
	}
	return p
}

// iccSegments splits a profile into JPEG APP2 segments.
func iccSegments(profile []byte) []byte {
	out := withICC([]byte{0xff, 0xd8}, profile)
	return out[2:]
}

// bitWriter writes the least-significant-bit-first bit stream of VP8L.
type bitWriter struct {
	buf   []byte
	acc   uint64
	nbits uint
}

func (w *bitWriter) write(v uint64, n uint) {
	w.acc |= v << w.nbits
	w.nbits += n
	for w.nbits >= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
		w.nbits -= 8
	}
}

func (w *bitWriter) bytes() []byte {
	if w.nbits > 0 {
		w.buf = append(w.buf, byte(w.acc))
	}
	return w.buf
}

// vp8lHalves encodes a lossless WebP bitstream of a w×h image, red on the
// left half and blue on the right. Each channel uses a "simple" prefix code
// of one or two symbols, so a pixel costs two bits: red on or off, blue on
// or off.
func vp8lHalves(w, h int) []byte {
	var bw bitWriter
	bw.write(0x2f, 8)
	bw.write(uint64(w-1), 14)
	bw.write(uint64(h-1), 14)
	bw.write(0, 1)            // alpha hint
	bw.write(0, 3)            // version
	bw.write(0, 1)            // no transform
	bw.write(0, 1)            // no colour cache
	bw.write(0, 1)            // no meta prefix codes
	one := func(sym uint64) { // one symbol, zero bits per use
		bw.write(1, 1)
		bw.write(0, 1)
		bw.write(1, 1)
		bw.write(sym, 8)
	}
	two := func(a, b uint64) { // a is code 0, b is code 1
		bw.write(1, 1)
		bw.write(1, 1)
		bw.write(1, 1)
		bw.write(a, 8)
		bw.write(b, 8)
	}
	one(0)      // green
	two(0, 255) // red
	two(0, 255) // blue
	one(255)    // alpha
	one(0)      // distance
	for range h {
		for x := range w {
			if x < w/2 {
				bw.write(1, 1) // red 255
				bw.write(0, 1) // blue 0
			} else {
				bw.write(0, 1)
				bw.write(1, 1)
			}
		}
	}
	return bw.bytes()
}

// riff builds a RIFF file of the given form type from chunks.
func riff(form string, chunks ...[]byte) []byte {
	var body []byte
	body = append(body, form...)
	for _, c := range chunks {
		body = append(body, c...)
	}
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	return append(out, body...)
}

func riffChunkBytes(id string, data []byte) []byte {
	c := append([]byte(id), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
	c = append(c, data...)
	if len(data)%2 == 1 {
		c = append(c, 0)
	}
	return c
}

// webpHalves returns an extended-format WebP of vp8lHalves with an EXIF
// chunk holding the given orientation (none when 0) and flags set as
// written.
func webpHalves(w, h, orientation int, flags byte) []byte {
	vp8x := []byte{flags, 0, 0, 0}
	vp8x = append(vp8x, byte(w-1), byte((w-1)>>8), byte((w-1)>>16))
	vp8x = append(vp8x, byte(h-1), byte((h-1)>>8), byte((h-1)>>16))
	chunks := [][]byte{riffChunkBytes("VP8X", vp8x), riffChunkBytes("VP8L", vp8lHalves(w, h))}
	if orientation != 0 {
		chunks = append(chunks, riffChunkBytes("EXIF", exifTIFF(orientation)))
	}
	return riff("WEBP", chunks...)
}
