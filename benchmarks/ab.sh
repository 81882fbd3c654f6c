#!/usr/bin/env bash
# Compares two builds of the benchmarks on this machine: runs JMH from each benchmarks JAR in
# turn, several rounds, alternating which goes first, and prints each benchmark's median and
# range per build with a verdict only where the ranges do not overlap (report.py ab).
#
#   benchmarks/ab.sh [--rounds N] [--out DIR] A.jar B.jar -- JMH-ARGS...
#
#   --rounds N   rounds of one A and one B run each (default 3)
#   --out DIR    where the JSON results and ab.md go (default: a new directory under /tmp)
#
# Example, the Go programs before and after a change (each JAR built with
# `mvn -q -pl benchmarks,cli -am package -DskipTests` and copied aside):
#
#   benchmarks/ab.sh /tmp/before.jar /tmp/after.jar -- 'go\.(Fannkuch|Sha256)Benchmark\.wasm2jar$' -f 1 -wi 4 -w 2s -i 4 -r 2s
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
rounds=3
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --) shift; break ;;
    -*) echo "ab.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [[ $# -lt 2 ]]; then
  echo "usage: ab.sh [--rounds N] [--out DIR] A.jar B.jar -- JMH-ARGS..." >&2
  exit 2
fi
a_jar="$1"; b_jar="$2"; shift 2
[[ "${1:-}" == "--" ]] && shift
for j in "$a_jar" "$b_jar"; do
  [[ -f "$j" ]] || { echo "ab.sh: no such JAR: $j" >&2; exit 2; }
done
out="${out:-$(mktemp -d /tmp/wasm2jar-ab.XXXXXX)}"
mkdir -p "$out"
a_files=(); b_files=()
for ((r = 1; r <= rounds; r++)); do
  order=(A B); (( r % 2 == 0 )) && order=(B A)
  for build in "${order[@]}"; do
    jar="$a_jar"; [[ "$build" == B ]] && jar="$b_jar"
    json="$out/$build-$r.json"
    echo "ab.sh: round $r of $rounds, $build ($jar)" >&2
    java -jar "$jar" "$@" -rf json -rff "$json" >"$out/$build-$r.log" 2>&1 \
      || { echo "ab.sh: JMH failed, see $out/$build-$r.log" >&2; exit 1; }
    if [[ "$build" == A ]]; then a_files+=("$json"); else b_files+=("$json"); fi
  done
done
python3 "$HERE/report.py" ab --a "${a_files[@]}" --b "${b_files[@]}" --out "$out/ab.md"
echo "ab.sh: results in $out" >&2
