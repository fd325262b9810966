#!/usr/bin/env bash
# Stage breakdown of a CPU profile of `brief build`:
#
#   brief build --source SITE --destination OUT --cpuprofile cpu.prof
#   bench/stages.sh cpu.prof
#
# prints, for each stage, the CPU seconds spent in it and below it (pprof's
# cumulative time) and its share of all samples. Stages are matched by the
# function that runs them; a stage whose function no longer exists shows
# "-". Stages can nest (templates call seo and jsonld), so shares need not add
# up to 100%; "GC" is the collector's own background work, while allocation
# is counted inside each stage.
set -euo pipefail
prof=${1:?usage: bench/stages.sh cpu.prof}
top=$(go tool pprof -top -cum -nodefraction=0 -nodecount=100000 "$prof" 2>/dev/null)
total=$(awk '/Total samples/ { for (i = 1; i <= NF; i++) if ($i == "=") { v = $(i + 1); sub(/s$/, "", v); print v } }' <<<"$top")
printf '%-34s %8s %7s\n' stage "CPU s" share
stage() { # NAME FUNCTION...
	local name=$1 sum=0 found=0 f
	shift
	for f in "$@"; do
		local v
		v=$(awk -v f="$f" '$NF == f { v = $4; sub(/s$/, "", v); if (v ~ /ms$/) { sub(/ms$/, "", v); v /= 1000 } print v; exit }' <<<"$top")
		if [ -n "$v" ]; then sum=$(awk -v a="$sum" -v b="$v" 'BEGIN { print a + b }'); found=1; fi
	done
	if [ "$found" = 0 ]; then printf '%-34s %8s %7s\n' "$name" - -; return; fi
	printf '%-34s %8.2f %6.1f%%\n' "$name" "$sum" "$(awk -v a="$sum" -v t="$total" 'BEGIN { print 100 * a / t }')"
}
stage "load: read + front matter" 'brief/internal/build.(*state).loadContent.func1'
stage "  of which YAML decoding" 'brief/internal/content.decodeYAML'
stage "model (site.New, pages)" 'brief/internal/build.(*state).makeModel'
stage "bodies (goldmark + our passes)" 'brief/internal/build.(*state).renderBody'
stage "cards (a template per briefing)" 'brief/internal/build.(*state).renderCards.func1' 'brief/internal/build.(*state).renderCards.func2'
stage "search entries (analyse, fragment)" 'brief/internal/build.(*state).searchEntry'
stage "search index files" 'brief/internal/build.(*state).searchIndex'
stage "templates (render)" 'brief/internal/render.(*Theme).Render'
stage "  of which reflect.Value.call" 'reflect.Value.call'
stage "data export (JSON, CSV)" 'brief/internal/export.JSON' 'brief/internal/export.CSV'
stage "feeds and sitemap" 'brief/internal/feeds.Atom' 'brief/internal/feeds.JSON' 'brief/internal/feeds.Sitemap'
stage "write (staging files, swap)" 'brief/internal/output.(*Staging).Put' 'brief/internal/output.(*Staging).Commit'
stage "GC background work" 'runtime.gcBgMarkWorker' 'runtime.bgsweep'
printf '%-34s %8.2f %6.1f%%\n' "all samples" "$total" 100
