"""Batched CTranslate2 inference with an Argos package, offline.

Argos's ``translate()`` cannot be used: it splits sentences with a model it
downloads (see :mod:`tui.translation.sentences`), and it translates one
paragraph per ``translate_batch`` call with batches of at most 32 *tokens*.
Here every sentence of every paragraph handed over goes into one
``translate_batch`` call (CTranslate2 sorts by length and sub-batches by a
token budget), and the results are regrouped per paragraph.

What is Argos's, kept identical so output matches what Argos would give:
the package's own tokenizer (the one ``argostranslate.package.Package`` would
pick, built by :func:`tui.translation.packages.load_tokenizer` without
importing ``argostranslate.package``, which writes into the user's home),
beam size 4, length penalty 0.2, ``replace_unknowns=True``, the package's
``target_prefix`` forced on every sentence and stripped after decoding, all
sentence pieces of a paragraph decoded together, one leading space removed.
One addition: a sentence over 250 tokens is cut at word starts (see
:func:`cut_tokens`) instead of being passed whole.

Bounded for 2-core machines: ``intra_threads`` ≤ 2, one translator thread,
``max_batch_size`` in tokens, and at most :data:`MAX_LOADED` models held by an
:class:`EnginePool` at once.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tui.translation.packages import PackageInfo
from tui.translation.sentences import split_sentences

MAX_LOADED = 2
"""Models kept in memory (a pivot needs two)."""


@dataclass(frozen=True, slots=True)
class DecodingOptions:
    """Argos's decoding settings (``argostranslate.translate`` and its settings defaults)."""

    beam_size: int = 4
    length_penalty: float = 0.2
    replace_unknowns: bool = True
    max_decoding_length: int = 256
    """CTranslate2's default, which Argos leaves alone."""
    max_batch_tokens: int = 2048
    """Sub-batch budget in tokens (Argos: 32, i.e. about one sentence per batch)."""
    max_input_tokens: int = 250
    """Longer sentences are cut at a word start (Argos passes them whole)."""


def default_threads() -> int:
    return max(1, min(2, os.cpu_count() or 1))


class ArgosEngine:
    """One package's model and tokenizer, loaded on first use.

    ``loads`` and ``calls`` count model loads and ``translate_batch`` calls so
    callers (and tests) can see that cached work costs nothing.
    """

    def __init__(
        self,
        package: PackageInfo,
        *,
        threads: int | None = None,
        options: DecodingOptions | None = None,
    ):
        self.package = package
        self.threads = threads or default_threads()
        self.options = options or DecodingOptions()
        self.loads = 0
        self.calls = 0
        self._translator: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._translator is not None

    def _ensure(self) -> tuple[Any, Any]:
        """(tokenizer, translator), loading them once; callers keep the pair
        locally, so an unload from another thread cannot pull them away mid-call."""
        with self._lock:
            if self._translator is None:
                import ctranslate2

                from tui.translation.packages import load_tokenizer

                tokenizer = load_tokenizer(self.package)
                translator = ctranslate2.Translator(
                    str(self.package.path / "model"),
                    device="cpu",
                    inter_threads=1,
                    intra_threads=self.threads,
                )
                self._tokenizer, self._translator = tokenizer, translator
                self.loads += 1
            return self._tokenizer, self._translator

    def load(self) -> None:
        self._ensure()

    def unload(self) -> None:
        with self._lock:
            self._translator = None
            self._tokenizer = None

    def encode(self, sentences: Sequence[str]) -> list[list[str]]:
        tokenizer, _ = self._ensure()
        return [tokenizer.encode(s) for s in sentences]

    def decode(self, tokens: Sequence[str]) -> str:
        """Argos's post-processing of one paragraph's pieces."""
        tokenizer, _ = self._ensure()
        value = str(tokenizer.decode(list(tokens)))
        prefix = self.package.target_prefix
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
        if value.startswith(" "):
            value = value[1:]
        return value

    def translate_tokens(
        self, batch: Sequence[Sequence[str]], *, max_batch_tokens: int | None = None
    ) -> list[list[str]]:
        """One ``translate_batch`` call with Argos's settings; best hypothesis each."""
        if not batch:
            return []
        _, translator = self._ensure()
        options = self.options
        prefix = self.package.target_prefix
        target_prefix = [[prefix]] * len(batch) if prefix else None
        self.calls += 1
        results = translator.translate_batch(
            [list(tokens) for tokens in batch],
            target_prefix=target_prefix,
            replace_unknowns=options.replace_unknowns,
            max_batch_size=max_batch_tokens or options.max_batch_tokens,
            batch_type="tokens",
            beam_size=options.beam_size,
            num_hypotheses=1,
            length_penalty=options.length_penalty,
            max_decoding_length=options.max_decoding_length,
        )
        return [result.hypotheses[0] for result in results]

    def translate_texts(self, texts: Sequence[str], language: str | None) -> list[str]:
        """Translate paragraphs: all their sentences in one batched call."""
        owners: list[int] = []
        sentences: list[str] = []
        for i, text in enumerate(texts):
            for sentence in split_sentences(text, language):
                owners.append(i)
                sentences.append(sentence.text)
        if not sentences:
            return ["" for _ in texts]
        parts: list[list[str]] = []
        part_owners: list[int] = []
        for owner, tokens in zip(owners, self.encode(sentences), strict=True):
            for part in cut_tokens(tokens, self.options.max_input_tokens):
                parts.append(part)
                part_owners.append(owner)
        hypotheses = self.translate_tokens(parts)
        pieces: list[list[str]] = [[] for _ in texts]
        for owner, hypothesis in zip(part_owners, hypotheses, strict=True):
            pieces[owner].extend(hypothesis)
        return [self.decode(p) if p else "" for p in pieces]


def cut_tokens(tokens: list[str], limit: int) -> list[list[str]]:
    """``tokens`` in parts of at most ``limit``, cut before a word where possible.

    A "sentence" with no full stop for hundreds of words (a run-on caption, a
    list) would otherwise be truncated by CTranslate2 or decoded past the
    model's training lengths. Word starts: SentencePiece's ``▁``, or for BPE a
    piece after one that does not end in ``@@``.
    """
    if len(tokens) <= limit:
        return [tokens]
    sentencepiece = any(t.startswith("\u2581") for t in tokens)

    def word_start(i: int) -> bool:
        if sentencepiece:
            return tokens[i].startswith("\u2581")
        return not tokens[i - 1].endswith("@@")

    parts: list[list[str]] = []
    start = 0
    while len(tokens) - start > limit:
        cut = next(
            (i for i in range(start + limit, start + limit // 2, -1) if word_start(i)),
            start + limit,
        )
        parts.append(tokens[start:cut])
        start = cut
    parts.append(tokens[start:])
    return parts


EngineFactory = Callable[[PackageInfo], ArgosEngine]


class EnginePool:
    """Engines by package, at most ``max_loaded`` holding a model (least recent unloaded)."""

    def __init__(self, max_loaded: int = MAX_LOADED, factory: EngineFactory = ArgosEngine):
        self.max_loaded = max_loaded
        self.factory = factory
        self._engines: OrderedDict[tuple[str, str], ArgosEngine] = OrderedDict()
        self._created: list[ArgosEngine] = []  # for the counters (unloaded ones are small)
        self._lock = threading.Lock()

    def get(self, package: PackageInfo) -> ArgosEngine:
        key = (str(package.path), package.version)
        with self._lock:
            engine = self._engines.get(key)
            if engine is None:
                engine = self.factory(package)
                self._engines[key] = engine
                self._created.append(engine)
            self._engines.move_to_end(key)
            while len(self._engines) > self.max_loaded:
                _, old = self._engines.popitem(last=False)
                old.unload()
            return engine

    @property
    def loads(self) -> int:
        """Models loaded so far by this pool."""
        return sum(e.loads for e in self._created)

    @property
    def calls(self) -> int:
        """``translate_batch`` calls made so far by this pool."""
        return sum(e.calls for e in self._created)

    def clear(self) -> None:
        with self._lock:
            for engine in self._engines.values():
                engine.unload()
            self._engines.clear()


_DEFAULT_POOL: EnginePool | None = None
_DEFAULT_LOCK = threading.Lock()


def default_pool() -> EnginePool:
    """The process-wide pool the reader and CLI share."""
    global _DEFAULT_POOL
    with _DEFAULT_LOCK:
        if _DEFAULT_POOL is None:
            _DEFAULT_POOL = EnginePool()
        return _DEFAULT_POOL
