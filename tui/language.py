"""Which language an article and each of its paragraphs are in.

Uses lingua (lingua-language-detector), imported lazily: it is a separate,
slower step than loading, so the reader paints first and fills languages in.

How, and why this way (timings on the five seeds, 86 paragraphs, 2 cores):

* **Candidates: all of lingua's languages, low-accuracy mode.** Low-accuracy
  mode uses only trigram models; lingua loads a language's models lazily, and
  only for languages whose script occurs in the text: ~0.4 s cold for the 86
  seed paragraphs, ~0.03 s warm. High-accuracy mode for everything loads uni-
  to five-gram models for every candidate of the script and took 2.4-2.7 s
  cold. (The two-language tie-break below adds ~0.2 s per language the first
  time that language is disputed: 1.6 s cold for the seeds in all, 0.06 s warm.) A *short* candidate list is worse, not faster: with
  18 languages Swedish came out as Dutch and Czech as Turkish, both with
  confidence 1.0, because the right answer was not on the list.
* **Reported: :data:`LANGUAGES` only.** A detection outside that set (Latin,
  i.e. Lorem ipsum; Korean; Yoruba for random letters) is reported as ``None``
  with a note naming what lingua saw, never as a wrong supported language.
  Korean, Japanese and Chinese are deliberately not reported for now (the
  project's spec lists Korean text as an unknown language); adding a code to
  :data:`LANGUAGES` enables one.
* **Article language**: detected on the body paragraphs joined (boilerplate
  left out), capped at :data:`ARTICLE_SAMPLE_CHARS`.
* **Paragraph language**, with the article's language as the expected one:
  fewer than :data:`MIN_LETTERS` letters ("23.01.2026", "16:00") -> ``None``
  (a date has no language). If lingua's best guess is the article language,
  that's it. If not, the text is short (under :data:`HIGH_ACCURACY_BELOW`
  characters, where low-accuracy mode is weakest) and the article language
  is possible at all, lingua's *high-accuracy* mode decides between just the
  two: only their models load. Low-accuracy mode alone called "Про це пише
  проєкт Beyond Parallel, який аналізує супутникові знімки." Macedonian
  (0.98) and "- توضيح في 38 شمالا." Persian; between two, Ukrainian and Arabic
  win. Otherwise the best guess counts if it is reported and reaches
  :data:`MIN_CONFIDENCE` (:data:`MIN_CONFIDENCE_SHORT` under
  :data:`SHORT_LETTERS` letters), else ``None``. "Leave a Reply" in a German
  article is ``en``; "Exit mobile version" in an Arabic one is ``None``
  (lingua: Italian 0.29, German 0.27).
* **Known limits**: gibberish of a few words can still be taken for a
  reported language (about 1 in 10 random 3-12-word strings in a quick
  trial; none at 100 words); lingua has no absolute "this is no language"
  score.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING

from tui.article import Article, Paragraph

if TYPE_CHECKING:
    from lingua import LanguageDetector

LANGUAGES: dict[str, str] = {
    "ar": "Arabic",
    "fa": "Persian",
    "ur": "Urdu",
    "he": "Hebrew",
    "tr": "Turkish",
    "az": "Azerbaijani",
    "hy": "Armenian",
    "ka": "Georgian",
    "ru": "Russian",
    "uk": "Ukrainian",
    "be": "Belarusian",
    "bg": "Bulgarian",
    "sr": "Serbian",
    "mk": "Macedonian",
    "kk": "Kazakh",
    "mn": "Mongolian",
    "de": "German",
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "cs": "Czech",
    "sk": "Slovak",
    "hu": "Hungarian",
    "ro": "Romanian",
    "hr": "Croatian",
    "bs": "Bosnian",
    "sl": "Slovene",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "et": "Estonian",
    "fi": "Finnish",
    "sv": "Swedish",
    "da": "Danish",
    "nb": "Norwegian Bokmål",
    "el": "Greek",
    "hi": "Hindi",
    "id": "Indonesian",
    "ms": "Malay",
    "vi": "Vietnamese",
}
"""Languages tandem reports (ISO 639-1 -> English name)."""

MIN_LETTERS = 3
SHORT_LETTERS = 40
HIGH_ACCURACY_BELOW = 120
MIN_CONFIDENCE = 0.6
MIN_CONFIDENCE_SHORT = 0.8
ARTICLE_SAMPLE_CHARS = 20_000
PARAGRAPH_SAMPLE_CHARS = 2_000


@dataclasses.dataclass(frozen=True, slots=True)
class Guess:
    """lingua's view of one text: the best code, its confidence, and all scores."""

    code: str | None
    confidence: float
    scores: dict[str, float]


@cache
def _detector() -> LanguageDetector:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def guess(text: str) -> Guess:
    """lingua's confidences for ``text`` (all languages, low-accuracy mode)."""
    values = _detector().compute_language_confidence_values(text)
    scores = {v.language.iso_code_639_1.name.lower(): v.value for v in values if v.value > 0.0}
    if not scores:
        return Guess(None, 0.0, {})
    code = max(scores, key=scores.__getitem__)
    return Guess(code, scores[code], scores)


def paragraph_language(text: str, article_language: str | None) -> str | None:
    """The language of one paragraph, given its article's (see module docstring)."""
    count = letters(text)
    if count < MIN_LETTERS:
        return None
    sample = text[:PARAGRAPH_SAMPLE_CHARS]
    found = guess(sample)
    if article_language is not None:
        if found.code == article_language:
            return article_language
        if (
            found.code is not None
            and len(sample) < HIGH_ACCURACY_BELOW
            and found.scores.get(article_language, 0.0) > 0.0
            and _prefers(sample, article_language, found.code)
        ):
            return article_language
    needed = MIN_CONFIDENCE_SHORT if count < SHORT_LETTERS else MIN_CONFIDENCE
    if found.code in LANGUAGES and found.confidence >= needed:
        return found.code
    return None


def _prefers(text: str, article_code: str, other_code: str) -> bool:
    """High-accuracy lingua, between two candidates only: is it the article's?"""
    values = _pair_detector(*sorted((article_code, other_code))).compute_language_confidence_values(text)
    scores = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
    return scores.get(article_code, 0.0) >= 0.5


@cache
def _pair_detector(first: str, second: str) -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in (first, second)]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def article_language(paragraphs: tuple[Paragraph, ...]) -> tuple[str | None, str | None]:
    """The article's language, and a note when it is unknown."""
    body = [p.text for p in paragraphs if not p.is_boilerplate] or [p.text for p in paragraphs]
    sample = "\n".join(body)[:ARTICLE_SAMPLE_CHARS]
    if letters(sample) < MIN_LETTERS:
        return None, "language unknown: no words to go by"
    found = guess(sample)
    if found.code is None:
        return None, "language unknown: not a language tandem can recognise"
    if found.code not in LANGUAGES:
        return None, f"language unknown: looks like {language_name(found.code)}, which tandem does not support"
    if found.confidence < MIN_CONFIDENCE:
        runner_up = sorted(found.scores, key=found.scores.__getitem__, reverse=True)[:2]
        named = " or ".join(language_name(c) for c in runner_up)
        return None, f"language unknown: unsure between {named}"
    return found.code, None


def detect_languages(article: Article) -> Article:
    """A copy of ``article`` with its and each paragraph's language set.

    Articles with an error or no paragraphs come back unchanged.
    """
    if not article.ok or not article.paragraphs:
        return article
    code, note = article_language(article.paragraphs)
    paragraphs = tuple(dataclasses.replace(p, language=paragraph_language(p.text, code)) for p in article.paragraphs)
    notes = article.notes if note is None or note in article.notes else (*article.notes, note)
    return dataclasses.replace(article, language=code, paragraphs=paragraphs, notes=notes)


def language_name(code: str | None) -> str:
    """English name for an ISO 639-1 code ("ar" -> "Arabic"); "unknown" for ``None``."""
    if code is None:
        return "unknown"
    key = code.lower()
    if key in LANGUAGES:
        return LANGUAGES[key]
    try:
        from lingua import IsoCode639_1, Language
    except ImportError:  # pragma: no cover - lingua is a dependency
        return code
    iso = getattr(IsoCode639_1, key.upper(), None)
    if iso is None:
        return code
    return Language.from_iso_code_639_1(iso).name.replace("_", " ").title()
