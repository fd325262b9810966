package main

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"

	"brief/internal/images/imagestest"
)

// cmdMkImage: mkimage FILE png|jpeg|jpeg-gps WIDTH HEIGHT — writes a test
// picture (jpeg-gps: a camera JPEG whose EXIF data records a position).
func cmdMkImage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: mkimage FILE png|jpeg|jpeg-gps WIDTH HEIGHT")
	}
	w, err1 := strconv.Atoi(args[2])
	h, err2 := strconv.Atoi(args[3])
	if err1 != nil || err2 != nil {
		ts.Fatalf("mkimage: bad size %s x %s", args[2], args[3])
	}
	var data []byte
	switch args[1] {
	case "png":
		data = imagestest.PNG(w, h)
	case "jpeg":
		data = imagestest.JPEG(w, h)
	case "jpeg-gps":
		data = imagestest.JPEGWithGPS(w, h, 0)
	default:
		ts.Fatalf("mkimage: unknown kind %s", args[1])
	}
	p := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
	ts.Check(os.WriteFile(p, data, 0o644))
}
