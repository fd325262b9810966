package watch

import (
	"strconv"
	"strings"
)

// Suffixes of editor backup, swap and temporary files.
var ignoredSuffixes = []string{
	"~",                     // vim, emacs and many others: backup
	".swp", ".swx", ".swpx", // vim swap files
	".tmp", ".bck",
	"___jb_tmp___", "___jb_old___", // JetBrains "safe write"
}

// ignoredName reports whether a file or folder name is an editor dropping or
// a hidden file, which never count as site changes.
func ignoredName(name string) bool {
	if name == "" || strings.HasPrefix(name, ".") { // hidden, .DS_Store, emacs lock .#x
		return true
	}
	if len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") { // emacs autosave
		return true
	}
	for _, s := range ignoredSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return vimProbe(name)
}

// vimProbe reports vim's "can I write here" probe file: it creates 4913, or
// 4913+123, 4913+246, ... when that name is taken, and removes it at once.
func vimProbe(name string) bool {
	n, err := strconv.Atoi(name)
	return err == nil && n >= 4913 && (n-4913)%123 == 0 && name == strconv.Itoa(n)
}

// classify returns the kind of a slash-separated path relative to the site
// root, and false for paths outside the watched parts or with an ignored name.
func classify(rel string) (Kind, bool) {
	if rel == configFile {
		return Config, true
	}
	top, _, _ := strings.Cut(rel, "/")
	k, ok := topFolders[top]
	if !ok {
		return 0, false
	}
	for part := range strings.SplitSeq(rel, "/") {
		if ignoredName(part) {
			return 0, false
		}
	}
	return k, true
}
