"""Synthetic articles and folders built from the seeds, for scale tests and benches.

Both ``tests/`` and ``bench/`` import this (the benches put ``tests/`` on
``sys.path``), so a test and a bench measure the very same material.

Why generated from the seeds instead of random text: the reader's cost per
paragraph depends on script mix (Arabic shaping and bidi reordering, Cyrillic,
Latin with digits and quotes), paragraph length and claim density; the seeds
have the real mix. Every generated paragraph is made *unique* (a running
number is appended), so caches keyed on text (layouts, claims) cannot make a
long article look cheaper than it is.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@cache
def seed_files() -> tuple[Path, ...]:
    """The seed article files, in name order."""
    return tuple(sorted(SEEDS.glob("*.txt")))


@cache
def seed_paragraphs() -> tuple[str, ...]:
    """Every paragraph of every seed, in order (the fixed segmentation rule)."""
    paragraphs: list[str] = []
    for path in seed_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line:
                paragraphs.append(line)
    return tuple(paragraphs)


def long_article_text(paragraphs: int) -> str:
    """An article of exactly ``paragraphs`` paragraphs, seed paragraphs in turn.

    Mixed Arabic, Persian, German and Ukrainian paragraphs with their page
    furniture; each is followed by `` ‹n›`` (n = its index) so no two are equal.
    Paragraphs are separated by blank lines, as in the seeds.
    """
    source = seed_paragraphs()
    lines = [f"{source[i % len(source)]} ‹{i}›" for i in range(paragraphs)]
    return "\n\n".join(lines) + "\n"


def write_long_article(folder: Path, paragraphs: int, name: str | None = None) -> Path:
    """Write :func:`long_article_text` to ``folder`` and return the file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"long-{paragraphs}.txt")
    path.write_text(long_article_text(paragraphs), encoding="utf-8")
    return path


def corpus_article_text(number: int) -> str:
    """Article ``number`` of a synthetic folder: a seed, with a distinct first line.

    Seeds are used in turn, so a folder has the seeds' languages in equal shares;
    the first (title) line gets the article number so titles, content hashes
    and annotation keys all differ.
    """
    files = seed_files()
    text = files[number % len(files)].read_text(encoding="utf-8")
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    return f"{first.strip()} — {number}\n{rest}"


def write_corpus(folder: Path, articles: int) -> list[Path]:
    """Write ``articles`` files (``2023-10-01-00001.txt`` …) into ``folder``.

    Names carry a date and a zero-padded number as scraped archives do; the
    list is returned in the order :func:`tui.loading.discover` gives.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(articles):
        day = 1 + number % 28
        path = folder / f"2023-10-{day:02d}-{number:05d}.txt"
        path.write_text(corpus_article_text(number), encoding="utf-8")
        paths.append(path)
    return sorted(paths, key=lambda p: p.name)
