"""Page-furniture flags (tui.boilerplate), on the seeds and on made-up lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.boilerplate import flag_boilerplate, fold, line_reason, terminated
from tui.loading import segment
from tui.paths import seeds_dir


def seed_paragraphs(prefix: str) -> list[str]:
    (path,) = seeds_dir().glob(f"{prefix}_*.txt")
    return segment(path.read_text(encoding="utf-8"))


# Expected furniture per seed: index -> reason (checked against the text so a
# changed seed fails loudly instead of silently testing other lines).
FURNITURE: dict[str, dict[int, tuple[str, str]]] = {
    "000": {
        3: ("teaser", "تحول روسيا إلى كوريا الشمالية للحصول على الذخيرة"),
        7: ("teaser", "يُزعم أن القائد الروسي شوهد"),
        11: ("app prompt", "انقر هنا للحصول على تطبيق FOX NEWS"),
        16: ("share prompt", "شاركها."),
        17: ("comment prompt", "اترك تعليقاً"),
        18: ("navigation", "Exit mobile version"),
    },
    "001": {},
    "002": {
        4: ("teaser", "Russland wendet sich an Nordkorea"),
        5: ("photo caption", "Ein grüner Zug"),
        9: ("teaser", "Angeblich ist ein russischer Kommandeur"),
        10: ("photo caption", "Putin-Kim-Treffen"),
        11: ("photo caption", "Auf diesem von der nordkoreanischen Regierung"),
        15: ("app prompt", "KLICKEN SIE HIER FÜR DIE FOX NEWS APP"),
        16: ("photo caption", "Nordkoreas Machthaber Kim Jong Un in Russland"),
        17: ("photo caption", "Der nordkoreanische Staatschef Kim Jong Un besuchte"),
        22: ("navigation", "source site"),
        23: ("comment prompt", "Leave a Reply"),
    },
    "003": {
        8: ("donation ask", "Раніше «ОстроВ» підтримували грантодавці"),
        9: ("donation ask", "Підтримати"),
        10: ("navigation", "Статті"),
        11: ("navigation", "Країна"),
        12: ("timestamp", "23.01.2026"),
        13: ("timestamp", "16:00"),
        14: ("teaser", "Музей Корсаків у Луцьку"),
        15: ("teaser", '"Вартість цієї роботи'),
        16: ("navigation", "Країна"),
        17: ("timestamp", "22.01.2026"),
        18: ("timestamp", "10:55"),
        19: ("teaser", "Кадрова ротація воєнного часу"),
        20: ("teaser", "Це найдивніше звільнення"),
        21: ("navigation", "Світ"),
        22: ("timestamp", "21.01.2026"),
        23: ("timestamp", "10:40"),
        24: ("teaser", "«У визнанні суверенітету РФ"),
        25: ("teaser", "Прийнято військово-політичне рішення"),
        26: ("navigation", "Всі статті"),
    },
    "004": {},
}

# Body text that must never be flagged: headline, quotes, the contributor line,
# an unterminated paragraph with a truncated quote (004 #4), a short quote
# attribution (004 #5).
BODY: dict[str, dict[int, str]] = {
    "000": {
        0: "ارتفعت حركة السكك الحديدية",
        1: "قام مركز أبحاث التوحيد الكوري",
        2: "“في أعقاب قمة كيم-بوتين",
        4: "وتابع التقرير",
        5: "وقد لوحظت زيادة مطردة",
        6: "تم توثيق ما يقرب من 73 عربة قطار",
        8: "“بالنظر إلى أن كيم وبوتين",
        9: "ومع ذلك، فإن الاستخدام المكثف",
        10: "بوتين هذا الشهر استضافت",
        12: "قال خبراء لشبكة فوكس نيوز ديجيتال",
        13: "وقال سيث جونز",
        14: "استهلك غزو موسكو لأوكرانيا",
        15: "ساهم بيتر أيتكين",
    },
    "001": {i: "" for i in range(8)},
    "002": {
        0: "Satellitenbilder zeigen",
        1: "Der Eisenbahnverkehr über die Grenze",
        2: "Die in den USA ansässige Denkfabrik",
        3: "„Nach dem Kim-Putin-Gipfel",
        6: "In dem Bericht heißt es weiter",
        7: "Im Eisenbahnwerk Tumangang",
        8: "Ungefähr 73 Triebwagen",
        12: "„Angesichts der Tatsache",
        13: "Durch den häufigen Einsatz",
        14: "Putin diesen Monat Gastgeber",
        18: "Nordkoreas mögliche Partnerschaft",
        19: "„Wenn man Nordkorea um Hilfe bittet",
        20: "Der Einmarsch Moskaus in die Ukraine",
        21: "Peter Aitken von Fox News Digital",
    },
    "003": {
        0: "КНДР різко наростила перевезення",
        1: "Зафіксовано різке зростання",
        2: '"На супутникових знімках',
        3: "З огляду на те, що Кім",
        4: "Разом з тим, широке використання",
        5: '"Події в інших місцях',
        6: "На думку аналітиків",
        7: "Як повідомлялося раніше",
    },
    "004": {
        0: "استأنفت روسيا وكوريا الشمالية",
        1: "وفقًا للمراقبين",
        2: "تم إغلاق جسر الصداقة",
        3: "في 4 نوفمبر",
        4: "من المستحيل تحديد الغرض",
        5: "- توضيح في 38 شمالا.",
        6: "في سبتمبر",
        7: "وهكذا",
    },
}


@pytest.mark.parametrize("prefix", sorted(FURNITURE))
def test_seed_furniture_is_flagged_with_reason(prefix: str) -> None:
    paragraphs = seed_paragraphs(prefix)
    reasons = flag_boilerplate(paragraphs)
    for index, (reason, start) in FURNITURE[prefix].items():
        assert paragraphs[index].startswith(start), (index, paragraphs[index])
        assert reasons[index] == reason, (index, paragraphs[index])


@pytest.mark.parametrize("prefix", sorted(BODY))
def test_seed_body_is_not_flagged(prefix: str) -> None:
    paragraphs = seed_paragraphs(prefix)
    reasons = flag_boilerplate(paragraphs)
    for index, start in BODY[prefix].items():
        assert paragraphs[index].startswith(start)
        assert reasons[index] is None, (index, reasons[index], paragraphs[index])
    # Every paragraph is accounted for: furniture or body, nothing else.
    assert sorted([*FURNITURE[prefix], *BODY[prefix]]) == list(range(len(paragraphs)))


@pytest.mark.parametrize(
    "text,reason",
    [
        ("Click here to get the Fox News app", "app prompt"),
        ("Скачайте приложение РИА Новости", "app prompt"),
        ("Завантажте наш застосунок", "app prompt"),
        ("اپلیکیشن ما را دانلود کنید", "app prompt"),
        ("Share this article", "share prompt"),
        ("Поделиться", "share prompt"),
        ("Facebook Twitter WhatsApp Telegram", "share prompt"),
        ("اشتراک‌گذاری", "share prompt"),
        ("Kommentar schreiben", "comment prompt"),
        ("Оставьте комментарий", "comment prompt"),
        ("أضف تعليقاً", "comment prompt"),
        ("دیدگاه‌تان را بنویسید", "comment prompt"),
        ("Donate now", "donation ask"),
        ("Поддержать", "donation ask"),
        ("Читайте также:", "navigation"),
        ("اقرأ أيضاً", "navigation"),
        ("Mehr zum Thema", "navigation"),
        ("بیشتر بخوانید", "navigation"),
        ("© 2023 Fox News Network, LLC. All rights reserved.", "site footer"),
        ("Все права защищены", "site footer"),
        ("Subscribe to our newsletter for daily updates", "subscription prompt"),
        ("Фото: УНІАН", "photo credit"),
        ("(AP Photo/Ahn Young-joon)", "photo credit"),
        ("Kim Jong Un inspects a factory in Pyongyang. (KCNA via Reuters)", "photo caption"),
        ("22.01.2026 10:55", "timestamp"),
        ("2023-10-05", "timestamp"),
    ],
)
def test_line_rules_across_languages(text: str, reason: str) -> None:
    assert line_reason(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "Russia's share of North Korean trade grew sharply in 2023.",
        "Західні партнери обіцяють підтримати Україну новими поставками снарядів.",
        "Военная поддержка России со стороны КНДР растёт, сообщает Reuters.",
        "Experts said the app was used by soldiers to share positions.",
        "The study was published by the Center for Strategic and International Studies (CSIS)",
        "Источник в правительстве сообщил, что поставки продолжаются.",
        "73 вагони",
        "Kim Jong Un",
    ],
)
def test_body_like_lines_are_not_furniture(text: str) -> None:
    assert line_reason(text) is None


BODY_DE = [
    "Der Zug fuhr am Freitag über die Grenze nach Russland.",
    "Beobachter zählten 73 Waggons an der Station Tumangang.",
    "Die Ladung war mit Planen abgedeckt, sagte ein Experte.",
]


def test_short_subheading_without_caption_is_left_alone() -> None:
    paragraphs = [*BODY_DE, "Putin-Kim-Treffen", *BODY_DE]
    assert flag_boilerplate(paragraphs) == [None] * 7


def test_unpunctuated_headline_inside_body_is_a_teaser() -> None:
    teaser = "Russland wendet sich an Nordkorea um dringend benötigte Munition zu kaufen"
    reasons = flag_boilerplate(["Überschrift ohne Punkt", *BODY_DE, teaser, *BODY_DE])
    assert reasons == [None, None, None, None, "teaser", None, None, None]


def test_unpunctuated_line_at_the_end_is_not_an_embedded_teaser() -> None:
    # Nothing after it: may be a truncated last paragraph, not a teaser.
    last = "Die Lieferungen dürften nach Angaben von Experten noch monatelang weitergehen"
    assert flag_boilerplate([*BODY_DE, last]) == [None] * 4


def test_donation_box_mid_article_does_not_end_the_article() -> None:
    body_after = [
        "Nach Angaben des Ministeriums wurden seit September rund 6700 Container verschickt.",
        "Die Container enthielten vermutlich drei Millionen Granaten, sagte der Minister.",
        "Pjöngjang bestreitet jeden Waffenhandel mit Moskau.",
        "Die Satellitenbilder zeigen dennoch regen Verkehr an der Grenze.",
    ]
    reasons = flag_boilerplate([*BODY_DE, "Jetzt spenden", *body_after])
    assert reasons == [None, None, None, "donation ask", None, None, None, None]


def test_tail_marker_too_early_does_not_end_the_article() -> None:
    reasons = flag_boilerplate(["Leave a Reply", "Short line", *BODY_DE])
    assert reasons == ["comment prompt", None, None, None, None]


def test_tail_after_comment_prompt_is_furniture() -> None:
    tail = ["Related", "Kim visits Russia", "Putin and Kim discuss weapons deal at cosmodrome summit meeting", "12:30"]
    reasons = flag_boilerplate([*BODY_DE, "Leave a comment", *tail])
    assert reasons[:4] == [None, None, None, "comment prompt"]
    assert all(reason is not None for reason in reasons[4:])


def test_fold_unifies_arabic_and_persian_spellings() -> None:
    assert fold("  اترك تعليقاً! ") == fold("اترك تعليقا") == "اترک تعلیقا"
    assert fold("«КНОПКА»") == "кнопка"


def test_terminated_ignores_closing_quotes() -> None:
    assert terminated("„Er sagte das.“")
    assert not terminated("„den Abschaum treffen“")
    assert terminated("هل هذا صحيح؟")


def test_empty_input() -> None:
    assert flag_boilerplate([]) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=25))
def test_flag_boilerplate_total(paragraphs: list[str]) -> None:
    reasons = flag_boilerplate(paragraphs)
    assert len(reasons) == len(paragraphs)
    assert all(reason is None or (isinstance(reason, str) and reason) for reason in reasons)
