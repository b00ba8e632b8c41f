#!/usr/bin/python3
"""The measuring half of bench/run (which installs packages and builds idx first, then calls this).

For each corpus: prepare it (cached), then for idx, omindex and FTS5 in turn: full build from empty, rerun
with nothing changed, rerun after the change workload, sizes as built and compacted; then query latency
from one long-lived process per tool and the cost of one whole search process. Then the Cranfield figures.
Everything lands in a results JSON in the run folder, from which report.py writes the tables and the plot.
"""
import argparse
import datetime
import json
import math
import os
import platform
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)

import changes  # noqa: E402
import corpus  # noqa: E402
import fts5  # noqa: E402
import mirror  # noqa: E402
import queries  # noqa: E402
import report  # noqa: E402
from posts import post_files, read_post  # noqa: E402

WHENITSON = 4374
WHOLE_PROCESS_QUERY = "kerry lavrov ceasefire"
LATENCY_PASSES = 3  # measured passes over the query set, after one warm-up pass


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------- corpora

def _stamp_ok(folder, stamp):
    try:
        with open(os.path.join(folder, ".complete")) as fh:
            return fh.read() == stamp
    except OSError:
        return False


def prepare_corpus(cache, size, source_dir, seed):
    """A cached corpus: posts/ plus the peers' html/ and text/ mirrors. Returns its folder."""
    if size == WHENITSON:
        name, stamp = "whenitson", f"copy of {os.path.realpath(source_dir)}; mirror v{corpus.FORMAT_VERSION}\n"
    else:
        name, stamp = f"gen-{size}-seed{seed}", f"generated v{corpus.FORMAT_VERSION}\n"
    folder = os.path.join(cache, "corpus", name)
    if _stamp_ok(folder, stamp):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    posts = os.path.join(folder, "posts")
    if size == WHENITSON:
        log(f"copying {source_dir}")
        subprocess.run(["cp", "-a", source_dir, posts], check=True)
    else:
        log(f"generating {size} posts (bench/make-corpus {size} ... --seed {seed})")
        corpus.write_corpus(source_dir, size, posts, seed)
    rels = post_files(posts)
    if size == WHENITSON and len(rels) != WHENITSON:
        log(f"warning: {source_dir} holds {len(rels)} posts, not {WHENITSON}")
    log(f"rendering {len(rels)} posts as HTML pages (omindex) and text records (FTS5); not timed")
    mirror.update_mirrors(posts, rels, os.path.join(folder, "html"), os.path.join(folder, "text"))
    with open(os.path.join(folder, ".complete"), "w") as fh:
        fh.write(stamp)
    return folder


def query_set(folder):
    """The corpus's fixed query set, made once from its titles (before any change)."""
    path = os.path.join(folder, f"queries-v{queries.VERSION}.jsonl")
    if not os.path.exists(path):
        posts = os.path.join(folder, "posts")
        requests = queries.make_queries([read_post(os.path.join(posts, r)) for r in post_files(posts)])
        with open(path + ".tmp", "w") as fh:
            for request in requests:
                fh.write(json.dumps(request) + "\n")
        os.replace(path + ".tmp", path)
    with open(path) as fh:
        return [json.loads(line) for line in fh]


def dir_bytes(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


# ---------------------------------------------------------------------------------------------- running

class Runner:
    def __init__(self, run_dir, env):
        self.run_dir = run_dir
        self.env = env
        self.count = 0

    def timed(self, label, cmd, cwd):
        """Runs cmd under /usr/bin/time -v; wall seconds from this side, peak RSS and CPU from time."""
        self.count += 1
        base = os.path.join(self.run_dir, "logs", f"{self.count:02d}-{label}")
        os.makedirs(os.path.dirname(base), exist_ok=True)
        with open(base + ".out", "wb") as out, open(base + ".err", "wb") as err:
            start = time.perf_counter()
            rc = subprocess.run(["/usr/bin/time", "-v", "-o", base + ".time"] + cmd, stdout=out, stderr=err,
                                cwd=cwd, env=self.env).returncode
            wall = time.perf_counter() - start
        stats = _time_v(base + ".time")
        with open(base + ".out", "rb") as fh:
            stdout = fh.read().decode("utf-8", "replace")
        result = {"wall": wall, "rc": rc, "rss_kb": stats.get("Maximum resident set size (kbytes)", 0),
                  "cpu": stats.get("User time (seconds)", 0) + stats.get("System time (seconds)", 0),
                  "log": base}
        if rc != 0:
            log(f"  {label}: exit {rc} (see {base}.err)")
        return result, stdout


def _time_v(path):
    stats = {}
    with open(path) as fh:
        for line in fh:
            key, _, value = line.strip().rpartition(": ")
            try:
                stats[key] = float(value)
            except ValueError:
                pass
    return stats


def _last_json(text):
    for line in reversed(text.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return {}


class Idx:
    name = "idx"

    def __init__(self, binary, work):
        self.binary, self.db, self.posts = binary, os.path.join(work, "idx-db"), os.path.join(work, "posts")

    def index(self, runner, label, cwd):
        result, out = runner.timed(f"idx-{label}", [self.binary, "add", "--db", self.db, "--json", self.posts], cwd)
        summary = _last_json(out)
        result["counts"] = {k: summary.get(k) for k in ("added", "updated", "removed", "unchanged", "documents")}
        result["errors"] = len(summary.get("errors", []))
        return result

    def compacted(self, scratch):
        return xapian_compacted(self.db, scratch)

    def server(self):
        return [self.binary, "search", "--db", self.db, "--json", "--queries-from", "-"]

    def whole_process(self):
        return f"{shlex.quote(self.binary)} search --db {shlex.quote(self.db)} --json {shlex.quote(WHOLE_PROCESS_QUERY)}"


class Omindex:
    name = "omindex"

    def __init__(self, work):
        self.db, self.html = os.path.join(work, "omindex-db"), os.path.join(work, "html")

    def index(self, runner, label, cwd):
        result, _ = runner.timed(f"omindex-{label}", ["omindex", "--db", self.db, "--url", "/", self.html], cwd)
        result["counts"] = {"documents": xapian_doccount(self.db)}
        return result

    def compacted(self, scratch):
        return xapian_compacted(self.db, scratch)

    def server(self):
        return None  # omega is a CGI program: no long-lived query process to compare

    def whole_process(self):
        return f"quest -d {shlex.quote(self.db)} {shlex.quote(WHOLE_PROCESS_QUERY)}"


class Fts5:
    name = "FTS5"

    def __init__(self, work):
        self.db, self.text = os.path.join(work, "fts5.sqlite"), os.path.join(work, "text")
        self.script = os.path.join(HERE, "fts5.py")

    def index(self, runner, label, cwd):
        result, out = runner.timed(f"fts5-{label}", ["/usr/bin/python3", self.script, "update", self.db, self.text],
                                   cwd)
        result["counts"] = _last_json(out)
        con = sqlite3.connect(self.db)
        result["counts"]["documents"] = con.execute("SELECT count(*) FROM posts").fetchone()[0]
        con.close()
        return result

    def compacted(self, scratch):
        copy = os.path.join(scratch, "fts5-compacted.sqlite")
        shutil.copyfile(self.db, copy)
        con = sqlite3.connect(copy)
        con.execute("INSERT INTO fts(fts) VALUES('optimize')")
        con.commit()
        con.execute("VACUUM")
        con.close()
        size = dir_bytes(copy)
        os.unlink(copy)
        return {"bytes": size, "tables": {}}

    def server(self):
        return ["/usr/bin/python3", self.script, "serve", self.db]

    def whole_process(self):
        return f"sqlite3 -readonly {shlex.quote(self.db)} {shlex.quote(fts5.literal_sql(WHOLE_PROCESS_QUERY))}"


def xapian_doccount(db):
    import xapian
    return xapian.Database(db).get_doccount()


def xapian_compacted(db, scratch):
    out = os.path.join(scratch, "compacted")
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(["xapian-compact", db, out], check=True, stdout=subprocess.DEVNULL)
    tables = {f.split(".")[0]: os.path.getsize(os.path.join(out, f)) for f in os.listdir(out) if f.endswith(".glass")}
    size = dir_bytes(out)
    values = value_bytes(out)
    shutil.rmtree(out)
    return {"bytes": size, "tables": tables, "value_bytes": values}


def value_bytes(db):
    """Bytes of each value slot's values. Glass keeps values in the postlist table, so idx's stored text
    (a zstd-compressed value, slot 3) is part of that table's size; this separates it."""
    import xapian
    database = xapian.Database(db)
    out = {}
    for slot in range(8):
        total = sum(len(item.value) for item in database.valuestream(slot))
        if total:
            out[str(slot)] = total
    return out


# ---------------------------------------------------------------------------------------------- queries

def latency(cmd, requests, cwd, env, err_path):
    """Per-query wall time seen from the driver: write one request line, read one answer line."""
    lines = [(json.dumps(queries.idx_line(r)) + "\n").encode() for r in requests]
    with open(err_path, "wb") as err:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, cwd=cwd, env=env)
        samples, answers = [], []
        for round_ in range(1 + LATENCY_PASSES):
            for line in lines:
                start = time.perf_counter()
                proc.stdin.write(line)
                proc.stdin.flush()
                answer = proc.stdout.readline()
                elapsed = time.perf_counter() - start
                if round_ > 0:
                    samples.append(elapsed * 1000)
                if round_ == 1:
                    answers.append(answer)
        proc.stdin.close()
        proc.wait()
    hits, errors = [], 0
    for answer in answers:
        try:
            parsed = json.loads(answer)
        except ValueError:
            parsed = {"error": "no answer"}
        errors += "error" in parsed
        hits.append(len(parsed.get("results", [])))
    by_kind = {}
    for i, request in enumerate(requests):
        by_kind.setdefault(request["kind"], []).extend(samples[i::len(requests)])
    return {"median_ms": statistics.median(samples), "p95_ms": percentile(samples, 95),
            "max_ms": max(samples), "queries": len(requests), "samples": len(samples), "errors": errors,
            "with_hits": sum(1 for h in hits if h > 0), "mean_results": statistics.mean(hits) if hits else 0,
            "by_kind": {k: {"median_ms": statistics.median(v), "p95_ms": percentile(v, 95)}
                        for k, v in by_kind.items()}}


def percentile(values, pct):
    """Nearest-rank percentile: the smallest value with at least pct% of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def whole_process(command, run_dir, label, cwd, env):
    out = os.path.join(run_dir, "logs", f"hyperfine-{label}.json")
    with open(out[:-5] + ".err", "wb") as err:  # its warnings about noisy timings: kept, not shown
        subprocess.run(["hyperfine", "-N", "--style", "none", "-i", "--warmup", "3", "--runs", "20",
                        "--export-json", out, command], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err,
                       check=True)
    with open(out) as fh:
        result = json.load(fh)["results"][0]
    return {"median_ms": result["median"] * 1000, "mean_ms": result["mean"] * 1000, "command": command,
            "user_ms": result["user"] * 1000, "system_ms": result["system"] * 1000}


# ---------------------------------------------------------------------------------------------- one corpus

def bench_corpus(args, size, runner, env):
    folder = prepare_corpus(args.cache, size, args.source, args.seed)
    name = os.path.basename(folder)
    work = os.path.join(args.cache, "work", name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    for part in ("posts", "html", "text"):
        # Hard links: quick, and every change below replaces files instead of writing into them.
        subprocess.run(["cp", "-al", os.path.join(folder, part), os.path.join(work, part)], check=True)
    rels = post_files(os.path.join(work, "posts"))
    source_bytes = dir_bytes(os.path.join(work, "posts"))
    tools = [Idx(args.idx, work), Omindex(work), Fts5(work)]
    out = {"corpus": name, "posts": len(rels), "source_bytes": source_bytes, "tools": {}}
    for tool in tools:
        log(f"{name}: {tool.name} full build of {len(rels)} posts")
        full = tool.index(runner, "full", work)
        full["bytes"] = dir_bytes(tool.db)
        full["compacted"] = tool.compacted(work)
        out["tools"][tool.name] = {"full": full}
    for tool in tools:
        log(f"{name}: {tool.name} rerun, nothing changed")
        out["tools"][tool.name]["unchanged"] = tool.index(runner, "unchanged", work)
    time.sleep(1.1)  # whole-second mtimes (omindex) must see the edits as newer
    edited, deleted, added = changes.apply_changes(os.path.join(work, "posts"), rels, args.source, args.seed)
    mirror.update_mirrors(os.path.join(work, "posts"), edited + added, os.path.join(work, "html"),
                          os.path.join(work, "text"))
    mirror.remove_mirrors(deleted, os.path.join(work, "html"), os.path.join(work, "text"))
    out["changes"] = {"edited": len(edited), "deleted": len(deleted), "added": len(added)}
    for tool in tools:
        log(f"{name}: {tool.name} rerun after {len(edited)} edits, {len(deleted)} deletions, {len(added)} additions")
        changed = tool.index(runner, "changed", work)
        changed["bytes"] = dir_bytes(tool.db)
        out["tools"][tool.name]["changed"] = changed
    requests = query_set(folder)
    for tool in tools:
        if tool.server() is not None:
            log(f"{name}: {tool.name} {len(requests)} queries x {1 + LATENCY_PASSES} passes in one process")
            out["tools"][tool.name]["queries"] = latency(
                tool.server(), requests, work, env, os.path.join(runner.run_dir, "logs", f"queries-{name}-{tool.name}.err"))
        log(f"{name}: {tool.name} one whole search process (hyperfine)")
        out["tools"][tool.name]["process"] = whole_process(tool.whole_process(), runner.run_dir,
                                                           f"{name}-{tool.name}", work, env)
    if not args.keep_work:
        shutil.rmtree(work)
    return out


# ---------------------------------------------------------------------------------------------- the run

def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as fh:
        mem_kb = int(fh.readline().split()[1])
    return {"cores": os.cpu_count(), "memory_gib": round(mem_kb / 1024 / 1024, 1), "cpu": model,
            "kernel": platform.release(), "load_start": os.getloadavg()[0]}


def versions(repo, idx):
    def first_line(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=repo).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    import xapian
    return {"idx": first_line(["git", "describe", "--always", "--dirty"]),
            "omindex": first_line(["omindex", "--version"]), "xapian": xapian.version_string(),
            "sqlite": sqlite3.sqlite_version, "idx_binary": idx}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--idx", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--source", required=True, help="the whenitson _posts folder")
    parser.add_argument("--cranfield-dir", required=True)
    parser.add_argument("--cache", required=True)
    parser.add_argument("--sizes", default=f"{WHENITSON},20000,100000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--command", default="bench/run")
    parser.add_argument("--record", action="store_true", help="prepend the tables to bench/RESULTS.md")
    parser.add_argument("--keep-work", action="store_true")
    parser.add_argument("--no-cranfield", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]

    started = datetime.datetime.now()
    run_dir = os.path.join(args.cache, "runs", started.strftime("%Y%m%d-%H%M%S"))
    os.makedirs(run_dir)
    config_home = os.path.join(args.cache, "empty-config")
    os.makedirs(config_home, exist_ok=True)
    # No idx.yaml from the user's config folder or the current folder may change what is measured.
    env = dict(os.environ, XDG_CONFIG_HOME=config_home, LC_ALL="C.UTF-8")
    env.pop("IDX_DB", None)
    runner = Runner(run_dir, env)
    results = {"date": started.isoformat(timespec="seconds"), "command": args.command, "machine": machine(),
               "versions": versions(args.repo, args.idx), "whole_process_query": WHOLE_PROCESS_QUERY,
               "query_set": queries.VERSION,
               "corpora": []}
    for size in sizes:
        results["corpora"].append(bench_corpus(args, size, runner, env))
    if not args.no_cranfield:
        log("Cranfield ranking evaluation (bench/cranfield)")
        cranfield_json = os.path.join(run_dir, "cranfield.json")
        subprocess.run([os.path.join(args.repo, "bench", "cranfield"), "--idx", args.idx, "--collection",
                        args.cranfield_dir, "--json", cranfield_json], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        with open(cranfield_json) as fh:
            results["cranfield"] = json.load(fh)
    results["machine"]["load_end"] = os.getloadavg()[0]
    results["minutes"] = round((datetime.datetime.now() - started).total_seconds() / 60, 1)
    with open(os.path.join(run_dir, "results.json"), "w") as fh:
        json.dump(results, fh, indent=1)
    report.write(results, run_dir, os.path.join(args.repo, "bench"), args.record)
    log(f"raw results and logs: {run_dir}")


if __name__ == "__main__":
    main()
