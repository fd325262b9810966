//go:build unix

package main

import (
	"net"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
)

// cmdMkfifo: mkfifo PATH — makes a named pipe.
func cmdMkfifo(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: mkfifo PATH")
	}
	ts.Check(makeFifo(ts.MkAbs(args[0])))
}

func makeFifo(path string) error { return syscall.Mkfifo(path, 0o644) }

// makeSocket leaves a Unix socket file at path (closed, so nothing listens).
func makeSocket(path string) error {
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return err
	}
	l.SetUnlinkOnClose(false)
	return l.Close()
}
