package config

import (
	"slices"
	"testing"
)

// The key table describes exactly the keys Parse knows, or a documented key
// would be refused, or an accepted one undocumented.
func TestKeysMatchParse(t *testing.T) {
	got := slices.Sorted(slices.Values(dottedKeys("", siteKeys)))
	want := slices.Sorted(slices.Values(knownKeys))
	if !slices.Equal(got, want) {
		t.Errorf("table keys %q\nParse knows %q", got, want)
	}
	var docs func(prefix string, keys []Key)
	docs = func(prefix string, keys []Key) {
		for _, k := range keys {
			if k.Doc == "" {
				t.Errorf("%s%s has no Doc", prefix, k.Name)
			}
			docs(prefix+k.Name+".", k.Keys)
			if k.Entry != nil {
				docs(prefix+k.Name+".*.", k.Entry.Keys)
			}
		}
	}
	docs("", siteKeys)
}
