"""Batched CTranslate2 inference gives what Argos's own per-paragraph flow gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinymodel import seed_article

from tui.textnorm import normalise
from tui.translation.engine import ArgosEngine, DecodingOptions, EnginePool, cut_tokens
from tui.translation.packages import install_package, installed_packages
from tui.translation.sentences import split_sentences


def package(packages_dir, pair):
    (found,) = [p for p in installed_packages(packages_dir) if p.pair == pair]
    return found


class PysbdSentencizer:
    """Argos's sentencizer interface, fed by our offline splitter."""

    def __init__(self, language):
        self.language = language

    def split_sentences(self, text):
        return [s.text for s in split_sentences(text, self.language)]


def argos_per_paragraph(pkg_info, texts, language):
    """``argostranslate.translate.apply_packaged_translation``, one call per paragraph."""
    import ctranslate2
    from argostranslate.package import Package
    from argostranslate.translate import apply_packaged_translation

    pkg = Package(pkg_info.path)
    translator = ctranslate2.Translator(str(pkg_info.path / "model"), intra_threads=2)
    sentencizer = PysbdSentencizer(language)
    return [apply_packaged_translation(pkg, text, translator, sentencizer, num_hypotheses=1)[0].value for text in texts]


def test_batched_article_equals_argos_per_paragraph(packages_dir):
    article = seed_article("002")
    texts = [normalise(p.text) for p in article.paragraphs]
    engine = ArgosEngine(package(packages_dir, ("de", "en")))
    batched = engine.translate_texts(texts, "de")
    assert engine.calls == 1 and engine.loads == 1
    assert batched == argos_per_paragraph(engine.package, texts, "de")
    # The tiny model copies its input: every paragraph came back to its own place.
    assert batched == texts


def test_all_sentences_of_all_paragraphs_go_into_one_call(packages_dir, monkeypatch):
    article = seed_article("000")
    texts = [normalise(p.text) for p in article.paragraphs]
    engine = ArgosEngine(package(packages_dir, ("ar", "en")))
    engine.load()
    seen = []
    real = engine._translator.translate_batch

    def spy(batch, **kwargs):
        seen.append((len(batch), kwargs))
        return real(batch, **kwargs)

    monkeypatch.setattr(engine, "_translator", type("T", (), {"translate_batch": staticmethod(spy)})())
    engine.translate_texts(texts, "ar")
    ((size, kwargs),) = seen
    assert size == sum(len(split_sentences(t, "ar")) for t in texts) > len(texts)
    assert kwargs["beam_size"] == 4 and kwargs["length_penalty"] == 0.2
    assert kwargs["replace_unknowns"] is True and kwargs["batch_type"] == "tokens"
    assert kwargs["target_prefix"] is None


def test_target_prefix_is_forced_and_stripped_like_argos(tiny_kit, tmp_path):
    prefix = next(piece for piece in tiny_kit.vocabulary[3:] if piece.isalpha() and len(piece) >= 3)
    info = install_package(tiny_kit.archive("de", "en", target_prefix=prefix), tmp_path / "packages").package
    assert info.target_prefix == prefix
    texts = ["Der Zug fährt ab. Er kommt an.", "Nordkorea und Russland."]
    engine = ArgosEngine(info)
    ours = engine.translate_texts(texts, "de")
    assert ours == argos_per_paragraph(info, texts, "de")
    assert not any(t.startswith(prefix) for t in ours)


def test_empty_input_makes_no_call(packages_dir):
    engine = ArgosEngine(package(packages_dir, ("de", "en")))
    assert engine.translate_texts(["   "], "de") == [""]
    assert engine.translate_texts([], "de") == []
    assert engine.calls == 0 and engine.loads == 0


def test_threads_and_decoding_are_bounded():
    options = DecodingOptions()
    assert options.beam_size == 4 and options.max_batch_tokens <= 4096
    import tui.translation.engine as engine_module

    assert 1 <= engine_module.default_threads() <= 2


def test_pool_keeps_at_most_two_models_and_counts(packages_dir):
    pool = EnginePool(max_loaded=2)
    pairs = [("ar", "en"), ("de", "en"), ("fa", "en")]
    engines = []
    for pair in pairs:
        engines.append(pool.get(package(packages_dir, pair)))
        engines[-1].translate_texts(["Beyond Parallel."], pair[0])
    assert pool.loads == 3 and pool.calls == 3
    assert not engines[0].loaded  # least recently used, unloaded
    assert engines[1].loaded and engines[2].loaded
    assert pool.get(package(packages_dir, ("fa", "en"))) is engines[2]
    pool.clear()
    assert pool.loads == 3 and not engines[2].loaded


def test_broken_model_raises(tiny_kit, tmp_path):
    info = install_package(tiny_kit.archive("de", "en"), tmp_path / "p").package
    (info.path / "model" / "model.bin").write_bytes(b"garbage")
    with pytest.raises(RuntimeError):
        ArgosEngine(info).translate_texts(["Hallo."], "de")


def test_run_on_sentence_is_cut_at_words_and_comes_back_whole(packages_dir):
    words = "Nordkorea Russland Munition Grenze Zug Satellitenbilder".split()
    text = " ".join(words[i % len(words)] for i in range(400))  # no full stop at all
    engine = ArgosEngine(package(packages_dir, ("de", "en")))
    (tokens,) = engine.encode([text])
    parts = cut_tokens(tokens, engine.options.max_input_tokens)
    assert len(parts) > 1 and all(p[0].startswith("\u2581") for p in parts)
    assert engine.translate_texts([text], "de") == [text]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["\u2581a", "b", "c", "\u2581dd", "x@@", "y"]), max_size=120),
    st.integers(min_value=2, max_value=40),
)
def test_cut_tokens_keeps_every_token_in_order(tokens, limit):
    parts = cut_tokens(tokens, limit)
    assert [t for part in parts for t in part] == tokens
    assert all(0 < len(part) <= limit for part in parts) or parts == [[]]
