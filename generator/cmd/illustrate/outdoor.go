package main

import (
	"image/color"
	"math"
	"math/rand/v2"
)

func skyBlue() color.RGBA   { return rgb(196, 226, 244) }
func paving() color.RGBA    { return rgb(214, 210, 200) }
func leafGreen() color.RGBA { return rgb(96, 164, 90) }

// backdrop draws sky, a residential block and paving down from ground.
func backdrop(c *canvas, r *rand.Rand, wall color.RGBA, ground float64) {
	c.fill(skyBlue())
	cloud(c, 260, 90, 260)
	cloud(c, 1300, 70, 200)
	building(c, 90, 110, 1510, ground, 6, wall, r)
	c.rect(0, ground, designW, designH, paving())
	c.rect(0, ground, designW, ground+10, shade(paving(), -0.12))
}

// familyPhoto draws a whole building group lined up in front of its block,
// under a red banner: the 楼组全家福.
func familyPhoto(c *canvas, seed uint64, wall color.RGBA, back, middle, front, kids int) {
	r := rand.New(rand.NewPCG(seed, 2))
	backdrop(c, r, wall, 700)
	entrance(c, 800, 700, 180, 230)
	tree(c, 60, 760, 520, leafGreen())
	tree(c, 1540, 760, 500, shade(leafGreen(), -0.1))
	banner(c, 330, 300, 1270, 380)
	c.line(330, 300, 300, 260, 5, rgb(120, 90, 60))
	c.line(1270, 300, 1300, 260, 5, rgb(120, 90, 60))
	crowdRow(c, r, back, 140, 1460, 785, 300, false, 0)
	crowdRow(c, r, middle, 170, 1430, 875, 300, false, 0)
	crowdRow(c, r, front, 200, 1400, 990, 300, true, kids)
}

// teamPhoto draws a group's council in front of the stairwell door, next to
// its achievement wall.
func teamPhoto(c *canvas, seed uint64, wall color.RGBA, n int) {
	r := rand.New(rand.NewPCG(seed, 3))
	// Close up, the block is just its ground-floor wall: no windows needed.
	c.fill(wall)
	c.rect(0, 0, designW, 60, shade(wall, -0.1))
	c.rect(0, 760, designW, designH, paving())
	c.rect(0, 760, designW, 770, shade(paving(), -0.12))
	entrance(c, 420, 760, 200, 260)
	// The achievement wall: a long board with photos and notices.
	noticeBoard(c, quad{{760, 300}, {1480, 300}, {1480, 620}, {760, 620}}, r)
	banner(c, 560, 170, 1360, 240)
	pottedPlant(c, 640, 780, 1.2, r)
	pottedPlant(c, 1540, 790, 1.3, r)
	step := 1100.0 / float64(n)
	for i := range n {
		f := randomFigure(r)
		f.vest = i%2 == 0
		pose := armsDown
		if i == n-1 {
			pose = armsWave
		}
		f.stand(c, 250+step*(float64(i)+0.5), 975, 440+float64(r.IntN(40)), pose)
	}
}

// bin draws a wheeled household waste bin, optionally overflowing.
func bin(c *canvas, x, ground, w, h float64, col color.RGBA, overflow bool, r *rand.Rand) {
	c.poly([]pt{{x - w/2, ground - h}, {x + w/2, ground - h}, {x + w*0.44, ground - 14}, {x - w*0.44, ground - 14}}, col)
	c.rect(x-w*0.54, ground-h-18, x+w*0.54, ground-h+6, shade(col, -0.25))
	c.roundRect(x-w*0.3, ground-h*0.72, x+w*0.3, ground-h*0.42, 8, rgb(250, 250, 246))
	c.circle(x, ground-h*0.57, w*0.09, col)
	c.circle(x-w*0.32, ground-10, 12, rgb(40, 40, 40))
	c.circle(x+w*0.32, ground-10, 12, rgb(40, 40, 40))
	if overflow {
		for k := range 4 {
			c.ellipse(x-w*0.3+float64(k)*w*0.2, ground-h-30-float64(k%2)*22, w*0.2, 30, []color.RGBA{rgb(40, 44, 48), rgb(230, 230, 226), rgb(70, 130, 80), rgb(200, 80, 70)}[r.IntN(4)])
		}
	}
}

// sortColours are Shanghai's four bins: recyclable, hazardous, wet, dry.
func sortColours() []color.RGBA {
	return []color.RGBA{rgb(40, 110, 200), rgb(214, 50, 44), rgb(120, 80, 50), rgb(50, 50, 54)}
}

// basin draws the hand-washing basin residents asked for next to the
// garbage point: a tiled pedestal, a white basin, a tap and soap.
func basin(c *canvas, x, ground float64) {
	c.rect(x-110, ground-300, x+110, ground-220, rgb(74, 140, 200)) // sign
	c.circle(x, ground-262, 24, rgb(250, 250, 250))
	c.poly([]pt{{x - 17, ground - 256}, {x + 17, ground - 256}, {x, ground - 292}}, rgb(250, 250, 250))
	c.circle(x, ground-256, 17, rgb(74, 140, 200))
	c.circle(x, ground-260, 12, rgb(250, 250, 250))
	c.rect(x-90, ground-160, x+90, ground, rgb(206, 214, 220))
	for k := range 3 {
		c.rect(x-90, ground-160+float64(k)*54, x+90, ground-157+float64(k)*54, rgb(180, 190, 198))
	}
	c.ellipse(x, ground-166, 120, 26, rgb(250, 250, 252))
	c.ellipse(x, ground-170, 96, 16, rgb(214, 226, 236))
	c.polyline([]pt{{x + 50, ground - 176}, {x + 50, ground - 222}, {x + 10, ground - 222}, {x + 10, ground - 205}}, 12, rgb(170, 174, 180))
	c.roundRect(x-80, ground-215, x-50, ground-176, 6, rgb(120, 200, 150))
	c.rect(x-70, ground-228, x-60, ground-215, rgb(240, 240, 240))
}

// garbagePoint draws one of the five garbage sorting points before and after
// its makeover.
func garbagePoint(c *canvas, seed uint64, after bool) {
	r := rand.New(rand.NewPCG(seed, 4))
	backdrop(c, r, rgb(236, 222, 200), 620)
	tree(c, 120, 660, 520, leafGreen())
	tree(c, 1500, 650, 480, shade(leafGreen(), 0.05))
	x0, x1 := 260.0, 1160.0
	if !after {
		// An open, stained corner with a rusty sheet roof.
		c.rect(x0, 330, x1, 900, rgb(190, 186, 176))
		for range 8 {
			c.ellipse(x0+r.Float64()*(x1-x0), 400+r.Float64()*400, 60+r.Float64()*60, 30+r.Float64()*40, color.RGBA{110, 96, 70, 60})
		}
		c.poly([]pt{{x0 - 40, 330}, {x1 + 40, 300}, {x1 + 40, 340}, {x0 - 40, 370}}, rgb(150, 110, 80))
		c.rect(x0, 360, x0+24, 900, rgb(120, 110, 100))
		c.rect(x1-24, 330, x1, 900, rgb(120, 110, 100))
		c.rect(0, 900, designW, designH, rgb(170, 166, 156))
		c.ellipse(700, 950, 260, 34, color.RGBA{90, 90, 100, 80})
		cols := sortColours()
		for i := range 4 {
			col := cols[r.IntN(4)]
			bin(c, 380+float64(i)*190, 900, 150, 230, col, true, r)
		}
		// Bags left on the ground and a tipped box.
		for k := range 7 {
			c.ellipse(330+float64(k)*120+r.Float64()*40, 930+r.Float64()*40, 44, 32, []color.RGBA{rgb(40, 44, 48), rgb(230, 230, 226), rgb(70, 130, 80)}[k%3])
		}
		c.poly(rotRect(1300, 900, 180, 120, 0.3), rgb(196, 150, 96))
		for range 30 {
			c.circle(300+r.Float64()*900, 560+r.Float64()*260, 3, rgb(30, 30, 30))
		}
		return
	}
	// The renovated point: roofed, tiled, sorted, with a basin.
	c.rect(0, 900, designW, designH, rgb(200, 204, 196))
	for k := range 8 {
		c.rect(float64(k)*200, 900, float64(k)*200+4, designH, rgb(180, 184, 176))
	}
	c.rect(x0, 320, x1, 900, rgb(246, 240, 226))
	c.rect(x0, 760, x1, 900, rgb(120, 170, 120))
	c.poly([]pt{{x0 - 60, 330}, {x1 + 60, 330}, {x1 + 20, 250}, {x0 - 20, 250}}, rgb(60, 130, 90))
	c.rect(x0-60, 330, x1+60, 350, shade(rgb(60, 130, 90), -0.2))
	c.rect(x0, 350, x0+26, 900, rgb(90, 100, 96))
	c.rect(x1-26, 350, x1, 900, rgb(90, 100, 96))
	c.rect(x0+120, 380, x1-120, 430, rgb(60, 130, 90))
	for k := range 8 {
		c.rect(x0+170+float64(k)*75, 392, x0+210+float64(k)*75, 418, rgb(240, 240, 230))
	}
	cols := sortColours()
	for i, col := range cols {
		bx := 380 + float64(i)*190
		c.rect(bx-75, 470, bx+75, 600, col)
		c.rect(bx-60, 485, bx+60, 585, rgb(250, 250, 246))
		c.circle(bx, 535, 26, col)
		bin(c, bx, 900, 150, 230, col, false, r)
	}
	c.circle(1165, 360, 22, rgb(255, 240, 180)) // lamp
	basin(c, 1340, 900)
	pottedPlant(c, 1520, 920, 1.2, r)
	pottedPlant(c, 200, 930, 1.1, r)
}

// car draws a car seen from above, centred on (cx, cy), long side along the
// angle.
func car(c *canvas, cx, cy, angle float64, col color.RGBA) {
	sin, cos := math.Sincos(angle)
	at := func(dx, dy float64) (float64, float64) { return cx + dx*cos - dy*sin, cy + dx*sin + dy*cos }
	c.poly(rotRect(cx, cy, 200, 94, angle), col)
	x, y := at(30, 0)
	c.poly(rotRect(x, y, 40, 80, angle), rgb(60, 80, 100))
	x, y = at(-50, 0)
	c.poly(rotRect(x, y, 30, 76, angle), rgb(60, 80, 100))
}

// parkingLot draws the courtyard car park from above after it was re-divided:
// freshly painted, numbered bays, cars parked square, arrows in the lane, and
// grass pavers where the green belt gave up a strip.
func parkingLot(c *canvas, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 5))
	asphalt := rgb(116, 120, 126)
	c.fill(asphalt)
	// Roofs of the blocks along the top, paths and greenery around.
	c.rect(0, 0, designW, 110, rgb(206, 176, 150))
	for k := range 6 {
		c.rect(float64(k)*280+20, 10, float64(k)*280+250, 96, rgb(190, 150, 120))
	}
	c.rect(0, 930, designW, designH, rgb(200, 196, 186))
	const beltW = 120.0
	c.rect(0, 110, beltW, 930, rgb(110, 170, 96))
	for k := range 7 {
		c.circle(beltW*0.5, 170+float64(k)*115, beltW*0.42, rgb(70, 140, 76))
		c.circle(beltW*0.5-10, 160+float64(k)*115, beltW*0.2, rgb(96, 166, 90))
	}
	c.rect(0, 880, designW, 930, rgb(110, 170, 96))
	for k := range 12 {
		c.circle(80+float64(k)*135, 905, 30, rgb(80, 150, 80))
	}
	bayW := 145.0
	rows := []float64{150, 600} // top of each row of bays
	bayH := 250.0
	start := beltW + 40
	n := int((designW - start - 20) / bayW)
	carCols := []color.RGBA{rgb(236, 236, 238), rgb(200, 60, 56), rgb(60, 90, 150), rgb(40, 40, 44), rgb(180, 184, 190), rgb(230, 200, 110)}
	white := rgb(246, 246, 240)
	for ri, top := range rows {
		c.rect(start, top, start+float64(n)*bayW, top+5, white)
		if ri == 1 {
			c.rect(start, top+bayH-5, start+float64(n)*bayW, top+bayH, white)
		}
		for i := 0; i <= n; i++ {
			x := start + float64(i)*bayW
			c.rect(x-3, top, x+3, top+bayH, white)
		}
		for i := range n {
			x := start + float64(i)*bayW
			// Bay number plate painted in yellow.
			c.rect(x+bayW/2-22, top+bayH*0.08, x+bayW/2+22, top+bayH*0.08+22, rgb(240, 200, 70))
			// The first bays of each row are on grass pavers, keeping the
			// green cover while adding spaces.
			if i < 2 {
				c.rect(x+6, top+40, x+bayW-6, top+bayH-6, rgb(130, 170, 110))
			}
			if r.IntN(6) != 0 {
				car(c, x+bayW/2, top+bayH/2+12, math.Pi/2, carCols[r.IntN(len(carCols))])
			}
		}
	}
	// Direction arrows in the lane.
	for _, x := range []float64{500, 950, 1400} {
		c.rect(x-70, 500, x+30, 516, white)
		c.poly([]pt{{x + 30, 484}, {x + 80, 508}, {x + 30, 532}}, white)
	}
}

// greenBelt draws the public green belt between the blocks: hedges, trees,
// a flower bed, a little railing and a bench, with a neighbour watering.
func greenBelt(c *canvas, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 6))
	c.fill(skyBlue())
	cloud(c, 400, 110, 300)
	cloud(c, 1250, 80, 220)
	building(c, -40, 120, 700, 620, 6, rgb(232, 214, 190), r)
	building(c, 900, 150, 1640, 620, 6, rgb(222, 224, 210), r)
	c.rect(0, 600, designW, designH, rgb(130, 186, 104))
	for k := range 5 {
		tree(c, 120+float64(k)*340, 700, 420+float64(r.IntN(80)), []color.RGBA{leafGreen(), rgb(80, 150, 86), rgb(110, 176, 96)}[k%3])
	}
	// A clipped hedge along the front.
	c.roundRect(40, 700, 1560, 790, 40, rgb(70, 140, 76))
	for k := range 11 {
		c.circle(90+float64(k)*142, 708, 40, rgb(80, 150, 84))
	}
	// Flower bed.
	c.ellipse(1100, 850, 300, 50, rgb(120, 90, 60))
	flowerCols := []color.RGBA{rgb(240, 80, 90), rgb(250, 200, 60), rgb(250, 250, 250), rgb(200, 110, 200)}
	for k := range 24 {
		a := float64(k) * 2.4
		d := math.Sqrt(float64(k)/24) * 0.9
		x, y := 1100+math.Cos(a)*280*d, 850+math.Sin(a)*42*d
		c.circle(x, y-8, 9, rgb(60, 130, 60))
		c.circle(x, y-14, 8, flowerCols[k%4])
	}
	// Path and a low white railing.
	c.rect(0, 900, designW, designH, rgb(206, 200, 186))
	c.rect(0, 896, designW, 904, rgb(170, 166, 156))
	for x := 20.0; x < designW; x += 90 {
		c.rect(x, 830, x+8, 898, rgb(250, 250, 250))
	}
	c.rect(0, 840, designW, 848, rgb(250, 250, 250))
	// A bench.
	c.rect(300, 800, 560, 820, rgb(170, 110, 70))
	c.rect(300, 760, 560, 776, rgb(170, 110, 70))
	c.rect(320, 820, 334, 880, rgb(80, 80, 80))
	c.rect(526, 820, 540, 880, rgb(80, 80, 80))
	// A neighbour watering the bed.
	f := randomFigure(r)
	f.hairStyle = hairElder
	f.hair = hairGrey()[0]
	f.stand(c, 760, 960, 330, armsHold)
	c.roundRect(790, 810, 860, 860, 10, rgb(70, 140, 200))
	c.line(855, 820, 900, 790, 8, rgb(70, 140, 200))
	for k := range 5 {
		c.line(905+float64(k)*5, 795, 920+float64(k)*9, 840, 3, rgb(150, 200, 240))
	}
}

// cleanupDay draws volunteers in red vests sweeping and carrying in front of
// the stairwell door, under a banner.
func cleanupDay(c *canvas, seed uint64, wall color.RGBA) {
	r := rand.New(rand.NewPCG(seed, 7))
	backdrop(c, r, wall, 720)
	entrance(c, 800, 720, 180, 240)
	banner(c, 420, 300, 1180, 370)
	tree(c, 80, 780, 520, leafGreen())
	poses := []int{armsBroom, armsHold, armsBroom, armsWave, armsBroom, armsHold}
	xs := []float64{230, 450, 680, 940, 1170, 1390}
	for i, x := range xs {
		f := randomFigure(r)
		f.vest = true
		feet := 900 + float64(i%2)*60
		f.stand(c, x, feet, 360, poses[i])
		if poses[i] == armsHold {
			// A bucket of water.
			c.poly([]pt{{x - 45, feet - 210}, {x + 45, feet - 210}, {x + 35, feet - 130}, {x - 35, feet - 130}}, rgb(70, 140, 200))
			c.ring(x, feet-210, 45, 30, 5, rgb(60, 60, 60))
		}
	}
	// Filled bags and a dustpan waiting for the collection.
	for k := range 4 {
		c.ellipse(1480+float64(k%2)*50, 930-float64(k/2)*50, 44, 36, rgb(40, 44, 48))
	}
	c.poly([]pt{{600, 980}, {680, 980}, {670, 940}, {610, 940}}, rgb(230, 190, 60))
}
