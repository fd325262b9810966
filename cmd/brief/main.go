// Command brief builds policy-briefing sites: brief build, serve, check, new.
// This file only parses flags and wires packages together.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// version is set at release time with -ldflags "-X main.version=...".
var version = "dev"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `brief builds static sites of policy briefings from Markdown.

Usage:
  brief build [--source DIR] [--destination DIR] [--drafts] [--future] [--baseURL URL] [--minify] [--watch] [--broken-links error|warn]
  brief serve [--source DIR] [--port 1313] [--bind 127.0.0.1] [--drafts] [--future] [--broken-links error|warn]
  brief check [--source DIR] [--drafts] [--future] [--format text|json|github] [--broken-links error|warn]
  brief new [--source DIR] [--jurisdiction NAME] [--tags a,b] [--bundle] "Title of the briefing"
  brief cms [--source DIR] [--decap FILE|DIR] [--check]
  brief schema [--source DIR] [--out DIR] [--frontmatter] [--check] [--print briefing|site]
  brief version
  brief help

Run "brief COMMAND --help" for a command's flags.
`

// run is main without the exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "build":
		err = cmdBuild(rest, stdout, stderr)
	case "serve", "server":
		err = cmdServe(rest, stdout, stderr)
	case "check":
		err = cmdCheck(rest, stdout, stderr)
	case "new":
		err = cmdNew(rest, stdout, stderr)
	case "schema":
		err = cmdSchema(rest, stdout, stderr)
	case "cms":
		err = cmdCms(rest, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "brief", version)
		return 0
	case "help", "--help", "-h", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "brief: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errReported):
		return 1
	case errors.Is(err, errInterrupted):
		return 130
	}
	msg := err.Error()
	if !strings.HasSuffix(msg, "\n") {
		msg += "\n"
	}
	fmt.Fprint(stderr, msg)
	return 1
}

var errUsage = errors.New("usage")

// errInterrupted ends a command stopped by SIGINT or SIGTERM (exit 130);
// the message was printed when the signal arrived.
var errInterrupted = errors.New("interrupted")

// newFlags makes a flag set that prints its usage on stderr and returns
// errors instead of exiting.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: brief %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
