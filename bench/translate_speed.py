"""Translation speed on the tiny test model: our batched path against Argos's flows.

    .venv/bin/python bench/translate_speed.py [--repeat N]

Builds the copy model of ``tests/tinymodel.py`` (X→en for the seed languages)
in a temporary directory — with 3 layers and a 1024-wide feed-forward block
(11 MB), because the 1-layer test model has almost no matrix work per token
and would measure only per-token bookkeeping, which batching cannot reduce.
Then it times, over all five seeds:

(a) tandem's path: ``translate_article`` (split, encode, batched CTranslate2,
    decode, cache writes) with models already loaded and an empty cache;
(b) one call per paragraph as Argos makes them: Argos's own
    ``apply_packaged_translation`` (batch budget of 32 tokens), fed by the
    same offline sentence splitter;
(c) Argos's own ``translate()``: tried with the network blocked; it needs a
    sentence-splitter model it downloads, so it is expected to fail;
(d) raw ``translate_batch`` on pre-tokenised sentences, one call per article;
(e) re-opening the translated articles: ``cached_translation`` (no model).

All paths decode with the same settings (beam 4, length penalty 0.2,
``max_decoding_length`` 256, 2 threads). Targets: (a) ≥ 3× faster than (b),
and at least 0.8× the speed of (d).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
# Argos reads these at import: keep it away from the user's real directories.
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = str(WORK / _name.lower())
os.environ["ARGOS_PACKAGES_DIR"] = str(WORK / "packages")
os.environ["TANDEM_CACHE_DIR"] = str(WORK / "cache")
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from tinymodel import SEED_LANGUAGES, TinyKit, seed_article  # noqa: E402

from tui.textnorm import normalise  # noqa: E402
from tui.translation.engine import EnginePool  # noqa: E402
from tui.translation.packages import install_package, installed_packages  # noqa: E402
from tui.translation.sentences import split_sentences  # noqa: E402
from tui.translation.service import cached_translation, translate_article  # noqa: E402
from tui.translation.store import TranslationStore  # noqa: E402


class Sentencizer:
    def __init__(self, language):
        self.language = language

    def split_sentences(self, text):
        return [s.text for s in split_sentences(text, self.language)]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def block_network() -> None:
    def refuse(*args, **kwargs):
        raise OSError("network blocked by the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layers", type=int, default=3)
    parser.add_argument("--ffn", type=int, default=1024)
    args = parser.parse_args()
    block_network()

    kit = TinyKit(WORK / "kit", layers=args.layers, ffn=args.ffn)
    packages_dir = WORK / "packages"
    for language in sorted(set(SEED_LANGUAGES.values())):
        install_package(kit.archive(language, "en"), packages_dir)
    packages = {p.from_code: p for p in installed_packages(packages_dir)}
    articles = [seed_article(prefix) for prefix in sorted(SEED_LANGUAGES)]
    paragraphs = sum(len(a.paragraphs) for a in articles)

    import ctranslate2
    from argostranslate.package import Package
    from argostranslate.translate import apply_packaged_translation

    pool = EnginePool(max_loaded=len(packages))
    for package in packages.values():
        pool.get(package).load()
    argos = {
        code: (Package(p.path), ctranslate2.Translator(str(p.path / "model"), intra_threads=2))
        for code, p in packages.items()
    }

    # Pre-tokenised input for (d), built outside the timing.
    tokenised: list[tuple[str, list[list[str]]]] = []
    for article in articles:
        engine = pool.get(packages[article.language])
        sentences = [s.text for p in article.paragraphs for s in split_sentences(normalise(p.text), article.language)]
        tokenised.append((article.language, engine.encode(sentences)))
    n_sentences = sum(len(batch) for _, batch in tokenised)
    n_tokens = sum(len(t) for _, batch in tokenised for t in batch)

    def ours():
        store = TranslationStore(Path(tempfile.mkdtemp(dir=WORK)) / "t.sqlite3")
        for article in articles:
            translate_article(article, packages_dir=packages_dir, store=store, pool=pool)
        ours.store = store

    def per_paragraph():
        for article in articles:
            pkg, translator = argos[article.language]
            sentencizer = Sentencizer(article.language)
            for p in article.paragraphs:
                apply_packaged_translation(pkg, normalise(p.text), translator, sentencizer, 1)

    def raw():
        for language, batch in tokenised:
            pool.get(packages[language]).translate_tokens(batch)

    def reopen():
        for article in articles:
            assert cached_translation(article, packages_dir=packages_dir, store=ours.store)

    results: dict[str, list[float]] = {"ours": [], "per_paragraph": [], "raw": [], "reopen": []}
    ours()  # warm-up (first-call allocations, pysbd rule compilation)
    per_paragraph()
    raw()
    for _ in range(args.repeat):
        results["ours"].append(timed(ours))
        results["per_paragraph"].append(timed(per_paragraph))
        results["raw"].append(timed(raw))
        loads = pool.loads
        results["reopen"].append(timed(reopen))
        assert pool.loads == loads, "re-opening loaded a model"

    try:
        from argostranslate import translate as argos_translate

        start = time.perf_counter()
        argos_translate.translate(normalise(articles[0].paragraphs[0].text), "ar", "en")
        argos_own = f"ran offline in {time.perf_counter() - start:.3f} s (one paragraph)"
    except Exception as exc:  # expected: it wants to download a MiniSBD model
        argos_own = f"cannot run offline: {type(exc).__name__}: {str(exc)[:120]}"

    median = {k: statistics.median(v) for k, v in results.items()}
    print(
        f"copy model ({args.layers} layers, ffn {args.ffn}), 5 seeds: {paragraphs} paragraphs, "
        f"{n_sentences} sentences, {n_tokens} source tokens; median of {args.repeat} runs, "
        f"2 threads"
    )
    print(f"(a) tandem batched translate_article : {median['ours']:.3f} s")
    print(f"(b) Argos per-paragraph flow         : {median['per_paragraph']:.3f} s")
    print(f"(c) Argos translate()                : {argos_own}")
    print(f"(d) raw translate_batch, pre-tokenised: {median['raw']:.3f} s")
    print(f"(e) re-open from cache, no model     : {median['reopen'] * 1000:.1f} ms (models loaded during re-open: 0)")
    speedup = median["per_paragraph"] / median["ours"]
    vs_raw = median["raw"] / median["ours"]
    print(f"speed-up over per-paragraph: {speedup:.2f}x (target >= 3)")
    print(f"speed relative to raw CTranslate2: {vs_raw:.2f}x (target >= 0.8)")
    return 0 if speedup >= 3 and vs_raw >= 0.8 else 1


if __name__ == "__main__":
    raise SystemExit(main())
