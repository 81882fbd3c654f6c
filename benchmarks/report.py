#!/usr/bin/env python3
"""Turns JMH JSON results into Markdown, and compares a result against a baseline.

  report.py table RESULT.json [--out FILE.md] [--title T] [--note LINE ...]
  report.py compare BASELINE.json CURRENT.json [--out FILE.md] [--threshold PCT] [--engines E,E|all]

Benchmarks are named dev.wasm2jar.benchmarks.<Case>Benchmark.<engine>; the table has one row per
case and one column per engine. Ratios are "how many times faster wasm2jar is" than the other
engine: time(other) / time(wasm2jar). Above 1: wasm2jar is faster; below 1: slower.

compare exits 1 when a counted engine (default: wasm2jar) regressed: its score is worse than the
baseline's by more than both error bars together (current - error > baseline + error, for a
lower-is-better mode) and by more than --threshold percent (default 5). Nothing else fails it.
"""
import argparse
import json
import math
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
    ("br_table dispatch", ["InterpreterLoop", "GoStyleDispatch"]),
    ("calls", ["Fib", "CallIndirect"]),
    ("globals", ["Globals"]),
    ("bulk memory", ["FillCopy", "MemoryGrow"]),
]
LOWER_IS_BETTER = {"avgt", "sample", "ss"}


def load(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    out = {}
    for r in data:
        full = r["benchmark"]
        cls, method = full.rsplit(".", 1)
        case = cls.rsplit(".", 1)[-1]
        if case.endswith("Benchmark"):
            case = case[: -len("Benchmark")]
        params = r.get("params") or {}
        if params:
            case += "[" + ",".join(f"{k}={v}" for k, v in sorted(params.items())) + "]"
        pm = r["primaryMetric"]
        out[(case, method)] = {
            "score": float(pm["score"]),
            "error": num(pm.get("scoreError")),
            "unit": pm.get("scoreUnit", ""),
            "mode": r.get("mode", "avgt"),
            "record": r,
        }
    return out


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


def table(args):
    results = load(args.result)
    if not results:
        sys.exit(f"{args.result}: no results")
    any_rec = next(iter(results.values()))
    unit = any_rec["unit"]
    mode = any_rec["mode"]
    rec = any_rec["record"]
    lines = [f"# {args.title}", ""]
    for n in args.note or []:
        lines.append(f"- {n}")
    lines.append(f"- JVM: {rec.get('vmName', '?')} {rec.get('vmVersion', '?')} (JDK {rec.get('jdkVersion', '?')})")
    lines.append(
        f"- JMH {rec.get('jmhVersion', '?')}: mode {mode}, {rec.get('forks')} fork(s), "
        f"{warmup(rec)}, "
        f"{rec.get('measurementIterations')} × {rec.get('measurementTime')} measurement"
    )
    lines.append(f"- Scores: {unit}, lower is better; ± is JMH's 99.9% confidence half-interval (n/a with one iteration).")
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
    for group, cases in ordered_cases(results):
        lines.append(f"| *{group}* |" + " |" * (len(head) - 1))
        for case in cases:
            row = [case] + [fmt_score(results.get((case, e))) for e in ENGINES]
            for other in ("chicoryInterpreter", "chicoryCompiler", "java"):
                s = speedup(results, case, other)
                ratios[other].append(s)
                row.append(fmt_ratio(s))
            lines.append("| " + " | ".join(row) + " |")
    g = [geomean(ratios[o]) for o in ("chicoryInterpreter", "chicoryCompiler", "java")]
    lines.append("| **geometric mean** |" + " |" * len(ENGINES) + " " + " | ".join(
        f"**{fmt_ratio(x)}**" if x else "–" for x in g) + " |")
    lines.append("")
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
    if not_run:
        lines.append(f"In the baseline but not in this run: {', '.join(not_run)}.")
        lines.append("")
    if regressions:
        lines.append(f"{len(regressions)} regression(s): {', '.join(regressions)}")
    else:
        lines.append("No regressions.")
    lines.append("")
    text = "\n".join(lines)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    print(text)
    return 1 if regressions else 0


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
    args = p.parse_args()
    if args.cmd == "table":
        table(args)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
