package schema

import (
	"testing"

	"brief/internal/config"
	"brief/internal/content"
)

// A type without a schema is a test failure here, not a field that editors
// silently cannot check.
func TestEveryTypeHasASchema(t *testing.T) {
	for _, typ := range content.Types() {
		value(content.Field{Name: "x", Type: typ, Fields: []content.Field{{Name: "y", Type: content.Text}}}, Options{})
	}
	defer func() {
		if recover() == nil {
			t.Error("an unknown type got a schema")
		}
	}()
	value(content.Field{Name: "x", Type: content.Types()[len(content.Types())-1] + 1}, Options{})
}

func TestEveryKeyTypeHasASchema(t *testing.T) {
	for typ := config.KeyString; typ <= config.KeyMap; typ++ {
		key(config.Key{Name: "x", Type: typ, Entry: &config.Key{Type: config.KeyString}})
	}
	defer func() {
		if recover() == nil {
			t.Error("an unknown key type got a schema")
		}
	}()
	key(config.Key{Name: "x", Type: config.KeyMap + 1})
}
