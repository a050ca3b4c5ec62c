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
  time that language is disputed: 1.6 s cold for the seeds in all, 0.06 s warm.)
  A *short* candidate list is worse, not faster: with
  18 languages Swedish came out as Dutch and Czech as Turkish, both with
  confidence 1.0, because the right answer was not on the list.
* **Reported: :data:`LANGUAGES` only.** A detection outside that set (Latin,
  i.e. Lorem ipsum; Korean; Yoruba for random letters) is reported as ``None``
  with a note naming what lingua saw, never as a wrong supported language.
  Korean, Japanese and Chinese are deliberately not reported for now (the
  project's spec lists Korean text as an unknown language); adding a code to
  :data:`LANGUAGES` enables one.
* **Article language**: detected on a sample of the body (boilerplate left
  out): paragraphs spread evenly over the article up to
  :data:`ARTICLE_SAMPLE_CHARS`, so a 5,000-paragraph article's language costs
  what a 50-paragraph one's does (``bench/language_eval.py``).
* **Paragraph language**, with the article's language as a strong prior:
  fewer than :data:`MIN_LETTERS` letters ("23.01.2026", "16:00") -> ``None``
  (a date has no language). If lingua's best guess is the article language,
  that's it. Otherwise lingua's *high-accuracy* mode decides between just the
  two (only their models load), on the paragraph without its quotations and
  capitalised words — names and titles in another language ("Citizens for
  Responsibility and Ethics", "« The Last Palace »") are not the paragraph's
  language — and the other language wins only with at least
  :data:`RIVAL_MIN_SHARE`. A rival that lacks every letter of its own alphabet
  (:data:`_OWN_LETTERS`: Kazakh without any Kazakh-only letter) is no rival: lingua
  scores any Ukrainian sentence with "щ" Kazakh 1.0, Ukrainian 0.0 (20 of 341
  ntrex sentences). Low-accuracy mode alone also called "Про це пише проєкт
  Beyond Parallel …" Macedonian and "- توضيح في 38 شمالا." Persian. A
  ``plausible`` set (the corpus's languages) bars every other rival.
  Otherwise the best guess counts if it is reported and reaches
  :data:`MIN_CONFIDENCE` (:data:`MIN_CONFIDENCE_SHORT` under
  :data:`SHORT_LETTERS` letters), else ``None``. "Leave a Reply" in a German
  article is ``en``; "Exit mobile version" in an Arabic one is ``None``
  (lingua: Italian 0.29, German 0.27). On ntrex (318 non-empty lines per
  language) every line of ar, fa, de, uk, ru and fr gets its file's language.
* **Visible paragraphs first**: :func:`detect_article_language` then
  :func:`detect_paragraph_languages` for the rows on screen, then the rest.
* **Known limits**: gibberish of a few words can still be taken for a
  reported language (about 1 in 10 random 3-12-word strings in a quick
  trial; none at 100 words); lingua has no absolute "this is no language"
  score.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable, Sequence
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
MIN_CONFIDENCE = 0.6
MIN_CONFIDENCE_SHORT = 0.8
RIVAL_MIN_SHARE = 0.9
"""Another language takes a paragraph from the article's only when high-accuracy
lingua, choosing between the two, gives it at least this share."""
ARTICLE_SAMPLE_CHARS = 6_000
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


def paragraph_language(text: str, article_language: str | None, plausible: Collection[str] | None = None) -> str | None:
    """The language of one paragraph, given its article's (see module docstring).

    ``plausible``: the languages this corpus can hold (e.g. those of its
    articles); a paragraph is never given a language outside it and the article's.
    """
    count = letters(text)
    if count < MIN_LETTERS:
        return None
    sample = text[:PARAGRAPH_SAMPLE_CHARS]
    found = guess(sample)
    allowed = LANGUAGES.keys() if plausible is None else {c for c in plausible if c in LANGUAGES}
    if article_language is not None:
        if found.code == article_language:
            return article_language
        rival = found.code if found.code is not None else ("en" if article_language != "en" else None)
        if rival is not None and _lacks_letters(sample, rival, count):
            if not _lacks_letters(sample, article_language, count):
                return article_language  # lingua says Kazakh for Ukrainian with "щ" and no Kazakh letter
            rival = None
        if rival is not None:
            share = _article_share(_without_names(sample, count), article_language, rival)
            if share >= 1.0 - RIVAL_MIN_SHARE or (share > 0.0 and rival not in allowed):
                return article_language
    needed = MIN_CONFIDENCE_SHORT if count < SHORT_LETTERS else MIN_CONFIDENCE
    if found.code in allowed and found.confidence >= needed:
        return found.code
    return None


_OWN_LETTERS = {
    "kk": frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ"),
    "uk": frozenset("іїєґІЇЄҐ"),
    "be": frozenset("ўЎіІ"),
    "mk": frozenset("ѓќѕљњџЃЌЅЉЊЏ"),
    "sr": frozenset("ђћљњџјЂЋЉЊЏЈ"),
    "mn": frozenset("өүӨҮ"),
    "ur": frozenset("ٹڈڑںےۓھ"),
}
"""Letters without one of which a paragraph of some length is not in that language
(lingua's rules read "щ" as Kazakh and give Ukrainian none of the score)."""
OWN_LETTERS_FROM = 12


def _lacks_letters(text: str, code: str, count: int) -> bool:
    own = _OWN_LETTERS.get(code)
    return own is not None and count >= OWN_LETTERS_FROM and not any(ch in own for ch in text)


_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|„[^“”]*[“”]|\"[^\"]*\"|‹[^›]*›")
_CAPITALISED = re.compile(r"\b[^\W\d_][\w'’-]*")
NAMES_KEEP_LETTERS = 15


def _without_names(text: str, count: int) -> str:
    """The text without quotations and capitalised words: names and titles in
    another language ("Citizens for Responsibility and Ethics", "« The Last
    Palace »") are not the paragraph's language. The whole text when too little is left."""
    reduced = _CAPITALISED.sub(lambda m: "" if m.group()[0].isupper() else m.group(), _QUOTED.sub(" ", text))
    return reduced if letters(reduced) >= NAMES_KEEP_LETTERS else text


def _article_share(text: str, article_code: str, other_code: str) -> float:
    """High-accuracy lingua, between two candidates only: the article language's share."""
    values = _pair_detector(*sorted((article_code, other_code))).compute_language_confidence_values(text)
    scores = {v.language.iso_code_639_1.name.lower(): v.value for v in values}
    return scores.get(article_code, 0.0)


@cache
def _pair_detector(first: str, second: str) -> LanguageDetector:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in (first, second)]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def article_sample(paragraphs: Sequence[Paragraph]) -> str:
    """Up to :data:`ARTICLE_SAMPLE_CHARS` of body text, from paragraphs spread evenly
    over the article: a 5,000-paragraph article costs what a short one does, and a
    long preamble in another language does not decide alone."""
    body = [p for p in paragraphs if not p.is_boilerplate] or list(paragraphs)
    if not body:
        return ""
    average = max(1, sum(len(p.text) for p in body[:50]) // min(len(body), 50))
    wanted = max(1, ARTICLE_SAMPLE_CHARS // average)
    step = max(1, len(body) // wanted)
    picked: list[str] = []
    size = 0
    for p in body[::step]:
        picked.append(p.text)
        size += len(p.text) + 1
        if size >= ARTICLE_SAMPLE_CHARS:
            break
    return "\n".join(picked)[:ARTICLE_SAMPLE_CHARS]


def article_language(paragraphs: Sequence[Paragraph]) -> tuple[str | None, str | None]:
    """The article's language, and a note when it is unknown."""
    sample = article_sample(paragraphs)
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


def plausible_languages(articles: Iterable[Article]) -> frozenset[str]:
    """The languages a corpus can hold: those of its articles (detected already)
    and English, which news in any language quotes. Pass it as ``plausible``."""
    return frozenset(a.language for a in articles if a.language) | {"en"}


def detect_article_language(article: Article) -> Article:
    """A copy of ``article`` with its language (and a note when unknown) set;
    paragraphs untouched. Cheap at any length: it reads :func:`article_sample`."""
    if not article.ok or not article.paragraphs:
        return article
    code, note = article_language(article.paragraphs)
    notes = article.notes if note is None or note in article.notes else (*article.notes, note)
    return dataclasses.replace(article, language=code, notes=notes)


def detect_paragraph_languages(
    article: Article, indices: Iterable[int], plausible: Collection[str] | None = None
) -> Article:
    """A copy of ``article`` with the language of the paragraphs at ``indices`` set
    (the reader asks for the visible ones first). The article's language must be
    known already (:func:`detect_article_language`)."""
    if not article.ok or not article.paragraphs:
        return article
    paragraphs = list(article.paragraphs)
    for i in indices:
        if 0 <= i < len(paragraphs):
            p = paragraphs[i]
            paragraphs[i] = dataclasses.replace(p, language=paragraph_language(p.text, article.language, plausible))
    return dataclasses.replace(article, paragraphs=tuple(paragraphs))


def detect_languages(article: Article, plausible: Collection[str] | None = None) -> Article:
    """A copy of ``article`` with its and each paragraph's language set.

    Articles with an error or no paragraphs come back unchanged. ``plausible``:
    see :func:`paragraph_language`.
    """
    if not article.ok or not article.paragraphs:
        return article
    article = detect_article_language(article)
    return detect_paragraph_languages(article, range(len(article.paragraphs)), plausible)


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
