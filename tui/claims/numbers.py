"""Numbers in running text: digits in three scripts, separators, spelled-out words.

What a separator means depends on the language, not the digits: "6,700" is
six thousand seven hundred in English and Arabic news, "1,2" is one point two
in German and Ukrainian, "٫" is always a decimal point and "٬" a thousands
separator, Persian also writes "۱/۵" for 1.5. A digit run that is not one
valid number ("1,2" in English, "1990/2000") is read as several numbers.

Values are ``int`` when whole, else ``float``. Runs longer than
:data:`MAX_DIGITS` digits are not numbers anyone reads (serials, garbage,
hostile input): they yield nothing, and nothing quadratic happens on the way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.claims import numwords
from tui.claims.tokens import Token, fold, is_space

MAX_DIGITS = 15
"""Longer digit runs are serials or garbage; keeps every value below :data:`MAX_VALUE`."""
MAX_VALUE = 10**15
"""Chained scale words ("million million …") stop here: no claim counts more."""


@dataclass(frozen=True, slots=True)
class Piece:
    """One number inside a digit run: offsets are relative to the run."""

    start: int
    end: int
    value: int | float


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """A number found in a paragraph (digits, words, or digits with a scale word)."""

    start: int
    end: int
    first: int
    """Index of the first token (for digit runs split into pieces, the run's token)."""
    last: int
    value: int | float | None
    """``None`` for a vague quantity ('millions of', 'кілька мільйонів')."""
    spelled: bool = False
    ordinal: bool = False
    definite: bool = False
    """Arabic definite number word ('الخمس'): it follows the noun it counts."""
    unit: str | None = None
    whole_token: bool = True
    """False when the span is one piece of a longer digit run."""


_THOUSANDS = {
    "en": frozenset(",\u066c"),
    "ar": frozenset(",.\u066c\u060c"),  # "150.000 سيارة": a dot before three digits groups thousands
    "fa": frozenset(",\u066c\u060c"),  # "77،000": the Arabic comma too
    "de": frozenset(".'’ \u00a0\u202f\u2009\u066c"),
    "uk": frozenset(" \u00a0\u202f\u2009\u066c"),
    "ru": frozenset(" \u00a0\u202f\u2009\u066c"),
    "fr": frozenset(".'’ \u00a0\u202f\u2009\u066c"),
}
_DECIMAL = {
    "en": frozenset(".\u066b"),
    "ar": frozenset(".\u066b"),
    "fa": frozenset(".\u066b/"),
    "de": frozenset(",.\u066b"),  # "1.5" in German copy is a decimal, "6.700" is not
    "uk": frozenset(",.\u066b"),
    "ru": frozenset(",.\u066b"),
    "fr": frozenset(",.\u066b"),
}
_DEFAULT = "en"
_SPLIT = re.compile(r"[0-9]+|[^0-9]")


def _as_number(digits: str, fraction: str | None) -> int | float | None:
    if len(digits) > MAX_DIGITS or (fraction is not None and len(fraction) > MAX_DIGITS):
        return None
    if fraction is None:
        return int(digits)
    value = float(f"{digits}.{fraction}")
    return int(value) if value.is_integer() and not fraction.strip("0") else value


_EASTERN_DECIMAL = frozenset(",.\u066b")
"""Arabic-Indic digits take a comma as the decimal point too: "٤,٨" is 4.8."""


def parse_run(run: str, language: str, eastern: bool = False) -> list[Piece]:
    """The numbers in one digit run (ASCII digits, separators kept), left to right.

    ``eastern``: the run was written in Arabic-Indic or Persian digits.
    """
    thousands = _THOUSANDS.get(language, _THOUSANDS[_DEFAULT])
    decimal = _EASTERN_DECIMAL if eastern and language in ("ar", "fa") else _DECIMAL.get(language, _DECIMAL[_DEFAULT])
    parts = _SPLIT.findall(run)  # digits, sep, digits, sep, ...
    pieces: list[Piece] = []
    i = 0
    offset = 0
    n = len(parts)
    while i < n:
        start = offset
        digits = parts[i]
        end_i = i  # last digit-part index used
        groups_ok = len(digits) <= 3
        used_thousands: str | None = None
        fraction: str | None = None
        j = i + 1
        while j + 1 < n:
            sep, nxt = parts[j], parts[j + 1]
            if (
                sep in thousands
                and groups_ok
                and fraction is None
                and len(nxt) == 3
                and (used_thousands in (None, sep))
            ):
                used_thousands = sep
                digits += nxt
                end_i = j + 1
                j += 2
                continue
            if sep in decimal and fraction is None and sep not in (used_thousands or ""):
                if sep == "/" and (len(nxt) > 2 or len(parts[i]) > 3):
                    break
                fraction = nxt
                end_i = j + 1
                j += 2
                break
            break
        end = start + sum(len(p) for p in parts[i : end_i + 1])
        value = _as_number(digits, fraction)
        if value is not None:
            pieces.append(Piece(start, end, value))
        offset = end
        i = end_i + 1
        if i < n:  # skip the separator that ended this number
            offset += len(parts[i])
            i += 1
    return pieces


def find_numbers(
    text: str, tokens: Sequence[Token], language: str, skip: set[int] | frozenset[int] = frozenset()
) -> list[NumberSpan]:
    """Every number in the paragraph, in order; tokens in ``skip`` are left out."""
    out: list[NumberSpan] = []
    n = len(tokens)
    vague_words = numwords.VAGUE_QUANTIFIERS.get(language, frozenset())
    german = language == "de"
    words = _number_words(language)
    # digit runs and possible number words: every other word is passed over in one C-speed pass
    candidates = [
        i
        for i, t in enumerate(tokens)
        if t.number or not words.isdisjoint(t.stems) or (german and t.fold[:1] in numwords.GERMAN_INITIALS)
    ]
    # Roman numerals are looked for only where a century word or a French ordinal can be
    roman: list[int] = []
    if _roman_possible(text, language):
        roman = [i for i, t in enumerate(tokens) if t.text[:1] in "IVXL" and _ROMAN.fullmatch(t.text) is not None]
        if roman:
            candidates = sorted(set(candidates).union(roman))
    pos = 0  # tokens before this one belong to a number already read
    for i in candidates:
        if i < pos or i in skip:
            continue
        tok = tokens[i]
        if tok.number:
            if _spaced_code(tok.fold, language) or (not language and _AMBIGUOUS_SEP.search(tok.fold)):
                continue  # "116 123": a phone number or a code; "1.234" in a language without rules
            f0 = tok.fold[0]
            if ((f0 == "0" or "-" in tok.fold) and _PHONE.fullmatch(tok.fold)) or (
                i > 0 and tokens[i - 1].number and _dialling_code(text, tokens[i - 1], tok)
            ):
                continue  # "0800", "0800 555 111", "859-292-3680": telephone numbers
            run = tok.fold
            if not run.isdigit() and language not in _SPACE_GROUPED and _SPACED_THOUSANDS.fullmatch(run):
                run = re.sub(r"[ \u00a0\u202f\u2009]", ",", run)  # a comma groups thousands here
            elif language == "en" and _DOT_THOUSANDS.fullmatch(run):
                run = run.replace(".", ",")  # "400.000 cards", "1.234.567": continental grouping
            if _COMMA_DECIMAL.fullmatch(run) and _PERCENT_AFTER.match(text, tok.end):
                run = run.replace(",", ".")  # "74,6%" even in English copy: only a decimal fits before %
            elif language == "en" and _EN_COMMA_DECIMAL.fullmatch(run):
                run = run.replace(",", ".")  # "14,5 days", "1,3570 dollars": no group has 1, 2 or 4 digits
            pieces = parse_run(run, language, tok.text[0] not in "0123456789")
            if len(pieces) == 1 and pieces[0].start == 0 and pieces[0].end == len(tok.text):
                value = pieces[0].value
                start = tok.start
                if _leading_point(text, tok, language):  # ".08": 0.08
                    value = float("0." + tok.fold)
                    start -= 1
                last = i
                # digits followed by scale words: "۳ میلیون", "1,5 Millionen", "3 آلاف"
                j = i + 1
                while j < n and j not in skip and _scale_gap(text[tokens[j - 1].end : tokens[j].start], j == i + 1):
                    hit = numwords.lookup(tokens[j].keys(language), language)
                    if hit is None or hit[0].kind not in ("scale", "plural") or hit[0].ordinal:
                        break
                    if value * hit[0].value > MAX_VALUE:
                        break
                    value = value * hit[0].value
                    last = j
                    j += 1
                if isinstance(value, float) and value.is_integer() and last > i:
                    value = int(value)
                out.append(NumberSpan(start, tokens[last].end, i, last, value))
                pos = last + 1
                continue
            for piece in pieces:
                out.append(
                    NumberSpan(
                        tok.start + piece.start,
                        tok.start + piece.end,
                        i,
                        i,
                        piece.value,
                        whole_token=False,
                    )
                )
            continue
        if roman and i in roman:
            century = _roman_century(text, tokens, i, language)
            if century is not None:
                out.append(century)
                pos = century.last + 1
            continue
        keys = tok.stems
        if keys[0] in vague_words and i + 1 < n and is_space(text[tok.end : tokens[i + 1].start]):
            hit = numwords.lookup(tokens[i + 1].keys(language), language)
            if hit is not None and (hit[0].kind in ("scale", "plural") or hit[0].value == 100) and not hit[0].ordinal:
                # "кілька мільйонів", "several hundred", "mehrere hundert": no one figure
                out.append(NumberSpan(tok.start, tokens[i + 1].end, i, i + 1, None, spelled=True))
                pos = i + 2
                continue
        if tok.fold in _EVERY.get(language, ()) and i + 1 < n and is_space(text[tok.end : tokens[i + 1].start]):
            nth = numwords.lookup(tokens[i + 1].stems, language)
            if (
                nth is not None
                and nth[0].ordinal
                and nth[0].value >= (3 if language == "en" else 2)
                and not nth[0].unit
            ):
                # "every tenth household", "jeder zehnten Familie", "каждый десятый": a share, 1/10
                out.append(NumberSpan(tok.start, tokens[i + 1].end, i, i + 1, 1 / nth[0].value, spelled=True))
                pos = i + 2
                continue
        hit = numwords.lookup(keys, language)
        if hit is None:
            if german and tok.fold == "beiden" and _two_not_both(text, tokens, i):
                out.append(NumberSpan(tok.start, tok.end, i, i, 2, spelled=True))
            continue
        if language == "fa" and i + 1 < n and tokens[i + 1].fold == _SHANBE:
            continue  # "پنج شنبه" Thursday, "سه شنبه" Tuesday: weekdays, not five and three
        if numwords.doubling([t.fold for t in tokens[i : i + 3]], language):
            continue  # "doppelt schlecht", "دو برابر کرد": doubly, doubled; no figure (numwords: doubling)
        if hit[0].ordinal and not hit[0].alone and language != "ar" and n > 1:
            continue  # "first", "перший", "ersten": only the end of a chain ("двадцять перший") or a date
        at, scale = i, hit[0]
        if tok.fold in _RATIO.get(language, ("", ()))[1] and i + 1 < n:
            after = numwords.lookup(tokens[i + 1].stems, language)  # "in a million": look past the article
            if after is not None:
                at, scale = i + 1, after[0]
        small = (
            language in _SMALL_RATIO
            and scale.kind in ("unit", "ten")
            and not scale.ordinal
            and not scale.unit
            and scale.value >= 2
            and not _period_after(tokens, at)
        )
        share = None
        if language == "ar" and at > 2 and tokens[at - 1].fold == _AR_EVERY and not scale.ordinal:
            small_word = scale.kind in ("unit", "ten") and scale.value >= 2
            share = _arabic_share(tokens, at, scale.value) if small_word else None  # "واحد من كل خمسة" 1 in 5
        if share is None and ((scale.kind == "scale" and not scale.ordinal) or small):
            share = _ratio(text, tokens, at, scale.value, language)  # "one in a trillion", "واحد من تريليون"
        if share is not None:
            if out and out[-1].first >= share.first:
                out.pop()  # the numerator was read as a number of its own
            out.append(share)
            pos = at + 1
            continue
        # a number word that is the whole text is a number whatever else it can be ("eins", "one")
        span, pos = spelled(text, tokens, i, hit, language, skip=skip, alone_ok=n == 1)
        if span is not None:
            out.append(span)
    return out


_DE_OWNERS = frozenset(
    "meine meinen meiner meinem deine deinen deiner deinem seine seinen seiner seinem ihre ihren ihrer ihrem "
    "unsere unseren unserer unserem eure euren eurer eurem".split()
)
SEQUENCE_WORDS = {
    "de": frozenset("letzten ersten nächsten naechsten vergangenen kommenden folgenden".split()),
    "fr": frozenset("derniers dernières prochains prochaines premiers premières".split()),
    "en": frozenset("last next past first".split()),
}
"""'Last', 'next', 'first' beside a number: a stretch of time or a place in a row, not a reference back
("ces deux dernières décennies", "die letzten beiden Jahrzehnte", "the last two decades")."""
EN_IRREGULAR_PLURALS = frozenset(
    "people men women children police troops staff personnel cattle sheep fish feet teeth mice geese".split()
)


def english_s_plural(folded: str) -> bool:
    """Does the folded English word look like a plural in -s ("soldiers"; not "glass", "bus",
    "crisis")? The plurals without -s are :data:`EN_IRREGULAR_PLURALS`."""
    return len(folded) > 2 and folded.endswith("s") and not folded.endswith(("ss", "us", "is"))


def _two_not_both(text: str, tokens: Sequence[Token], i: int) -> bool:
    """German "beiden" is 'two' after a possessive or beside 'letzten' ("seine beiden Söhne" his two
    sons, "die letzten beiden Jahre" the last two years); alone it is 'both' ("beide Seiten")."""
    if i > 0 and is_space(text[tokens[i - 1].end : tokens[i].start]):
        prev = tokens[i - 1].fold
        if prev in _DE_OWNERS or prev in SEQUENCE_WORDS["de"]:
            return True
    return i + 1 < len(tokens) and tokens[i + 1].fold in SEQUENCE_WORDS["de"]


FRENCH_FIRST_SUFFIXES = frozenset("er re ère ere".split())
"""French ordinal endings of 1: "1er", "1re", "1ère" (premier, première)."""
FRENCH_NTH_SUFFIXES = frozenset("e è ème eme es ès èmes emes".split())
"""French ordinal endings of 2 and above, glued or after a hyphen: "2e", "2è", "46ème", "3es", "XXe", "V-e"."""
FRENCH_ORDINAL_SUFFIXES = FRENCH_FIRST_SUFFIXES | FRENCH_NTH_SUFFIXES
ENGLISH_ORDINAL_SUFFIXES = frozenset("st nd rd th".split())


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


_FRENCH_ROMAN_ORDINAL_IN_TEXT = re.compile(rf"\b[IVXL]{{1,6}}-?(?:{_alternatives(FRENCH_NTH_SUFFIXES)})\b")
_CENTURY_STEMS = {
    "en": ("entur",),
    "fr": ("siècle",),
    "de": ("ahrhundert",),
    "ru": ("век",),
    "uk": ("столітт", "сторіч"),
}
"""Where a Roman numeral can name a century ("XXth century", "XX. Jahrhundert", "XX век")."""


def _roman_possible(text: str, language: str) -> bool:
    """Could the paragraph hold a Roman century or a French Roman ordinal? (substring tests:
    the token scan for Roman numerals runs only then)."""
    stems = _CENTURY_STEMS.get(language)
    if stems is None:
        return False
    for stem in stems:
        if stem in text:
            return True
    return language == "fr" and _FRENCH_ROMAN_ORDINAL_IN_TEXT.search(text) is not None


_ROMAN = re.compile(
    r"(?P<num>(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
    rf"(?:{_alternatives(ENGLISH_ORDINAL_SUFFIXES | FRENCH_ORDINAL_SUFFIXES)})?"
)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_ORDINAL_PIECES = ENGLISH_ORDINAL_SUFFIXES | FRENCH_ORDINAL_SUFFIXES | {"го", "й", "ого", "му"}
_CENTURY = frozenset(
    "century centuries siècle siècles jahrhundert jahrhunderts jahrhunderte jahrhunderten "
    "век века веке веку веков столітті століття сторіччя сторіччі".split()
)


def _roman_century(text: str, tokens: Sequence[Token], i: int, language: str) -> NumberSpan | None:
    """A century in Roman numerals: "the XXth century", "au XX e siècle", "в XXI веке" (= 20, 21);
    in French any Roman ordinal ("la Ve République", "le V-e Sommet": 5)."""
    m = _ROMAN.fullmatch(tokens[i].text)
    if m is None or not m.group("num"):
        return None
    roman = m.group("num")
    value = 0
    for k, ch in enumerate(roman):
        v = _ROMAN_VALUES[ch]
        value += -v if k + 1 < len(roman) and _ROMAN_VALUES[roman[k + 1]] > v else v
    k = i + 1
    while k < len(tokens) and k - i <= 2 and tokens[k].fold in _ORDINAL_PIECES:
        k += 1
    if k >= len(tokens) or tokens[k].fold not in _CENTURY or len(text[tokens[k - 1].end : tokens[k].start]) > 2:
        if language != "fr" or value < 2 or roman == "L":  # "Le" is the article, not "50e"
            return None
        glued = tokens[i].text[len(roman) :]
        if glued:
            ordinal = glued in FRENCH_NTH_SUFFIXES
        else:
            ordinal = (
                i + 1 < len(tokens)
                and tokens[i + 1].fold in FRENCH_NTH_SUFFIXES
                and text[tokens[i].end : tokens[i + 1].start] in ("-", "")
            )
        if not ordinal:
            return None
        last = i if glued else i + 1
        return NumberSpan(tokens[i].start, tokens[last].end, i, last, value, spelled=True, ordinal=True)
    return NumberSpan(tokens[i].start, tokens[k].end, i, k, value, spelled=True, ordinal=True, unit=tokens[k].text)


_EVERY = {
    "en": frozenset({"every"}),
    "de": frozenset({"jeder", "jede", "jedes", "jedem", "jeden"}),
    "ru": frozenset({"каждый", "каждая", "каждое", "каждого", "каждой", "каждому"}),
    "uk": frozenset({"кожен", "кожний", "кожна", "кожне", "кожного", "кожної", "кожному"}),
    "fr": frozenset(),
}
"""'Every' before an ordinal makes a share: "every fifth" is 1/5."""

_PHONE = re.compile(r"0[0-9]{2,}|[0-9]{3}-[0-9]{3}-[0-9]{4}|[0-9]{4}-[0-9]{3}-[0-9]{3}")  # RTL copy reverses it
"""A number with a leading zero ("0800", "020") or in the North American 3-3-4 shape."""


def _dialling_code(text: str, prev: Token, tok: Token) -> bool:
    """Digits right after a leading-zero dialling code ("0800 555 111")."""
    return prev.fold[0] == "0" and _PHONE.fullmatch(prev.fold) is not None and is_space(text[prev.end : tok.start])


_SHANBE = fold("شنبه")
_AR_EVERY = fold("كل")
_AR_OF = frozenset(fold(w) for w in ("من", "بين"))
_AR_ONE = frozenset(fold(w) for w in ("واحد", "واحدة"))


def _arabic_share(tokens: Sequence[Token], i: int, value: int) -> NumberSpan | None:
    """ "واحد من كل خمسة", "واحد من بين كل خمسة": one in five, 0.2."""
    k = i - 1
    if k < 2 or tokens[k].fold != _AR_EVERY:
        return None
    k -= 1
    while k > 0 and k >= i - 3 and tokens[k].fold in _AR_OF:  # "من" or "من بين"
        k -= 1
    if k == i - 2 or tokens[k].fold not in _AR_ONE:
        return None
    return NumberSpan(tokens[k].start, tokens[i].end, k, i, 1 / value, spelled=True)


_SMALL_RATIO = frozenset({"en", "fr"})
"""Languages where 'one in two' ("un sur deux") is always a ratio; "один из трех", "واحد من ثلاثة"
are 'one of the three'."""
_PERIODS_AFTER = frozenset("years year months days weeks decades hours ans années mois jours semaines".split())


def _period_after(tokens: Sequence[Token], i: int) -> bool:
    """ "the first rise in two years": not one in two."""
    return i + 1 < len(tokens) and tokens[i + 1].fold in _PERIODS_AFTER


_RATIO = {
    "en": ("in", ("a", "an")),
    "ar": ("من", ()),
    "fa": ("در", (fold("یک"),)),
    "de": ("zu", ("einer", "einem", "eine")),
    "fr": ("sur", ("un", "une")),
    "ru": ("на", ()),
    "uk": ("на", ()),
}
"""The word between the two numbers of a ratio ("one in a million"), and the
articles the second may carry."""


def _ratio(text: str, tokens: Sequence[Token], i: int, scale: int, language: str) -> NumberSpan | None:
    """A number N, a ratio word and the scale word at ``i``: N / scale."""
    word, articles = _RATIO.get(language, ("", ()))
    k = i - 1
    if k >= 0 and tokens[k].fold in articles:
        k -= 1
    if k < 1 or tokens[k].fold != word or not is_space(text[tokens[k - 1].end : tokens[k].start]):
        return None
    numerator = tokens[k - 1]
    if language == "fr" and k >= 2 and tokens[k - 2].fold in ("un", "une") and not numerator.number:
        if numwords.lookup(numerator.stems, language) is None:  # "une personne sur deux"
            return NumberSpan(tokens[k - 2].start, tokens[i].end, k - 2, i, 1 / scale, spelled=True)
    if numerator.number:
        if not numerator.fold.isdigit():
            return None
        value: int | float = int(numerator.fold)
    else:
        hit = numwords.lookup(numerator.stems, language)
        if hit is None or hit[0].kind not in ("unit", "ten") or hit[0].ordinal or hit[0].unit:
            return None
        value = hit[0].value
    return NumberSpan(numerator.start, tokens[i].end, k - 1, i, value / scale, spelled=True)


_COMMA_DECIMAL = re.compile(r"[0-9]{1,3},[0-9]{1,2}")
_EN_COMMA_DECIMAL = re.compile(r"[0-9]{1,3},(?:[0-9]{1,2}|[0-9]{4,6})")
"""A comma that cannot group thousands in English copy translated from French or Spanish: a decimal."""
_PERCENT_AFTER = re.compile(r"[ \u00a0\u202f]?[%٪]")
_AMBIGUOUS_SEP = re.compile(r"[0-9][.,'’][0-9]")
_SPACE_GROUPED = frozenset({"de", "uk", "ru", "fr"})


def _spaced_code(run: str, language: str) -> bool:
    """Digit groups joined by spaces where spaces do not group thousands ("116 123", a phone
    number), unless the groups can only be thousands ("169 000", "1 234 567": copy translated
    from French keeps its spaces)."""
    if language in _SPACE_GROUPED or not any(ch in " \u00a0\u202f\u2009" for ch in run):
        return False
    return _SPACED_THOUSANDS.fullmatch(run) is None


_DOT_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3}){2,}|[1-9][0-9]{0,2}\.000")
"""Dots that can only group thousands in English copy: two groups, or ".000" (no one writes 74.000 for 74)."""
_SPACED_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:[ \u00a0\u202f\u2009][0-9]{3})*[ \u00a0\u202f\u2009]000|"
                               r"[1-9][0-9]{0,2}(?:[ \u00a0\u202f\u2009][0-9]{3}){2,}")  # fmt: skip


@lru_cache(maxsize=16)
def _number_words(language: str) -> frozenset[str]:
    """Every key a number word (or a vague quantifier) can have in ``language``."""
    return (
        frozenset(numwords.table(language))
        | numwords.VAGUE_QUANTIFIERS.get(language, frozenset())
        | _EVERY.get(language, frozenset())
        | (frozenset({"beiden"}) if language == "de" else frozenset())
        | numwords.slavic_compounds(language)
    )


def _leading_point(text: str, tok: Token, language: str) -> bool:
    """A decimal point with no digit before it (".08", "(.5"), where "." is a decimal point."""
    s = tok.start
    return (
        s > 0
        and text[s - 1] == "."
        and (s == 1 or text[s - 2] in " \t\n(\u00a0$€£+-−")
        and tok.fold.isdigit()
        and "." in _DECIMAL.get(language, _DECIMAL[_DEFAULT])
    )


def _scale_gap(between: str, first: bool) -> bool:
    """Space before a scale word, or nothing right after the digits ("€3.1billion", "5Mrd")."""
    return is_space(between) or (first and between == "")


def spelled(
    text: str,
    tokens: Sequence[Token],
    i: int,
    hit: tuple[numwords.NumWord, int],
    language: str,
    *,
    skip: set[int] | frozenset[int] = frozenset(),
    alone_ok: bool = False,
) -> tuple[NumberSpan | None, int]:
    """Chain number words from token ``i``; returns the span and the next index.

    ``alone_ok``: a word too ambiguous to be a number alone ("second", "ersten")
    counts anyway (the caller knows a month follows).
    """
    connectors = numwords.CONNECTORS.get(language, frozenset())
    word = hit[0]
    first = i
    definite = language == "ar" and tokens[i].fold.startswith(("ال", "وال", "بال", "فال"))
    if word.kind == "plural":
        return NumberSpan(tokens[i].start, tokens[i].end, i, i, None, spelled=True), i + 1
    if word.kind == "fraction":
        if _part_of_a_whole(text, tokens, i, language):
            return None, i + 1
        value = word.numerator / word.value  # "نصف" 0.5, "ثلثي" 2/3, "die Hälfte", "полтора" 1.5
        last = i
        k = i + 1
        if k < len(tokens) and language == "en" and tokens[k].fold in ("a", "an"):
            k += 1  # "half a million"
        if k < len(tokens) and is_space(text[tokens[k - 1].end : tokens[k].start]):
            scale = numwords.lookup(tokens[k].stems, language)
            if scale is not None and scale[0].kind in ("scale", "plural") and not scale[0].ordinal:
                value, last = _whole(value * scale[0].value), k  # "eineinhalb Millionen", "полтора миллиона"
        if not word.alone and last == i:
            return None, i + 1  # "halbe" alone is 'half' of anything ("die halbe Stadt"); "eine halbe Million"
        span = NumberSpan(tokens[i].start, tokens[last].end, i, last, value, spelled=True, definite=definite)
        return span, last + 1
    total = 0
    current = 0
    parts = 0
    ordinal = word.ordinal
    unit = word.unit
    last = i
    standalone_ok = word.alone or alone_ok
    fraction: float | None = None
    j = i
    n = len(tokens)
    last_scale = 0
    while True:
        value, kind = word.value, word.kind
        if kind in ("scale", "plural"):
            if parts == 0 and kind == "plural":
                break
            if current == 0 and total and value > last_scale:
                if total * value > MAX_VALUE:  # "three thousand million": the whole so far
                    break
                total *= value
            else:
                if (current or 1) * value + total > MAX_VALUE:
                    break
                current = (current or 1) * value
                total += current
                current = 0
            last_scale = value
        elif kind == "hundred":
            if current >= 100:
                break
            current = (current or 1) * value
        elif kind == "hundreds":
            if current % 1000:
                break
            current += value
        elif language == "fr" and current % 100 == 4 and value == 20 and parts:
            current += 76  # "quatre-vingt(s)" 80
        else:
            if not _fits(current, value, language):
                break
            current += value
        parts += 1
        last = j
        if word.unit or (word.ordinal and not (language == "ar" and kind == "unit")):
            break  # Arabic ordinals go on: "الثالث والستين" 63rd, "الثالثة عشر" 13th
        # look for the next part, maybe across a connector word ("بیست و پنج")
        k = j + 1
        if k >= n or k in skip:
            break
        between = text[tokens[k - 1].end : tokens[k].start]
        if not (is_space(between) or between == "-"):
            break
        if tokens[k].fold in connectors and k + 1 < n:
            between2 = text[tokens[k].end : tokens[k + 1].start]
            if not is_space(between2):
                break
            k += 1
        nxt = numwords.lookup(tokens[k].keys(language), language)
        if nxt is None:
            break
        nword = nxt[0]
        if (
            not ordinal
            and total == 0
            and 0 < current < 20  # "twenty-fifth", "سی و ششمین" are ordinals (25th, 36th), not 20/5
            and _denominator(nword)
            and not (language == "de" and nword.kind != "fraction")  # "einem fünften Tor"; "ein Fünftel"
            and not (tokens[first].fold in _ARTICLES and nword.kind != "fraction" and not _of_follows(text, tokens, k))
            and not (tokens[k].fold.startswith("halb") and not _scale_after(text, tokens, k, language))
        ):  # "eine halbe Stunde" is half an hour, "eine halbe Million" 500,000
            # "two-thirds", "ein Drittel", "две трети", "یک سوم", "a trillionth"
            fraction = current * nword.numerator / nword.value
            last = k
            break
        if nword.unit or (nword.kind in ("scale", "plural", "fraction") and parts == 0):
            break
        if tokens[first].fold in _ARTICLES and nword.kind in ("unit", "ten"):
            break  # "a ten-page story" is not 11: an article joins only "a hundred", "a dozen", "a third"
        if nword.kind == "fraction":
            break
        if word.ordinal and nword.kind != "ten":
            break
        word = nword
        j = k
        if word.ordinal:
            ordinal = True
        if word.unit:
            unit = word.unit
    value_total: int | float = total + current
    if fraction is not None:
        value_total = fraction
        if last + 1 < n and is_space(text[tokens[last].end : tokens[last + 1].start]):
            scale = numwords.lookup(tokens[last + 1].stems, language)
            if scale is not None and scale[0].kind in ("scale", "plural") and not scale[0].ordinal:
                value_total, last = _whole(fraction * scale[0].value), last + 1  # "a half million"
    elif (
        language == "fr"
        and last + 2 < n
        and tokens[last + 1].fold == "et"
        and tokens[last + 2].fold in ("demi", "demie")
    ):
        value_total = _whole(value_total + (last_scale or 1) / 2)  # "un million et demi" 1.5 million
        last += 2
    elif parts == 1 and not standalone_ok:
        return None, last + 1
    if value_total == 0:
        return None, last + 1
    return (
        NumberSpan(
            tokens[first].start,
            tokens[last].end,
            first,
            last,
            value_total,
            spelled=True,
            ordinal=ordinal,
            definite=definite,
            unit=unit,
        ),
        last + 1,
    )


_ARTICLES = frozenset({"a", "an"})
_OF = frozenset({"of", "der", "des", "de", "d"})


def _of_follows(text: str, tokens: Sequence[Token], k: int) -> bool:
    """ "a third of", "a tenth." — not "a third time"."""
    if k + 1 >= len(tokens):
        return True
    return not is_space(text[tokens[k].end : tokens[k + 1].start]) or tokens[k + 1].fold in _OF


def _scale_after(text: str, tokens: Sequence[Token], k: int, language: str) -> bool:
    if k + 1 >= len(tokens) or not is_space(text[tokens[k].end : tokens[k + 1].start]):
        return False
    scale = numwords.lookup(tokens[k + 1].stems, language)
    return scale is not None and scale[0].kind in ("scale", "plural") and not scale[0].ordinal


def _whole(value: int | float) -> int | float:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _part_of_a_whole(text: str, tokens: Sequence[Token], i: int, language: str) -> bool:
    """ "the first half of 2019", "النصف الأول", "half an hour", "نصف ساعة": a half
    that names a part of a period, not a share of something counted; nor is a half
    joined to a word ("half-time", "half-hearted") or one's "other half"."""
    if i > 0:
        prev = numwords.lookup(tokens[i - 1].stems, language)
        if prev is not None and prev[0].ordinal:
            return True
        if language == "en" and tokens[i - 1].fold == "other":
            return True
    if language == "en" and i + 1 < len(tokens) and text[tokens[i].end : tokens[i + 1].start] == "-":
        scale = numwords.lookup(tokens[i + 1].stems, language)
        return scale is None or scale[0].kind not in ("scale", "plural")  # not "half-million"
    if i + 1 < len(tokens):
        nxt = tokens[i + 1]
        if nxt.fold in _PERIOD_AFTER_HALF:
            scale = numwords.lookup(tokens[i + 2].stems, language) if i + 2 < len(tokens) else None
            return scale is None or scale[0].kind not in ("scale", "plural")  # not "half a million"
        after = numwords.lookup(nxt.stems, language)
        if after is not None and after[0].ordinal:
            return True
    return False


_PERIOD_AFTER_HALF = frozenset(fold(w) for w in "a an ساعة ساعت".split())


def _denominator(word: numwords.NumWord) -> bool:
    """A fraction word, or an ordinal of 3 or more after a cardinal ("one tenth", "одна пятая")."""
    return word.kind == "fraction" or (word.ordinal and word.value >= 3 and not word.unit)


def _fits(current: int, value: int, language: str = "") -> bool:
    """Can ``value`` (< 100) join ``current`` without two words filling one digit slot?"""
    low = current % 100
    if low == 0:
        return True
    if language == "fr":  # "soixante-dix" 70, "quatre-vingt-douze" 92, "vingt et un" 21
        return (low in (60, 80) and 1 <= value <= 19) or (low >= 20 and low % 10 == 0 and value < 10)
    if value == 10 and 1 <= low <= 9:  # Arabic teens: خمسة عشر
        return True
    if 1 <= low <= 9 and value % 10 == 0 and value >= 20:  # Arabic order: خمسة وعشرون
        return True
    return low >= 20 and low % 10 == 0 and value < 10  # twenty-five, بیست و پنج
