"""Quantities and percentages: a number with what it counts or measures.

Takes the numbers of :mod:`tui.claims.numbers` and decides what each one is:
a percentage ("۳۰ درصد", "30 %"), a measurement ("800 متر" → 800 m,
"۱۵۲ میلیمتری" → 152 mm), a sum of money ("$1.5bn", "آلاف الدولارات"), a count
with its noun ("73 عربة", "73 Triebwagen", "вагони"), or nothing at all: a
number inside a name or code ("COVID-19", "Su-27", "38 North") is not a claim.
Words just before the number that bound it ("حوالي", "ungefähr", "maximal",
"more than") are kept as notes: they say how sure the figure is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from tui.claims.model import Found
from tui.claims.numbers import (
    EN_IRREGULAR_PLURALS,
    ENGLISH_ORDINAL_SUFFIXES,
    FRENCH_ORDINAL_SUFFIXES,
    SEQUENCE_WORDS,
    NumberSpan,
    english_s_plural,
)
from tui.claims.numwords import SPAN_WORDS
from tui.claims.tokens import PhraseIndex, Token, fold, is_space

# Units: surface words (folded) -> canonical symbol.
_UNITS: dict[str, str] = {}
for _sym, _words in {
    "mm": "mm millimeter millimetre millimeters millimetres millimetern мм міліметр міліметрів міліметра "
    "миллиметр миллиметров миллиметра ملم مم ملليمتر مليمتر ملیمتر میلیمتر میلیمتری میلی‌متر میلی‌متری",
    "cm": "cm zentimeter centimeter centimetre centimeters см сантиметр сантиметрів сантиметров سم سنتيمتر سانتیمتر",
    "m": "m mètre mètres meter metre meters metres metern м метр метрів метра метри метров متر مترا أمتار امتار مترًا متری",
    "km": "km kilomètre kilomètres kilometer kilometre kilometers kilometres kilometern км кілометр кілометрів кілометра "
    "кілометри километр километров километра كم كيلومتر كيلومترا كيلومترات کیلومتر کیلومتری",
    "kg": "kg kilos kilogramme kilogrammes kilogramm kilogram kilograms кг кілограм кілограмів килограмм килограммов كغ كيلوغرام کیلوگرم",
    "t": "t tonne tonnes tonnen ton tons т тонн тонна тонни тонн طن أطنان اطنان",
    "USD": "dollar dollars dollars américains us-dollar usd долар долари доларів доллар доллара долларов دولار دولارا دولارات "
    "الدولارات الدولار دلار",
    "EUR": "euro euros eur євро евро يورو یورو",
    "RUB": "rubel ruble rubles roubles rouble рубль рублі рублів рубля рублей روبل",
    "UAH": "hryvnia hryvnias гривня гривні гривень هريفنيا",
    "GBP": "pfund pound pounds фунт фунтів جنيه",
}.items():
    for _w in _words.split():
        _UNITS[fold(_w)] = _sym
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₴": "UAH", "¥": "JPY"}
_GLUED_UNITS = frozenset({"mm", "cm", "m", "km", "kg", "t", "мм", "см", "м", "км", "кг", "т"})
_GLUED_SCALE = {"bn": 10**9, "m": 10**6, "k": 1000}  # English "$5bn", "$3m"
_PERCENT_SIGN = re.compile(r"[ \u00a0\u202f]?[%٪]")
_PERCENT_WORDS = {
    "en": ("percent", "per cent", "percentage points:pp", "percentage point:pp"),
    "de": ("prozent", "prozentpunkte:pp", "prozentpunkten:pp", "prozentpunkt:pp"),
    "ar": ("بالمئة", "بالمائة", "في المئة", "في المائة", "بالمية", "نقطة مئوية:pp", "نقاط مئوية:pp"),
    "fa": ("درصد", "درصدی", "واحد درصد:pp"),
    "uk": ("відсоток", "відсотки", "відсотків", "відсотка", "відсотками", "процент", "процентів",
           "відсоткових пунктів:pp", "в.п.:pp"),
    "ru": ("процент", "процента", "процентов", "процентами", "процентных пунктов:pp", "п.п.:pp"),
    "fr": ("pour cent", "pourcent", "points de pourcentage:pp", "point de pourcentage:pp"),
}  # fmt: skip
_COMPASS = frozenset(
    fold(w) for w in "north south nord süd الشمالي الجنوبي شمالا جنوبا شمال شمالی جنوبی північ".split()
)
_BOUNDS = {
    "en": {
        "approximate": "about around approximately roughly nearly almost some circa estimated",
        "lower bound": "more than over at least upwards of",
        "upper bound": "up to at most less than fewer than under maximum",
    },
    "de": {
        "approximate": "ungefähr etwa rund circa ca knapp fast beinahe annähernd schätzungsweise gut",
        "lower bound": "mehr als über mindestens",
        "upper bound": "bis zu höchstens maximal weniger als unter",
    },
    "ar": {
        "approximate": "حوالي حوالى نحو قرابة زهاء تقريبا تقريبًا ما يقرب من ما يقارب أكثر قليلا",
        "lower bound": "أكثر من ما لا يقل عن أزيد من",
        "upper bound": "حتى أقل من ما يصل إلى كحد أقصى",
    },
    "fa": {
        "approximate": "حدود حدودا تقریبا تقریباً نزدیک به قریب به در حدود",
        "lower bound": "بیش از بیشتر از دست کم دستکم حداقل",
        "upper bound": "حداکثر کمتر از تا",
    },
    "uk": {
        "approximate": "приблизно близько майже орієнтовно біля",
        "lower bound": "понад більше ніж щонайменше більш ніж",
        "upper bound": "до не більше ніж менше ніж максимум",
    },
    "fr": {
        "approximate": "environ près de quelque presque approximativement autour de quasiment",
        "lower bound": "plus de au moins au-delà de",
        "upper bound": "jusqu'à moins de au plus maximum",
    },
    "ru": {
        "approximate": "примерно около почти приблизительно порядка",
        "lower bound": "более свыше больше не менее",
        "upper bound": "до не более менее максимум",
    },
}
_STOP = {
    "ar": "من في على إلى الى عن مع أو او و ثم حتى منذ أن ان إن التي الذي الذين هذه هذا تلك ذلك قد لا لم لن ما "
    "كما بين حول عند بعد قبل خلال ضد عبر دون أي كل وفي هو هي مقارنة أيضا",
    "fa": "و در از به با برای که را تا این آن یا هم نیز بر هر چون اما ولی بین است بود",
    "de": "",
    "uk": "і й та а але в у на з із до від для про по за що як це не ні ж би чи або є був була було були",
    "ru": "и в во на с со из до от для о об по за что как это не но а или был была было были",
    "fr": "et ou le la les l' un une des du de d' à au aux en dans sur pour par avec que qui est sont était a ont "
    "ce cette ces plus moins selon il elle on ils elles nous vous je y se ne",
    "en": "and or the a an of in on at to for with from by as that which who is are was were be been has have had "
    "than per percent more less this these those it its their his her",
}
_OF = {"ar": ("من",), "fa": ("از",), "de": ("von",), "en": ("of",), "uk": (), "ru": (), "fr": ("de", "d")}


class _Lexicon:
    __slots__ = ("bounds", "percent", "stop")

    def __init__(self, language: str):
        self.bounds = PhraseIndex(
            (phrase, note)
            for note, phrases in _BOUNDS.get(language, {}).items()
            for phrase in _split_phrases(phrases, language)
        )
        items = []
        for entry in _PERCENT_WORDS.get(language, ()):
            phrase, _, unit = entry.partition(":")
            items.append((phrase, unit or "%"))
        self.percent = PhraseIndex(items)
        self.stop = frozenset(fold(w) for w in _STOP.get(language, "").split())


def _split_phrases(words: str, language: str) -> list[str]:
    """Bound phrases are space-separated words; multi-word ones are known here."""
    multi = (
        "more than|at least|upwards of|up to|at most|less than|fewer than|mehr als|bis zu|weniger als|"
        "ما يقرب من|ما يقارب|أكثر قليلا|أكثر من|ما لا يقل عن|أزيد من|أقل من|ما يصل إلى|كحد أقصى|"
        "نزدیک به|قریب به|در حدود|بیش از|بیشتر از|دست کم|کمتر از|"
        "більше ніж|більш ніж|не більше ніж|менше ніж|не более|не менее|"
        "près de|autour de|plus de|au moins|au-delà de|moins de|au plus"
    ).split("|")
    out = []
    rest = " " + words + " "
    for phrase in sorted(multi, key=len, reverse=True):
        if f" {phrase} " in rest:
            out.append(phrase)
            rest = rest.replace(f" {phrase} ", " ")
    out.extend(rest.split())
    return out


@lru_cache(maxsize=8)
def _lexicon(language: str) -> _Lexicon:
    return _Lexicon(language)


_GLUED_ORDINAL_ENDINGS = {
    "en": ENGLISH_ORDINAL_SUFFIXES,
    "fr": FRENCH_ORDINAL_SUFFIXES,
    "fa": frozenset(fold(w) for w in ("م", "مین", "ام", "امین")),  # folded like the tokens: ی is ي
}
"""Endings glued to digits that make them an ordinal."""


def find_quantities(text: str, tokens: Sequence[Token], numbers: Sequence[NumberSpan], language: str) -> list[Found]:
    """Quantity and percent claims for the numbers of a paragraph."""
    lex = _lexicon(language)
    out: list[Found] = []
    n = len(tokens)
    taken = 0  # end of the last claim: "15 بالمئة" must not also yield "مئة" = 100
    for num in numbers:
        if num.start < taken:
            continue
        start, end = num.start, num.end
        if not num.spelled and _is_identifier(text, tokens[num.first].start, end):
            continue
        if num.spelled and _referential(text, tokens, num, language):
            continue
        if _labelled(text, tokens, num, language):
            continue
        notes: list[str] = []
        if num.ordinal:
            notes.append("ordinal")
        if num.value is None:
            notes.append("vague")
        bound = _bound_before(text, tokens, num.first, language, lex)
        if bound:
            notes.append(bound)
        nxt = num.last + 1
        # percent: "30 %", "%30", "۳۰ درصد", "30 Prozent"
        pct = _PERCENT_SIGN.match(text, end)
        if pct and num.value is not None:
            out.append(Found("percent", start, pct.end(), num.value, "%", notes=tuple(notes)))
            continue
        if start > 0 and text[start - 1] in "%٪" and num.value is not None:
            out.append(Found("percent", start - 1, end, num.value, "%", notes=tuple(notes)))
            continue
        if nxt < n and (is_space(text[end : tokens[nxt].start]) or _glued_word(text, end, tokens[nxt])):
            hit = lex.percent.match(text, tokens, nxt, language)
            if hit is not None and num.value is not None:
                last, unit = hit
                out.append(Found("percent", start, tokens[last].end, num.value, str(unit), notes=tuple(notes)))
                taken = tokens[last].end
                continue
        value = num.value
        unit = num.unit
        # currency sign before: "$1.5 billion", "€ 20"
        k = start - 1
        if k >= 1 and text[k] in " \u00a0":
            k -= 1
        if k >= 0 and text[k] in _CURRENCY_SIGNS:
            unit = _CURRENCY_SIGNS[text[k]]
            start = k
        if nxt < n and not num.spelled and num.whole_token:
            between = text[end : tokens[nxt].start]
            if language == "de" and between == ". " and _german_ordinal_noun(tokens[nxt]):
                # "den 20. Monat": an ordinal with its noun
                notes.append("ordinal")
                unit = tokens[nxt].text
                end = tokens[nxt].end
                nxt += 1
            elif language in ("uk", "ru") and between == "-" and tokens[nxt].fold in _SLAVIC_ORDINAL_ENDINGS:
                notes.append("ordinal")  # "20-й", "5-го"
                end = tokens[nxt].end
                nxt += 1
            elif language in ("uk", "ru") and between == "-" and value is not None:
                scale = next((v for stem, v in _SLAVIC_SCALE_ADJECTIVES if tokens[nxt].fold.startswith(stem)), None)
                if scale is not None:  # "25-тысячная толпа" a crowd of 25,000
                    value = _scale(value, scale)
                    end = tokens[nxt].end
                    nxt += 1
        if nxt < n and not num.spelled:
            glued = text[end : tokens[nxt].start] == ""
            if glued:
                g = tokens[nxt].fold
                if language == "en" and g in _GLUED_SCALE and value is not None and unit is not None:
                    value = _scale(value, _GLUED_SCALE[g])
                    end = tokens[nxt].end
                    nxt += 1
                elif g in _GLUED_UNITS or g in _UNITS:
                    unit = _UNITS.get(g, g)
                    end = tokens[nxt].end
                    nxt += 1
                elif g in _GLUED_ORDINAL_ENDINGS.get(language, ()):
                    notes.append("ordinal")  # "21st", "46ème", "1er", "۲۰م"
                    end = tokens[nxt].end
                    nxt += 1
                elif (language, g) in (("en", "s"), ("de", "er")) and value is not None and value % 10 == 0:
                    notes.append("decade")  # "in his 40s", "the 1990s", "die 80er Jahre"
                    end = tokens[nxt].end
                    nxt += 1
                elif _glued_word(text, end, tokens[nxt]) or _glued_latin_word(language, tokens[nxt]):
                    pass  # "13ساله", "300 000людей", "5mois": a missing space, the noun follows
                else:
                    continue  # "5G", "2S19": a code, not a number
        if nxt < n and tokens[nxt].fold in _COMPASS and is_space(text[end : tokens[nxt].start]):
            demonym = (
                nxt + 1 < n
                and tokens[nxt + 1].text[:1].isupper()
                and is_space(text[tokens[nxt].end : tokens[nxt + 1].start])
            )  # "30,000 North Koreans" counts people; "38 North" is a name
            if (language != "en" or tokens[nxt].text[:1].isupper()) and not demonym:
                continue  # "38 North", "38 الشمالي": a name
        if num.definite and unit is None and num.first > 0:
            # Arabic definite numbers follow their noun: "السنوات الخمس", "شهره العشرين"
            prev = tokens[num.first - 1]
            if is_space(text[prev.end : num.start]) and prev.keys(language)[0] not in lex.stop:
                unit = _UNITS.get(prev.keys(language)[-1]) or prev.text
                start = prev.start
        if unit is None or unit in _CURRENCY_SIGNS.values():
            noun = _noun_after(text, tokens, nxt, end, language, lex, vague=value is None)
            if noun is not None:
                j, word = noun
                f = tokens[j].fold
                canonical = _UNITS.get(f) or _UNITS.get(tokens[j].keys(language)[-1])
                if canonical is None and language == "fr" and f[1:2] == "'":
                    canonical = _UNITS.get(f[2:])
                if unit is None or canonical == unit:
                    unit = canonical or word
                    end = tokens[j].end
        out.append(Found("quantity", start, end, value, unit, notes=tuple(notes)))
        taken = end
    return _ranges(text, out)


_RANGE = SPAN_WORDS | {"-", "–", "—"}


def _ranges(text: str, found: list[Found]) -> list[Found]:
    """The first number of a percent range is a percent too: "between 30 and 43 percent"."""
    for k in range(len(found) - 2, -1, -1):
        a, b = found[k], found[k + 1]
        if (
            a.kind == "quantity"
            and a.unit is None
            and b.kind == "percent"
            and a.value is not None
            and any(ch.isdigit() for ch in text[a.start : a.end])  # not "less than a half - 15%"
        ):
            between = text[a.end : b.start].strip()
            if between in _RANGE or between.lower() in _RANGE:
                found[k] = Found("percent", a.start, a.end, a.value, b.unit, notes=a.notes)
    return found


_SLAVIC_SCALE_ADJECTIVES = (("тысячн", 1000), ("тисячн", 1000), ("миллионн", 10**6), ("мільйонн", 10**6))
_SLAVIC_ORDINAL_ENDINGS = frozenset("й го ї а ий ого ої ому ій им ім ми х я е є ю ое ая ой ые ых".split())
_GERMAN_CAPITALISED_FUNCTION_WORDS = frozenset(
    "der die das den dem des ein eine einer einem einen es er sie wir ich ihr im in am an auf aus bei mit "
    "nach von vor für und aber dies diese dieser dieses auch doch so als wie wenn zu seit bis um über unter "
    "nur noch schon damit daher dann da man".split()
)


def _german_ordinal_noun(tok: Token) -> bool:
    return not tok.number and tok.text[:1].isupper() and tok.fold not in _GERMAN_CAPITALISED_FUNCTION_WORDS


_DEFINITE = {
    "en": frozenset({"the", "these", "those", "both", "all"}),  # "all three senators"
    "de": frozenset({"die", "der", "den", "dem", "beiden", "alle", "allen", "aller"}),  # "von allen drei"
    "ru": frozenset({"все", "всех", "всем", "всеми", "эти", "этих", "этим", "этими"}),  # "все три", "эти два"
    "uk": frozenset({"всі", "усі", "всіх", "усіх", "всім", "усім", "ці", "цих", "цим", "цими"}),
    "fr": frozenset({"les", "ces", "deux", "des", "aux", "tous", "toutes"}),  # "l'un des trois", "tous deux" both
    "fa": frozenset(fold(w) for w in ("این", "آن", "هر")),  # "این سه سناتور", "هر دو" both ("بین": _BEIN)
}


_BEIN = fold("بین")
_PAIR_NOUNS = {
    "fa": frozenset(fold(w) for w in "کشور کره طرف".split()),
    "ru": frozenset("стран страны странами сторон стороны сторонами корей".split()),
    "uk": frozenset("країн країни країнами сторін сторони сторонами корей".split()),
}
"""Nouns that, after 'two' in a language without articles, name the pair a report is about."""
_AR_SEQUENCE = frozenset(
    fold(w)
    for w in "الماضيين الماضيتين الأخيرين الأخيرتين المقبلين المقبلتين القادمين القادمتين الأولين الأوليين".split()
)
_LABELS = frozenset(
    fold(w)
    for w in "paragraph chapter section article part page item figure table line episode season step phase stage no "
    "number absatz kapitel abschnitt artikel teil seite punkt abbildung tabelle zeile folge staffel schritt stufe nr "
    "nummer paragraf paragraphe chapitre partie point tableau ligne épisode saison étape numéro "
    "пункт статья статьи глава часть страница раздел абзац номер номеру номером номера стаття статті частина "
    "сторінка розділ call dial "
    "الفقرة المادة الفصل الجزء الصفحة البند بند رقم ماده فصل بخش صفحه شماره کانال درجه".split()
)


def _labelled(text: str, tokens: Sequence[Token], num: NumberSpan, language: str) -> bool:
    """A number that names a part, not a count: "Paragraph two", "Artikel 5", "الفقرة 3";
    or one that ends a name: "Casa de Arraigo 1 im Barrio", "l'Agent du Ministère Public 3 de …"."""
    if num.first == 0 or num.value is None:
        return False
    prev = tokens[num.first - 1]
    gap = text[prev.end : num.start]
    if (is_space(gap) or gap == ". ") and not prev.number:
        if prev.fold in _LABELS or (language == "ar" and not _LABELS.isdisjoint(prev.keys(language))):
            return True  # "الرقم 116123": the label with its article
    if language in ("ar", "fa") and is_space(gap) and prev.text[:1].isupper() and prev.text.isascii():
        # "Bellator 206 را", "Radio 4 Desert Island" in Arabic script: a Latin name's number
        # (not "Michael Vann 72 ساله", an age; not "Ayr 38 - 17 Melrose", a score)
        k = num.last + 1
        if num.spelled or k >= len(tokens):
            return not num.spelled
        after = text[num.end : tokens[k].start]
        nxt = tokens[k]
        return is_space(after) and (
            (nxt.text[:1].isupper() and nxt.text.isascii()) or nxt.keys(language)[0] in _lexicon(language).stop
        )
    return bool(language) and is_space(gap) and _name_number(text, tokens, num, prev, language)


_AFTER_NAME_NUMBER = frozenset(
    "in im en de du des del da di a au aux à of for at on y und and et e и і в у am an auf zu mit von vom bei "
    "für nach only to from with by is was has will would sur pour par avec est на с з из від для".split()
)
"""Words after a name's number that it cannot be counting ("Terminal 2 in", "Centre 1 de")."""
_PERCENT_WORD_FIRSTS = frozenset({"percent", "per", "pour", "pourcent"})
_NOT_NAMES = frozenset(
    fold(w)
    for w in "monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag "
    "freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche".split()
)


def _name_number(text: str, tokens: Sequence[Token], num: NumberSpan, prev: Token, language: str) -> bool:
    """Digits right after a capitalised word inside a sentence, followed by punctuation or a
    function word: the end of a name ("Terminal 2,", "Gleis 3 in"), not a count."""
    if num.spelled or not num.whole_token or not isinstance(num.value, int) or num.first < 2:
        return False
    word = prev.text
    if not word[:1].isupper() or prev.number or prev.fold in _UNITS or prev.fold in _NOT_NAMES:
        return False
    before = text[tokens[num.first - 2].end : prev.start]
    if not (is_space(before) or before.strip() == ","):
        return False  # the first word of a sentence, a quotation or a bracket
    k = num.last + 1
    if k >= len(tokens):
        return text[num.end :].strip()[:1] not in ("%", "٪")
    after = text[num.end : tokens[k].start]
    if is_space(after):
        if tokens[k].fold in _AFTER_NAME_NUMBER:
            return True
        # "Nord Stream 2 pipeline", "BBC Radio 4 programme": a number after a name of two
        # capitalised words, before a word it does not count (not plural, not a unit)
        f = tokens[k].fold
        two_capitals = (
            tokens[num.first - 2].text[:1].isupper()
            and not tokens[num.first - 2].number
            and is_space(text[tokens[num.first - 2].end : prev.start])
        )
        return (
            language in ("en", "fr")
            and two_capitals
            and not (f.endswith(("s", "x")) or f in _UNITS or f in _PERCENT_WORD_FIRSTS or f in EN_IRREGULAR_PLURALS)
        )
    return after.strip()[:1] in (",", ";", ")", "'", "’")


_MEETINGS = frozenset(
    "зустріч зустрічі зустріччю переговори переговорів саміт саміту встреча встречи встречу переговоры "
    "переговоров саммит саммита".split()
)


def _referential(text: str, tokens: Sequence[Token], num: NumberSpan, language: str) -> bool:
    """Not a count to check: 'the two countries' refers back; 'Yiyanwang Three' is a name."""
    if num.value is None or num.first == 0 or not isinstance(num.value, int):
        return False
    if language == "ar" and num.definite and num.value <= 3 and num.unit is None and not num.ordinal:
        return True  # "الاثنين" Monday / 'the two', "الأعضاء الثلاثة" the three already named
    if language == "ar" and num.definite and num.value == 2 and num.unit is not None and num.first == num.last:
        # a definite dual refers back ("الدولتين" the two states), unless a span of time
        # follows it ("العقدين الماضيين" the last two decades)
        k = num.last + 1
        return not (k < len(tokens) and tokens[k].fold in _AR_SEQUENCE)
    prev = tokens[num.first - 1]
    if not is_space(text[prev.end : num.start]):
        return False
    if (
        language == "en"
        and tokens[num.first].text[:1].isupper()
        and prev.text[:1].isupper()
        and not (num.ordinal and prev.fold in _DEFINITE["en"])  # "The Fifth Summit" at a sentence start
    ):
        return True
    if language == "en" and tokens[num.first].text[:1].isupper() and num.last + 1 < len(tokens) and not num.ordinal:
        after = tokens[num.last + 1]
        if after.text[:1].isupper() and is_space(text[tokens[num.last].end : after.start]):
            return True  # "Century in Five Lives and One …": a title, not a count ("the Fifth Summit" is one)
    if num.value == 2 and prev.fold in _MEETINGS:
        return True  # "зустрічі двох диктаторів": the parties to a meeting are already named
    if num.last + 1 < len(tokens) and tokens[num.last + 1].fold in SEQUENCE_WORDS.get(language, ()):
        return False  # "ces deux dernières décennies": the last two decades, not a reference back
    # "the two countries" refers back; "the third round" is an ordinal, not a reference
    if language == "fa" and prev.fold == _BEIN:
        return num.value == 2 and num.unit is None  # "بین دو کشور" between the two countries; "بین سه مدافع"
    if num.value == 2 and num.last + 1 < len(tokens) and tokens[num.last + 1].fold in _PAIR_NOUNS.get(language, ()):
        return True  # "سران دو کشور", "лидеры двух стран": languages without articles mean the two in question
    return num.value <= 3 and num.unit is None and not num.ordinal and prev.fold in _DEFINITE.get(language, ())


def _english_noun(text: str, tokens: Sequence[Token], j: int, lex: _Lexicon) -> tuple[int, str] | None:
    """English puts adjectives between number and noun ("30 grey thoroughbred horses"):
    take the first plural within four words, else the next word unless it is an adverb."""
    n = len(tokens)
    k = j
    while k < n and k - j < 4:
        tok = tokens[k]
        if tok.number or tok.fold in lex.stop or tok.fold in _UNITS:
            break
        f = tok.fold
        if english_s_plural(f):  # not "police" of "two police vans": irregular plurals are also adjectives
            return k, tok.text
        if k + 1 >= n or not is_space(text[tok.end : tokens[k + 1].start]):
            break
        k += 1
    first = tokens[j]
    if first.fold.endswith("ly"):
        return None
    return j, first.text


def _scale(value: int | float, factor: int) -> int | float:
    v = value * factor
    return int(v) if isinstance(v, float) and v.is_integer() else v


_PROCLITICS = frozenset({"و", "ب", "ل", "ف", "ك", "ال", "وال", "بال", "لل", "فال", "وب", "ول", "وبال"})


def _glued_word(text: str, end: int, tok: Token) -> bool:
    """A word in Arabic or Cyrillic script right after the digits: a missing space, not a code."""
    return tok.start == end and not tok.number and len(tok.fold) >= 2 and not tok.text[0].isascii()


def _glued_latin_word(language: str, tok: Token) -> bool:
    """A lower-case word of three letters or more right after digits in a language with rules
    ("5mois", "12years"): a missing space. Codes are short or capitalised ("5G", "2S19", "4K")."""
    return bool(language) and len(tok.text) >= 3 and tok.text.isalpha() and tok.text.islower()


def _is_identifier(text: str, start: int, end: int) -> bool:
    """Digits glued to letters before them ('MH17', 'COVID-19', 'Su-27', 'F-16').

    Arabic proclitics are not letters of a code: "و3 طائرات", "الـ24 ساعة", "بـ50";
    nor is any Arabic-script word: "حوالي200" is a missing space.
    """
    if start == 0:
        return False
    prev = text[start - 1]
    if "\u0600" <= prev <= "\u06ff":
        return False
    if prev.isalpha():
        k = start
        while k > 0 and (text[k - 1].isalpha()):
            k -= 1
        word = text[k:start]
        if len(word) >= 4 and word.islower() and "\u0400" <= word[0] <= "\u04ff":
            return False  # "платити350 доларів": a missing space ("Су-27", "АН124" are codes)
        return word.replace("ـ", "") not in _PROCLITICS
    if prev in "-‐‑" and start >= 2 and (text[start - 2].isalpha() or text[start - 2].isdigit()):
        return True
    return False


def _bound_before(text: str, tokens: Sequence[Token], first: int, language: str, lex: _Lexicon) -> str | None:
    for back in (1, 2, 3, 4):
        i = first - back
        if i < 0:
            return None
        hit = lex.bounds.match(text, tokens, i, language)
        if hit is not None:
            last, note = hit
            if last == first - 1 and is_space(text[tokens[last].end : tokens[first].start]):
                return str(note)
    return None


def _noun_after(
    text: str,
    tokens: Sequence[Token],
    j: int,
    end: int,
    language: str,
    lex: _Lexicon,
    vague: bool,
) -> tuple[int, str] | None:
    """The counted noun or unit right after a number, if there is one."""
    n = len(tokens)
    if j >= n:
        return None
    between = text[end : tokens[j].start]
    if not (is_space(between) or between in ("-", "")):
        return None
    tok = tokens[j]
    if tok.number:
        return None
    if vague and tok.fold in _OF.get(language, ()) and j + 1 < n:
        if is_space(text[tok.end : tokens[j + 1].start]):
            j += 1
            tok = tokens[j]
    if language == "fr" and tok.fold in SEQUENCE_WORDS["fr"] and j + 1 < n:
        if is_space(text[tok.end : tokens[j + 1].start]) and not tokens[j + 1].number:
            j += 1  # "deux dernières décennies": the noun comes after 'last'
            tok = tokens[j]
    keys = tok.keys(language)
    if keys[0] in lex.stop:
        return None
    if any(k in _UNITS for k in keys):
        return j, tok.text
    if language == "fr" and tok.fold[1:2] == "'" and tok.fold[2:] in _UNITS:
        return j, tok.text  # "milliards d'euros"
    if not language:
        return None  # no rules: a unit symbol or nothing
    if language == "en":
        return _english_noun(text, tokens, j, lex)
    if language == "de":
        if tok.text[:1].isupper():
            return j, tok.text
        # one lower-case adjective before the noun: "73 neue Triebwagen"
        if j + 1 < n and is_space(text[tok.end : tokens[j + 1].start]) and tokens[j + 1].text[:1].isupper():
            if not tokens[j + 1].number:
                return j + 1, tokens[j + 1].text
        return None
    return j, tok.text
