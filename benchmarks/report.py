#!/usr/bin/env python3
"""Turns JMH JSON results into Markdown, and compares a result against a baseline.

  report.py table RESULT.json [--out FILE.md] [--title T] [--note LINE ...]
  report.py compare BASELINE.json CURRENT.json [--out FILE.md] [--threshold PCT] [--engines E,E|all]
  report.py ab --a A1.json A2.json ... --b B1.json B2.json ... [--out FILE.md] [--threshold PCT]

Benchmarks are named dev.wasm2jar.benchmarks.[<package>.]<Case>Benchmark.<engine>. The report has
a section per kind:

  microbenchmarks      (no package)  one row per case, one column per engine
  Go programs          go.*          whole Go programs: wasm2jar and Chicory's compiler (JMH),
                                     native Go and `java -jar` (process timings), then Chicory's
                                     interpreter against wasm2jar at the interpreter's size
  compile and start-up startup.*, process.*  compiling Go hello in process (JMH single shot),
                                     the CLI compiler and a compiled program as whole processes

Process timings are records written by processes.py ("source": "process"; mean and minimum of
whole-process wall times, and the processes' peak resident set size as the secondary metric
"peakRss", shown as a column where present: older results lack it). Ratios are "how many times
faster wasm2jar is" than the other engine: time(other) / time(wasm2jar). Above 1: wasm2jar is
faster; below 1: slower. A last section checks the targets the performance issue set.

ab summarizes alternating runs of two builds (ab.sh makes them): per benchmark, each build's
median and range over the runs, the ratio of the medians, and a verdict that calls B faster or
slower only when the two ranges do not overlap and the medians differ by more than --threshold
percent (default 5). On this noisy machine a difference that some runs of either build reach is
not one.

compare exits 1 when a counted engine (default: wasm2jar) regressed: its score is worse than the
baseline's by more than both error bars together (current - error > baseline + error, for a
lower-is-better mode) and by more than --threshold percent (default 5). Nothing else fails it;
peak RSS, when both files have it, is listed below the table but never counted.
"""
import argparse
import json
import math
import os
import sys

ENGINES = ["wasm2jar", "chicoryCompiler", "chicoryInterpreter", "java"]
ENGINE_TITLES = {
    "wasm2jar": "wasm2jar",
    "chicoryCompiler": "Chicory compiler",
    "chicoryInterpreter": "Chicory interpreter",
    "java": "plain Java",
}
# Display order, grouped by what the case exercises; cases not listed follow in name order.
ORDER = [
    ("memory", ["SumI32", "Checksum8", "CopyI64"]),
    ("arithmetic", ["Lcg32", "Xorshift64", "Hash32"]),
    ("br_table dispatch", ["InterpreterLoop", "GoStyleDispatch", "GoDispatch"]),
    ("calls", ["Fib", "CallIndirect"]),
    ("globals", ["Globals"]),
    ("bulk memory", ["FillCopy", "MemoryGrow"]),
]
# The Go programs' benchmark methods and process-timing engines.
GO_ENGINES = ["wasm2jar", "chicoryCompiler", "native", "javaJar", "chicoryInterpreter", "wasm2jarAtInterpreterSize"]
LOWER_IS_BETTER = {"avgt", "sample", "ss"}
PREFIX = "dev.wasm2jar.benchmarks."
PEAK_RSS = "peakRss"  # processes.py's secondary metric: the process's peak resident set size, MiB
WORKLOADS_TSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "src", "main", "resources", "go", "workloads.tsv")


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = {}
    for r in data:
        full = r["benchmark"]
        cls, method = full.rsplit(".", 1)
        # Microbenchmarks: the class name; others keep their package: go.NBody, startup.CompileHello.
        case = cls[len(PREFIX):] if cls.startswith(PREFIX) else cls.rsplit(".", 1)[-1]
        if case.endswith("Benchmark"):
            case = case[: -len("Benchmark")]
        params = r.get("params") or {}
        if params:
            case += "[" + ",".join(f"{k}={v}" for k, v in sorted(params.items())) + "]"
        pm = r["primaryMetric"]
        # Process timings since the peak-RSS measurement carry it as a secondary metric; older
        # JSON files do not, and JMH records never do: None.
        rss = (r.get("secondaryMetrics") or {}).get(PEAK_RSS)
        out[(case, method)] = {
            "score": float(pm["score"]),
            "error": num(pm.get("scoreError")),
            "unit": pm.get("scoreUnit", ""),
            "mode": r.get("mode", "avgt"),
            "min": num((pm.get("scorePercentiles") or {}).get("0.0")),
            "process": r.get("source") == "process",
            "rss": num(rss.get("score")) if isinstance(rss, dict) else None,
            "rss_max": num((rss.get("scorePercentiles") or {}).get("100.0")) if isinstance(rss, dict) else None,
            # At processes.py's floor (its own peak RSS): the process's peak was at most this.
            "rss_bound": isinstance(rss, dict) and bool(rss.get("upperBound")),
            "record": r,
        }
    return out


def kind(case):
    """micro, go, startup or process: the package of the benchmark class."""
    return case.split(".", 1)[0] if "." in case else "micro"


def num(v):
    try:
        x = float(v)
    except (TypeError, ValueError):
        return float("nan")
    return x


def err0(e):
    return 0.0 if math.isnan(e) else e


def fmt(x):
    if math.isnan(x):
        return "n/a"
    ax = abs(x)
    if ax >= 1000:
        return f"{x:,.0f}"
    if ax >= 100:
        return f"{x:.0f}"
    if ax >= 10:
        return f"{x:.1f}"
    if ax >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def fmt_score(r):
    if r is None:
        return "–"
    if math.isnan(r["error"]):
        return fmt(r["score"])
    return f"{fmt(r['score'])} ± {fmt(r['error'])}"


def fmt_ratio(x):
    if x is None or math.isnan(x):
        return "–"
    if x >= 10:
        return f"{x:.0f}×"
    return f"{x:.2f}×"


def ordered_cases(results):
    cases = sorted({c for c, _ in results})
    seen = []
    groups = []
    for group, names in ORDER:
        members = [c for c in cases if c.split("[")[0] in names]
        members.sort(key=lambda c: names.index(c.split("[")[0]))
        if members:
            groups.append((group, members))
            seen.extend(members)
    rest = [c for c in cases if c not in seen]
    if rest:
        groups.append(("other", rest))
    return groups


def shown(path):
    """A path as short as is still clear: relative to the current directory when under it."""
    import os
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def warmup(rec):
    n = rec.get("warmupIterations")
    if not n:
        return "no warmup"
    return f"{n} × {rec.get('warmupTime')} warmup"


def speedup(results, case, other):
    w = results.get((case, "wasm2jar"))
    o = results.get((case, other))
    if w is None or o is None or w["score"] <= 0:
        return None
    if w["mode"] in LOWER_IS_BETTER:
        return o["score"] / w["score"]
    return w["score"] / o["score"]


def geomean(xs):
    xs = [x for x in xs if x is not None and x > 0 and not math.isnan(x)]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def config_line(recs):
    """The JMH configuration of some records, one phrase per distinct configuration."""
    seen = []
    for rec in recs:
        c = (f"mode {rec.get('mode')}, {rec.get('forks')} fork(s), {warmup(rec)}, "
             f"{rec.get('measurementIterations')} × {rec.get('measurementTime')} measurement")
        if c not in seen:
            seen.append(c)
    return "; ".join(seen)


def micro_table(results, lines):
    micro = {k: v for k, v in results.items() if kind(k[0]) == "micro"}
    if not micro:
        return
    any_rec = next(iter(micro.values()))
    lines.append("## Microbenchmarks")
    lines.append("")
    lines.append(f"- JMH: {config_line([r['record'] for r in micro.values()])}.")
    lines.append(f"- Scores: {any_rec['unit']}, lower is better; ± is JMH's 99.9% confidence half-interval (n/a with one iteration).")
    lines.append(
        "- Ratios: time(other) / time(wasm2jar), how many times faster wasm2jar is. "
        "Above 1×: wasm2jar faster; below 1×: slower (against plain Java, the JVM's own limit, expect ≤ 1×)."
    )
    lines.append("")
    head = ["benchmark"] + [ENGINE_TITLES[e] for e in ENGINES] + [
        "wasm2jar vs interpreter", "wasm2jar vs Chicory compiler", "wasm2jar vs Java"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    ratios = {"chicoryInterpreter": [], "chicoryCompiler": [], "java": []}
    for group, cases in ordered_cases(micro):
        lines.append(f"| *{group}* |" + " |" * (len(head) - 1))
        for case in cases:
            row = [case] + [fmt_score(micro.get((case, e))) for e in ENGINES]
            for other in ("chicoryInterpreter", "chicoryCompiler", "java"):
                s = speedup(micro, case, other)
                ratios[other].append(s)
                row.append(fmt_ratio(s))
            lines.append("| " + " | ".join(row) + " |")
    g = [geomean(ratios[o]) for o in ("chicoryInterpreter", "chicoryCompiler", "java")]
    lines.append("| **geometric mean** |" + " |" * len(ENGINES) + " " + " | ".join(
        f"**{fmt_ratio(x)}**" if x else "–" for x in g) + " |")
    lines.append("")


def workloads():
    """(benchmark case, workload, size, interpreter size) from workloads.tsv, in its order."""
    rows = []
    try:
        with open(WORKLOADS_TSV, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    bench, name, size, interp, _ = line.rstrip("\n").split("\t")
                    rows.append((bench, name, size, interp))
    except OSError:
        pass
    return rows


def fmt_process(r):
    """A process timing: mean, and the minimum when there was more than one run."""
    if r is None:
        return "–"
    n = r["record"].get("measurementIterations") or 1
    if n > 1 and not math.isnan(r["min"]):
        return f"{fmt(r['score'])} (min {fmt(r['min'])}, {n} runs)"
    return f"{fmt(r['score'])} (1 run)"


def fmt_rss(r):
    """Peak RSS of a process row in MiB: the mean over the runs, and the largest when they differ."""
    if r is None or r.get("rss") is None or math.isnan(r["rss"]):
        return "–"
    if r.get("rss_bound"):
        return f"≤ {max(r['rss'], r.get('rss_max') or 0):.0f}"
    cell = f"{r['rss']:.0f}"
    mx = r.get("rss_max")
    if mx is not None and not math.isnan(mx) and round(mx) != round(r["rss"]):
        cell += f" (max {mx:.0f})"
    return cell


def has_rss(results):
    return any(v.get("rss") is not None for v in results.values())


def fmt_any(r):
    if r is None:
        return "–"
    return fmt_process(r) if r["process"] else fmt_score(r)


def ratio(results, case, num_engine, den_engine):
    """time(num) / time(den), both lower-is-better."""
    a = results.get((case, num_engine))
    b = results.get((case, den_engine))
    if a is None or b is None or b["score"] <= 0:
        return None
    return a["score"] / b["score"]


def go_tables(results, lines):
    go = {k: v for k, v in results.items() if kind(k[0]) == "go"}
    if not go:
        return {}
    names = {f"go.{b}": (w, size, interp) for b, w, size, interp in workloads()}
    cases = [c for c in names if any(k[0] == c for k in go)]
    cases += sorted({k[0] for k in go} - set(cases))
    jmh = [v["record"] for v in go.values() if not v["process"]]
    procs = [v["record"] for v in go.values() if v["process"]]
    lines.append("## Go programs")
    lines.append("")
    lines.append("One Go program (`gobench.wasm`, Go 1.23, 3.6 MB) with a workload per row, run from `_start` to "
                 "`proc_exit` with the size as its argument; every run's output is checked against native Go's. "
                 "Times in ms per run, lower is better.")
    lines.append("")
    lines.append("- *wasm2jar*, *Chicory compiler*: JMH, in process, steady state: each invocation instantiates the "
                 "module afresh (memory, data segments, Go's runtime start) and runs the program; compilation is "
                 "done once before. ± is JMH's 99.9% confidence half-interval.")
    if jmh:
        lines.append(f"  JMH: {config_line(jmh)}.")
    lines.append("- *native Go*: the same source built for linux/amd64, whole process (fork to exit), mean and "
                 "minimum over the runs, after one untimed run. *`java -jar`*: the program compiled by wasm2jar's "
                 "CLI and run as a whole process (JVM start, class loading and JIT warm-up included), likewise.")
    notes = sorted({r.get("note") for r in procs if r.get("note") and "native" in r.get("note")})
    if notes:
        lines.append(f"  Native: {', '.join(notes)}.")
    lines.append("- Ratios are time(other) / time(wasm2jar): *vs native* below 1× means wasm2jar takes longer "
                 "(0.5× = twice native's time); it sets JMH's in-process steady state against a whole native "
                 "process, which for runs this long differs from native's steady state by the process start "
                 "(about a millisecond). *`java -jar` vs native* compares two whole processes.")
    rss = has_rss(go)
    if rss:
        lines.append("- *peak RSS*: the whole processes' peak resident set size (`ru_maxrss`), MiB, mean over "
                     "the runs: what the operating system had to give native Go and the `java -jar` JVM (heap, "
                     "class metadata, JIT code and the JVM's own memory included). ≤: at most this (no process "
                     "measured from `processes.py` shows less than that script's own peak, ~15 MiB).")
    lines.append("")
    head = ["workload", "size", "wasm2jar", "Chicory compiler", "native Go", "`java -jar`",
            "wasm2jar vs Chicory compiler", "wasm2jar vs native", "`java -jar` vs native"]
    if rss:
        head += ["peak RSS native / `java -jar` (MiB)"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join(["---", "---:"] + ["---:"] * (len(head) - 2)) + "|")
    r_chicory, r_native, r_jar = [], [], []
    for case in cases:
        w, size, _ = names.get(case, (case, "?", "?"))
        a = ratio(go, case, "chicoryCompiler", "wasm2jar")
        b = ratio(go, case, "native", "wasm2jar")
        c = ratio(go, case, "native", "javaJar")
        r_chicory.append(a)
        r_native.append(b)
        r_jar.append(c)
        extra = [f"{fmt_rss(go.get((case, 'native')))} / {fmt_rss(go.get((case, 'javaJar')))}"] if rss else []
        lines.append("| " + " | ".join([w, size] + [fmt_any(go.get((case, e))) for e in
                                                   ("wasm2jar", "chicoryCompiler", "native", "javaJar")]
                                       + [fmt_ratio(a), fmt_ratio(b), fmt_ratio(c)] + extra) + " |")
    g = [geomean(x) for x in (r_chicory, r_native, r_jar)]
    lines.append("| **geometric mean** | | | | | | " + " | ".join(f"**{fmt_ratio(x)}**" if x else "–" for x in g)
                 + (" | |" if rss else " |"))
    lines.append("")
    interp_cases = [c for c in cases if (c, "chicoryInterpreter") in go or (c, "wasm2jarAtInterpreterSize") in go]
    r_interp = []
    if interp_cases:
        lines.append("Chicory's interpreter takes seconds where the others take milliseconds, so it runs each "
                     "workload at a much smaller size, and wasm2jar runs the same size for the ratio (JMH, as above; "
                     "at these sizes Go's runtime start is a large part of every run).")
        lines.append("")
        lines.append("| workload | size | Chicory interpreter | wasm2jar | wasm2jar vs interpreter |")
        lines.append("|---|---:|---:|---:|---:|")
        for case in interp_cases:
            w, _, isize = names.get(case, (case, "?", "?"))
            x = ratio(go, case, "chicoryInterpreter", "wasm2jarAtInterpreterSize")
            r_interp.append(x)
            lines.append(f"| {w} | {isize} | {fmt_score(go.get((case, 'chicoryInterpreter')))} | "
                         f"{fmt_score(go.get((case, 'wasm2jarAtInterpreterSize')))} | {fmt_ratio(x)} |")
        gi = geomean(r_interp)
        lines.append(f"| **geometric mean** | | | | {'**' + fmt_ratio(gi) + '**' if gi else '–'} |")
        lines.append("")
    return {"chicory": [x for x in r_chicory if x], "native": [x for x in r_native if x]}


STARTUP_ROWS = [
    ("startup.CompileHello", "compile Go hello (2 MB) in process, **cold**: the first compilation in a fresh JVM"),
    ("startup.CompileHelloC1", "compile Go hello in process, cold, in JVMs without C2 (`-XX:TieredStopAtLevel=1`, "
     "as the CLI compiles)"),
    ("startup.CompileHelloWarm", "compile Go hello in process, warm: after 30 compilations"),
    ("process.HelloCompile", "`java -jar wasm2jar.jar hello.wasm -o hello.jar`: whole process, JVM start included"),
    ("process.HelloRun", "`java -jar hello.jar`: whole process, to its exit"),
    ("process.GobenchCompile", "`java -jar wasm2jar.jar gobench.wasm -o gobench.jar` (3.6 MB): whole process"),
]


def startup_table(results, lines):
    rows = [(c, t) for c, t in STARTUP_ROWS if any(k[0] == c for k in results)]
    if not rows:
        return
    jmh = [v["record"] for k, v in results.items() if kind(k[0]) == "startup"]
    lines.append("## Compile and start-up")
    lines.append("")
    lines.append("Milliseconds, lower is better. In process (JMH single shot): *wasm2jar* is `Wasm2Jar.compile` "
                 "(parse, validate, generate class files in memory); *Chicory compiler* is its build-time path, "
                 "`Parser.parse` then its `Compiler` collecting class bytes (no class loading either), interpreter "
                 "fallback `FAIL`. Cold: each fork measures its first compilation only, so class loading and the JIT's "
                 "warm-up are in it (the JVM's own start is not); mean ± 99.9% half-interval over the forks. "
                 "Whole processes: mean and minimum wall time, after one untimed run. Chicory has no command-line "
                 "compiler, so the process rows are wasm2jar's only.")
    if jmh:
        lines.append("")
        lines.append(f"JMH: {config_line(jmh)}.")
    rss = has_rss({k: v for k, v in results.items() if k[0] in dict(rows)})
    if rss:
        lines.append("")
        lines.append("*Peak RSS* is a whole process's peak resident set size (`ru_maxrss` from `wait4`), in MiB: "
                     "the mean over the runs (and the largest run's when they differ). For the compiler it is "
                     "what compiling the module needs from the machine, with the JVM's default heap (a quarter "
                     "of the memory), which G1 grows well beyond what the compiler keeps live; the JVM's own "
                     "share (class metadata, JIT code, thread stacks) is in it too.")
    lines.append("")
    head = "| what | wasm2jar | Chicory compiler | wasm2jar vs Chicory compiler |"
    rule = "|---|---:|---:|---:|"
    if rss:
        head += " peak RSS (MiB) |"
        rule += "---:|"
    lines.append(head)
    lines.append(rule)
    for case, title in rows:
        w = results.get((case, "wasm2jar")) or results.get((case, "wasm2jarCli")) or results.get((case, "javaJar"))
        c = results.get((case, "chicoryCompiler"))
        x = c["score"] / w["score"] if c and w and w["score"] > 0 else None
        cell_w = fmt_any(w)
        if w is not None and not w["process"] and not math.isnan(w["min"]):
            cell_w += f" (min {fmt(w['min'])})"
        cell_c = fmt_any(c)
        if c is not None and not c["process"] and not math.isnan(c["min"]):
            cell_c += f" (min {fmt(c['min'])})"
        row = f"| {title} | {cell_w} | {cell_c} | {fmt_ratio(x)} |"
        if rss:
            row += f" {fmt_rss(w) if w is not None and w['process'] else '–'} |"
        lines.append(row)
    lines.append("")


def targets(results, go_ratios, lines):
    """The performance issue's targets, each with the measured figure and whether it is met."""
    rows = []
    if go_ratios.get("chicory"):
        g, worst = geomean(go_ratios["chicory"]), min(go_ratios["chicory"])
        rows.append(("Go programs: wasm2jar ≥ 5× faster than Chicory's compiler",
                     f"geomean {fmt_ratio(g)}, lowest {fmt_ratio(worst)}", worst >= 5, g >= 5))
    if go_ratios.get("native"):
        slow = [1 / x for x in go_ratios["native"]]
        g, worst = geomean(slow), max(slow)
        rows.append(("Go programs: wasm2jar within 2× of native Go",
                     f"wasm2jar takes {g:.1f}× native's time (geomean), {worst:.1f}× at worst", worst <= 2, g <= 2))
    hc = results.get(("process.HelloCompile", "wasm2jarCli"))
    if hc:
        rows.append(("Go hello compile ≤ 1.5 s wall, JVM start included",
                     f"{fmt(hc['score'])} ms mean, {fmt(hc['min'])} ms min", hc["score"] <= 1500, hc["min"] <= 1500))
    for case, how in (("startup.CompileHello", "cold, in process"),
                      ("startup.CompileHelloC1", "cold, in process, both without C2"),
                      ("startup.CompileHelloWarm", "warm, in process")):
        w = results.get((case, "wasm2jar"))
        c = results.get((case, "chicoryCompiler"))
        if w and c:
            x = c["score"] / w["score"]
            rows.append((f"Go hello compile ≥ 5× faster than Chicory's compiler ({how})",
                         f"{fmt_ratio(x)}", x >= 5, x >= 5))
    hr = results.get(("process.HelloRun", "javaJar"))
    if hr:
        rows.append(("`java -jar hello.jar` ≤ 0.5 s", f"{fmt(hr['score'])} ms mean, {fmt(hr['min'])} ms min",
                     hr["score"] <= 500, hr["min"] <= 500))
    if not rows:
        return
    lines.append("## Targets")
    lines.append("")
    lines.append("| target | measured | met |")
    lines.append("|---|---|---|")
    for title, measured, met, met_best in rows:
        verdict = "**yes**" if met else ("partly (by the best figure)" if met_best else "no")
        lines.append(f"| {title} | {measured} | {verdict} |")
    lines.append("")


def table(args):
    results = load(args.result)
    if not results:
        sys.exit(f"{args.result}: no results")
    jmh_recs = [v["record"] for v in results.values() if not v["process"]]
    rec = jmh_recs[0] if jmh_recs else {}
    lines = [f"# {args.title}", ""]
    for n in args.note or []:
        lines.append(f"- {n}")
    if rec:
        lines.append(f"- JVM: {rec.get('vmName', '?')} {rec.get('vmVersion', '?')} (JDK {rec.get('jdkVersion', '?')}), "
                     f"JMH {rec.get('jmhVersion', '?')}")
    lines.append("")
    micro_table(results, lines)
    go_ratios = go_tables(results, lines)
    startup_table(results, lines)
    targets(results, go_ratios, lines)
    text = "\n".join(lines)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)


def compare(args):
    base = load(args.baseline)
    cur = load(args.current)
    counted = None if args.engines == "all" else set(args.engines.split(","))
    lines = [
        f"# Comparison against {shown(args.baseline)}",
        "",
        f"Regression: worse than the baseline beyond both error bars and by more than {args.threshold:g}%. "
        f"Counted for the exit status: {'all engines' if counted is None else ', '.join(sorted(counted))}.",
        "",
        "| benchmark | engine | baseline | current | change | verdict |",
        "|---|---|---:|---:|---:|---|",
    ]
    regressions = []
    for group, cases in ordered_cases(cur):
        for case in cases:
            for e in ENGINES + sorted({m for c, m in cur if c == case and m not in ENGINES}):
                c = cur.get((case, e))
                if c is None:
                    continue
                b = base.get((case, e))
                if b is None:
                    lines.append(f"| {case} | {e} | – | {fmt_score(c)} | – | new |")
                    continue
                lower = c["mode"] in LOWER_IS_BETTER
                s0, e0, s1, e1 = b["score"], err0(b["error"]), c["score"], err0(c["error"])
                change = (s1 - s0) / s0 * 100 if s0 else float("nan")
                worse_pct = change if lower else -change
                if lower:
                    beyond_worse = s1 - e1 > s0 + e0
                    beyond_better = s1 + e1 < s0 - e0
                else:
                    beyond_worse = s1 + e1 < s0 - e0
                    beyond_better = s1 - e1 > s0 + e0
                if beyond_worse and worse_pct > args.threshold:
                    is_counted = counted is None or e in counted
                    verdict = "**REGRESSION**" if is_counted else "slower (not counted)"
                    if is_counted:
                        regressions.append(f"{case}.{e}")
                elif beyond_better and -worse_pct > args.threshold:
                    verdict = "faster"
                else:
                    verdict = "same"
                lines.append(f"| {case} | {e} | {fmt_score(b)} | {fmt_score(c)} | {change:+.1f}% | {verdict} |")
    not_run = sorted({case for (case, e) in base if (case, e) not in cur})
    lines.append("")
    rss_rows = [(k, base[k], cur[k]) for k in sorted(cur) if k in base
                and base[k].get("rss") is not None and cur[k].get("rss") is not None]
    if rss_rows:
        lines.append("Peak RSS of the whole processes, MiB (listed only, never a regression):")
        lines.append("")
        lines.append("| benchmark | engine | baseline | current | change |")
        lines.append("|---|---|---:|---:|---:|")
        for (case, e), b, c in rss_rows:
            change = (c["rss"] - b["rss"]) / b["rss"] * 100 if b["rss"] else float("nan")
            lines.append(f"| {case} | {e} | {fmt_rss(b)} | {fmt_rss(c)} | {change:+.1f}% |")
        lines.append("")
    if not_run:
        lines.append(f"In the baseline but not in this run: {', '.join(not_run)}.")
        lines.append("")
    if regressions:
        lines.append(f"{len(regressions)} regression(s): {', '.join(regressions)}")
    else:
        lines.append("No regressions.")
    lines.append("")
    emit(lines, args.out)
    return 1 if regressions else 0


def ab(args):
    runs = {"A": [load(f) for f in args.a], "B": [load(f) for f in args.b]}
    keys = []
    for r in runs["A"] + runs["B"]:
        keys += [k for k in r if k not in keys]
    lines = [
        f"# A/B: {len(args.a)} run(s) of A, {len(args.b)} of B",
        "",
        f"Median and range over the runs; B/A is the ratio of the medians. A verdict needs the two ranges apart "
        f"and the medians more than {args.threshold:g}% apart.",
        "",
        "| benchmark | engine | A | B | B/A | verdict |",
        "|---|---|---:|---:|---:|---|",
    ]
    for key in keys:
        a = [r[key]["score"] for r in runs["A"] if key in r]
        b = [r[key]["score"] for r in runs["B"] if key in r]
        if not a or not b:
            continue
        rec = next(r[key] for r in runs["A"] + runs["B"] if key in r)
        lower = rec["mode"] in LOWER_IS_BETTER
        ma, mb = median(a), median(b)
        beyond = abs(mb / ma - 1) * 100 > args.threshold
        if beyond and max(b) < min(a):
            verdict = "B faster" if lower else "B slower"
        elif beyond and min(b) > max(a):
            verdict = "B slower" if lower else "B faster"
        else:
            verdict = "same"
        unit = rec["unit"]
        lines.append(f"| {key[0]} | {key[1]} | {fmt(ma)} ({fmt(min(a))}–{fmt(max(a))}) {unit} "
                     f"| {fmt(mb)} ({fmt(min(b))}–{fmt(max(b))}) {unit} | {mb / ma:.3f} | {verdict} |")
    lines.append("")
    emit(lines, args.out)
    return 0


def emit(lines, out):
    """Prints a report, and writes it to the file out when given."""
    text = "\n".join(lines)
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)


def median(xs):
    ys = sorted(xs)
    n = len(ys)
    return ys[n // 2] if n % 2 else (ys[n // 2 - 1] + ys[n // 2]) / 2


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("table", help="Markdown table of one JMH JSON result")
    t.add_argument("result")
    t.add_argument("--out")
    t.add_argument("--title", default="wasm2jar benchmarks")
    t.add_argument("--note", action="append", help="a line for the header list (repeatable)")
    c = sub.add_parser("compare", help="compare a result against a baseline")
    c.add_argument("baseline")
    c.add_argument("current")
    c.add_argument("--out")
    c.add_argument("--threshold", type=float, default=5.0, help="minimum slowdown in percent (default 5)")
    c.add_argument("--engines", default="wasm2jar", help="engines whose regressions fail the comparison, or 'all'")
    a = sub.add_parser("ab", help="compare alternating runs of two builds")
    a.add_argument("--a", nargs="+", required=True, help="JMH JSON results of build A")
    a.add_argument("--b", nargs="+", required=True, help="JMH JSON results of build B")
    a.add_argument("--out")
    a.add_argument("--threshold", type=float, default=5.0, help="smallest difference given a verdict, percent (default 5)")
    args = p.parse_args()
    if args.cmd == "ab":
        return ab(args)
    if args.cmd == "table":
        table(args)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
