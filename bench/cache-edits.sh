#!/usr/bin/env bash
# cache-edits.sh BRIEF CORPUS WORK: brief build --cache in a new process after
# each of 5 edits of each kind (body, title, tag of a briefing without
# funding; funding amount and title of one with funding), timed by
# /usr/bin/time, on a copy of CORPUS (go run ./bench/gencorpus -n 10000 -seed 1)
# made in WORK (put it on tmpfs); then the output is compared with a full
# build (diff -r, the output's name aside). WORK is removed at the end.
set -u
B=$1; CORPUS=$2; M=$3
S=$M/site; C=$M/cache; O=$M/out
rm -rf "$M"; mkdir -p "$M"; cp -r "$CORPUS" "$S"; cd "$S" || exit 1
f=$(find content -name '*.md' | sort | sed -n 500p)
g=$(grep -l '^funding:' content/briefings/*.md | sort | sed -n 250p)
T="/usr/bin/time -f %e_wall_%U_user_%S_sys_%M_KB"
run() { echo -n "$1: "; $T "$B" build --destination "$O" --cache "$C" 2>&1 >/dev/null | tail -1; }
sleep 2 # sources written less than 2 s before a build are read again by the next
run first; run nochange
for i in 1 2 3 4 5; do echo "Edited line $i." >> "$f"; sleep 2; run body$i; done
for i in 1 2 3 4 5; do sed -i "s/^title: \"\(.*\)\"$/title: \"\1 x\"/" "$f"; sleep 2; run title$i; done
for i in 1 2 3 4 5; do
  if [ $((i % 2)) = 1 ]; then sed -i "s/^tags: \[/tags: [newtag$i, /" "$f"; else sed -i "s/^tags: \[newtag[0-9]*, /tags: [/" "$f"; fi
  sleep 2; run tag$i
done
for i in 1 2 3 4 5; do sed -i "0,/^  - amount: \"\([0-9]*\)m\"/s//  - amount: \"\1${i}m\"/" "$g"; sleep 2; run funding$i; done
for i in 1 2 3 4 5; do sed -i "s/^title: \"\(.*\)\"$/title: \"\1 y\"/" "$g"; sleep 2; run ftitle$i; done
"$B" build --destination "$M/full" >/dev/null 2>&1
diff -r -x .brief-output-id "$M/full" "$O" | head -5; echo "compared with a full build"
cd / && rm -rf "$M"
