"""Dates and clock times, full or partial, normalised to ISO 8601.

Own month tables rather than ``dateparser.search.search_dates``: measured on
the seeds, it reads German "1,2" as 1 February, misses "5. Oktober 2023",
fills a missing year with the current one (an analyst must see "5 November"
as ``--11-05``, never as this year's), misses solar-hijri dates, and runs at
about 0.25 MB/s — too slow for key presses. Month names, inflections and a
handful of patterns per language are all that news needs.

Solar-hijri (Persian) dates are converted with ``convertdate``: a full date to
``YYYY-MM-DD``; a month or year to its exact Gregorian interval
``start/end`` (ISO 8601 interval), because a solar month straddles two
Gregorian months.

Lunar-hijri (Arabic) dates — "20 ربيع الأول 1445 هـ" — are converted with
``hijridate`` (the Umm al-Qura calendar Saudi and Gulf papers print, 1343–1500
AH) and outside that range with ``convertdate``'s arithmetic calendar (±1–2
days, said in the notes). A lunar month drifts eleven days a year against the
Gregorian one, so a lunar date without a year is not a date claim: it cannot be
placed.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from tui.claims import numbers, numwords
from tui.claims.model import Found
from tui.claims.tokens import PhraseIndex, Token, fold, is_space

_G, _S, _H = "g", "s", "h"  # Gregorian, solar hijri, lunar hijri

_UK_NOUN = "ень ня ні ню нем"
_RU_SOFT = "ь я е ю ем ём"
_RU_HARD = " а е у ом"
# Ukrainian and Russian months in every case ("з кінця квітня", "к январю"), and
# the month adjectives ("червневого саміту", "ноябрьских выборов"): --MM.
_UK_MONTHS = [
    (1, "січ", _UK_NOUN, False), (2, "лют", "ий ого ому им ім", True), (3, "берез", _UK_NOUN, False),
    (4, "квіт", _UK_NOUN, False), (5, "трав", _UK_NOUN, False), (6, "черв", _UK_NOUN, False),
    (7, "лип", _UK_NOUN, False), (8, "серп", _UK_NOUN, False), (9, "верес", _UK_NOUN, False),
    (10, "жовт", _UK_NOUN, False), (11, "листопад", " а і у ом", False), (12, "груд", _UK_NOUN, False),
] + [
    (m, stem, "ий ого ому им ім а ої ій у ою е і их ими", False)
    for m, stem in enumerate(
        "січнев лютнев березнев квітнев травнев червнев липнев серпнев вереснев жовтнев листопадов груднев".split(),
        start=1,
    )
]  # fmt: skip
_RU_MONTHS = [
    (1, "январ", _RU_SOFT, False), (2, "феврал", _RU_SOFT, False), (3, "март", _RU_HARD, False),
    (4, "апрел", _RU_SOFT, False), (5, "ма", "й я е ю ем", True), (6, "июн", _RU_SOFT, False),
    (7, "июл", _RU_SOFT, False), (8, "август", _RU_HARD, False), (9, "сентябр", _RU_SOFT, False),
    (10, "октябр", _RU_SOFT, False), (11, "ноябр", _RU_SOFT, False), (12, "декабр", _RU_SOFT, False),
] + [
    (m, stem, "ий ого ому им ом ая ой ую ое ие их ими", False)
    for m, stem in enumerate(
        "январск февральск мартовск апрельск майск июньск июльск августовск сентябрьск октябрьск ноябрьск "
        "декабрьск".split(),
        start=1,
    )
]  # fmt: skip


def _slavic_forms(stem: str, endings: str) -> str:
    """Space-separated forms: ``stem`` + each ending (a leading space in ``endings`` is the bare stem)."""
    forms = [stem + e for e in endings.split()]
    if endings.startswith(" "):
        forms.append(stem)
    return " ".join(forms)


# (month, words, ambiguous) — ambiguous names are dates only beside a day, a
# year or a temporal preposition ("May" the verb, "مارس" 'practised', "تیر" 'bullet').
_MONTHS: dict[str, list[tuple[int, str, bool, str]]] = {
    "ar": [
        (1, "يناير جانفي", False, _G),
        (2, "فبراير شباط فيفري", False, _G),
        (3, "مارس آذار", True, _G),
        (4, "أبريل ابريل إبريل أفريل", False, _G),
        (4, "نيسان", True, _G),
        (5, "أيار", False, _G),
        (5, "مايو", True, _G),  # also "السيدة مايو", Mrs May
        (5, "ماي", True, _G),
        (6, "يونيو يونيه حزيران", False, _G),
        (6, "جوان", True, _G),  # also Joan, Juan ("وقال جوان بويج")
        (7, "يوليو يوليه جويلية", False, _G),
        (7, "تموز", True, _G),
        (8, "أغسطس اغسطس", False, _G),
        (8, "آب أوت", True, _G),
        (9, "سبتمبر أيلول شتنبر", False, _G),
        (10, "أكتوبر اكتوبر", False, _G),
        (11, "نوفمبر نونبر", False, _G),
        (12, "ديسمبر دجنبر", False, _G),
        (1, "محرم", True, _H),
        (2, "صفر", True, _H),
        (7, "رجب", True, _H),
        (8, "شعبان", True, _H),
        (9, "رمضان", True, _H),
        (10, "شوال", True, _H),
    ],
    "fa": [
        (1, "ژانویه ژانویهٔ ژانوية", False, _G),
        (2, "فوریه فوریهٔ", False, _G),
        (3, "مارس", True, _G),
        (4, "آوریل", False, _G),
        (5, "مه می مهٔ", True, _G),
        (6, "ژوئن", False, _G),
        (7, "ژوئیه ژوئیهٔ جولای ژوییه", False, _G),
        (8, "اوت آگوست", True, _G),
        (9, "سپتامبر", False, _G),
        (10, "اکتبر", False, _G),
        (11, "نوامبر", False, _G),
        (12, "دسامبر", False, _G),
        (1, "فروردین", True, _S),
        (2, "اردیبهشت", True, _S),
        (3, "خرداد", True, _S),
        (4, "تیر", True, _S),
        (5, "مرداد امرداد", True, _S),
        (6, "شهریور", True, _S),
        (7, "مهر", True, _S),
        (8, "آبان", True, _S),
        (9, "آذر", True, _S),
        (10, "دی", True, _S),
        (11, "بهمن", True, _S),
        (12, "اسفند", True, _S),
    ],
    "de": [
        (1, "Januar Jänner", False, _G),
        (2, "Februar Feber", False, _G),
        (3, "März Maerz", False, _G),
        (4, "April", False, _G),
        (5, "Mai", False, _G),
        (6, "Juni", False, _G),
        (7, "Juli", False, _G),
        (8, "August", True, _G),
        (9, "September", False, _G),
        (10, "Oktober", False, _G),
        (11, "November", False, _G),
        (12, "Dezember", False, _G),
        (1, "Jan", True, _G),
        (2, "Feb", True, _G),
        (3, "Mär", True, _G),
        (4, "Apr", True, _G),
        (6, "Jun", True, _G),
        (7, "Jul", True, _G),
        (8, "Aug", True, _G),
        (9, "Sep Sept", True, _G),
        (10, "Okt", True, _G),
        (11, "Nov", True, _G),
        (12, "Dez", True, _G),
    ],
    "en": [
        (1, "January", False, _G),
        (2, "February", False, _G),
        (3, "March", True, _G),
        (4, "April", False, _G),
        (5, "May", True, _G),
        (6, "June", False, _G),
        (7, "July", False, _G),
        (8, "August", True, _G),
        (9, "September", False, _G),
        (10, "October", False, _G),
        (11, "November", False, _G),
        (12, "December", False, _G),
        (1, "Jan", True, _G),
        (2, "Feb", True, _G),
        (3, "Mar", True, _G),
        (4, "Apr", True, _G),
        (6, "Jun", True, _G),
        (7, "Jul", True, _G),
        (8, "Aug", True, _G),
        (9, "Sep Sept", True, _G),
        (10, "Oct", True, _G),
        (11, "Nov", True, _G),
        (12, "Dec", True, _G),
    ],
    "fr": [
        (1, "janvier janv", False, _G),
        (2, "février fevrier févr fevr", False, _G),
        (3, "mars", False, _G),
        (4, "avril avr", False, _G),
        (5, "mai", False, _G),
        (6, "juin", False, _G),
        (7, "juillet juil", False, _G),
        (8, "août aout", False, _G),
        (9, "septembre", False, _G),  # not "sept": also seven ("dix-sept")
        (10, "octobre oct", False, _G),
        (11, "novembre nov", False, _G),
        (12, "décembre decembre déc dec", False, _G),
    ],
    "uk": [(m, _slavic_forms(stem, ends), amb, _G) for m, stem, ends, amb in _UK_MONTHS],
    "ru": [(m, _slavic_forms(stem, ends), amb, _G) for m, stem, ends, amb in _RU_MONTHS],
}
# Levantine two-word months, and the two-word lunar-hijri months (folding
# makes أ/ا, ى/ي and ة/ه one spelling each).
_AR_PHRASES = (
    ("كانون الثاني", 1, _G),
    ("تشرين الأول", 10, _G),
    ("تشرين الثاني", 11, _G),
    ("كانون الأول", 12, _G),
    ("ربيع الأول", 3, _H),
    ("ربيع الآخر", 4, _H),
    ("ربيع الثاني", 4, _H),
    ("جمادى الأولى", 5, _H),
    ("جمادى الآخرة", 6, _H),
    ("جمادى الثانية", 6, _H),
    ("ذو القعدة", 11, _H),
    ("ذي القعدة", 11, _H),
    ("ذو الحجة", 12, _H),
    ("ذي الحجة", 12, _H),
)
_TEMPORAL = {
    "ar": "في منذ حتى خلال بحلول قبل بعد أوائل أواخر منتصف مطلع نهاية بداية شهر الشهر من إلى مع وفي",
    "fa": "در از تا ماه اوایل اواخر اواسط ابتدای پایان طی سال",
    "de": "im in seit bis ab anfang ende mitte vom zum am nach vor monat bereits noch",
    "uk": "у в з із до від на наприкінці початку середині кінці кінця середини цього минулого наступного протягом",
    "ru": "в во с со до от к по конце начале середине конца начала середины этого прошлого следующего",
    "en": "in since until till by from to of early late mid last next this during before after between",
    "fr": "en depuis jusqu'en jusqu'au jusqu'à dès avant après début fin mi courant entre",
}
_YEAR_BEFORE = {
    "ar": "عام العام لعام سنة السنة",
    "fa": "سال",
    "de": "jahr jahres jahre",
    "uk": "рік року році",
    "ru": "год года году",
    "en": "year",
    "fr": "an année l'année l'an",
}
_YEAR_AFTER = {
    "ar": "م ميلادي ميلادية للميلاد",
    "fa": "میلادی م",
    "de": "",
    "uk": "року рік році р рр роками років роках",
    "ru": "года год году г гг годами годов годах",
    "en": "ad ce",
    "fr": "",
}
_SOLAR_YEAR_AFTER = frozenset(fold(w) for w in "ش شمسی خورشیدی هجری".split())
_LUNAR_YEAR_AFTER = frozenset(fold(w) for w in "هـ ه هجري هجرية للهجرة".split())


class _Lexicon:
    __slots__ = ("month_firsts", "months", "phrases", "temporal", "year_before", "year_after")

    def __init__(self, language: str):
        self.months: dict[str, tuple[int, bool, str]] = {}
        for month, words, ambiguous, cal in _MONTHS.get(language, []):
            for w in words.split():
                self.months[fold(w)] = (month, ambiguous, cal)
                if language == "en" and not ambiguous:
                    for s in ("'s", "’s"):  # "June's historic meeting"
                        self.months[fold(w + s)] = (month, ambiguous, cal)
        self.phrases = PhraseIndex((p, (m, False, cal)) for p, m, cal in (_AR_PHRASES if language == "ar" else ()))
        self.temporal = frozenset(fold(w) for w in _TEMPORAL.get(language, "").split())
        self.year_before = frozenset(fold(w) for w in _YEAR_BEFORE.get(language, "").split())
        self.year_after = frozenset(fold(w) for w in _YEAR_AFTER.get(language, "").split())
        self.month_firsts = frozenset(self.months) | self.phrases.firsts
        """Words a month name can start with: every other word is passed over at C speed."""


@lru_cache(maxsize=8)
def _lexicon(language: str) -> _Lexicon:
    return _Lexicon(language)


_NUMERIC_DMY = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})")
_NUMERIC_YMD = re.compile(r"(\d{4})([./-])(\d{1,2})\2(\d{1,2})")
_YEAR_SPAN = re.compile(r"(\d{4})[/\-–](\d{2}|\d{4})")  # "2020/21", "2020-2021": an ISO interval
_NUMERIC_YM = re.compile(r"(\d{4})-(\d{2})")
_NUMERIC_DM = re.compile(r"(\d{1,2})\.(\d{1,2})")
_DAY_MONTH = re.compile(r"(\d{1,2})([./])(\d{2})")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")
_EN_MERIDIEM = re.compile(r"\s?([ap])\.?\s?m\b\.?", re.IGNORECASE)
_HOUR_NOUNS = {"ar": frozenset(fold(w) for w in ("الساعة", "الساعه")), "fa": frozenset({fold("ساعت")})}
"""Arabic and Persian "the hour", before or after a clock time ("الساعة 7.55", "ساعت ۸")."""
_CLOCK_BEFORE = _HOUR_NOUNS | {"uk": frozenset({"о", "об"}), "ru": frozenset({"около"})}
"""Words before "7.55" that make it a clock time (not 7.55 of something)."""
_CLOCK_WORDS: frozenset[str] = frozenset().union(
    *_HOUR_NOUNS.values(), (fold(w) for w in ("uhr", "o'clock", "hrs", "heures", "heure"))
)
"""Words that make "20.45" a clock time ("20.45 hrs", "15.30 heures", "13.05 Uhr")."""


_AR_DAY_PARTS = {
    "am": ("صباحا", "صباح", "فجرا", "صبح"),
    "noon": ("ظهرا", "ظهر"),  # "1 ظهرًا" 13:00, "12 ظهرًا" 12:00
    "pm": ("مساء", "عصرا", "ليلا", "بعد الظهر", "بعدازظهر", "بعد از ظهر", "عصر", "شب", "امشب"),
}
"""The Arabic and Persian parts of the day after a clock time: no two parts share a first letter."""
_AR_DAY_PART = {
    part: re.compile(rf"\s?({'|'.join(words)})[\u064b-\u0652]*(?:ا(?![^\W\d_]))?")
    for part, words in _AR_DAY_PARTS.items()
}
_DAY_PART_FIRSTS = frozenset(word[0] for words in _AR_DAY_PARTS.values() for word in words)


def _ar_part_of_day(text: str, end: int) -> tuple[str, re.Match[str]] | None:
    """The part of the day ("am", "noon" or "pm") written at ``end`` ("7.55 صباحًا", "7 مساء"),
    with its match; at most one can match, as each starts with letters of its own."""
    if text[end : end + 2].lstrip()[:1] not in _DAY_PART_FIRSTS:
        return None
    for part, pattern in _AR_DAY_PART.items():
        m = pattern.match(text, end)
        if m is not None:
            return part, m
    return None


def _valid(y: int | None, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    limit = calendar.monthrange(y, m)[1] if y else (29 if m == 2 else calendar.monthrange(2001, m)[1])
    return 1 <= d <= limit


def _iso(y: int | None, m: int | None, d: int | None) -> str:
    if y is not None and m is None:
        return f"{y:04d}"
    if y is None:
        return f"--{m:02d}-{d:02d}" if d is not None else f"--{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}" if d is not None else f"{y:04d}-{m:02d}"


def _day_iso(ymd: tuple[int, int, int]) -> str:
    return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}"


def _hijri_iso(
    y: int,
    m: int | None,
    d: int | None,
    gregorian: Callable[[int, int, int], tuple[int, int, int]],
    length: Callable[[int, int], int],
) -> str:
    """A hijri day as ``YYYY-MM-DD``; a month or year as the Gregorian interval it covers."""
    if m is not None and d is not None:
        return _day_iso(gregorian(y, m, d))
    first_m, last_m = (m, m) if m is not None else (1, 12)
    return f"{_day_iso(gregorian(y, first_m, 1))}/{_day_iso(gregorian(y, last_m, length(y, last_m)))}"


def solar_to_iso(y: int | None, m: int | None, d: int | None) -> tuple[str | None, tuple[str, ...]]:
    """A solar-hijri date as ISO 8601 (an interval when day or month is missing)."""
    from convertdate import persian

    if m is not None and not 1 <= m <= 12:
        return None, ()
    if d is not None and m is not None and not 1 <= d <= (31 if m <= 6 else 30):
        return None, ()
    if y is None:
        if m is None or d is None:
            return None, ()
        # No year: the Gregorian day drifts by one with leap years; 1402 is typical.
        gy, gm, gd = persian.to_gregorian(1402, m, d)
        return f"--{gm:02d}-{gd:02d}", ("solar hijri", "Gregorian day ±1: no year")
    if not 1 <= y <= 3000:
        return None, ()
    return _hijri_iso(y, m, d, persian.to_gregorian, persian.month_length), ("solar hijri",)


def lunar_to_iso(y: int | None, m: int | None, d: int | None) -> tuple[str | None, tuple[str, ...]]:
    """A lunar-hijri date as ISO 8601 (an interval when day or month is missing)."""
    # "رمضان 2023" names a Gregorian year: not placed here rather than misread.
    if y is None or not 1 <= y < 1700 or (m is not None and not 1 <= m <= 12):
        return None, ()
    if d is not None and (m is None or not 1 <= d <= 30):
        return None, ()
    try:
        from hijridate import Hijri

        def gregorian(y: int, m: int, d: int) -> tuple[int, int, int]:
            g = Hijri(y, m, d).to_gregorian()
            return g.year, g.month, g.day

        def length(y: int, m: int) -> int:
            return Hijri(y, m, 1).month_length()

        Hijri(y, m or 1, 1)  # raises outside 1343–1500 AH
        notes: tuple[str, ...] = ("lunar hijri",)
    except (OverflowError, ValueError):
        from convertdate import islamic

        gregorian = islamic.to_gregorian
        length = islamic.month_length
        notes = ("lunar hijri", "arithmetic calendar: ±1–2 days")
    if m is not None and d is not None and d > length(y, m):
        return None, ()
    return _hijri_iso(y, m, d, gregorian, length), notes


_TO_ISO = {_S: solar_to_iso, _H: lunar_to_iso}
"""Conversions of the hijri calendars, by calendar mark."""


def _day(tok: Token) -> int | None:
    s = tok.fold
    if tok.number and len(s) <= 2 and s.isdigit():
        v = int(s)
        return v if 1 <= v <= 31 else None
    return None


def _year(tok: Token) -> int | None:
    s = tok.fold
    if tok.number and len(s) == 4 and s.isdigit():
        v = int(s)
        return v if 1000 <= v <= 2199 else None
    return None


def find_dates(
    text: str, tokens: Sequence[Token], language: str, skip: frozenset[int] = frozenset()
) -> tuple[list[Found], set[int]]:
    """Dates and times in the paragraph, and the indices of the tokens they use
    (with ``skip``: tokens no rule may read, such as escape-sequence codes)."""
    lex = _lexicon(language)
    month_firsts = lex.month_firsts
    month_at = [not month_firsts.isdisjoint(t.stems) for t in tokens]  # may a month name start here?
    found: list[Found] = []
    used: set[int] = set(skip)
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        result = None
        if i in skip:
            i += 1
            continue
        if tok.number:
            result = _numeric(text, tokens, i, language, lex)
            if result is None:
                result = _day_month(text, tokens, i, language, lex)
            if result is None:
                result = _bare_year(text, tokens, i, language, lex)
        elif month_at[i]:
            result = _month_first(text, tokens, i, language, lex)
        elif True in month_at[i + 1 : i + 4]:
            if numwords.lookup(tok.stems, language) is not None:
                result = _day_month(text, tokens, i, language, lex)  # "zweiten Mai", "second of Aug"
        if result is None:
            i += 1
            continue
        item, last = result
        found.append(item)
        used.update(range(i, last + 1))
        i = last + 1
        if language == "en" and tok.number is False:
            after = _range_end(text, tokens, last, item)
            if after is not None:  # "November 16 to 20": the 20th too
                found.append(after[0])
                used.update(range(i, after[1] + 1))
                i = after[1] + 1
    return found, used


def _month_at(
    text: str, tokens: Sequence[Token], j: int, language: str, lex: _Lexicon, alt: bool = False
) -> tuple[int, bool, str, int, bool] | None:
    """``(month, ambiguous, calendar, last token, had_prefix)`` for a month name at ``j``."""
    tok = tokens[j]
    if tok.number:
        return None
    hit = lex.phrases.match(text, tokens, j, language) if language == "ar" else None
    if hit is not None:
        last, (month, amb, cal) = hit  # type: ignore[misc]
        prefix = tok.fold.startswith(("ب", "ل", "و"))
    else:
        keys = tok.keys(language)
        for k, key in enumerate(keys):
            entry = lex.months.get(key)
            if entry is not None:
                if language in ("de", "en") and not tok.text[:1].isupper():
                    return None  # German nouns are capitalised; 'mai' is not May
                month, amb, cal, last, prefix = entry[0], entry[1], entry[2], j, k > 0
                break
        else:
            return None
    # Arabic papers pair naming systems: "أغسطس/آب", "تشرين الأول/أكتوبر"
    if last + 1 < len(tokens) and text[tokens[last].end : tokens[last + 1].start].strip() == "/":
        other = _month_at(text, tokens, last + 1, language, lex, alt=True) if not alt else None
        if other is not None and other[0] == month:
            return month, amb and other[1], cal, other[3], prefix
    return month, amb, cal, last, prefix


def _year_after(
    text: str, tokens: Sequence[Token], k: int, language: str, lex: _Lexicon
) -> tuple[int, int, str] | None:
    """A year at token ``k`` (``(year, last token, era)``), with any era word;
    ``era`` is ``_S`` or ``_H`` after a solar or lunar hijri marker, else ``""``."""
    if k >= len(tokens):
        return None
    y = _year(tokens[k])
    if y is None:
        return None
    last = k
    era = ""
    if k + 1 < len(tokens):
        between = text[tokens[k].end : tokens[k + 1].start]
        if between == "" or is_space(between):
            f = tokens[k + 1].fold
            if f in lex.year_after:
                last = k + 1
            elif language == "fa" and f in _SOLAR_YEAR_AFTER:
                last, era = k + 1, _S
            elif language == "ar" and f in _LUNAR_YEAR_AFTER:
                last, era = k + 1, _H
    return y, last, era


def _make_date(
    start: int, end: int, y: int | None, m: int | None, d: int | None, cal: str, era: str = ""
) -> Found | None:
    """A date claim; a hijri month name, or a hijri era word after a year
    below 1700, sends it through that calendar's conversion."""
    hijri = cal if cal in _TO_ISO else (era if era and y is not None and y < 1700 else "")
    if hijri:
        value, notes = _TO_ISO[hijri](y, m, d)
        return Found("date", start, end, value, notes=notes) if value is not None else None
    if m is None or not _valid(y, m, d):
        return None
    notes = ("partial",) if y is None or d is None else ()
    return Found("date", start, end, _iso(y, m, d), notes=notes)


def _day_month(text: str, tokens: Sequence[Token], i: int, language: str, lex: _Lexicon) -> tuple[Found, int] | None:
    parsed = _parse_day_month(text, tokens, i, language, lex)
    if parsed is not None:
        d, m, y, cal, era, last = parsed
        item = _make_date(tokens[i].start, tokens[last].end, y, m, d, cal, era)
        return (item, last) if item is not None else None
    return _range_start(text, tokens, i, language, lex)


def _parse_day_month(
    text: str, tokens: Sequence[Token], i: int, language: str, lex: _Lexicon
) -> tuple[int, int, int | None, str, str, int] | None:
    """``(day, month, year, calendar, era marker, last token)`` of 'D Month [Year]' at ``i``."""
    day = _day_at(text, tokens, i, language)
    if day is None:
        return None
    d, j = day[0], day[1] + 1
    if j >= len(tokens):
        return None
    between = text[tokens[j - 1].end : tokens[j].start]
    if (
        (language == "en" and between == "" and tokens[j].fold in numbers.ENGLISH_ORDINAL_SUFFIXES)
        or (
            language == "fr" and between == "" and tokens[j].fold in numbers.FRENCH_FIRST_SUFFIXES  # "1er mai"
        )
        or (language in ("uk", "ru") and between == "-" and tokens[j].fold in _SLAVIC_DAY_SUFFIX)
    ):
        j += 1  # "30th", "6-го листопада"
        if j >= len(tokens):
            return None
        between = text[tokens[j - 1].end : tokens[j].start]
    if is_space(between) and tokens[j].fold in _DAY_OF.get(language, ()) and j + 1 < len(tokens):
        j += 1  # "second of August", "الثاني من أغسطس"
        between = text[tokens[j - 1].end : tokens[j].start]
    if not (is_space(between) or between == "" or (between.strip() in (".", "-") and len(between) <= 3)):
        return None
    month = _month_at(text, tokens, j, language, lex)
    if month is None:
        return None
    m, _amb, cal, last, _prefix = month
    y = None
    era = ""
    k = last + 1
    if k < len(tokens):
        between = text[tokens[last].end : tokens[k].start]
        if is_space(between) or between.strip() in (",", "،") and len(between) <= 3:
            k = _skip_year_words(text, tokens, k, language, lex)
            year = _year_after(text, tokens, k, language, lex)
            if year is not None and not _old_year_counting(text, tokens, year, language):
                y, last, era = year
    return d, m, y, cal, era, last


def _old_year_counting(text: str, tokens: Sequence[Token], year: tuple[int, int, str], language: str) -> bool:
    """ "am 8. November 1001 Menschen befragt": a number outside modern years that counts
    the noun after it is no year of the date before it."""
    y, last, era = year
    if era or 1800 <= y <= 2100 or last + 1 >= len(tokens):
        return False
    return is_space(text[tokens[last].end : tokens[last + 1].start]) and _counts(text, tokens, last, language)


def _skip_year_words(text: str, tokens: Sequence[Token], k: int, language: str, lex: _Lexicon) -> int:
    """Past the words that join a day-month to its year: "30 سبتمبر، من عام 1882", "۳۰ مه سال ۲۰۰۵"."""
    start = k
    while k < len(tokens) and k - start < 2 and not tokens[k].number:
        f = tokens[k].fold
        if not (f in lex.year_before or (f in _DAY_OF.get(language, ()) and language != "en")):
            return start
        if k + 1 >= len(tokens):
            return start
        gap = text[tokens[k].end : tokens[k + 1].start]
        if not (is_space(gap) or (gap == "" and not tokens[k].text.isascii())):
            return start
        k += 1
    return k


def _day_at(text: str, tokens: Sequence[Token], i: int, language: str) -> tuple[int, int] | None:
    """``(day, last token)`` of a day of the month at ``i``: digits, or a number word
    ("zweiten", "neunundzwanzigsten", "الثاني", "twenty-ninth")."""
    d = _day(tokens[i])
    if d is not None:
        return d, i
    if tokens[i].number:
        return None
    hit = numwords.lookup(tokens[i].keys(language), language)
    if hit is None or hit[0].kind not in ("unit", "ten") or hit[0].unit:
        return None
    if hit[0].value == 1 and not hit[0].ordinal:
        return None  # "im einer November": an article, not the first
    span, _next = numbers.spelled(text, tokens, i, hit, language, alone_ok=True)
    if span is None or not isinstance(span.value, int) or not 1 <= span.value <= 31:
        return None
    return span.value, span.last


_SLAVIC_DAY_SUFFIX = frozenset({"го", "е", "й", "ого", "му"})
_DAY_OF = {"en": frozenset({"of"}), "ar": frozenset({"من"}), "fr": frozenset()}


_AFTER_DAY = frozenset("in at on of and for from this next last until when".split())


def _range_end(text: str, tokens: Sequence[Token], last: int, item: Found) -> tuple[Found, int] | None:
    """The second day of an English 'Month D to D' / 'Month D-D': a date in the same month."""
    value = item.value
    if not isinstance(value, str) or value.count("-") < 2 or "/" in value:
        return None
    prefix, day = value.rsplit("-", 1)
    k = last + 1
    if k >= len(tokens):
        return None
    gap = text[tokens[last].end : tokens[k].start]
    if gap.strip() in ("-", "–") and len(gap) <= 3:
        second = k
    elif is_space(gap) and tokens[k].fold in ("to", "and", "through") and k + 1 < len(tokens):
        second = k + 1
        if not is_space(text[tokens[k].end : tokens[second].start]):
            return None
    else:
        return None
    d = _day(tokens[second])
    if (
        d is None
        or d <= int(day)
        or (
            second + 1 < len(tokens)
            and tokens[second + 1].fold in numbers.ENGLISH_ORDINAL_SUFFIXES
            and text[tokens[second].end : tokens[second + 1].start] == ""
        )
    ):
        return None
    end = second
    if end + 1 < len(tokens) and is_space(text[tokens[end].end : tokens[end + 1].start]):
        nxt = tokens[end + 1].fold
        if nxt in _lexicon("en").months:
            return None  # "May 5 to 20 June": the second has its own month
        if tokens[end + 1].text.isalpha() and tokens[end + 1].text.islower() and nxt not in _AFTER_DAY:
            return None  # "June 3 and 4 people"
    return Found("date", tokens[second].start, tokens[end].end, f"{prefix}-{d:02d}", notes=item.notes), end


def _range_start(text: str, tokens: Sequence[Token], i: int, language: str, lex: _Lexicon) -> tuple[Found, int] | None:
    """The first day of 'D and D Month': "zwischen dem 1. und 5. Oktober", "5 و 7 نوفمبر"."""
    d = _day(tokens[i])
    j = i + 1
    if d is None or j + 1 >= len(tokens):
        return None
    between = text[tokens[i].end : tokens[j].start]
    if between.strip() not in ("", ".") or tokens[j].fold not in numwords.PERIOD_WORDS:
        return None
    if not is_space(text[tokens[j].end : tokens[j + 1].start]):
        return None
    if tokens[j + 1].fold in ("zum", "au") and j + 2 < len(tokens):
        j += 1  # "vom 16. bis zum 20. November"
    second = _parse_day_month(text, tokens, j + 1, language, lex)
    if second is None or d >= second[0]:
        return None
    _, m, y, cal, era, _last = second
    item = _make_date(tokens[i].start, tokens[i].end, y, m, d, cal, era)
    return (item, i) if item is not None else None


def _month_first(text: str, tokens: Sequence[Token], i: int, language: str, lex: _Lexicon) -> tuple[Found, int] | None:
    month = _month_at(text, tokens, i, language, lex)
    if month is None:
        return None
    m, amb, cal, last, prefix = month
    n = len(tokens)
    d = None
    k = last + 1
    gap = text[tokens[last].end : tokens[k].start] if k < n else ""
    if language == "en" and k < n and (is_space(gap) or (gap[:1] == "." and is_space(gap[1:])) or gap == "/"):
        day = _day_at(text, tokens, k, language)
        if day is not None:
            d, last = day
            k = last + 1
            if (
                k < n
                and text[tokens[last].end : tokens[k].start] == ""
                and tokens[k].fold in numbers.ENGLISH_ORDINAL_SUFFIXES
            ):
                last = k
                k += 1
    y = None
    era = ""
    if k < n:
        between = text[tokens[last].end : tokens[k].start]
        if (
            is_space(between)
            or (d is not None and between.strip() == "," and len(between) <= 3)
            or (between.strip() == "." and len(between) <= 2 and len(tokens[last].fold) <= 4)
        ):
            year = _year_after(text, tokens, k, language, lex)
            if year is not None:
                y, last, era = year
    if d is None and y is None:
        if cal in (_S, _H):
            return None
        if amb and not (prefix or _after_temporal(text, tokens, i, lex) or _abbreviated_after_on(text, tokens, i)):
            return None
    item = _make_date(tokens[i].start, tokens[last].end, y, m, d, cal, era)
    return (item, last) if item is not None else None


def _abbreviated_after_on(text: str, tokens: Sequence[Token], i: int) -> bool:
    """ "votes are cast on Nov.": an English month abbreviated with a dot after "on"
    (never "on May's plan": the name has no dot)."""
    tok = tokens[i]
    return (
        i > 0
        and tokens[i - 1].fold == "on"
        and len(tok.fold) <= 4
        and tok.fold not in ("may", "june", "july")
        and text[tok.end : tok.end + 1] == "."
        and tok.text[:1].isupper()
    )


def _after_temporal(text: str, tokens: Sequence[Token], i: int, lex: _Lexicon) -> bool:
    if i == 0:
        return False
    prev = tokens[i - 1]
    return is_space(text[prev.end : tokens[i].start]) and prev.fold in lex.temporal


def _bare_year(text: str, tokens: Sequence[Token], i: int, language: str, lex: _Lexicon) -> tuple[Found, int] | None:
    tok = tokens[i]
    y = _year(tok)
    solar_context = language == "fa" and tok.fold.isdigit() and len(tok.fold) == 4 and 1200 <= int(tok.fold) <= 1499
    if y is None and not solar_context:
        return None
    year = int(tok.fold)
    prev_word = ""
    if i > 0:
        gap = text[tokens[i - 1].end : tok.start]
        if is_space(gap) or (gap == "" and not tokens[i - 1].text.isascii()):  # "عام2020"
            prev_word = tokens[i - 1].fold
    after = _year_after(text, tokens, i, language, lex) if y is not None else None
    last = after[1] if after else i
    era = after[2] if after else ""
    if (era == _H and year < 1700) or (solar_context and (prev_word in lex.year_before or era == _S)):
        item = _make_date(tok.start, tokens[last].end, year, None, None, era or _S, era)
        return (item, last) if item is not None else None
    if y is None or not 1800 <= y <= 2100:
        return None
    marked = last > i
    if prev_word in _FROM and i > 1 and tokens[i - 2].fold in _BOUND_BEFORE_FROM:
        prev_word = ""  # "أكثر من 2000 جندي", "more than": a bound, not "from 2000"
    if prev_word in _PART_OF and i > 1 and tokens[i - 2].fold in _PERIOD_PARTS.get(language, ()):
        prev_word = "in"  # "à la fin de 2015", "au début de 2010": a part of the year
    if not marked and _year_pair(text, tokens, i, language, lex):
        marked = True  # "between 1999 and 2006", "de 1962 à 1972", "между 2005 и 2007 годами"
    if not (marked or prev_word in lex.year_before or prev_word in lex.temporal):
        # A year standing alone before punctuation ("(2020)", "… 2020.") is a year;
        # before a word it is a count ("2000 soldiers") unless that word cannot be
        # what is counted ("the 2016 Massachusetts campaign", "1994 sorgte …").
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and is_space(text[tok.end : nxt.start]) and _counts(text, tokens, i, language):
            return None
    return Found("date", tok.start, tokens[last].end, f"{y:04d}", notes=("partial",)), last


_PART_OF = frozenset({"de", "d'", "du"})
_PERIOD_PARTS = {
    "fr": frozenset("fin début debut milieu mi courant printemps été automne hiver moitié semestre trimestre".split()),
}
"""French nouns for a part of a year, joined to it by "de" ("la fin de 2015")."""
_FR_NOT_COUNTED = frozenset(
    "il elle on ils elles nous vous je y que qui se ne n' s' c' est était sera qu'il qu'elle qu'ils".split()
)
"""Words after a year-like number that it cannot be counting ("fin 2015 il y ait")."""
_DE_FUNCTION_WORDS = frozenset(
    "in im am an auf aus bei beim mit nach von vom vor zu zum zur für und oder aber als wie wenn dass ist war "
    "sind waren wird wurde hat hatte haben noch schon nicht der die das den dem des ein eine einen einem einer".split()
)
_FROM = frozenset({"من", "از", "than"})
_BOUND_BEFORE_FROM = frozenset(fold(w) for w in "أكثر أقل أزيد يقرب يقارب بیش بیشتر کمتر more less fewer".split())
_NOUN_BEFORE_YEAR_STOP = frozenset(
    fold(w)
    for w in "من في على إلى الى عن مع أو و حتى نحو حوالي قرابة زهاء أكثر أقل بين كل لـ ب "
    "از در به با برای تا و یا حدود بیش بیشتر کمتر تعداد شمار هر این آن".split()
)


_PAIR_WORDS = numwords.PERIOD_WORDS | numwords.CHOICE_WORDS
"""Words joining two years of a span or a choice ("from 2005 to 2007", "1989 или 1991")."""


def _year_pair(text: str, tokens: Sequence[Token], i: int, language: str, lex: _Lexicon) -> bool:
    """Is the year-like number at ``i`` one of two joined by "and", "to", "bis", "à", "и" …
    (both years, unless the second counts the noun after it: "between 1500 and 2000 soldiers")?"""
    n = len(tokens)

    def year_like(k: int) -> bool:
        y = _year(tokens[k]) if 0 <= k < n else None
        return y is not None and 1800 <= y <= 2100

    def joined(a: int) -> bool:  # tokens a, a+1 (the word), a+2
        return (
            tokens[a + 1].fold in _PAIR_WORDS
            and is_space(text[tokens[a].end : tokens[a + 1].start])
            and is_space(text[tokens[a + 1].end : tokens[a + 2].start])
        )

    if i + 2 < n and year_like(i + 2) and joined(i):
        second = i + 2
    elif i >= 2 and year_like(i - 2) and joined(i - 2):
        second = i
    else:
        return False
    if second + 1 >= n or not is_space(text[tokens[second].end : tokens[second + 1].start]):
        return True
    if tokens[second + 1].fold in lex.year_after:
        return True  # "2005 и 2007 годами"
    return not _counts(text, tokens, second, language)


_SLAVIC_PRONOUNS = frozenset(
    "он она оно они мы вы я его ее их был была было были він вона воно вони ми ви я його її був була було були".split()
)
_EN_NOT_PLURAL = frozenset(
    "was has is his its this thus always perhaps across unless less yes whereas as us plus series news".split()
)


def _round(tok: Token) -> bool:
    """1900, 2000: round figures are counts as often as years."""
    return tok.fold.endswith("00")


def _counts(text: str, tokens: Sequence[Token], i: int, language: str) -> bool:
    """Does the year-like number at ``i`` count the words after it ("2000 soldiers")?

    Counts of a thousand or more are written grouped ("2,010 soldiers", "1 934 personnes",
    "1.934 Menschen") unless round, so an ungrouped non-round year-like number before a
    lower-case word that is not plural is a year: "the 2010 midterms" is not 2010 midterms,
    "1932 gründete IBM", "1934 geborene", "de 1962 à 1972 quand"."""
    nxt = tokens[i + 1]
    if nxt.number:
        return True
    if language == "en":
        f = nxt.fold
        if nxt.text[:1].isupper():
            return False  # "the 2016 Massachusetts campaign"
        if f in _EN_NOT_PLURAL or not _round(tokens[i]):
            return False  # "between 2000 and 2006 was", "the 2010 midterms"
        return f in numbers.EN_IRREGULAR_PLURALS or numbers.english_s_plural(f)
    if language == "fr" and not nxt.text[:1].isupper():
        f = nxt.fold
        plural = len(f) > 2 and f.endswith(("s", "x")) and f not in _FR_NOT_COUNTED
        return plural or _round(tokens[i])
    if language == "de":
        if nxt.text[:1].isupper():
            return True  # "2000 Soldaten"
        if nxt.fold in _DE_FUNCTION_WORDS:
            return False  # "eine Kandidatur 2020 in Frage"
        if not _round(tokens[i]):
            return False  # "1932 gründete IBM", "der 1934 geborene Danilenko"
        start = i == 0 or any(ch in ".!?:" for ch in text[tokens[i - 1].end : tokens[i].start])
        if start:
            return False  # "1994 sorgte Berners-Lee für …": a year before the verb
        after = tokens[i + 2] if i + 2 < len(tokens) else None
        return after is not None and after.text[:1].isupper() and is_space(text[nxt.end : after.start])
    if language == "fr" and nxt.fold in _FR_NOT_COUNTED:
        return False
    if language in ("ru", "uk") and nxt.fold in _SLAVIC_PRONOUNS:
        return False  # "в 1989 или 1991 он ушёл"
    if language in ("ar", "fa") and i > 0:
        prev = tokens[i - 1]
        # a year after the noun it dates ("انتخابات 2020", "ساخته 1950"); a count comes first
        if is_space(text[prev.end : tokens[i].start]) and not prev.number and prev.fold not in _NOUN_BEFORE_YEAR_STOP:
            return False
    return True


def _numeric(text: str, tokens: Sequence[Token], i: int, language: str, lex: _Lexicon) -> tuple[Found, int] | None:
    tok = tokens[i]
    s = tok.fold
    if len(s) > 10 or len(s) < 2:
        return _hour_word(text, tokens, i, language)
    m = _NUMERIC_DMY.fullmatch(s)
    if m:
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        d, mo = a, b
        if language == "en" and m.group(2) == "/" and a <= 12 < b:
            d, mo = b, a  # US order, unambiguous because b > 12
        elif not language and a <= 12 and b <= 12 and a != b:
            return None  # day-month or month-day: no rules to decide by
        item = _make_date(tok.start, tok.end, y, mo, d, _G)
        return (item, i) if item else None
    m = _NUMERIC_YMD.fullmatch(s)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
        cal = _S if language == "fa" and 1200 <= y <= 1499 else _G
        item = _make_date(tok.start, tok.end, y, mo, d, cal)
        return (item, i) if item else None
    m = _YEAR_SPAN.fullmatch(s)
    if m is None and len(s) == 4 and i + 1 < len(tokens) and tokens[i + 1].number:
        # "1950–53 років": the dash split the span into two tokens
        if text[tok.end : tokens[i + 1].start] in ("–", "-"):
            m = _YEAR_SPAN.fullmatch(s + "-" + tokens[i + 1].fold)
            if m is not None:
                first, second = int(m.group(1)), m.group(2)
                last_year = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
                if 1800 <= first < last_year <= 2100 and last_year - first <= 10:
                    span = f"{first:04d}/{last_year:04d}"
                    return Found("date", tok.start, tokens[i + 1].end, span, notes=("partial",)), i + 1
                m = None
    if m:
        first, second = int(m.group(1)), m.group(2)
        last_year = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if 1800 <= first < last_year <= 2100 and last_year - first <= 10:
            return Found("date", tok.start, tok.end, f"{first:04d}/{last_year:04d}", notes=("partial",)), i
    m = _NUMERIC_YM.fullmatch(s)
    if m:
        item = _make_date(tok.start, tok.end, int(m.group(1)), int(m.group(2)), None, _G)
        return (item, i) if item else None
    m = _CLOCK.fullmatch(s)
    if m and (
        s[len(m.group(1))] == ":"
        or _followed_by_clock_word(text, tokens, i)
        or (language == "en" and _EN_MERIDIEM.match(text, tok.end))  # "4.40 am"
        or (language in ("ar", "fa") and _ar_part_of_day(text, tok.end) is not None)  # "7.55 صباحًا"
        or (i > 0 and tokens[i - 1].fold in _CLOCK_BEFORE.get(language, ()))  # "الساعة 7.55", "об 11.15"
    ):
        return _time(text, tokens, i, int(m.group(1)), int(m.group(2)), language)
    m = _NUMERIC_DM.fullmatch(s)
    if m and language in ("de", "uk", "ru", "fr") and text[tok.end : tok.end + 1] == ".":
        d, mo = int(m.group(1)), int(m.group(2))
        item = _make_date(tok.start, tok.end + 1, None, mo, d, _G)
        return (item, i) if item else None
    m = _DAY_MONTH.fullmatch(s)
    if m and language and language != "fa":  # "۱/۵" is 1.5 in Persian
        # "22/04", "22.04": a day and a two-digit month with no year; "04/22" is
        # April 22 in English only; "05/11" in English could be either: left out.
        a, sep, b = int(m.group(1)), m.group(2), int(m.group(3))
        if sep == "." and language not in ("de", "uk", "ru", "fr"):
            return _hour_word(text, tokens, i, language)  # "22.04" is a decimal in English
        if language == "en" and sep == "/":
            if a <= 12 < b:
                a, b = b, a
            elif a <= 12:
                return _hour_word(text, tokens, i, language)
        if _unit_follows(text, tokens, i):
            return _hour_word(text, tokens, i, language)
        item = _make_date(tok.start, tok.end, None, b, a, _G)
        return (item, i) if item else None
    return _hour_word(text, tokens, i, language)


_UNIT_OR_SIGN = re.compile(r"\s?[%٪€$£]|\s?(?:km|kg|mm|cm|m|t|Uhr|h|Euro|euros?|dollars?|percent|Prozent)\b")


def _unit_follows(text: str, tokens: Sequence[Token], i: int) -> bool:
    """ "22.04 €", "1.50 m", "13.05 Uhr": a number, not a day and month."""
    return _UNIT_OR_SIGN.match(text, tokens[i].end) is not None


def _followed_by_clock_word(text: str, tokens: Sequence[Token], i: int) -> bool:
    j = i + 1
    return j < len(tokens) and is_space(text[tokens[i].end : tokens[j].start]) and tokens[j].fold in _CLOCK_WORDS


def _time(text: str, tokens: Sequence[Token], i: int, h: int, minute: int, language: str) -> tuple[Found, int] | None:
    if not (0 <= h <= 24 and 0 <= minute <= 59) or (h == 24 and minute):
        return None
    tok = tokens[i]
    end = tok.end
    last = i
    notes: tuple[str, ...] = ()
    if language == "en":
        mer = _EN_MERIDIEM.match(text, end)
        if mer and h <= 12:
            h = (h % 12) + (12 if mer.group(1).lower() == "p" else 0)
            end = mer.end()
    elif language in ("ar", "fa"):
        day_part = _ar_part_of_day(text, end)
        if day_part is not None:
            part, m = day_part
            if (part == "noon" and h < 7) or (part == "pm" and h < 12):
                h += 12
            end = m.end()
    if _followed_by_clock_word(text, tokens, i):
        last = i + 1
        end = max(end, tokens[last].end)
    while last + 1 < len(tokens) and tokens[last + 1].end <= end:
        last += 1
    return Found("time", tok.start, end, f"{h:02d}:{minute:02d}", notes=notes), last


_SLAVIC_AM = frozenset({"ранку", "ранок", "утра"})
_SLAVIC_PM = frozenset({"вечора", "вечера", "ночі", "ночи", "дня"})
_SLAVIC_HOUR = frozenset({"година", "годину", "години", "годині", "час", "часа", "часов", "часу"})
_SLAVIC_AT = frozenset({"о", "об", "в", "во", "на", "к", "до", "около", "близько", "після", "после", "з", "с"})


def _slavic_hour(text: str, tokens: Sequence[Token], i: int, h: int) -> tuple[Found, int] | None:
    """ "о 7 ранку", "около 7 утра", "в 8 вечера", "на 19 годину": an hour without minutes.

    A bare "3 часа" is also a duration (three hours): an hour word counts only
    after a preposition of time ("в", "о", "на" …)."""
    tok = tokens[i]
    j = i + 1
    f = tokens[j].fold
    last = i
    if f in _SLAVIC_HOUR:
        after = tokens[j + 1].fold if j + 1 < len(tokens) else ""
        if not (i > 0 and tokens[i - 1].fold in _SLAVIC_AT) and after not in _SLAVIC_AM and after not in _SLAVIC_PM:
            return None  # "3 часа" three hours; "6 часов утра" six in the morning
        last = j
        if j + 1 < len(tokens) and is_space(text[tokens[j].end : tokens[j + 1].start]):
            f = tokens[j + 1].fold
            j += 1
    if f in _SLAVIC_AM:
        last = j
    elif f in _SLAVIC_PM and h < 12 and not (f == "дня" and h > 6):
        h += 12
        last = j
    elif f in _SLAVIC_PM and h >= 12:
        last = j
    if last == i or not 0 <= h <= 24:
        return None
    return Found("time", tok.start, tokens[last].end, f"{h:02d}:00"), last


def _french_hour(text: str, tokens: Sequence[Token], i: int, h: int) -> tuple[Found, int] | None:
    """ "19 h", "19h30", "à 7 heures": French clock times (a bare "3 heures" after
    "pendant"/"en" is a duration: only "h" or a preceding "à"/"vers" make it a time)."""
    word = tokens[i + 1]
    gap = text[tokens[i].end : word.start]
    if not (gap == "" or is_space(gap)):
        return None
    last, minute = i + 1, 0
    k = i + 2
    if k < len(tokens) and tokens[k].number and len(tokens[k].fold) == 2:
        if text[word.end : tokens[k].start] == "" or is_space(text[word.end : tokens[k].start]):
            minute, last = int(tokens[k].fold), k
    at = i > 0 and tokens[i - 1].fold in ("à", "vers", "dès", "avant", "après", "jusqu'à")
    at = at or (i > 1 and tokens[i - 1].fold == "de" and tokens[i - 2].fold == "partir")  # "à partir de 14 heures"
    if word.fold != "h" and not at and last == i + 1:
        return None  # "pendant 3 heures"; "1 heure 20" has its minutes
    found = _time(text, tokens, i, h, minute, "fr")
    if found is None:
        return None
    return Found("time", tokens[i].start, tokens[last].end, found[0].value), last


def _hour_word(text: str, tokens: Sequence[Token], i: int, language: str) -> tuple[Found, int] | None:
    """'16 Uhr', '4 pm', 'الساعة 10': an hour without minutes."""
    tok = tokens[i]
    s = tok.fold
    if not (s.isdigit() and len(s) <= 2):
        return None
    h = int(s)
    if h > 24:
        return None
    if language == "en" and h <= 12:
        mer = _EN_MERIDIEM.match(text, tok.end)
        if mer:
            return _time(text, tokens, i, h, 0, language)
    if _followed_by_clock_word(text, tokens, i) and tokens[i + 1].fold == "uhr":
        return _time(text, tokens, i, h, 0, language)
    if (
        language in ("uk", "ru")
        and i + 2 < len(tokens)
        and text[tok.end : tokens[i + 1].start] == "-"
        and tokens[i + 1].fold in ("й", "ї")
        and tokens[i + 2].fold in _SLAVIC_HOUR
        and i > 0
        and tokens[i - 1].fold in _SLAVIC_AT
    ):
        found = _slavic_hour(text, tokens, i + 1, h)  # "о 6-й годині ранку": read from the suffix on
        return (Found("time", tok.start, found[0].end, found[0].value), found[1]) if found is not None else None
    if language in ("uk", "ru") and i + 1 < len(tokens) and is_space(text[tok.end : tokens[i + 1].start]):
        return _slavic_hour(text, tokens, i, h)
    if language == "fr" and i + 1 < len(tokens) and tokens[i + 1].fold in ("h", "heures", "heure"):
        return _french_hour(text, tokens, i, h)
    if i > 0 and tokens[i - 1].fold in _CLOCK_WORDS and is_space(text[tokens[i - 1].end : tok.start]):
        if language in ("ar", "fa"):
            found = _time(text, tokens, i, h, 0, language)
            if found is not None:
                item, last = found
                return Found("time", tokens[i - 1].start, item.end, item.value), last
    if language in ("ar", "fa") and h <= 12:
        day_part = _ar_part_of_day(text, tok.end)
        if day_part is not None and day_part[1].group(1) not in ("شب", "عصر"):
            return _time(text, tokens, i, h, 0, language)  # "11 صبح", "7 مساء": nights ("2 شب") are counted
    return None
