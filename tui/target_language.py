"""The language translations are made into: one default, one check, one order of precedence.

Why a module of its own: the target language is a setting -- ``target`` in
the config file, ``--target`` on the command line -- carried by the reader
(``ReaderScreen(target=…)``) and by every translation
(:attr:`tui.translated.ArticleTranslation.target`). Before, ``"en"`` was
written as a default in eleven modules, so a reader set to German could
still search, export or pair claims as if the translation were English.
Every domain function that takes a ``target`` defaults to
:data:`DEFAULT_TARGET` from here, and the CLI and the reader resolve the
setting with :func:`choose_target`.

Two things that look alike are *not* the target language and stay where
they are: the pivot language of Argos (:data:`tui.translation.plan.PIVOT`,
the language a chained translation X→en→Y passes through, a fact of Argos's
package catalogue, not a user setting), and the English rule tables in
:mod:`tui.claims` (the grammar of one language).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the config and the command line import this module: kept light
    from tui.translated import ArticleTranslation

DEFAULT_TARGET = "en"
"""The target language when neither the command line nor the config names one."""

_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
"""An ISO 639 code with optional subtags (``en``, ``pt-BR``, ``zh_Hant``):
also the only shape that may appear in a reference file's name."""


def is_language_code(text: str) -> bool:
    """``text`` is shaped like a language code (nothing else may name a file or a cache key)."""
    return _CODE.fullmatch(text) is not None


def check_target(code: str) -> str:
    """``code`` as a target language (surrounding space dropped, the language
    part lower-cased: ``" DE "`` is ``de``), or a :class:`ValueError` that
    says what is wrong."""
    cleaned = code.strip()
    head, sep, rest = cleaned.partition("-") if "-" in cleaned else cleaned.partition("_")
    cleaned = head.lower() + sep + rest
    if not is_language_code(cleaned):
        raise ValueError(f"not a language code: {code!r} (use a code such as en, de, fr, pt-BR)")
    return cleaned


def choose_target(option: str | None, configured: str | None = None) -> str:
    """The target language in force: the command line's ``option``, else the
    config's ``configured``, else :data:`DEFAULT_TARGET`. Raises
    :class:`ValueError` for a given value that is not a language code."""
    for given in (option, configured):
        if given is not None:
            return check_target(given)
    return DEFAULT_TARGET


@dataclass(frozen=True, slots=True)
class TranslatedTexts:
    """A translation's paragraph texts by index, and the language they are in.

    What :class:`tui.article_claims.ArticleClaims` takes as its
    ``translation_text``: called with a paragraph index it gives the text (or
    ``None``), and its :attr:`target` tells which language's rules find the
    claims in that text.
    """

    translation: ArticleTranslation | None
    target: str = DEFAULT_TARGET

    @classmethod
    def of(cls, translation: ArticleTranslation | None, target: str = DEFAULT_TARGET) -> TranslatedTexts:
        """The texts of ``translation``, in its own target language (``target`` when there is none)."""
        return cls(translation, translation.target if translation is not None else target)

    def __call__(self, index: int) -> str | None:
        found = self.translation.get(index) if self.translation is not None else None
        return found.text if found is not None else None


def texts_language(texts: Callable[[int], str | None]) -> str:
    """The language of the texts a ``translation_text`` callable gives: its
    ``target`` when it carries one (a :class:`TranslatedTexts`), else
    :data:`DEFAULT_TARGET` (a plain function, as older callers pass)."""
    target = getattr(texts, "target", None)
    return target if isinstance(target, str) and target else DEFAULT_TARGET
