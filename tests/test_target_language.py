"""The target language is one setting: config ``target`` → ``--target`` → the domain functions.

Flows checked end to end through the CLI: the config's ``target`` decides
what ``tandem translate``, ``search``, ``show --json`` and ``notes export``
use unless ``--target`` (or the older ``--to``) says otherwise; a target with
a model (here German, through the English pivot) works, one without says so
plainly; claims in a translation are found with its own language's rules.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tinymodel import SEEDS

from tui.article import Article
from tui.article_claims import ArticleClaims
from tui.cli import _reader_parser, main
from tui.config import EXAMPLE, load_config, parse_config
from tui.loading import load_article
from tui.reference import load_reference, reference_path
from tui.target_language import (
    DEFAULT_TARGET,
    TranslatedTexts,
    check_target,
    choose_target,
    is_language_code,
    texts_language,
)
from tui.textnorm import text_hash
from tui.translated import ArticleTranslation, ParagraphTranslation, Provenance


def seed_copy(folder: Path, prefix: str) -> Path:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(path, folder / path.name))


@pytest.fixture
def config_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write a config file with ``target = LANG`` and make it the one in force."""

    def write(target: str) -> Path:
        path = tmp_path / "config.toml"
        path.write_text(f'target = "{target}"\n', encoding="utf-8")
        monkeypatch.setenv("TANDEM_CONFIG", str(path))
        return path

    return write


# -- the setting itself ------------------------------------------------------------


def test_default_and_precedence() -> None:
    assert DEFAULT_TARGET == "en"
    assert choose_target(None, None) == "en"
    assert choose_target(None, "de") == "de"
    assert choose_target("fr", "de") == "fr"  # command line > config
    assert check_target(" DE ") == "de" and check_target("pt-BR") == "pt-BR" and check_target("ZH_Hant") == "zh_Hant"


@pytest.mark.parametrize("hostile", ["", "e", "english", "../en", "en/../../x", "en\x1b[2J", "٣٣", "en-"])
def test_hostile_codes_are_refused(hostile: str) -> None:
    with pytest.raises(ValueError, match="not a language code"):
        check_target(hostile)
    with pytest.raises(ValueError):
        choose_target(hostile, "de")


@given(st.text(max_size=12))
def test_any_accepted_code_is_safe_in_a_file_name(text: str) -> None:
    try:
        code = check_target(text)
    except ValueError:
        return
    assert is_language_code(code)
    assert reference_path(Path("seeds/a.txt"), code).name == f"a.{code}.json"  # never another folder
    assert check_target(code) == code  # normalising twice changes nothing


def test_config_target_is_read_and_checked() -> None:
    assert parse_config({}).target == "en"
    assert parse_config({"target": "de"}).target == "de"
    assert parse_config({"target": "DE"}).target == "de"
    bad = parse_config({"target": "../etc"})
    assert bad.target == "en" and any("target" in p and "not a language code" in p for p in bad.problems)
    wrong_type = parse_config({"target": 7})
    assert wrong_type.target == "en" and any("target must be a string" in p for p in wrong_type.problems)
    assert parse_config({"target": "fr"}).problems == ()
    import tomllib

    example = parse_config(tomllib.loads(EXAMPLE))
    assert example.target == "en" and not [p for p in example.problems if "target" in p]


def test_reader_takes_target_option_and_config(config_target) -> None:
    """``tandem --target LANG`` for the reader; the UI resolves it with choose_target (see README)."""
    assert _reader_parser().parse_args(["--target", "de"]).target == "de"
    assert _reader_parser().parse_args([]).target is None
    with pytest.raises(SystemExit):
        _reader_parser().parse_args(["--target", "not a code"])
    config_target("uk")
    assert choose_target(_reader_parser().parse_args([]).target, load_config().target) == "uk"


# -- the CLI follows the setting -------------------------------------------------------


def test_translate_follows_config_then_option(packages_dir, cache_dir, tmp_path, capsys, config_target) -> None:
    article = seed_copy(tmp_path / "articles", "001")
    base = ["translate", str(article), "--from", "fa", "--packages-dir", str(packages_dir)]
    config_target("de")
    assert main(base) == 0
    assert "fa→de argos translate-fa_en+translate-en_de v1.0+1.0 via en" in capsys.readouterr().out
    assert main([*base, "--target", "en"]) == 0  # the option wins over the config
    assert "fa→en argos translate-fa_en v1.0" in capsys.readouterr().out
    assert main([*base, "--to", "en"]) == 0  # the older spelling still works
    assert "fa→en" in capsys.readouterr().out


def test_a_target_without_a_model_or_reference_says_so(packages_dir, cache_dir, tmp_path, capsys) -> None:
    article = seed_copy(tmp_path / "articles", "000")
    assert main(["translate", str(article), "--from", "ar", "--target", "fr", "--packages-dir", str(packages_dir)]) == 1
    out = capsys.readouterr().out
    assert "✗ 000_9466c648f5ef6891: No Argos model for ar→fr is installed. Install an Argos package en→fr" in out
    assert main(["translate", str(article), "--from", "ar", "--target", "fr", "--engine", "reference"]) == 1
    assert "no reference translation into fr" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["translate", str(article), "--target", "../fr"])
    assert "not a language code" in capsys.readouterr().err


def test_show_json_gives_the_translation_into_the_target(capsys, config_target) -> None:
    seed = next(SEEDS.glob("000_*.txt"))

    def first_translation(*options: str) -> object:
        assert main(["show", str(seed), "--json", "--no-language", *options]) == 0
        return json.loads(capsys.readouterr().out)["paragraphs"][0]["translation"]

    found = first_translation()
    assert isinstance(found, dict) and found["engine"] == "reference" and "North Korea" in found["text"]
    config_target("sv")
    assert first_translation() is None  # no Swedish translation exists: none is shown
    assert first_translation("--target", "en") == found


def test_search_looks_in_the_target_translation(tmp_path, capsys, config_target) -> None:
    folder = tmp_path / "articles"
    seed_copy(folder, "000")  # Arabic; its bundled translation is English
    db = str(tmp_path / "index.sqlite3")
    assert main(["search", "railcar freight", str(folder), "--index", db, "--json"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)["articles"]
    assert {h["side"] for h in hit["hits"]} == {"translation"}
    config_target("sv")  # no Swedish translation: only the Arabic original is searched
    assert main(["search", "railcar freight", str(folder), "--index", db]) == 1
    assert "no matches" in capsys.readouterr().out
    assert main(["search", "railcar freight", str(folder), "--index", db, "--target", "en"]) == 0


def test_notes_export_uses_the_target_translation(
    packages_dir, cache_dir, tmp_path, capsys, monkeypatch, config_target
) -> None:
    article = seed_copy(tmp_path / "articles", "001")
    db = str(tmp_path / "notes.sqlite3")
    assert main(["notes", "add", "--notes-db", db, "--article", str(article), "--paragraph", "1", "--label", "1"]) == 0
    capsys.readouterr()

    def brief(*options: str) -> str:
        assert main(["notes", "export", "--notes-db", db, "--format", "md", *options]) == 0
        return capsys.readouterr().out

    assert "Translation (reference translation" in brief()
    assert "Translation (" not in brief("--target", "de")  # nothing into German yet
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages_dir))
    assert main(["translate", str(article), "--from", "fa", "--target", "de"]) == 0
    capsys.readouterr()
    assert "Translation (argos translate-fa_en+translate-en_de v1.0+1.0 via en)" in brief("--target", "de")
    config_target("de")
    assert "via en" in brief()


# -- the domain functions ---------------------------------------------------------------


def _french(tmp_path: Path) -> Article:
    path = tmp_path / "fr.txt"
    path.write_text("Les autorités ont signalé 1 500 morts.\n", encoding="utf-8")
    article = load_article(path)
    paragraphs = tuple(dataclasses.replace(p, language="fr") for p in article.paragraphs)
    return dataclasses.replace(article, language="fr", paragraphs=paragraphs)


def test_claims_in_a_translation_follow_its_own_language(tmp_path: Path) -> None:
    """ "1.500" is 1500 in a German translation, 1.5 read as English: the pair needs the right rules."""
    article = _french(tmp_path)
    german = "Die Behörden meldeten 1.500 Tote."
    translation = ArticleTranslation(
        article.id, "de", Provenance("argos", "translate-fr_de"), {0: ParagraphTranslation(0, german, "h")}
    )
    texts = TranslatedTexts.of(translation)
    assert texts.target == "de" and texts(0) == german and texts(1) is None
    pairs = ArticleClaims(article, texts).pairs(0)
    assert [(o.value, t.value) for o, t in pairs if o.kind == "quantity"] == [(1500, 1500)]
    # A plain function carries no language: the default target's rules, as before.
    assert texts_language(lambda index: german) == DEFAULT_TARGET
    assert not [p for p in ArticleClaims(article, lambda index: german).pairs(0) if p[0].kind == "quantity"]
    assert TranslatedTexts.of(None, "uk").target == "uk" and TranslatedTexts.of(None)(0) is None


def test_reference_into_another_language(tmp_path: Path) -> None:
    article = _french(tmp_path)
    root = tmp_path / "references"
    root.mkdir()
    entry = {
        "index": 0,
        "source_hash": text_hash(article.paragraphs[0].text),
        "text": "Die Behörden meldeten 1.500 Tote.",
    }
    reference_path(article.path, "de", root).write_text(
        json.dumps({"format": 1, "target_language": "de", "paragraphs": [entry]}), encoding="utf-8"
    )
    found = load_reference(article, "de", root)
    assert found is not None and found.target == "de" and found.paragraphs[0].text.startswith("Die")
    assert load_reference(article, root=root) is None  # the default target (en) has none
