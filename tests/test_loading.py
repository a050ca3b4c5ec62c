"""Loading, decoding, segmentation and discovery (tui.loading)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.loading import (
    MAX_FILE_BYTES,
    MAX_PARAGRAPH_CHARS,
    SKIPPED_SUFFIXES,
    discover,
    load_article,
    segment,
    split_long,
)
from tui.paths import seeds_dir

SEED_COUNTS = {"000": 19, "001": 8, "002": 24, "003": 27, "004": 8}


def seed(prefix: str) -> Path:
    (path,) = seeds_dir().glob(f"{prefix}_*.txt")
    return path


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- seeds


@pytest.mark.parametrize("prefix,count", sorted(SEED_COUNTS.items()))
def test_seed_paragraph_counts_and_fields(prefix: str, count: int) -> None:
    path = seed(prefix)
    article = load_article(path)
    assert article.ok and article.notes == ()
    assert article.id == path.stem
    assert len(article.paragraphs) == count
    assert [p.index for p in article.paragraphs] == list(range(count))
    text = path.read_text(encoding="utf-8")
    assert article.content_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    # The fixed rule, written independently: the i-th non-empty stripped line.
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert [p.text for p in article.paragraphs] == lines
    assert all(p.language is None for p in article.paragraphs)
    assert article.language is None


def test_seed_directions() -> None:
    arabic = load_article(seed("000"))
    assert [p.direction for p in arabic.paragraphs[:18]] == ["rtl"] * 18
    assert arabic.paragraphs[18].text == "Exit mobile version"
    assert arabic.paragraphs[18].direction == "ltr"
    assert {p.direction for p in load_article(seed("001")).paragraphs} == {"rtl"}
    assert {p.direction for p in load_article(seed("003")).paragraphs} == {"ltr"}


def test_loading_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from pathlib import Path; from tui.loading import load_article, discover;"
        "from tui.paths import seeds_dir;"
        "[load_article(p) for p in discover([seeds_dir()])];"
        "heavy = [m for m in ('lingua', 'charset_normalizer', 'textual', 'argostranslate', "
        "'ctranslate2', 'numpy') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert out.stdout.strip() == ""


# ---------------------------------------------------------------- hostile files


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    assert load_article(write(tmp_path, "e.txt", b"")).error == "empty file"
    blank = load_article(write(tmp_path, "w.txt", b"  \n\t\r\n \xc2\xa0\n\r"))
    assert blank.error == "empty file"
    assert blank.paragraphs == ()


def test_png_is_binary(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    article = load_article(write(tmp_path, "picture.txt", data))
    assert article.error == "binary file (PNG image)"
    assert article.paragraphs == ()


def test_random_bytes_with_nuls_are_binary(tmp_path: Path) -> None:
    data = bytes((i * 97 + 13) % 256 for i in range(5000))
    assert b"\x00" in data
    article = load_article(write(tmp_path, "blob", data))
    assert article.error is not None and article.error.startswith("binary file (")


def test_control_character_soup_without_nuls_is_binary(tmp_path: Path) -> None:
    data = bytes(range(1, 32)) * 200
    article = load_article(write(tmp_path, "ctl.txt", data))
    assert article.error is not None and article.error.startswith("binary file (")


def test_invalid_utf8_bytes_are_replaced_with_a_note(tmp_path: Path) -> None:
    data = "Привет, мир. Это текст.\n".encode() + b"bad \xff\xfe here \xc3\n" + "Второй абзац.".encode()
    article = load_article(write(tmp_path, "bad.txt", data))
    assert article.ok
    assert article.notes == ("3 undecodable bytes replaced",)
    texts = [p.text for p in article.paragraphs]
    assert texts == ["Привет, мир. Это текст.", "bad \ufffd\ufffd here \ufffd", "Второй абзац."]


def test_one_stray_byte_in_ascii_is_replaced_not_guessed(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "a.txt", b"Hello \xff world.\nNext."))
    assert article.notes == ("1 undecodable byte replaced",)
    assert article.paragraphs[0].text == "Hello \ufffd world."


@pytest.mark.parametrize("prefix,encoding", [("000", "cp1256"), ("003", "cp1251")])
def test_legacy_code_pages_are_decoded_with_a_note(tmp_path: Path, prefix: str, encoding: str) -> None:
    original = load_article(seed(prefix))
    text = seed(prefix).read_text(encoding="utf-8")
    data = text.encode(encoding, errors="replace")
    article = load_article(write(tmp_path, "legacy.txt", data))
    assert article.ok
    assert len(article.notes) == 1 and encoding in article.notes[0]
    expected = data.decode(encoding)
    assert [p.text for p in article.paragraphs] == segment(expected)
    assert len(article.paragraphs) == len(original.paragraphs)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "bom.txt", b"\xef\xbb\xbfErste Zeile\nZweite"))
    assert [p.text for p in article.paragraphs] == ["Erste Zeile", "Zweite"]
    assert article.notes == ()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    text = "\ufeffارتفعت حركة السكك\r\n\r\nЗалізниця — 73 вагони\r\n"
    article = load_article(write(tmp_path, "wide.txt", text.encode(encoding)))
    assert article.ok and article.notes == ()
    assert [p.text for p in article.paragraphs] == ["ارتفعت حركة السكك", "Залізниця — 73 вагони"]
    assert [p.direction for p in article.paragraphs] == ["rtl", "ltr"]


def test_utf16_without_bom_is_binary_not_garbage(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "w.txt", "plain text".encode("utf-16-le")))
    assert article.error is not None and article.error.startswith("binary file")


def test_twenty_megabyte_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 20 MB written
        handle.truncate(20_000_000)
    article = load_article(path)
    assert article.error == "file too large: 20.0 MB (limit 8 MB)"
    assert MAX_FILE_BYTES == 8_000_000


def test_file_just_under_the_limit_loads(tmp_path: Path) -> None:
    line = ("Eine Zeile Text. " * 250 + "\n").encode()
    data = line * (MAX_FILE_BYTES // len(line))
    article = load_article(write(tmp_path, "big.txt", data))
    assert article.ok
    assert len(article.paragraphs) == MAX_FILE_BYTES // len(line)


def test_one_megabyte_single_line_is_split_at_sentences(tmp_path: Path) -> None:
    sentence = "Der Zug fuhr über die Grenze nach Russland. "
    line = sentence * (1_000_000 // len(sentence))
    article = load_article(write(tmp_path, "one.txt", line.encode()))
    assert article.ok
    texts = [p.text for p in article.paragraphs]
    assert len(texts) > 1
    assert all(len(t) <= MAX_PARAGRAPH_CHARS for t in texts)
    assert all(t.endswith("Russland.") and t.startswith("Der Zug") for t in texts)
    assert " ".join(texts) == line.strip()
    assert any("split" in note for note in article.notes)


def test_one_megabyte_line_without_spaces_is_cut_hard(tmp_path: Path) -> None:
    blob = "QUJD" * 250_000
    article = load_article(write(tmp_path, "blob.txt", blob.encode()))
    texts = [p.text for p in article.paragraphs]
    assert "".join(texts) == blob
    assert all(len(t) <= MAX_PARAGRAPH_CHARS for t in texts)


def test_split_keeps_combining_marks_with_their_letter() -> None:
    line = "e\u0301" * 50  # no spaces, every other char a combining accent
    pieces = split_long(line, 7)
    assert "".join(pieces) == line
    assert all(not p.startswith("\u0301") for p in pieces)
    assert all(len(p) <= 7 for p in pieces)


@pytest.mark.parametrize("data", [b"a\r\nb\r\n\r\nc\r\n", b"a\rb\r\rc\r", b"a\nb\r\n\rc"])
def test_crlf_and_cr_line_endings(tmp_path: Path, data: bytes) -> None:
    article = load_article(write(tmp_path, "eol.txt", data))
    assert [p.text for p in article.paragraphs] == ["a", "b", "c"]


def test_unicode_line_separators_do_not_split() -> None:
    assert segment("one\u2028two\x0cthree\nfour") == ["one\u2028two\x0cthree", "four"]


def test_edge_invisibles_are_stripped_inside_kept() -> None:
    assert segment("\ufeff\u200b  a\u200bb \u200b\n\u200b\n\ufeff") == ["a\u200bb"]


def test_directory_and_missing_path(tmp_path: Path) -> None:
    assert load_article(tmp_path).error == "is a folder, not a file"
    missing = load_article(tmp_path / "nope.txt")
    assert missing.error == "file not found"
    assert missing.id == "nope"
    assert load_article(Path("bad\x00name.txt")).error == "cannot read file: invalid file name"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert load_article(fifo).error == "not a regular file"  # would block if opened


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"text")
    path.chmod(0)
    try:
        assert load_article(path).error == "permission denied"
    finally:
        path.chmod(0o644)


def test_markup_and_escape_sequences_are_kept_verbatim(tmp_path: Path) -> None:
    raw = "\x1b[31mred\x1b[0m [bold]x[/bold] <b>y</b>\n\x1b]0;title\x07 \u202eevil"
    article = load_article(write(tmp_path, "esc.txt", raw.encode()))
    assert [p.text for p in article.paragraphs] == [
        "\x1b[31mred\x1b[0m [bold]x[/bold] <b>y</b>",
        "\x1b]0;title\x07 \u202eevil",
    ]


# ---------------------------------------------------------------- discovery


def test_discover_expands_folders_and_keeps_given_order(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ["a10.txt", "a2.txt", "B1.txt", ".hidden.txt", "data.json", "x.txt~", "noext"]:
        (folder / name).write_text("text\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text("deep\n")
    explicit = tmp_path / "z.json"
    explicit.write_text("{}")
    missing = tmp_path / "missing.txt"
    found = discover([explicit, folder, folder / "a2.txt", missing])
    assert [p.name for p in found] == ["z.json", "a2.txt", "a10.txt", "B1.txt", "noext", "missing.txt"]


def test_discover_removes_symlinked_duplicates(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("x\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert discover([real, link, tmp_path]) == [real]


def test_discover_seeds() -> None:
    found = discover([seeds_dir()])
    assert [p.name[:3] for p in found] == ["000", "001", "002", "003", "004"]


# ---------------------------------------------------------------- properties

_SPECIAL = st.sampled_from(
    ["\n", "\r", "\r\n", " ", "\t", "\u00a0", "\u2028", "\u200b", "\ufeff", "\u0301", ".", "ا", "Ж"]
)
_TEXT = st.lists(st.one_of(st.text(max_size=6), _SPECIAL), max_size=40).map("".join)
_INVISIBLE = re.compile(r"[\s\u200b\ufeff]")


def _rule(text: str) -> list[str]:
    """The segmentation rule, written independently of tui.loading."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = []
    for line in lines:
        core = _INVISIBLE.sub("", line)
        if core:
            start = next(i for i, ch in enumerate(line) if not _INVISIBLE.match(ch))
            end = max(i for i, ch in enumerate(line) if not _INVISIBLE.match(ch))
            out.append(line[start : end + 1])
    return out


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_segment_follows_the_rule(text: str) -> None:
    paragraphs = segment(text)
    assert all(p and "\n" not in p and "\r" not in p for p in paragraphs)
    assert paragraphs == _rule(text)
    assert segment("\n".join(paragraphs)) == paragraphs


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(min_value=1, max_value=12))
def test_segment_with_small_limit_loses_nothing(text: str, limit: int) -> None:
    paragraphs = segment(text, max_chars=limit)
    assert all(p and "\n" not in p and "\r" not in p for p in paragraphs)
    assert all(len(p) <= limit for p in paragraphs)
    assert _INVISIBLE.sub("", "".join(paragraphs)) == _INVISIBLE.sub("", text)


PIECES = ["a", "1", "10", ".", "~", "_", " ", "-", "json", "TXT", "rss", "css", "bak", "_files"]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=5)
        .map("".join)
        .filter(lambda name: name not in (".", "..")),
        max_size=8,
        unique=True,
    )
)
def test_the_fast_and_the_slow_listing_take_the_same_files(names: list[str]) -> None:
    # discover lists folders with os.scandir (tui.loading._scan); a folder it cannot
    # list that way goes the slow way (_expand): the same files, the same identities.
    import tempfile

    from tui import loading

    with tempfile.TemporaryDirectory() as root:
        folder = Path(root)
        for name in names:
            (folder / name).write_text("x", encoding="utf-8")
        (folder / "sub").mkdir()
        fast = loading._scan(folder, False, {})
        slow = [
            (p, loading._identity(p, {}, plain), loading._may_hold_entries(p))
            for p, plain in loading._expand(folder, False)
        ]
        assert fast == slow
        assert {p.name for p, _, _ in fast} == {
            n
            for n in names
            if not n.startswith(".") and not n.endswith("~") and os.path.splitext(n)[1].lower() not in SKIPPED_SUFFIXES
        }
