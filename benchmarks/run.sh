#!/usr/bin/env bash
# Runs the wasm2jar benchmarks with JMH and writes a Markdown table of the results.
#
#   benchmarks/run.sh                       short fixed run of every benchmark (about 8 minutes on
#                                           2 cores): results/<date>-<label>.json and .md
#   benchmarks/run.sh --smoke               CI smoke: 1 fork, 1 iteration of 100 ms, one benchmark
#                                           (Fib) on every engine; results in target/results/
#   benchmarks/run.sh --compare results/baseline.json
#                                           run, then compare with the baseline; exits 1 when a
#                                           wasm2jar score regressed beyond the error bars
#
# Options:
#   --label NAME        file name label (default: the host name)
#   --out DIR           where to write results (default: benchmarks/results; with --smoke or
#                       --compare: benchmarks/target/results)
#   --json FILE         do not run: use this JMH JSON result (with --compare, or to redo the table)
#   --threshold PCT     --compare: slowdown below this percentage is never a regression (default 5)
#   --compare-engines E engines whose regressions fail --compare: wasm2jar (default), a comma list, or all
#   --no-build          use target/benchmarks.jar as it is
#   -- ARGS...          passed to JMH: a benchmark regex (e.g. 'Fib|Globals') and/or options
#                       (-prof gc, -jvmArgsAppend ...); an option of the fixed configuration
#                       given here (e.g. -i 10) replaces the fixed one
#
# Needs Java 17+, Maven (to build) and Python 3 (for the tables).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
command_line="benchmarks/run.sh${*:+ $*}"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="$HERE/target/benchmarks.jar"

smoke=0
compare=""
label=""
out=""
json=""
threshold=5
compare_engines=wasm2jar
build=1
jmh_extra=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --compare) compare="$2"; shift ;;
    --label) label="$2"; shift ;;
    --out) out="$2"; shift ;;
    --json) json="$2"; shift ;;
    --threshold) threshold="$2"; shift ;;
    --compare-engines) compare_engines="$2"; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; jmh_extra=("$@"); break ;;
    *) echo "run.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

abspath() { python3 -c 'import os,sys; print(os.path.abspath(sys.argv[1]))' "$1"; }
[[ -n "$compare" ]] && compare="$(abspath "$compare")"
[[ -n "$json" ]] && json="$(abspath "$json")"
[[ -n "$out" ]] && out="$(abspath "$out")"

# ---- build when the jar is missing or older than any source it is made from ----
needs_build() {
  [[ -f "$JAR" ]] || return 0
  local newer
  newer="$(find "$ROOT/pom.xml" "$HERE/pom.xml" "$HERE/src" \
      "$ROOT/compiler/pom.xml" "$ROOT/compiler/src/main" \
      "$ROOT/runtime-support/pom.xml" "$ROOT/runtime-support/src/main" \
      -newer "$JAR" -type f -print -quit 2>/dev/null || true)"
  [[ -n "$newer" ]]
}

do_build() {
  echo "run.sh: building $JAR" >&2
  if grep -q '<module>benchmarks</module>' "$ROOT/pom.xml"; then
    (cd "$ROOT" && mvn -q -B -pl benchmarks -am package -DskipTests)
  else
    # Not yet a module of the root build: build it together with the current compiler and
    # runtime sources through a throwaway aggregator, so nothing stale from ~/.m2 is measured.
    local agg
    agg="$(mktemp -d)"
    trap 'rm -rf "$agg"' RETURN
    # The parent POM itself must be resolvable; install it (nothing else) when it is not.
    if [[ ! -f "$HOME/.m2/repository/dev/wasm2jar/wasm2jar-parent/0.1.0-SNAPSHOT/wasm2jar-parent-0.1.0-SNAPSHOT.pom" ]]; then
      mvn -q -B -N -f "$ROOT/pom.xml" install
    fi
    local rel
    rel="$(python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$ROOT" "$agg")"
    cat > "$agg/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>benchmarks-build</artifactId><version>0</version>
  <packaging>pom</packaging>
  <modules>
    <module>$rel/runtime-support</module>
    <module>$rel/compiler</module>
    <module>$rel/benchmarks</module>
  </modules>
</project>
POM
    (cd "$agg" && mvn -q -B package -DskipTests)
  fi
}

if [[ -z "$json" ]]; then
  if [[ $build == 1 ]] && needs_build; then
    do_build
  fi
  [[ -f "$JAR" ]] || { echo "run.sh: no $JAR (build failed?)" >&2; exit 1; }
fi

# ---- configuration ----
if [[ $smoke == 1 ]]; then
  jmh_config=(-f 1 -wi 0 -i 1 -r 100ms -tu us -bm avgt)
  default_regex=(FibBenchmark)
  [[ -n "$out" ]] || out="$HERE/target/results"
else
  jmh_config=(-f 1 -wi 3 -w 1s -i 5 -r 1s -tu us -bm avgt)
  default_regex=()
  # A --compare run is a check, not a result to commit.
  if [[ -z "$out" && -n "$compare" ]]; then out="$HERE/target/results"; fi
  [[ -n "$out" ]] || out="$HERE/results"
fi
# A regex among the extra arguments (anything not an option or an option's value) replaces the default.
has_regex=0
prev_opt=0
for a in "${jmh_extra[@]+"${jmh_extra[@]}"}"; do
  if [[ $prev_opt == 1 ]]; then prev_opt=0; continue; fi
  if [[ "$a" == -* ]]; then
    case "$a" in -h|-l|-lp|-lprof|-lrf|-v*) ;; *) prev_opt=1 ;; esac
    continue
  fi
  has_regex=1
done
[[ $has_regex == 1 ]] && default_regex=()

# An option given after -- replaces the fixed configuration's (JMH refuses an option twice).
config=()
for ((k = 0; k < ${#jmh_config[@]}; k += 2)); do
  opt="${jmh_config[k]}"
  overridden=0
  for a in "${jmh_extra[@]+"${jmh_extra[@]}"}"; do [[ "$a" == "$opt" ]] && overridden=1; done
  [[ $overridden == 1 ]] || config+=("$opt" "${jmh_config[k + 1]}")
done
jmh_config=("${config[@]+"${config[@]}"}")

mkdir -p "$out"
if [[ -z "$label" ]]; then label="$(hostname 2>/dev/null || echo local)"; fi
label="$(printf '%s' "$label" | tr -c 'A-Za-z0-9._-' '-')"
stamp="$(date -u +%Y-%m-%d)"
base="$out/$stamp-$label"
[[ $smoke == 1 ]] && base="$base-smoke"
n=2
while [[ -z "$json" && ( -e "$base.json" || -e "$base.md" ) ]]; do
  base="${base%-run[0-9]*}-run$n"; n=$((n + 1))
done

# ---- run ----
if [[ -z "$json" ]]; then
  json="$base.json"
  echo "run.sh: java -jar $JAR ${jmh_config[*]} ${default_regex[*]-} ${jmh_extra[*]-}" >&2
  java -jar "$JAR" "${jmh_config[@]}" -rf json -rff "$json" \
      "${default_regex[@]+"${default_regex[@]}"}" "${jmh_extra[@]+"${jmh_extra[@]}"}"
  md="$base.md"
else
  md="${json%.json}.md"
fi

# ---- report ----
title_suffix=""
[[ $smoke == 1 ]] && title_suffix=" (smoke)"
cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -1)" ]]; then commit="$commit (with uncommitted changes)"; fi
python3 "$HERE/report.py" table "$json" --out "$md" \
    --title "wasm2jar benchmarks: $stamp, $label$title_suffix" \
    --note "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g 2>/dev/null | awk '/Mem:/{print $2 " GiB"}') memory" \
    --note "wasm2jar commit: $commit" \
    --note "Command: \`$command_line\`"
echo "run.sh: wrote $json and $md" >&2

if [[ -n "$compare" ]]; then
  python3 "$HERE/report.py" compare "$compare" "$json" --threshold "$threshold" \
      --engines "$compare_engines" --out "${json%.json}-compare.md"
fi
