package posters

import (
	"image"
	"image/color"
	"regexp"
	"strconv"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
)

// decodeQR reads a QR code from a picture with ZXing's decoder, a separate
// implementation from the encoder's.
func decodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		t.Fatalf("no QR code found: %v", err)
	}
	return res.GetText()
}

var svgRunRE = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)
var viewBoxRE = regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`)

// rasterQR draws the SVG that QRSVG writes, at scale pixels per module.
func rasterQR(t *testing.T, svg string, scale int) image.Image {
	t.Helper()
	vb := viewBoxRE.FindStringSubmatch(svg)
	if vb == nil {
		t.Fatalf("no viewBox in %s", svg)
	}
	n, _ := strconv.Atoi(vb[1])
	img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for _, m := range svgRunRE.FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		w, _ := strconv.Atoi(m[3])
		for yy := y * scale; yy < (y+1)*scale; yy++ {
			for xx := x * scale; xx < (x+w)*scale; xx++ {
				img.SetGray(xx, yy, color.Gray{})
			}
		}
	}
	return img
}

func TestQRSVGDecodes(t *testing.T) {
	for _, u := range []string{
		"https://example.gov.cn/louzu/gongnong-sancun/building-12/convention/",
		"https://example.gov.cn/louzu/",
		RecordURL("https://例子.cn/楼组/", "工农三村/12号楼/公约/"),
	} {
		svg, err := QRSVG(u)
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeQR(t, rasterQR(t, string(svg), 4)); got != u {
			t.Errorf("decoded %q, want %q", got, u)
		}
	}
}

func TestRecordURL(t *testing.T) {
	tests := []struct{ base, page, want string }{
		{"https://example.gov.cn/louzu/", "a/b/c/", "https://example.gov.cn/louzu/a/b/c/"},
		{"https://example.gov.cn/", "", "https://example.gov.cn/"},
		{"https://example.gov.cn/louzu/", "工农三村/12号楼/", "https://example.gov.cn/louzu/%E5%B7%A5%E5%86%9C%E4%B8%89%E6%9D%91/12%E5%8F%B7%E6%A5%BC/"},
		{"", "a/", ""},
	}
	for _, tt := range tests {
		if got := RecordURL(tt.base, tt.page); got != tt.want {
			t.Errorf("RecordURL(%q, %q) = %q, want %q", tt.base, tt.page, got, tt.want)
		}
	}
}
