#!/usr/bin/python3
"""SQLite FTS5 as the benchmark's peer: what a blog owner would write in an afternoon.

  fts5.py update DB TEXTDIR   make DB match the extracted-text records (*.json) under TEXTDIR: records whose
                              mtime or size changed are replaced, new ones added, vanished ones deleted,
                              all in one transaction; prints a JSON summary
  fts5.py serve DB            answer one JSON request a line ({"query", "category", "since", "until"}) with
                              one JSON line: the top 10 by bm25 (title weighted 5, as idx) with snippet()
                              of the body; no facets
  fts5.py sql QUERY           print the SELECT serve runs for QUERY, for the sqlite3 command-line tool

Porter stemmer over unicode61. Query words are OR-ed as idx does by default; "quoted" words are a phrase.
"""
import json
import os
import re
import sqlite3
import sys

SCHEMA = """
CREATE TABLE IF NOT EXISTS posts(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, mtime_ns INTEGER,
                                 size INTEGER, title TEXT, author TEXT, categories TEXT, date TEXT, url TEXT);
CREATE INDEX IF NOT EXISTS posts_date ON posts(date);
CREATE TABLE IF NOT EXISTS post_category(category TEXT, post INTEGER, PRIMARY KEY(category, post))
    WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, author, categories, body,
                                                  tokenize='porter unicode61 remove_diacritics 2');
"""

TITLE_WEIGHT = 5.0
SNIPPET_TOKENS = 32  # about 200 characters, like idx's snippets

SELECT = ("SELECT p.path, p.title, p.author, p.categories, p.date, p.url, "
          f"snippet(fts, 3, '<mark>', '</mark>', '…', {SNIPPET_TOKENS}) "
          "FROM fts JOIN posts p ON p.id = fts.rowid WHERE fts MATCH ?{filters} "
          f"ORDER BY bm25(fts, {TITLE_WEIGHT}, 1.0, 1.0, 1.0) LIMIT ?")


def update(db_path, text_root):
    con = sqlite3.connect(db_path)
    con.executescript(SCHEMA)
    known = {path: (rowid, mtime, size) for rowid, path, mtime, size in
             con.execute("SELECT id, path, mtime_ns, size FROM posts")}
    counts = {"added": 0, "updated": 0, "removed": 0, "unchanged": 0}
    seen = set()
    with con:
        for folder, dirs, files in os.walk(text_root):
            dirs.sort()
            for name in sorted(files):
                if not name.endswith(".json"):
                    continue
                path = os.path.join(folder, name)
                stat = os.stat(path)
                seen.add(path)
                old = known.get(path)
                if old is not None and old[1] == stat.st_mtime_ns and old[2] == stat.st_size:
                    counts["unchanged"] += 1
                    continue
                if old is not None:
                    _delete(con, old[0])
                with open(path, encoding="utf-8") as fh:
                    _insert(con, path, stat, json.load(fh))
                counts["updated" if old is not None else "added"] += 1
        for path, (rowid, _, _) in known.items():
            if path not in seen:
                _delete(con, rowid)
                counts["removed"] += 1
    con.close()
    print(json.dumps(counts))


def _insert(con, path, stat, rec):
    cur = con.execute("INSERT INTO posts(path, mtime_ns, size, title, author, categories, date, url) "
                      "VALUES (?,?,?,?,?,?,?,?)", (path, stat.st_mtime_ns, stat.st_size, rec["title"],
                                                   rec["author"], ", ".join(rec["categories"]), rec["date"],
                                                   rec["url"]))
    rowid = cur.lastrowid
    con.executemany("INSERT OR IGNORE INTO post_category(category, post) VALUES (?,?)",
                    [(c, rowid) for c in rec["categories"]])
    con.execute("INSERT INTO fts(rowid, title, author, categories, body) VALUES (?,?,?,?,?)",
                (rowid, rec["title"], rec["author"], " ".join(rec["categories"]), rec["body"]))


def _delete(con, rowid):
    con.execute("DELETE FROM fts WHERE rowid = ?", (rowid,))
    con.execute("DELETE FROM post_category WHERE post = ?", (rowid,))
    con.execute("DELETE FROM posts WHERE id = ?", (rowid,))


def match_expression(query):
    """idx's default any-word query in FTS5 syntax: "phrases" kept, other words OR-ed."""
    parts = []
    for phrase, word in re.findall(r'"([^"]*)"|(\S+)', query):
        tokens = re.findall(r"\w+", phrase or word)
        if tokens:
            parts.append('"' + " ".join(tokens) + '"')
    return " OR ".join(parts)


def _month_end(text):
    """The first date after a YYYY, YYYY-MM or YYYY-MM-DD period, as ISO text."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + 1:04d}"
    if len(parts) == 2:
        year, month = parts[0] + parts[1] // 12, parts[1] % 12 + 1
        return f"{year:04d}-{month:02d}"
    return text + "~"  # after every time of that day


def search(con, request, limit=10):
    expr = match_expression(request.get("query", ""))
    filters, params = "", [expr]
    categories = request.get("category") or []
    if isinstance(categories, str):
        categories = [categories]
    if categories:
        # EXISTS per matching post: `rowid IN (subquery)` made FTS5 look up each listed post (8x slower).
        filters += (" AND EXISTS (SELECT 1 FROM post_category c WHERE c.post = p.id AND c.category IN (" +
                    ",".join("?" * len(categories)) + "))")
        params += categories
    if request.get("since"):
        filters += " AND p.date >= ?"
        params.append(request["since"])
    if request.get("until"):
        filters += " AND p.date < ?"
        params.append(_month_end(request["until"]))
    params.append(limit)
    rows = con.execute(SELECT.format(filters=filters), params).fetchall()
    return [{"path": r[0], "title": r[1], "author": r[2], "categories": r[3], "date": r[4], "url": r[5],
             "snippet": r[6]} for r in rows]


def literal_sql(query, limit=10):
    """The search for `query` as one SQL statement, for the sqlite3 command-line tool."""
    expr = match_expression(query).replace("'", "''")
    return SELECT.format(filters="").replace("?", f"'{expr}'", 1).replace("?", str(limit), 1)


def serve(db_path):
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    out = sys.stdout
    for line in sys.stdin:
        try:
            answer = {"results": search(con, json.loads(line))}
        except (sqlite3.Error, ValueError, KeyError) as e:
            answer = {"error": str(e)}
        out.write(json.dumps(answer) + "\n")
        out.flush()


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "update":
        update(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "serve":
        serve(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "sql":
        print(literal_sql(sys.argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
