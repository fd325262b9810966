#!/usr/bin/env bash
# Side-by-side benchmark of brief and Hugo on generated corpora.
#
#   bench/compare.sh [N ...]        (run from anywhere; default N list: 1000 10000)
#
# Environment: RUNS (timed builds per tool and scenario, default 5),
# EDITS (timed watch-mode edits, default 20), SEED (corpus seed, default 1),
# HUGO_SLOW_N and HUGO_SLOW_EDITS (from N = HUGO_SLOW_N, default 20000, Hugo's
# watch mode gets HUGO_SLOW_EDITS edits, default 3: it takes a minute each at 50,000),
# TMPDIR (where the work folder goes, default /dev/shm so disk speed does not
# count), KEEP=1 keeps the work folder for inspection.
# See bench/README.md for what each number means.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
EDITS=${EDITS:-20}
HUGO_SLOW_N=${HUGO_SLOW_N:-20000}
HUGO_SLOW_EDITS=${HUGO_SLOW_EDITS:-3}
SEED=${SEED:-1}
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(1000 10000); fi

die() { echo "compare.sh: $*" >&2; exit 1; }
command -v hugo >/dev/null || die "hugo is not installed (apt-get install hugo)"
if [ ! -x /usr/bin/time ]; then
	echo "installing GNU time for peak RSS measurements" >&2
	apt-get install -y time >/dev/null || die "/usr/bin/time is missing and could not be installed"
fi

work=$(mktemp -d "${TMPDIR:-/dev/shm}/brief-bench.XXXXXX")
watcher=""
cleanup() {
	if [ -n "$watcher" ]; then kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true; fi
	if [ "${KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "building brief and the bench tools ..." >&2
go build -o "$work/brief" ./cmd/brief
go build -o "$work/gencorpus" ./bench/gencorpus
go build -o "$work/editlatency" ./bench/editlatency
results=$work/results.txt # tool scenario N wall_s rss_kb files
latency=$work/latency.txt # tool N median_ms worst_ms rss_kb edits

# measure TOOL SCENARIO N OUT CMD...: one timed run with a fresh output folder.
measure() {
	local tool=$1 scenario=$2 n=$3 out=$4
	shift 4
	rm -rf "$out"
	local start=$EPOCHREALTIME
	if ! /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >"$work/run.log" 2>&1; then
		echo "FAILED: $tool $scenario N=$n: $*" >&2
		cat "$work/run.log" >&2
		exit 1
	fi
	local end=$EPOCHREALTIME
	local rss
	rss=$(awk 'END { print $2 }' "$work/time.txt")
	local files
	# brief's marker (.brief-output) says the folder is brief's; it is not a page.
	files=$(find "$out" -type f ! -path "$out/.brief-output" | wc -l)
	local line
	line="$tool $scenario $n $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') $rss $files"
	echo "$line" >>"$results"
	echo "  $line" >&2
	if [ -s "$work/run.log" ]; then # anything printed is worth seeing once
		if [ ! -e "$work/shown-$tool-$scenario-$n" ]; then
			echo "--- output of $tool ($scenario, N=$n), first lines:" >&2
			head -n 20 "$work/run.log" >&2
			touch "$work/shown-$tool-$scenario-$n"
		fi
	fi
}

# watch_latency TOOL N EDITS SITE OUT SLUG CMD...: start CMD in the
# background, then time EDITS edits of content/briefings/SLUG.md.
watch_latency() {
	local tool=$1 n=$2 edits=$3 site=$4 out=$5 slug=$6
	shift 6
	rm -rf "$out"
	"$@" >"$work/watch-$tool-$n.log" 2>&1 &
	watcher=$!
	local result
	if ! result=$("$work/editlatency" -n "$edits" -timeout 10m -src "$site/content/briefings/$slug.md" \
		-out "$out/briefings/$slug/index.html" 2>"$work/editlatency.log"); then
		echo "FAILED: $tool watch N=$n" >&2
		cat "$work/editlatency.log" >&2
		tail -n 20 "$work/watch-$tool-$n.log" >&2
		exit 1
	fi
	local rss
	rss=$(awk '/^VmHWM:/ { print $2 }' "/proc/$watcher/status")
	kill "$watcher"
	wait "$watcher" 2>/dev/null || true
	watcher=""
	echo "$tool $n $result $rss $edits" >>"$latency"
	echo "  $tool watch $n $result $rss ($edits edits)" >&2
}

for n in "${sizes[@]}"; do
	echo "N=$n: generating corpus ..." >&2
	corpus=$work/corpus-$n
	hsite=$work/hugo-$n
	"$work/gencorpus" -n "$n" -seed "$SEED" -out "$corpus"
	mkdir -p "$hsite"
	cp -r bench/hugo/. "$hsite/"
	cp -r "$corpus/content" "$hsite/"
	b_out=$work/out-brief-$n
	h_out=$work/out-hugo-$n
	brief_build=("$work/brief" build --source "$corpus" --destination "$b_out")
	hugo_build=(hugo --quiet -s "$hsite" -d "$h_out" --cacheDir "$work/hugo-cache")

	echo "N=$n: warm-up builds (not counted) ..." >&2
	measure brief warmup "$n" "$b_out" "${brief_build[@]}"
	measure hugo warmup "$n" "$h_out" "${hugo_build[@]}"
	for ((r = 1; r <= RUNS; r++)); do
		echo "N=$n: run $r/$RUNS ..." >&2
		measure brief build "$n" "$b_out" "${brief_build[@]}"
		measure hugo build "$n" "$h_out" "${hugo_build[@]}"
		measure brief minify "$n" "$b_out" "${brief_build[@]}" --minify
		measure hugo minify "$n" "$h_out" "${hugo_build[@]}" --minify
	done

	# Edit the first briefing by name; both tools publish it at /briefings/<slug>/.
	sources=("$corpus"/content/briefings/*.md) # globs sort by name
	slug=$(basename "${sources[0]}" .md)
	hugo_edits=$EDITS
	if [ "$n" -ge "$HUGO_SLOW_N" ]; then hugo_edits=$HUGO_SLOW_EDITS; fi
	echo "N=$n: watch-mode edit latency (edits of $slug.md) ..." >&2
	watch_latency brief "$n" "$EDITS" "$corpus" "$b_out" "$slug" \
		"$work/brief" build --watch --source "$corpus" --destination "$b_out"
	watch_latency hugo "$n" "$hugo_edits" "$hsite" "$h_out" "$slug" \
		hugo --watch -s "$hsite" -d "$h_out" --cacheDir "$work/hugo-cache"
done

# median FILE: median of the numbers in FILE, one per line.
median() {
	sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Hugo: $(hugo version | cut -d' ' -f1-2); Go: $(go env GOVERSION); runs: $RUNS; seed: $SEED"
echo
printf '%-6s %-8s %6s %10s %12s %7s %12s %11s\n' tool scenario N "median s" "peak RSS MB" files "time b/h" "RSS b/h"
for n in "${sizes[@]}"; do
	for scenario in build minify; do
		declare -A med=() rss=() files=()
		for tool in brief hugo; do
			awk -v t="$tool" -v s="$scenario" -v n="$n" '$1 == t && $2 == s && $3 == n { print $4 }' "$results" >"$work/sel.txt"
			med[$tool]=$(median "$work/sel.txt")
			rss[$tool]=$(awk -v t="$tool" -v s="$scenario" -v n="$n" '$1 == t && $2 == s && $3 == n && $5 > m { m = $5 } END { printf "%.0f", m / 1024 }' "$results")
			files[$tool]=$(awk -v t="$tool" -v s="$scenario" -v n="$n" '$1 == t && $2 == s && $3 == n { f = $6 } END { print f }' "$results")
		done
		for tool in brief hugo; do
			tr=- rr=-
			if [ "$tool" = brief ]; then
				tr=$(awk -v a="${med[brief]}" -v b="${med[hugo]}" 'BEGIN { printf "%.2f", a / b }')
				rr=$(awk -v a="${rss[brief]}" -v b="${rss[hugo]}" 'BEGIN { printf "%.2f", a / b }')
			fi
			printf '%-6s %-8s %6s %10.3f %12s %7s %12s %11s\n' "$tool" "$scenario" "$n" "${med[$tool]}" "${rss[$tool]}" "${files[$tool]}" "$tr" "$rr"
		done
	done
done
echo
printf '%-6s %-8s %6s %12s %12s %12s %12s %6s\n' tool scenario N "median ms" "worst ms" "peak RSS MB" "median b/h" edits
for n in "${sizes[@]}"; do
	read -r _ _ bmed bworst brss bedits < <(awk -v n="$n" '$1 == "brief" && $2 == n' "$latency")
	read -r _ _ hmed hworst hrss hedits < <(awk -v n="$n" '$1 == "hugo" && $2 == n' "$latency")
	printf '%-6s %-8s %6s %12s %12s %12.0f %12s %6s\n' brief watch "$n" "$bmed" "$bworst" "$(awk -v k="$brss" 'BEGIN { print k / 1024 }')" \
		"$(awk -v a="$bmed" -v b="$hmed" 'BEGIN { printf "%.2f", a / b }')" "$bedits"
	printf '%-6s %-8s %6s %12s %12s %12.0f %12s %6s\n' hugo watch "$n" "$hmed" "$hworst" "$(awk -v k="$hrss" 'BEGIN { print k / 1024 }')" - "$hedits"
done
