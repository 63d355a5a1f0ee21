package images

import (
	"fmt"

	"wallpress/generator/diag"
)

// Message keys of the errors a user can cause. Each has a hint key, the same
// key with ".hint" appended.
const (
	KeyMissing  = "image.missing"
	KeyNotImage = "image.notImage"
	KeyCorrupt  = "image.corrupt"
	KeyHEIC     = "image.heic"
	KeyTooLarge = "image.tooLarge"
	KeyFormat   = "image.format"
)

// MaxPixels is the largest image accepted, in pixels (100 megapixels). A
// phone photo is 12 to 50 megapixels; anything larger is refused from its
// header, before a byte of pixels is decoded, so that one file cannot take
// the build's memory.
const MaxPixels = 100_000_000

// Error is a problem with an image that the user can fix. Key and Hint are
// message keys; Args fill them. Args always holds "image", the name given to
// Process; the caller adds the file and line that referenced the image.
type Error struct {
	Key  string
	Args diag.Args
	// Hint names the message that says what to do, Key + ".hint".
	Hint string
	// Err is the decoder's own error when there is one, for logs only.
	Err error
}

func newError(key string, args diag.Args, err error) *Error {
	if args == nil {
		args = diag.Args{}
	}
	return &Error{Key: key, Args: args, Hint: key + ".hint", Err: err}
}

// Error returns English text for logs; users see the message rendered from
// the theme's i18n files instead.
func (e *Error) Error() string {
	a := func(name string) any { return e.Args[name] }
	var s string
	switch e.Key {
	case KeyMissing:
		s = fmt.Sprintf("image %v not found", a("image"))
	case KeyNotImage:
		s = fmt.Sprintf("%v is not a picture", a("image"))
	case KeyCorrupt:
		s = fmt.Sprintf("%v is a damaged or incomplete %v file", a("image"), a("format"))
	case KeyHEIC:
		s = fmt.Sprintf("%v is an iPhone HEIC/HEIF photo, which browsers cannot show; export or share it as JPEG", a("image"))
	case KeyTooLarge:
		s = fmt.Sprintf("%v is %v×%v pixels (%v megapixels), over the limit of %v megapixels",
			a("image"), a("width"), a("height"), a("megapixels"), a("limit"))
	case KeyFormat:
		s = fmt.Sprintf("%v is in %v format, which is not supported; save it as JPEG or PNG", a("image"), a("format"))
	default:
		s = fmt.Sprintf("%s: %v", e.Key, e.Args)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the decoder's error, if any.
func (e *Error) Unwrap() error { return e.Err }

// Diagnostic turns e into an error diagnostic (diag.Diagnoser), without a
// place: diag.From puts it where a markdown file referenced the image.
func (e *Error) Diagnostic() diag.Diagnostic {
	return diag.Diagnostic{Severity: diag.Error, Key: e.Key, Args: e.Args, Hint: e.Hint}
}

// withImage returns a copy of e naming the image, so that callers sharing
// one decode (same bytes, different names) each see their own name.
func (e *Error) withImage(name string) *Error {
	c := *e
	c.Args = make(diag.Args, len(e.Args)+1)
	for k, v := range e.Args {
		c.Args[k] = v
	}
	c.Args["image"] = name
	return &c
}
