package main

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptedBuildLosesNothing interrupts `brief build` (a real
// process) at moments spread over a whole build, from before it has started
// to after it has finished (the last quarter). Whenever the signal lands, the output is
// afterwards either as it was or the complete new site, and nothing is left
// beside it. The same site builds the same bytes, so both states compare
// equal to one reference.
func TestInterruptedBuildLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs brief 17 times")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	brief := filepath.Join(bin, "brief") // testscript.Main runs run() under this name
	if err := os.Symlink(exe, brief); err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	for i := range 80 {
		writeFile(t, filepath.Join(site, "content", "briefings", fmt.Sprintf("b%03d.md", i)),
			fmt.Sprintf("---\ntitle: \"Briefing %d\"\ndate: 2023-%02d-%02d\ntags: [t%d, common]\njurisdiction: J%d\n---\n\n%s\n",
				i, i%12+1, i%28+1, i%40, i%9, strings.Repeat("Some words of a body. ", 200)))
	}
	dest := filepath.Join(site, "public")
	command := func() *exec.Cmd {
		cmd := exec.Command(brief, "build", "--quiet", "--source", site)
		cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+fixedEpoch)
		return cmd
	}
	start := time.Now()
	if out, err := command().CombinedOutput(); err != nil {
		t.Fatalf("reference build: %v\n%s", err, out)
	}
	whole := time.Since(start)
	reference := snapshot(t, dest)

	const runs = 16
	interrupted := 0
	for i := range runs {
		if i%2 == 1 {
			// Every other run starts without an output: an interrupted
			// first build must leave none, or the complete one.
			if err := os.RemoveAll(dest); err != nil {
				t.Fatal(err)
			}
		}
		_, err := os.Stat(dest)
		had := err == nil
		cmd := command()
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(whole * 5 / 4 * time.Duration(i/2) / (runs / 2))
		_ = cmd.Process.Signal(os.Interrupt)
		err = cmd.Wait()
		var exit *exec.ExitError
		switch {
		case err == nil:
		case errors.As(err, &exit) && exit.ExitCode() == 130:
			interrupted++
		case errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signal() == syscall.SIGINT:
			interrupted++ // before brief listened for it: nothing had been written
		default:
			t.Fatalf("run %d: %v\n%s", i, err, stderr.String())
		}
		switch _, err := os.Stat(dest); {
		case os.IsNotExist(err) && had:
			t.Fatalf("run %d: the previous output is gone", i)
		case err == nil:
			if got := snapshot(t, dest); !maps.Equal(got, reference) {
				t.Fatalf("run %d: the output is neither the previous nor the new site (%d files, want %d)", i, len(got), len(reference))
			}
		}
		entries, err := os.ReadDir(site)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".public.staging-") {
				t.Fatalf("run %d: %s left beside the output", i, e.Name())
			}
		}
	}
	t.Logf("%d of %d runs interrupted before they finished (a build takes %s)", interrupted, runs, whole.Round(time.Millisecond))
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot maps every file under dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
