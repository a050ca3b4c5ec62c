"""What the reader and the CLI call: translate an article, or find its translations.

Everything here is light to import: looking up a cached translation reads
``metadata.json`` files and the cache (the user's SQLite file, or the team's
PostgreSQL server: :mod:`tui.translation.opening`), and never loads a model. Only
:func:`translate_article` with paragraphs still to translate loads one (through
an :class:`~tui.translation.engine.EnginePool`).

Paragraphs are keyed by :func:`tui.textnorm.text_hash`; the model is given the
normalised text, so the key and the translation agree on what was translated.
Those keys are worked out once per article text (:func:`paragraph_hashes`):
the reader asks for an article's translations each time it is opened, and
hashing 200,000 paragraphs costs half a second.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from tui.article import Article, Paragraph
from tui.paragraph_hashes import paragraph_hashes
from tui.target_language import DEFAULT_TARGET
from tui.textnorm import normalise, text_hash
from tui.translated import ArticleTranslation, ParagraphTranslation, Provenance
from tui.translation.engine import EnginePool, default_pool
from tui.translation.errors import TranslationError, UnknownLanguage
from tui.translation.opening import TranslationCache, open_translation_store
from tui.translation.packages import PackageInfo, installed_packages
from tui.translation.plan import PIVOT, Route, argos_codes, plan_route
from tui.translation.store import StoreKey

FIRST_CHUNK_CHARS = 400
"""The first model call is small so the first paragraphs appear quickly…"""
CHUNK_CHARS = 6000
"""…later ones large, so batching pays (and cancelling waits for at most one)."""

PathLike = str | os.PathLike[str]


def _hashes_by_index(article: Article) -> dict[int, str]:
    return dict(zip(map(attrgetter("index"), article.paragraphs), paragraph_hashes(article), strict=True))


def source_language(article: Article) -> str:
    """The article's language, or :class:`UnknownLanguage`."""
    if not article.ok:
        raise TranslationError(f"{article.id}: {article.error}")
    if not article.language:
        raise UnknownLanguage(f"{article.id}: the article's language is unknown, so no model can be chosen")
    return article.language


def paragraphs_to_translate(article: Article, target: str) -> list[Paragraph]:
    """All paragraphs except those detected as already in ``target``
    (an English caption in an Arabic article is not sent through ar→en)."""
    skipped = _languages_in(article, target)
    if not skipped:
        return list(article.paragraphs)
    return [p for p in article.paragraphs if p.language not in skipped]


def _languages_in(article: Article, target: str) -> frozenset[str]:
    """The paragraph languages of ``article`` that are ``target`` for Argos
    (``zh`` and ``zt`` are both Chinese…). Worked out per language, not per
    paragraph: a 200,000-paragraph article has a handful."""
    targets = set(argos_codes(target))
    found = {p.language for p in article.paragraphs}
    return frozenset(code for code in found if code is not None and set(argos_codes(code)) & targets)


def route_for(article: Article, target: str = DEFAULT_TARGET, *, packages_dir: PathLike | None = None) -> Route:
    """The packages that would translate ``article`` (raises MissingPackage etc.)."""
    return plan_route(source_language(article), target, installed_packages(packages_dir))


def _chunks(items: Sequence[tuple[str, str]], first: int, rest: int) -> list[list[tuple[str, str]]]:
    chunks: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    size, budget = 0, first
    for item in items:
        if current and size + len(item[1]) > budget:
            chunks.append(current)
            current, size, budget = [], 0, rest
        current.append(item)
        size += len(item[1])
    if current:
        chunks.append(current)
    return chunks


def _step_key(step: PackageInfo, source: str, target: str) -> StoreKey:
    return StoreKey("argos", step.code, step.version, source, target)


def _run_route(
    route: Route,
    texts: list[str],
    store: TranslationCache,
    pool: EnginePool,
) -> list[str]:
    """Apply each package in turn; the legs of a pivot are cached on their own too."""
    languages = [route.source] + [PIVOT] * (len(route.steps) - 1) + [route.target]
    for n, step in enumerate(route.steps):
        source, target = languages[n], languages[n + 1]
        if len(route.steps) == 1:
            texts = pool.get(step).translate_texts(texts, source)
            continue
        key = _step_key(step, source, target)
        hashes = [text_hash(t) for t in texts]
        known = store.lookup(key, hashes)
        todo = sorted({h: t for h, t in zip(hashes, texts, strict=True) if h not in known}.items())
        if todo:
            outputs = pool.get(step).translate_texts([t for _, t in todo], source)
            fresh = {h: out for (h, _), out in zip(todo, outputs, strict=True)}
            store.save(key, fresh)
            known.update(fresh)
        texts = [normalise(known[h]) for h in hashes]
    return texts


def translate_article(
    article: Article,
    target: str = DEFAULT_TARGET,
    *,
    packages_dir: PathLike | None = None,
    store: TranslationCache | None = None,
    pool: EnginePool | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_paragraph: Callable[[ParagraphTranslation], None] | None = None,
    cancel: threading.Event | None = None,
    order: Iterable[int] | None = None,
    first_chunk_chars: int = FIRST_CHUNK_CHARS,
    chunk_chars: int = CHUNK_CHARS,
) -> ArticleTranslation:
    """Translate what is not cached yet; return every current translation.

    ``on_paragraph`` receives each paragraph as it is ready (cached ones first),
    ``on_progress(done, total)`` follows; both are called from the calling
    thread. ``order`` lists paragraph indices to translate first (e.g. the
    visible ones). When ``cancel`` is set, work stops after the current model
    call and the partial result is returned (what was done stays cached).

    Raises :class:`UnknownLanguage`, :class:`SameLanguage`,
    :class:`MissingPackage` before any work, or :class:`TranslationError`
    when the model fails (paragraphs finished before that stay cached).
    """
    source = source_language(article)
    route = plan_route(source, target, installed_packages(packages_dir))
    store = store if store is not None else open_translation_store()
    pool = pool if pool is not None else default_pool()
    key = StoreKey.of(route.provenance, source, target)

    todo = paragraphs_to_translate(article, target)
    first = {i: rank for rank, i in enumerate(order or ())}
    todo.sort(key=lambda p: (first.get(p.index, len(first)), p.index))
    every = _hashes_by_index(article)
    hashes = {p.index: every[p.index] for p in todo}
    known = store.lookup(key, hashes.values())
    previous = store.placements(key, article.id)
    result: dict[int, ParagraphTranslation] = {}
    total = len(todo)

    def finish(paragraph: Paragraph, text: str) -> None:
        item = ParagraphTranslation(paragraph.index, text, hashes[paragraph.index])
        result[paragraph.index] = item
        if on_paragraph is not None:
            on_paragraph(item)

    for p in todo:
        if hashes[p.index] in known:
            finish(p, known[hashes[p.index]])
    if on_progress is not None:
        on_progress(len(result), total)

    pending: dict[str, str] = {}
    for p in todo:
        if p.index not in result:
            pending.setdefault(hashes[p.index], normalise(p.text))
    waiting = [p for p in todo if p.index not in result]
    cancelled = False
    for chunk in _chunks(list(pending.items()), first_chunk_chars, chunk_chars):
        if cancel is not None and cancel.is_set():
            cancelled = True
            break
        try:
            outputs = _run_route(route, [text for _, text in chunk], store, pool)
        except TranslationError:
            raise
        except Exception as exc:  # CTranslate2/tokenizer failures: say which model
            raise TranslationError(f"{route.provenance.label} failed on {article.id}: {exc}") from exc
        fresh = {h: out for (h, _), out in zip(chunk, outputs, strict=True)}
        placements = {p.index: hashes[p.index] for p in waiting if hashes[p.index] in fresh}
        store.save(key, fresh, article_id=article.id, placements=placements)
        for p in waiting:
            if hashes[p.index] in fresh:
                finish(p, fresh[hashes[p.index]])
        if on_progress is not None:
            on_progress(len(result), total)

    stale = _stale(previous, every.values())
    store.save(
        key,
        {},
        article_id=article.id,
        placements={i: hashes[i] for i in result},
        replace_placements=not cancelled and len(result) == total,
    )
    return ArticleTranslation(article.id, target, route.provenance, result, stale)


def _stale(previous: dict[int, str], current: Iterable[str]) -> int:
    """Translations recorded for this article whose source text is gone
    (``current``: the hashes of the article's paragraphs now)."""
    return len(set(previous.values()) - set(current))


def _build(
    article: Article, target: str, key: StoreKey, store: TranslationCache, translatable: dict[int, str]
) -> ArticleTranslation:
    """What ``store`` holds under ``key`` for the ``translatable`` paragraphs (:func:`_translatable`)."""
    known = store.lookup(key, translatable.values())
    paragraphs = {i: ParagraphTranslation(i, known[h], h) for i, h in translatable.items() if h in known}
    stale = _stale(store.placements(key, article.id), paragraph_hashes(article))
    return ArticleTranslation(article.id, target, key.provenance, paragraphs, stale)


def _installed_route(article: Article, target: str, packages_dir: PathLike | None) -> Route | None:
    try:
        return route_for(article, target, packages_dir=packages_dir)
    except TranslationError:
        return None


def _translatable(article: Article, target: str) -> dict[int, str]:
    """Index -> hash of each of :func:`paragraphs_to_translate`, in order.

    Worked out once per request and handed to every step that needs it (the
    cache's keys, the translation built, the count): each working-out reads
    every paragraph's language, a pass over 200,000 paragraphs in Python."""
    hashes = paragraph_hashes(article)
    skipped = _languages_in(article, target)
    if not skipped:
        return dict(zip(map(attrgetter("index"), article.paragraphs), hashes, strict=True))
    return {p.index: h for p, h in zip(article.paragraphs, hashes, strict=True) if p.language not in skipped}


def _machine_keys(
    article: Article,
    target: str,
    packages_dir: PathLike | None,
    store: TranslationCache,
    translatable: dict[int, str],
) -> tuple[Route | None, list[tuple[StoreKey, int]]]:
    source = article.language or ""
    keys = store.keys_for(source, target, list(translatable.values())) if source else []
    keys = [(k, n) for k, n in keys if k.engine == "argos"]
    route = _installed_route(article, target, packages_dir)
    if route is not None:
        mine = StoreKey.of(route.provenance, source, target)
        keys.sort(key=lambda kn: kn[0] != mine)  # the installed route's first
    return route, keys


def cached_translation(
    article: Article,
    target: str = DEFAULT_TARGET,
    *,
    packages_dir: PathLike | None = None,
    store: TranslationCache | None = None,
    provenance: Provenance | None = None,
) -> ArticleTranslation | None:
    """A machine translation from the cache, never loading a model.

    With ``provenance``, that one; otherwise the installed route's if it has
    any paragraph cached, else the cached one covering most paragraphs.
    ``None`` when nothing is cached (or the language is unknown).
    """
    if not article.ok or not article.language:
        return None
    store = store if store is not None else open_translation_store()
    return _cached(article, target, packages_dir, store, provenance, _translatable(article, target))


def _cached(
    article: Article,
    target: str,
    packages_dir: PathLike | None,
    store: TranslationCache,
    provenance: Provenance | None,
    translatable: dict[int, str],
) -> ArticleTranslation | None:
    """:func:`cached_translation` given :func:`_translatable`."""
    if not article.ok or not article.language:
        return None
    if provenance is not None:
        key = StoreKey.of(provenance, article.language, target)
    else:
        _, keys = _machine_keys(article, target, packages_dir, store, translatable)
        if not keys:
            return None
        key = keys[0][0]
    translation = _build(article, target, key, store, translatable)
    return translation if translation.paragraphs else None


def _reference(article: Article, target: str) -> ArticleTranslation | None:
    try:
        from tui.reference import load_reference
    except ModuleNotFoundError as exc:  # written in parallel; absent in old checkouts
        if exc.name == "tui.reference":
            return None
        raise
    try:
        return load_reference(article, target)
    except ValueError:  # ReferenceFileError: a broken file is no translation
        return None


def available_translations(
    article: Article,
    target: str = DEFAULT_TARGET,
    *,
    packages_dir: PathLike | None = None,
    store: TranslationCache | None = None,
) -> list[Provenance]:
    """Translations the reader can cycle through, in this order: the installed
    Argos route (cached or not yet run), other cached machine translations,
    then the bundled reference. Loads no model."""
    if not article.ok:
        return []
    store = store if store is not None else open_translation_store()
    translatable = _translatable(article, target) if article.language else {}
    return _available(article, target, packages_dir, store, translatable)


def _available(
    article: Article,
    target: str,
    packages_dir: PathLike | None,
    store: TranslationCache,
    translatable: dict[int, str],
) -> list[Provenance]:
    """:func:`available_translations` given :func:`_translatable`."""
    found: list[Provenance] = []
    route, keys = _machine_keys(article, target, packages_dir, store, translatable)
    if route is not None:
        found.append(route.provenance)
    for key, _ in keys:
        if key.provenance not in found:
            found.append(key.provenance)
    reference = _reference(article, target)
    if reference is not None and reference.paragraphs:
        found.append(reference.provenance)
    return found


def translation_for(
    article: Article,
    provenance: Provenance,
    target: str = DEFAULT_TARGET,
    *,
    store: TranslationCache | None = None,
) -> ArticleTranslation | None:
    """The translation a :class:`Provenance` from :func:`available_translations`
    stands for, as far as it exists now (reference or cache; no model)."""
    if provenance.engine == "reference":
        return _reference(article, target)
    return cached_translation(article, target, store=store, provenance=provenance)


def best_translation(
    article: Article,
    target: str = DEFAULT_TARGET,
    *,
    packages_dir: PathLike | None = None,
    store: TranslationCache | None = None,
) -> ArticleTranslation | None:
    """For ``tandem show --json``: the cached machine translation, else the reference."""
    machine = cached_translation(article, target, packages_dir=packages_dir, store=store)
    return machine if machine is not None else _reference(article, target)


@dataclass(frozen=True, slots=True)
class TranslationChoices:
    """Everything the reader's translation column needs for one article, from
    one call (:func:`translation_choices`) that may run in a worker thread."""

    options: list[Provenance]
    """:func:`available_translations`; empty when it failed."""
    chosen: Provenance | None
    """``prefer`` if it is among the options, else the first option."""
    shown: ArticleTranslation | None
    """:func:`translation_for` the chosen one: what exists of it now."""
    route: Route | None
    """The installed Argos route, or ``None`` (see :attr:`problem`)."""
    problem: str | None
    """Why there is no route (a missing package…), when the article's language is known."""
    translatable: int
    """``len(paragraphs_to_translate(article, target))``."""
    error: TranslationError | None = None
    """The error behind :attr:`problem` (e.g. :class:`MissingPackage`, which has a short form)."""


def translation_choices(
    article: Article,
    target: str,
    *,
    prefer: Provenance | None = None,
    packages_dir: PathLike | None = None,
    store: TranslationCache | None = None,
) -> TranslationChoices:
    """The options, the chosen translation and the route for ``article``.

    Reads the packages directory and the cache and, the first time an article
    text is seen, hashes every paragraph (half a second for 200,000): call it
    from a worker thread, not the event loop. Loads no model; never raises
    :class:`TranslationError` (it is reported in :attr:`TranslationChoices.problem`)."""
    store = store if store is not None else open_translation_store()
    translatable = _translatable(article, target) if article.ok else {}  # worked out once, used thrice
    try:
        options = _available(article, target, packages_dir, store, translatable) if article.ok else []
    except TranslationError:
        options = []
    chosen = prefer if prefer is not None and prefer in options else (options[0] if options else None)
    route: Route | None = None
    problem: str | None = None
    error: TranslationError | None = None
    try:
        route = route_for(article, target, packages_dir=packages_dir)
    except TranslationError as exc:
        if article.language is not None:
            problem, error = str(exc), exc
    shown: ArticleTranslation | None = None  # translation_for(chosen)
    if chosen is not None and chosen.engine == "reference":
        shown = _reference(article, target)
    elif chosen is not None:
        shown = _cached(article, target, packages_dir, store, chosen, translatable)
    return TranslationChoices(options, chosen, shown, route, problem, len(translatable), error)
