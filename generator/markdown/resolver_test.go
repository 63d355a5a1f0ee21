package markdown

// funcs is a Resolver made of two functions, for tests: a nil link leaves
// links as written, a nil image leaves images out.
type funcs struct {
	link  func(dest string, line int) string
	image func(dest string, line int) (Picture, bool)
}

func (f funcs) Link(dest string, line int) string {
	if f.link == nil {
		return dest
	}
	return f.link(dest, line)
}

func (f funcs) Image(dest string, line int) (Picture, bool) {
	if f.image == nil {
		return Picture{}, false
	}
	return f.image(dest, line)
}
