package posters

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/makiuchi-d/gozxing/qrcode/encoder"
)

// TestEncodeQRMatchesZXing compares every module of our codes with ZXing's
// encoder, a separate implementation, over lengths that reach every
// version at every level: the tables, the blocks, the placement and the
// choice of mask must all agree.
func TestEncodeQRMatchesZXing(t *testing.T) {
	levels := []struct {
		ec ecLevel
		zx decoder.ErrorCorrectionLevel
	}{{ecL, decoder.ErrorCorrectionLevel_L}, {ecM, decoder.ErrorCorrectionLevel_M}, {ecQ, decoder.ErrorCorrectionLevel_Q}, {ecH, decoder.ErrorCorrectionLevel_H}}
	for _, lv := range levels {
		for ver := 1; ver <= 40; ver++ {
			// The longest text of each version and one byte more, which
			// needs the next version, and a short one.
			countBits := 8
			if ver >= 10 {
				countBits = 16
			}
			most := (dataCodewords(ver, lv.ec)*8 - 4 - countBits) / 8
			for _, n := range []int{most, most + 1, 1 + ver%7} {
				text := sampleText(n, ver)
				ours, err := encodeQR([]byte(text), lv.ec)
				theirs, zerr := encoder.Encoder_encode(text, lv.zx, nil)
				if (err != nil) != (zerr != nil) {
					t.Fatalf("level %d, %d bytes: our error %v, ZXing's %v", lv.ec, n, err, zerr)
				}
				if err != nil {
					continue
				}
				zm := theirs.GetMatrix()
				if ours.size != zm.GetWidth() {
					t.Fatalf("level %d, %d bytes: size %d, ZXing %d (version %d)", lv.ec, n, ours.size, zm.GetWidth(), theirs.GetVersion().GetVersionNumber())
				}
				diff := 0
				for y := range ours.size {
					for x := range ours.size {
						if ours.dark(x, y) != (zm.Get(x, y) == 1) {
							diff++
						}
					}
				}
				if diff > 0 {
					t.Errorf("level %d, %d bytes (size %d): %d modules differ from ZXing (mask %d)", lv.ec, n, ours.size, diff, theirs.GetMaskPattern())
				}
			}
		}
	}
}

// sampleText is n bytes of lowercase URL-like text, varied by seed.
func sampleText(n, seed int) string {
	var b strings.Builder
	b.WriteString("https://")
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "x%d/%c", i*seed, 'a'+rune((i+seed)%26))
	}
	return b.String()[:n]
}

func TestEncodeQRTooLong(t *testing.T) {
	if _, err := encodeQR(make([]byte, 3000), ecQ); err == nil {
		t.Error("3000 bytes at level Q: no error")
	}
}

// randomModules are size×size modules, dark at a random density.
func randomModules(rnd *rand.Rand, size int) []byte {
	mod := make([]byte, size*size)
	dense := rnd.IntN(100)
	for i := range mod {
		if rnd.IntN(100) < dense {
			mod[i] = 1
		}
	}
	return mod
}

// TestPenaltyPacked checks the packed penalty against the plain one on
// random matrices of every size it serves.
func TestPenaltyPacked(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for size := 7; size <= 64; size++ {
		for range 20 {
			mod := randomModules(rnd, size)
			want := penalty(mod, make([]byte, len(mod)), size)
			l := packedOf(mod, size)
			got := penaltyPacked(l.rows, l.cols, size)
			if got != want {
				t.Fatalf("size %d: packed penalty %d, plain %d", size, got, want)
			}
		}
	}
}

// TestMaskPenaltiesPacked: the packed search finds the plain one's
// penalty for every mask, for every version a poster's URL can need, every
// level, and random modules.
func TestMaskPenaltiesPacked(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for ver := 1; ver <= 11; ver++ {
		size := 4*ver + 17
		isData := make([]byte, size*size)
		for i := range isData {
			isData[i] = 1
		}
		drawFunctions(size, ver, func(x, y int, _ bool) { isData[y*size+x] = 0 })
		flips := maskFlips(ver, size, isData)
		flipBits := maskFlipBits(ver, size, flips)
		for range 30 {
			mod := randomModules(rnd, size)
			for _, ec := range []ecLevel{ecL, ecM, ecQ, ecH} {
				if got, want := maskPenaltiesPacked(mod, flipBits, size, ec), maskPenalties(mod, flips, size, ec); got != want {
					t.Fatalf("version %d, level %d: packed penalties %v, plain %v", ver, ec, got, want)
				}
			}
		}
	}
}
