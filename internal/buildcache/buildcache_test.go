package buildcache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	f, err := Open(dir, "v1")
	if err != nil {
		t.Fatal(err)
	}
	if data, err := f.Load(); data != nil || err != nil {
		t.Fatalf("empty cache: %q, %v", data, err)
	}
	if err := f.Save([]byte("state")); err != nil {
		t.Fatal(err)
	}
	if data, err := f.Load(); string(data) != "state" || err != nil {
		t.Fatalf("got %q, %v", data, err)
	}
	// Another version's state is not read, and is replaced on Save.
	g, _ := Open(dir, "v2")
	if data, err := g.Load(); data != nil || err != ErrOtherVersion {
		t.Fatalf("another version: %q, %v", data, err)
	}
	if err := g.Save([]byte("new")); err != nil {
		t.Fatal(err)
	}
	if data, _ := g.Load(); string(data) != "new" {
		t.Fatalf("not replaced: %q", data)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "build", "*"))
	if len(left) != 1 {
		t.Fatalf("files beside the state: %v", left)
	}
	if _, err := os.Stat(filepath.Join(dir, "images")); err != nil {
		t.Fatal("no images folder:", err)
	}
	if Version() == "" {
		t.Fatal("no version")
	}
}

func TestAppend(t *testing.T) {
	f, err := Open(t.TempDir(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Append([]byte("x")); err == nil {
		t.Fatal("appended to a state that does not exist")
	}
	if err := f.Save([]byte("state")); err != nil {
		t.Fatal(err)
	}
	if err := f.Append([]byte("+1")); err != nil {
		t.Fatal(err)
	}
	if err := f.Append([]byte("+2")); err != nil {
		t.Fatal(err)
	}
	if data, err := f.Load(); string(data) != "state+1+2" || err != nil {
		t.Fatalf("got %q, %v", data, err)
	}
	if err := f.Save([]byte("new")); err != nil {
		t.Fatal(err)
	}
	if data, _ := f.Load(); string(data) != "new" {
		t.Fatalf("Save did not replace the journal: %q", data)
	}
}
