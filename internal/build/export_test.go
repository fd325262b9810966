package build

import "time"

// SetStatWindow sets how recent a source's times may be for a build cache
// to record its metadata (see fileStat): tests write files and build again
// within the default window.
func SetStatWindow(bl *Builder, d time.Duration) { bl.statWindow = d }
