// Package themes holds the default theme's message catalogs inside the
// program, so that messages are words even when a site's own copy of
// themes/default/i18n is missing or broken (a YAML error in it cannot be
// told with the messages it holds). The theme itself is read from the
// site's folder as always; only generator/i18n uses these.
package themes

import "embed"

// DefaultI18n holds default/i18n/<lang>.yaml for every site language.
//
//go:embed default/i18n/*.yaml
var DefaultI18n embed.FS
