package content

import (
	"strings"
	"testing"
	"time"
)

// benchBriefing is a realistic briefing: YAML front matter with every field
// and a body of about 600 words.
func benchBriefing() []byte {
	front := `---
title: "HKMA sets out licensing regime for fiat-referenced stablecoin issuers"
date: 2024-07-18T09:30:00+08:00
updated: 2024-07-19
jurisdiction: [Hong Kong]
tags: [stablecoins, HKMA, licensing, sandbox]
summary: >-
  The Hong Kong Monetary Authority published the conclusions of its
  consultation and the first sandbox participants.
authors: [Li Wei, Chan Tai Man]
slug: hkma-stablecoin-licensing
aliases: [/briefings/2024/hkma-stablecoins/]
funding:
  - amount: 100000000
    currency: HKD
    usd: 12.8m
    purpose: Sandbox programme
  - amount: 1.2bn
    currency: CNY
    purpose: Digital yuan pilots in the Greater Bay Area
sources:
  - title: HKMA press release
    url: https://www.hkma.gov.hk/eng/news-and-media/press-releases/2024/07/20240718-3/
  - url: https://www.sfc.hk/en/News-and-announcements
---
`
	para := "The Hong Kong Monetary Authority said on Thursday that issuers of fiat-referenced " +
		"stablecoins will need a licence, with capital of at least HK$25 million, full reserve " +
		"backing held with licensed banks, and redemption at par within one business day. "
	var body strings.Builder
	body.WriteString("\n## What changed\n\n")
	for body.Len() < 3600 { // about 600 words
		body.WriteString(para)
		body.WriteString("\n\n")
	}
	return []byte(front + body.String())
}

func BenchmarkParse(b *testing.B) {
	src := benchBriefing()
	opt := Options{Location: time.FixedZone("HKT", 8*3600)}
	if _, list := Parse("content/briefings/bench.md", src, opt); len(list) > 0 {
		b.Fatalf("benchmark file has problems:\n%s", list.Error())
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse("content/briefings/bench.md", src, opt)
	}
}

func BenchmarkParseParallel(b *testing.B) {
	src := benchBriefing()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			Parse("content/briefings/bench.md", src, Options{})
		}
	})
}
