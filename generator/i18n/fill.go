package i18n

// FilledFrom returns a catalog with c's strings and, for every key c lacks,
// fb's: a site whose copy of the theme's i18n files predates a message
// still tells it in words instead of showing its key. c and fb are left
// as they are; a nil c returns fb.
func (c *Catalog) FilledFrom(fb *Catalog) *Catalog {
	if c == nil {
		return fb
	}
	if fb == nil {
		return c
	}
	out := &Catalog{Lang: c.Lang, msgs: make(map[string]string, len(fb.msgs))}
	for k, v := range fb.msgs {
		out.msgs[k] = v
	}
	for k, v := range c.msgs {
		out.msgs[k] = v
	}
	return out
}
