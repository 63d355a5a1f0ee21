package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"github.com/disintegration/imaging"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"

	"wallpress/generator/diag"
)

// format is a file format we can decode. Formats are chosen from the file's
// first bytes, never from its name: phones and chat apps save PNGs as .jpg
// and the reverse.
type format struct {
	name   string
	config func(io.Reader) (image.Config, error)
	// decode returns the image as stored and its EXIF orientation (1–8,
	// 0 when none), not yet applied: turning a 100-megapixel photo upright
	// would copy it whole, so each variant is turned after resizing.
	decode func(data []byte) (image.Image, int, error)
}

// decodeJPEG decodes a JPEG and reads the orientation a phone wrote.
func decodeJPEG(data []byte) (image.Image, int, error) {
	img, err := imaging.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, err
	}
	return img, jpegOrientation(data), nil
}

// decodePlain decodes the other formats imaging reads (PNG, GIF, BMP,
// TIFF), which carry no orientation imaging or browsers apply.
func decodePlain(data []byte) (image.Image, int, error) {
	img, err := imaging.Decode(bytes.NewReader(data))
	return img, 0, err
}

var (
	formatJPEG = &format{"JPEG", jpeg.DecodeConfig, decodeJPEG}
	formatPNG  = &format{"PNG", png.DecodeConfig, decodePlain}
	formatGIF  = &format{"GIF", gif.DecodeConfig, decodePlain}
	formatBMP  = &format{"BMP", bmp.DecodeConfig, decodePlain}
	formatTIFF = &format{"TIFF", tiff.DecodeConfig, decodePlain}
	formatWebP = &format{"WebP", webp.DecodeConfig, decodeWebP}
)

// sniffLen is how many leading bytes sniff looks at.
const sniffLen = 512

// sniff picks the format from a file's first bytes. It returns a user error
// for files it will not decode: HEIC (the iPhone default), other image
// formats, and files that are no image at all.
func sniff(head []byte) (*format, *Error) {
	has := func(off int, s string) bool {
		return len(head) >= off+len(s) && string(head[off:off+len(s)]) == s
	}
	unsupported := func(name string) (*format, *Error) {
		return nil, newError(KeyFormat, diag.Args{"format": name}, nil)
	}
	switch {
	case has(0, "\xff\xd8\xff"):
		return formatJPEG, nil
	case has(0, "\x89PNG\r\n\x1a\n"):
		return formatPNG, nil
	case has(0, "GIF87a"), has(0, "GIF89a"):
		return formatGIF, nil
	case has(0, "RIFF") && has(8, "WEBP"):
		// VP8X flags, bit 1: animation, which x/image/webp cannot decode.
		if has(12, "VP8X") && len(head) > 20 && head[20]&0x02 != 0 {
			return unsupported("WebP (animated)")
		}
		return formatWebP, nil
	case has(0, "BM") && len(head) >= 18 && isBMPHeaderSize(binary.LittleEndian.Uint32(head[14:])):
		return formatBMP, nil
	case has(0, "II*\x00"), has(0, "MM\x00*"):
		return formatTIFF, nil
	case has(4, "ftyp"):
		return sniffFtyp(head)
	case has(0, "8BPS"):
		return unsupported("PSD (Photoshop)")
	case has(0, "\xff\x0a"), has(4, "JXL "):
		return unsupported("JPEG XL")
	case has(4, "jP  "), has(0, "\xff\x4f\xff\x51"):
		return unsupported("JPEG 2000")
	case has(0, "%PDF"):
		return unsupported("PDF")
	case has(0, "\x00\x00\x01\x00") && len(head) >= 6 && head[4]|head[5] != 0:
		return unsupported("ICO")
	case isSVG(head):
		return unsupported("SVG")
	}
	return nil, newError(KeyNotImage, nil, nil)
}

func isBMPHeaderSize(n uint32) bool {
	switch n {
	case 12, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

// sniffFtyp reads the brands of an ISO base media file (HEIC, AVIF, MP4,
// MOV). AVIF also lists the generic HEIF brand mif1, so it is told apart
// first: it is not an iPhone photo and the HEIC hint would mislead.
func sniffFtyp(head []byte) (*format, *Error) {
	size := int(binary.BigEndian.Uint32(head))
	if size > len(head) || size < 16 {
		size = len(head)
	}
	var brands []string
	for off := 8; off+4 <= size; off += 4 {
		if off == 12 { // minor version, not a brand
			continue
		}
		brands = append(brands, string(head[off:off+4]))
	}
	is := func(set ...string) bool {
		for _, b := range brands {
			for _, s := range set {
				if b == s {
					return true
				}
			}
		}
		return false
	}
	switch {
	case is("avif", "avis"):
		return nil, newError(KeyFormat, diag.Args{"format": "AVIF"}, nil)
	case is("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1"):
		return nil, newError(KeyHEIC, diag.Args{"format": "HEIC"}, nil)
	case is("isom", "iso2", "mp41", "mp42", "qt  ", "M4V ", "3gp4", "3gp5", "3g2a", "avc1"):
		return nil, newError(KeyFormat, diag.Args{"format": "MP4/MOV"}, nil)
	}
	return nil, newError(KeyNotImage, nil, nil)
}

// isSVG reports whether head looks like an SVG drawing: text that opens an
// <svg element (maybe after a BOM, an XML declaration or a comment).
func isSVG(head []byte) bool {
	t := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t = bytes.TrimLeft(t, " \t\r\n")
	return (bytes.HasPrefix(t, []byte("<?xml")) || bytes.HasPrefix(t, []byte("<svg")) ||
		bytes.HasPrefix(t, []byte("<!--")) || bytes.HasPrefix(t, []byte("<!DOCTYPE svg"))) &&
		bytes.Contains(head, []byte("<svg"))
}

// decodeError classifies a decoder's error: a variant the decoder does not
// implement (arithmetic-coded JPEG, 12-bit JPEG, an odd TIFF compression) is
// an unsupported format the user fixes by saving again; anything else means
// the bytes are damaged or cut short.
func decodeError(f *format, err error) *Error {
	var (
		jpegU  jpeg.UnsupportedError
		pngU   png.UnsupportedError
		tiffU  tiff.UnsupportedError
		detail string
	)
	switch {
	case errors.As(err, &jpegU):
		detail = string(jpegU)
	case errors.As(err, &pngU):
		detail = string(pngU)
	case errors.As(err, &tiffU):
		detail = string(tiffU)
	default:
		return newError(KeyCorrupt, diag.Args{"format": f.name}, err)
	}
	return newError(KeyFormat, diag.Args{"format": fmt.Sprintf("%s (%s)", f.name, detail)}, err)
}

// decodeWebP decodes a WebP and reads the orientation in its EXIF chunk,
// which x/image/webp ignores and browsers honour.
func decodeWebP(data []byte) (image.Image, int, error) {
	img, err := webp.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, err
	}
	o := 0
	if exif := riffChunk(data, "EXIF"); exif != nil {
		o = exifOrientation(exif)
	}
	return img, o, nil
}

// swapsSides reports whether orientation o turns the picture a quarter,
// so that its upright width is its stored height.
func swapsSides(o int) bool { return o >= 5 && o <= 8 }

// orient turns img upright for an EXIF orientation value (1–8), the same
// transforms imaging applies to JPEGs.
func orient(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}
