package content

import (
	"strconv"
	"strings"
)

// FocusPosition reads a focus as the volunteer writes it: center, top,
// bottom, left, right, or two percentages "30% 60%".
func FocusPosition(focus string) (string, bool) {
	switch f := strings.ToLower(strings.TrimSpace(focus)); f {
	case "", "center", "centre", "中间":
		return "50% 50%", true
	case "top", "上":
		return "50% 0%", true
	case "bottom", "下":
		return "50% 100%", true
	case "left", "左":
		return "0% 50%", true
	case "right", "右":
		return "100% 50%", true
	default:
		parts := strings.Fields(strings.ReplaceAll(f, "％", "%"))
		if len(parts) != 2 {
			return "", false
		}
		for _, p := range parts {
			n, err := strconv.Atoi(strings.TrimSuffix(p, "%"))
			if err != nil || !strings.HasSuffix(p, "%") || n < 0 || n > 100 {
				return "", false
			}
		}
		return parts[0] + " " + parts[1], true
	}
}
