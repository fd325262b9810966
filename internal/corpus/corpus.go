// Package corpus generates a deterministic site of synthetic briefings for
// benchmarks and stress tests: same options, byte-identical files.
package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options says how many briefings to write and which seed drives every choice.
type Options struct {
	N    int
	Seed int64
	// Images turns that many briefings, spread through the corpus, into
	// page bundles with a picture (two photographs for every chart), shown
	// in the body and as the briefing's image.
	Images int
}

// BriefingsDir is where Generate writes the briefings, relative to its dir.
const BriefingsDir = "content/briefings"

// siteConfig is the site.toml written next to content/.
const siteConfig = `title = "Generated briefings"
baseURL = "https://example.org/"
`

// pcgStream is the second PCG word; fixed so that only Seed varies the output.
const pcgStream = 0x62726965665f6331 // "brief_c1"

// Generate writes opt.N briefings into dir/content/briefings/ and a
// dir/site.toml, creating folders as needed. Existing files of the same name
// are overwritten; other files are left alone.
func Generate(dir string, opt Options) error {
	if opt.N < 0 {
		return errors.New("corpus: N must not be negative")
	}
	out := filepath.Join(dir, filepath.FromSlash(BriefingsDir))
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte(siteConfig), 0o644); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(uint64(opt.Seed), pcgStream))
	// All front matter first: bodies link to other briefings by file name.
	all := make([]briefing, opt.N)
	for i := range all {
		all[i] = newBriefing(r, i)
	}
	pictures(all, opt)
	var s strings.Builder
	for i, b := range all {
		s.Reset()
		s.WriteString(b.frontMatter())
		s.WriteString(b.figure())
		writeBody(&s, r, b, planBody(r, i, all))
		p := filepath.Join(out, filepath.FromSlash(b.fileName))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		if err := os.WriteFile(p, []byte(s.String()), 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		if err := b.writePicture(filepath.Dir(p), opt.Seed+int64(i)); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	return nil
}
