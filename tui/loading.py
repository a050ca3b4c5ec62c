"""Files -> :class:`~tui.article.Article`: finding, decoding and segmenting.

Everything the reader, ``tandem show``, translations and claims know about a
file's paragraphs comes from :func:`segment`, so they can never disagree.

Decisions a user can observe:

* **Never raises for content.** A file that cannot be shown becomes an
  ``Article`` with a specific ``error``; a file shown with caveats gets ``notes``.
* **Decoding.** A BOM decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE). Otherwise
  strict UTF-8. Text that is *mostly* UTF-8 with a few bad bytes is decoded
  with U+FFFD stand-ins and a note. Text with no valid UTF-8 at all is handed
  to ``charset-normalizer`` (a well-kept detector; guessing legacy code pages
  such as windows-1256 or windows-1251 is not something to hand-roll),
  limited to :data:`LEGACY_ENCODINGS`, and decoded with a note naming the
  guess. Fewer than :data:`MIN_BYTES_TO_GUESS` bad bytes are too little
  evidence for a guess: they are replaced. NUL bytes, a known binary signature or
  a high share of control characters mean ``binary file (…)``.
* **Size cap.** Files over :data:`MAX_FILE_BYTES` (8 MB, ~100x a long news
  article) are refused with ``file too large: 20.0 MB (limit 8 MB)`` after a
  ``stat`` and reading nothing: a prefix would be silently partial, and
  language detection, translation and claims over megabytes would stall the
  reader anyway.
* **Overlong lines.** A line longer than :data:`MAX_PARAGRAPH_CHARS` becomes
  several paragraphs, cut at the last sentence end (else the last space)
  before the limit. One 1 MB paragraph cannot be read, aligned or translated;
  for every ordinary file the fixed rule "paragraph i = i-th non-empty line"
  holds exactly.
* **Folders** are expanded one level (not recursively): regular files only,
  no hidden files, no backup files (``name~``) and no obvious non-articles
  (:data:`SKIPPED_SUFFIXES`: JSON, images, archives, databases…). Files named
  explicitly are always taken, whatever their name.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from tui.article import Article, Paragraph
from tui.direction import base_direction

MAX_FILE_BYTES = 8_000_000
"""Files larger than this (8 MB) are not read (see module docstring)."""

MAX_PARAGRAPH_CHARS = 20_000
"""Lines longer than this are split into several paragraphs."""

SKIPPED_SUFFIXES = frozenset(
    {
        ".json",
        ".jsonl",
        ".ndjson",
        ".yaml",
        ".yml",
        ".toml",
        ".ini",
        ".cfg",
        ".db",
        ".sqlite",
        ".sqlite3",
        ".pickle",
        ".pkl",
        ".npy",
        ".npz",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".bmp",
        ".svg",
        ".ico",
        ".pdf",
        ".zip",
        ".gz",
        ".bz2",
        ".xz",
        ".zst",
        ".tar",
        ".tgz",
        ".7z",
        ".rar",
        ".pyc",
        ".so",
        ".dll",
        ".exe",
        ".bin",
        ".argosmodel",
        ".mp3",
        ".mp4",
        ".wav",
        ".ogg",
        ".webm",
    }
)
"""Suffixes a folder expansion leaves out: data, media and archives, not articles."""

# Characters stripped from both ends of a line besides white space: invisible,
# and meaningless at a paragraph's edge (a stray BOM from concatenated files,
# zero-width spaces from web copy-paste). Inside a line they are kept.
_EDGE_INVISIBLES = "\ufeff\u200b"

LEGACY_ENCODINGS = (
    "cp1252",
    "cp1250",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "cp866",
    "iso8859_5",
    "mac_cyrillic",
    "cp1256",
    "iso8859_6",
    "cp1254",
    "iso8859_9",
    "cp1253",
    "iso8859_7",
    "cp1255",
    "iso8859_8",
    "cp1257",
    "iso8859_2",
    "latin_1",
)
"""Single-byte code pages still met in news text (Western, Cyrillic, Arabic,
Turkish, Greek, Hebrew, Baltic, Central European). Exotic pages are left out:
unrestricted, charset-normalizer read one stray byte in English as cp1006."""

MIN_BYTES_TO_GUESS = 4

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# A sentence end followed by white space, allowing closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?\u2026\u061f\u06d4\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb)\]]*\s")
_SPACE = re.compile(r"\s")

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)


# --------------------------------------------------------------------------
# discovery


def discover(paths: Sequence[Path]) -> list[Path]:
    """The article files named by ``paths``, in the order given.

    A file (or any path that is not a folder, even a missing one: loading it
    then reports why) is taken as given. A folder contributes its visible
    regular files, one level deep, in natural name order ("2" before "10"),
    minus :data:`SKIPPED_SUFFIXES` and backups. A path reached twice (also via
    a symlink) is listed once, where it first appeared.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    folders: dict[Path, Path] = {}
    for given in paths:
        path = Path(given)
        for candidate in _expand(path):
            key = _identity(candidate, folders)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _expand(path: Path) -> Iterable[Path]:
    if not path.is_dir():
        return [path]
    scanned = _scan(path)
    if scanned is not None:
        return scanned
    try:
        children = list(path.iterdir())
    except OSError:
        # Unlistable folder: hand it on, loading it reports the reason.
        return [path]
    files = [
        child
        for child in children
        if not child.name.startswith(".")
        and not child.name.endswith("~")
        and child.suffix.lower() not in SKIPPED_SUFFIXES
        and _is_regular_file(child)
    ]
    return sorted(files, key=_natural_key)


def _scan(path: Path) -> list[Path] | None:
    """A folder's visible regular files via ``os.scandir`` (one system call
    for the listing; the type usually comes with it), or ``None`` to fall back."""
    try:
        with os.scandir(path) as entries:
            files = []
            for entry in entries:
                name = entry.name
                if name.startswith(".") or name.endswith("~"):
                    continue
                if os.path.splitext(name)[1].lower() in SKIPPED_SUFFIXES:
                    continue
                try:
                    if not entry.is_file():  # follows symlinks, like stat()
                        continue
                except OSError:
                    continue
                files.append(path / name)
    except OSError:
        return None
    return sorted(files, key=_natural_key)


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _identity(path: Path, folders: dict[Path, Path] | None = None) -> Path:
    """The real path of ``path``. Resolving each of thousands of files costs a
    system call per path component, so a plain file (not a symlink) is keyed
    by its folder, resolved once, and its name."""
    try:
        if folders is not None and not path.is_symlink():
            parent = path.parent
            if parent not in folders:
                folders[parent] = parent.resolve()
            return folders[parent] / path.name
        return path.resolve()
    except OSError:
        return path.absolute()


def _natural_key(path: Path) -> list[tuple[int, int | str]]:
    parts = re.split(r"(\d+)", path.name.casefold())
    return [(0, int(part)) if part.isdigit() else (1, part) for part in parts]


# --------------------------------------------------------------------------
# segmentation


def segment(text: str, *, max_chars: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """The paragraphs of ``text``: its non-empty lines, stripped.

    Line ends are ``\\n``, ``\\r\\n`` and ``\\r`` (not U+2028 or form feed:
    those stay inside a paragraph and are neutralised at display). Stripping
    removes white space and :data:`_EDGE_INVISIBLES`. A line longer than
    ``max_chars`` is cut into pieces of at most ``max_chars`` characters (see
    :func:`split_long`). Never raises; never yields an empty string or one
    containing ``\\n`` or ``\\r``.
    """
    return _segment(text, max_chars)[0]


def _segment(text: str, max_chars: int) -> tuple[list[str], int]:
    """Paragraphs and the number of overlong lines that were split."""
    paragraphs: list[str] = []
    split = 0
    for line in _LINE_BREAK.split(text):
        stripped = strip_line(line)
        if not stripped:
            continue
        if len(stripped) <= max_chars:
            paragraphs.append(stripped)
        else:
            paragraphs.extend(split_long(stripped, max_chars))
            split += 1
    return paragraphs, split


def strip_line(line: str) -> str:
    """``line`` without surrounding white space and edge invisibles."""
    previous = None
    while previous != line:
        previous = line
        line = line.strip().strip(_EDGE_INVISIBLES)
    return line


def split_long(line: str, max_chars: int) -> list[str]:
    """Cut a stripped overlong line into stripped pieces of at most ``max_chars``.

    Each cut goes after the last sentence end in the second half of the
    window, else at the last white space in the window, else (no space at
    all, e.g. a base64 blob) at ``max_chars``, moved back so that combining
    marks stay with their letter. Apart from white space at the cuts, the
    pieces concatenate back to ``line``.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    pieces: list[str] = []
    rest = line
    while len(rest) > max_chars:
        cut = _cut_point(rest, max_chars)
        piece = strip_line(rest[:cut])
        if piece:
            pieces.append(piece)
        rest = strip_line(rest[cut:])
    if rest:
        pieces.append(rest)
    return pieces


def _cut_point(text: str, max_chars: int) -> int:
    # One character more than fits: a sentence end or space right at the limit
    # still makes a piece of at most max_chars once stripped.
    window = text[: max_chars + 1]
    best = None
    for match in _SENTENCE_END.finditer(window, max_chars // 2):
        best = match.end()
    if best is not None:
        return best
    for i in range(len(window) - 1, 0, -1):
        if window[i].isspace():
            return i
    cut = max_chars
    while cut > 1 and _joins_previous(text[cut]):
        cut -= 1
    return cut


def _joins_previous(ch: str) -> bool:
    """True for marks that belong to the character before them."""
    return unicodedata.category(ch) in ("Mn", "Me", "Mc") or ch in "\u200c\u200d"


# --------------------------------------------------------------------------
# reading and decoding


class LoadError(Exception):
    """A file that cannot be turned into text; the message is user-facing."""


def load_article(path: Path, *, boilerplate: bool = True) -> Article:
    """Read, decode and segment ``path``. Never raises for bad content.

    Paragraphs get their base direction and boilerplate reason; ``language``
    stays ``None`` (see :func:`tui.language.detect_languages`, which is slower
    and runs after the reader has painted). ``boilerplate=False`` skips the
    boilerplate rules (their patterns take ~10 ms to compile): the reader
    paints its first article without them and adds them with
    :func:`with_boilerplate` right after.
    """
    path = Path(path)
    article_id = path.stem or path.name
    try:
        data = _read_bytes(path)
        text, notes = decode(data)
    except LoadError as exc:
        return Article(id=article_id, path=path, error=str(exc))
    content_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    texts, split = _segment(text, MAX_PARAGRAPH_CHARS)
    if not texts:
        return Article(id=article_id, path=path, content_hash=content_hash, error="empty file", notes=notes)
    if boilerplate:
        from tui.boilerplate import flag_boilerplate

        reasons = flag_boilerplate(texts)
    else:
        reasons = [None] * len(texts)
    paragraphs = tuple(
        Paragraph(index=i, text=t, direction=base_direction(t), boilerplate=reason)
        for i, (t, reason) in enumerate(zip(texts, reasons, strict=True))
    )
    if split:
        notes = (
            *notes,
            f"{split} line(s) over {MAX_PARAGRAPH_CHARS:,} characters split into several paragraphs",
        )
    return Article(id=article_id, path=path, paragraphs=paragraphs, content_hash=content_hash, notes=notes)


def with_boilerplate(article: Article) -> Article:
    """``article`` with its paragraphs' boilerplate reasons (re)computed."""
    if not article.ok:
        return article
    import dataclasses

    from tui.boilerplate import flag_boilerplate

    reasons = flag_boilerplate([p.text for p in article.paragraphs])
    paragraphs = tuple(
        dataclasses.replace(p, boilerplate=reason) for p, reason in zip(article.paragraphs, reasons, strict=True)
    )
    return dataclasses.replace(article, paragraphs=paragraphs)


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise LoadError("file not found") from None
    except PermissionError:
        raise LoadError("permission denied") from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from None
    except ValueError:  # NUL or unencodable characters in the path
        raise LoadError("cannot read file: invalid file name") from None
    if stat.S_ISDIR(info.st_mode):
        if not os.access(path, os.R_OK | os.X_OK):
            raise LoadError("is a folder, and it cannot be read (permission denied)")
        raise LoadError("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # FIFOs, sockets and devices: opening a FIFO would block the reader.
        raise LoadError("not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise LoadError(_too_large(info.st_size))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise LoadError("permission denied") from None
    except IsADirectoryError:
        raise LoadError("is a folder, not a file") from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:  # grew since stat
        raise LoadError(_too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return f"file too large: {size / 1e6:.1f} MB (limit {MAX_FILE_BYTES / 1e6:.0f} MB)"


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Text and notes for ``data``; raises :class:`LoadError` for binary data.

    Empty input decodes to ``""`` (the caller reports "empty file").
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            text = body.decode(encoding, errors="replace")
            bad = text.count("\ufffd") - body.decode(encoding, errors="ignore").count("\ufffd")
            _refuse_binary_text(text)
            notes = (_replaced(bad, "character"),) if bad else ()
            return text, notes
    kind = _binary_kind(data)
    if kind:
        raise LoadError(f"binary file ({kind})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_binary_text(text)
        return text, ()
    text, bad = _decode_utf8_counting(data)
    valid_non_ascii = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if valid_non_ascii >= bad:
        # Mostly UTF-8 with some corruption: keep it, mark the holes.
        _refuse_binary_text(text)
        return text, (_replaced(bad, "byte"),)
    guessed = _guess_legacy(data) if bad >= MIN_BYTES_TO_GUESS else None
    if guessed is not None:
        text, encoding = guessed
        _refuse_binary_text(text)
        return text, (f"not UTF-8: decoded as {encoding} (a guess; check the text)",)
    if bad <= max(8, len(data) // 20):
        _refuse_binary_text(text)
        return text, (_replaced(bad, "byte"),)
    raise LoadError(f"binary file ({bad} of {len(data)} bytes are not text)")


def _decode_utf8_counting(data: bytes) -> tuple[str, int]:
    bad = 0
    parts: list[str] = []
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    view = memoryview(data)
    start = 0
    while start < len(data):
        try:
            parts.append(decoder.decode(view[start:], final=True))
            break
        except UnicodeDecodeError as exc:
            # exc.start/end are relative to the slice just passed in.
            parts.append(bytes(view[start : start + exc.start]).decode("utf-8", errors="strict"))
            parts.append("\ufffd")
            bad += exc.end - exc.start
            start += exc.end
            decoder.reset()
    return "".join(parts), bad


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if b"\x00" in data:
        return "contains NUL bytes"
    return None


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""C0 controls other than tab/newline/vertical tab/form feed/CR, DEL and C1."""


def _refuse_binary_text(text: str) -> None:
    """Refuse decoded text that is mostly control characters (or has NULs)."""
    if "\x00" in text:
        raise LoadError("binary file (contains NUL characters)")
    sample = text[:65536]
    if not sample:
        return
    controls = len(_CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 10):
        raise LoadError(f"binary file ({controls} control characters in {len(sample)})")


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # declared dependency; without it, no guessing
        return None
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    return str(best), best.encoding.replace("_", "-")


def _replaced(count: int, unit: str) -> str:
    return f"{count} undecodable {unit}{'' if count == 1 else 's'} replaced"
