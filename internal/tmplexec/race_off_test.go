//go:build !race

package tmplexec

const raceEnabled = false
