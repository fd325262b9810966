// Package brief holds the default theme: the repository's own layouts/
// folder, embedded in the binary so a site with only content/ builds. It
// lives at the root because go:embed cannot reach up from internal/.
package brief

import (
	"embed"
	"io/fs"
)

//go:embed layouts
var layouts embed.FS

// DefaultTheme returns the embedded layouts/ folder, rooted at it.
func DefaultTheme() fs.FS {
	sub, err := fs.Sub(layouts, "layouts")
	if err != nil {
		panic(err) // the embed directive guarantees the folder exists
	}
	return sub
}
