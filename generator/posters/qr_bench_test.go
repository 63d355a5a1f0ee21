package posters

import "testing"

// BenchmarkQRSVG encodes a typical record URL: every poster carries one, so
// at 88×60 this runs 37,000 times a build.
func BenchmarkQRSVG(b *testing.B) {
	for b.Loop() {
		if _, err := QRSVG("https://example.gov.cn/louzu/gongnong-sancun/building-12-3/account-2024/"); err != nil {
			b.Fatal(err)
		}
	}
}
