"""A tiny but real Argos Translate package, built in a second for tests and the bench.

Real packages are hundreds of megabytes and come from the network, so tests
build their own: a SentencePiece model trained on the seed text, a CTranslate2
Transformer made through ``ctranslate2.specs`` and saved with ``spec.save``,
``metadata.json``, all zipped as ``.argosmodel``.

The weights are random token embeddings wired into a *copy* network rather than
pure noise: the encoder passes each token through, one cross-attention head
looks up the source position equal to the decoder step (learned one-hot-like
position codes) and the output projection reads the attended token back. So the
"translation" reproduces the source's pieces and stops at ``</s>``: decoding
takes as many steps as a real model would, and tests can check that every
paragraph came back to its own place after batching. Random-weight garbage would
run to ``max_decoding_length`` and prove nothing about reassembly.

Pure numpy + ctranslate2 + sentencepiece; no torch, nothing downloaded.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

VOCAB_SIZE = 1000
MAX_POSITIONS = 1024


def seed_lines() -> list[str]:
    """Every non-empty line of every seed (the segmentation rule)."""
    lines: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip():
                lines.append(line.strip())
    return lines


def train_sentencepiece(lines: Iterable[str], vocab_size: int = VOCAB_SIZE) -> bytes:
    """A unigram SentencePiece model (serialised) trained on ``lines``."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(lines)),
        model_writer=buffer,
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        num_threads=2,
    )
    return buffer.getvalue()


def _pieces(sp_model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def _vocabulary(sp_model: bytes) -> list[str]:
    """CTranslate2 vocabulary in OpenNMT order: specials first, ``<unk>`` last."""
    specials = {"<unk>", "<s>", "</s>"}
    return ["<blank>", "<s>", "</s>"] + [p for p in _pieces(sp_model) if p not in specials] + ["<unk>"]


def build_copy_model(model_dir: Path, vocabulary: list[str], *, seed: int = 0, layers: int = 1, ffn: int = 4) -> None:
    """Save a CTranslate2 Transformer that copies its input to ``model_dir``.

    ``layers`` and ``ffn`` (feed-forward width) only add work: the extra layers
    and the feed-forward blocks have zero output weights, so the copy is done by
    the first decoder layer's cross-attention whatever the size. The bench uses
    them to give the model a real model's share of matrix work per token.
    """
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    n_freq = 12
    et, ep = 40, 2 * n_freq  # token and position sub-spaces
    half = et + ep
    d = 2 * half  # every vector is stored as [u, -u] so layer norm's mean is 0
    v = len(vocabulary)

    def mirrored(u):
        return np.concatenate([u, -u], axis=-1).astype(np.float32)

    tokens = rng.standard_normal((v, et))
    tokens /= np.linalg.norm(tokens, axis=1, keepdims=True)
    token_rows = mirrored(np.concatenate([tokens, np.zeros((v, ep))], axis=1))

    # Position codes: unit vectors of cosines/sines whose dot product peaks
    # sharply at equal positions (incommensurate frequencies).
    freqs = rng.uniform(0.35, 3.0, n_freq)
    pos = np.arange(MAX_POSITIONS)[:, None] * freqs[None, :]
    codes = np.concatenate([np.cos(pos), np.sin(pos)], axis=1) / np.sqrt(n_freq)
    position_rows = mirrored(np.concatenate([np.zeros((MAX_POSITIONS, et)), codes], axis=1))

    zeros = lambda *shape: np.zeros(shape, dtype=np.float32)  # noqa: E731
    ones = lambda *shape: np.ones(shape, dtype=np.float32)  # noqa: E731

    # Selection matrices (rows: output dims in D, cols: input dims in D).
    token_sel = zeros(d, d)
    position_sel = zeros(d, d)
    for i in range(et):
        token_sel[i, i] = 1.0
    for i in range(ep):
        position_sel[et + i, et + i] = 1.0

    # After layer norm, a vector of norm 2 (token + position, mirrored) is scaled
    # by sqrt(d)/2; queries are scaled by 1/sqrt(d).  Attention logits between
    # equal positions are then ``sharp``; neighbours get visibly less.
    sharp = 400.0
    query = position_sel * (sharp * 4.0 / np.sqrt(d))
    out_gain = 12.0
    output = zeros(d, d)
    for i in range(et):
        output[i, i] = out_gain
        output[half + i, i] = -out_gain

    spec = transformer_spec.TransformerSpec.from_config(num_layers=layers, num_heads=1)
    spec.config.add_source_eos = True  # the copied </s> ends decoding
    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = False
        side.position_encodings.encodings = position_rows
        ln = side.layer_norm
        ln.gamma, ln.beta = ones(d), zeros(d)
    spec.encoder.embeddings[0].weight = token_rows
    spec.decoder.embeddings.weight = token_rows

    for layer in list(spec.encoder.layer) + list(spec.decoder.layer):
        sa = layer.self_attention
        sa.layer_norm.gamma, sa.layer_norm.beta = ones(d), zeros(d)
        sa.linear[0].weight, sa.linear[0].bias = zeros(3 * d, d), zeros(3 * d)
        sa.linear[1].weight, sa.linear[1].bias = zeros(d, d), zeros(d)
        block = layer.ffn
        block.layer_norm.gamma, block.layer_norm.beta = ones(d), zeros(d)
        block.linear_0.weight = (rng.standard_normal((ffn, d)) * 0.05).astype(np.float32)
        block.linear_0.bias = zeros(ffn)
        block.linear_1.weight, block.linear_1.bias = zeros(d, ffn), zeros(d)
    for layer in spec.decoder.layer[1:]:  # pass-through: zero output
        extra = layer.attention
        extra.layer_norm.gamma, extra.layer_norm.beta = ones(d), zeros(d)
        extra.linear[0].weight, extra.linear[0].bias = zeros(d, d), zeros(d)
        extra.linear[1].weight, extra.linear[1].bias = zeros(2 * d, d), zeros(2 * d)
        extra.linear[2].weight, extra.linear[2].bias = zeros(d, d), zeros(d)

    cross = spec.decoder.layer[0].attention
    cross.layer_norm.gamma, cross.layer_norm.beta = ones(d), zeros(d)
    cross.linear[0].weight, cross.linear[0].bias = query.astype(np.float32), zeros(d)
    cross.linear[1].weight = np.concatenate([position_sel, token_sel]).astype(np.float32)
    cross.linear[1].bias = zeros(2 * d)
    cross.linear[2].weight, cross.linear[2].bias = output, zeros(d)

    spec.decoder.projection.weight = (token_rows * 4.0).astype(np.float32)
    spec.decoder.projection.bias = zeros(v)

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))


def build_package_dir(
    root: Path,
    sp_model: bytes,
    model_dir: Path,
    *,
    from_code: str,
    to_code: str,
    version: str = "1.0",
    target_prefix: str = "",
    name: str | None = None,
) -> Path:
    """A package folder ``root/name`` (model copied from ``model_dir``)."""
    folder = root / (name or f"translate-{from_code}_{to_code}-{version.replace('.', '_')}")
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(model_dir, folder / "model")
    (folder / "sentencepiece.model").write_bytes(sp_model)
    metadata = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": from_code,
        "to_code": to_code,
        "to_name": to_code,
        "type": "translate",
    }
    if target_prefix:
        metadata["target_prefix"] = target_prefix
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return folder


def zip_package(folder: Path, archive: Path) -> Path:
    """Zip ``folder`` the way Argos packages are: one top-level directory."""
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(folder.parent).as_posix())
    return archive


class TinyKit:
    """Built once: the SentencePiece model and the copy model, plus archive making."""

    def __init__(self, root: Path, *, layers: int = 1, ffn: int = 4):
        self.root = root
        self.sp_model = train_sentencepiece(seed_lines())
        self.vocabulary = _vocabulary(self.sp_model)
        self.model_dir = root / "ct2-model"
        build_copy_model(self.model_dir, self.vocabulary, layers=layers, ffn=ffn)
        self._n = 0

    def archive(self, from_code: str, to_code: str, *, version: str = "1.0", target_prefix: str = "") -> Path:
        """A fresh ``.argosmodel`` file for the pair."""
        self._n += 1
        work = self.root / f"build-{self._n}"
        work.mkdir()
        folder = build_package_dir(
            work,
            self.sp_model,
            self.model_dir,
            from_code=from_code,
            to_code=to_code,
            version=version,
            target_prefix=target_prefix,
        )
        return zip_package(folder, self.root / f"{folder.name}-{self._n}.argosmodel")


def environment_for_subprocess(sandbox: Path, cache: Path | None = None) -> dict[str, str]:
    """os.environ with the Argos sandbox (and a cache dir) for a child process."""
    env = dict(os.environ)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(sandbox / name.lower())
    env["ARGOS_PACKAGES_DIR"] = str(sandbox / "default-packages")
    if cache is not None:
        env["TANDEM_CACHE_DIR"] = str(cache)
    return env


SEED_LANGUAGES = {"000": "ar", "001": "fa", "002": "de", "003": "uk", "004": "ar"}


def seed_article(prefix: str, language: str | None = "auto"):
    """A seed loaded the reader's way, its language set from the table above
    (deterministic, no detector) unless ``language`` is given."""
    import dataclasses

    from tui.loading import load_article

    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    article = load_article(path)
    code = SEED_LANGUAGES[prefix] if language == "auto" else language
    return dataclasses.replace(article, language=code)
