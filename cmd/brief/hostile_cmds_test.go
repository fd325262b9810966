package main

import (
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdWriteQuoted: writeq "GO-QUOTED-NAME" FILE — copies FILE to a path given
// as a Go string literal, so a script can make names with a newline or
// other control characters.
func cmdWriteQuoted(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 || neg {
		ts.Fatalf("usage: writeq \"GO-QUOTED-NAME\" FILE")
	}
	name, err := strconv.Unquote(args[0])
	ts.Check(err)
	data, err := os.ReadFile(ts.MkAbs(args[1]))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(name), data, 0o644))
}

// cmdRemoveQuoted: rmq "GO-QUOTED-NAME" — removes a file named as writeq names it.
func cmdRemoveQuoted(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: rmq \"GO-QUOTED-NAME\"")
	}
	name, err := strconv.Unquote(args[0])
	ts.Check(err)
	ts.Check(os.Remove(ts.MkAbs(name)))
}
