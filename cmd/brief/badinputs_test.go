package main

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var updateBad = flag.Bool("update-bad", false, "rewrite the expected messages of testdata/bad/*.txtar from what brief prints")

// TestBadInputs runs every case of testdata/bad through brief build and
// brief check, as a user would, over a site that built before: both must
// exit with status 1 and print exactly the case's messages, one per line
// (file:line: field: message (hint)), followed by the count; the previous
// output must be left byte for byte as it was.
//
// A case is a txtar archive: the files to add to (or replace in) the site
// of testdata/badbase.txtar, and a comment that says what is wrong, then
// lines "> message" (what brief must print) and, for what an archive cannot
// hold, set-up lines:
//
//	mkfifo PATH            a named pipe
//	socket PATH            a Unix socket
//	symlink PATH -> TARGET a symbolic link
//	writeq "NAME" FILE     FILE copied to a name given as a Go string
//	repeat N TEXT PATH     "@REPEAT@" in PATH becomes N copies of TEXT, joined
//	                       by ", ", with %d replaced by 0..N-1
//	rm PATH                a file of the base site removed
func TestBadInputs(t *testing.T) {
	names, err := filepath.Glob("testdata/bad/*.txtar")
	if err != nil || len(names) == 0 {
		t.Fatalf("no cases in testdata/bad: %v", err)
	}
	base := builtBase(t)
	var mu sync.Mutex
	var tally messageTally
	t.Cleanup(func() {
		if !t.Failed() {
			t.Logf("%d bad inputs, %d messages: %s", len(names), tally.total, tally)
		}
	})
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			t.Parallel()
			c := readCase(t, name)
			mu.Lock()
			tally.addCase(c.want)
			mu.Unlock()
			runBadCase(t, base, c)
		})
	}
}

// badCase is one archive of testdata/bad.
type badCase struct {
	path  string
	arch  *txtar.Archive
	setup []string
	want  []string
}

func readCase(t *testing.T, path string) badCase {
	t.Helper()
	arch, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := badCase{path: path, arch: arch}
	for line := range strings.Lines(string(arch.Comment)) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "> "):
			c.want = append(c.want, line[2:])
		case line == "" || strings.HasPrefix(line, "#"):
		default:
			c.setup = append(c.setup, line)
		}
	}
	if len(c.want) == 0 && !*updateBad {
		t.Fatalf("%s: no expected message (a line \"> file:line: field: message (hint)\")", path)
	}
	for _, w := range c.want {
		if m := parseMessage(w); m.file == "" || m.hint == "" {
			t.Errorf("%s: %q does not name a file and give a hint", path, w)
		}
	}
	return c
}

// builtBase builds the base site once; each case starts from a copy of it,
// public/ included.
func builtBase(t *testing.T) string {
	t.Helper()
	arch, err := txtar.ParseFile("testdata/badbase.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeArchive(t, dir, arch)
	var out, errb bytes.Buffer
	if code := run([]string{"build", "--source", dir, "--quiet"}, &out, &errb); code != 0 {
		t.Fatalf("the base site does not build (exit %d):\n%s", code, errb.String())
	}
	if code := run([]string{"check", "--source", dir}, &out, &errb); code != 0 {
		t.Fatalf("the base site does not pass check (exit %d):\n%s", code, errb.String())
	}
	return dir
}

func runBadCase(t *testing.T, base string, c badCase) {
	dir := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Join(dir, "public"))
	if len(before) == 0 {
		t.Fatal("the base site left no output")
	}
	writeArchive(t, dir, c.arch)
	for _, s := range c.setup {
		if err := setUp(dir, s); err != nil {
			if err == errSkip {
				t.Skipf("%s: not on this system", s)
			}
			t.Fatalf("%s: %v", s, err)
		}
	}

	var got [2]string
	for i, cmd := range []string{"build", "check"} {
		var stdout, stderr bytes.Buffer
		code := run([]string{cmd, "--source", dir}, &stdout, &stderr)
		if code != 1 {
			t.Errorf("brief %s exited %d, want 1\nstdout:\n%s\nstderr:\n%s", cmd, code, stdout.String(), stderr.String())
		}
		if stdout.Len() > 0 {
			t.Errorf("brief %s printed on stdout:\n%s", cmd, stdout.String())
		}
		got[i] = stderr.String()
	}
	if got[0] != got[1] {
		t.Errorf("build and check disagree:\nbuild:\n%s\ncheck:\n%s", got[0], got[1])
	}
	if *updateBad {
		rewriteWant(t, c, got[0])
	} else if want := expectedOutput(c.want); got[0] != want {
		t.Errorf("brief build printed:\n%s\nwant:\n%s", got[0], want)
	}
	after := snapshot(t, filepath.Join(dir, "public"))
	if !maps.Equal(before, after) {
		t.Errorf("the failed build changed public/: %d files before, %d after", len(before), len(after))
	}
	siblings, _ := filepath.Glob(filepath.Join(dir, ".public*"))
	if len(siblings) > 0 {
		t.Errorf("the failed build left %v", siblings)
	}
}

// expectedOutput is what brief prints for these messages.
func expectedOutput(want []string) string {
	noun := "errors"
	if len(want) == 1 {
		noun = "error"
	}
	return fmt.Sprintf("%s\nbuild failed: %d %s; nothing was written\n", strings.Join(want, "\n"), len(want), noun)
}

// rewriteWant replaces a case's "> " lines by what brief printed (-update-bad).
func rewriteWant(t *testing.T, c badCase, stderr string) {
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) > 0 && strings.HasPrefix(lines[len(lines)-1], "build failed: ") {
		lines = lines[:len(lines)-1]
	}
	var comment []string
	for line := range strings.Lines(string(c.arch.Comment)) {
		if !strings.HasPrefix(line, "> ") {
			comment = append(comment, strings.TrimSuffix(line, "\n"))
		}
	}
	for len(comment) > 0 && comment[len(comment)-1] == "" {
		comment = comment[:len(comment)-1]
	}
	for _, l := range lines {
		comment = append(comment, "> "+l)
	}
	c.arch.Comment = []byte(strings.Join(comment, "\n") + "\n")
	if err := os.WriteFile(c.path, txtar.Format(c.arch), 0o644); err != nil {
		t.Fatal(err)
	}
}

var errSkip = fmt.Errorf("not supported here")

// setUp makes what an archive cannot hold.
func setUp(dir, line string) error {
	abs := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	f := strings.Fields(line)
	if len(f) == 0 {
		return nil
	}
	mkParent := func(p string) error { return os.MkdirAll(filepath.Dir(abs(p)), 0o755) }
	switch {
	case f[0] == "mkfifo" && len(f) == 2:
		if err := mkParent(f[1]); err != nil {
			return err
		}
		return makeFifo(abs(f[1]))
	case f[0] == "socket" && len(f) == 2:
		if err := mkParent(f[1]); err != nil {
			return err
		}
		return makeSocket(abs(f[1]))
	case f[0] == "symlink" && len(f) == 4 && f[2] == "->":
		if err := mkParent(f[1]); err != nil {
			return err
		}
		return os.Symlink(filepath.FromSlash(f[3]), abs(f[1]))
	case f[0] == "writeq" && len(f) == 3:
		name, err := strconv.Unquote(f[1])
		if err != nil {
			return err
		}
		data, err := os.ReadFile(abs(f[2]))
		if err != nil {
			return err
		}
		return os.WriteFile(abs(name), data, 0o644)
	case f[0] == "repeat" && len(f) == 4:
		n, err := strconv.Atoi(f[1])
		if err != nil {
			return err
		}
		items := make([]string, n)
		for i := range items {
			items[i] = strings.ReplaceAll(f[2], "%d", strconv.Itoa(i))
		}
		data, err := os.ReadFile(abs(f[3]))
		if err != nil {
			return err
		}
		return os.WriteFile(abs(f[3]), bytes.ReplaceAll(data, []byte("@REPEAT@"), []byte(strings.Join(items, ", "))), 0o644)
	case f[0] == "rm" && len(f) == 2:
		return os.Remove(abs(f[1]))
	}
	return fmt.Errorf("unknown set-up line %q", line)
}

func writeArchive(t *testing.T, dir string, arch *txtar.Archive) {
	t.Helper()
	for _, f := range arch.Files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(f.Name)), string(f.Data))
	}
}

// message is a printed diagnostic taken apart, to count what it names.
type message struct{ file, line, field, hint string }

var (
	messageRE = regexp.MustCompile(`^("(?:[^"\\]|\\.)*"|\(default theme\) [^\s:]+|[^\s:"]+)(?::(\d+))?: (.*)$`)
	fieldRE   = regexp.MustCompile(`^([^\s:]+): `)
)

// parseMessage reads file:line: field: message (hint). The field is the
// first word before ": " when it has no space; the hint, the last
// parenthesised text.
func parseMessage(s string) message {
	m := messageRE.FindStringSubmatch(s)
	if m == nil {
		return message{}
	}
	out := message{file: m[1], line: m[2]}
	rest := m[3]
	if f := fieldRE.FindStringSubmatch(rest); f != nil && !strings.HasPrefix(f[1], "{{") {
		out.field = f[1]
	}
	if strings.HasSuffix(rest, ")") {
		depth := 0
		for i := len(rest) - 1; i >= 0; i-- {
			switch rest[i] {
			case ')':
				depth++
			case '(':
				depth--
			}
			if depth == 0 && i > 0 && rest[i-1] == ' ' {
				out.hint = rest[i+1 : len(rest)-1]
				break
			}
		}
	}
	return out
}

// messageTally counts what the expected messages name.
type messageTally struct{ cases, casesAll, total, file, line, field, hint, all int }

// addCase counts one case's messages, and the case when every message
// names the file and a field and gives a hint.
func (t *messageTally) addCase(want []string) {
	t.cases++
	before := t.all
	for _, w := range want {
		t.add(w)
	}
	if t.all-before == len(want) {
		t.casesAll++
	}
}

func (t *messageTally) add(s string) {
	m := parseMessage(s)
	t.total++
	count := func(n *int, ok bool) {
		if ok {
			*n++
		}
	}
	count(&t.file, m.file != "")
	count(&t.line, m.line != "")
	count(&t.field, m.field != "")
	count(&t.hint, m.hint != "")
	count(&t.all, m.file != "" && m.field != "" && m.hint != "")
}

func (t messageTally) String() string {
	return fmt.Sprintf("%d name the file, %d a line, %d a field, %d give a hint; %d name file, field and hint; "+
		"%d of %d inputs have only such messages", t.file, t.line, t.field, t.hint, t.all, t.casesAll, t.cases)
}
