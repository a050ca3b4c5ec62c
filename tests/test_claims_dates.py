"""Dates and times in six languages: full, partial (never completed), solar and lunar hijri."""

from __future__ import annotations

import pytest

from tui.claims import extract_claims
from tui.claims.dates import lunar_to_iso, solar_to_iso


def dates(text: str, language: str, kind: str = "date") -> list[tuple[str, object]]:
    return [(c.text, c.value) for c in extract_claims(text, language) if c.kind == kind]


@pytest.mark.parametrize(
    ("text", "language", "span", "value"),
    [
        ("اعتبارًا من 5 أكتوبر 2023، مستوى", "ar", "5 أكتوبر 2023", "2023-10-05"),
        ("وصل في ٥ أكتوبر ٢٠٢٣ إلى", "ar", "٥ أكتوبر ٢٠٢٣", "2023-10-05"),
        ("منذ فبراير 2020. ومع ذلك", "ar", "فبراير 2020", "2020-02"),
        ("في 12 تشرين الأول/أكتوبر.", "ar", "12 تشرين الأول/أكتوبر", "--10-12"),
        ("منذ أغسطس/آب 2023.", "ar", "أغسطس/آب 2023", "2023-08"),
        ("vom 5. Oktober 2023 ein", "de", "5. Oktober 2023", "2023-10-05"),
        ("Am 13. September trafen", "de", "13. September", "--09-13"),
        ("zwischen dem 05.10. und", "de", "05.10.", "--10-05"),
        ("зроблених 5 жовтня 2023 року, видно", "uk", "5 жовтня 2023 року", "2023-10-05"),
        ("23.01.2026", "uk", "23.01.2026", "2026-01-23"),
        ("5 ноября 2023 года были", "ru", "5 ноября 2023 года", "2023-11-05"),
        ("taken on October 5, 2023 showed", "en", "October 5, 2023", "2023-10-05"),
        ("taken on 5th October 2023", "en", "5th October 2023", "2023-10-05"),
        ("on 2023-10-05 at", "en", "2023-10-05", "2023-10-05"),
        ("on 10/25/2023 at", "en", "10/25/2023", "2023-10-25"),
        ("در ۵ اکتبر ۲۰۲۳ به", "fa", "۵ اکتبر ۲۰۲۳", "2023-10-05"),
    ],
)
def test_full_and_partial_dates(text: str, language: str, span: str, value: str) -> None:
    assert dates(text, language) == [(span, value)]


@pytest.mark.parametrize(
    ("text", "language", "span", "value"),
    [
        ("في 5 نوفمبر ، أبلغت", "ar", "5 نوفمبر", "--11-05"),
        ("در سپتامبر، کره شمالی", "fa", "سپتامبر", "--09"),
        ("у вересні. Про це", "uk", "вересні", "--09"),
        ("seit August mehr als", "de", "August", "--08"),
        ("since August, South Korea", "en", "August", "--08"),
        ("в 2020 году", "ru", "2020 году", "2020"),
        ("في عام 2020 وصل", "ar", "2020", "2020"),
    ],
)
def test_partial_dates_stay_partial(text: str, language: str, span: str, value: str) -> None:
    # A missing year is never filled in from today's date.
    assert dates(text, language) == [(span, value)]


def test_ambiguous_month_names_need_a_day_year_or_preposition() -> None:
    assert dates("It may rain and they march in August", "en") == [("August", "--08")]
    assert dates("They may agree.", "en") == []
    assert dates("May 5, 2023", "en") == [("May 5, 2023", "2023-05-05")]
    assert dates("لقد مارس الضغط", "ar") == []
    assert dates("في مارس الماضي", "ar") == [("مارس", "--03")]
    assert dates("лютий ворог", "uk") == []
    assert dates("до лютого", "uk") == [("лютого", "--02")]
    assert dates("تیر به هدف خورد", "fa") == []  # 'bullet', not the month Tir


def test_impossible_days_are_never_dates() -> None:
    assert dates("31.02.2023", "de") == []
    # the day is dropped; the month and year still stand
    assert dates("30 فبراير 2023", "ar") == [("فبراير 2023", "2023-02")]


def test_decimals_are_not_dates() -> None:
    assert dates("stieg um 1,2 Prozent", "de") == []
    assert dates("1.5 million", "en") == []


def test_day_ranges_give_the_first_day_its_month() -> None:
    assert dates("zwischen dem 1. und 5. Oktober beladen", "de") == [("1", "--10-01"), ("5. Oktober", "--10-05")]
    assert dates("с 1 по 5 мая", "ru") == [("1", "--05-01"), ("5 мая", "--05-05")]
    assert dates("de 1 à 5 mai", "fr") == [("1", "--05-01"), ("5 mai", "--05-05")]
    assert dates("from 1 through 5 May", "en") == [("1", "--05-01"), ("5 May", "--05-05")]


def test_bare_years() -> None:
    assert dates("Trade rose in 2023.", "en") == [("2023", "2023")]
    assert dates("(2020)", "en") == [("2020", "2020")]
    assert dates("2000 soldiers died", "en") == []


# -- solar hijri ---------------------------------------------------------------------


def test_solar_hijri_full_date_is_converted() -> None:
    assert dates("روز ۱۵ مهر ۱۴۰۲ دست‌کم", "fa") == [("۱۵ مهر ۱۴۰۲", "2023-10-07")]
    assert dates("در تاریخ ۱۴۰۲/۰۷/۲۰ در تهران", "fa") == [("۱۴۰۲/۰۷/۲۰", "2023-10-12")]
    (claim,) = [c for c in extract_claims("۱ فروردین ۱۴۰۳", "fa") if c.kind == "date"]
    assert claim.value == "2024-03-20" and "solar hijri" in claim.reasons


def test_solar_hijri_month_and_year_are_intervals() -> None:
    assert dates("در مهر ۱۴۰۲ اعلام شد", "fa") == [("مهر ۱۴۰۲", "2023-09-23/2023-10-22")]
    assert dates("در سال ۱۴۰۲ اعلام شد", "fa") == [("۱۴۰۲", "2023-03-21/2024-03-19")]


def test_solar_hijri_without_year_stays_partial() -> None:
    value, notes = solar_to_iso(None, 7, 15)
    assert value == "--10-07" and "Gregorian day ±1: no year" in notes
    assert solar_to_iso(1402, 13, 1) == (None, ())


# -- lunar hijri (Umm al-Qura) ------------------------------------------------------


def test_lunar_hijri_date_beside_its_gregorian_equivalent_agrees_with_it() -> None:
    text = "الخميس 20 ربيع الأول 1445 هـ الموافق 5 أكتوبر 2023 م"
    assert dates(text, "ar") == [("20 ربيع الأول 1445 هـ", "2023-10-05"), ("5 أكتوبر 2023 م", "2023-10-05")]
    (lunar, _) = [c for c in extract_claims(text, "ar") if c.kind == "date"]
    assert "lunar hijri" in lunar.reasons


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("٢٠ ربيع الاول ١٤٤٥ه", "٢٠ ربيع الاول ١٤٤٥ه", "2023-10-05"),  # Arabic-Indic digits, no hamza
        ("حتى 30 صفر 1445هـ", "30 صفر 1445هـ", "2023-09-15"),
        ("في رمضان 1444 هـ", "رمضان 1444 هـ", "2023-03-23/2023-04-20"),
        ("يوم عرفة 9 ذي الحجة 1444", "9 ذي الحجة 1444", "2023-06-27"),
        ("في عام 1445 هـ", "1445 هـ", "2023-07-19/2024-07-06"),
    ],
)
def test_lunar_hijri_dates_are_converted(text: str, span: str, value: str) -> None:
    assert dates(text, "ar") == [(span, value)]


def test_lunar_hijri_without_a_year_or_with_a_gregorian_year_is_not_placed() -> None:
    assert dates("في 15 رمضان", "ar") == []  # the month drifts 11 days a year
    assert dates("قال رمضان قديروف إن", "ar") == []  # a name, not a month
    assert [v for _, v in dates("رمضان 2023", "ar")] == ["2023"]


def test_lunar_hijri_outside_umm_al_qura_uses_the_arithmetic_calendar_and_says_so() -> None:
    value, notes = lunar_to_iso(1200, 1, 1)
    assert value == "1785-11-04" and "arithmetic calendar: ±1–2 days" in notes
    assert lunar_to_iso(1445, 2, 31) == (None, ())
    assert lunar_to_iso(1445, 13, 1) == (None, ())


# -- times ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "span", "value"),
    [
        ("16:00", "uk", "16:00", "16:00"),
        ("في الساعة 10:24 بالتوقيت المحلي", "ar", "10:24", "10:24"),
        ("وفي الساعة 2:29 مساءً ، كانت", "ar", "2:29 مساءً", "14:29"),
        ("الساعة 9:30 صباحاً بالتوقيت", "ar", "9:30 صباحاً", "09:30"),
        ("um 14 Uhr im", "de", "14 Uhr", "14:00"),
        ("um 16.30 Uhr im", "de", "16.30 Uhr", "16:30"),
        ("left at 9:30 a.m. and", "en", "9:30 a.m.", "09:30"),
        ("at 4 pm local time", "en", "4 pm", "16:00"),
        ("о 14:00 за київським", "uk", "14:00", "14:00"),
    ],
)
def test_times(text: str, language: str, span: str, value: str) -> None:
    assert dates(text, language, "time") == [(span, value)]


def test_invalid_clock_times_are_not_times() -> None:
    assert dates("score 25:70", "en", "time") == []
