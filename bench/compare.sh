#!/usr/bin/env bash
# Side-by-side benchmark of brief, the floor (bench/floor: read, goldmark,
# write; no templates) and Hugo on generated corpora.
#
#   bench/compare.sh [N ...]        (run from anywhere; default N list: 1000 10000 100000)
#
# Environment: RUNS (timed builds per tool and scenario, default 5),
# BIG_N and BIG_RUNS (from N = BIG_N, default 50000, only BIG_RUNS rounds, default 1,
# and no warm-up; BIG_MINIFY=1 and BIG_WATCH=1 add the minified builds and the
# watch-mode edits, which take many minutes there),
# HUGO_MAX_N (Hugo runs only up to this N, default 50000: it ran out of memory
# at 100,000 on a 23 GB machine; set HUGO_MAX_N=100000 to try anyway),
# EDITS (timed watch-mode edits, default 20), SEED (corpus seed, default 1),
# HUGO_SLOW_N and HUGO_SLOW_EDITS (from N = HUGO_SLOW_N, default 20000, Hugo's
# watch mode gets HUGO_SLOW_EDITS edits, default 3: it takes a minute each at 50,000),
# TMPDIR (where the work folder goes, default /dev/shm so disk speed does not
# count), KEEP=1 keeps the work folder for inspection; REPORT=DIR prints the
# tables again from a kept work folder (or from several: REPORT="DIR1 DIR2"),
# measuring nothing.
# See bench/README.md for what each number means.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
BIG_N=${BIG_N:-50000}
BIG_RUNS=${BIG_RUNS:-1}
BIG_MINIFY=${BIG_MINIFY:-0}
BIG_WATCH=${BIG_WATCH:-0}
HUGO_MAX_N=${HUGO_MAX_N:-50000}
EDITS=${EDITS:-20}
HUGO_SLOW_N=${HUGO_SLOW_N:-20000}
HUGO_SLOW_EDITS=${HUGO_SLOW_EDITS:-3}
SEED=${SEED:-1}
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(1000 10000 100000); fi

die() { echo "compare.sh: $*" >&2; exit 1; }

# report: the tables, from $results, $latency and $loads.
report() {
	# median FILE: median of the numbers in FILE, one per line.
	median() {
		sort -g "$1" | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
	}
	# stat TOOL SCENARIO N: "median_wall_s median_cpu_s peak_rss_kB files", or nothing if not run.
	stat() {
		local sel="\$1 == \"$1\" && \$2 == \"$2\" && \$3 == $3"
		if ! awk "$sel { found = 1 } END { exit !found }" "$results"; then return; fi
		awk "$sel { print \$4 }" "$results" >"$work/sel.txt"
		local wall cpu
		wall=$(median "$work/sel.txt")
		awk "$sel { print \$7 }" "$results" >"$work/sel.txt"
		cpu=$(median "$work/sel.txt")
		awk -v w="$wall" -v c="$cpu" "$sel { if (\$5 > m) m = \$5; f = \$6 } END { printf \"%s %s %d %s\\n\", w, c, m, f }" "$results"
	}

	# ratio A B: A / B with two decimals, or - when either is missing.
	ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }

	echo "1-minute load average before and after each N: $(awk '{ printf "%sN=%s %s-%s", sep, $1, $2, $3; sep = ", " }' "$loads")"
	echo
	printf '%-6s %-8s %6s %9s %7s %8s %7s %8s %8s %9s %8s\n' tool scenario N "median s" "CPU s" "peak MB" files "s/floor" "CPU/fl" "time b/h" "RSS b/h"
	for n in "${sizes[@]}"; do
		for scenario in build minify; do
			read -r fw fc _ _ < <(stat floor build "$n"; echo)
			read -r hw _ hr _ < <(stat hugo "$scenario" "$n"; echo)
			for tool in brief floor hugo; do
				if [ "$tool" = floor ] && [ "$scenario" = minify ]; then continue; fi
				read -r w c r f < <(stat "$tool" "$scenario" "$n"; echo)
				if [ -z "$w" ]; then
					if [ "$tool" = hugo ] && [ "$n" -gt "$HUGO_MAX_N" ]; then
						printf '%-6s %-8s %6s   not run: N > HUGO_MAX_N (%s); it ran out of memory at 100,000 before\n' "$tool" "$scenario" "$n" "$HUGO_MAX_N"
					else
						printf '%-6s %-8s %6s   not run\n' "$tool" "$scenario" "$n"
					fi
					continue
				fi
				xf=- xc=- tb=- rb=-
				if [ "$tool" != floor ]; then xf=$(ratio "$w" "$fw"); xc=$(ratio "$c" "$fc"); fi
				if [ "$tool" = brief ]; then tb=$(ratio "$w" "$hw"); rb=$(ratio "$r" "$hr"); fi
				printf '%-6s %-8s %6s %9.3f %7.2f %8.0f %7s %8s %8s %9s %8s\n' "$tool" "$scenario" "$n" "$w" "$c" "$(awk -v k="$r" 'BEGIN { print k / 1024 }')" "$f" "$xf" "$xc" "$tb" "$rb"
			done
		done
	done
	echo
	echo "Growth per briefing (build): wall ms, CPU ms and peak RSS KB per briefing at each N;"
	echo "the last line is the cost of each briefing added between the smallest and largest N."
	printf '%-6s %12s %9s %9s %9s\n' tool N "wall ms" "CPU ms" "RSS KB"
	for tool in brief floor hugo; do
		first="" last=""
		for n in "${sizes[@]}"; do
			read -r w c r _ < <(stat "$tool" build "$n"; echo)
			if [ -z "$w" ]; then continue; fi
			awk -v t="$tool" -v n="$n" -v w="$w" -v c="$c" -v r="$r" 'BEGIN { printf "%-6s %12s %9.3f %9.3f %9.1f\n", t, n, w * 1000 / n, c * 1000 / n, r / n }'
			if [ -z "$first" ]; then first="$n $w $c $r"; fi
			last="$n $w $c $r"
		done
		if [ -n "$first" ] && [ "$first" != "$last" ]; then
			awk -v t="$tool" -v a="$first" -v b="$last" 'BEGIN { split(a, x, " "); split(b, y, " "); d = y[1] - x[1]
				printf "%-6s %12s %9.3f %9.3f %9.1f\n", t, x[1] "-" y[1], (y[2] - x[2]) * 1000 / d, (y[3] - x[3]) * 1000 / d, (y[4] - x[4]) / d }'
		fi
	done
	echo
	printf '%-6s %-8s %6s %12s %12s %12s %12s %6s\n' tool scenario N "median ms" "worst ms" "peak RSS MB" "median b/h" edits
	for n in "${sizes[@]}"; do
		bmed="" bworst="" brss="" bedits="" hmed="" hworst="" hrss="" hedits=""
		read -r _ _ bmed bworst brss bedits < <(awk -v n="$n" '$1 == "brief" && $2 == n' "$latency"; echo)
		if [ -z "$bmed" ]; then
			printf '%-6s %-8s %6s   not measured (from BIG_N only with BIG_WATCH=1)\n' brief watch "$n"
			continue
		fi
		read -r _ _ hmed hworst hrss hedits < <(awk -v n="$n" '$1 == "hugo" && $2 == n' "$latency"; echo)
		printf '%-6s %-8s %6s %12s %12s %12.0f %12s %6s\n' brief watch "$n" "$bmed" "$bworst" "$(awk -v k="$brss" 'BEGIN { print k / 1024 }')" \
			"$(ratio "$bmed" "$hmed")" "$bedits"
		if [ -n "$hmed" ]; then
			printf '%-6s %-8s %6s %12s %12s %12.0f %12s %6s\n' hugo watch "$n" "$hmed" "$hworst" "$(awk -v k="$hrss" 'BEGIN { print k / 1024 }')" - "$hedits"
		else
			printf '%-6s %-8s %6s   not run: N > HUGO_MAX_N (%s)\n' hugo watch "$n" "$HUGO_MAX_N"
		fi
	done
}

if [ -n "${REPORT:-}" ]; then
	work=$(mktemp -d "${TMPDIR:-/dev/shm}/brief-report.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	results=$work/results.txt latency=$work/latency.txt loads=$work/loads.txt
	for d in $REPORT; do
		cat "$d/results.txt" >>"$results"
		cat "$d/latency.txt" >>"$latency" 2>/dev/null || true
		cat "$d/loads.txt" >>"$loads" 2>/dev/null || true
	done
	touch "$latency" "$loads"
	if [ $# -eq 0 ]; then mapfile -t sizes < <(awk '{ print $3 }' "$results" | sort -nu); fi
	echo "Report of $REPORT"
	report
	exit 0
fi

command -v hugo >/dev/null || die "hugo is not installed (apt-get install hugo)"
if [ ! -x /usr/bin/time ]; then
	echo "installing GNU time for peak RSS measurements" >&2
	apt-get install -y time >/dev/null || die "/usr/bin/time is missing and could not be installed"
fi

began=$SECONDS
work=$(mktemp -d "${TMPDIR:-/dev/shm}/brief-bench.XXXXXX")
watcher=""
cleanup() {
	if [ -n "$watcher" ]; then kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true; fi
	if [ "${KEEP:-0}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "building brief and the bench tools ..." >&2
go build -o "$work/brief" ./cmd/brief
go build -o "$work/floor" ./bench/floor
go build -o "$work/gencorpus" ./bench/gencorpus
go build -o "$work/editlatency" ./bench/editlatency
results=$work/results.txt # tool scenario N wall_s rss_kb files cpu_s
latency=$work/latency.txt # tool N median_ms worst_ms rss_kb edits
loads=$work/loads.txt     # N load-before load-after (1-minute load averages)
: >"$results"
: >"$latency"

# measure TOOL SCENARIO N OUT CMD...: one timed run with a fresh output folder.
measure() {
	local tool=$1 scenario=$2 n=$3 out=$4
	shift 4
	rm -rf "$out"
	local start=$EPOCHREALTIME
	if ! /usr/bin/time -f '%e %M %U %S' -o "$work/time.txt" "$@" >"$work/run.log" 2>&1; then
		echo "FAILED: $tool $scenario N=$n: $*" >&2
		cat "$work/run.log" >&2
		exit 1
	fi
	local end=$EPOCHREALTIME
	local rss cpu
	rss=$(awk 'END { print $2 }' "$work/time.txt")
	cpu=$(awk 'END { printf "%.2f", $3 + $4 }' "$work/time.txt")
	local files
	# brief's marker (.brief-output) says the folder is brief's; it is not a page.
	files=$(find "$out" -type f ! -path "$out/.brief-output" | wc -l)
	local line
	line="$tool $scenario $n $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') $rss $files $cpu"
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

# hugo_runs N: whether Hugo runs at N.
hugo_runs() { [ "$1" -le "$HUGO_MAX_N" ]; }

for n in "${sizes[@]}"; do
	load_before=$(cut -d' ' -f1 /proc/loadavg)
	echo "N=$n: generating corpus ..." >&2
	corpus=$work/corpus-$n
	hsite=$work/hugo-$n
	"$work/gencorpus" -n "$n" -seed "$SEED" -out "$corpus"
	b_out=$work/out-brief-$n
	f_out=$work/out-floor-$n
	h_out=$work/out-hugo-$n
	brief_build=("$work/brief" build --source "$corpus" --destination "$b_out")
	floor_build=("$work/floor" --source "$corpus" --destination "$f_out")
	hugo_build=(hugo --quiet -s "$hsite" -d "$h_out" --cacheDir "$work/hugo-cache")
	if hugo_runs "$n"; then
		mkdir -p "$hsite"
		cp -r bench/hugo/. "$hsite/"
		cp -r "$corpus/content" "$hsite/"
	else
		echo "N=$n: Hugo not run (N > HUGO_MAX_N=$HUGO_MAX_N)" >&2
	fi
	runs=$RUNS minify=1 watch=1 big=0
	if [ "$n" -ge "$BIG_N" ]; then
		big=1 minify=$BIG_MINIFY watch=$BIG_WATCH
		if [ "$BIG_RUNS" -lt "$runs" ]; then runs=$BIG_RUNS; fi
	fi

	if [ "$big" = 0 ]; then
		echo "N=$n: warm-up builds (not counted) ..." >&2
		measure brief warmup "$n" "$b_out" "${brief_build[@]}"
		measure floor warmup "$n" "$f_out" "${floor_build[@]}"
		if hugo_runs "$n"; then measure hugo warmup "$n" "$h_out" "${hugo_build[@]}"; fi
	fi
	for ((r = 1; r <= runs; r++)); do
		echo "N=$n: run $r/$runs ..." >&2
		measure brief build "$n" "$b_out" "${brief_build[@]}"
		measure floor build "$n" "$f_out" "${floor_build[@]}"
		if hugo_runs "$n"; then measure hugo build "$n" "$h_out" "${hugo_build[@]}"; fi
		if [ "$minify" = 1 ]; then
			measure brief minify "$n" "$b_out" "${brief_build[@]}" --minify
			if hugo_runs "$n"; then measure hugo minify "$n" "$h_out" "${hugo_build[@]}" --minify; fi
		fi
	done
	rm -rf "$f_out"

	# Edit the first briefing by name; both tools publish it at /briefings/<slug>/.
	sources=("$corpus"/content/briefings/*.md) # globs sort by name
	slug=$(basename "${sources[0]}" .md)
	hugo_edits=$EDITS
	if [ "$n" -ge "$HUGO_SLOW_N" ]; then hugo_edits=$HUGO_SLOW_EDITS; fi
	if [ "$watch" = 1 ]; then
		echo "N=$n: watch-mode edit latency (edits of $slug.md) ..." >&2
		watch_latency brief "$n" "$EDITS" "$corpus" "$b_out" "$slug" \
			"$work/brief" build --watch --source "$corpus" --destination "$b_out"
	fi
	if [ "$watch" = 1 ] && hugo_runs "$n"; then
		watch_latency hugo "$n" "$hugo_edits" "$hsite" "$h_out" "$slug" \
			hugo --watch -s "$hsite" -d "$h_out" --cacheDir "$work/hugo-cache"
	fi
	# Free the tmpfs for the next size.
	rm -rf "$corpus" "$hsite" "$b_out" "$h_out"
	echo "$n $load_before $(cut -d' ' -f1 /proc/loadavg)" >>"$loads"
done

echo
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "brief: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (with local changes)'); Hugo: $(hugo version | cut -d' ' -f1-2); Go: $(go env GOVERSION); runs: $RUNS (from N=$BIG_N: $BIG_RUNS); seed: $SEED"
echo "The run took $(((SECONDS - began + 30) / 60)) minutes."
report
