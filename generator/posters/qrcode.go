package posters

import (
	"errors"
	"math/bits"
	"sync"
)

// This file is a QR code encoder (ISO/IEC 18004) for what the posters need:
// byte mode, a fixed error correction level, the smallest version that
// holds the text. Every poster carries a code, so at the size of a
// sub-district it runs tens of thousands of times a build; the general
// libraries spend milliseconds per code choosing the mask, this spends tens
// of microseconds. The mask is chosen by the same penalty rules as ZXing's
// encoder, so both draw the same modules (a test checks this).

// ecLevel is an error correction level; the values index the tables below.
type ecLevel int

const (
	ecL ecLevel = iota
	ecM
	ecQ
	ecH
)

// formatBits are the levels' two bits in the format information.
var formatBits = [4]int{ecL: 1, ecM: 0, ecQ: 3, ecH: 2}

// eccPerBlock is the number of error correction codewords in each block,
// by level and version (index 0 unused).
var eccPerBlock = [4][41]int{
	{0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28},
	{0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
	{0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30},
}

// eccBlocks is the number of error correction blocks, by level and version.
var eccBlocks = [4][41]int{
	{0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25},
	{0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49},
	{0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68},
	{0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81},
}

// errQRTooLong is returned for text no QR code can hold.
var errQRTooLong = errors.New("qr: text too long for a QR code")

// qrMatrix is an encoded code: size×size modules, row by row, 1 for dark.
// The quiet zone is not included.
type qrMatrix struct {
	size int
	mod  []byte
}

func (m *qrMatrix) dark(x, y int) bool { return m.mod[y*m.size+x] == 1 }

// rawModules is the number of modules of a version that carry data and
// error correction (after the function patterns).
func rawModules(ver int) int {
	n := (16*ver+128)*ver + 64
	if ver >= 2 {
		align := ver/7 + 2
		n -= (25*align-10)*align - 55
		if ver >= 7 {
			n -= 36
		}
	}
	return n
}

// dataCodewords is how many data codewords a version holds at a level.
func dataCodewords(ver int, ec ecLevel) int {
	return rawModules(ver)/8 - eccPerBlock[ec][ver]*eccBlocks[ec][ver]
}

// encodeQR encodes data in byte mode at level ec, in the smallest version
// that holds it.
func encodeQR(data []byte, ec ecLevel) (*qrMatrix, error) {
	ver := 0
	for v := 1; v <= 40; v++ {
		countBits := 8
		if v >= 10 {
			countBits = 16
		}
		if len(data) >= 1<<countBits {
			continue
		}
		if (4+countBits+8*len(data)+7)/8 <= dataCodewords(v, ec) {
			ver = v
			break
		}
	}
	if ver == 0 {
		return nil, errQRTooLong
	}

	// The data codewords: mode, count, bytes, terminator, padding.
	capacity := dataCodewords(ver, ec)
	var bw bitWriter
	bw.buf = make([]byte, 0, capacity)
	bw.put(0b0100, 4)
	if ver >= 10 {
		bw.put(len(data), 16)
	} else {
		bw.put(len(data), 8)
	}
	for _, b := range data {
		bw.put(int(b), 8)
	}
	bw.put(0, min(4, capacity*8-bw.bits()))
	bw.put(0, (8-bw.bits()%8)%8)
	for pad := 0xEC; len(bw.buf) < capacity; pad ^= 0xEC ^ 0x11 {
		bw.buf = append(bw.buf, byte(pad))
	}
	codewords := interleave(bw.buf, ver, ec)

	size := 4*ver + 17
	m := &qrMatrix{size: size, mod: make([]byte, size*size)}
	// fn marks the function modules, which data and masks leave alone.
	fn := make([]bool, size*size)
	set := func(x, y int, dark bool) {
		if dark {
			m.mod[y*size+x] = 1
		} else {
			m.mod[y*size+x] = 0
		}
		fn[y*size+x] = true
	}
	drawFunctions(size, ver, set)
	drawCodewords(m, fn, codewords)

	isData := make([]byte, len(fn))
	for i, f := range fn {
		isData[i] = b2u(!f)
	}
	flips := maskFlips(ver, size, isData)
	var penalties [8]int
	if size <= 64 {
		penalties = maskPenaltiesPacked(m.mod, maskFlipBits(ver, size, flips), size, ec)
	} else {
		penalties = maskPenalties(m.mod, flips, size, ec)
	}
	best := bestMask(penalties)
	xorInto(m.mod, flips[best])
	drawFormat(m.mod, size, ec, best)
	return m, nil
}

// bestMask is the mask of the lowest penalty (the first of equals), as
// ZXing picks it.
func bestMask(penalties [8]int) int {
	best := 0
	for mask, p := range penalties {
		if p < penalties[best] {
			best = mask
		}
	}
	return best
}

// maskPenalties are the penalties of the unmasked modules mod under each
// mask.
func maskPenalties(mod []byte, flips *[8][]byte, size int, ec ecLevel) (out [8]int) {
	work := make([]byte, len(mod))
	cols := make([]byte, len(mod))
	for mask := range out {
		copy(work, mod)
		xorInto(work, flips[mask])
		drawFormat(work, size, ec, mask)
		out[mask] = penalty(work, cols, size)
	}
	return out
}

// maskPenaltiesPacked is maskPenalties for codes of at most 64 modules a
// side, on rows and columns packed into words: the code's once, each
// mask's flips once per version (flipBits), and a masked code is their
// XOR with its format bits set.
func maskPenaltiesPacked(mod []byte, flipBits *[8]packedCode, size int, ec ecLevel) (out [8]int) {
	base := packedOf(mod, size)
	rows, cols := make([]uint64, size), make([]uint64, size)
	for mask := range out {
		for i := range size {
			rows[i] = base.rows[i] ^ flipBits[mask].rows[i]
			cols[i] = base.cols[i] ^ flipBits[mask].cols[i]
		}
		formatModules(size, ec, mask, func(x, y int, v byte) {
			rows[y] = rows[y]&^(1<<x) | uint64(v)<<x
			cols[x] = cols[x]&^(1<<y) | uint64(v)<<y
		})
		out[mask] = penaltyPacked(rows, cols, size)
	}
	return out
}

// maskFlipsByVersion holds, for each version, the modules every mask
// pattern flips: the data modules are the same for every code of a version,
// so a sub-district's thousands of codes share eight patterns per version
// instead of computing them for every code.
var maskFlipsByVersion sync.Map // int -> *[8][]byte

// maskFlips returns the modules each mask flips (1) in a code of version
// ver, whose data modules are those set in isData.
func maskFlips(ver, size int, isData []byte) *[8][]byte {
	if f, ok := maskFlipsByVersion.Load(ver); ok {
		return f.(*[8][]byte)
	}
	var f [8][]byte
	for mask := range f {
		f[mask] = make([]byte, size*size)
		applyMask(f[mask], isData, size, mask)
	}
	got, _ := maskFlipsByVersion.LoadOrStore(ver, &f)
	return got.(*[8][]byte)
}

// packedCode is a code's modules packed into words (module x of row y is bit
// x of rows[y] and bit y of cols[x]), for codes of at most 64 modules a
// side.
type packedCode struct{ rows, cols []uint64 }

func packedOf(mod []byte, size int) packedCode {
	l := packedCode{make([]uint64, size), make([]uint64, size)}
	for y := range size {
		var r uint64
		for x, c := range mod[y*size : (y+1)*size] {
			r |= uint64(c) << x
			l.cols[x] |= uint64(c) << y
		}
		l.rows[y] = r
	}
	return l
}

// maskBitsByVersion holds maskFlipsByVersion's patterns packed (packedOf).
var maskBitsByVersion sync.Map

func maskFlipBits(ver, size int, flips *[8][]byte) *[8]packedCode {
	if f, ok := maskBitsByVersion.Load(ver); ok {
		return f.(*[8]packedCode)
	}
	var b [8]packedCode
	for mask := range b {
		b[mask] = packedOf(flips[mask], size)
	}
	got, _ := maskBitsByVersion.LoadOrStore(ver, &b)
	return got.(*[8]packedCode)
}

// xorInto flips the modules of mod set in flips.
func xorInto(mod, flips []byte) {
	flips = flips[:len(mod)]
	for i := range mod {
		mod[i] ^= flips[i]
	}
}

// bitWriter appends bits, most significant first.
type bitWriter struct {
	buf []byte
	n   int // bits used in the last byte, 0 when it is full
}

func (w *bitWriter) bits() int {
	if w.n == 0 {
		return len(w.buf) * 8
	}
	return (len(w.buf)-1)*8 + w.n
}

func (w *bitWriter) put(v, n int) {
	for i := n - 1; i >= 0; i-- {
		if w.n == 0 {
			w.buf = append(w.buf, 0)
		}
		if v>>i&1 == 1 {
			w.buf[len(w.buf)-1] |= 0x80 >> w.n
		}
		w.n = (w.n + 1) % 8
	}
}

// interleave splits the data codewords into the version's blocks, adds
// each block's error correction and interleaves them all.
func interleave(data []byte, ver int, ec ecLevel) []byte {
	nBlocks := eccBlocks[ec][ver]
	eccLen := eccPerBlock[ec][ver]
	raw := rawModules(ver) / 8
	nShort := nBlocks - raw%nBlocks
	shortLen := raw / nBlocks // data and ecc of a short block
	div := rsDivisor(eccLen)
	type block struct{ data, ecc []byte }
	blocks := make([]block, nBlocks)
	k := 0
	for i := range nBlocks {
		n := shortLen - eccLen
		if i >= nShort {
			n++
		}
		blocks[i] = block{data[k : k+n], rsRemainder(data[k:k+n], div)}
		k += n
	}
	out := make([]byte, 0, raw)
	for i := range shortLen - eccLen + 1 {
		for _, b := range blocks {
			if i < len(b.data) {
				out = append(out, b.data[i])
			}
		}
	}
	for i := range eccLen {
		for _, b := range blocks {
			out = append(out, b.ecc[i])
		}
	}
	return out
}

// gfExp and gfLog are GF(2⁸) with the polynomial 0x11D, as tables.
var gfExp, gfLog = func() (exp [512]byte, log [256]byte) {
	x := 1
	for i := range 255 {
		exp[i] = byte(x)
		log[x] = byte(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11D
		}
	}
	for i := 255; i < 512; i++ {
		exp[i] = exp[i-255]
	}
	return exp, log
}()

func gfMul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return gfExp[int(gfLog[a])+int(gfLog[b])]
}

// rsDivisor is the Reed–Solomon generator polynomial of a degree, without
// its leading 1, highest power first.
func rsDivisor(degree int) []byte {
	div := make([]byte, degree)
	div[degree-1] = 1
	root := byte(1)
	for range degree {
		for j := range degree {
			div[j] = gfMul(div[j], root)
			if j+1 < degree {
				div[j] ^= div[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return div
}

// rsRemainder is the error correction of data.
func rsRemainder(data, div []byte) []byte {
	rem := make([]byte, len(div))
	for _, b := range data {
		f := b ^ rem[0]
		copy(rem, rem[1:])
		rem[len(rem)-1] = 0
		for i, d := range div {
			rem[i] ^= gfMul(d, f)
		}
	}
	return rem
}

// alignment returns the centres of a version's alignment patterns on each
// axis.
func alignment(ver int) []int {
	if ver == 1 {
		return nil
	}
	n := ver/7 + 2
	step := (ver*8 + n*3 + 5) / (n*4 - 4) * 2
	pos := make([]int, n)
	pos[0] = 6
	for i, p := n-1, 4*ver+10; i >= 1; i, p = i-1, p-step {
		pos[i] = p
	}
	return pos
}

// drawFunctions draws the finder, timing and alignment patterns, the
// version information, and reserves the format information's modules.
func drawFunctions(size, ver int, set func(x, y int, dark bool)) {
	for i := range size {
		set(6, i, i%2 == 0)
		set(i, 6, i%2 == 0)
	}
	finder := func(cx, cy int) {
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := cx+dx, cy+dy
				if x < 0 || x >= size || y < 0 || y >= size {
					continue
				}
				d := max(abs(dx), abs(dy))
				set(x, y, d != 2 && d != 4)
			}
		}
	}
	finder(3, 3)
	finder(size-4, 3)
	finder(3, size-4)
	al := alignment(ver)
	for i, ax := range al {
		for j, ay := range al {
			if (i == 0 && j == 0) || (i == 0 && j == len(al)-1) || (i == len(al)-1 && j == 0) {
				continue
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					set(ax+dx, ay+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	// The format modules, drawn for real once the mask is chosen, and the
	// dark module.
	for i := range 9 {
		if i != 6 { // the timing patterns cross here
			set(8, i, false)
			set(i, 8, false)
		}
	}
	for i := range 8 {
		set(size-1-i, 8, false)
		set(8, size-1-i, false)
	}
	set(8, size-8, true)
	if ver >= 7 {
		rem := ver
		for range 12 {
			rem = rem<<1 ^ (rem>>11)*0x1F25
		}
		bits := ver<<12 | rem
		for i := range 18 {
			dark := bits>>i&1 == 1
			a, b := size-11+i%3, i/3
			set(a, b, dark)
			set(b, a, dark)
		}
	}
}

// drawFormat draws the two copies of the format information for a level
// and mask.
func drawFormat(mod []byte, size int, ec ecLevel, mask int) {
	formatModules(size, ec, mask, func(x, y int, v byte) { mod[y*size+x] = v })
}

// formatModules calls put with each module of the format information and
// its value.
func formatModules(size int, ec ecLevel, mask int, put func(x, y int, v byte)) {
	data := formatBits[ec]<<3 | mask
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	set := func(x, y, i int) { put(x, y, byte(bits>>i&1)) }
	for i := range 6 {
		set(8, i, i)
	}
	set(8, 7, 6)
	set(8, 8, 7)
	set(7, 8, 8)
	for i := 9; i < 15; i++ {
		set(14-i, 8, i)
	}
	for i := range 8 {
		set(size-1-i, 8, i)
	}
	for i := 8; i < 15; i++ {
		set(8, size-15+i, i)
	}
}

// drawCodewords places the codewords' bits in the zigzag of column pairs,
// right to left, skipping the function modules.
func drawCodewords(m *qrMatrix, fn []bool, data []byte) {
	size := m.size
	i := 0
	for right := size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := range size {
			y := vert
			if upward {
				y = size - 1 - vert
			}
			for j := range 2 {
				x := right - j
				if fn[y*size+x] || i >= len(data)*8 {
					continue
				}
				m.mod[y*size+x] = data[i>>3] >> (7 - i&7) & 1
				i++
			}
		}
	}
}

// applyMask flips the data modules (those set in data) that a mask pattern
// selects. It tests
// no module with a branch: the modules are random, and a mispredicted
// branch per module would cost more than the arithmetic.
func applyMask(mod, data []byte, size, mask int) {
	for y := range size {
		row, dat := mod[y*size:(y+1)*size], data[y*size:(y+1)*size]
		for x := range row {
			var flip bool
			switch mask {
			case 0:
				flip = (x+y)%2 == 0
			case 1:
				flip = y%2 == 0
			case 2:
				flip = x%3 == 0
			case 3:
				flip = (x+y)%3 == 0
			case 4:
				flip = (x/3+y/2)%2 == 0
			case 5:
				flip = x*y%2+x*y%3 == 0
			case 6:
				flip = (x*y%2+x*y%3)%2 == 0
			default:
				flip = ((x+y)%2+x*y%3)%2 == 0
			}
			row[x] ^= b2u(flip) & dat[x]
		}
	}
}

// b2u is 1 for true and 0 for false.
func b2u(b bool) byte {
	var v byte
	if b {
		v = 1
	}
	return v
}

// penalty scores a masked code by ZXing's reading of the standard's four
// rules: runs of one colour, 2×2 blocks, finder-like patterns, and the
// balance of dark and light. cols is scratch space of the matrix's size.
func penalty(mod, cols []byte, size int) int {
	// The columns, transposed into rows, so that both directions scan the
	// same way.
	for y := range size {
		for x, c := range mod[y*size : (y+1)*size] {
			cols[x*size+y] = c
		}
	}
	p := 0
	finders := 0
	for _, m := range [2][]byte{mod, cols} {
		for i := range size {
			row := m[i*size : (i+1)*size]
			p += runPenalty(row)
			finders += finderLike(row)
		}
	}
	p += finders * 40
	// Rule 2: 2×2 blocks of one colour.
	for y := range size - 1 {
		a, b := mod[y*size:(y+1)*size], mod[(y+1)*size:(y+2)*size]
		for x := range size - 1 {
			c := a[x]
			if c == a[x+1] && c == b[x] && c == b[x+1] {
				p += 3
			}
		}
	}
	// Rule 4: distance of the dark share from one half, in steps of 5%.
	dark := 0
	for _, c := range mod {
		dark += int(c)
	}
	total := size * size
	p += abs(dark*2-total) * 10 / total * 10
	return p
}

// runPenalty is rule 1 for one line: 3 for a run of five modules of one
// colour, one more for each further module.
func runPenalty(row []byte) int {
	p, run := 0, 0
	var prev byte = 2
	for _, c := range row {
		if c == prev {
			run++
			continue
		}
		if run >= 5 {
			p += 3 + run - 5
		}
		run, prev = 1, c
	}
	if run >= 5 {
		p += 3 + run - 5
	}
	return p
}

// finderLike counts rule 3's patterns in one line: dark-light-dark×3-
// light-dark with four light modules on either side (ZXing counts the edge
// of the code as light).
func finderLike(row []byte) int {
	n := 0
	light := func(from, to int) bool {
		for _, c := range row[max(from, 0):min(to, len(row))] {
			if c == 1 {
				return false
			}
		}
		return true
	}
	for x := 0; x+6 < len(row); x++ {
		if row[x] == 1 && row[x+1] == 0 && row[x+2] == 1 && row[x+3] == 1 && row[x+4] == 1 && row[x+5] == 0 && row[x+6] == 1 &&
			(light(x-4, x) || light(x+7, x+11)) {
			n++
		}
	}
	return n
}

// penaltyPacked is penalty for codes of at most 64 modules a side (up to
// version 11, which holds any URL a poster prints), computed on rows and
// columns packed into machine words (packedOf): the masked modules are
// random, and testing them one by one costs a mispredicted branch each.
func penaltyPacked(rows, cols []uint64, size int) int {
	full := uint64(1)<<size - 1
	if size == 64 {
		full = ^uint64(0)
	}
	p, finders, dark := 0, 0, 0
	for _, lines := range [2][]uint64{rows, cols} {
		for _, r := range lines {
			p += runPenaltyBits(r, full)
			finders += finderLikeBits(r, size)
			dark += bits.OnesCount64(r)
		}
	}
	dark /= 2 // every module was counted in its row and its column
	p += finders * 40
	// Rule 2: a module equal to its right, lower and lower-right
	// neighbours.
	inner := full >> 1
	for y := range size - 1 {
		a, b := rows[y], rows[y+1]
		same := ^(a ^ b) & ^(a ^ a>>1) & ^(b ^ b>>1) & inner
		p += 3 * bits.OnesCount64(same)
	}
	total := size * size
	p += abs(dark*2-total) * 10 / total * 10
	return p
}

// runPenaltyBits is rule 1 for a line packed into a word (module x is bit
// x): a run of L ≥ 5 equal modules costs L-2.
func runPenaltyBits(r, full uint64) int {
	// Bit x of same is set when modules x and x+1 are equal; a run of L
	// modules is L-1 set bits, and four of them in a row mark each module
	// of a run of five or more but the last four.
	same := ^(r ^ r>>1) & (full >> 1)
	four := same & (same >> 1) & (same >> 2) & (same >> 3)
	// Each run contributes L-4 bits to four, plus 2 at its start.
	starts := four &^ (four << 1)
	return bits.OnesCount64(four) + 2*bits.OnesCount64(starts)
}

// finderLikeBits is rule 3 for a line packed into a word.
func finderLikeBits(r uint64, size int) int {
	if size < 7 {
		return 0
	}
	pat := r & (^r >> 1) & (r >> 2) & (r >> 3) & (r >> 4) & (^r >> 5) & (r >> 6) & (uint64(1)<<(size-6) - 1)
	before := r<<1 | r<<2 | r<<3 | r<<4
	after := r>>7 | r>>8 | r>>9 | r>>10
	return bits.OnesCount64(pat & (^before | ^after))
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
