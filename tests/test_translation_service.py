"""translate_article and the cache lookups, on the seeds, with a real tiny model."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading

import pytest
from tinymodel import REPO, environment_for_subprocess, seed_article

from tui.textnorm import normalise, text_hash
from tui.translated import Provenance
from tui.translation.engine import EnginePool
from tui.translation.errors import MissingPackage, SameLanguage, TranslationError, UnknownLanguage
from tui.translation.packages import install_package
from tui.translation.service import (
    available_translations,
    best_translation,
    cached_translation,
    translate_article,
    translation_for,
)
from tui.translation.store import TranslationStore


@pytest.fixture()
def store(tmp_path) -> TranslationStore:
    return TranslationStore(tmp_path / "cache.sqlite3")


def with_paragraph(article, index, text):
    paragraphs = list(article.paragraphs)
    paragraphs[index] = dataclasses.replace(paragraphs[index], text=text)
    return dataclasses.replace(article, paragraphs=tuple(paragraphs))


def test_translates_every_seed_then_second_run_makes_no_model_call(packages_dir, store):
    pool = EnginePool()
    for prefix in ("000", "001", "002", "003", "004"):
        article = seed_article(prefix)
        result = translate_article(article, "en", packages_dir=packages_dir, store=store, pool=pool)
        assert result.provenance == Provenance("argos", f"translate-{article.language}_en", "1.0")
        assert sorted(result.paragraphs) == [p.index for p in article.paragraphs]
        for p in article.paragraphs:
            got = result.paragraphs[p.index]
            assert got.source_hash == text_hash(p.text)
            assert got.text == normalise(p.text)  # the copy model: each paragraph in its place
    loads, calls = pool.loads, pool.calls
    assert loads == 5  # ar, fa, de, uk, and ar again: at most two models are kept
    fresh = EnginePool()
    for prefix in ("000", "001", "002", "003", "004"):
        again = translate_article(seed_article(prefix), "en", packages_dir=packages_dir, store=store, pool=fresh)
        assert len(again.paragraphs) == len(seed_article(prefix).paragraphs)
    assert fresh.calls == 0 and fresh.loads == 0
    assert pool.calls == calls


def test_progress_and_paragraph_callbacks(packages_dir, store):
    article = seed_article("002")
    progress, seen = [], []
    result = translate_article(
        article,
        packages_dir=packages_dir,
        store=store,
        pool=EnginePool(),
        on_progress=lambda done, total: progress.append((done, total)),
        on_paragraph=seen.append,
        order=[10, 11],
    )
    total = len(article.paragraphs)
    assert progress[0] == (0, total) and progress[-1] == (total, total)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    assert len(progress) > 2  # filled in over several model calls
    assert [p.index for p in seen[:2]] == [10, 11]  # the requested ones first
    assert {p.index for p in seen} == set(result.paragraphs)


def test_changed_paragraph_is_retranslated_and_old_text_never_shown(packages_dir, store):
    article = seed_article("000")
    pool = EnginePool()
    translate_article(article, packages_dir=packages_dir, store=store, pool=pool)
    calls = pool.calls
    edited = with_paragraph(article, 3, "خبر جديد تماما عن القطار.")
    cached = cached_translation(edited, packages_dir=packages_dir, store=store)
    assert 3 not in cached.paragraphs  # the old translation is not shown beside new text
    assert cached.stale == 1
    assert len(cached.paragraphs) == len(article.paragraphs) - 1
    result = translate_article(edited, packages_dir=packages_dir, store=store, pool=pool)
    assert pool.calls == calls + 1
    assert result.paragraphs[3].text == "خبر جديد تماما عن القطار."
    assert result.paragraphs[3].source_hash == text_hash("خبر جديد تماما عن القطار.")
    assert cached_translation(edited, packages_dir=packages_dir, store=store).stale == 0


def test_pivot_chains_through_english_and_says_so(packages_dir, store):
    article = seed_article("001")  # fa; installed: fa→en and en→de, no fa→de
    pool = EnginePool()
    result = translate_article(article, "de", packages_dir=packages_dir, store=store, pool=pool)
    assert result.provenance == Provenance("argos", "translate-fa_en+translate-en_de", "1.0+1.0", pivot="en")
    assert "via en" in result.provenance.label
    assert pool.loads == 2
    assert {e.package.code: e.calls > 0 for e in pool._created} == {
        "translate-fa_en": True,
        "translate-en_de": True,
    }
    assert [result.paragraphs[p.index].text for p in article.paragraphs] == [
        normalise(p.text) for p in article.paragraphs
    ]
    # The first leg is itself a cached fa→en translation: no model call for it.
    fresh = EnginePool()
    direct = translate_article(article, "en", packages_dir=packages_dir, store=store, pool=fresh)
    assert fresh.calls == 0 and len(direct.paragraphs) == len(article.paragraphs)


def test_missing_package_names_it_and_the_install_command(tmp_path, store):
    empty = tmp_path / "no-packages"
    with pytest.raises(MissingPackage) as caught:
        translate_article(seed_article("001"), "en", packages_dir=empty, store=store, pool=EnginePool())
    message = str(caught.value)
    assert "fa→en" in message
    assert "translate-fa_en-*.argosmodel" in message
    assert "tandem models install PATH/TO/FILE.argosmodel" in message
    assert caught.value.missing == (("fa", "en"),)


def test_missing_pivot_leg_is_named(tiny_kit, tmp_path, store):
    root = tmp_path / "packages"
    install_package(tiny_kit.archive("fa", "en"), root)
    with pytest.raises(MissingPackage) as caught:
        translate_article(seed_article("001"), "de", packages_dir=root, store=store, pool=EnginePool())
    assert caught.value.missing == (("en", "de"),)
    assert "translate-en_de-*.argosmodel" in str(caught.value)
    assert "direct fa→de" in str(caught.value)


def test_unknown_and_same_language_are_specific_errors(packages_dir, store):
    with pytest.raises(UnknownLanguage):
        translate_article(seed_article("000", language=None), packages_dir=packages_dir, store=store)
    with pytest.raises(SameLanguage):
        translate_article(seed_article("002"), "de", packages_dir=packages_dir, store=store)
    broken = dataclasses.replace(seed_article("000"), error="not a text file")
    with pytest.raises(TranslationError, match="not a text file"):
        translate_article(broken, packages_dir=packages_dir, store=store)


def test_cancel_returns_partial_and_next_run_resumes(packages_dir, store):
    article = seed_article("003")
    cancel = threading.Event()
    pool = EnginePool()

    def stop_after_first(done, total):
        if done > 0:
            cancel.set()

    partial = translate_article(
        article,
        packages_dir=packages_dir,
        store=store,
        pool=pool,
        on_progress=stop_after_first,
        cancel=cancel,
        first_chunk_chars=200,
        chunk_chars=200,
    )
    assert 0 < len(partial.paragraphs) < len(article.paragraphs)
    assert pool.calls == 1
    resumed_progress = []
    full = translate_article(
        article,
        packages_dir=packages_dir,
        store=store,
        pool=pool,
        on_progress=lambda d, t: resumed_progress.append(d),
    )
    assert resumed_progress[0] == len(partial.paragraphs)
    assert len(full.paragraphs) == len(article.paragraphs)


def test_paragraph_already_in_target_language_is_left_alone(packages_dir, store):
    article = seed_article("000")
    paragraphs = list(article.paragraphs)
    paragraphs[0] = dataclasses.replace(paragraphs[0], language="en")
    article = dataclasses.replace(article, paragraphs=tuple(paragraphs))
    result = translate_article(article, packages_dir=packages_dir, store=store, pool=EnginePool())
    assert 0 not in result.paragraphs and len(result.paragraphs) == len(paragraphs) - 1


def test_model_failure_is_a_translation_error_naming_the_model(tiny_kit, tmp_path, store):
    info = install_package(tiny_kit.archive("ar", "en"), tmp_path / "p").package
    (info.path / "model" / "model.bin").write_bytes(b"broken")
    with pytest.raises(TranslationError, match="translate-ar_en"):
        translate_article(seed_article("004"), packages_dir=tmp_path / "p", store=store, pool=EnginePool())


def test_lookups_list_and_choose_translations(packages_dir, tiny_kit, tmp_path, store):
    article = seed_article("000")
    assert cached_translation(article, packages_dir=packages_dir, store=store) is None
    argos = Provenance("argos", "translate-ar_en", "1.0")
    reference = Provenance("reference", None, "1")
    listed = available_translations(article, packages_dir=packages_dir, store=store)
    assert listed[0] == argos  # installed, not yet run
    assert [p.engine for p in listed[1:]] in ([], ["reference"])
    best = best_translation(article, packages_dir=packages_dir, store=store)
    assert best is None or best.provenance.engine == "reference"

    translate_article(article, packages_dir=packages_dir, store=store, pool=EnginePool())
    assert best_translation(article, packages_dir=packages_dir, store=store).provenance == argos
    # Package removed: the cached translation is still listed, with its provenance.
    elsewhere = tmp_path / "empty"
    assert available_translations(article, packages_dir=elsewhere, store=store)[0] == argos
    assert cached_translation(article, packages_dir=elsewhere, store=store).provenance == argos
    # A newer model installed: it comes first, the old cached one stays available.
    newer = tmp_path / "newer"
    install_package(tiny_kit.archive("ar", "en", version="2.0"), newer)
    listed = available_translations(article, packages_dir=newer, store=store)
    assert listed[:2] == [Provenance("argos", "translate-ar_en", "2.0"), argos]
    got = translation_for(article, argos, store=store)
    assert got.provenance == argos and len(got.paragraphs) == len(article.paragraphs)
    if reference in listed:
        assert translation_for(article, reference).provenance.engine == "reference"


LOOKUP = """
import sys
from pathlib import Path
sys.path.insert(0, "tests")
from tinymodel import seed_article
from tui.translation.service import cached_translation, available_translations
from tui.translation.store import TranslationStore
article = seed_article("000")
store = TranslationStore(Path(sys.argv[2]))
found = cached_translation(article, packages_dir=sys.argv[1], store=store)
available_translations(article, packages_dir=sys.argv[1], store=store)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in
               ("ctranslate2", "argostranslate", "sentencepiece", "pysbd", "numpy", "lingua"))
print(len(found.paragraphs), heavy)
"""


def test_reopening_translated_article_loads_no_model(packages_dir, store, argos_sandbox, tmp_path):
    article = seed_article("000")
    translate_article(article, packages_dir=packages_dir, store=store, pool=EnginePool())
    out = subprocess.run(
        [sys.executable, "-c", LOOKUP, str(packages_dir), str(store.path)],
        cwd=REPO,
        env=environment_for_subprocess(argos_sandbox),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == [str(len(article.paragraphs)), "[]"]
