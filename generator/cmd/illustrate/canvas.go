package main

import (
	"image"
	"image/color"
	"math"
	"slices"
)

// Every scene is drawn in one logical coordinate space of designW × designH
// units, whatever size the output has, so a scene is written once and can be
// rendered at any width with the same 16:10 aspect.
const (
	designW = 1600
	designH = 1000
)

// supersample is how many device pixels per output pixel are drawn along each
// axis; averaging them afterwards gives smooth edges without an
// anti-aliasing rasteriser, and stays deterministic.
const supersample = 2

// pt is a point in design units.
type pt struct{ x, y float64 }

// canvas is a supersampled RGBA surface addressed in design units.
type canvas struct {
	img   *image.RGBA
	scale float64 // device pixels per design unit
	outW  int
	outH  int
}

func newCanvas(outW, outH int) *canvas {
	w, h := outW*supersample, outH*supersample
	return &canvas{
		img:   image.NewRGBA(image.Rect(0, 0, w, h)),
		scale: float64(w) / designW,
		outW:  outW,
		outH:  outH,
	}
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 255} }

// shade mixes c towards black (f < 0) or white (f > 0) by |f|.
func shade(c color.RGBA, f float64) color.RGBA {
	mix := func(v uint8, to float64) uint8 {
		return uint8(math.Round(float64(v) + (to-float64(v))*math.Abs(f)))
	}
	to := 0.0
	if f > 0 {
		to = 255
	}
	return color.RGBA{mix(c.R, to), mix(c.G, to), mix(c.B, to), c.A}
}

// span paints device pixels [x0, x1) of row y, blending when col is
// translucent (shadows, dim light).
func (c *canvas) span(y, x0, x1 int, col color.RGBA) {
	b := c.img.Rect
	if y < b.Min.Y || y >= b.Max.Y {
		return
	}
	x0 = max(x0, b.Min.X)
	x1 = min(x1, b.Max.X)
	if x0 >= x1 {
		return
	}
	row := c.img.Pix[c.img.PixOffset(x0, y) : c.img.PixOffset(x1-1, y)+4]
	if col.A == 255 {
		for i := 0; i < len(row); i += 4 {
			row[i], row[i+1], row[i+2], row[i+3] = col.R, col.G, col.B, 255
		}
		return
	}
	a := uint32(col.A)
	for i := 0; i < len(row); i += 4 {
		row[i] = uint8((uint32(row[i])*(255-a) + uint32(col.R)*a) / 255)
		row[i+1] = uint8((uint32(row[i+1])*(255-a) + uint32(col.G)*a) / 255)
		row[i+2] = uint8((uint32(row[i+2])*(255-a) + uint32(col.B)*a) / 255)
		row[i+3] = 255
	}
}

func (c *canvas) fill(col color.RGBA) {
	for y := c.img.Rect.Min.Y; y < c.img.Rect.Max.Y; y++ {
		c.span(y, c.img.Rect.Min.X, c.img.Rect.Max.X, col)
	}
}

// rect fills the axis-aligned rectangle between two corners.
func (c *canvas) rect(x0, y0, x1, y1 float64, col color.RGBA) {
	if x0 > x1 {
		x0, x1 = x1, x0
	}
	if y0 > y1 {
		y0, y1 = y1, y0
	}
	ya, yb := c.dev(y0), c.dev(y1)
	xa, xb := c.dev(x0), c.dev(x1)
	for y := ya; y < yb; y++ {
		c.span(y, xa, xb, col)
	}
}

// dev converts a design coordinate to the nearest device pixel boundary.
func (c *canvas) dev(v float64) int { return int(math.Round(v * c.scale)) }

// poly fills a polygon with the even-odd rule, sampling pixel centres.
func (c *canvas) poly(pts []pt, col color.RGBA) {
	if len(pts) < 3 {
		return
	}
	minY, maxY := math.Inf(1), math.Inf(-1)
	dp := make([]pt, len(pts))
	for i, p := range pts {
		dp[i] = pt{p.x * c.scale, p.y * c.scale}
		minY = min(minY, dp[i].y)
		maxY = max(maxY, dp[i].y)
	}
	xs := make([]float64, 0, 8)
	for y := int(math.Floor(minY)); y <= int(math.Ceil(maxY)); y++ {
		yc := float64(y) + 0.5
		xs = xs[:0]
		for i := range dp {
			a, b := dp[i], dp[(i+1)%len(dp)]
			if (a.y <= yc && b.y > yc) || (b.y <= yc && a.y > yc) {
				xs = append(xs, a.x+(yc-a.y)*(b.x-a.x)/(b.y-a.y))
			}
		}
		slices.Sort(xs)
		for i := 0; i+1 < len(xs); i += 2 {
			c.span(y, int(math.Ceil(xs[i]-0.5)), int(math.Ceil(xs[i+1]-0.5)), col)
		}
	}
}

// ellipse fills an axis-aligned ellipse.
func (c *canvas) ellipse(cx, cy, rx, ry float64, col color.RGBA) {
	c.ring(cx, cy, rx, ry, 0, col)
}

func (c *canvas) circle(cx, cy, r float64, col color.RGBA) { c.ellipse(cx, cy, r, r, col) }

// ring fills an elliptic annulus of the given thickness; thickness 0 means a
// solid ellipse. Wheels and halos need holes that show what lies behind.
func (c *canvas) ring(cx, cy, rx, ry, thick float64, col color.RGBA) {
	s := c.scale
	dcx, dcy, drx, dry := cx*s, cy*s, rx*s, ry*s
	irx, iry := (rx-thick)*s, (ry-thick)*s
	hollow := thick > 0 && irx > 0 && iry > 0
	for y := int(math.Floor(dcy - dry)); y <= int(math.Ceil(dcy+dry)); y++ {
		dy := float64(y) + 0.5 - dcy
		if math.Abs(dy) >= dry {
			continue
		}
		hw := drx * math.Sqrt(1-dy*dy/(dry*dry))
		l, r := int(math.Ceil(dcx-hw-0.5)), int(math.Ceil(dcx+hw-0.5))
		if hollow && math.Abs(dy) < iry {
			ihw := irx * math.Sqrt(1-dy*dy/(iry*iry))
			c.span(y, l, int(math.Ceil(dcx-ihw-0.5)), col)
			c.span(y, int(math.Ceil(dcx+ihw-0.5)), r, col)
			continue
		}
		c.span(y, l, r, col)
	}
}

// line draws a thick segment with round caps.
func (c *canvas) line(x0, y0, x1, y1, w float64, col color.RGBA) {
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l == 0 {
		c.circle(x0, y0, w/2, col)
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	c.poly([]pt{{x0 + nx, y0 + ny}, {x1 + nx, y1 + ny}, {x1 - nx, y1 - ny}, {x0 - nx, y0 - ny}}, col)
	c.circle(x0, y0, w/2, col)
	c.circle(x1, y1, w/2, col)
}

// polyline draws connected thick segments.
func (c *canvas) polyline(pts []pt, w float64, col color.RGBA) {
	for i := 0; i+1 < len(pts); i++ {
		c.line(pts[i].x, pts[i].y, pts[i+1].x, pts[i+1].y, w, col)
	}
}

// roundRect fills a rectangle with rounded corners of radius r.
func (c *canvas) roundRect(x0, y0, x1, y1, r float64, col color.RGBA) {
	r = min(r, (x1-x0)/2, (y1-y0)/2)
	c.rect(x0+r, y0, x1-r, y1, col)
	c.rect(x0, y0+r, x0+r, y1-r, col)
	c.rect(x1-r, y0+r, x1, y1-r, col)
	for _, p := range []pt{{x0 + r, y0 + r}, {x1 - r, y0 + r}, {x0 + r, y1 - r}, {x1 - r, y1 - r}} {
		c.circle(p.x, p.y, r, col)
	}
}

// rotRect fills a rectangle of size w × h centred on (cx, cy) and turned by
// angle radians: cars parked askew, a fallen board.
func rotRect(cx, cy, w, h, angle float64) []pt {
	sin, cos := math.Sincos(angle)
	corners := []pt{{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}}
	for i, p := range corners {
		corners[i] = pt{cx + p.x*cos - p.y*sin, cy + p.x*sin + p.y*cos}
	}
	return corners
}

// quad is four corners in order top-left, top-right, bottom-right,
// bottom-left; at maps (u, v) in the unit square onto it bilinearly, which is
// enough perspective for a flat illustration of a wall.
type quad [4]pt

func (q quad) at(u, v float64) pt {
	top := pt{q[0].x + (q[1].x-q[0].x)*u, q[0].y + (q[1].y-q[0].y)*u}
	bot := pt{q[3].x + (q[2].x-q[3].x)*u, q[3].y + (q[2].y-q[3].y)*u}
	return pt{top.x + (bot.x-top.x)*v, top.y + (bot.y-top.y)*v}
}

// sub returns the part of q between (u0, v0) and (u1, v1).
func (q quad) sub(u0, v0, u1, v1 float64) quad {
	return quad{q.at(u0, v0), q.at(u1, v0), q.at(u1, v1), q.at(u0, v1)}
}

func (c *canvas) quad(q quad, col color.RGBA) { c.poly(q[:], col) }

// finish averages the supersampled pixels into the output image.
func (c *canvas) finish() *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, c.outW, c.outH))
	const n = supersample * supersample
	for y := range c.outH {
		for x := range c.outW {
			var r, g, b uint32
			for sy := range supersample {
				i := c.img.PixOffset(x*supersample, y*supersample+sy)
				for range supersample {
					r += uint32(c.img.Pix[i])
					g += uint32(c.img.Pix[i+1])
					b += uint32(c.img.Pix[i+2])
					i += 4
				}
			}
			o := out.PixOffset(x, y)
			out.Pix[o] = uint8((r + n/2) / n)
			out.Pix[o+1] = uint8((g + n/2) / n)
			out.Pix[o+2] = uint8((b + n/2) / n)
			out.Pix[o+3] = 255
		}
	}
	return out
}
