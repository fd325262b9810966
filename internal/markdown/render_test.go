package markdown

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// sampleBody is a realistic briefing body of about 700 words: headings in
// English and Chinese, lists, links (.md and external), emphasis, a table
// and a footnote.
func sampleBody() []byte {
	var b strings.Builder
	b.WriteString("Hong Kong's Securities and Futures Commission has *again* revised its rules for **virtual asset trading platforms**. ")
	b.WriteString("香港证监会投入**“1亿元”**支持数字资产发展。See [the retail briefing](hk-retail-trading.md#fees) and [the SFC circular](https://www.sfc.hk/en/).[^1]\n\n")
	for i := range 6 {
		fmt.Fprintf(&b, "## Section %d: licensing and custody\n\n", i+1)
		b.WriteString("Platforms serving retail investors must meet custody, insurance and token admission requirements. ")
		b.WriteString("The regulator expects \"robust\" governance -- including independent audits, cold storage of at least 98% of client assets, ")
		b.WriteString("and clear disclosures to investors about the risks of trading volatile assets. Firms that fail to comply face suspension.\n\n")
		b.WriteString("### 监管要点\n\n")
		b.WriteString("- Minimum paid-up capital of HK$5m and liquid capital of HK$3m\n")
		b.WriteString("- 客户资产须存放于信托账户，并由独立托管人持有\n")
		b.WriteString("- Annual review by an *approved* auditor, see [Beijing](../briefings/beijing-web3.md)\n\n")
		b.WriteString("| Requirement | Threshold | Source |\n|:--|--:|---|\n")
		b.WriteString("| Cold storage | 98% | [Guidelines](https://www.sfc.hk/g) |\n| Insurance | 50% | Circular |\n\n")
		b.WriteString("Further guidance is expected later this year, and market participants should ~~wait~~ prepare now. ")
		b.WriteString("The consultation drew responses from banks, exchanges, law firms and industry associations across the region.\n\n")
	}
	b.WriteString("[^1]: Consultation conclusions, published in 2023.\n")
	return []byte(b.String())
}

func benchContext() Context {
	return Context{
		SourcePath: "content/briefings/hk-sfc-update.md",
		LineOffset: 12,
		IDPrefix:   "hk-sfc-update-",
		Resolve: func(p string) (string, bool) {
			switch p {
			case "content/briefings/hk-retail-trading.md":
				return "/briefings/hk-retail-trading/", true
			case "content/briefings/beijing-web3.md":
				return "/briefings/beijing-web3/", true
			}
			return "", false
		},
	}
}

func TestSampleBodyIsRealistic(t *testing.T) {
	res := New(Options{}).Render(sampleBody(), benchContext())
	if res.Words < 600 || res.Words > 800 {
		t.Errorf("sample has %d words, want about 700", res.Words)
	}
	if len(res.Problems) > 0 {
		t.Errorf("sample has problems: %v", res.Problems)
	}
	if len(res.Headings) != 12 {
		t.Errorf("sample has %d headings, want 12", len(res.Headings))
	}
}

// TestConcurrentRender checks, under -race, that one Renderer serves many
// goroutines and that each gets exactly what a lone render gives.
func TestConcurrentRender(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		r := New(Options{Unsafe: unsafe})
		bodies := [][]byte{
			sampleBody(),
			[]byte("## 香港\n\nA[^1] [x](missing.md)\n\n[^1]: n\n"),
			[]byte("# Other\n\n投入**“1亿元”**支持\n"),
		}
		ctxs := []Context{benchContext(), {SourcePath: "content/briefings/a.md", IDPrefix: "a-", Resolve: benchContext().Resolve}, {IDPrefix: "b-", PlainText: true}}
		want := make([]Result, len(bodies))
		for i := range bodies {
			want[i] = r.Render(bodies[i], ctxs[i])
		}
		var wg sync.WaitGroup
		errs := make(chan string, 64)
		for g := range 16 {
			wg.Go(func() {
				for n := range 20 {
					i := (g + n) % len(bodies)
					got := r.Render(bodies[i], ctxs[i])
					if got.HTML != want[i].HTML || got.Text != want[i].Text ||
						len(got.Problems) != len(want[i].Problems) || len(got.Headings) != len(want[i].Headings) {
						select {
						case errs <- fmt.Sprintf("unsafe=%v body %d: concurrent render differs", unsafe, i):
						default:
						}
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	}
}

func TestResultHTMLIsNotShared(t *testing.T) {
	r := New(Options{})
	a := r.Render([]byte("first\n"), Context{})
	_ = r.Render([]byte("second, which is longer\n"), Context{})
	if want := "<p>first</p>\n"; string(a.HTML) != want {
		t.Errorf("earlier result changed to %q; want %q", a.HTML, want)
	}
}

func BenchmarkRender(b *testing.B) {
	r := New(Options{})
	src, ctx := sampleBody(), benchContext()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r.Render(src, ctx)
		}
	})
}

func BenchmarkRenderUnsafe(b *testing.B) {
	r := New(Options{Unsafe: true})
	src, ctx := sampleBody(), benchContext()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r.Render(src, ctx)
		}
	})
}
