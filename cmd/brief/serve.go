package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"brief"
	"brief/internal/build"
	"brief/internal/rebuild"
	"brief/internal/sources"
)

func cmdServe(args []string, stdout, stderr io.Writer) error {
	var sf siteFlags
	fs := newFlags("serve", "serve [flags]", stderr)
	sf.register(fs)
	port := fs.Int("port", 1313, "port to listen on (0 picks a free one)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; 0.0.0.0 exposes the preview to your network")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opt, err := sf.options(os.Getenv)
	if err != nil {
		return err
	}
	root, err := openSite(sf.source)
	if err != nil {
		return err
	}
	defer root.Close()
	sf.openCache(&opt, os.Getenv, stderr)
	addr := net.JoinHostPort(*bind, strconv.Itoa(*port))
	if *port == 0 {
		// Pick the port first, so links can name it.
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return err
		}
		addr = l.Addr().String()
		l.Close()
	}
	opt.BaseURL = "http://" + addr + "/"
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c := rebuild.Config{Source: sf.source, FS: sources.FS(root), Builder: build.New(brief.DefaultTheme()), Options: opt, Log: stdout, Errors: stderr}
	return rebuild.Serve(ctx, c, addr, func(a net.Addr) {
		fmt.Fprintf(stdout, "serving at http://%s/ (Ctrl-C to stop)\n", a)
	})
}
