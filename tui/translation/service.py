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
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    return list(_kept(article, _languages_in(article, target)))


def _kept(article: Article, skipped: frozenset[str]) -> Sequence[Paragraph]:
    """The paragraphs whose language is not in ``skipped`` (all of them, not copied, when none is)."""
    if not skipped:
        return article.paragraphs
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

    translatable = _Translatable(article, target)
    todo = list(zip(translatable.paragraphs, translatable.hashes, strict=True))
    first = {i: rank for rank, i in enumerate(order or ())}
    if first:  # the paragraphs are in index order already
        todo.sort(key=lambda ph: (first.get(ph[0].index, len(first)), ph[0].index))
    known = store.lookup(key, translatable.hashes)
    previous = store.placements(key, article.id)
    result: dict[int, ParagraphTranslation] = {}
    total = len(todo)

    def finish(paragraph: Paragraph, digest: str, text: str) -> None:
        item = ParagraphTranslation(paragraph.index, text, digest)
        result[paragraph.index] = item
        if on_paragraph is not None:
            on_paragraph(item)

    waiting: dict[str, list[Paragraph]] = {}  # hash -> the paragraphs saying it, none translated yet
    for p, digest in todo:
        if digest in known:
            finish(p, digest, known[digest])
        else:
            waiting.setdefault(digest, []).append(p)
    if on_progress is not None:
        on_progress(len(result), total)

    pending = [(digest, normalise(same[0].text)) for digest, same in waiting.items()]
    cancelled = False
    for chunk in _chunks(pending, first_chunk_chars, chunk_chars):
        if cancel is not None and cancel.is_set():
            cancelled = True
            break
        try:
            outputs = _run_route(route, [text for _, text in chunk], store, pool)
        except TranslationError:
            raise
        except Exception as exc:  # CTranslate2/tokenizer failures: say which model
            raise TranslationError(f"{route.provenance.label} failed on {article.id}: {exc}") from exc
        fresh = {digest: out for (digest, _), out in zip(chunk, outputs, strict=True)}
        done = [(p, digest) for digest in fresh for p in waiting[digest]]
        store.save(key, fresh, article_id=article.id, placements={p.index: digest for p, digest in done})
        for p, digest in done:
            finish(p, digest, fresh[digest])
        if on_progress is not None:
            on_progress(len(result), total)

    stale = _stale(previous, paragraph_hashes(article))
    store.save(
        key,
        {},
        article_id=article.id,
        placements={i: item.source_hash for i, item in result.items()},
        replace_placements=not cancelled and len(result) == total,
    )
    return ArticleTranslation(article.id, target, route.provenance, result, stale)


def _stale(previous: dict[int, str], current: Iterable[str]) -> int:
    """Translations recorded for this article whose source text is gone
    (``current``: the hashes of the article's paragraphs now)."""
    return len(set(previous.values()) - set(current))


class _Translatable:
    """:func:`paragraphs_to_translate` of one article, and their hashes.

    Worked out once per request and handed to every step that needs it (the
    cache's keys, the translation built, the count): each working-out reads
    every paragraph's language, a pass over 200,000 paragraphs in Python. The
    hashes are the memo's (:func:`paragraph_hashes`, the same tuple when no
    paragraph is skipped), in a sequence beside the paragraphs rather than a dict
    of every paragraph. Both are worked out when first asked for: an article
    whose language is unknown has nothing to look up, so nothing is hashed for
    it, and a reference translation needs neither."""

    __slots__ = ("_article", "_hashes", "_paragraphs", "_skipped", "_target")

    def __init__(self, article: Article, target: str) -> None:
        self._article = article
        self._target = target
        self._skipped: frozenset[str] | None = None
        self._paragraphs: Sequence[Paragraph] | None = None
        self._hashes: Sequence[str] | None = None

    def __len__(self) -> int:
        return len(self.paragraphs)

    @property
    def paragraphs(self) -> Sequence[Paragraph]:
        """:func:`paragraphs_to_translate` (not copied when that is all of them)."""
        if self._paragraphs is None:
            self._skipped = _languages_in(self._article, self._target)
            self._paragraphs = _kept(self._article, self._skipped)
        return self._paragraphs

    @property
    def hashes(self) -> Sequence[str]:
        """:func:`~tui.textnorm.text_hash` of each of :attr:`paragraphs`, in order."""
        if self._hashes is None:
            every = paragraph_hashes(self._article)
            if len(self.paragraphs) < len(every):
                skipped = self._skipped or frozenset()
                pairs = zip(self._article.paragraphs, every, strict=True)
                every = tuple(digest for p, digest in pairs if p.language not in skipped)
            self._hashes = every
        return self._hashes

    def indexed(self) -> Iterator[tuple[int, str]]:
        """(paragraph index, hash) of each of :attr:`paragraphs`, in order."""
        return zip(map(_index_of, self.paragraphs), self.hashes, strict=True)


_index_of = attrgetter("index")


def _build(
    article: Article, target: str, key: StoreKey, store: TranslationCache, translatable: _Translatable
) -> ArticleTranslation:
    """What ``store`` holds under ``key`` for the ``translatable`` paragraphs."""
    known = store.lookup(key, translatable.hashes)
    paragraphs = {i: ParagraphTranslation(i, known[h], h) for i, h in translatable.indexed() if h in known}
    stale = _stale(store.placements(key, article.id), paragraph_hashes(article))
    return ArticleTranslation(article.id, target, key.provenance, paragraphs, stale)


def _installed_route(article: Article, target: str, packages_dir: PathLike | None) -> Route | None:
    try:
        return route_for(article, target, packages_dir=packages_dir)
    except TranslationError:
        return None


def _machine_keys(
    article: Article,
    target: str,
    packages_dir: PathLike | None,
    store: TranslationCache,
    translatable: _Translatable,
) -> tuple[Route | None, list[tuple[StoreKey, int]]]:
    source = article.language or ""
    keys = store.keys_for(source, target, translatable.hashes) if source else []
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
    return _cached(article, target, packages_dir, store, provenance, _Translatable(article, target))


def _cached(
    article: Article,
    target: str,
    packages_dir: PathLike | None,
    store: TranslationCache,
    provenance: Provenance | None,
    translatable: _Translatable,
) -> ArticleTranslation | None:
    """:func:`cached_translation` given the paragraphs to translate."""
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
    return _available(article, target, packages_dir, store, _Translatable(article, target))


def _available(
    article: Article,
    target: str,
    packages_dir: PathLike | None,
    store: TranslationCache,
    translatable: _Translatable,
) -> list[Provenance]:
    """:func:`available_translations` given the paragraphs to translate."""
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
    return _translation_for(article, provenance, target, store, _Translatable(article, target))


def _translation_for(
    article: Article,
    provenance: Provenance,
    target: str,
    store: TranslationCache | None,
    translatable: _Translatable,
) -> ArticleTranslation | None:
    """:func:`translation_for` given the paragraphs to translate."""
    if provenance.engine == "reference":
        return _reference(article, target)
    store = store if store is not None else open_translation_store()
    return _cached(article, target, None, store, provenance, translatable)


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
    text is seen, hashes every paragraph (half a second for 200,000; not when
    the language is unknown and no reference can be borrowed): call it
    from a worker thread, not the event loop. Loads no model; never raises
    :class:`TranslationError` (it is reported in :attr:`TranslationChoices.problem`)."""
    store = store if store is not None else open_translation_store()
    translatable = _Translatable(article, target)  # worked out once, used thrice
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
    shown = _translation_for(article, chosen, target, store, translatable) if chosen is not None else None
    count = len(translatable) if article.ok else 0
    return TranslationChoices(options, chosen, shown, route, problem, count, error)
