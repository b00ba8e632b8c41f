#!/usr/bin/python3
"""Markdown tables, the targets of issue 4 with pass/fail, and the plot, from one run's results JSON.

Sizes are in MB (10^6 bytes); times in seconds (s) or milliseconds (ms).
"""
import os
import subprocess

RESULTS_HEADER = """# Benchmark results

Written by `bench/run` (see README.md): newest run first, older runs kept below it. Each run measures idx,
omindex and SQLite FTS5 side by side on the same machine, so compare ratios within a run; absolute times on
a shared machine drift by about 20% between runs.

![full build time and query p95 against corpus size, newest recorded run](results.png)

<!-- runs: bench/run inserts each new run below this line -->
"""
MARKER = "<!-- runs: bench/run inserts each new run below this line -->\n"
TOOLS = ("idx", "omindex", "FTS5")


def mb(n):
    return f"{n / 1e6:,.1f}"


def secs(x):
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}"


def ms(x):
    return f"{x:.2f}" if x < 10 else f"{x:.1f}"


def corpus_label(c):
    return f"{c['corpus']} ({c['posts']:,})"


# ---------------------------------------------------------------------------------------------- tables

def header(r):
    m, v = r["machine"], r["versions"]
    return (f"## Run of {r['date'].replace('T', ' ')}\n\n"
            f"- command: `{r['command']}` ({r['minutes']} min)\n"
            f"- machine: {m['cores']} cores, {m['memory_gib']} GiB, {m['cpu']}, Linux {m['kernel']}; "
            f"load average {m['load_start']:.2f} at the start, {m['load_end']:.2f} at the end\n"
            f"- idx {v['idx']} (Release build), {v['omindex']}, Xapian {v['xapian']}, SQLite {v['sqlite']}"
            + (f"; query set v{r['query_set']}" if "query_set" in r else "") + "\n")


def indexing_table(r):
    rows = ["| corpus | tool | full build s | posts/s | CPU s | peak RSS MB | size MB as built | compacted | "
            "unchanged rerun s | changed rerun s |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for c in r["corpora"]:
        for name in TOOLS:
            t = c["tools"][name]
            full = t["full"]
            rows.append(f"| {corpus_label(c)} | {name} | {secs(full['wall'])} | {c['posts'] / full['wall']:,.0f} | "
                        f"{secs(full['cpu'])} | {full['rss_kb'] * 1024 / 1e6:,.0f} | {mb(full['bytes'])} | "
                        f"{mb(full['compacted']['bytes'])} | {secs(t['unchanged']['wall'])} | "
                        f"{secs(t['changed']['wall'])} |")
    notes = []
    for c in r["corpora"]:
        ch = c["changes"]
        docs = ", ".join(f"{name} {c['tools'][name]['changed']['counts'].get('documents', '?'):,}" for name in TOOLS)
        notes.append(f"{c['corpus']}: {ch['edited']} edited, {ch['deleted']} deleted, {ch['added']} added; "
                     f"documents afterwards: {docs} (expected {c['posts'] - ch['deleted'] + ch['added']:,})")
    return ("\n".join(rows) + "\n\nChanged rerun: " + "; ".join(notes) + ". omindex indexes the posts rendered "
            "as HTML pages and FTS5 the extracted text (rendering and extraction not timed); omindex runs with "
            "its defaults (no spelling data), idx with its own (spelling data included). Compacted: "
            "`xapian-compact` for idx and omindex, FTS5 `optimize` then `VACUUM`.\n")


def query_table(r):
    rows = ["| corpus | tool | median ms | p95 ms | max ms | queries with hits | one whole process ms (CPU) |",
            "|---|---|---:|---:|---:|---:|---:|"]
    for c in r["corpora"]:
        for name in TOOLS:
            t = c["tools"][name]
            q = t.get("queries")
            label = {"idx": "idx (10 hits, snippets, facets)", "FTS5": "FTS5 (10 hits, snippet(), no facets)",
                     "omindex": "omindex db via `quest`"}[name]
            if q:
                errors = f", {q['errors']} errors" if q["errors"] else ""
                cells = f"{ms(q['median_ms'])} | {ms(q['p95_ms'])} | {ms(q['max_ms'])} | " \
                        f"{q['with_hits']}/{q['queries']}{errors}"
            else:
                cells = "– | – | – | –"
            p = t["process"]
            rows.append(f"| {corpus_label(c)} | {label} | {cells} | {ms(p['median_ms'])} "
                        f"({ms(p['user_ms'] + p['system_ms'])}) |")
    first = r["corpora"][0]["tools"]["idx"]["queries"]
    query = r.get("whole_process_query", "")
    return ("\n".join(rows) + f"\n\nLatency is measured by the driver around writing one request line and reading "
            f"one answer line, over {first['samples'] // first['queries']} passes of {first['queries']} queries "
            "after a warm-up pass. One whole process: median wall time of 20 runs (`hyperfine -N`; CPU = mean "
            f"user + system) of `idx search --db DB --json '{query}'`, `quest -d DB '{query}'` and "
            "`sqlite3 DB` with the SELECT the FTS5 server runs.\n")


def kinds_table(r):
    kinds = list(r["corpora"][0]["tools"]["idx"]["queries"]["by_kind"])
    rows = ["| corpus | tool | " + " | ".join(kinds) + " |", "|---|---|" + "---:|" * len(kinds)]
    for c in r["corpora"]:
        for name in ("idx", "FTS5"):
            by = c["tools"][name]["queries"]["by_kind"]
            rows.append(f"| {corpus_label(c)} | {name} | " +
                        " | ".join(f"{ms(by[k]['median_ms'])} / {ms(by[k]['p95_ms'])}" for k in kinds) + " |")
    return "Median / p95 ms by kind of query:\n\n" + "\n".join(rows) + "\n"


# idx's value slot holding each post's text for snippets, zstd-compressed (common/schema.hpp).
IDX_TEXT_SLOT = "3"


def composition_table(r):
    rows = ["| corpus | tool | total MB | positions | postings and values | termlists | document data | "
            "stored text | spelling | other |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for c in r["corpora"]:
        for name in ("idx", "omindex"):
            comp = c["tools"][name]["full"]["compacted"]
            tables = dict(comp["tables"])
            stored_text = comp.get("value_bytes", {}).get(IDX_TEXT_SLOT, 0) if name == "idx" else 0
            cells = [tables.pop(k, 0) for k in ("position", "postlist", "termlist", "docdata")]
            cells[1] -= stored_text  # glass keeps values in the postlist table
            cells += [stored_text, tables.pop("spelling", 0)]
            total = comp["bytes"]
            other = total - sum(cells)
            rows.append(f"| {corpus_label(c)} | {name} | {mb(total)} | " +
                        " | ".join(f"{mb(x)} ({100 * x / total:.0f}%)" for x in cells + [other]) + " |")
    return ("Compacted Xapian databases by table. idx keeps each post's extracted text for snippets "
            "zstd-compressed in a value slot, which glass stores in the postlist table: it is taken out of "
            "\"postings and values\" into \"stored text\". omindex keeps a 512-byte sample in its document data. "
            "Without value sizes (runs before 26 November 2026, 18:30) the stored text is counted under postings.\n\n"
            + "\n".join(rows) + "\n")


def cranfield_table(r):
    cf = r.get("cranfield")
    if not cf:
        return ""
    rows = ["| system | nDCG@10 | MAP@100 | P@10 |", "|---|---:|---:|---:|"]
    for name, m in cf["systems"].items():
        rows.append(f"| {name} | {m['nDCG@10']:.4f} | {m['MAP@100']:.4f} | {m['P@10']:.4f} |")
    return ("Cranfield (1,400 documents, 225 queries; `../shared/eval/ireval.py`; peers from `ireval.py peers`):"
            "\n\n" + "\n".join(rows) + "\n")


# ---------------------------------------------------------------------------------------------- targets

def _find(r, name):
    return next((c for c in r["corpora"] if c["corpus"] == name), None)


def _largest(r):
    generated = [c for c in r["corpora"] if c["corpus"].startswith("gen-")]
    return max(generated, key=lambda c: c["posts"]) if generated else None


def _verdict(ok):
    return "pass" if ok else "**FAIL**"


def targets(r):
    """(figure, target, measured, verdict) rows for the figures of issue 4."""
    rows = []
    small, big = _find(r, "whenitson"), _largest(r)
    full_rate = lambda c: c["posts"] / c["tools"]["idx"]["full"]["wall"]  # noqa: E731
    # CPU time is steadier than wall time when other jobs share the cores.
    cpu_rate = lambda c: c["posts"] / c["tools"]["idx"]["full"]["cpu"]  # noqa: E731
    wall = lambda c, tool, phase: c["tools"][tool][phase]["wall"]  # noqa: E731

    def missing(figure, target, what):
        rows.append((figure, target, f"not run ({what})", "–"))

    if small:
        rate = full_rate(small)
        rows.append(("full build, whenitson", "≥ 800 posts/s",
                     f"{rate:,.0f} posts/s ({cpu_rate(small):,.0f} per CPU-second)", _verdict(rate >= 800)))
        ratio = wall(small, "idx", "full") / wall(small, "omindex", "full")
        cpu = [small["tools"][tool]["full"]["cpu"] for tool in ("idx", "omindex")]
        rows.append(("full build, whenitson", "≤ 0.4× omindex's time",
                     f"{ratio:.2f}× ({secs(wall(small, 'idx', 'full'))} s vs {secs(wall(small, 'omindex', 'full'))} s; "
                     f"CPU {secs(cpu[0])} s vs {secs(cpu[1])} s)", _verdict(ratio <= 0.4)))
    else:
        missing("full build, whenitson", "≥ 800 posts/s; ≤ 0.4× omindex", "no whenitson corpus")
    if big and big["posts"] >= 100000 and small:
        ratio = full_rate(big) / full_rate(small)
        rows.append((f"full build, {big['posts']:,} posts", "posts/s within 30% of the 4k rate",
                     f"{full_rate(big):,.0f} vs {full_rate(small):,.0f} posts/s ({ratio:.2f}×); per CPU-second "
                     f"{cpu_rate(big):,.0f} vs {cpu_rate(small):,.0f} ({cpu_rate(big) / cpu_rate(small):.2f}×)",
                     _verdict(ratio >= 0.7)))
        rss = big["tools"]["idx"]["full"]["rss_kb"] * 1024 / 1e6
        rows.append((f"full build, {big['posts']:,} posts", "peak RSS ≤ 200 MB", f"{rss:,.0f} MB", _verdict(rss <= 200)))
    else:
        missing("full build, 100k posts", "within 30% of the 4k rate; RSS ≤ 200 MB", "use --sizes with 100000")
    for c in r["corpora"]:
        for phase, figure in (("unchanged", "unchanged rerun"), ("changed", "1% changed rerun")):
            a, b = wall(c, "idx", phase), wall(c, "omindex", phase)
            rows.append((f"{figure}, {c['corpus']}", "≤ omindex's time", f"{secs(a)} s vs {secs(b)} s",
                         _verdict(a <= b)))
    if big and big["posts"] >= 100000:
        a = wall(big, "idx", "unchanged")
        rows.append((f"unchanged rerun, {big['posts']:,} posts", "≤ 1 s", f"{secs(a)} s", _verdict(a <= 1)))
    else:
        missing("unchanged rerun, 100k posts", "≤ 1 s", "use --sizes with 100000")
    for c in r["corpora"]:
        a = c["tools"]["idx"]["full"]["compacted"]["bytes"]
        b = c["tools"]["omindex"]["full"]["compacted"]["bytes"]
        rows.append((f"index size compacted, {c['corpus']}", "≤ omindex's", f"{mb(a)} MB vs {mb(b)} MB",
                     _verdict(a <= b)))
    if small:
        q = small["tools"]["idx"]["queries"]
        rows.append(("query median, whenitson", "≤ 1 ms", f"{ms(q['median_ms'])} ms", _verdict(q["median_ms"] <= 1)))
        rows.append(("query p95, whenitson", "≤ 3 ms", f"{ms(q['p95_ms'])} ms", _verdict(q["p95_ms"] <= 3)))
    if big and big["posts"] >= 100000:
        q = big["tools"]["idx"]["queries"]
        rows.append((f"query p95, {big['posts']:,} posts", "≤ 20 ms", f"{ms(q['p95_ms'])} ms",
                     _verdict(q["p95_ms"] <= 20)))
    else:
        missing("query p95, 100k posts", "≤ 20 ms", "use --sizes with 100000")
    for c in r["corpora"]:
        a, b = c["tools"]["idx"]["queries"]["median_ms"], c["tools"]["FTS5"]["queries"]["median_ms"]
        rows.append((f"query median, {c['corpus']}", "below FTS5's (with its snippets)",
                     f"{ms(a)} ms vs {ms(b)} ms", _verdict(a < b)))
    for c in r["corpora"]:
        p = c["tools"]["idx"]["process"]["median_ms"]
        rows.append((f"one whole `idx search` process, {c['corpus']}", "≤ 10 ms", f"{ms(p)} ms", _verdict(p <= 10)))
    cf = r.get("cranfield")
    if cf:
        s = cf["systems"]
        idx = s["idx"]
        peers = [v for k, v in s.items() if k != "idx"]
        rows.append(("Cranfield nDCG@10", "≥ 0.38", f"{idx['nDCG@10']:.4f}", _verdict(idx["nDCG@10"] >= 0.38)))
        rows.append(("Cranfield MAP@100", "≥ 0.31", f"{idx['MAP@100']:.4f}", _verdict(idx["MAP@100"] >= 0.31)))
        above = all(idx[m] > p[m] for p in peers for m in ("nDCG@10", "MAP@100"))
        best = {m: max(p[m] for p in peers) for m in ("nDCG@10", "MAP@100")}
        rows.append(("Cranfield", "above FTS5 and default Xapian BM25",
                     f"best peer {best['nDCG@10']:.4f} / {best['MAP@100']:.4f}", _verdict(above)))
    else:
        missing("Cranfield", "nDCG@10 ≥ 0.38, MAP@100 ≥ 0.31", "--no-cranfield")
    return rows


def targets_table(r):
    rows = ["| figure | target | measured (idx; vs peer) | result |", "|---|---|---|---|"]
    rows += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in targets(r)]
    return "Targets of issue 4 (ratios are idx ÷ peer in this run):\n\n" + "\n".join(rows) + "\n"


def markdown(r):
    parts = [header(r), "### Indexing\n\n" + indexing_table(r), "### Index composition\n\n" + composition_table(r),
             "### Queries\n\n" + query_table(r) + "\n" + kinds_table(r)]
    if r.get("cranfield"):
        parts.append("### Ranking quality\n\n" + cranfield_table(r))
    parts.append("### Targets\n\n" + targets_table(r))
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------- plot

def plot(r, png):
    """Full-build seconds and query p95 ms against corpus size, log-log, idx vs peers."""
    data = png[:-4] + ".dat"
    with open(data, "w") as fh:
        fh.write("# posts idx_build omindex_build fts5_build idx_p95 fts5_p95\n")
        for c in sorted(r["corpora"], key=lambda c: c["posts"]):
            t = c["tools"]
            fh.write(f"{c['posts']} {t['idx']['full']['wall']:.3f} {t['omindex']['full']['wall']:.3f} "
                     f"{t['FTS5']['full']['wall']:.3f} {t['idx']['queries']['p95_ms']:.3f} "
                     f"{t['FTS5']['queries']['p95_ms']:.3f}\n")
    script = f"""
set terminal pngcairo size 1100,440 font ",10"
set output '{png}'
set multiplot layout 1,2 title "idx vs peers, {r['date'][:10]}, {r['machine']['cores']} cores (shared)"
set logscale xy
set grid
set key top left
set xlabel 'posts'
set xrange [*:*]
set format x '%.0s%c'
set title 'full build from empty'
set ylabel 'seconds'
plot '{data}' using 1:2 with linespoints lw 2 pt 7 lc rgb '#9400d3' title 'idx', \\
     '' using 1:3 with linespoints lw 2 pt 5 lc rgb '#009e73' title 'omindex', \\
     '' using 1:4 with linespoints lw 2 pt 9 lc rgb '#56b4e9' title 'SQLite FTS5'
set title 'query p95 (one long-lived process)'
set ylabel 'milliseconds'
plot '{data}' using 1:5 with linespoints lw 2 pt 7 lc rgb '#9400d3' title 'idx (snippets, facets)', \\
     '' using 1:6 with linespoints lw 2 pt 9 lc rgb '#56b4e9' title 'SQLite FTS5 (snippet, no facets)'
unset multiplot
"""
    done = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    if done.returncode != 0:  # warnings (one corpus gives an empty x range) are not worth showing
        raise RuntimeError("gnuplot failed: " + done.stderr)


def write(r, run_dir, bench_dir, record):
    text = markdown(r)
    print(text)
    with open(os.path.join(run_dir, "results.md"), "w") as fh:
        fh.write(text)
    png = os.path.join(run_dir, "results.png")
    plot(r, png)
    if not record:
        return
    with open(png, "rb") as src, open(os.path.join(bench_dir, "results.png"), "wb") as dst:
        dst.write(src.read())
    path = os.path.join(bench_dir, "RESULTS.md")
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else RESULTS_HEADER
    if MARKER not in old:
        old = RESULTS_HEADER + "\n" + old
    head, _, rest = old.partition(MARKER)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(head + MARKER + "\n" + text + "\n" + rest.lstrip("\n"))


if __name__ == "__main__":
    # report.py RESULTS.json [--record]: the tables of an earlier run again (its folder is under the cache's
    # runs/); --record also puts them into bench/RESULTS.md and redraws bench/results.png.
    import json
    import sys
    with open(sys.argv[1]) as fh:
        results = json.load(fh)
    bench_dir = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    write(results, os.path.dirname(os.path.abspath(sys.argv[1])), bench_dir, "--record" in sys.argv[2:])
