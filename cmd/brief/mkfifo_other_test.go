//go:build !unix

package main

import "github.com/rogpeppe/go-internal/testscript"

func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	ts.Fatalf("no named pipes on this system: a script that makes one starts with [!unix] skip")
}

func makeFifo(string) error { return errSkip }

func makeSocket(string) error { return errSkip }
