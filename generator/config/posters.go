package config

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"wallpress/generator/yamlutil"
)

// paperMM are the ISO A sizes in millimetres, short side first.
func paperMM(name string) (w, h float64, ok bool) {
	switch name {
	case "A0":
		return 841, 1189, true
	case "A1":
		return 594, 841, true
	case "A2":
		return 420, 594, true
	case "A3":
		return 297, 420, true
	case "A4":
		return 210, 297, true
	case "A5":
		return 148, 210, true
	}
	return 0, 0, false
}

// TrimMM returns the trimmed page size in millimetres (without bleed): A4
// 210×297, A3 297×420, A2 420×594 (also A0, A1, A5), or a custom size such as
// "420mm x 594mm". Orientation decides which side is the width: portrait
// puts the short side across, landscape the long side, whatever order a
// custom size was written in. It returns 0, 0 when Size is not valid (Load
// never leaves it so).
func (p Posters) TrimMM() (w, h float64) {
	w, h, ok := sizeMM(p.Size)
	if !ok {
		return 0, 0
	}
	if w > h {
		w, h = h, w
	}
	if strings.EqualFold(p.Orientation, "landscape") {
		w, h = h, w
	}
	return w, h
}

// BleedMM returns the bleed in millimetres ("3mm" → 3, "0" → 0); 0 when
// Bleed is not valid.
func (p Posters) BleedMM() float64 {
	mm, ok := parseLength(p.Bleed, "mm")
	if !ok || mm < 0 {
		return 0
	}
	return mm
}

// sizeMM reads a paper name or "W x H" with units.
func sizeMM(s string) (w, h float64, ok bool) {
	t := strings.TrimSpace(yamlutil.Narrow(s))
	if w, h, ok := paperMM(strings.ToUpper(t)); ok {
		return w, h, true
	}
	t = strings.ToLower(t)
	t = strings.NewReplacer("×", "x", "*", "x", "✕", "x", "乘", "x").Replace(t)
	a, b, found := strings.Cut(t, "x")
	if !found {
		return 0, 0, false
	}
	aNum, aUnit, okA := splitLength(a)
	bNum, bUnit, okB := splitLength(b)
	if !okA || !okB {
		return 0, 0, false
	}
	// "420 x 594 mm": one unit covers both; no unit at all is ambiguous
	// (mm or cm?) and refused.
	switch {
	case aUnit == "" && bUnit == "":
		return 0, 0, false
	case aUnit == "":
		aUnit = bUnit
	case bUnit == "":
		bUnit = aUnit
	}
	w, h = aNum*unitMM(aUnit), bNum*unitMM(bUnit)
	if w < minSideMM || h < minSideMM || w > maxSideMM || h > maxSideMM {
		return 0, 0, false
	}
	return w, h, true
}

// normalizeSize returns the canonical spelling of a valid size: "A3" or
// "420mm x 594mm".
func normalizeSize(s string) (string, bool) {
	t := strings.ToUpper(strings.TrimSpace(yamlutil.Narrow(s)))
	if _, _, ok := paperMM(t); ok {
		return t, true
	}
	w, h, ok := sizeMM(s)
	if !ok {
		return "", false
	}
	return formatMM(w) + " x " + formatMM(h), true
}

var lengthRE = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*(mm|cm|毫米|厘米)?$`)

// splitLength reads "420", "420mm", "42 cm", "3毫米".
func splitLength(s string) (num float64, unit string, ok bool) {
	m := lengthRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(yamlutil.Narrow(s))))
	if m == nil {
		return 0, "", false
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, "", false
	}
	switch m[2] {
	case "毫米":
		m[2] = "mm"
	case "厘米":
		m[2] = "cm"
	}
	return v, m[2], true
}

// parseLength reads a length in millimetres; a bare number is in defUnit.
func parseLength(s, defUnit string) (float64, bool) {
	v, unit, ok := splitLength(s)
	if !ok {
		return 0, false
	}
	if unit == "" {
		unit = defUnit
	}
	return v * unitMM(unit), true
}

func unitMM(unit string) float64 {
	if unit == "cm" {
		return 10
	}
	return 1
}

// NormalizeBaseURL checks that s is an absolute http(s) address without
// query or fragment and returns it ending in "/", with full-width forms
// (ｈｔｔｐｓ：／／) made ordinary and the scheme and host in lower case.
func NormalizeBaseURL(s string) (string, bool) {
	t := strings.TrimSpace(yamlutil.Narrow(s))
	if t == "" || strings.ContainsAny(t, " \t\\") {
		return "", false
	}
	u, err := url.Parse(t)
	if err != nil {
		return "", false
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" ||
		u.User != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(t, "#") {
		return "", false
	}
	if u.Port() == "" && strings.HasSuffix(u.Host, ":") {
		return "", false
	}
	u.Host = strings.ToLower(u.Host)
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u.String(), true
}
