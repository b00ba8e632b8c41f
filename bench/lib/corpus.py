"""Growing a larger corpus from the real whenitson posts, deterministically.

Each generated post takes the paragraphs of one real post, swaps about a quarter of them for paragraphs of
other posts, joins the first part of one real title to the end of another, and gets a new id, a date spread
over several years and an author and categories drawn from a Zipf-like distribution. Post i depends only on
(seed, i), so a smaller corpus is a prefix of a larger one.

Limitation worth knowing when reading the numbers: the vocabulary is that of the 4,374 real posts, so the
term dictionary of a 100k corpus is smaller (and posting lists longer) than a real 100k blog's would be.
"""
import datetime
import html
import itertools
import os
import random
import re

from posts import parse_post, post_files

FORMAT_VERSION = 1  # bump when the output changes, so cached corpora are rebuilt

_PARAGRAPH = re.compile(r"<p[\s>].*?</p>", flags=re.S | re.I)
_ARTICLE = re.compile(r"^\s*\[ad_1\]\s*<br>(.*)<br>\[ad_2\](.*)$", flags=re.S)

FIRST_NAMES = ["Ada", "Ben", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
               "Liam", "Maya", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Victor"]
LAST_NAMES = ["Abbott", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Gallagher", "Haddad",
              "Ivanova", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov"]

START = datetime.datetime(2012, 1, 1)
SPAN_SECONDS = int((datetime.datetime(2020, 1, 1) - START).total_seconds())  # eight years


class Source:
    """What the generator draws from: the real posts' paragraphs, titles, categories and wrappers."""

    def __init__(self, root):
        self.posts = []  # (blocks, tail, category count)
        self.titles = []
        category_counts = {}
        for rel in post_files(root):
            post = parse_post(open(os.path.join(root, rel), encoding="utf-8").read())
            if post is None:
                continue
            article, tail = _split_wrapper(post["body"])
            blocks = _PARAGRAPH.findall(article) or [article.strip()]
            self.posts.append((blocks, tail, max(1, len(post["categories"]))))
            self.titles.append(post["raw_title"].split())
            for category in post["categories"]:
                category_counts[category] = category_counts.get(category, 0) + 1
        if not self.posts:
            raise SystemExit(f"no posts under {root}")
        # Categories ranked by real frequency, then drawn with Zipf-like weights over that rank.
        self.categories = sorted(category_counts, key=lambda c: (-category_counts[c], c))
        self.category_weights = _zipf_cumulative(len(self.categories), 1.1)
        self.authors = ["Staff Writer"] + [f"{f} {l}" for f, l in itertools.product(FIRST_NAMES, LAST_NAMES)][:79]
        self.author_weights = _zipf_cumulative(len(self.authors), 1.0)


def _split_wrapper(body):
    match = _ARTICLE.match(body)
    if match is None:
        return body, ""
    return match.group(1), match.group(2)


def _zipf_cumulative(n, exponent):
    return list(itertools.accumulate(1.0 / (rank ** exponent) for rank in range(1, n + 1)))


def _quote(text):
    return "'" + text.replace("'", "''") + "'"


def slug(title):
    words = re.findall(r"[a-z0-9]+", html.unescape(title).lower())
    return "-".join(words)[:80].strip("-") or "post"


class Generator:
    def __init__(self, source, seed, first_id=1_000_001, start=START, span_seconds=SPAN_SECONDS):
        self.source = source
        self.seed = seed
        self.first_id = first_id
        self.start = start
        self.span_seconds = span_seconds
        self.used_names = set()

    def post(self, i):
        """(file name, file text) of generated post i."""
        rng = random.Random(f"{self.seed}:{self.first_id}:{i}")
        src = self.source
        blocks, tail, category_count = src.posts[rng.randrange(len(src.posts))]
        blocks = [b if rng.random() >= 0.25 else self._other_block(rng) for b in blocks]
        title = self._title(rng)
        date = self.start + datetime.timedelta(seconds=rng.randrange(self.span_seconds))
        author = rng.choices(src.authors, cum_weights=src.author_weights)[0]
        categories = []
        for _ in range(min(category_count, 8) * 3):  # a few tries: repeats are dropped
            if len(categories) == min(category_count, 8):
                break
            category = rng.choices(src.categories, cum_weights=src.category_weights)[0]
            if category not in categories:
                categories.append(category)
        name = self._unique_name(f"{date:%Y-%m-%d}-{slug(title)}")
        text = (f"---\nID: {self.first_id + i}\npost_title: {_quote(title)}\nauthor: {_quote(author)}\n"
                f"post_date: {date:%Y-%m-%d %H:%M:%S}\npost_excerpt: \"\"\nlayout: post\n"
                f"permalink: https://www.example.com/{name[11:-3]}/\npublished: true\n"
                f"original_cats:\n  - {_quote(','.join(categories))}\n---\n"
                f" [ad_1]\n<br><div id=\"\">" + "\n".join(blocks) + "</div>\n<br>[ad_2]" + tail)
        return name, text

    def paragraph(self, rng):
        return self._other_block(rng)

    def _other_block(self, rng):
        blocks = self.source.posts[rng.randrange(len(self.source.posts))][0]
        return blocks[rng.randrange(len(blocks))]

    def _title(self, rng):
        titles = self.source.titles
        for _ in range(10):
            a, b = titles[rng.randrange(len(titles))], titles[rng.randrange(len(titles))]
            if len(a) >= 2 and len(b) >= 2:
                words = a[:rng.randint(1, len(a) - 1)] + b[rng.randint(1, len(b) - 1):]
                return " ".join(words)
        return " ".join(titles[rng.randrange(len(titles))])

    def _unique_name(self, stem):
        name, n = stem + ".md", 2
        while name in self.used_names:
            name, n = f"{stem}-{n}.md", n + 1
        self.used_names.add(name)
        return name


def write_corpus(source_dir, count, out_dir, seed):
    """Writes `count` generated posts into out_dir (which should be empty or absent)."""
    os.makedirs(out_dir, exist_ok=True)
    generator = Generator(Source(source_dir), seed)
    for i in range(count):
        name, text = generator.post(i)
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as fh:
            fh.write(text)
