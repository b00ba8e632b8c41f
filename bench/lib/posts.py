"""Reading post files (YAML front matter + HTML body) for the benchmark's own tools.

Only what the benchmark needs: the peers (omindex, FTS5) must see the same title, author, categories,
date and body that idx reads, so this follows idx's default key mapping (common/config.hpp: KeyMapping).
"""
import datetime
import html
import os
import re

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster

# idx's defaults, first present wins (common/config.hpp).
TITLE_KEYS = ("post_title", "title")
DATE_KEYS = ("post_date", "date")
AUTHOR_KEYS = ("author", "post_author")
CATEGORY_KEYS = ("original_cats", "categories", "category")
TAG_KEYS = ("tags", "original_tags")
URL_KEYS = ("permalink", "canonical_url", "link")
ID_KEYS = ("ID", "wordpress_id", "id")

POST_EXTENSIONS = (".md", ".markdown", ".html", ".htm")


def split_front_matter(text):
    """(yaml_text, body) or None when the file has no front matter."""
    if not text.startswith("---"):
        return None
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[3:], flags=re.M)
    if end is None:
        return None
    first_newline = text.find("\n")
    yaml_text = text[first_newline + 1:3 + end.start()]
    body = text[3 + end.end():]
    return yaml_text, body.lstrip("\n")


def _first(meta, keys):
    lowered = {str(k).lower(): v for k, v in meta.items()}
    for key in keys:
        if key.lower() in lowered and lowered[key.lower()] is not None:
            return lowered[key.lower()]
    return None


def _strings(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def split_commas(values):
    out = []
    for value in values:
        for item in value.split(","):
            item = " ".join(item.split())
            if item and item not in out:
                out.append(item)
    return out


def _date_text(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%dT00:00:00")
    return str(value) if value is not None else ""


def parse_post(text):
    """A dict with title (entities decoded), raw_title, date (ISO text), authors, categories, tags, url, id
    and body (the HTML), or None for a file that is not a post."""
    parts = split_front_matter(text)
    if parts is None:
        return None
    meta = yaml.load(parts[0], Loader=_LOADER) or {}
    if not isinstance(meta, dict):
        return None
    raw_title = " ".join(str(_first(meta, TITLE_KEYS) or "").split())
    return {
        "raw_title": raw_title,
        "title": html.unescape(raw_title),
        "date": _date_text(_first(meta, DATE_KEYS)),
        "authors": [html.unescape(a) for a in split_commas(_strings(_first(meta, AUTHOR_KEYS)))],
        "categories": [html.unescape(c) for c in split_commas(_strings(_first(meta, CATEGORY_KEYS)))],
        "tags": [html.unescape(t) for t in split_commas(_strings(_first(meta, TAG_KEYS)))],
        "url": " ".join(_strings(_first(meta, URL_KEYS))).strip(),
        "id": str(_first(meta, ID_KEYS) or ""),
        "body": parts[1],
    }


def read_post(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        return parse_post(fh.read())


def post_files(root):
    """Relative paths of the post files under root, sorted (as idx walks them)."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in files:
            if name.lower().endswith(POST_EXTENSIONS):
                out.append(os.path.relpath(os.path.join(folder, name), root))
    out.sort()
    return out
