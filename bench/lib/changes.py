"""The incremental-run workload: 1% of posts edited, 0.5% deleted, 0.5% added, chosen with a fixed seed.

An edit appends a paragraph taken from another post (the file grows, its mtime moves on); added posts
come from the corpus generator, dated after everything else. Files are replaced, never rewritten in place,
so hard-linked copies of the corpus keep their old content.
"""
import datetime
import os
import random
import re

from corpus import Generator, Source

EDIT, DELETE, ADD = 0.01, 0.005, 0.005

_CLOSING = re.compile(r"</div>\s*<br>\[ad_2\]")


def _replace(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def apply_changes(posts_root, rels, source_dir, seed):
    """Edits, deletes and adds posts under posts_root (rels: its post files, sorted).
    Returns (edited, deleted, added) lists of relative paths."""
    rng = random.Random(f"changes:{seed}:{len(rels)}")
    n_edit, n_delete, n_add = (max(1, round(len(rels) * f)) for f in (EDIT, DELETE, ADD))
    chosen = rng.sample(rels, n_edit + n_delete)
    edited, deleted = sorted(chosen[:n_edit]), sorted(chosen[n_edit:])
    generator = Generator(Source(source_dir), seed, first_id=9_000_001,
                          start=datetime.datetime(2020, 1, 1), span_seconds=86400 * 30)
    generator.used_names.update(os.path.basename(r) for r in rels)
    for rel in edited:
        path = os.path.join(posts_root, rel)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        extra = "\n<p>Update: " + re.sub(r"^<p[^>]*>", "", generator.paragraph(rng))
        match = _CLOSING.search(text)
        text = text[:match.start()] + extra + text[match.start():] if match else text + extra + "\n"
        _replace(path, text)
    for rel in deleted:
        os.unlink(os.path.join(posts_root, rel))
    added = []
    for i in range(n_add):
        name, text = generator.post(i)
        _replace(os.path.join(posts_root, name), text)
        added.append(name)
    return edited, deleted, added
