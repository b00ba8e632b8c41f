"""The fixed query set: about 200 requests drawn from a corpus's titles with a fixed seed.

Mix (of 200): 50 one-word, 50 two-word, 30 three-word queries, 30 quoted phrases, 20 with a category
filter and 20 with a date filter (a three-month window around the post the words came from). Each request
is an idx batch JSON line ({"query", "category", "since", "until"}), which fts5.py serve reads too.
"""
import random
import re

MIX = (("words1", 50), ("words2", 50), ("words3", 30), ("phrase", 30), ("category", 20), ("date", 20))

# Words too common to make a meaningful query on their own (and site names that end many titles).
_SKIP = set("""a about after again against all also an and any are as at be been before being but by can
could did do does for from had has have he her his how i if in into is it its just more most new no not now
of off on one or our out over says said she so some than that the their them then there these they this to
too up us was we were what when where which who why will with would you your reuters cnn times york post
washington news bbc wired fox usa today daily guardian journal street wall""".split())


VERSION = 3  # bump when the set changes, so cached sets are made again


def _words(title):
    # A curly apostrophe is one inside a word for Xapian (Aren’t is one word), as a straight one is.
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", title.lower().replace("\u2019", "'"))


def _phrase_runs(title):
    """Runs of plain title words a phrase can be cut from. A word with punctuation inside (U.S., 1.5,
    e-mail) ends a run: tokenisers disagree on it (Xapian reads U.S. as `us`, FTS5 as `u s`)."""
    runs, run = [], []
    for raw in title.lower().replace("\u2019", "'").split():
        word = raw.strip(".,:;!?\"'()[]\u2018\u201c\u201d")
        if re.fullmatch(r"[a-z]+(?:'[a-z]+)?", word):
            run.append(word)
            continue
        if len(run) >= 2:
            runs.append(run)
        run = []
    if len(run) >= 2:
        runs.append(run)
    return runs


def _content_words(title):
    return [w for w in _words(title) if len(w) >= 3 and w not in _SKIP and not w.isdigit()]


def _window(date):
    """Since/until months around a post's date: the month before to the month after."""
    year, month = int(date[:4]), int(date[5:7])
    before = (year, month - 1) if month > 1 else (year - 1, 12)
    after = (year, month + 1) if month < 12 else (year + 1, 1)
    return f"{before[0]:04d}-{before[1]:02d}", f"{after[0]:04d}-{after[1]:02d}"


def make_queries(posts, seed=42):
    """posts: dicts with title, categories and date (posts.parse_post), in a fixed order."""
    rng = random.Random(seed)
    usable = [p for p in posts if len(_content_words(p["title"])) >= 3 and len(p["date"]) >= 7]
    out = []
    for kind, count in MIX:
        made = 0
        while made < count:
            post = usable[rng.randrange(len(usable))]
            words = _content_words(post["title"])
            request = _request(kind, post, words, rng)
            if request is not None:
                request["kind"] = kind
                out.append(request)
                made += 1
    return out


def _request(kind, post, words, rng):
    if kind.startswith("words"):
        n = int(kind[-1])
        picks = sorted(rng.sample(range(len(words)), n))
        return {"query": " ".join(words[i] for i in picks)}
    if kind == "phrase":
        n = rng.choice((2, 3))
        starts = [(run, i) for run in _phrase_runs(post["title"]) for i in range(len(run) - n + 1)
                  if run[i] not in _SKIP and run[i + n - 1] not in _SKIP]
        if not starts:
            return None
        run, i = rng.choice(starts)
        return {"query": '"' + " ".join(run[i:i + n]) + '"'}
    if kind == "category":
        if not post["categories"]:
            return None
        return {"query": " ".join(rng.sample(words, rng.choice((1, 2)))),
                "category": [rng.choice(post["categories"])]}
    if kind == "date":
        since, until = _window(post["date"])
        return {"query": " ".join(rng.sample(words, rng.choice((1, 2)))), "since": since, "until": until}
    raise ValueError(kind)


def idx_line(request):
    """The request as an idx --queries-from line (without the benchmark's own "kind" field)."""
    return {k: v for k, v in request.items() if k != "kind"}
