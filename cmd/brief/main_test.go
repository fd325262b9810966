package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"go.yaml.in/yaml/v3"

	"brief/internal/cms"
	"brief/internal/content"
	"brief/internal/schema/schematest"
)

// TestMain lets scripts run "exec brief ..." as a real process, going
// through run exactly as the installed command does.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"brief": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// fixedEpoch is 2024-07-01T00:00:00Z: briefings dated after it are "future".
const fixedEpoch = "1719792000"

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", fixedEpoch)
			// A build on Netlify's machines must not change these tests' URLs.
			for _, k := range []string{"NETLIFY", "CONTEXT", "URL", "DEPLOY_PRIME_URL", "DEPLOY_URL"} {
				env.Setenv(k, "")
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cmpdir":  cmdCmpDir,
			"cpdir":   cmdCpDir,
			"smaller": cmdSmaller,
			"xmlok":   cmdXMLOK,
			"addbom":  cmdAddBOM,
			"perms":   cmdPerms,
			"staged":  cmdStaged,
			"writeq":  cmdWriteQuoted,
			"rmq":     cmdRemoveQuoted,
			"mkfifo":  cmdMkfifo,
			"valid":   cmdValid,
			"mkimage": cmdMkImage,
		},
	})
}

// cmdCmpDir: cmpdir DIR1 DIR2 — both trees hold the same files, byte for byte.
func cmdCmpDir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: cmpdir DIR1 DIR2")
	}
	a, b := readTree(ts, ts.MkAbs(args[0])), readTree(ts, ts.MkAbs(args[1]))
	var diffs []string
	for _, p := range sortedNames(a, b) {
		da, inA := a[p]
		db, inB := b[p]
		switch {
		case !inA:
			diffs = append(diffs, "only in "+args[1]+": "+p)
		case !inB:
			diffs = append(diffs, "only in "+args[0]+": "+p)
		case !bytes.Equal(da, db):
			diffs = append(diffs, "differs: "+p)
		}
	}
	switch {
	case neg && len(diffs) == 0:
		ts.Fatalf("%s and %s are identical (%d files)", args[0], args[1], len(a))
	case !neg && len(diffs) > 0:
		for _, d := range diffs {
			ts.Logf("%s", d)
		}
		ts.Fatalf("%s and %s differ in %d files", args[0], args[1], len(diffs))
	case len(a) == 0:
		ts.Fatalf("%s is empty", args[0])
	}
}

// cmdCpDir: cpdir SRC DST — copy a tree, e.g. to keep a snapshot of public/.
func cmdCpDir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cpdir SRC DST")
	}
	dst := ts.MkAbs(args[1])
	for p, data := range readTree(ts, ts.MkAbs(args[0])) {
		out := filepath.Join(dst, filepath.FromSlash(p))
		ts.Check(os.MkdirAll(filepath.Dir(out), 0o755))
		ts.Check(os.WriteFile(out, data, 0o644))
	}
}

// cmdSmaller: smaller FILE1 FILE2 — FILE1 has fewer bytes than FILE2.
func cmdSmaller(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: smaller FILE1 FILE2")
	}
	a, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	b, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	if (a.Size() < b.Size()) == neg {
		ts.Fatalf("%s has %d bytes, %s has %d", args[0], a.Size(), args[1], b.Size())
	}
}

// cmdXMLOK: xmlok FILE — FILE is well-formed XML.
func cmdXMLOK(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: xmlok FILE")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err = d.Token()
		if err != nil {
			break
		}
	}
	ok := errors.Is(err, io.EOF)
	switch {
	case !ok && !neg:
		ts.Fatalf("%s is not well-formed XML: %v", args[0], err)
	case ok && neg:
		ts.Fatalf("%s is well-formed XML", args[0])
	}
}

// cmdAddBOM: addbom FILE... — prepend a UTF-8 byte-order mark, as Windows
// editors do. Made at run time so that no tool can strip it from the archive.
func cmdAddBOM(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: addbom FILE...")
	}
	for _, name := range args {
		p := ts.MkAbs(name)
		data, err := os.ReadFile(p)
		ts.Check(err)
		ts.Check(os.WriteFile(p, append([]byte("\uFEFF"), data...), 0o644))
	}
}

// cmdPerms: perms DIR — every folder under DIR (DIR included) has mode
// 0755 and every file 0644, less the umask, as any tool would make them.
func cmdPerms(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: perms DIR")
	}
	mask := umask(ts)
	n := 0
	err := filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		want &^= mask
		if got := info.Mode().Perm(); got != want {
			ts.Fatalf("%s has mode %v, want %v (umask %04o)", p, got, want, mask)
		}
		n++
		return nil
	})
	ts.Check(err)
	ts.Logf("%d folders and files with the expected modes (umask %04o)", n, mask)
}

// umask reads the process's umask without changing it (Linux), so that
// scripts running in parallel never see another value.
func umask(ts *testscript.TestScript) fs.FileMode {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		ts.Fatalf("no /proc/self/status to read the umask from: %v", err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "Umask:"); ok {
			n, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32)
			ts.Check(err)
			return fs.FileMode(n)
		}
	}
	ts.Fatalf("no Umask line in /proc/self/status")
	return 0
}

// cmdStaged: staged DEST — folders that a build into DEST left beside it
// (.DEST.staging-*) exist.
func cmdStaged(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: staged DEST")
	}
	dest := ts.MkAbs(args[0])
	es, err := os.ReadDir(filepath.Dir(dest))
	ts.Check(err)
	var found []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(dest)+".staging-") {
			found = append(found, e.Name())
		}
	}
	switch {
	case neg && len(found) > 0:
		ts.Fatalf("left beside %s: %v", args[0], found)
	case !neg && len(found) == 0:
		ts.Fatalf("nothing staged beside %s", args[0])
	}
}

// cmdValid: valid SCHEMA FILE... — each file validates against the JSON
// Schema: a .md file's front matter, a .toml file as TOML, else JSON. This is
// what an editor's schema support does with the files brief schema writes.
func cmdValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: valid SCHEMA FILE...")
	}
	raw, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	t := tsT{ts}
	s := schematest.Compile(t, raw, false)
	for _, name := range args[1:] {
		data, err := os.ReadFile(ts.MkAbs(name))
		ts.Check(err)
		var v any
		switch filepath.Ext(name) {
		case ".md":
			v, err = content.FrontMatter(data)
			ts.Check(err)
		case ".toml":
			v = schematest.TOML(t, string(data))
		default:
			v = schematest.JSON(t, string(data))
		}
		verr := s.Validate(v)
		switch {
		case verr != nil && !neg:
			ts.Fatalf("%s: %v", name, verr)
		case verr == nil && neg:
			ts.Fatalf("%s is valid", name)
		case verr != nil:
			ts.Logf("%s: %v", name, verr)
		}
	}
}

// tsT lets the schematest helpers report through a script.
type tsT struct{ *testscript.TestScript }

func (tsT) Helper() {}

// readTree maps every regular file under dir (slash-separated, relative)
// to its content.
func readTree(ts *testscript.TestScript, dir string) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	ts.Check(err)
	return files
}

func sortedNames(trees ...map[string][]byte) []string {
	seen := map[string]bool{}
	var names []string
	for _, t := range trees {
		for p := range t {
			if !seen[p] {
				seen[p] = true
				names = append(names, p)
			}
		}
	}
	sort.Strings(names)
	return names
}

// The example site at the repository root ships the files editors' tools
// read (schemas, frontmatter.json); they must say what this brief accepts.
func TestExampleSiteEditorFilesAreCurrent(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"schema", "--source", "../..", "--frontmatter", "--check"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s (from the repository root: go run ./cmd/brief schema --frontmatter)", code, stderr.String())
	}
	if code := run([]string{"cms", "--source", "../..", "--check"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s (from the repository root: go run ./cmd/brief cms)", code, stderr.String())
	}
}

// The Decap release brief cms is written for is the one CI tests and the
// example site deploys.
func TestDecapVersionEverywhere(t *testing.T) {
	want := "decap-cms@" + cms.DecapVersion
	for _, f := range []string{"../../.ci/run", "../../netlify.toml"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(want)) || !bytes.Contains(data, []byte("decap-cms-"+cms.DecapVersion+".tgz")) {
			t.Errorf("%s does not fetch %s", f, want)
		}
	}
}

// The repository's pull-request workflow runs brief check with GitHub
// annotations, with Go's caches, on every pull request.
func TestPullRequestWorkflow(t *testing.T) {
	data, err := os.ReadFile("../../.github/workflows/check.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On   map[string]any `yaml:"on"`
		Jobs map[string]struct {
			Steps []struct {
				Uses string
				Run  string
				With map[string]any
			}
		}
	}
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatal(err)
	}
	if _, ok := wf.On["pull_request"]; !ok {
		t.Error("the workflow does not run on pull requests")
	}
	var check, cache bool
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			check = check || strings.Contains(s.Run, "./cmd/brief check --format=github")
			cache = cache || strings.HasPrefix(s.Uses, "actions/setup-go@") && s.With["cache"] == true && s.With["go-version-file"] == "go.mod"
		}
	}
	if !check || !cache {
		t.Errorf("brief check --format=github step: %v; setup-go with the cache and go.mod's version: %v", check, cache)
	}
}
