// Command illustrate draws the illustrations of the demo neighbourhood in
// content/ — corridors before and after, family and team photos, the garbage
// point, the car park, the green belt, activity days — as flat, friendly
// pictures made only of shapes, and writes them as JPEG next to the records
// that show them.
//
// The demo must not carry photos of real residents, so every picture is an
// illustration (the captions say 示意图). The output is deterministic: the
// same program writes the same bytes on every run, so regenerating never
// produces a spurious diff.
//
// Usage, from the repository root:
//
//	go run ./generator/cmd/illustrate [-out content]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
)

// jpegQuality is a little under the usual 75 to keep the committed demo
// small; flat colours survive it well.
const jpegQuality = 80

// scene is one picture: where it goes under the output folder, its size, and
// how to draw it in design units.
type scene struct {
	path string
	w, h int
	// mirror flips the finished picture left to right, so groups sharing a
	// drawing routine do not look identical.
	mirror bool
	draw   func(c *canvas)
}

// Output size, 16:10 like the design space, for every picture. The posters
// print a record's photo about 200–260 mm wide on A3 and a group's team
// photo across the cover, and a photo printed below 150 DPI looks blurred
// (the build warns of it): 1600 px keeps every one of them above 150 DPI
// on A3 with room to spare, and is the website's largest variant too.
// Flat colours compress well, so all sixteen pictures stay well under the
// 2.5 MB the repository allows them (main_test.go checks it).
const (
	picW, picH = 1600, 1000
)

// corridorStyles gives the look of each group's stairwell, by folder.
func corridorStyles() map[string]corridorStyle {
	return map[string]corridorStyle{
		"gongnong-sancun/building-12/": {seed: 12, wall: rgb(246, 242, 230), dado: rgb(190, 222, 200), door: rgb(186, 128, 92), floor: rgb(214, 206, 192)},
		"gongnong-sancun/building-17/": {seed: 17, wall: rgb(244, 240, 234), dado: rgb(192, 212, 236), door: rgb(170, 120, 104), floor: rgb(216, 206, 190), boardRight: true},
		"gongnong-sancun/building-23/": {seed: 23, wall: rgb(248, 240, 226), dado: rgb(238, 206, 186), door: rgb(130, 150, 180), floor: rgb(208, 208, 202)},
	}
}

// scenes lists every picture the demo content refers to.
func scenes() []scene {
	cs := corridorStyles()
	const (
		b12 = "gongnong-sancun/building-12/"
		b17 = "gongnong-sancun/building-17/"
		b23 = "gongnong-sancun/building-23/"
		b31 = "gongnong-sancun/building-31/"
	)
	var out []scene
	add := func(path string, w, h int, mirror bool, draw func(c *canvas)) {
		out = append(out, scene{path: path, w: w, h: h, mirror: mirror, draw: draw})
	}
	for _, g := range []struct {
		dir    string
		mirror bool
	}{{b12, false}, {b17, true}, {b23, false}} {
		st := cs[g.dir]
		add(g.dir+"corridor-before.jpg", picW, picH, g.mirror, func(c *canvas) { corridor(c, st, false) })
		add(g.dir+"corridor-after.jpg", picW, picH, g.mirror, func(c *canvas) { corridor(c, st, true) })
	}
	add(b12+"team.jpg", picW, picH, false, func(c *canvas) { teamPhoto(c, 120, rgb(236, 222, 200), 5) })
	add(b17+"team.jpg", picW, picH, true, func(c *canvas) { teamPhoto(c, 170, rgb(226, 226, 214), 5) })
	add(b23+"team.jpg", picW, picH, false, func(c *canvas) { teamPhoto(c, 230, rgb(240, 216, 196), 4) })
	add(b31+"team.jpg", picW, picH, true, func(c *canvas) { teamPhoto(c, 310, rgb(222, 230, 210), 4) })
	add(b12+"family-2024.jpg", picW, picH, false, func(c *canvas) { familyPhoto(c, 121, rgb(236, 222, 200), 13, 12, 10, 3) })
	add(b17+"garbage-before.jpg", picW, picH, false, func(c *canvas) { garbagePoint(c, 172, false) })
	add(b17+"garbage-after.jpg", picW, picH, false, func(c *canvas) { garbagePoint(c, 172, true) })
	add(b23+"parking-after.jpg", picW, picH, false, func(c *canvas) { parkingLot(c, 231) })
	add(b23+"cleanup-day.jpg", picW, picH, false, func(c *canvas) { cleanupDay(c, 232, rgb(240, 216, 196)) })
	add(b31+"greenbelt.jpg", picW, picH, false, func(c *canvas) { greenBelt(c, 311) })
	return out
}

// render draws one scene and returns its encoded JPEG.
func render(s scene) ([]byte, error) {
	c := newCanvas(s.w, s.h)
	c.fill(color.RGBA{255, 255, 255, 255})
	s.draw(c)
	img := c.finish()
	if s.mirror {
		mirror(img)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return nil, fmt.Errorf("encode %s: %w", s.path, err)
	}
	return buf.Bytes(), nil
}

// mirror flips img left to right in place.
func mirror(img *image.RGBA) {
	b := img.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for l, r := b.Min.X, b.Max.X-1; l < r; l, r = l+1, r-1 {
			i, j := img.PixOffset(l, y), img.PixOffset(r, y)
			for k := range 4 {
				img.Pix[i+k], img.Pix[j+k] = img.Pix[j+k], img.Pix[i+k]
			}
		}
	}
}

// run writes every scene under out and reports each file on log.
func run(out string, log io.Writer) error {
	for _, s := range scenes() {
		data, err := render(s)
		if err != nil {
			return err
		}
		dst := filepath.Join(out, filepath.FromSlash(s.path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(log, "%s  %d KiB\n", filepath.ToSlash(dst), (len(data)+1023)/1024)
	}
	return nil
}

func main() {
	out := flag.String("out", "content", "the content folder to write the pictures into")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./generator/cmd/illustrate [-out DIR]\n\n"+
			"Draws the demo illustrations into the content folder.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "illustrate:", err)
		os.Exit(1)
	}
}
