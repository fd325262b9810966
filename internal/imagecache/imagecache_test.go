package imagecache

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestDir(t *testing.T) {
	root := filepath.Join(t.TempDir(), "cache", "images")
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Get("abc-1-480x320.jpg"); ok {
		t.Fatal("an empty cache has a copy")
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d.Put("abc-1-480x320.jpg", []byte("copy")) // the same copy, from many workers
			d.Put("abd-1-960x640.jpg", []byte{byte(i)})
		}()
	}
	wg.Wait()
	if got, ok := d.Get("abc-1-480x320.jpg"); !ok || string(got) != "copy" {
		t.Errorf("Get = %q, %v", got, ok)
	}
	if _, err := os.Stat(filepath.Join(root, "ab", "abc-1-480x320.jpg")); err != nil {
		t.Errorf("copies are not spread by their first characters: %v", err)
	}
	for _, bad := range []string{"../escape", `a\b`, ".hidden", "ab"} {
		d.Put(bad, []byte("x"))
		if _, ok := d.Get(bad); ok {
			t.Errorf("key %q was stored", bad)
		}
	}
	if d.Failures() != 0 {
		t.Errorf("%d failures", d.Failures())
	}

	// A later build that uses only one of the copies prunes the other.
	later, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	later.Get("abc-1-480x320.jpg")
	os.WriteFile(filepath.Join(root, "ab", ".tmp-123"), []byte("half"), 0o644) // an interrupted write
	n, err := later.Prune()
	if err != nil || n != 2 {
		t.Errorf("Prune = %d, %v; want the unused copy and the leftover removed", n, err)
	}
	if _, ok := later.Get("abd-1-960x640.jpg"); ok {
		t.Error("the unused copy survived Prune")
	}
	if _, ok := later.Get("abc-1-480x320.jpg"); !ok {
		t.Error("Prune removed a used copy")
	}
}
