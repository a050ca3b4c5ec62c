"""Words and number runs of a paragraph, found once and shared by every rule.

Every claim rule needs the same view of a paragraph: where its digit runs and
its words are, and each word in a *folded* form that ignores what writers vary
(case, Arabic vowel marks, alef/yeh/kaf variants, Persian ZWNJ, apostrophe
styles). One regex pass (in C) finds them; rules then look folded words up in
dictionaries instead of scanning the text with large alternations, which keeps
extraction linear in the paragraph's length and cheap enough for key presses.

No tokenizer library is used: offsets must be exact Python ``str`` indices of
the raw paragraph, digit runs must keep their separators for the per-language
number rules, and the job is one regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

SUPPORTED = ("ar", "fa", "de", "uk", "ru", "en", "fr")
"""Languages with full lexicons. Anything else gets the language-neutral rules
(whole numbers in digits, %, unambiguous numeric dates, times, quotes)."""

DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_D = f"[{DIGITS}]"
# Marks that sit inside words but are not "alphanumeric" to Python's \w:
# combining accents, Arabic harakat and Quranic marks, ZWNJ/ZWJ.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u200c\u200d"
_LETTER = r"[^\W\d_]"
_WORD = rf"{_LETTER}(?:[{_MARKS}]|{_LETTER}|['’ʼ](?={_LETTER}))*"
# A digit run keeps single separators between digit groups: the number rules
# decide per language what "," "." "٫" "٬" "/" ":" "-" and spaces mean.
# A space groups thousands only after at most three digits: "2015 175 Millionen" is two numbers.
_SEP = "[.,\u066b\u066c\u060c/:'’\\-]|(?<!" + _D + "{4})[ \u00a0\u202f\u2009](?=" + _D + "{3}(?!" + _D + "))"
# A run keeps to one digit family: ASCII, or the Eastern digits (Arabic-Indic
# and Persian, which Persian text mixes because they look the same). "73۱۴۰۲"
# is two numbers side by side, not 731402.
_WEST = "[0-9]"
_EAST = "[\u0660-\u0669\u06f0-\u06f9]"
_NUMBER = rf"{_WEST}+(?:(?:{_SEP}){_WEST}+)*|{_EAST}+(?:(?:{_SEP}){_EAST}+)*"
_TOKEN = re.compile(rf"(?P<n>{_NUMBER})|(?P<w>{_WORD})")

_FOLD = str.maketrans(
    {
        **{ch: None for ch in "\u0640\u200c\u200d\u200e\u200f"},
        **{chr(cp): None for cp in range(0x064B, 0x0660)},
        **{chr(cp): None for cp in range(0x0610, 0x061B)},
        **{chr(cp): None for cp in range(0x0300, 0x0370)},
        "\u0670": None,
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ئ": "ي",
        "ک": "ك",
        "ة": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        "’": "'",
        "ʼ": "'",
        "‘": "'",
        "`": "'",
        "ё": "е",
        "Ё": "е",
    }
)
_DIGIT_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def fold(word: str) -> str:
    """The form lexicons are keyed by: lower case, marks and letter variants folded."""
    return word.translate(_FOLD).lower()


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits as ASCII; same length as ``text``."""
    return text.translate(_DIGIT_TO_ASCII)


_AR_CONJ = ("و", "ف")
_AR_PREP = ("ب", "ل")  # not ك: "كمية" would read as "مئة"


@lru_cache(maxsize=65536)
def arabic_stems(folded: str) -> tuple[str, ...]:
    """``folded`` and what remains after Arabic proclitics (و ف ب ل ك ال)."""
    out = [folded]
    rest = [folded]
    if len(folded) > 2 and folded[0] in _AR_CONJ:
        rest.append(folded[1:])
    for w in list(rest):
        if len(w) > 3 and w[0] in _AR_PREP:
            if w.startswith("لل"):
                rest.append("ال" + w[2:])
            else:
                rest.append(w[1:])
    for w in rest:
        if w not in out:
            out.append(w)
        if len(w) > 4 and w.startswith("ال") and w[2:] not in out:
            out.append(w[2:])
    return tuple(out)


@dataclass(slots=True, eq=False)
class Token:
    """A word or a digit run: ``text == paragraph[start:end]``.

    Not frozen: a frozen dataclass costs twice as much to build, and a paragraph
    builds one per word on every key press. Rules never modify tokens."""

    start: int
    end: int
    text: str
    fold: str
    """Folded word, or the run with ASCII digits for numbers."""
    number: bool
    stems: tuple[str, ...] = ()
    """Lookup keys for the language it was tokenized in (see :func:`stems_of`)."""

    def keys(self, language: str) -> tuple[str, ...]:
        """Lookup keys: the folded word and, for Arabic, its clitic-stripped stems."""
        return self.stems or stems_of(self.fold, self.number, language)


def stems_of(folded: str, number: bool, language: str) -> tuple[str, ...]:
    """The folded word and, for Arabic, its clitic-stripped stems; French elisions split."""
    if language == "ar" and not number:
        return arabic_stems(folded)
    if language == "fr" and "'" in folded[1:3]:
        return (folded, folded.split("'", 1)[1])  # elision: "d'euros", "qu'un", "l'an"
    return (folded,)


_WORDS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
"""Per language, each word seen and its fold and stems: news repeats its words."""
_WORDS_KEPT = 200_000

_FA_JOIN_BEFORE = frozenset(fold(w) for w in ("می", "نمی"))  # compared folded
_FA_JOIN_AFTER = frozenset({"ها", "های", "هاي", "هایی", "هايي", "ای", "اي"})


def tokenize(text: str, language: str = "") -> list[Token]:
    """All words and digit runs of ``text`` in order.

    Persian writers join ``می`` and ``ها`` with a ZWNJ, a space or nothing;
    they are merged into one token so lexicons see one form.
    """
    tokens: list[Token] = []
    append = tokens.append
    seen = _WORDS.get(language)
    if seen is None or len(seen) > _WORDS_KEPT:
        seen = _WORDS[language] = {}
    # findall and str.find instead of finditer: no Match object per word (a third faster)
    find = text.find
    b = 0
    for digits, word in _TOKEN.findall(text):
        s = digits or word
        a = find(s, b)
        b = a + len(s)
        if digits:
            f = s.translate(_DIGIT_TO_ASCII)
            append(Token(a, b, s, f, True, (f,)))
            continue
        known = seen.get(s)
        if known is None:
            f = s.translate(_FOLD).lower()
            known = seen[s] = (f, stems_of(f, False, language))
        append(Token(a, b, s, known[0], False, known[1]))
    if language == "fa" and tokens:
        tokens = _join_persian(text, tokens)
    return tokens


def _join_persian(text: str, tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        if out and not tok.number and not out[-1].number:
            prev = out[-1]
            gap = text[prev.end : tok.start]
            if gap in (" ", "\u200c", "") and (
                (prev.fold in _FA_JOIN_BEFORE and not (len(out) > 1 and out[-2].fold == "ماه"))  # "ماه می": May
                or tok.text.replace("\u200c", "") in _FA_JOIN_AFTER
            ):
                joined = prev.fold + tok.fold
                out[-1] = Token(prev.start, tok.end, text[prev.start : tok.end], joined, False, (joined,))
                continue
        out.append(tok)
    return out


_SPACE_ONLY = frozenset(" \u00a0\u202f\u2009\u200c\u200f\u200e\t")


def is_space(s: str) -> bool:
    """True for a non-empty run of plain spaces (no punctuation, no line break)."""
    return bool(s) and all(ch in _SPACE_ONLY for ch in s)


class PhraseIndex:
    """Multi-word phrases looked up token by token (longest match wins).

    Words inside a phrase must be separated by spaces only (or a hyphen/ZWNJ),
    so a phrase never runs across punctuation.
    """

    __slots__ = ("_first", "firsts")

    def __init__(self, phrases: Iterable[tuple[str, object]]):
        first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for phrase, payload in phrases:
            words = tuple(fold(w) for w in _TOKEN_WORDS.findall(phrase))
            if not words:
                continue
            first.setdefault(words[0], []).append((words[1:], payload))
        for options in first.values():
            options.sort(key=lambda o: -len(o[0]))
        self._first = first
        self.firsts = frozenset(first)
        """Every phrase's first word: tokens whose stems miss it start no phrase."""

    def candidates(self, tokens: Sequence[Token]) -> list[int]:
        """Indices of the tokens a phrase may start at, in order (one C-speed pass)."""
        firsts = self.firsts
        return [i for i, t in enumerate(tokens) if not firsts.isdisjoint(t.stems)]

    def match(self, text: str, tokens: Sequence[Token], i: int, language: str) -> tuple[int, object] | None:
        """``(last token index, payload)`` of the longest phrase starting at token ``i``."""
        tok = tokens[i]
        options = None
        first = self._first
        for key in tok.stems or tok.keys(language):
            options = first.get(key)
            if options:
                break
        if not options:
            return None
        n = len(tokens)
        for rest, payload in options:
            j = i
            ok = True
            for word in rest:
                j += 1
                if j >= n:
                    ok = False
                    break
                between = text[tokens[j - 1].end : tokens[j].start]
                if not (is_space(between) or between in ("-", "\u200c", "")):
                    ok = False
                    break
                if tokens[j].fold != word and word not in tokens[j].stems:
                    ok = False
                    break
            if ok:
                return j, payload
        return None


_TOKEN_WORDS = re.compile(rf"{_WORD}|{_D}+")

# Sentence ends: . ! ? and their Arabic/Persian forms, followed by space or end.
# A full stop right after a one- or two-digit number is German ordinal/date
# punctuation ("5. Oktober", "20. Monat"), not a sentence end.
# Matches start only where a run of marks starts, and quantifiers are possessive,
# so a megabyte of dots is one linear pass.
# The mark comes first (the lookbehinds look past it) so the scanner can skip to
# the next mark instead of testing three lookbehinds at every character.
_SENTENCE_END = re.compile(
    r"[.!?؟۔…](?<![.!?؟۔…][.!?؟۔…])(?<!\b\d[.!?؟۔…])(?<!\b\d\d[.!?؟۔…])[.!?؟۔…]*+[\"”»“’)]*+(?=\s|$)"
)


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (first is 0)."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
