"""Bundled reference translations: what a reader shows with no Argos model.

The repository ships one hand-written English translation per seed
(``translations/<stem>.en.json``, format described in ``translations/README.md``).
Each entry carries the hash of the source paragraph it was written for, so a
translation is only ever shown beside the text it translates:

* an entry whose hash equals the current paragraph at its index is used there;
* otherwise, when the source changed only by lines being inserted, removed or
  moved, the entry is placed on the unclaimed paragraph with the same hash
  nearest to its old index (so identical lines such as 003's two "Країна" keep
  their order);
* any other entry is stale: dropped and counted in ``ArticleTranslation.stale``.

An article with no reference file of its own — an edited copy saved under
another name, say — borrows the paragraphs of another reference whose source
hashes equal its own paragraphs' (:func:`borrowed_reference`): those are the
same text, so their translation is too. The column says whose it is, and every
paragraph that differs has none.

A broken file (unreadable, not JSON, wrong shape) raises
:class:`ReferenceFileError`, a ``ValueError`` whose message names the file and
the problem; :func:`load_reference_or_reason` turns that into ``(None, reason)``
for callers such as the reader, which must never crash on it. The class is not
called ``ReferenceError`` because that name is a Python built-in.

JSON parsing is the standard library's; the matching is hand-rolled because it
is a few lines over our own hash key, not something a library offers.

Every article without a reference of its own looks for one to borrow, so the
folder's listing and the files read from it are kept (:func:`_borrowable`):
the listing until the folder's modification time changes (a file added or
removed), each file's entries until its own does. What changed within the
clock tick of the last look (too recent to tell apart) is not kept.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tui.article import Article
from tui.paragraph_hashes import paragraph_hashes
from tui.paths import translations_dir
from tui.target_language import DEFAULT_TARGET, is_language_code
from tui.translated import ArticleTranslation, ParagraphTranslation, Provenance

FORMAT = 1
"""The only file format this module reads."""


class ReferenceFileError(ValueError):
    """A reference translation file exists but cannot be used."""


def reference_path(article_path: Path, target: str = DEFAULT_TARGET, root: Path | None = None) -> Path:
    """Where the reference translation of ``article_path`` into ``target`` lives."""
    if not is_language_code(target):
        raise ValueError(f"not a language code: {target!r}")
    base = translations_dir() if root is None else Path(root)
    return base / f"{Path(article_path).stem}.{target}.json"


def load_reference(
    article: Article, target: str = DEFAULT_TARGET, root: Path | None = None, *, borrow: bool = True
) -> ArticleTranslation | None:
    """The bundled translation of ``article``, or ``None`` when there is none.

    Without its own file, another article's reference is borrowed where the
    texts match (:func:`borrowed_reference`), unless ``borrow`` is false: that
    hashes every paragraph, which the reader does not do on its event loop.
    Raises :class:`ReferenceFileError` when the file exists but is unusable.
    """
    path = reference_path(article.path, target, root)
    if not path.is_file():
        return borrowed_reference(article, target, root) if borrow else None
    data = _read(path)
    version, entries = _validate(data, path, target)
    paragraphs, stale = _match(article, entries)
    return ArticleTranslation(
        article_id=article.id,
        target=target,
        provenance=Provenance(engine="reference", model=None, version=version),
        paragraphs=paragraphs,
        stale=stale,
    )


def load_reference_or_reason(
    article: Article, target: str = DEFAULT_TARGET, root: Path | None = None, *, borrow: bool = True
) -> tuple[ArticleTranslation | None, str | None]:
    """Like :func:`load_reference`, but a broken file gives ``(None, reason)``."""
    try:
        return load_reference(article, target, root, borrow=borrow), None
    except ReferenceFileError as error:
        return None, str(error)


def _read(path: Path) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ReferenceFileError(f"{path.name}: cannot be read ({error})") from error
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise ReferenceFileError(
            f"{path.name}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error


def _validate(data: Any, path: Path, target: str) -> tuple[str | None, list[tuple[int, str, str]]]:
    """(version, [(index, source_hash, text)]) or a :class:`ReferenceFileError`."""

    def fail(problem: str) -> ReferenceFileError:
        return ReferenceFileError(f"{path.name}: {problem}")

    if not isinstance(data, Mapping):
        raise fail("expected a JSON object at the top level")
    if data.get("format") != FORMAT:
        raise fail(f"unsupported format {data.get('format')!r} (expected {FORMAT})")
    declared = data.get("target_language", target)
    if declared != target:
        raise fail(f"target_language is {declared!r}, file name says {target!r}")
    version = data.get("version")
    if version is not None and not isinstance(version, str):
        raise fail("version must be a string")
    items = data.get("paragraphs")
    if not isinstance(items, list):
        raise fail("'paragraphs' must be a list")
    entries: list[tuple[int, str, str]] = []
    for n, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise fail(f"paragraph entry {n} is not an object")
        index, source_hash, text = item.get("index"), item.get("source_hash"), item.get("text")
        if not isinstance(index, int) or isinstance(index, bool) or index < 0:
            raise fail(f"paragraph entry {n}: 'index' must be a non-negative integer")
        if not isinstance(source_hash, str) or not source_hash:
            raise fail(f"paragraph entry {n}: 'source_hash' must be a non-empty string")
        if not isinstance(text, str) or not text.strip():
            raise fail(f"paragraph entry {n}: 'text' must be a non-empty string")
        entries.append((index, source_hash, text))
    return version, entries


def _match(article: Article, entries: list[tuple[int, str, str]]) -> tuple[dict[int, ParagraphTranslation], int]:
    """Place entries on the article's paragraphs: by index, then by hash."""
    current = paragraph_hashes(article)
    indices_of: dict[str, list[int]] = {}
    for i, h in enumerate(current):
        indices_of.setdefault(h, []).append(i)

    placed: dict[int, ParagraphTranslation] = {}
    leftover: list[tuple[int, str, str]] = []
    for index, source_hash, text in entries:
        if index < len(current) and current[index] == source_hash and index not in placed:
            placed[index] = ParagraphTranslation(index, text, source_hash)
        else:
            leftover.append((index, source_hash, text))

    stale = 0
    for index, source_hash, text in leftover:
        free = [i for i in indices_of.get(source_hash, ()) if i not in placed]
        if not free:
            stale += 1
            continue
        nearest = min(free, key=lambda i: (abs(i - index), i))
        placed[nearest] = ParagraphTranslation(nearest, text, source_hash)
    return dict(sorted(placed.items())), stale


BORROW_FROM_AT_MOST = 200
"""Reference files looked through for an article with none of its own."""
BORROW_AT_LEAST = 3
"""Paragraphs that must match before another article's reference is borrowed."""


def borrowed_reference(
    article: Article, target: str = DEFAULT_TARGET, root: Path | None = None
) -> ArticleTranslation | None:
    """The paragraphs of another article's reference into ``target`` whose
    source text equals this article's (by hash): the reference that matches
    most of them, at least :data:`BORROW_AT_LEAST`; ``None`` when none does.
    Broken files are skipped here (they are reported for their own article)."""
    base = translations_dir() if root is None else Path(root)
    try:
        candidates = _borrowable(base, target)
    except OSError:
        return None
    if not candidates:
        return None
    mine = set(paragraph_hashes(article))
    best: tuple[int, Path, str | None, list[tuple[int, str, str]]] | None = None
    for path, version, entries in candidates:
        shared = [entry for entry in entries if entry[1] in mine]
        if len(shared) >= BORROW_AT_LEAST and (best is None or len(shared) > best[0]):
            best = (len(shared), path, version, shared)
    if best is None:
        return None
    _, path, version, shared = best
    paragraphs, _ = _match(article, shared)
    source = path.name[: -len(f".{target}.json")]
    return ArticleTranslation(
        article_id=article.id,
        target=target,
        provenance=Provenance(engine="reference", model=source, version=version),
        paragraphs=paragraphs,
    )


SETTLED_NS = 2_000_000_000
"""A folder or file changed less than this long before it was read may change
again within the same modification time (file systems keep it to a clock tick):
what was read from it is not kept."""

Readable = tuple[Path, str | None, list[tuple[int, str, str]]]
"""A reference file that can be borrowed from: its path, version and entries."""
_listings: dict[tuple[Path, str], tuple[int, list[Path]]] = {}
"""(folder, target) -> (the folder's mtime, its reference files into target)."""
_files: dict[tuple[Path, str], tuple[int, int, Readable | None]] = {}
"""(file, target) -> (its mtime, its size, what it holds; ``None`` when broken)."""


def _settled(stamp_ns: int) -> bool:
    return time.time_ns() - stamp_ns > SETTLED_NS


def _borrowable(base: Path, target: str) -> list[Readable]:
    """The usable reference files into ``target`` in ``base`` (at most
    :data:`BORROW_FROM_AT_MOST`, by name), read once while unchanged. Raises
    :class:`OSError` when the folder cannot be read."""
    stamp = base.stat().st_mtime_ns
    listed = _listings.get((base, target))
    if listed is not None and listed[0] == stamp:
        paths = listed[1]
    else:
        paths = sorted(base.glob(f"*.{target}.json"))[:BORROW_FROM_AT_MOST]
        if _settled(stamp):
            _listings[(base, target)] = (stamp, paths)
    found: list[Readable] = []
    for path in paths:
        try:
            state = os.stat(path)
        except OSError:  # removed since it was listed
            continue
        kept = _files.get((path, target))
        if kept is not None and kept[:2] == (state.st_mtime_ns, state.st_size):
            readable = kept[2]
        else:
            try:
                version, entries = _validate(_read(path), path, target)
                readable = (path, version, entries)
            except ReferenceFileError:
                readable = None
            if _settled(state.st_mtime_ns):
                _files[(path, target)] = (state.st_mtime_ns, state.st_size, readable)
        if readable is not None:
            found.append(readable)
    return found
