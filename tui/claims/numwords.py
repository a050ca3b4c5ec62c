"""Spelled-out numbers (cardinal, ordinal, scale words) in six languages.

Owned tables, because no offline library covers the need: ``number-parser``
knows en/es/hi/ru/uk only and returns rewritten strings without offsets, and
nothing on PyPI handles Arabic (clitics, duals, gender forms), Persian (ZWNJ
joins, ``-om``/``-omin`` ordinals) or German (words compounded into one token:
``fünfundzwanzig``, ``sechstägigen``). Tables are keyed by the folded form of
:func:`tui.claims.tokens.fold` (Arabic alef/yeh/teh-marbuta variants merged).

Each entry is a :class:`NumWord`; :mod:`tui.claims.numbers` chains them into
values ("خمسة عشر" → 15, "بیست و پنج" → 25, "three thousand" → 3000).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tui.claims.tokens import fold


@dataclass(frozen=True, slots=True)
class NumWord:
    value: int
    kind: str
    """``unit`` (1-9), ``ten`` (10, 20 … 90, teens), ``hundred`` (a ×100 multiplier),
    ``hundreds`` (200 … 900 written as one word), ``scale`` (×1000, ×10⁶ …),
    ``plural`` (a plural scale word: a multiplier after a number, vague alone),
    ``fraction`` (a denominator: "Drittel", "تريليون"; ``value`` is the denominator)."""
    ordinal: bool = False
    alone: bool = True
    """False for words too ambiguous to be a number by themselves (one/ein/یک,
    Persian نه 'no'/'nine' …); they still count inside compounds."""
    unit: str | None = None
    """The counted noun carried by the word itself: Arabic duals (يومين = 2 days),
    German compounds (sechstägig = 6-day)."""
    numerator: int = 1
    """Fractions that carry their numerator: Arabic "ثلثا" two thirds."""


def _add(table: dict[str, NumWord], words: str, value: int, kind: str, **kw: object) -> None:
    for w in words.split():
        table[fold(w)] = NumWord(value, kind, **kw)  # type: ignore[arg-type]


def _arabic() -> dict[str, NumWord]:
    t: dict[str, NumWord] = {}
    _add(t, "واحد واحدة أحد إحدى", 1, "unit", alone=False)
    _add(t, "اثنان اثنين اثنتان اثنتين", 2, "unit")
    _add(t, "اثنا اثني اثنتا اثنتي", 2, "unit", alone=False)  # "اثنا عشر" 12; folded, "أثنى" is "praised"
    for value, words in (
        (3, "ثلاث ثلاثة"),
        (4, "أربع أربعة"),
        (5, "خمس خمسة"),
        (6, "ست ستة"),
        (7, "سبع سبعة"),
        (8, "ثمان ثماني ثمانية"),
        (9, "تسع تسعة"),
    ):
        _add(t, words, value, "unit")
    _add(t, "عشر عشرة", 10, "ten")
    for value, stem in (
        (20, "عشر"),
        (30, "ثلاث"),
        (40, "أربع"),
        (50, "خمس"),
        (60, "ست"),
        (70, "سبع"),
        (80, "ثمان"),
        (90, "تسع"),
    ):
        _add(t, f"{stem}ون {stem}ين", value, "ten")
    _add(t, "مائة مئة مائه مئه", 100, "hundred")
    # not "مئتا": folded it is "ميتا" 'dead' ("وكان ميتًا")
    _add(t, "مائتان مائتين مئتان مئتين مائتا", 200, "hundreds")
    for value, stem in (
        (300, "ثلاث"),
        (400, "أربع"),
        (500, "خمس"),
        (600, "ست"),
        (700, "سبع"),
        (800, "ثمان"),
        (900, "تسع"),
    ):
        _add(t, f"{stem}مائة {stem}مئة", value, "hundreds")
    _add(t, "ثمانيمائة ثمانمئة", 800, "hundreds")
    _add(t, "ألف ألفا", 1000, "scale")
    _add(t, "ألفان ألفين ألفي", 2000, "hundreds")
    _add(t, "آلاف ألوف", 1000, "plural")
    _add(t, "مئات", 100, "plural")
    _add(t, "مليون مليونا", 10**6, "scale")
    _add(t, "مليونان مليونين مليوني", 2 * 10**6, "hundreds")
    _add(t, "ملايين", 10**6, "plural")
    _add(t, "مليار مليارا بليون", 10**9, "scale")
    _add(t, "ملياران مليارين", 2 * 10**9, "hundreds")
    _add(t, "مليارات", 10**9, "plural")
    _add(t, "تريليون", 10**12, "scale")
    # "الثاني/الثانية" alone is also 'the latter', 'the second (of time)', "World War II":
    # an ordinal 2 counts inside a compound only ("الثاني عشر"), like English "second".
    _add(t, "الثاني الثانية ثاني ثانية", 2, "unit", ordinal=True, alone=False)
    _add(t, "الحادي الحادية حادي حادية", 1, "unit", ordinal=True, alone=False)
    _add(t, "الأول الأولى", 1, "unit", ordinal=True, alone=False)  # "النصف الأول" the first half
    for value, words in (
        (3, "الثالث الثالثة ثالث ثالثة"),
        (4, "الرابع الرابعة رابع رابعة"),
        (5, "الخامس الخامسة خامس خامسة"),
        (6, "السادس السادسة سادس سادسة"),
        (7, "السابع السابعة سابع سابعة"),
        (8, "الثامن الثامنة ثامن ثامنة"),
        (9, "التاسع التاسعة تاسع تاسعة"),
        (10, "العاشر العاشرة عاشر عاشرة"),
    ):
        _add(t, words, value, "unit" if value < 10 else "ten", ordinal=True)
    _add(t, "نصف", 2, "fraction")
    _add(t, "ثلث", 3, "fraction")
    _add(t, "ثلثا ثلثي ثلثان", 3, "fraction", numerator=2)
    _add(t, "ربع", 4, "fraction", alone=False)  # also "الربع الأول" the first quarter
    # Duals carry their noun: "يومين" is "two days".
    for noun, words in (
        ("يوم", "يومين يومان"),
        ("شهر", "شهرين شهران"),
        ("عام", "عامين عامان"),
        ("سنة", "سنتين سنتان"),
        ("أسبوع", "أسبوعين أسبوعان"),
        ("ساعة", "ساعتين ساعتان"),
        ("دقيقة", "دقيقتين دقيقتان"),
        ("ليلة", "ليلتين ليلتان"),
        ("عقد", "عقدين عقدان"),
        ("قدم", "قدمين قدمان"),
        ("سيدة", "سيدتين سيدتان"),
        ("امرأة", "امرأتين امرأتان"),
        ("رجل", "رجلين رجلان"),
        ("طفل", "طفلين طفلان"),
        ("شخص", "شخصين شخصان"),
        ("دولة", "دولتين دولتان"),
        ("مرة", "مرتين مرتان"),
        ("زوج", "زوجين"),  # "حوالي زوجين من الكيلومترات" a couple of kilometres (seed gold)
        ("طن", "طنين"),
        ("كيلومتر", "كيلومترين"),
        ("متر", "مترين"),
        ("دقيقة", "دقيقتين"),
        ("ثانية", "ثانيتين"),
        ("جولة", "جولتين"),
        ("سيارة", "سيارتين"),
        ("طائرة", "طائرتين"),
        ("صاروخ", "صاروخين"),
    ):
        _add(t, words, 2, "unit", unit=noun)
    return t


def _persian() -> dict[str, NumWord]:
    t: dict[str, NumWord] = {}
    _add(t, "یک", 1, "unit", alone=False)
    cardinals = [
        (2, "دو", "unit"),
        (3, "سه", "unit"),
        (4, "چهار", "unit"),
        (5, "پنج", "unit"),
        (6, "شش", "unit"),
        (7, "هفت", "unit"),
        (8, "هشت", "unit"),
        (11, "یازده", "ten"),
        (12, "دوازده", "ten"),
        (13, "سیزده", "ten"),
        (14, "چهارده", "ten"),
        (15, "پانزده", "ten"),
        (16, "شانزده", "ten"),
        (17, "هفده", "ten"),
        (18, "هجده", "ten"),
        (19, "نوزده", "ten"),
        (20, "بیست", "ten"),
        (40, "چهل", "ten"),
        (50, "پنجاه", "ten"),
        (60, "شصت", "ten"),
        (70, "هفتاد", "ten"),
        (80, "هشتاد", "ten"),
        (90, "نود", "ten"),
        (100, "صد", "hundred"),
        (200, "دویست", "hundreds"),
        (300, "سیصد", "hundreds"),
        (400, "چهارصد", "hundreds"),
        (500, "پانصد", "hundreds"),
        (600, "ششصد", "hundreds"),
        (700, "هفتصد", "hundreds"),
        (800, "هشتصد", "hundreds"),
        (900, "نهصد", "hundreds"),
    ]
    for value, word, kind in cardinals:
        _add(t, word, value, kind)
        if value != 3:  # "دوم" second: like English "second", only in compounds and dates
            _add(t, f"{word}م {word}مین", value, kind, ordinal=True, alone=value != 2)
    _add(t, "شیش", 6, "unit")
    _add(t, "نصف نیم", 2, "fraction")  # "یک سوم" one third is یک + the ordinal سوم
    _add(t, "پونزده", 15, "ten")
    _add(t, "هیجده هژده", 18, "ten")
    _add(t, "یکصد", 100, "hundreds")
    # "نه" is also "no", "سی" a Latin letter ("بی بی سی"): compounds only.
    _add(t, "نه", 9, "unit", alone=False)
    _add(t, "ده", 10, "ten")  # also 'village', far rarer in news than ten ("ده سال پیش")
    _add(t, "سی", 30, "ten", alone=False)
    _add(t, "سوم سومین", 3, "unit", ordinal=True)
    _add(t, "نهم نهمین", 9, "unit", ordinal=True)
    _add(t, "دهم", 10, "ten", ordinal=True, alone=False)  # also the verb 'I give' ("قول دهم"): dates only
    _add(t, "دهمین", 10, "ten", ordinal=True)
    _add(t, "سیام سیامین سی‌ام سی‌امین", 30, "ten", ordinal=True)
    _add(t, "هزار", 1000, "scale")
    _add(t, "هزارم هزارمین", 1000, "scale", ordinal=True)
    _add(t, "میلیون ملیون", 10**6, "scale")
    _add(t, "میلیارد ملیارد", 10**9, "scale")
    _add(t, "تریلیون", 10**12, "scale")
    _add(t, "هزاران هزارها", 1000, "plural")
    _add(t, "صدها", 100, "plural")
    _add(t, "میلیونها میلیون‌ها", 10**6, "plural")
    _add(t, "میلیاردها میلیارد‌ها", 10**9, "plural")
    return t


def _slavic(
    units: dict[int, str],
    teens: dict[int, str],
    tens: dict[int, str],
    hundreds: dict[int, str],
    scales: dict[int, tuple[str, str]],
    ordinals: dict[int, str],
    ordinal_endings: str,
    one: str,
) -> dict[str, NumWord]:
    t: dict[str, NumWord] = {}
    _add(t, one, 1, "unit", alone=False)
    for value, words in units.items():
        _add(t, words, value, "unit")
    for table in (teens, tens):
        for value, words in table.items():
            _add(t, words, value, "ten")
    for value, words in hundreds.items():
        _add(t, words, value, "hundreds")
    for value, (singular, plural) in scales.items():
        _add(t, singular, value, "scale")
        _add(t, plural, value, "plural")
    endings = ordinal_endings.split()
    for value, stems in ordinals.items():
        for stem in stems.split():
            if stem.endswith("!"):  # a complete irregular form
                _add(t, stem[:-1], value, "unit" if value < 10 else "ten", ordinal=True)
                continue
            for ending in endings:
                kind = "unit" if value < 10 else ("hundreds" if value >= 100 else "ten")
                _add(t, stem + ending, value, kind, ordinal=True)
    return t


def _ukrainian() -> dict[str, NumWord]:
    t = _slavic_words()
    # collective numerals ("шестеро", "двоє дітей")
    for value, words in ((2, "двоє"), (3, "троє"), (4, "четверо"), (5, "п'ятеро"), (6, "шестеро"),
                         (7, "семеро"), (8, "восьмеро"), (9, "дев'ятеро"), (10, "десятеро")):  # fmt: skip
        _add(t, words, value, "unit" if value < 10 else "ten")
    # see Russian "первый": compounds, dates, "першої половини 2019"; also "другий" is 'other'
    _add(t, "перший перша перше першого першої першому першим першім першій першу перші перших", 1, "unit",
         ordinal=True, alone=False)  # fmt: skip
    _add(t, "другий друга друге другого другої другому другим другім другій другу другі других", 2, "unit",
         ordinal=True, alone=False)  # fmt: skip
    _add(t, "двічі вдвічі удвічі", 2, "unit", unit="раз")
    _add(t, "сотні сотень сотням сотнями", 100, "plural")
    _add(t, "десятки десятків десяткам десятками", 10, "plural")
    _add(t, "половина половини половину половиною", 2, "fraction")
    _add(t, "півтора півтори", 2, "fraction", numerator=3)  # 1.5
    _add(t, "третина третини третину третиною", 3, "fraction")
    _add(t, "чверть чверті чвертю", 4, "fraction")
    return t


def _russian() -> dict[str, NumWord]:
    t = _russian_words()
    for value, stem in ((2, "дво"), (3, "тро"), (4, "четвер"), (5, "пятер"), (6, "шестер"), (7, "семер"),
                        (8, "восьмер"), (9, "девятер"), (10, "десятер")):  # fmt: skip
        ends = "е их им ими" if value < 4 else "о ых ым ыми"
        _add(t, " ".join(stem + e for e in ends.split()), value, "unit" if value < 10 else "ten")
    # like English "first"/"second": in compounds ("двадцать первый" 21st), dates, and
    # "первой половины 2019" (the first half of a year, not a share); never a number alone
    _add(t, "первый первая первое первого первой первому первым первом первую первые первых", 1, "unit",
         ordinal=True, alone=False)  # fmt: skip
    _add(t, "второй вторая второе второго второму вторым втором вторую вторые вторых", 2, "unit",
         ordinal=True, alone=False)  # fmt: skip
    _add(t, "дважды вдвое", 2, "unit", unit="раз")
    _add(t, "сотни сотен сотням сотнями", 100, "plural")
    _add(t, "десятки десятков десяткам десятками", 10, "plural")
    _add(t, "половина половины половину половиной", 2, "fraction")
    _add(t, "полтора полторы", 2, "fraction", numerator=3)  # 1.5
    _add(t, "треть трети третью", 3, "fraction")
    _add(t, "четверть четверти четвертью", 4, "fraction")
    return t


def _slavic_words() -> dict[str, NumWord]:
    return _slavic(
        units={
            2: "два дві двох двом двома",
            3: "три трьох трьом трьома",
            4: "чотири чотирьох чотирьом чотирма",
            5: "п'ять п'яти п'ятьох п'ятьом п'ятьма",
            6: "шість шести шістьох шістьом шістьма",
            7: "сім семи сімох сімом сімома сьома",
            8: "вісім восьми вісьмох вісьмом вісьма",
            9: "дев'ять дев'яти дев'ятьох дев'ятьом дев'ятьма",
        },
        teens={
            value: " ".join(f"{stem}надцят{e}" for e in ("ь", "и", "ьох", "ьом", "ьма"))
            for value, stem in (
                (11, "оди"),
                (12, "два"),
                (13, "три"),
                (14, "чотир"),
                (15, "п'ят"),
                (16, "шіст"),
                (17, "сім"),
                (18, "вісім"),
                (19, "дев'ят"),
            )
        },
        tens={
            10: "десять десяти десятьох десятьом десятьма",
            20: "двадцять двадцяти двадцятьох двадцятьма",
            30: "тридцять тридцяти тридцятьох тридцятьма",
            40: "сорок сорока",
            50: "п'ятдесят п'ятдесяти п'ятдесятьма",
            60: "шістдесят шістдесяти шістдесятьма",
            70: "сімдесят сімдесяти сімдесятьма",
            80: "вісімдесят вісімдесяти вісімдесятьма",
            90: "дев'яносто дев'яноста",
        },
        hundreds={
            100: "сто ста",
            200: "двісті двохсот двомстам",
            300: "триста трьохсот",
            400: "чотириста чотирьохсот",
            500: "п'ятсот п'ятисот",
            600: "шістсот шестисот",
            700: "сімсот семисот",
            800: "вісімсот восьмисот",
            900: "дев'ятсот дев'ятисот",
        },
        scales={
            1000: ("тисяча тисячу тисячею тис", "тисячі тисяч тисячам тисячами"),
            10**6: ("мільйон мільйона мільйоном млн", "мільйони мільйонів мільйонам мільйонами"),
            10**9: ("мільярд мільярда мільярдом млрд", "мільярди мільярдів мільярдам мільярдами"),
            10**12: ("трильйон трильйона трильйоном", "трильйони трильйонів трильйонам трильйонами"),
        },
        ordinals={
            3: "третій! третя! третє! третього! третьої! третьому! третім! третю! треті! третіх! третіми!",
            4: "четверт",
            5: "п'ят",
            6: "шост",
            7: "сьом",
            8: "восьм",
            9: "дев'ят",
            10: "десят",
            20: "двадцят",
            30: "тридцят",
            40: "сороков",
            50: "п'ятдесят",
            100: "сот",
            1000: "тисячн",
        },
        ordinal_endings="ий а е ого ої ому ій им ім у і их ими",
        one="один одна одне одного одній одним одну одному",
    )


def _russian_words() -> dict[str, NumWord]:
    return _slavic(
        units={
            2: "два две двух двум двумя",
            3: "три трех трем тремя",
            4: "четыре четырех четырем четырьмя",
            5: "пять пяти пятью",
            6: "шесть шести шестью",
            7: "семь семи",  # not "семью": also 'family'
            8: "восемь восьми восемью",
            9: "девять девяти девятью",
        },
        teens={
            value: " ".join(f"{stem}надцат{e}" for e in ("ь", "и", "ью"))
            for value, stem in (
                (11, "один"),
                (12, "две"),
                (13, "три"),
                (14, "четыр"),
                (15, "пят"),
                (16, "шест"),
                (17, "сем"),
                (18, "восем"),
                (19, "девят"),
            )
        },
        tens={
            10: "десять десяти десятью",
            20: "двадцать двадцати двадцатью",
            30: "тридцать тридцати тридцатью",
            40: "сорок сорока",
            50: "пятьдесят пятидесяти",
            60: "шестьдесят шестидесяти",
            70: "семьдесят семидесяти",
            80: "восемьдесят восьмидесяти",
            90: "девяносто девяноста",
        },
        hundreds={
            100: "сто ста",
            200: "двести двухсот",
            300: "триста трехсот",
            400: "четыреста четырехсот",
            500: "пятьсот пятисот",
            600: "шестьсот шестисот",
            700: "семьсот семисот",
            800: "восемьсот восьмисот",
            900: "девятьсот девятисот",
        },
        scales={
            1000: ("тысяча тысячу тысячей тыс", "тысячи тысяч тысячам тысячами"),
            10**6: ("миллион миллиона миллионом млн", "миллионы миллионов миллионам миллионами"),
            10**9: ("миллиард миллиарда миллиардом млрд", "миллиарды миллиардов миллиардам миллиардами"),
            10**12: ("триллион триллиона триллионом", "триллионы триллионов триллионам триллионами"),
        },
        ordinals={
            3: "третий! третья! третье! третьего! третьей! третьему! третьим! третьем! третью! третьи! третьих! "
            "третьими!",
            4: "четверт",
            5: "пят",
            6: "шест",
            7: "седьм",
            8: "восьм",
            9: "девят",
            10: "десят",
            20: "двадцат",
            30: "тридцат",
            40: "сороков",
            50: "пятидесят",
            100: "сот",
            1000: "тысячн",
        },
        ordinal_endings="ый ой ая ое ого ой ому ым ом ую ые ых ыми",
        one="один одна одно одного одной одним одну одному",
    )


def _english() -> dict[str, NumWord]:
    t: dict[str, NumWord] = {}
    _add(t, "one", 1, "unit", alone=False)
    _add(t, "first", 1, "unit", ordinal=True, alone=False)  # dates only: "the first of May"
    _add(t, "second", 2, "unit", ordinal=True, alone=False)  # also the unit of time
    _add(t, "twice", 2, "unit", unit="times")
    _add(t, "a an", 1, "unit", alone=False)  # "a hundred", "a dozen", "a third"
    _add(t, "half halves", 2, "fraction")
    _add(t, "quarter quarters", 4, "fraction", alone=False)
    for value, word in enumerate("thirds fourths fifths sixths sevenths eighths ninths tenths".split(), start=3):
        _add(t, word, value, "fraction", alone=False)
    _add(t, "hundredths", 100, "fraction", alone=False)
    _add(t, "thousandths", 1000, "fraction", alone=False)
    _add(t, "millionth", 10**6, "scale", ordinal=True)
    _add(t, "billionth", 10**9, "scale", ordinal=True)
    _add(t, "trillionth", 10**12, "scale", ordinal=True)
    names = (
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen"
    ).split()
    for value, word in enumerate(names, start=2):
        _add(t, word, value, "unit" if value < 10 else "ten")
    for value, word in zip(
        range(20, 100, 10), "twenty thirty forty fifty sixty seventy eighty ninety".split(), strict=True
    ):
        _add(t, word, value, "ten")
        _add(t, word[:-1] + "ieth", value, "ten", ordinal=True)
    _add(t, "hundred", 100, "hundred")
    _add(t, "dozen", 12, "scale")  # "a dozen" 12, "five dozen" 60
    for value, word in ((1000, "thousand"), (10**6, "million"), (10**9, "billion"), (10**12, "trillion")):
        _add(t, word, value, "scale")
        _add(t, word + "s", value, "plural")
    _add(t, "bn", 10**9, "scale")
    _add(t, "hundreds", 100, "plural")
    _add(t, "dozens", 12, "plural")
    for value, word in (
        (3, "third"),
        (4, "fourth"),
        (5, "fifth"),
        (6, "sixth"),
        (7, "seventh"),
        (8, "eighth"),
        (9, "ninth"),
        (10, "tenth"),
        (11, "eleventh"),
        (12, "twelfth"),
        (13, "thirteenth"),
        (14, "fourteenth"),
        (15, "fifteenth"),
        (16, "sixteenth"),
        (17, "seventeenth"),
        (18, "eighteenth"),
        (19, "nineteenth"),
        (100, "hundredth"),
        (1000, "thousandth"),
    ):
        _add(t, word, value, "unit" if value < 10 else "ten", ordinal=True)
    return t


def _french() -> dict[str, NumWord]:
    t: dict[str, NumWord] = {}
    _add(t, "un une", 1, "unit", alone=False)
    _add(t, "premier première premiers premières", 1, "unit", ordinal=True, alone=False)
    cardinals = (
        (2, "deux"), (3, "trois"), (4, "quatre"), (5, "cinq"), (6, "six"), (7, "sept"), (8, "huit"), (9, "neuf"),
        (10, "dix"), (11, "onze"), (12, "douze"), (13, "treize"), (14, "quatorze"), (15, "quinze"), (16, "seize"),
        (20, "vingt"), (30, "trente"), (40, "quarante"), (50, "cinquante"), (60, "soixante"),
    )  # fmt: skip
    for value, word in cardinals:
        kind = "unit" if value < 10 else "ten"
        _add(t, word, value, kind)
        stem = {"cinq": "cinqu", "neuf": "neuv"}.get(word, word.removesuffix("e"))
        _add(t, stem + "ième " + stem + "ièmes", value, kind, ordinal=True)
    _add(t, "second seconde deuxième deuxièmes", 2, "unit", ordinal=True, alone=False)
    _add(t, "vingts", 20, "ten")
    _add(t, "cent cents", 100, "hundred")
    _add(t, "centième", 100, "hundreds", ordinal=True)
    _add(t, "mille", 1000, "scale")
    _add(t, "millième", 1000, "scale", ordinal=True)
    for value, word in ((10**6, "million"), (10**9, "milliard"), (10**12, "billion")):
        _add(t, word, value, "scale")
        _add(t, word + "s", value, "plural")
    _add(t, "md mds", 10**9, "scale")
    _add(t, "douzaine", 12, "scale")
    _add(t, "douzaines", 12, "plural")
    _add(t, "dizaines", 10, "plural")
    _add(t, "centaines", 100, "plural")
    _add(t, "milliers", 1000, "plural")
    # not "doublé": the verb "a doublé" (has doubled) is no figure (see doubling)
    _add(t, "moitié", 2, "fraction")
    # about so many: "une quinzaine d'années", "une centaine de personnes" (not "quarantaine": quarantine)
    for value, word in ((10, "dizaine"), (15, "quinzaine"), (20, "vingtaine"), (30, "trentaine"),
                        (50, "cinquantaine"), (60, "soixantaine"), (100, "centaine")):  # fmt: skip
        _add(t, word, value, "ten" if value < 100 else "hundreds")
    _add(t, "tiers", 3, "fraction", alone=False)
    _add(t, "quart quarts", 4, "fraction", alone=False)
    return t


def _german_scales() -> dict[str, NumWord]:
    t: dict[str, NumWord] = {}
    _add(t, "Million Mio", 10**6, "scale")
    _add(t, "Milliarde Mrd", 10**9, "scale")
    _add(t, "Billion", 10**12, "scale")
    # plural: a multiplier after a number ("1,5 Millionen"), vague alone ("Millionen von Dollar")
    _add(t, "Millionen", 10**6, "plural")
    _add(t, "Milliarden", 10**9, "plural")
    _add(t, "Billionen", 10**12, "plural")
    _add(t, "Tsd Tausend", 1000, "scale")  # "12 Tausend Schüler"
    _add(t, "Tausende Abertausende Zehntausende", 1000, "plural")
    _add(t, "Hunderte", 100, "plural")
    _add(t, "Dutzende Dutzenden", 12, "plural")
    _add(t, "Dutzend", 12, "scale")
    _add(t, "Hunderten", 100, "plural")
    _add(t, "Tausenden Abertausenden Zehntausenden", 1000, "plural")
    _add(t, "ein eine einen einem einer eines eins", 1, "unit", alone=False)
    _add(t, "Hälfte", 2, "fraction")
    _add(t, "halbe halben halber halbes", 2, "fraction", alone=False)  # "eine halbe Million": with a scale only
    _add(t, "eineinhalb anderthalb", 2, "fraction", numerator=3)  # 1.5
    for value, word in enumerate("Drittel Viertel Fünftel Sechstel Siebtel Achtel Neuntel Zehntel".split(), start=3):
        _add(t, word, value, "fraction", alone=False)
    return t


_G_UNIT = "ein|eins|zwei|zwo|drei|vier|fünf|fuenf|sechs|sieben|sieb|acht|neun"
_G_TEEN = "zehn|elf|zwölf|zwoelf|dreizehn|vierzehn|fünfzehn|fuenfzehn|sechzehn|siebzehn|achtzehn|neunzehn"
_G_TEN = "zwanzig|dreißig|dreissig|vierzig|fünfzig|fuenfzig|sechzig|siebzig|achtzig|neunzig"
_G_VALUES = {
    "ein": 1, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5,
    "sechs": 6, "sieben": 7, "sieb": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "zwoelf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "fuenfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
    "fuenfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
}  # fmt: skip
_G_BELOW100 = rf"(?:(?:{_G_UNIT})und)?(?:{_G_TEN})|(?:{_G_TEEN})|(?:{_G_UNIT})"
_G_BELOW1000 = rf"(?:(?:{_G_UNIT})?hundert(?:und)?)?(?:{_G_BELOW100})?"
_G_PIECE = re.compile(rf"{_G_TEN}|{_G_TEEN}|{_G_UNIT}|hundert|tausend|und")
_GERMAN = re.compile(
    rf"(?P<num>(?:(?:{_G_BELOW1000})tausend(?:und)?)?(?:{_G_BELOW1000}))"
    r"(?P<suffix>(?:s?te|dritte|ste)(?:n|r|s|m)?|e|en|er|es|em|"
    r"(?:tägig|taegig|jährig|jaehrig|monatig|wöchig|woechig|stündig|stuendig|minütig|fach|mal)"
    r"(?:e|en|er|es|em)?)?"
)
_G_UNIT_SUFFIX = {
    "tägig": "Tag", "taegig": "Tag", "jährig": "Jahr", "jaehrig": "Jahr", "monatig": "Monat",
    "wöchig": "Woche", "woechig": "Woche", "stündig": "Stunde", "stuendig": "Stunde",
    "minütig": "Minute", "fach": "fach", "mal": "mal",
}  # fmt: skip


_G_DENOMINATORS = {"drittel": 3, "viertel": 4, "fünftel": 5, "sechstel": 6, "zehntel": 10}
_G_FRACTION = re.compile(rf"(zwei|drei|vier|fünf|sechs|sieben|acht|neun)({'|'.join(_G_DENOMINATORS)})")
_G_FIRST = {w: NumWord(1, "unit", ordinal=True, alone=False) for w in "erste ersten erster erstes erstem".split()}
_G_FIRST.update({w: NumWord(2, "unit", unit="mal") for w in "doppelt zweimal".split()})
_G_FIRST.update({"zweier": NumWord(2, "unit"), "dreier": NumWord(3, "unit")})  # genitive: "zweier Ziele"


GERMAN_INITIALS = frozenset("ezdvfsanthu")
"""German number words start with one of these (compounds are parsed, not listed)."""


@lru_cache(maxsize=32768)
def german_word(folded: str) -> NumWord | None:
    """Parse a German number word, compounded or inflected ('fünfundzwanzig', 'sechstägigen')."""
    if len(folded) < 3 or folded[0] not in GERMAN_INITIALS:
        return None
    table = _german_scale_table()
    if folded in table:
        return table[folded]
    m = _GERMAN.fullmatch(folded)
    if folded in _G_FIRST:
        return _G_FIRST[folded]
    fraction = _G_FRACTION.match(folded)
    if fraction is not None:  # "Zweidrittelmehrheit", "dreiviertel"
        return NumWord(_G_DENOMINATORS[fraction.group(2)], "fraction", numerator=_G_VALUES[fraction.group(1)])
    if m is None or not m.group("num"):
        if folded in ("dritte", "dritten", "dritter", "drittes", "drittem"):
            return NumWord(3, "unit", ordinal=True)
        return None
    num, suffix = m.group("num"), m.group("suffix") or ""
    value = _german_value(num)
    if value is None:
        return None
    ordinal = suffix.startswith(("te", "ste"))
    if ordinal and value == 2:
        return NumWord(2, "unit", ordinal=True, alone=False)  # "im Zweiten Weltkrieg", like "second"
    unit = None
    for stem, noun in _G_UNIT_SUFFIX.items():
        if suffix.startswith(stem):
            unit = noun
            ordinal = False
            break
    if num in ("ein", "eins"):
        return None  # "einmal" once/ever, "einfach" simply, "eine" a
    if num == "sieb" and not (ordinal or unit):
        return None
    if suffix in ("e", "en", "er", "es", "em"):
        # 'zwanzigen', 'dreien' are not news German; "achte(n)" is the eighth but
        # also the verb "achten Sie": an ordinal for dates only.
        if not num.endswith("acht"):
            return None
        return NumWord(value, "unit" if value < 10 else "ten", ordinal=True, alone=False)
    kind = "unit" if value < 10 else ("ten" if value < 100 else "hundreds")
    return NumWord(value, kind, ordinal=ordinal, unit=unit)


def _german_value(num: str) -> int | None:
    total = 0
    current = 0
    pending = 0
    for piece in _G_PIECE.findall(num):
        if piece == "und":
            continue
        if piece == "hundert":
            current += (pending or 1) * 100
            pending = 0
        elif piece == "tausend":
            total += (current + pending or 1) * 1000
            current = pending = 0
        else:
            pending += _G_VALUES[piece]
    value = total + current + pending
    return value or None


@lru_cache(maxsize=1)
def _german_scale_table() -> dict[str, NumWord]:
    return _german_scales()


# Russian and Ukrainian compound adjectives: a numeral's combining form and a noun stem,
# "двухмесячная задержка" a two-month delay, "сорокашестилетний" 46-year-old, "п'ятирічний".
_SLAVIC_PREFIXES = {
    "ru": {
        "одно": 1, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8,
        "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12, "тринадцати": 13,
        "четырнадцати": 14, "пятнадцати": 15, "шестнадцати": 16, "семнадцати": 17, "восемнадцати": 18,
        "девятнадцати": 19, "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50,
        "шестидесяти": 60, "семидесяти": 70, "восьмидесяти": 80, "девяноста": 90, "сто": 100,
    },
    "uk": {
        "одно": 1, "дво": 2, "двох": 2, "три": 3, "трьох": 3, "чотири": 4, "чотирьох": 4, "п'яти": 5,
        "шести": 6, "семи": 7, "восьми": 8, "дев'яти": 9, "десяти": 10, "одинадцяти": 11,
        "дванадцяти": 12, "тринадцяти": 13, "чотирнадцяти": 14, "п'ятнадцяти": 15, "шістнадцяти": 16,
        "сімнадцяти": 17, "вісімнадцяти": 18, "дев'ятнадцяти": 19, "двадцяти": 20, "тридцяти": 30,
        "сорока": 40, "п'ятдесяти": 50, "шістдесяти": 60, "сімдесяти": 70, "вісімдесяти": 80,
        "дев'яноста": 90, "сто": 100,
    },
}  # fmt: skip
_SLAVIC_NOUN_STEMS = {
    "ru": {"летн": "год", "месячн": "месяц", "дневн": "день", "недельн": "неделя", "часов": "час",
           "минутн": "минута", "кратн": "раз", "этажн": "этаж", "километров": "км", "метров": "м",
           "тонн": "т"},
    "uk": {"річн": "рік", "місячн": "місяць", "денн": "день", "тижнев": "тиждень", "годинн": "година",
           "хвилинн": "хвилина", "кратн": "раз", "поверхов": "поверх", "кілометров": "км", "метров": "м",
           "тонн": "т"},
}  # fmt: skip
_RU_HARD = frozenset("ый ая ое ого ой ому ым ом ую ые ых ыми".split())  # "двухмесячный"
_RU_SOFT = frozenset("ий яя ее его ей ему им ем юю ие их ими".split())  # "пятилетний"
_UK_ENDINGS = frozenset("ий а е ого ої ому ій им ім у і их ими".split())  # "дворічний", "дворічна"


def _slavic_endings(language: str, stem: str) -> frozenset[str]:
    if language == "uk":
        return _UK_ENDINGS
    return _RU_SOFT if stem == "летн" else _RU_HARD


@lru_cache(maxsize=4)
def _slavic_compound_table(language: str) -> dict[str, NumWord]:
    """Every numeral compound adjective of ``language`` (some 16,000–18,000 words, made
    once) and what it says: a numeral (a ten, a unit below 20 or сто, or a ten and a
    unit below 10), a noun stem and an ending of that stem. One dictionary, so a word is
    found at C speed, as the other number words are."""
    prefixes = _SLAVIC_PREFIXES.get(language)
    if prefixes is None:
        return {}
    tens = {w: v for w, v in prefixes.items() if 20 <= v < 100 and v % 10 == 0}
    firsts = prefixes | {t + u: tv + v for t, tv in tens.items() for u, v in prefixes.items() if v < 10}
    words: dict[tuple[int, str], NumWord] = {}  # one NumWord per value and noun
    return {
        first + stem + ending: words.setdefault(
            (value, noun), NumWord(value, "unit" if value < 10 else "ten", unit=noun)
        )
        for first, value in firsts.items()
        for stem, noun in _SLAVIC_NOUN_STEMS[language].items()
        for ending in _slavic_endings(language, stem)
    }


def slavic_compounds(language: str) -> frozenset[str]:
    """Every numeral compound adjective of ``language`` (empty for other languages)."""
    return frozenset(_slavic_compound_table(language))


def slavic_compound(folded: str, language: str) -> NumWord | None:
    """A Russian or Ukrainian numeral compound adjective ('двухмесячный' = 2 months), or ``None``."""
    return _slavic_compound_table(language).get(folded)


@lru_cache(maxsize=8)
def table(language: str) -> dict[str, NumWord]:
    """The number-word table of ``language`` (German compounds: see :func:`german_word`)."""
    builders = {"ar": _arabic, "fa": _persian, "uk": _ukrainian, "ru": _russian, "en": _english, "fr": _french}
    if language == "de":
        return _german_scale_table()
    builder = builders.get(language)
    return builder() if builder else {}


def lookup(keys: tuple[str, ...], language: str) -> tuple[NumWord, int] | None:
    """The number word for a token's lookup keys, and which key matched."""
    t = table(language)
    for k, key in enumerate(keys):
        hit = t.get(key)
        if hit is not None:
            return hit, k
    if language == "de":
        hit = german_word(keys[0])
        if hit is not None:
            return hit, 0
    elif language in _SLAVIC_PREFIXES:
        hit = slavic_compound(keys[0], language)
        if hit is not None:
            return hit, 0
    return None


CONNECTORS = {
    "ar": frozenset({"و"}),
    "fa": frozenset({"و"}),
    "en": frozenset({"and"}),
    "de": frozenset({"und"}),
    "fr": frozenset({"et"}),
}
"""Words allowed between the parts of a spelled-out number."""

SPAN_WORDS = frozenset(fold(w) for w in "and to und bis et à و تا і та й и до".split())
"""Words joining the two ends of a span of numbers, in every language: "between 30 and 43
percent", "zwischen 30 und 40 Prozent", "de 30 à 40 %", "от 30 до 40%", "5 و 7 نوفمبر"."""
PERIOD_WORDS = SPAN_WORDS | {"through", "au", "по"}
"""Words joining the two ends of a span of days or years: also "May 1 through 5", "du 1er au 5
mai", "с 1 по 5 мая"; not of figures ("2 по 50%" is two of 50 % each)."""
CHOICE_WORDS = frozenset(fold(w) for w in "or oder ou или або یا".split())
"""Words offering one of two numbers: "1989 или 1991"."""

VAGUE_QUANTIFIERS = {
    "ar": frozenset({"عده", "بضعه", "بضع"}),
    "fa": frozenset(fold(w) for w in ("چند", "چندین")),
    "de": frozenset({"mehrere", "mehreren", "einige", "einigen", "viele", "vielen", "paar", "etliche", "etlichen"}),
    "uk": frozenset({"кілька", "декілька", "кількох", "декількох", "десятки", "десятків", "сотні", "сотень"}),
    "ru": frozenset({"несколько", "нескольких", "десятки", "десятков", "сотни", "сотен"}),
    "en": frozenset({"several", "tens", "few"}),
    "fr": frozenset({"plusieurs", "quelques"}),
}
"""'several', 'tens of' …: before a scale word they make a vague quantity ('кілька мільйонів')."""


# -- doubling: one policy for every language ----------------------------------------
#
# A factor given as a comparison is a quantity claim, 2: "twice as heavy",
# "doppelt so schwer", "deux fois plus", "вдвое выше", "удвічі вищим", "دو برابر
# میانگین". The verb or noun of doubling (or tripling …) is not: "doubled", "hat
# sich verdoppelt", "a doublé", "удвоилось", "подвоїлася", "تضاعف", "دو برابر کرد",
# "a doubling" say that something changed by a factor, not a figure the text
# gives, and a claim on one side of a translation only would make the two disagree. Nor is
# "double"/"doppelt" as an adjective or adverb ("doppelt schlecht", doubly bad).
# In most languages those words are no number words at all, so nothing reads
# them as one; :func:`doubling` names those that would be.

_DOPPELT = fold("doppelt")
_SO = fold("so")
_BARABAR = fold("برابر")
_BARABARI = fold("برابری")
_FA_LIGHT_VERBS = frozenset(fold(w) for w in "کرد کرده کند کنند کردن شد شده شدن شود شوند".split())


def doubling(words: Sequence[str], language: str) -> bool:
    """Whether folded ``words`` (a number word and up to two words after it)
    are doubling, which is no figure, rather than "twice as": German "doppelt"
    without "so" ("doppelt so viele" is twice as many), Persian "دو برابر کرده"
    (has doubled, "سه برابر کرد" has tripled) and "دو برابری" (a doubling),
    where "دو برابر میانگین" (twice the average) stays a figure."""
    first = words[0] if words else ""
    second = words[1] if len(words) > 1 else ""
    if language == "de":
        return first == _DOPPELT and second != _SO
    if language == "fa":  # any factor: "سه برابر کرد" has tripled
        return second == _BARABARI or (second == _BARABAR and len(words) > 2 and words[2] in _FA_LIGHT_VERBS)
    return False
