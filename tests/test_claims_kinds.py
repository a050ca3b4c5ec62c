"""Attribution, quotes, hedges, denials, the links between them, and scores."""

from __future__ import annotations

import pytest

from tui.claims import Claim, extract_claims
from tui.claims.model import FIELDS, claim_record


def of_kind(text: str, language: str, kind: str) -> list[Claim]:
    return [c for c in extract_claims(text, language) if c.kind == kind]


# -- attribution ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [
        ("وقال سيث جونز، مدير برنامج الأمن", "ar", "سيث جونز"),
        ("قال خبراء لشبكة فوكس نيوز ديجيتال إن", "ar", "خبراء"),
        ("وفقًا للمراقبين ، حدث هذا", "ar", "المراقبين"),
        ("بحسب ما نقلته صحيفة وول ستريت جورنال عن مسؤولين", "ar", "صحيفة وول ستريت جورنال"),
        ("به نوشته بلومبرگ، شین", "fa", "بلومبرگ"),
        ("به گفته شین، روسیه", "fa", "شین"),
        ("رهبر اوکراین گفت که کشورش", "fa", "رهبر اوکراین"),
        ("ولودیمیر زلنسکی، رئیس‌جمهور اوکراین می‌گوید که", "fa", "ولودیمیر زلنسکی"),
        # "که" also opens a relative clause: the speaker stands before it
        ("الیورا جورجیوفسکا ۷۹ ساله که در اسکوپیه زندگی می‌کند گفت: «من", "fa", "الیورا جورجیوفسکا ۷۹ ساله"),
        ("…“, schrieb Beyond Parallel in ein am Freitag", "de", "Beyond Parallel"),
        ("sagten Experten gegenüber Fox News Digital.", "de", "Experten"),
        ("Seth Jones sagte am Montag", "de", "Seth Jones"),
        ("In dem Bericht heißt es weiter:", "de", "dem Bericht"),
        ("Nach Angaben des Geheimdienstes hat", "de", "des Geheimdienstes"),
        ("Про це пише проєкт Beyond Parallel.", "uk", "проєкт Beyond Parallel"),
        ("За даними Генштабу ЗСУ, за добу", "uk", "Генштабу ЗСУ"),
        ("Песков заявил, что", "ru", "Песков"),
        ("“…,” said Seth Jones, director of", "en", "Seth Jones"),
        ("South Korea's defence minister said on Tuesday", "en", "South Korea's defence minister"),
        ("according to Reuters.", "en", "Reuters"),
        ("Shin Won-sik, South Korea's defence minister, told reporters", "en", "Shin Won-sik"),
        ("“It is bad,” he told reporters.", "en", "he"),
    ],
)
def test_attribution_source(text: str, language: str, source: str) -> None:
    (claim,) = of_kind(text, language, "attribution")
    assert claim.source == source
    assert text[claim.start : claim.end] == claim.text


def test_no_source_no_attribution() -> None:
    assert of_kind("و افزود که پیونگ‌یانگ", "fa", "attribution") == []
    assert of_kind("وأضاف أن القطار", "ar", "attribution") == []


def test_reportedly_is_a_hedge_not_an_attribution() -> None:
    text = "وبحسب ما ورد ستحصل كوريا الشمالية على تكنولوجيا"
    assert of_kind(text, "ar", "attribution") == []
    assert [c.text for c in of_kind(text, "ar", "hedge")] == ["وبحسب ما ورد"]
    assert of_kind("Berichten zufolge würde Nordkorea", "de", "attribution") == []


def test_nouns_are_not_reporting_verbs() -> None:
    assert of_kind("بدأت في نقل مدفعية إلى روسيا", "ar", "attribution") == []
    assert of_kind("Pyongyang denied the claims.", "en", "attribution") == []


# -- quotes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("ووجد أن حركة المرور “أكبر بكثير” من", ["أكبر بكثير"]),
        ("dass der Verkehr „weitaus größer“ ist", ["weitaus größer"]),
        ("»Ein Satz«, sagte er", ["Ein Satz"]),
        ('"Події в інших місцях", - зазначає', ["Події в інших місцях"]),
        (
            "«У визнанні нас задовольнить тільки «де-юре». Російські ЗМІ",
            ["У визнанні нас задовольнить тільки «де-юре»"],
        ),
        ("“first” and “second one”", ["first", "second one"]),
    ],
)
def test_quotes_in_every_style(text: str, quoted: list[str]) -> None:
    assert [c.value for c in of_kind(text, "", "quote")] == quoted


def test_unbalanced_and_name_quotes() -> None:
    assert of_kind('"Вартість цієї роботи – кілька', "uk", "quote") == []
    assert of_kind("Раніше «ОстроВ» підтримували", "uk", "quote") == []  # a name
    assert of_kind("” stray „ marks “ » everywhere «", "de", "quote") != None  # noqa: E711 - no crash


def test_quote_takes_the_source_of_the_attribution_beside_it() -> None:
    text = "“في أعقاب قمة كيم-بوتين، التقطت صور الأقمار الصناعية،” كتب Beyond Parallel في تقرير."
    (quote,) = of_kind(text, "ar", "quote")
    assert quote.source == "Beyond Parallel"
    text = "„Wenn man um Hilfe bittet“, sagte Seth Jones, Direktor. „Nordkorea ist verzweifelt.“"
    assert [q.source for q in of_kind(text, "de", "quote")] == ["Seth Jones", "Seth Jones"]


def test_quote_is_not_linked_across_unrelated_text() -> None:
    text = 'وفقًا للمراقبين ، حدث هذا بعد إعلان الولايات المتحدة عن عمليات تسليم "سرية وهامة" للذخيرة'
    (quote,) = of_kind(text, "ar", "quote")
    assert quote.source is None


# -- hedges and denials -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "hedge"),
    [
        ("فمن المحتمل أن تكون هذه الشحنات", "ar", "فمن المحتمل"),
        ("تشير على الأرجح إلى", "ar", "على الأرجح"),
        ("يُزعم أن القائد الروسي", "ar", "يُزعم"),
        ("کانتینرها احتمالاً حامل", "fa", "احتمالاً"),
        ("برآورد می‌شود از زمان", "fa", "برآورد می‌شود"),
        ("ist es wahrscheinlich, dass", "de", "wahrscheinlich"),
        ("Angeblich ist ein russischer Kommandeur", "de", "Angeblich"),
        ("перевезень, ймовірно, свідчить", "uk", "ймовірно"),
        ("Россия якобы не получала", "ru", "якобы"),
        ("the shipments allegedly continued", "en", "allegedly"),
    ],
)
def test_hedges(text: str, language: str, hedge: str) -> None:
    assert [c.text for c in of_kind(text, language, "hedge")] == [hedge]


def test_hedge_qualifies_the_figure_it_weakens() -> None:
    text = "شین گفت این کانتینرها احتمالاً حامل حدود ۳ میلیون گلوله ۱۵۲ میلیمتری هستند."
    (hedge,) = of_kind(text, "fa", "hedge")
    (target,) = [c for c in extract_claims(text, "fa") if (c.start, c.end) == hedge.qualifies]
    assert target.kind == "quantity" and target.value == 3_000_000
    assert "hedged or denied" in target.reasons


def test_hedge_inside_a_quote_qualifies_the_quote() -> None:
    text = "وتابع التقرير: “في ضوء ذلك، فمن المحتمل أن تكون هذه الشحنات لدعم روسيا”."
    (hedge,) = of_kind(text, "ar", "hedge")
    (quote,) = of_kind(text, "ar", "quote")
    assert hedge.qualifies == (quote.start, quote.end)


def test_hedge_without_other_claims_qualifies_its_sentence() -> None:
    text = "Angeblich ist ein Kommandeur zu sehen. Der Rest ist klar."
    (hedge,) = of_kind(text, "de", "hedge")
    assert text[hedge.qualifies[0] : hedge.qualifies[1]] == "Angeblich ist ein Kommandeur zu sehen."


def test_explicit_denials() -> None:
    assert [c.text for c in of_kind("هرگونه تجارت تسلیحاتی را تکذیب کرده‌اند", "fa", "denial")] == ["تکذیب"]
    assert [c.text for c in of_kind("Der Kreml dementierte die Berichte", "de", "denial")] == ["dementierte"]
    assert [c.text for c in of_kind("Москва заперечує, що", "uk", "denial")] == ["заперечує"]
    assert [c.text for c in of_kind("Pyongyang denied the claims", "en", "denial")] == ["denied"]


def test_negation_in_an_attributed_statement_is_a_denial_by_its_source() -> None:
    text = "في سبتمبر ، أعلنت كوريا الديمقراطية أنها لم تزود روسيا الاتحادية بأسلحة"
    (denial,) = of_kind(text, "ar", "denial")
    assert denial.text == "لم تزود" and denial.source == "كوريا الديمقراطية"


def test_the_writers_own_negation_is_not_a_denial() -> None:
    assert of_kind("وهكذا ، لم يتمكن الأمريكيون من تقديم دليل", "ar", "denial") == []
    assert of_kind("بحسب ما نقلته صحيفة وول ستريت جورنال عن مسؤولين لم تكشف عن هويتهم", "ar", "denial") == []
    assert of_kind("Одні говорять, що це помста (не конфліктні)", "uk", "denial") == []


# -- claims as data -----------------------------------------------------------------------


def test_every_claim_span_is_exact_and_scored() -> None:
    text = "وقال سيث جونز إن 73 عربة قطار وصلت في 5 أكتوبر 2023، “من المحتمل” لدعم روسيا بنسبة 30%."
    claims = extract_claims(text, "ar", article="a1", paragraph=7)
    assert {c.kind for c in claims} >= {"attribution", "quantity", "date", "quote", "hedge", "percent"}
    for c in claims:
        assert text[c.start : c.end] == c.text
        assert 0.0 <= c.score <= 1.0 and c.reasons
        assert (c.article, c.paragraph) == ("a1", 7)
        assert set(claim_record(c)) == set(FIELDS)
    assert [c.start for c in claims] == sorted(c.start for c in claims)


def test_scores_rank_what_analysts_check_first() -> None:
    def score(text: str, language: str, kind: str) -> float:
        return of_kind(text, language, kind)[0].score

    assert score("۳ میلیون گلوله", "fa", "quantity") > score("میلیونها گلوله", "fa", "quantity")
    assert score("5 أكتوبر 2023", "ar", "date") > score("5 أكتوبر", "ar", "date")
    assert score("sagte Seth Jones", "de", "attribution") > score("sagten Experten", "de", "attribution")
    furniture = extract_claims("73 عربة", "ar", boilerplate=True)[0]
    assert furniture.score < extract_claims("73 عربة", "ar")[0].score
    assert "page furniture" in furniture.reasons


def test_unknown_language_gets_neutral_rules() -> None:
    claims = extract_claims("Le 23.01.2026 à 16:00, «citation» 45 %", "fr")
    assert [(c.kind, c.value) for c in claims] == [
        ("date", "2026-01-23"),
        ("time", "16:00"),
        ("quote", "citation"),
        ("percent", 45),
    ]
    assert extract_claims("", None) == []


# -- pairing with a translation -------------------------------------------------------------


def test_values_pair_between_original_and_translation() -> None:
    from tui.claims.pairing import pair_by_value

    original = extract_claims(
        "في 4 نوفمبر شوهد قطار من ثلاث سيارات، وفي الساعة 14:29 كانت القاطرة وثلاث سيارات و800 متر", "ar"
    )
    translation = extract_claims(
        "On 4 November a train of three cars was seen; at 14:29 the locomotive and three cars, 800 metres", "en"
    )
    pairs = pair_by_value(original, translation)
    assert [(a.kind, a.value, b.text) for a, b in pairs] == [
        ("date", "--11-04", "4 November"),
        ("quantity", 3, "three cars"),
        ("time", "14:29", "14:29"),
        ("quantity", 3, "three cars"),
        ("quantity", 800, "800 metres"),
    ]
    assert pairs[1][1].start < pairs[3][1].start  # in order of appearance


def test_quotes_and_attributions_pair_in_order_when_both_sides_have_as_many() -> None:
    """Issue 12 item 13: quotes and attributions are highlighted in the
    translation too, paired with the original's by kind and order."""
    from tui.claims.pairing import pair_claims

    original = extract_claims('وقال المتحدث إن "القطار وصل أمس" وإن 73 عربة عبرت الحدود.', "ar")
    translation = extract_claims('The spokesman said that "the train arrived yesterday" and 73 cars crossed.', "en")
    kinds = {(a.kind, b.kind) for a, b in pair_claims(original, translation)}
    assert ("quote", "quote") in kinds and ("quantity", "quantity") in kinds
    assert ("attribution", "attribution") in kinds
    # One quote against two: that kind stays unpaired rather than paired wrongly.
    two = extract_claims('He said "one thing" and then "another thing".', "en")
    assert not [pair for pair in pair_claims(original, two) if pair[0].kind == "quote"]
