#!/usr/bin/env python3
"""Times whole processes for the benchmark report: native Go, compiled JARs, the CLI compiler.

  processes.py --out FILE.json [--go GO] [--cli WASM2JAR_JAR] [--java JAVA]
               [--runs-native N] [--runs-jar N] [--runs-startup N] [--only REGEX] [--smoke]

What it times, each run a fresh process measured from fork to exit (wall clock), stdout
captured and checked against the output recorded from native Go (a run that prints anything
else fails the whole script):

  go.<Case>Benchmark.native     the gobench workload built natively (linux/amd64) with --go,
                                at the size of workloads.tsv (--runs-native runs)
  go.<Case>Benchmark.javaJar    `java -jar gobench.jar WORKLOAD SIZE`: the same workload compiled
                                by wasm2jar's CLI, JVM start, class loading and JIT included
                                (--runs-jar runs)
  process.HelloCompile.wasm2jarCli  `java -jar wasm2jar.jar hello-go1.23.wasm -o hello.jar`
  process.HelloRun.javaJar          `java -jar hello.jar` to its exit (--runs-startup runs each)
  process.GobenchCompile.wasm2jarCli  `java -jar wasm2jar.jar gobench.wasm -o gobench.jar`
                                      (the 3.6 MB module; once, it is needed for javaJar anyway)

Every command is run once untimed first (file cache, the JVM's class data archive). The
results are JMH-shaped records (mode "ss", ms/op; score = the mean, scorePercentiles 0.0 = the
minimum, scoreError = the 99.9% confidence half-interval as JMH computes it), marked
"source": "process", so report.py and `run.sh --json` read them with the JMH results. Each also
has the process's peak resident set size (ru_maxrss, from os.wait4) as the secondary metric
"peakRss" in MiB, in the same shape (mean, min/median/max over the timed runs): for the JVM
rows, heap, metaspace, JIT code and the JVM itself, as the operating system saw it. A figure no
higher than this script's own peak is only an upper bound ("upperBound": true; see run_once).
Parts whose tool is missing (no Go, no CLI jar) are skipped with a note on stderr; --only keeps
the records whose full name matches the regular expression (re.search).
"""
import argparse
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RES = os.path.join(HERE, "src", "main", "resources", "go")
GO_SRC = os.path.join(HERE, "src", "main", "go", "gobench")
HELLO = os.path.join(ROOT, "testdata", "go", "build", "hello-go1.23.wasm")
HELLO_OUTPUT = "hello from Go\nGOOS=wasip1\nGOARCH=wasm\n"
PREFIX = "dev.wasm2jar.benchmarks."
PEAK_RSS = "peakRss"  # the secondary metric: peak resident set size, MiB

# Student's t quantiles at 0.9995 (JMH's 99.9% two-sided interval) by degrees of freedom.
T9995 = {1: 636.62, 2: 31.599, 3: 12.924, 4: 8.610, 5: 6.869, 6: 5.959, 7: 5.408, 8: 5.041,
         9: 4.781, 10: 4.587, 11: 4.437, 12: 4.318, 13: 4.221, 14: 4.140, 15: 4.073, 16: 4.015,
         17: 3.965, 18: 3.922, 19: 3.883, 20: 3.850, 25: 3.725, 30: 3.646, 40: 3.551, 60: 3.460}


def t9995(df):
    if df in T9995:
        return T9995[df]
    keys = sorted(k for k in T9995 if k <= df)
    return T9995[keys[-1]] if keys else float("nan")


def log(msg):
    print(f"processes.py: {msg}", file=sys.stderr, flush=True)


def workloads():
    rows = []
    with open(os.path.join(RES, "workloads.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            bench, name, size, interp, test = line.split("\t")
            rows.append({"benchmark": bench, "name": name, "size": int(size)})
    return rows


def expected_outputs():
    out = {}
    with open(os.path.join(RES, "expected.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, size, _ = line.split(" ", 2)
            out[(name, int(size))] = line
    return out


def run_once(cmd, expected, cwd):
    """Runs cmd to its exit: (wall ms, peak RSS in MiB, whether that is only an upper bound). The
    child's output goes to temporary files rather than pipes, so that os.wait4 can reap it and hand
    back its resource usage.

    Linux keeps the largest RSS a process had before exec in its ru_maxrss, and a child starts as
    (a vfork of) this script, so no child's figure is below this script's own peak (~15 MiB). A
    figure at that floor only says the program's peak was at most that (native Go's is a few MiB);
    the JVM rows are far above it."""
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out_f, stderr=err_f)
        _, status, usage = os.wait4(p.pid, 0)
        elapsed = time.perf_counter() - t0
        p.returncode = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        out_f.seek(0)
        err_f.seek(0)
        out = out_f.read().decode("utf-8", "replace")
        err = err_f.read().decode("utf-8", "replace")
    if p.returncode != 0 or (expected is not None and out != expected):
        sys.exit(f"processes.py: {' '.join(cmd)}: exit {p.returncode}, printed {out!r}"
                 + (f", expected {expected!r}" if expected is not None else "")
                 + f"\nstderr: {err[-2000:]}")
    # ru_maxrss: the largest resident set the process had, in KiB on Linux (bytes on macOS).
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return elapsed * 1000.0, rss, usage.ru_maxrss <= floor


def metric(values, unit):
    """A JMH-shaped metric over one value per run: score = the mean, percentiles min/median/max."""
    n = len(values)
    mean = statistics.fmean(values)
    err = t9995(n - 1) * statistics.stdev(values) / math.sqrt(n) if n > 1 else float("nan")
    return {
        "score": mean,
        "scoreError": err if not math.isnan(err) else "NaN",
        "scoreConfidence": [mean - err, mean + err] if not math.isnan(err) else ["NaN", "NaN"],
        "scorePercentiles": {"0.0": min(values), "50.0": statistics.median(values), "100.0": max(values)},
        "scoreUnit": unit,
        "rawData": [values],
    }


def record(full_name, runs, cmd, note):
    """runs: run_once's (wall ms, peak RSS MiB, upper bound only) per timed run."""
    times = [t for t, _, _ in runs]
    peak_rss = metric([r for _, r, _ in runs], "MiB")
    if any(bound for _, _, bound in runs):
        peak_rss["upperBound"] = True  # at the floor run_once describes: the peak was at most this
    n = len(times)
    return {
        "benchmark": PREFIX + full_name,
        "mode": "ss",
        "threads": 1,
        "forks": n,
        "warmupIterations": 1,
        "warmupTime": "1 untimed run",
        "measurementIterations": n,
        "measurementTime": "whole process",
        "source": "process",
        "command": " ".join(cmd),
        "note": note,
        "primaryMetric": metric(times, "ms/op"),
        # The process's peak resident set size (ru_maxrss from wait4), per run.
        "secondaryMetrics": {PEAK_RSS: peak_rss},
    }


def timed(full_name, cmd, expected, runs, cwd, note, only, results):
    if only and not re.search(only, PREFIX + full_name):
        return
    run_once(cmd, expected, cwd)  # untimed
    measured = [run_once(cmd, expected, cwd) for _ in range(runs)]
    results.append(record(full_name, measured, cmd, note))
    times = [t for t, _, _ in measured]
    log(f"{full_name}: mean {statistics.fmean(times):.1f} ms, min {min(times):.1f} ms over {runs} run(s), "
        f"peak RSS {'≤ ' if any(b for _, _, b in measured) else ''}{max(r for _, r, _ in measured):.0f} MiB")


def find_go(explicit):
    for go in ([explicit] if explicit else []) + [os.environ.get("GO123"), shutil.which("go"), "/usr/lib/go-1.23/bin/go"]:
        if go and os.path.isfile(go) and os.access(go, os.X_OK):
            return go
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--go", help="the go binary for the native build (default: $GO123, go on PATH, /usr/lib/go-1.23/bin/go)")
    p.add_argument("--cli", default=os.path.join(ROOT, "cli", "target", "wasm2jar.jar"), help="wasm2jar's CLI jar")
    p.add_argument("--java", default=shutil.which("java") or "java")
    p.add_argument("--runs-native", type=int, default=10)
    p.add_argument("--runs-jar", type=int, default=3)
    p.add_argument("--runs-startup", type=int, default=5)
    p.add_argument("--only", help="regular expression: keep only matching record names")
    p.add_argument("--smoke", action="store_true", help="one run each; hello and native NBody only")
    args = p.parse_args()
    if args.smoke:
        args.runs_native = args.runs_jar = args.runs_startup = 1
        args.only = args.only or r"HelloCompile|HelloRun|NBodyBenchmark\.native"

    results = []
    notes = []
    expected = expected_outputs()
    work = tempfile.mkdtemp(prefix="wasm2jar-processes-")
    try:
        go = find_go(args.go)
        if go is None:
            notes.append("native Go: no go binary found (set GO123): skipped")
        else:
            version = subprocess.run([go, "env", "GOVERSION"], capture_output=True, text=True).stdout.strip()
            env = dict(os.environ, GOTOOLCHAIN="local", GOWORK="off", GOFLAGS="", CGO_ENABLED="0",
                       GOOS="linux", GOARCH="amd64", GOAMD64="v1")
            native = os.path.join(work, "gobench")
            subprocess.run([go, "build", "-trimpath", "-buildvcs=false", "-o", native, "."], cwd=GO_SRC,
                           env=env, check=True)
            notes.append(f"native Go: {version}, linux/amd64 (GOAMD64=v1), default GOMAXPROCS")
            for w in workloads():
                timed(f"go.{w['benchmark']}Benchmark.native", [native, w["name"], str(w["size"])],
                      expected.get((w["name"], w["size"])), args.runs_native, work,
                      f"native Go {version}", args.only, results)

        cli = args.cli
        if not os.path.isfile(cli):
            notes.append(f"wasm2jar CLI: {cli} missing (mvn -pl cli -am package): skipped")
        else:
            hello_jar = os.path.join(work, "hello.jar")
            timed("process.HelloCompile.wasm2jarCli", [args.java, "-jar", cli, HELLO, "-o", hello_jar], None,
                  args.runs_startup, work, "compile Go hello with the CLI, JVM start included", args.only, results)
            if not os.path.isfile(hello_jar):
                subprocess.run([args.java, "-jar", cli, HELLO, "-o", hello_jar], check=True, capture_output=True)
            timed("process.HelloRun.javaJar", [args.java, "-jar", hello_jar], HELLO_OUTPUT,
                  args.runs_startup, work, "run the compiled hello to its exit", args.only, results)

            want_jar = [w for w in workloads()
                        if not args.only or re.search(args.only, f"{PREFIX}go.{w['benchmark']}Benchmark.javaJar")]
            compile_name = "process.GobenchCompile.wasm2jarCli"
            if want_jar or not args.only or re.search(args.only, PREFIX + compile_name):
                gobench_jar = os.path.join(work, "gobench.jar")
                cmd = [args.java, "-jar", cli, os.path.join(RES, "gobench.wasm"), "-o", gobench_jar]
                run = run_once(cmd, None, work)
                results.append(record(compile_name, [run], cmd, "compile gobench.wasm with the CLI, once"))
                log(f"{compile_name}: {run[0]:.0f} ms (one run), peak RSS {run[1]:.0f} MiB")
                for w in want_jar:
                    timed(f"go.{w['benchmark']}Benchmark.javaJar",
                          [args.java, "-jar", gobench_jar, w["name"], str(w["size"])],
                          expected.get((w["name"], w["size"])), args.runs_jar, work,
                          "java -jar gobench.jar, whole process", None, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for n in notes:
        log(n)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2)
    log(f"wrote {len(results)} record(s) to {args.out}")


if __name__ == "__main__":
    main()
