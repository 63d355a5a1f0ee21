package main

import (
	"image/color"
	"math/rand/v2"
)

// The corridor is seen from the bottom of the stairs: two side walls, a floor
// and a ceiling run towards a back wall with the next flight of stairs. The
// geometry is fixed; colours, clutter and decoration vary per building group.
const (
	backX0, backX1 = 560.0, 1040.0
	backY0, backY1 = 250.0, 640.0
	vpX, vpY       = 800.0, 445.0 // where receding edges meet
)

// corridorStyle is what makes one group's stairwell look like its own.
type corridorStyle struct {
	seed  uint64
	wall  color.RGBA // upper wall
	dado  color.RGBA // painted lower band, typical of old stairwells
	door  color.RGBA
	floor color.RGBA
	// boardRight puts the notice board on the right wall instead of the left.
	boardRight bool
}

// wallPt returns a point on the left (side -1) or right (side 1) wall at
// depth t (0 at the viewer, 1 at the back wall) and height f (0 floor, 1
// ceiling).
func wallPt(side, t, f float64) pt {
	x := backX0 * t
	if side > 0 {
		x = designW - backX0*t
	}
	top := backY0 * t
	bot := designH - (designH-backY1)*t
	return pt{x, bot - f*(bot-top)}
}

// wallQuad is the part of a side wall between depths t0 < t1 and heights
// f0 < f1, ordered near-top, far-top, far-bottom, near-bottom.
func wallQuad(side, t0, t1, f0, f1 float64) quad {
	return quad{wallPt(side, t0, f1), wallPt(side, t1, f1), wallPt(side, t1, f0), wallPt(side, t0, f0)}
}

// floorPt returns a point on the floor at depth t and across-position s (0
// left wall, 1 right wall).
func floorPt(t, s float64) pt {
	l, r := wallPt(-1, t, 0), wallPt(1, t, 0)
	return pt{l.x + (r.x-l.x)*s, l.y}
}

// depthScale is how large an object at depth t looks compared with one at
// the viewer.
func depthScale(t float64) float64 { return 1 - (1-(backY1-backY0)/designH)*t }

// box3d draws a box whose front face spans the given rectangle, extruded
// towards the vanishing point by fraction k, so its top and inner side show.
func box3d(c *canvas, x0, y0, x1, y1, k float64, col color.RGBA) {
	back := func(p pt) pt { return pt{p.x + (vpX-p.x)*k, p.y + (vpY-p.y)*k} }
	tl, tr, br, bl := pt{x0, y0}, pt{x1, y0}, pt{x1, y1}, pt{x0, y1}
	if (x0+x1)/2 < vpX {
		c.poly([]pt{tr, back(tr), back(br), br}, shade(col, -0.22))
	} else {
		c.poly([]pt{tl, back(tl), back(bl), bl}, shade(col, -0.22))
	}
	if y0 > vpY {
		c.poly([]pt{tl, tr, back(tr), back(tl)}, shade(col, 0.18))
	}
	c.rect(x0, y0, x1, y1, col)
}

// cardboard draws a taped cardboard box standing on the floor at (x, y).
func cardboard(c *canvas, x, y, w, h float64, col color.RGBA) {
	box3d(c, x, y-h, x+w, y, 0.08, col)
	c.rect(x+w*0.44, y-h, x+w*0.56, y-h*0.55, shade(col, 0.3))
	c.rect(x, y-h, x+w, y-h+h*0.05, shade(col, -0.1))
}

// bicycle draws a side view bicycle with wheels resting on y.
func bicycle(c *canvas, x, y, s float64, frame color.RGBA) {
	r := 70 * s
	tyre := rgb(46, 46, 50)
	rear, front := pt{x - 110*s, y - r}, pt{x + 110*s, y - r}
	c.ring(rear.x, rear.y, r, r, 9*s, tyre)
	c.ring(front.x, front.y, r, r, 9*s, tyre)
	bb := pt{x - 10*s, y - r}
	seat := pt{x - 45*s, y - r - 105*s}
	head := pt{x + 70*s, y - r - 95*s}
	w := 9 * s
	c.line(rear.x, rear.y, bb.x, bb.y, w, frame)
	c.line(rear.x, rear.y, seat.x, seat.y, w, frame)
	c.line(seat.x, seat.y, bb.x, bb.y, w, frame)
	c.line(seat.x, seat.y, head.x, head.y, w, frame)
	c.line(bb.x, bb.y, head.x, head.y, w, frame)
	c.line(head.x, head.y, front.x, front.y, w, frame)
	c.line(head.x, head.y, head.x-8*s, head.y-35*s, w, frame)
	c.line(head.x-8*s, head.y-35*s, head.x+30*s, head.y-40*s, w, tyre)
	c.ellipse(seat.x, seat.y-8*s, 28*s, 9*s, tyre)
	c.circle(bb.x, bb.y, 14*s, rgb(120, 120, 125))
	// A basket on the front, as on most Shanghai bikes.
	c.rect(head.x+5*s, head.y-30*s, head.x+60*s, head.y+5*s, rgb(90, 90, 96))
}

// ebike draws a scooter-style electric bike with a charging cable running
// from its rear to socket: the "flying wire" charging the convention bans.
func ebike(c *canvas, x, y, s float64, body color.RGBA, socket pt) {
	r := 48 * s
	tyre := rgb(40, 40, 44)
	c.ring(x-105*s, y-r, r, r, 16*s, tyre)
	c.ring(x+105*s, y-r, r, r, 16*s, tyre)
	c.poly([]pt{{x - 150*s, y - r - 20*s}, {x - 40*s, y - r - 10*s}, {x + 60*s, y - r - 10*s}, {x + 80*s, y - r - 60*s}, {x + 40*s, y - r - 70*s}, {x - 60*s, y - r - 55*s}, {x - 150*s, y - r - 70*s}}, body)
	c.line(x+80*s, y-r-60*s, x+105*s, y-r, 12*s, rgb(90, 90, 96))
	c.line(x+80*s, y-r-60*s, x+60*s, y-r-170*s, 14*s, body)
	c.line(x+30*s, y-r-170*s, x+100*s, y-r-175*s, 10*s, tyre)
	c.roundRect(x-140*s, y-r-100*s, x-30*s, y-r-70*s, 12*s, rgb(50, 50, 56))
	plug := pt{x - 150*s, y - r - 40*s}
	mid := pt{(plug.x + socket.x) / 2, max(plug.y, socket.y) + 60*s}
	c.polyline([]pt{plug, mid, socket}, 5*s, rgb(30, 30, 30))
	c.rect(socket.x-14*s, socket.y-14*s, socket.x+14*s, socket.y+14*s, rgb(240, 240, 236))
}

// pottedPlant draws a plant in a pot standing on the floor at (x, y).
func pottedPlant(c *canvas, x, y, s float64, r *rand.Rand) {
	pot := []color.RGBA{rgb(196, 110, 80), rgb(236, 236, 230), rgb(90, 130, 170)}[r.IntN(3)]
	greens := []color.RGBA{rgb(76, 150, 80), rgb(96, 170, 90), rgb(60, 130, 76)}
	if r.IntN(2) == 0 {
		// A tall leafy plant.
		c.ellipse(x-22*s, y-120*s, 24*s, 58*s, greens[0])
		c.ellipse(x+22*s, y-125*s, 24*s, 60*s, greens[2])
		c.ellipse(x, y-150*s, 26*s, 72*s, greens[1])
	} else {
		c.circle(x, y-100*s, 55*s, greens[0])
		c.circle(x-30*s, y-80*s, 38*s, greens[1])
		c.circle(x+30*s, y-85*s, 40*s, greens[2])
		c.circle(x-18*s, y-110*s, 8*s, rgb(250, 200, 80))
		c.circle(x+20*s, y-96*s, 8*s, rgb(250, 200, 80))
	}
	c.poly([]pt{{x - 45*s, y - 70*s}, {x + 45*s, y - 70*s}, {x + 33*s, y}, {x - 33*s, y}}, pot)
	c.rect(x-48*s, y-78*s, x+48*s, y-64*s, shade(pot, -0.15))
}

// noticeBoard draws a cork board with pinned notices and photos on q.
func noticeBoard(c *canvas, q quad, r *rand.Rand) {
	c.quad(q, rgb(150, 100, 60))
	cork := q.sub(0.04, 0.06, 0.96, 0.94)
	c.quad(cork, rgb(222, 186, 130))
	c.quad(cork.sub(0, 0, 1, 0.16), rgb(206, 40, 40))
	c.quad(cork.sub(0.3, 0.04, 0.7, 0.12), rgb(255, 224, 130))
	papers := []struct{ u0, v0, u1, v1 float64 }{
		{0.05, 0.24, 0.32, 0.62}, {0.38, 0.22, 0.62, 0.52}, {0.68, 0.25, 0.95, 0.58},
		{0.06, 0.68, 0.3, 0.94}, {0.36, 0.6, 0.64, 0.93}, {0.7, 0.65, 0.94, 0.92},
	}
	for i, p := range papers {
		sheet := cork.sub(p.u0, p.v0, p.u1, p.v1)
		if i%3 == 1 {
			// A photo: sky and a green lawn.
			c.quad(sheet, rgb(250, 250, 250))
			c.quad(sheet.sub(0.08, 0.08, 0.92, 0.6), rgb(150, 200, 230))
			c.quad(sheet.sub(0.08, 0.6, 0.92, 0.92), rgb(120, 180, 110))
		} else {
			c.quad(sheet, rgb(252, 252, 248))
			for k := range 4 {
				v := 0.2 + float64(k)*0.18
				c.quad(sheet.sub(0.12, v, 0.55+0.3*r.Float64(), v+0.06), rgb(170, 170, 176))
			}
		}
		pin := sheet.at(0.5, 0.04)
		c.circle(pin.x, pin.y, 6, []color.RGBA{rgb(220, 50, 50), rgb(50, 110, 210), rgb(40, 160, 80)}[i%3])
	}
}

// flyer draws one of the little adverts pasted on old stairwell walls.
func flyer(c *canvas, q quad) {
	c.quad(q, rgb(244, 240, 220))
	c.quad(q.sub(0.1, 0.15, 0.9, 0.3), rgb(60, 60, 70))
	c.quad(q.sub(0.1, 0.5, 0.8, 0.62), rgb(150, 150, 150))
}

// corridor draws the stairwell of one building group, cluttered (before) or
// tidied and decorated (after).
func corridor(c *canvas, st corridorStyle, after bool) {
	r := rand.New(rand.NewPCG(st.seed, 1))
	ceiling := shade(st.wall, -0.08)
	c.fill(ceiling)
	// Walls with their painted lower band.
	for _, side := range []float64{-1, 1} {
		c.quad(wallQuad(side, 0, 1, 0, 1), st.wall)
		c.quad(wallQuad(side, 0, 1, 0, 0.38), st.dado)
		c.quad(wallQuad(side, 0, 1, 0.375, 0.39), shade(st.dado, -0.08))
	}
	// Back wall with the landing window and the next flight of stairs.
	backWall := shade(st.wall, -0.05)
	c.rect(backX0, backY0, backX1, backY1, backWall)
	c.rect(backX0, backY1-(backY1-backY0)*0.38, backX1, backY1, shade(st.dado, -0.06))
	c.rect(860, 290, 1000, 400, rgb(250, 250, 246))
	c.rect(870, 300, 990, 390, rgb(168, 206, 228))
	c.rect(927, 300, 933, 390, rgb(250, 250, 246))
	step := shade(st.floor, -0.1)
	for i := range 7 {
		x0 := backX0 + float64(i)*38
		top := backY1 - float64(7-i)*30
		c.rect(x0, top, x0+38, backY1, step)
		c.rect(x0, top, x0+38, top+7, shade(step, 0.25))
	}
	c.line(backX0, backY1-230, backX0+280, backY1-20, 8, rgb(120, 80, 50))
	for i := range 7 {
		x := backX0 + 20 + float64(i)*38
		c.line(x, backY1-float64(7-i)*30, x, backY1-float64(7-i)*30-55, 4, rgb(120, 80, 50))
	}
	// Floor.
	c.poly([]pt{floorPt(0, 0), floorPt(0, 1), floorPt(1, 1), floorPt(1, 0)}, st.floor)
	// Doors: two flats on the left, one on the right.
	for _, d := range []struct{ side, t0, t1 float64 }{{-1, 0.1, 0.32}, {-1, 0.62, 0.78}, {1, 0.42, 0.6}} {
		frame := wallQuad(d.side, d.t0, d.t1, 0, 0.7)
		c.quad(frame, shade(st.door, -0.3))
		panel := frame.sub(0.07, 0.05, 0.93, 1)
		c.quad(panel, st.door)
		knob := panel.at(0.82, 0.55)
		c.circle(knob.x, knob.y, 9*depthScale(d.t0), rgb(220, 190, 90))
		fu := []pt{panel.at(0.5, 0.16), panel.at(0.72, 0.28), panel.at(0.5, 0.4), panel.at(0.28, 0.28)}
		c.poly(fu, rgb(214, 40, 40))
		plate := panel.sub(0.38, 0.05, 0.62, 0.1)
		c.quad(plate, rgb(240, 240, 236))
		if after {
			mat := []pt{floorPt(d.t0+0.02, 0.5+d.side*0.5), floorPt(d.t1-0.02, 0.5+d.side*0.5), floorPt(d.t1-0.02, 0.5+d.side*0.38), floorPt(d.t0+0.02, 0.5+d.side*0.38)}
			c.poly(mat, rgb(180, 70, 60))
		}
	}
	// Ceiling light.
	if after {
		c.ellipse(800, 60, 320, 120, color.RGBA{255, 244, 200, 70})
		c.ellipse(800, 50, 90, 30, rgb(255, 252, 236))
	} else {
		c.line(800, 0, 800, 70, 4, rgb(60, 60, 60))
		c.circle(800, 84, 18, rgb(220, 210, 160))
	}
	if after {
		corridorAfter(c, st, r)
	} else {
		corridorBefore(c, st, r)
	}
}

func corridorBefore(c *canvas, st corridorStyle, r *rand.Rand) {
	// Stains and flaking paint on the walls.
	for range 6 {
		side := []float64{-1, 1}[r.IntN(2)]
		t := 0.05 + 0.85*r.Float64()
		p := wallPt(side, t, 0.1+0.6*r.Float64())
		s := depthScale(t)
		c.ellipse(p.x, p.y, 40*s*(0.5+r.Float64()), 25*s*(0.5+r.Float64()), color.RGBA{90, 80, 60, 45})
	}
	for range 5 {
		side := []float64{-1, 1}[r.IntN(2)]
		t := 0.02 + 0.8*r.Float64()
		f := 0.42 + 0.4*r.Float64()
		flyer(c, wallQuad(side, t, t+0.05, f, f+0.07))
	}
	for range 4 {
		t := 0.1 + 0.8*r.Float64()
		p := floorPt(t, 0.2+0.6*r.Float64())
		s := depthScale(t)
		c.ellipse(p.x, p.y, 70*s, 18*s, color.RGBA{80, 70, 60, 50})
	}
	boxCols := []color.RGBA{rgb(196, 150, 96), rgb(180, 134, 84), rgb(206, 164, 110)}
	// Back first, so nearer things cover farther ones.
	// An old wardrobe against the right wall, far away.
	{
		t := 0.7
		s := depthScale(t)
		p := floorPt(t, 0.86)
		box3d(c, p.x-120*s, p.y-330*s, p.x+20*s, p.y, 0.05, rgb(140, 96, 60))
		c.rect(p.x-110*s, p.y-320*s, p.x-55*s, p.y-10*s, rgb(152, 106, 68))
		c.rect(p.x-45*s, p.y-320*s, p.x+10*s, p.y-10*s, rgb(152, 106, 68))
	}
	// Bags of rubbish by the stairs.
	for i := range 4 {
		p := floorPt(0.86, 0.3+float64(i)*0.12)
		c.ellipse(p.x, p.y-22, 30, 26, []color.RGBA{rgb(40, 44, 48), rgb(60, 120, 70), rgb(220, 220, 216)}[i%3])
		c.line(p.x-6, p.y-48, p.x+6, p.y-54, 4, rgb(40, 40, 40))
	}
	// An e-bike charged from a wall socket in the middle distance.
	{
		t := 0.5
		s := depthScale(t)
		p := floorPt(t, 0.2)
		ebike(c, p.x+60*s, p.y, s, []color.RGBA{rgb(230, 230, 236), rgb(200, 60, 60), rgb(80, 140, 200)}[r.IntN(3)], wallPt(-1, 0.47, 0.55))
	}
	// An old chair and a stack of boxes on the left.
	{
		t := 0.3
		s := depthScale(t)
		p := floorPt(t, 0.12)
		ch := rgb(130, 86, 56)
		c.rect(p.x, p.y-150*s, p.x+18*s, p.y, ch)
		c.rect(p.x+90*s, p.y-90*s, p.x+108*s, p.y, ch)
		c.rect(p.x, p.y-110*s, p.x+108*s, p.y-90*s, shade(ch, 0.15))
		c.rect(p.x, p.y-260*s, p.x+18*s, p.y-110*s, ch)
		c.rect(p.x+18*s, p.y-240*s, p.x+90*s, p.y-220*s, ch)
	}
	{
		t := 0.14
		s := depthScale(t)
		p := floorPt(t, 0.04)
		cardboard(c, p.x, p.y, 200*s, 150*s, boxCols[0])
		cardboard(c, p.x+20*s, p.y-150*s, 170*s, 120*s, boxCols[1])
		cardboard(c, p.x+40*s, p.y-270*s, 120*s, 90*s, boxCols[2])
	}
	// A bicycle leaning on the right near the viewer.
	{
		t := 0.16
		s := depthScale(t)
		p := floorPt(t, 0.76)
		bicycle(c, p.x, p.y, s*1.1, []color.RGBA{rgb(60, 110, 190), rgb(200, 60, 60), rgb(40, 140, 120)}[r.IntN(3)])
	}
	// A rolled-up old mattress leaning on the near left.
	c.poly(rotRect(70, 700, 110, 430, -0.18), rgb(200, 196, 170))
	c.poly(rotRect(70, 700, 30, 430, -0.18), rgb(170, 120, 120))
	// Boxes in the near right corner.
	cardboard(c, 1330, 985, 240, 170, boxCols[1])
	cardboard(c, 1360, 815, 170, 130, boxCols[2])
	// Dim, dusty light over everything.
	c.fill(color.RGBA{40, 34, 20, 46})
}

func corridorAfter(c *canvas, st corridorStyle, r *rand.Rand) {
	boardSide, posterSide := -1.0, 1.0
	if st.boardRight {
		boardSide, posterSide = 1, -1
	}
	// The notice board: the group's convention, accounts and photos.
	noticeBoard(c, wallQuad(boardSide, 0.36, 0.58, 0.42, 0.8), r)
	// A framed poster and a small picture on the other wall.
	frame := wallQuad(posterSide, 0.12, 0.3, 0.45, 0.82)
	c.quad(frame, rgb(170, 120, 70))
	inner := frame.sub(0.06, 0.05, 0.94, 0.95)
	c.quad(inner, rgb(252, 250, 244))
	c.quad(inner.sub(0, 0, 1, 0.18), rgb(206, 40, 40))
	for k := range 6 {
		v := 0.26 + float64(k)*0.11
		c.quad(inner.sub(0.1, v, 0.85, v+0.04), rgb(160, 160, 166))
	}
	pic := wallQuad(posterSide, 0.66, 0.76, 0.5, 0.66)
	c.quad(pic, rgb(170, 120, 70))
	c.quad(pic.sub(0.08, 0.08, 0.92, 0.6), rgb(150, 200, 230))
	c.quad(pic.sub(0.08, 0.6, 0.92, 0.92), rgb(240, 180, 90))
	// Plants along both walls, far ones first.
	for _, p := range []struct{ t, s float64 }{{0.8, 0.1}, {0.55, 0.92}, {0.34, 0.06}, {0.12, 0.95}} {
		fp := floorPt(p.t, p.s)
		pottedPlant(c, fp.x, fp.y, depthScale(p.t)*1.2, r)
	}
	// A bright, freshly painted feel.
	c.fill(color.RGBA{255, 250, 230, 18})
}
