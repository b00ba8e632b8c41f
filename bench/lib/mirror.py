"""What the peers index: each post rendered as an HTML page (omindex) and as extracted text (FTS5).

Both are made before the timed runs, so neither rendering nor text extraction counts in a peer's time.
Each mirror file keeps its post's modification time, so the peers' own change detection sees the same
changes as idx.
"""
import html
import json
import os
import re
from html.parser import HTMLParser
from multiprocessing import Pool

from posts import read_post

# WordPress would have replaced these shortcodes when it rendered the page.
_AD_SHORTCODE = re.compile(r"\[/?ad_\d+\]")

_DROPPED = {"script", "style", "noscript", "iframe", "template", "head", "object", "audio", "video", "canvas",
            "svg"}
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
           "table", "tr", "td", "th", "figure", "figcaption", "section", "article", "header", "footer", "hr"}


def render_html(post):
    """The page a blog would serve for this post; omindex reads <title>, the meta tags and the body."""
    esc = lambda s: html.escape(s, quote=True)  # noqa: E731
    body = _AD_SHORTCODE.sub("", post["body"])
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>{esc(post['title'])}</title>\n"
            f"<meta name=\"author\" content=\"{esc(', '.join(post['authors']))}\">\n"
            f"<meta name=\"keywords\" content=\"{esc(', '.join(post['categories'] + post['tags']))}\">\n"
            f"<meta name=\"date\" content=\"{esc(post['date'])}\">\n"
            f"</head><body>\n<h1>{esc(post['title'])}</h1>\n{body}\n</body></html>\n")


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.dropping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(data)


def html_to_text(body):
    parser = _TextParser()
    parser.feed(_AD_SHORTCODE.sub("", body))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def extract_record(post, path):
    """The row FTS5 stores: title, author, categories, date and the body as text."""
    return {"path": path, "title": post["title"], "author": ", ".join(post["authors"]),
            "categories": post["categories"], "tags": post["tags"], "date": post["date"],
            "url": post["url"], "body": html_to_text(post["body"])}


def _write_one(job):
    src_root, rel, html_root, text_root = job
    src = os.path.join(src_root, rel)
    post = read_post(src)
    stat = os.stat(src)
    stem = os.path.splitext(rel)[0]
    outputs = []
    if post is not None:
        outputs = [(os.path.join(html_root, stem + ".html"), render_html(post)),
                   (os.path.join(text_root, stem + ".json"), json.dumps(extract_record(post, src)))]
    for out, text in outputs:
        os.makedirs(os.path.dirname(out), exist_ok=True)
        tmp = out + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.utime(tmp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        os.replace(tmp, out)  # a new inode: hard-linked copies of the old file stay as they were


def update_mirrors(src_root, rels, html_root, text_root, jobs=2):
    """(Re)writes the HTML page and the text record of each post in rels."""
    work = [(src_root, rel, html_root, text_root) for rel in rels]
    if len(work) < 200:
        for job in work:
            _write_one(job)
        return
    with Pool(jobs) as pool:
        for _ in pool.imap_unordered(_write_one, work, chunksize=64):
            pass


def remove_mirrors(rels, html_root, text_root):
    for rel in rels:
        stem = os.path.splitext(rel)[0]
        for path in (os.path.join(html_root, stem + ".html"), os.path.join(text_root, stem + ".json")):
            if os.path.exists(path):
                os.unlink(path)
