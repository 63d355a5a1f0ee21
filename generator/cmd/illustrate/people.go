package main

import (
	"image/color"
	"math/rand/v2"
)

// Palettes shared by the scenes. Few, flat colours keep the JPEGs small and
// the pictures friendly. They are functions rather than package variables so
// that no scene can change another's colours.
func skinTones() []color.RGBA {
	return []color.RGBA{rgb(246, 214, 186), rgb(238, 200, 168), rgb(228, 188, 152), rgb(250, 222, 196)}
}

func hairDark() []color.RGBA { return []color.RGBA{rgb(40, 34, 32), rgb(58, 46, 40), rgb(30, 28, 30)} }

func hairGrey() []color.RGBA {
	return []color.RGBA{rgb(196, 196, 200), rgb(170, 170, 176), rgb(224, 224, 226)}
}

func tops() []color.RGBA {
	return []color.RGBA{
		rgb(230, 96, 84), rgb(86, 138, 204), rgb(246, 190, 70), rgb(120, 180, 120),
		rgb(160, 110, 180), rgb(240, 150, 120), rgb(90, 160, 170), rgb(250, 246, 236),
		rgb(200, 70, 90), rgb(110, 120, 140),
	}
}

func bottoms() []color.RGBA {
	return []color.RGBA{rgb(60, 70, 96), rgb(90, 80, 70), rgb(50, 56, 64), rgb(120, 110, 100), rgb(70, 90, 130)}
}

// pick returns a random element of p.
func pick(r *rand.Rand, p []color.RGBA) color.RGBA { return p[r.IntN(len(p))] }

func shoeCol() color.RGBA { return rgb(52, 44, 40) }
func eyeCol() color.RGBA  { return rgb(40, 32, 30) }
func blush() color.RGBA   { return color.RGBA{240, 120, 120, 90} }
func vestRed() color.RGBA { return rgb(214, 52, 46) }

// Hair styles of a figure.
const (
	hairShort = iota
	hairLong
	hairBun
	hairElder // short and grey
	hairCap
)

// Poses of a standing figure's arms.
const (
	armsDown = iota
	armsWave
	armsBroom // sweeping with a broom held low on the right
	armsHold  // both hands forward, carrying something at waist height
)

// figure is one simple person: head, hair, torso, legs and arms.
type figure struct {
	skin, hair, top, bottom color.RGBA
	hairStyle               int
	vest                    bool // the red volunteer vest
	kid                     bool
}

func randomFigure(r *rand.Rand) figure {
	f := figure{
		skin:   pick(r, skinTones()),
		top:    pick(r, tops()),
		bottom: pick(r, bottoms()),
		// Caps are rarer than hair: a crowd of caps looks like a team.
		hairStyle: []int{hairShort, hairShort, hairShort, hairLong, hairLong, hairBun, hairBun, hairElder, hairElder, hairCap}[r.IntN(10)],
	}
	f.hair = pick(r, hairDark())
	if f.hairStyle == hairElder {
		f.hair = pick(r, hairGrey())
	}
	return f
}

// head draws a round smiling face with hair, centred on (cx, cy).
func (f figure) head(c *canvas, cx, cy, hr float64) {
	switch f.hairStyle {
	case hairLong:
		c.roundRect(cx-hr*1.08, cy-hr*0.4, cx+hr*1.08, cy+hr*1.5, hr*0.5, f.hair)
	case hairBun:
		c.circle(cx, cy-hr*1.05, hr*0.45, f.hair)
	}
	c.circle(cx, cy-hr*0.12, hr*1.04, f.hair)
	c.ellipse(cx, cy+hr*0.12, hr*0.9, hr*0.86, f.skin)
	if f.hairStyle == hairCap {
		cap := rgb(200, 60, 50)
		c.ellipse(cx, cy-hr*0.5, hr*1.02, hr*0.62, cap)
		c.rect(cx-hr*1.02, cy-hr*0.5, cx+hr*1.02, cy-hr*0.28, cap)
		c.ellipse(cx+hr*0.5, cy-hr*0.3, hr*0.75, hr*0.16, shade(cap, -0.2))
	} else {
		// A fringe keeps the hair from looking like a helmet.
		c.ellipse(cx-hr*0.35, cy-hr*0.55, hr*0.6, hr*0.3, f.hair)
	}
	c.circle(cx-hr*0.34, cy+hr*0.12, hr*0.1, eyeCol())
	c.circle(cx+hr*0.34, cy+hr*0.12, hr*0.1, eyeCol())
	c.ellipse(cx-hr*0.55, cy+hr*0.42, hr*0.18, hr*0.1, blush())
	c.ellipse(cx+hr*0.55, cy+hr*0.42, hr*0.18, hr*0.1, blush())
	// Smile: a dark ellipse cut by a skin-coloured one above it.
	c.ellipse(cx, cy+hr*0.44, hr*0.28, hr*0.16, rgb(170, 70, 60))
	c.ellipse(cx, cy+hr*0.36, hr*0.32, hr*0.14, f.skin)
}

// stand draws a standing figure whose feet touch (x, feet) and whose head
// reaches feet-h.
func (f figure) stand(c *canvas, x, feet, h float64, pose int) {
	hr := h * 0.09
	if f.kid {
		hr = h * 0.12
	}
	headCY := feet - h + hr
	sy := headCY + hr*0.95 // shoulders
	hip := feet - h*0.44
	tw := h * 0.14
	if f.kid {
		tw = h * 0.15
	}
	sleeve := f.top
	// Legs and shoes.
	c.rect(x-tw*0.8, hip-h*0.02, x-tw*0.08, feet-h*0.025, f.bottom)
	c.rect(x+tw*0.08, hip-h*0.02, x+tw*0.8, feet-h*0.025, f.bottom)
	c.ellipse(x-tw*0.5, feet-h*0.02, tw*0.5, h*0.028, shoeCol())
	c.ellipse(x+tw*0.5, feet-h*0.02, tw*0.5, h*0.028, shoeCol())
	// Torso.
	c.roundRect(x-tw, sy, x+tw, hip+h*0.02, tw*0.4, f.top)
	if f.vest {
		c.poly([]pt{{x - tw, sy + tw*0.3}, {x - tw*0.35, sy}, {x - tw*0.2, hip + h*0.02}, {x - tw, hip + h*0.02}}, vestRed())
		c.poly([]pt{{x + tw, sy + tw*0.3}, {x + tw*0.35, sy}, {x + tw*0.2, hip + h*0.02}, {x + tw, hip + h*0.02}}, vestRed())
		c.rect(x-tw*0.9, sy+h*0.13, x-tw*0.3, sy+h*0.145, rgb(250, 220, 120))
	}
	aw := h * 0.065
	lsx, rsx, shY := x-tw*0.9, x+tw*0.9, sy+aw*0.6
	hand := func(hx, hy float64) { c.circle(hx, hy, aw*0.62, f.skin) }
	switch pose {
	case armsWave:
		c.line(lsx, shY, x-tw*1.25, hip, aw, sleeve)
		hand(x-tw*1.25, hip)
		c.polyline([]pt{{rsx, shY}, {x + tw*1.7, sy - h*0.02}, {x + tw*1.9, sy - h*0.2}}, aw, sleeve)
		hand(x+tw*1.9, sy-h*0.2)
	case armsBroom:
		hx, hy := x+tw*1.5, hip-h*0.05
		c.line(lsx, shY, hx-tw*0.2, hy-h*0.12, aw, sleeve)
		c.line(rsx, shY, hx, hy, aw, sleeve)
		broom(c, hx-tw*0.2, hy-h*0.16, hx+tw*1.6, feet-h*0.02, h)
		hand(hx-tw*0.2, hy-h*0.12)
		hand(hx, hy)
	case armsHold:
		c.line(lsx, shY, x-tw*0.5, hip-h*0.06, aw, sleeve)
		c.line(rsx, shY, x+tw*0.5, hip-h*0.06, aw, sleeve)
		hand(x-tw*0.5, hip-h*0.06)
		hand(x+tw*0.5, hip-h*0.06)
	default:
		c.line(lsx, shY, x-tw*1.15, hip+h*0.02, aw, sleeve)
		c.line(rsx, shY, x+tw*1.15, hip+h*0.02, aw, sleeve)
		hand(x-tw*1.15, hip+h*0.02)
		hand(x+tw*1.15, hip+h*0.02)
	}
	c.rect(x-hr*0.3, headCY+hr*0.6, x+hr*0.3, sy+hr*0.2, f.skin)
	f.head(c, x, headCY, hr)
}

// sit draws a figure seated on a stool, seen from the front: the front row of
// a group photo. h is the height the figure would have standing.
func (f figure) sit(c *canvas, x, feet, h float64) {
	hr := h * 0.09
	tw := h * 0.14
	seat := feet - h*0.26
	sy := seat - h*0.36
	headCY := sy - hr*0.95
	c.rect(x-tw*1.5, seat-h*0.01, x+tw*1.5, seat+h*0.04, rgb(150, 110, 80)) // stool
	c.rect(x-tw*1.2, seat+h*0.04, x-tw*1.05, feet, rgb(120, 86, 60))
	c.rect(x+tw*1.05, seat+h*0.04, x+tw*1.2, feet, rgb(120, 86, 60))
	c.rect(x-tw*0.95, seat-h*0.04, x-tw*0.12, feet-h*0.025, f.bottom)
	c.rect(x+tw*0.12, seat-h*0.04, x+tw*0.95, feet-h*0.025, f.bottom)
	c.ellipse(x-tw*0.55, feet-h*0.02, tw*0.5, h*0.028, shoeCol())
	c.ellipse(x+tw*0.55, feet-h*0.02, tw*0.5, h*0.028, shoeCol())
	c.roundRect(x-tw, sy, x+tw, seat+h*0.01, tw*0.4, f.top)
	aw := h * 0.065
	c.line(x-tw*0.9, sy+aw*0.6, x-tw*0.45, seat-h*0.02, aw, f.top)
	c.line(x+tw*0.9, sy+aw*0.6, x+tw*0.45, seat-h*0.02, aw, f.top)
	c.circle(x-tw*0.4, seat-h*0.02, aw*0.62, f.skin)
	c.circle(x+tw*0.4, seat-h*0.02, aw*0.62, f.skin)
	c.rect(x-hr*0.3, headCY+hr*0.6, x+hr*0.3, sy+hr*0.2, f.skin)
	f.head(c, x, headCY, hr)
}

// broom draws a broom whose handle runs from (x0, y0) to the bristles at
// (x1, y1).
func broom(c *canvas, x0, y0, x1, y1, h float64) {
	c.line(x0, y0, x1, y1-h*0.06, h*0.018, rgb(176, 130, 80))
	c.poly([]pt{{x1 - h*0.04, y1 - h*0.07}, {x1 + h*0.04, y1 - h*0.07}, {x1 + h*0.1, y1}, {x1 - h*0.08, y1}}, rgb(214, 176, 90))
}

// banner draws a red cloth banner with a gold border and a knot at each
// end. It carries no lettering: without a font, strokes drawn to suggest
// characters read as gibberish (and the caption says what the banner is
// for).
func banner(c *canvas, x0, y0, x1, y1 float64) {
	red := rgb(206, 36, 36)
	gold := rgb(255, 214, 110)
	c.rect(x0, y0, x1, y1, red)
	bh := y1 - y0
	c.rect(x0, y0, x1, y0+bh*0.06, shade(red, -0.25))
	c.rect(x0, y1-bh*0.06, x1, y1, shade(red, -0.25))
	in := bh * 0.18
	w := bh * 0.05
	c.line(x0+in, y0+in, x1-in, y0+in, w, gold)
	c.line(x0+in, y1-in, x1-in, y1-in, w, gold)
	c.line(x0+in, y0+in, x0+in, y1-in, w, gold)
	c.line(x1-in, y0+in, x1-in, y1-in, w, gold)
	for _, x := range []float64{x0, x1} {
		cy := (y0 + y1) / 2
		c.circle(x, cy, bh*0.2, gold)
		c.poly([]pt{{x - bh*0.08, cy + bh*0.15}, {x + bh*0.08, cy + bh*0.15}, {x + bh*0.14, cy + bh*0.75}, {x - bh*0.14, cy + bh*0.75}}, gold)
	}
}

// building draws a six-storey Shanghai residential block front between x0
// and x1, standing on ground. Windows are kept close to the wall in
// brightness: every hard edge costs JPEG bytes, and the block is only a
// backdrop.
func building(c *canvas, x0, top, x1, ground float64, floors int, wall color.RGBA, r *rand.Rand) {
	c.rect(x0, top, x1, ground, wall)
	c.rect(x0-10, top-18, x1+10, top+6, shade(wall, -0.2))
	fh := (ground - top) / float64(floors)
	cols := int((x1 - x0) / 280)
	cw := (x1 - x0) / float64(cols)
	glass := rgb(186, 210, 226)
	for fl := range floors {
		fy := top + float64(fl)*fh
		for col := range cols {
			wx := x0 + float64(col)*cw + cw*0.22
			ww := cw * 0.56
			c.rect(wx, fy+fh*0.24, wx+ww, fy+fh*0.72, glass)
			c.rect(wx-6, fy+fh*0.72, wx+ww+6, fy+fh*0.76, shade(wall, 0.5))
			if r.IntN(6) == 0 {
				// Flowers on the sill.
				c.rect(wx+ww*0.15, fy+fh*0.64, wx+ww*0.85, fy+fh*0.72, rgb(150, 196, 130))
			}
		}
	}
}

// entrance draws the stairwell door of a block with its little canopy.
func entrance(c *canvas, cx, ground, w, h float64) {
	c.rect(cx-w/2-16, ground-h-16, cx+w/2+16, ground, rgb(226, 220, 206))
	c.rect(cx-w/2, ground-h, cx+w/2, ground, rgb(92, 120, 150))
	c.rect(cx-3, ground-h, cx+3, ground, rgb(70, 92, 118))
	c.rect(cx-w/2+12, ground-h+14, cx-10, ground-h*0.55, rgb(160, 196, 220))
	c.rect(cx+10, ground-h+14, cx+w/2-12, ground-h*0.55, rgb(160, 196, 220))
	c.poly([]pt{{cx - w/2 - 50, ground - h - 16}, {cx + w/2 + 50, ground - h - 16}, {cx + w/2 + 30, ground - h - 50}, {cx - w/2 - 30, ground - h - 50}}, rgb(150, 70, 60))
	c.rect(cx-34, ground-h-96, cx+34, ground-h-60, rgb(200, 40, 40)) // house-number plate
	c.rect(cx-24, ground-h-86, cx+24, ground-h-70, rgb(240, 220, 150))
}

// tree draws a round deciduous tree.
func tree(c *canvas, x, ground, h float64, green color.RGBA) {
	c.rect(x-h*0.04, ground-h*0.5, x+h*0.04, ground, rgb(130, 96, 70))
	c.circle(x, ground-h*0.7, h*0.26, green)
	c.circle(x-h*0.18, ground-h*0.58, h*0.2, shade(green, -0.08))
	c.circle(x+h*0.18, ground-h*0.6, h*0.21, shade(green, 0.08))
	c.circle(x, ground-h*0.86, h*0.18, shade(green, 0.12))
}

func cloud(c *canvas, x, y, w float64) {
	white := rgb(252, 252, 252)
	c.ellipse(x, y, w*0.5, w*0.16, white)
	c.circle(x-w*0.15, y-w*0.1, w*0.16, white)
	c.circle(x+w*0.1, y-w*0.14, w*0.2, white)
}

// crowdRow draws n figures evenly across [x0, x1] standing (or seated) on
// feet; figures are jittered so a row does not look stamped.
func crowdRow(c *canvas, r *rand.Rand, n int, x0, x1, feet, h float64, seated bool, kids int) {
	step := (x1 - x0) / float64(n)
	kidAt := map[int]bool{}
	for len(kidAt) < kids && kids <= n {
		kidAt[r.IntN(n)] = true
	}
	for i := range n {
		f := randomFigure(r)
		x := x0 + step*(float64(i)+0.5) + (r.Float64()-0.5)*step*0.15
		hh := h * (0.94 + 0.1*r.Float64())
		switch {
		case kidAt[i]:
			f.kid = true
			if f.hairStyle == hairElder {
				f.hairStyle = hairShort
				f.hair = hairDark()[0]
			}
			f.stand(c, x, feet, h*0.6, armsWave)
		case seated:
			f.sit(c, x, feet, hh)
		default:
			f.stand(c, x, feet, hh, armsDown)
		}
	}
}
