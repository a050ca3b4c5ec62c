"""Language identification (tui.language) with the real lingua models, offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.article import Article
from tui.language import detect_languages, language_name, paragraph_language
from tui.loading import load_article
from tui.paths import seeds_dir

SEED_LANGUAGES = {"000": "ar", "001": "fa", "002": "de", "003": "uk", "004": "ar"}


def seed_article(prefix: str) -> Article:
    (path,) = seeds_dir().glob(f"{prefix}_*.txt")
    return detect_languages(load_article(path))


def article_from(tmp_path: Path, text: str, name: str = "a.txt") -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return detect_languages(load_article(path))


@pytest.mark.parametrize("prefix,code", sorted(SEED_LANGUAGES.items()))
def test_seed_article_languages(prefix: str, code: str) -> None:
    article = seed_article(prefix)
    assert article.language == code
    assert article.notes == ()
    # Every body paragraph is in the article's language.
    body = [p for p in article.paragraphs if not p.is_boilerplate]
    assert body and all(p.language == code for p in body)


def test_seed_paragraph_exceptions() -> None:
    arabic = seed_article("000")
    assert arabic.paragraphs[18].text == "Exit mobile version"
    assert arabic.paragraphs[18].language is None  # Latin script, lingua unsure: no claim
    german = seed_article("002")
    assert german.paragraphs[23].text == "Leave a Reply"
    assert german.paragraphs[23].language == "en"
    ukrainian = seed_article("003")
    by_text = {p.text: p.language for p in ukrainian.paragraphs}
    for stamp in ("23.01.2026", "16:00", "22.01.2026", "10:55"):
        assert by_text[stamp] is None  # a date has no language
    assert by_text["Статті"] == "uk"  # low-accuracy lingua alone says Kazakh
    short_arabic = seed_article("004").paragraphs[5]
    assert short_arabic.text == "- توضيح في 38 شمالا."
    assert short_arabic.language == "ar"  # low-accuracy lingua alone says Persian


def test_detection_keeps_everything_else() -> None:
    (path,) = seeds_dir().glob("002_*.txt")
    plain = load_article(path)
    detected = detect_languages(plain)
    assert [(p.index, p.text, p.direction, p.boilerplate) for p in detected.paragraphs] == [
        (p.index, p.text, p.direction, p.boilerplate) for p in plain.paragraphs
    ]
    assert (detected.id, detected.content_hash) == (plain.id, plain.content_hash)


LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua.\nUt enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n"
)
KOREAN = "북한과 러시아 사이의 철도 교통이 지난달부터 크게 증가했다.\n위성 사진에 따르면 화물 열차가 73량에 이른다.\n"
GIBBERISH = "\n".join("qzx vbnw krtp lmzq wxcv bnmq pqrst hjkl zxcvb nmqw ertyu iopas" for _ in range(4))


@pytest.mark.parametrize(
    "text,hint",
    [(LOREM, "Latin"), (KOREAN, "Korean"), (GIBBERISH, ""), ("12.10.2023\n16:00\n", "no words")],
)
def test_unknown_language_is_none_with_a_note(tmp_path: Path, text: str, hint: str) -> None:
    article = article_from(tmp_path, text)
    assert article.language is None
    assert all(p.language is None for p in article.paragraphs)
    (note,) = article.notes
    assert note.startswith("language unknown")
    assert hint in note


def test_languages_outside_the_seeds(tmp_path: Path) -> None:
    swedish = article_from(
        tmp_path,
        "Järnvägstrafiken över gränsen mellan Nordkorea och Ryssland har ökat kraftigt "
        "sedan förra månaden med okänd last.\n",
        "sv.txt",
    )
    assert swedish.language == "sv"  # a short candidate list said Dutch, confidently


def test_quote_in_another_language_keeps_its_own_language(tmp_path: Path) -> None:
    text = (
        "Зафіксовано різке зростання кількості вантажних перевезень між Північною Кореєю та РФ.\n"
        "Про це пише проєкт Beyond Parallel, який аналізує супутникові знімки.\n"
        "Железнодорожное движение между Северной Кореей и Россией резко выросло после "
        "встречи лидеров двух стран в сентябре, сообщает проект.\n"
        "Rail traffic across the border has surged since last month, the think tank said.\n"
    )
    article = article_from(tmp_path, text)
    assert article.language == "uk"
    assert [p.language for p in article.paragraphs] == ["uk", "uk", "ru", "en"]


def test_short_latin_line_in_arabic_article_claims_nothing() -> None:
    assert paragraph_language("Exit mobile version", "ar") is None
    assert paragraph_language("16:00", "ar") is None


def test_failed_article_is_returned_unchanged(tmp_path: Path) -> None:
    empty = load_article(tmp_path / "missing.txt")
    assert detect_languages(empty) is empty


def test_language_names() -> None:
    assert language_name("ar") == "Arabic"
    assert language_name("fa") == "Persian"
    assert language_name("uk") == "Ukrainian"
    assert language_name("DE") == "German"
    assert language_name(None) == "unknown"
    assert language_name("ko") == "Korean"  # outside the reported set, from lingua
    assert language_name("xx") == "xx"


def test_importing_language_module_does_not_load_lingua() -> None:
    code = "import sys, tui.language; print('lingua' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert out.stdout.strip() == "False"


# Paragraph language with the article's language as a strong prior (issue 15).


def test_ukrainian_with_shcha_is_not_kazakh() -> None:
    # lingua alone: Kazakh 1.0, Ukrainian 0.0 whenever "щ" occurs and no Kazakh letter does
    for text in (
        "Щоб урятуватися від повені, мешканці села залізли на дахи і чекали човнів.",
        "Що ж, комісія ще не ухвалила рішення щодо нових тарифів.",
    ):
        assert paragraph_language(text, "uk") == "uk"
    # a real Kazakh sentence in a Ukrainian article keeps its own language
    kazakh = "Қазақстан үкіметі жаңа заң жобасын қабылдады және оны бүгін жариялады."
    assert paragraph_language(kazakh, "uk") == "kk"


def test_names_in_another_language_do_not_decide() -> None:
    german = (
        "Maria Keller, Senior Fellow in der Open Society Foundation, ist Leiterin der Citizens for "
        "Fair Elections in Berlin und Autorin des Buches „The Long Night: A Story of Hope and Fear“."
    )
    assert paragraph_language(german, "de") == "de"
    french = (
        "Maria Keller, chercheuse à la Open Society Foundation, dirige Citizens for Fair Elections à "
        "Berlin et a écrit le livre « The Long Night: A Story of Hope and Fear »."
    )
    assert paragraph_language(french, "fr") == "fr"
    # a whole English sentence in a German article is still English
    assert paragraph_language("The ministry said the figures would be published next week.", "de") == "en"


def test_plausible_languages_bar_other_rivals() -> None:
    serbian = "Влада Србије је данас усвојила нови закон о државној управи и јавним набавкама."
    assert paragraph_language(serbian, "ru") == "sr"
    assert paragraph_language(serbian, "ru", plausible={"ru", "uk", "en"}) == "ru"


def test_plausible_languages_of_a_corpus(tmp_path: Path) -> None:
    from tui.language import plausible_languages

    articles = [seed_article(prefix) for prefix in ("000", "002", "003")]
    assert plausible_languages(articles) == {"ar", "de", "uk", "en"}
    kazakh_looking = "Щоб урятуватися від повені, мешканці села залізли на дахи."
    assert paragraph_language(kazakh_looking, "uk", plausible_languages(articles)) == "uk"


def test_article_sample_is_spread_and_bounded() -> None:
    from tui.article import Paragraph
    from tui.language import ARTICLE_SAMPLE_CHARS, article_sample

    paragraphs = tuple(Paragraph(index=i, text=f"paragraph {i} " + "x" * 80) for i in range(5000))
    sample = article_sample(paragraphs)
    assert len(sample) <= ARTICLE_SAMPLE_CHARS
    assert "paragraph 0 " in sample and "paragraph 4" in sample.split("\n")[-1][:11]


def test_visible_paragraphs_first(tmp_path: Path) -> None:
    from tui.language import detect_article_language, detect_paragraph_languages

    text = "Die Regierung hat am Montag neue Zahlen veröffentlicht.\n" * 3 + "Rail traffic has surged, it said.\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    article = detect_article_language(load_article(path))
    assert article.language == "de"
    assert all(p.language is None for p in article.paragraphs)
    partial = detect_paragraph_languages(article, [3, 99])
    assert [p.language for p in partial.paragraphs] == [None, None, None, "en"]
    assert detect_paragraph_languages(partial, range(3)).paragraphs == detect_languages(article).paragraphs
