package render

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"
)

// outputsCopying is outputs as it was before it made the page in the
// rendering's own bytes: the page in a copy of its own.
func outputsCopying(b []byte, n int) (all [][]byte, page []byte) {
	all = make([][]byte, n)
	bad := make([]bool, n)
	open := []byte("\x00fold<")
	page = make([]byte, 0, len(b))
	for {
		i := bytes.Index(b, open)
		if i < 0 {
			break
		}
		page = append(page, b[:i]...)
		b = b[i+len(open):]
		j := bytes.IndexByte(b, '>')
		k, err := strconv.Atoi(string(b[:max(j, 0)]))
		if j < 0 || err != nil || k < 0 || k >= n || len(b) < j+2 || b[j+1] != 0 {
			return make([][]byte, n), nil
		}
		b = b[j+2:]
		end := marker(k, true)
		e := bytes.Index(b, end)
		if e < 0 {
			return make([][]byte, n), nil
		}
		got := b[:e]
		page = append(page, got...)
		b = b[e+len(end):]
		switch {
		case all[k] == nil && !bad[k]:
			all[k] = append([]byte{}, got...)
		case !bytes.Equal(all[k], got):
			all[k], bad[k] = nil, true
		}
	}
	return all, append(page, b...)
}

// TestOutputsInPlaceAgree holds outputs, which strips the markers in the
// rendering's own bytes, to the copying code it replaced, on random marked
// renderings: sites that run once, again alike or not, never; markers
// broken, unknown or nested; text around them with NUL and '>'.
func TestOutputsInPlaceAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	texts := []string{"", "<p>", "a > b", "\x00", "fold<", "\x00fold", "香港", "<a href=\"/x\">x</a>\n"}
	for i := range 3000 {
		n := 1 + r.IntN(4)
		var b []byte
		for range r.IntN(8) {
			b = append(b, texts[r.IntN(len(texts))]...)
			k := r.IntN(n + 1) // n: a site the set does not have
			out := texts[r.IntN(len(texts))]
			switch r.IntN(12) {
			case 0:
				b = append(b, marker(k, false)...) // no end
			case 1:
				b = append(b, "\x00fold<x>\x00"...)
			case 2:
				b = append(b, marker(k, false)...)
				b = append(b, marker((k+1)%n, false)...)
				b = append(b, out...)
				b = append(b, marker((k+1)%n, true)...)
				b = append(b, marker(k, true)...)
			default:
				b = append(b, marker(k, false)...)
				b = append(b, out...)
				b = append(b, marker(k, true)...)
			}
		}
		b = append(b, texts[r.IntN(len(texts))]...)
		wantAll, wantPage := outputsCopying(b, n)
		in := bytes.Clone(b)
		gotAll, gotPage := outputs(in, n)
		if !reflect.DeepEqual(gotAll, wantAll) || !bytes.Equal(gotPage, wantPage) || (gotPage == nil) != (wantPage == nil) {
			t.Fatalf("case %d, %q (%d sites):\ngot  %q %q\nwant %q %q", i, b, n, fmtAll(gotAll), gotPage, fmtAll(wantAll), wantPage)
		}
	}
}

func fmtAll(all [][]byte) string { return fmt.Sprintf("%q", all) }
