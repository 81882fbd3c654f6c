#!/usr/bin/env bash
# Runs the wasm2jar benchmarks with JMH, times whole processes, and writes a Markdown report.
#
#   benchmarks/run.sh                       everything (about 30 minutes on 2 cores):
#                                           results/<date>-<label>.json and .md
#   benchmarks/run.sh --smoke               CI smoke: Fib on every engine and Go n-body on wasm2jar,
#                                           1 iteration of 100 ms; one cold compile of Go hello;
#                                           hello's CLI compile and run and native n-body timed
#                                           once; results in target/results/
#   benchmarks/run.sh --compare results/baseline.json
#                                           run, then compare with the baseline; exits 1 when a
#                                           wasm2jar score regressed beyond the error bars
#
# Three JMH passes, each with its own configuration (the Markdown says which), then the
# process timings (processes.py):
#   microbenchmarks   -f 1 -wi 3 -w 1s -i 5 -r 1s -tu us -bm avgt   (every class in the package)
#   Go programs       the classes' annotations: 1 fork, 6 × 2 s warmup, 5 × 2 s measurement, ms
#                     (the interpreter-size methods 4 × 1 s + 5 × 1 s)              (go.*)
#   compile           the classes' annotations: single shot; cold 5 forks × 1, warm 1 fork 5+5
#                                                                                   (startup.*)
#   processes         native Go (when Go is installed) 10 runs per workload, java -jar of the
#                     compiled workloads 3 runs, CLI compile / run of Go hello 5 runs each
#
# Options:
#   --label NAME        file name label (default: the host name)
#   --note TEXT         a line for the report's header (repeatable), e.g. what the tree holds
#   --out DIR           where to write results (default: benchmarks/results; with --smoke or
#                       --compare: benchmarks/target/results)
#   --json FILE         do not run: use this JMH JSON result (with --compare, or to redo the table)
#   --threshold PCT     --compare: slowdown below this percentage is never a regression (default 5)
#   --compare-engines E engines whose regressions fail --compare: wasm2jar (default), a comma list, or all
#   --no-build          use target/benchmarks.jar (and cli/target/wasm2jar.jar) as they are
#   --no-processes      skip the process timings
#   -- ARGS...          passed to JMH: a benchmark regex (e.g. 'Fib|Globals', 'go\.NBody',
#                       'startup') and/or options (-prof gc, -jvmArgsAppend ...); an option of a
#                       pass's configuration given here (e.g. -i 10) replaces the pass's own. A
#                       regex also selects the process timings whose names it matches
#                       (go.NBodyBenchmark.native, process.HelloRun.javaJar, ...)
#
# Needs Java 17+, Maven (to build) and Python 3 (for the tables); Go 1.21+ for the native Go
# figures ($GO123, go on PATH or /usr/lib/go-1.23/bin/go; skipped when missing).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
command_line="benchmarks/run.sh${*:+ $*}"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="$HERE/target/benchmarks.jar"
CLI_JAR="$ROOT/cli/target/wasm2jar.jar"

smoke=0
compare=""
label=""
out=""
json=""
threshold=5
compare_engines=wasm2jar
build=1
processes=1
notes=()
jmh_extra=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --compare) compare="$2"; shift ;;
    --label) label="$2"; shift ;;
    --note) notes+=(--note "$2"); shift ;;
    --out) out="$2"; shift ;;
    --json) json="$2"; shift ;;
    --threshold) threshold="$2"; shift ;;
    --compare-engines) compare_engines="$2"; shift ;;
    --no-build) build=0 ;;
    --no-processes) processes=0 ;;
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
  [[ -f "$CLI_JAR" ]] || return 0
  local newer m
  for m in "$JAR" "$CLI_JAR"; do
    newer="$(find "$ROOT/pom.xml" "$HERE/pom.xml" "$HERE/src" \
        "$ROOT/compiler/pom.xml" "$ROOT/compiler/src/main" \
        "$ROOT/runtime-support/pom.xml" "$ROOT/runtime-support/src/main" \
        "$ROOT/wasi-host/pom.xml" "$ROOT/wasi-host/src/main" \
        "$ROOT/launcher/pom.xml" "$ROOT/launcher/src/main" \
        "$ROOT/cli/pom.xml" "$ROOT/cli/src/main" \
        -newer "$m" -type f -print -quit 2>/dev/null || true)"
    [[ -z "$newer" ]] || return 0
  done
  return 1
}

do_build() {
  echo "run.sh: building $JAR and $CLI_JAR" >&2
  if grep -q '<module>benchmarks</module>' "$ROOT/pom.xml"; then
    (cd "$ROOT" && mvn -q -B -pl benchmarks,cli -am package -DskipTests)
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
    <module>$rel/wasi-host</module>
    <module>$rel/launcher</module>
    <module>$rel/cli</module>
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
# Three JMH passes; the package of a benchmark decides its pass (JMH's -e excludes the others).
pass_names=(micro go startup)
declare -A pass_exclude=(
  [micro]='^dev\.wasm2jar\.benchmarks\.(go|startup)\.'
  [go]='^dev\.wasm2jar\.benchmarks\.(startup\.|[A-Z])'
  [startup]='^dev\.wasm2jar\.benchmarks\.(go\.|[A-Z])'
)
declare -A pass_config pass_regex
if [[ $smoke == 1 ]]; then
  pass_config=([micro]="-f 1 -wi 0 -i 1 -r 100ms -tu us -bm avgt" [go]="-f 1 -wi 0 -i 1 -r 100ms" [startup]="-f 1")
  pass_regex=([micro]='FibBenchmark' [go]='go\.NBodyBenchmark\.wasm2jar$' [startup]='startup\.CompileHelloBenchmark\.wasm2jar$')
  [[ -n "$out" ]] || out="$HERE/target/results"
else
  # The Go programs and the compile benchmarks take their configuration from their annotations.
  pass_config=([micro]="-f 1 -wi 3 -w 1s -i 5 -r 1s -tu us -bm avgt" [go]="" [startup]="")
  pass_regex=([micro]='' [go]='' [startup]='')
  # A --compare run is a check, not a result to commit.
  if [[ -z "$out" && -n "$compare" ]]; then out="$HERE/target/results"; fi
  [[ -n "$out" ]] || out="$HERE/results"
fi
# A regex among the extra arguments (anything not an option or an option's value) replaces the
# default ones; it also selects the process timings by name.
has_regex=0
user_regex=()
prev_opt=0
for a in "${jmh_extra[@]+"${jmh_extra[@]}"}"; do
  if [[ $prev_opt == 1 ]]; then prev_opt=0; continue; fi
  if [[ "$a" == -* ]]; then
    case "$a" in -h|-l|-lp|-lprof|-lrf|-v*) ;; *) prev_opt=1 ;; esac
    continue
  fi
  has_regex=1
  user_regex+=("$a")
done

# The configuration of one pass, less the options given after -- (JMH refuses an option twice).
pass_options() {
  local -a conf
  read -r -a conf <<<"${pass_config[$1]}"
  local k opt overridden a
  for ((k = 0; k < ${#conf[@]}; k += 2)); do
    opt="${conf[k]}"
    overridden=0
    for a in "${jmh_extra[@]+"${jmh_extra[@]}"}"; do [[ "$a" == "$opt" ]] && overridden=1; done
    [[ $overridden == 1 ]] || printf '%s\n' "$opt" "${conf[k + 1]}"
  done
}

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

# Marks between the parts of a run: the whole machine's CPU time (/proc/stat: busy and total
# jiffies) and this shell's children's (`times`, in this shell: a subshell has no children), so that
# the report can tell how much of the machine other processes took while each part measured.
mark() {
  local cpu
  cpu="$(awk '/^cpu /{b=$2+$3+$4+$7+$8+$9; print b, b+$5+$6}' /proc/stat 2>/dev/null || echo "0 0")"
  times >"$parts/times"
  printf '%s %s %s\n' "$1" "$cpu" "$(tail -1 "$parts/times")" >>"$parts/marks"
}

# ---- run ----
if [[ -z "$json" ]]; then
  json="$base.json"
  parts="$(mktemp -d)"
  trap 'rm -rf "$parts"' EXIT
  mark start
  for p in "${pass_names[@]}"; do
    regex=()
    if [[ $has_regex == 0 && -n "${pass_regex[$p]}" ]]; then regex=("${pass_regex[$p]}"); fi
    mapfile -t options < <(pass_options "$p")
    # Skip a pass that selects nothing (JMH fails on an empty selection).
    if ! java -jar "$JAR" -l "${regex[@]+"${regex[@]}"}" "${jmh_extra[@]+"${jmh_extra[@]}"}" \
        -e "${pass_exclude[$p]}" 2>/dev/null | grep -q '^dev\.'; then
      continue
    fi
    echo "run.sh: [$p] java -jar $JAR ${options[*]-} ${regex[*]-} ${jmh_extra[*]-} -e '${pass_exclude[$p]}'" >&2
    java -jar "$JAR" "${options[@]+"${options[@]}"}" -rf json -rff "$parts/$p.json" \
        "${regex[@]+"${regex[@]}"}" "${jmh_extra[@]+"${jmh_extra[@]}"}" -e "${pass_exclude[$p]}"
    mark "$p"
  done
  if [[ $processes == 1 ]]; then
    proc_args=(--out "$parts/processes.json" --cli "$CLI_JAR")
    [[ $smoke == 1 ]] && proc_args+=(--smoke)
    if [[ $has_regex == 1 ]]; then
      proc_args+=(--only "$(IFS='|'; printf '%s' "${user_regex[*]}")")
    fi
    echo "run.sh: [processes] python3 $HERE/processes.py ${proc_args[*]}" >&2
    python3 "$HERE/processes.py" "${proc_args[@]}"
    mark processes
  fi
  python3 - "$json" "$parts" <<'PY'
import glob, json, os, sys
out, parts = sys.argv[1], sys.argv[2]
records = []
for name in ("micro", "go", "startup", "processes"):
    path = os.path.join(parts, name + ".json")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            records.extend(json.load(f))
if not records:
    sys.exit("run.sh: nothing was measured")
with open(out, "w", encoding="utf-8") as f:
    json.dump(records, f, indent=2)
PY
  md="$base.md"
  other_load="$(python3 - "$parts/marks" <<'PY'
import re, sys
def secs(s):
    m = re.match(r"(\d+)m([\d.]+)s", s)
    return int(m.group(1)) * 60 + float(m.group(2)) if m else 0.0
marks = []
for line in open(sys.argv[1]):
    f = line.split()
    marks.append((f[0], int(f[1]), int(f[2]), (secs(f[3]) + secs(f[4])) * 100))  # jiffies: USER_HZ 100
def share(a, b):
    busy, total, own = b[1] - a[1], b[2] - a[2], b[3] - a[3]
    return max(0.0, (busy - own) / total * 100) if total > 0 else None
parts = [f"{b[0]} {share(a, b):.0f}%" for a, b in zip(marks, marks[1:]) if share(a, b) is not None]
if len(marks) > 1 and share(marks[0], marks[-1]) is not None:
    print(f"{share(marks[0], marks[-1]):.0f}% of the machine on average" + (f" ({', '.join(parts)})" if len(parts) > 1 else ""))
PY
)"
  if [[ -n "$other_load" ]]; then
    notes+=(--note "CPU taken by other processes while this ran: $other_load; from /proc/stat less this run's own CPU time. Much above a few percent makes the figures suspect, the compile and start-up ones most")
  fi
else
  md="${json%.json}.md"
fi

# ---- report ----
title_suffix=""
[[ $smoke == 1 ]] && title_suffix=" (smoke)"
cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | head -1)" ]]; then commit="$commit (with uncommitted changes)"; fi
python3 "$HERE/report.py" table "$json" --out "$md" \
    --title "wasm2jar benchmarks: $stamp, $label$title_suffix" \
    --note "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g 2>/dev/null | awk '/Mem:/{print $2 " GiB"}') memory" \
    --note "wasm2jar commit: $commit" \
    --note "Command: \`$command_line\`" "${notes[@]+"${notes[@]}"}"
echo "run.sh: wrote $json and $md" >&2

if [[ -n "$compare" ]]; then
  python3 "$HERE/report.py" compare "$compare" "$json" --threshold "$threshold" \
      --engines "$compare_engines" --out "${json%.json}-compare.md"
fi
