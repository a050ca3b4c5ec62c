"""Numbers and quantities: digit systems, separators by language, number words."""

from __future__ import annotations

import pytest

from tui.claims import extract_claims, numwords
from tui.claims.numbers import MAX_DIGITS, parse_run
from tui.claims.tokens import ascii_digits


def quantities(text: str, language: str) -> list[tuple[str, object, object]]:
    return [(c.text, c.value, c.unit) for c in extract_claims(text, language) if c.kind == "quantity"]


def values(text: str, language: str, kind: str = "quantity") -> list[object]:
    return [c.value for c in extract_claims(text, language) if c.kind == kind]


# -- digits and separators: the language decides ---------------------------------


@pytest.mark.parametrize(
    ("run", "language", "expected"),
    [
        ("6,700", "en", [6700]),
        ("6,700", "ar", [6700]),
        ("1,2", "de", [1.2]),
        ("1,2", "uk", [1.2]),
        ("1,2", "en", [1, 2]),  # not a number in English: a list
        ("6.700", "de", [6700]),
        ("1.5", "de", [1.5]),
        ("1,234,567.89", "en", [1234567.89]),
        ("6 700", "uk", [6700]),
        ("6\u00a0700", "de", [6700]),
        ("1٬000٫5", "ar", [1000.5]),  # Arabic thousands ٬ and decimal ٫
        ("١٢٫٥", "ar", [12.5]),
        ("۱/۵", "fa", [1.5]),  # Persian decimal slash
        ("1990/2000", "en", [1990, 2000]),
    ],
)
def test_separators_depend_on_language(run: str, language: str, expected: list[object]) -> None:
    assert [p.value for p in parse_run(ascii_digits(run), language)] == expected


def test_digit_systems_give_the_same_value() -> None:
    assert values("٦٧٠٠ حاوية", "ar") == [6700]
    assert values("۶۷۰۰ کانتینر", "fa") == [6700]
    assert values("6700 کانتینر", "fa") == [6700]


def test_arabic_indic_and_persian_digits_mix_in_one_number() -> None:
    # They look alike and Persian keyboards and sites mix them.
    assert values("٢۳ tanks", "en") == [23]
    assert values("۱۲٣ تانک", "fa") == [123]


def test_ascii_digits_glued_to_eastern_digits_are_not_one_number() -> None:
    # Found by hypothesis: "73" + "۱۴۰۲" * 4 was read as 731402140214021402.
    assert values("1٢۳ tanks", "en") == [23]
    assert all(v < 10**15 for v in values("73" + "۱۴۰۲" * 4, "ar"))


def test_overlong_digit_runs_are_not_numbers() -> None:
    assert parse_run("9" * (MAX_DIGITS + 1), "en") == []
    assert values("9" * 10_000 + " tanks", "en") == []


# -- quantities with units and counted nouns --------------------------------------


def test_counted_nouns_and_units() -> None:
    assert quantities("تم توثيق ما يقرب من 73 عربة قطار", "ar") == [("73 عربة", 73, "عربة")]
    assert quantities("جسر البالغ ارتفاعه 800 متر منذ", "ar") == [("800 متر", 800, "m")]
    assert quantities("۳ میلیون گلوله ۱۵۲ میلیمتری", "fa") == [
        ("۳ میلیون گلوله", 3_000_000, "گلوله"),
        ("۱۵۲ میلیمتری", 152, "mm"),
    ]
    assert quantities("Ungefähr 73 Triebwagen wurden", "de") == [("73 Triebwagen", 73, "Triebwagen")]
    assert quantities("загалом приблизно 73 вагони.", "uk") == [("73 вагони", 73, "вагони")]
    assert quantities("Kaliber 152 mm und 20 km", "de") == [("152 mm", 152, "mm"), ("20 km", 20, "km")]
    # English adjectives sit between the number and its noun
    assert quantities("sent 30 grey thoroughbred horses to", "en") == [("30 grey thoroughbred horses", 30, "horses")]
    assert quantities("the maximum of 20 previously documented", "en") == [("20", 20, None)]


def test_scale_words_after_digits() -> None:
    assert values("۱.۵ میلیون گلوله", "fa") == [1_500_000]
    assert values("1,5 Millionen Granaten", "de") == [1_500_000]
    assert values("3 آلاف جندي", "ar") == [3000]
    assert values("34,4 млн доларів", "uk") == [34_400_000]
    assert values("1.5 million shells", "en") == [1_500_000]


def test_money() -> None:
    assert quantities("rose to $34.4m in", "en") == [("$34.4m", 34_400_000, "USD")]
    assert quantities("$1.5 billion in aid", "en")[0][1:] == (1_500_000_000, "USD")
    assert quantities("34 میلیون دلار", "fa") == [("34 میلیون دلار", 34_000_000, "USD")]


def test_vague_quantities_have_no_value() -> None:
    assert quantities("حاوی میلیونها گلوله توپخانه", "fa") == [("میلیونها گلوله", None, "گلوله")]
    assert quantities("أنفقت آلاف الدولارات على", "ar") == [("آلاف الدولارات", None, "USD")]
    assert quantities("кілька мільйонів доларів", "uk") == [("кілька мільйонів доларів", None, "USD")]
    assert quantities("چندین میلیون نفر آمدند", "fa") == [("چندین میلیون نفر", None, "نفر")]


def test_approximations_are_notes_not_other_claims() -> None:
    (claim,) = [c for c in extract_claims("حدود ۶۷۰۰ کانتینر", "fa")]
    assert claim.kind == "quantity" and "approximate" in claim.reasons
    (claim,) = [c for c in extract_claims("maximal 20, die", "de")]
    assert "upper bound" in claim.reasons
    (claim,) = [c for c in extract_claims("more than 1,000 containers", "en")]
    assert claim.value == 1000 and "lower bound" in claim.reasons


def test_names_and_codes_are_not_quantities() -> None:
    assert values("جائحة COVID-19. في اليوم", "ar") == []
    assert values("مركز الأبحاث 38 الشمالي في واشنطن", "ar") == []
    assert values("- توضيح في 38 شمالا.", "ar") == []
    assert values("an analyst at 38 North said", "en") == []
    assert values("Su-27 and F-16 jets, 5G and MH17", "en") == []


def test_arabic_proclitics_glued_to_digits() -> None:
    assert values("دمرت 12 دبابة و3 طائرات خلال الـ24 ساعة", "ar") == [12, 3, 24]


# -- number words ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("السنوات الخمس الماضية", "ar", 5),
        ("استمرت ستة أيام", "ar", 6),
        ("يضم خمسة عشر عربة", "ar", 15),
        ("خمسة وعشرون جنديا", "ar", 25),
        ("ثلاثة آلاف جندي", "ar", 3000),
        ("بعد يومين فقط", "ar", 2),
        ("حدود چهار کشتی", "fa", 4),
        ("بیست و پنج هزار سرباز", "fa", 25_000),
        ("den letzten fünf Jahren", "de", 5),
        ("fünfundzwanzig Soldaten", "de", 25),
        ("der sechstägigen Reise", "de", 6),
        ("dreihundertfünf Panzer", "de", 305),
        ("протягом останніх п’яти років", "uk", 5),
        ("протягом останніх п'яти років", "uk", 5),
        ("двадцять п'ять дронів", "uk", 25),
        ("около трех миллионов долларов", "ru", 3_000_000),
        ("twenty-five drones", "en", 25),
        ("three hundred and twenty tanks", "en", 320),
    ],
)
def test_number_words(text: str, language: str, value: int) -> None:
    assert values(text, language) == [value]


def test_counted_noun_of_arabic_definite_numbers_comes_before() -> None:
    (claim,) = extract_claims("في السنوات الخمس الماضية", "ar")
    assert (claim.text, claim.unit) == ("السنوات الخمس", "السنوات")


def test_german_compound_carries_its_noun() -> None:
    (claim,) = extract_claims("bis zum Ende der sechstägigen Reise", "de")
    assert (claim.text, claim.value, claim.unit) == ("sechstägigen", 6, "Tag")


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("сорокашестилетний", "ru", (46, "ten", "год")),  # a ten and a unit
        ("стокилометровая", "ru", (100, "ten", "км")),
        ("пятнадцатиэтажного", "ru", (15, "ten", "этаж")),
        ("пятилетний", "ru", (5, "unit", "год")),  # soft ending after -летн-
        ("пятилетный", "ru", None),  # a hard ending there is no word
        ("двухмесячний", "ru", None),  # nor a soft one after another stem
        ("двадцатипятнадцатилетний", "ru", None),  # a ten before a teen
        ("летний", "ru", None),  # no numeral
        ("п'ятирічна", "uk", (5, "unit", "рік")),
        ("дворічний", "uk", (2, "unit", "рік")),
        ("тридцятип'ятиповерхового", "uk", (35, "ten", "поверх")),
        ("п'ятирічний", "ru", None),  # Ukrainian is not Russian
        ("fünfjährig", "de", None),  # German compounds are parsed elsewhere
    ],
)
def test_slavic_compound_adjectives(word: str, language: str, expected: tuple[int, str, str] | None) -> None:
    hit = numwords.slavic_compound(word, language)
    assert (hit and (hit.value, hit.kind, hit.unit)) == expected
    assert (word in numwords.slavic_compounds(language)) == (expected is not None)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("making his 34th start", "en", ("34th start", 34, "start")),
        ("le 46ème candidat", "fr", ("46ème candidat", 46, "candidat")),
        ("که می تواند ۳۴امین شروع خود را داشته باشد", "fa", ("۳۴امین شروع", 34, "شروع")),
        ("برای ۲۰مین بار", "fa", ("۲۰مین بار", 20, "بار")),
        ("برای ۲۰ام بار", "fa", ("۲۰ام بار", 20, "بار")),
    ],
)
def test_ordinal_endings_glued_to_digits(text: str, language: str, expected: tuple[str, int, str]) -> None:
    (claim,) = extract_claims(text, language)
    assert (claim.text, claim.value, claim.unit) == expected
    assert "ordinal" in claim.reasons


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("der bald in den 20. Monat geht", "de", 20),
        ("الذي على وشك دخول شهره العشرين", "ar", 20),
        ("نزدیک‌شدن به سومین سال جنگ", "fa", 3),
        ("the twentieth month", "en", 20),
        ("the 20th month", "en", 20),
        ("на 20-й день", "uk", 20),
    ],
)
def test_ordinals(text: str, language: str, value: int) -> None:
    (claim,) = [c for c in extract_claims(text, language) if c.kind == "quantity"]
    assert claim.value == value
    assert "ordinal" in claim.reasons or claim.text.endswith("العشرين")


def test_ambiguous_one_words_are_not_numbers_alone() -> None:
    assert values("یکی از مقامات ارشد", "fa") == []
    assert values("einen möglichen Waffenhandel", "de") == []
    assert values("one of the officials", "en") == []
    assert values("one million shells", "en") == [1_000_000]


def test_referential_numbers_and_number_names_are_skipped() -> None:
    assert values("between the two countries", "en") == []
    assert values("the Yiyanwang Three viewing platform", "en") == []


def test_german_sentence_end_after_number_is_not_an_ordinal() -> None:
    (claim,) = extract_claims("Es waren 20. Die Zahl stieg.", "de")
    assert claim.value == 20 and "ordinal" not in claim.reasons


# -- percent -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("حدود ۳۰ درصد از مجموع", "fa", 30),
        ("۱۲٫۵ درصد افزایش", "fa", 12.5),
        ("بنسبة ٪١٥ في عام", "ar", 15),
        ("بنسبة 15% في عام", "ar", 15),
        ("ارتفع 15 بالمئة", "ar", 15),
        ("etwa 15 Prozent des Bedarfs", "de", 15),
        ("зріс на 30%, до", "uk", 30),
        ("rose 12.5% to", "en", 12.5),
        ("rose 4 percent", "en", 4),
    ],
)
def test_percent(text: str, language: str, value: float) -> None:
    assert values(text, language, "percent") == [value]
    assert values(text, language) == []


def test_percent_ranges_make_the_first_number_a_percent_too() -> None:
    assert values("zwischen 30 und 40 Prozent", "de", "percent") == [30, 40]
    assert values("от 30 до 40% голосов", "ru", "percent") == [30, 40]
    assert values("de 30 à 40 %", "fr", "percent") == [30, 40]
    # "по" ends a span of days ("с 1 по 5 мая"), never of figures: two stakes of 50 % each
    assert values("Компании получили 2 по 50% акций.", "ru") == [2]
