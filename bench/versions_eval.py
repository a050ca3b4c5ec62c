"""Alignment and stories scored on real parallel news (``../shared/devsets/``) and the seeds' gold.

Run: ``.venv/bin/python bench/versions_eval.py [--devsets DIR] [--languages arb,fas,deu,ukr,eng,rus,fra]
[--embeddings cached|compute|none] [--only align|stories|seeds] [-v]``.

* **alignment, ntrex** — every pair of the chosen languages (by default all
  seven: 21 pairs) of each of the 20 documents (line i translates line i: gold 1-1 links): precision, recall and
  F1 over paragraph pairs per language pair, pooled; how many of the pairs are
  labelled ``translation``; recall on short paragraphs (< 60 characters);
* **alignment, newstest2012** — every pair of en, de, fr, ru per document
  (paragraph i ↔ paragraph i), the same figures;
* **different events** — every pair of articles of two different events
  (the documents are events of their own, except those :data:`SAME_EVENT`
  puts together), in any two languages: confident links (score ≥
  ``tui.versions.align.CONFIDENT_LINK``, what the reader marks ◐ or ●) there
  are all wrong; ``-v`` lists them with both texts;
* **stories** — all documents × the chosen languages in one collection,
  grouped by :func:`tui.versions.pipeline.build_versions` (the pipeline the
  reader and ``tandem stories`` use): pairwise precision and recall of "same
  story" against the documents, number of groups, related stories per story
  (median and maximum; ``-v``: which, with the facts they share); the
  fewest version links that hold a story of three or more together (1: a
  single link merged it);
* **seeds** — the hand-made gold of ``tests/gold/alignments`` (F1 or
  precision per pair, as ``bench/align_eval.py``).

Other articles of the same kind: ``--make-heldout NTREX OUT`` writes the
NTREX documents the devset leaves out (every 6th from the first; 21 of them)
from a checkout of ``MicrosoftTranslator/NTREX`` as ``OUT/ntrex``; then
``--devsets OUT --embeddings compute`` scores them (about 1,700 paragraphs
to embed for five languages, once).

Embeddings come from the cache under ``$TANDEM_CACHE_DIR`` (``--embeddings
compute`` fills it first: about 3,000 paragraphs for the seven languages
and newstest2012; later runs read them).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.article import Article  # noqa: E402
from tui.loading import load_article  # noqa: E402
from tui.versions.align import CONFIDENT_LINK, Alignment, align  # noqa: E402
from tui.versions.prepare import prepare, with_languages  # noqa: E402
from tui.versions.signals import ArticleSignals  # noqa: E402

SHORT = 60


def _load(paths: list[Path], embeddings: str) -> dict[str, tuple[Article, ArticleSignals]]:
    out = {}
    for path in paths:
        article = with_languages(load_article(path))
        out[article.id] = (article, prepare(article, embeddings=embeddings))  # type: ignore[arg-type]
    return out


class Tally:
    """Pooled counts of predicted, correct and gold pairs."""

    def __init__(self) -> None:
        self.predicted = self.correct = self.gold = self.short_gold = self.short_found = 0
        self.pairs = self.translation = 0

    def add(self, alignment: Alignment, a: Article, b: Article) -> None:
        n = min(len(a.paragraphs), len(b.paragraphs))
        gold = {(i, i) for i in range(n)}
        predicted = {(i, j) for link in alignment.links for i in link.a for j in link.b}
        self.predicted += len(predicted)
        self.correct += len(predicted & gold)
        self.gold += len(gold)
        for i in range(n):
            if min(len(a.paragraphs[i].text), len(b.paragraphs[i].text)) < SHORT:
                self.short_gold += 1
                self.short_found += (i, i) in predicted
        self.pairs += 1
        self.translation += alignment.kind == "translation"

    def row(self, name: str) -> str:
        p = self.correct / self.predicted if self.predicted else 1.0
        r = self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        short = f"{self.short_found / self.short_gold:5.2f}" if self.short_gold else "  -  "
        return f"{name:<10} {p:5.3f} {r:5.3f} {f:5.3f} {short}  {self.translation:>3}/{self.pairs:<3}"


def eval_parallel(prepared: dict[str, tuple[Article, ArticleSignals]], verbose: bool) -> Tally:
    """Every language pair of every document; the ids are ``DOC.LANG``."""
    docs: dict[str, dict[str, str]] = defaultdict(dict)
    for aid in prepared:
        doc, lang = aid.rsplit(".", 1)
        docs[doc][lang] = aid
    per_pair: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    for _doc, langs in sorted(docs.items()):
        for la, lb in itertools.combinations(sorted(langs), 2):
            (a, sa), (b, sb) = prepared[langs[la]], prepared[langs[lb]]
            alignment = align(sa, sb)
            per_pair[f"{la}-{lb}"].add(alignment, a, b)
            total.add(alignment, a, b)
            if verbose and alignment.kind != "translation":
                print(f"    not translation: {a.id} {b.id} {alignment.kind} cov {alignment.coverage}")
    print(f"{'pair':<10} {'P':>5} {'R':>5} {'F1':>5} {'R<60':>5}  translation")
    for name, tally in sorted(per_pair.items()):
        print(tally.row(name))
    print(total.row("all"))
    return total


SAME_EVENT = {
    # Documents of the devsets that report one event (read by hand; every other
    # document is an event of its own). Devset: Euronews twice and Reuters on
    # the Sulawesi earthquake; Newsweek's preview and report of Trump's rally in
    # Wheeling on 29 September. Held out: the Telegraph on Palu; CNN's report
    # of the same rally and CNBC's of what Trump said there about Kim Jong Un;
    # ABC on Warren's "hard look" (Newsweek's in the devset).
    "euronews-en.153797": "sulawesi",
    "euronews-en.153835": "sulawesi",
    "reuters.218863": "sulawesi",
    "telegraph.405422": "sulawesi",
    "newsweek.51310": "wheeling-rally",
    "newsweek.51330": "wheeling-rally",
    "cnn.304447": "wheeling-rally",
    "cnbc.com.6790": "wheeling-rally",
    "newsweek.51300": "warren-2020",
    "abcnews.306755": "warren-2020",
}


def event_of(article_id: str) -> str:
    doc = article_id.rsplit(".", 1)[0]
    return SAME_EVENT.get(doc, doc)


def eval_unrelated(prepared: dict[str, tuple[Article, ArticleSignals]], verbose: bool) -> int:
    """Every pair of articles of different events (:data:`SAME_EVENT`), in any
    two languages, the same one included: how many are called a translation,
    and the links the reader shows as confident (score ≥ ``CONFIDENT_LINK``),
    all wrong here. Pairs of two documents of one event are counted apart
    (their links may be right). ``-v``: each confident link with both texts."""
    ids = sorted(prepared)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # pairs, translation, with links, links
    listed: list[str] = []
    for x, y in itertools.combinations(ids, 2):
        if x.rsplit(".", 1)[0] == y.rsplit(".", 1)[0]:
            continue
        alignment = align(prepared[x][1], prepared[y][1])
        confident = [link for link in alignment.links if link.score >= CONFIDENT_LINK]
        same_event = event_of(x) == event_of(y)
        same_language = x.rsplit(".", 1)[1] == y.rsplit(".", 1)[1]
        key = "one event" if same_event else ("different, same language" if same_language else "different, other")
        row = counts[key]
        row[0] += 1
        row[1] += alignment.kind == "translation"
        row[2] += bool(confident)
        row[3] += len(confident)
        if verbose and confident and not same_event:
            a, b = prepared[x][0], prepared[y][0]
            for link in confident:
                ta = " | ".join(a.paragraphs[i].text[:150] for i in link.a)
                tb = " | ".join(b.paragraphs[j].text[:150] for j in link.b)
                listed.append(f"    {x} {link.a} ↔ {y} {link.b} {link.kind} {link.score:.2f}\n      {ta}\n      {tb}")
    print(f"{'pairs of articles':<26} {'pairs':>6} {'transl.':>7} {'w/ link':>7} {'confident links':>15}")
    for key in ("different, other", "different, same language", "one event"):
        pairs, translation, with_links, links = counts[key]
        print(f"{key:<26} {pairs:>6} {translation:>7} {with_links:>7} {links:>15}")
    wrong = counts["different, other"][3] + counts["different, same language"][3]
    print(f"different events: {wrong} confident links (score >= {CONFIDENT_LINK})")
    print("\n".join(listed))
    return wrong


def eval_stories(prepared: dict[str, tuple[Article, ArticleSignals]], embeddings: str, verbose: bool) -> None:
    from tui.versions.pipeline import build_versions

    articles = [a for a, _ in prepared.values()]
    start = time.perf_counter()
    index = build_versions(articles, embeddings=embeddings)  # type: ignore[arg-type]
    took = time.perf_counter() - start
    story = {m: s.id for s in index.stories for m in s.members}
    tp = fp = fn = 0
    for x, y in itertools.combinations(sorted(story), 2):
        same_doc = x.rsplit(".", 1)[0] == y.rsplit(".", 1)[0]
        same_story = story[x] == story[y]
        tp += same_doc and same_story
        fp += same_story and not same_doc
        fn += same_doc and not same_story
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    related = [len(s.related) for s in index.stories]
    docs = len({i.rsplit(".", 1)[0] for i in story})
    kinds: dict[str, int] = defaultdict(int)
    for s in index.stories:
        for rel in s.relations:
            kinds[rel.relation] += 1
    titles = {a.id: a.title for a in articles}
    doc_of = {s.id: "+".join(sorted({m.rsplit(".", 1)[0] for m in s.members})) for s in index.stories}
    for s in index.stories:
        merged = sorted({m.rsplit(".", 1)[0] for m in s.members})
        if len(merged) > 1:  # say which documents were put together, so the figure can be judged
            eng = [m for m in s.members if m.endswith(".eng")] or list(s.members)
            print(f"  merged: {s.id} = {merged}: " + " | ".join(titles[m][:70] for m in eng))
        if verbose and s.shared_facts:
            print(
                f"  related: {doc_of[s.id]} -> " + "; ".join(f"{doc_of[o]} ({', '.join(f)})" for o, f in s.shared_facts)
            )
    cuts = [min_cut(s.members, s.relations) for s in index.stories if len(s.members) >= 3]
    print(
        f"stories: {len(articles)} articles, {docs} events -> {len(index.stories)} groups; "
        f"pairwise P {p:.3f} R {r:.3f}; related per story median {statistics.median(related):.1f} "
        f"max {max(related)}; version pairs {dict(kinds)}; "
        f"fewest version links holding a story of 3+ together {min(cuts) if cuts else '-'}; {took:.1f} s"
    )


def min_cut(members: tuple[str, ...], relations: tuple) -> int:
    """How many of a story's version links (translation or same-event pairs)
    must be cut to split it in two: 1 means one link holds it together. Exact
    for stories of up to 12 versions (every split tried), else 0 (not known)."""
    if len(members) > 12:
        return 0
    edges = [(r.a, r.b) for r in relations]
    first, rest = members[0], members[1:]
    best = len(edges)
    for mask in range(2 ** len(rest) - 1):  # the side of `first`; the other side is never empty
        side = {first} | {m for k, m in enumerate(rest) if mask >> k & 1}
        best = min(best, sum((a in side) != (b in side) for a, b in edges))
    return best


def eval_seeds(embeddings: str) -> None:
    from tui.versions.gold import load_all, score

    prepared = _load(sorted((ROOT / "seeds").glob("*.txt")), embeddings)
    for gold in load_all(ROOT / "tests" / "gold" / "alignments"):
        alignment = align(prepared[gold.a][1], prepared[gold.b][1])
        s = score(alignment, gold)
        f1 = "  -  " if s.f1 is None else f"{s.f1:5.2f}"
        print(
            f"seeds {gold.name}: gold {gold.kind:<11} found {alignment.kind:<11} P {s.precision:.2f} F1 {f1} "
            f"wrong≥0.5 {s.wrong_confident}"
        )


NTREX_FILES = {
    "eng": "NTREX-128/newstest2019-src.eng.txt",
    **{lang: f"NTREX-128/newstest2019-ref.{lang}.txt" for lang in ("arb", "fas", "deu", "ukr", "rus", "fra")},
}


def make_heldout(ntrex: Path, out: Path, start: int = 0, step: int = 6) -> int:
    """Write NTREX documents ``start, start + step, …`` (in ``DOCUMENT_IDS.tsv``
    order) as ``out/ntrex/DOC.LANG.txt``, one sentence a line, like the
    devset (which holds positions 3, 9, 15, …): other articles of the same
    kind, never looked at while tuning. ``ntrex``: a checkout of
    ``MicrosoftTranslator/NTREX``. Returns the number of documents."""
    ids = (ntrex / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    chosen = list(dict.fromkeys(ids))[start::step]
    (out / "ntrex").mkdir(parents=True, exist_ok=True)
    (out / "newstest2012").mkdir(exist_ok=True)
    for lang, name in NTREX_FILES.items():
        lines = (ntrex / name).read_text(encoding="utf-8").splitlines()
        if len(lines) != len(ids):
            raise SystemExit(f"{name}: {len(lines)} lines for {len(ids)} document ids")
        for doc in chosen:
            text = [line for line, i in zip(lines, ids, strict=True) if i == doc]
            (out / "ntrex" / f"{doc}.{lang}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    return len(chosen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devsets", type=Path, default=ROOT.parent / "shared" / "devsets")
    parser.add_argument("--languages", default="arb,fas,deu,ukr,eng,rus,fra", help="ntrex languages")
    parser.add_argument("--embeddings", choices=("compute", "cached", "none"), default="cached")
    parser.add_argument("--only", choices=("align", "stories", "seeds"))
    parser.add_argument("-v", action="store_true", dest="verbose")
    parser.add_argument(
        "--make-heldout",
        nargs=2,
        type=Path,
        metavar=("NTREX", "OUT"),
        help="write the NTREX documents the devset leaves out (positions 0, 6, 12, …) under OUT, then stop",
    )
    args = parser.parse_args()
    if args.make_heldout:
        print(f"{make_heldout(*args.make_heldout)} documents written; evaluate with --devsets {args.make_heldout[1]}")
        return 0
    if not args.devsets.exists():
        args.devsets = Path("/work/shared/devsets")
    langs = set(args.languages.split(","))
    ntrex_paths = [p for p in sorted((args.devsets / "ntrex").glob("*.txt")) if p.name.split(".")[-2] in langs]
    ntrex = _load(ntrex_paths, args.embeddings)
    if args.only in (None, "align"):
        print(f"## alignment, ntrex ({len(ntrex)} articles, languages {','.join(sorted(langs))})")
        eval_parallel(ntrex, args.verbose)
        eval_unrelated(ntrex, args.verbose)
        newstest = _load(sorted((args.devsets / "newstest2012").glob("*.txt")), args.embeddings)
        print(f"## alignment, newstest2012 ({len(newstest)} articles)")
        eval_parallel(newstest, args.verbose)
    if args.only in (None, "stories"):
        print("## stories, ntrex")
        eval_stories(ntrex, args.embeddings, args.verbose)
    if args.only in (None, "seeds"):
        print("## seeds' gold")
        eval_seeds(args.embeddings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
