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
* **Folders** are expanded one level, or every level with ``recursive=True``:
  regular files only, no hidden files or folders, no backup files
  (``name~``), no data and page assets (:data:`SKIPPED_SUFFIXES`: JSON,
  databases, stylesheets, the corpus index…) and, when recursive, no
  ``NAME_files`` folders that browsers save beside a page. Images, PDFs and
  archives are *listed*, with the reason they cannot be read. Files named
  explicitly are always taken, whatever their name.
* **Several articles in one file.** Web pages (``.html``) are one article
  (:mod:`tui.pages`). RSS/Atom feeds and JSON Lines exports hold many
  (:mod:`tui.feeds`): :func:`discover` lists entry *n* (1-based, file order)
  as the path ``FILE#n`` (entries are counted, not parsed: a folder of big
  feeds lists at once), and :func:`load_article` reads such a path back,
  parsing that entry alone, with the id ``STEM#n``. Everything that takes a path (the reader, notes,
  ``tandem show``) therefore takes an entry too. A path that exists as a file
  is always that file, whatever its name.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from tui.article import Article, ArticleMeta, Paragraph

if TYPE_CHECKING:
    from tui.feeds import Entry, FeedItem

FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
"""Suffixes sniffed for a feed (``.xml`` only counts when it holds one).
Here, not in :mod:`tui.feeds`: listing a folder needs them, and importing
the feed reader (with ``urllib`` and the page helpers) cost the reader's
start ~3-10 ms before its first paint."""
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

MAX_FILE_BYTES = 8_000_000
"""Files larger than this (8 MB) are not read (see module docstring)."""

MAX_PARAGRAPH_CHARS = 20_000
"""Lines longer than this are split into several paragraphs."""

SKIPPED_SUFFIXES = frozenset(
    {
        ".json",
        ".yaml",
        ".yml",
        ".toml",
        ".ini",
        ".cfg",
        ".db",
        ".sqlite",
        ".sqlite3",
        ".sqlite3-wal",
        ".sqlite3-shm",
        ".pickle",
        ".pkl",
        ".npy",
        ".npz",
        ".pyc",
        ".argosmodel",
        ".css",
        ".js",
        ".map",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
    }
)
"""Suffixes a folder expansion leaves out silently: data, configuration and
page assets, never articles. Images, PDFs, archives and other binaries are
listed instead, so that a user sees why they are not read."""

MAX_PAGE_BYTES = 32_000_000
"""Web pages may be larger than :data:`MAX_FILE_BYTES`: most of a page is markup."""

ENTRY_MARK = "#"
"""Separates a multi-article file from its entry number: ``feed.xml#3``."""

_ENTRY_NAME = re.compile(r"^(?P<name>.+)#(?P<number>[1-9][0-9]*)$")

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


def discover(paths: Sequence[Path], *, recursive: bool = False) -> list[Path]:
    """The article paths named by ``paths``, in the order given.

    A file (or any path that is not a folder, even a missing one: loading it
    then reports why) is taken as given. A folder contributes its visible
    regular files, one level deep (every level with ``recursive``), in natural
    name order ("2" before "10"; a folder's files before its subfolders'),
    minus :data:`SKIPPED_SUFFIXES` and backups. A feed or JSON Lines file
    contributes one ``FILE#n`` path per entry (see module docstring). A path
    reached twice (also via a symlink) is listed once, where it first appeared.
    """
    found: list[Path] = []
    seen: set[str] = set()
    folders: dict[str, str] = {}
    for given in paths:
        path = Path(given)
        listed = _scan(path, recursive, folders) if path.is_dir() else None
        if listed is None:  # a file, or a folder os.scandir cannot list
            listed = [(c, _identity(c, folders, plain), _may_hold_entries(c)) for c, plain in _expand(path, recursive)]
        for candidate, key, holds_entries in listed:
            if key not in seen:
                seen.add(key)
                if holds_entries:
                    found.extend(entry_paths(candidate))
                else:
                    found.append(candidate)
    return found


def entry_paths(path: Path) -> list[Path]:
    """``[path]`` for a one-article file; ``FILE#1 … FILE#n`` for a feed or
    JSON Lines file with *n* entries (``[path]`` when it has none or cannot
    be read: loading it then says why)."""
    if not _may_hold_entries(path):
        return [path]
    count = len(_entries(path) or ())
    if count == 0:
        return [path]
    return [path.with_name(f"{path.name}{ENTRY_MARK}{n}") for n in range(1, count + 1)]


def split_entry(path: Path) -> tuple[Path, int | None]:
    """``(file, n)`` for an entry path ``FILE#n`` whose file exists and is not
    itself named so; ``(path, None)`` for everything else."""
    matched = _ENTRY_NAME.match(path.name)
    if matched is None:
        return path, None
    try:
        if path.exists():
            return path, None
    except (OSError, ValueError):
        return path, None
    return path.with_name(matched.group("name")), int(matched.group("number"))


def _expand(path: Path, recursive: bool) -> Iterable[tuple[Path, bool]]:
    """Files of ``path`` with, for each, whether it is known not to be a
    symlink: the slow way, for what :func:`_scan` does not list."""
    if not path.is_dir():
        return [(path, False)]
    try:
        children = list(path.iterdir())
    except OSError:
        # Unlistable folder: hand it on, loading it reports the reason.
        return [(path, False)]
    files = [child for child in children if _wanted(child.name) is not None and _is_regular_file(child)]
    return [(child, False) for child in sorted(files, key=_natural_key)]


def _wanted(name: str) -> str | None:
    """The lower-case suffix of a file name that discovery lists, or
    ``None`` for one it leaves out: hidden (``.name``), a backup (``name~``),
    or one of :data:`SKIPPED_SUFFIXES`. The one rule for both listings
    (:func:`_scan`, :func:`_expand`); it returns the suffix so the scan works
    it out once per name (it also says whether the file may hold entries)."""
    if not name or name[0] == "." or name[-1] == "~":
        return None
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    return None if suffix in SKIPPED_SUFFIXES else suffix


def _wanted_folder(name: str) -> bool:
    """Whether a recursive listing goes into a subfolder of this name: not
    hidden, and not a saved page's images and scripts (``page_files``)."""
    return not (name.startswith(".") or name.endswith("_files"))


def _scan(path: Path, recursive: bool, folders: dict[str, str]) -> list[tuple[Path, str, bool]] | None:
    """A folder's visible regular files via ``os.scandir`` (one system call
    for the listing; the type usually comes with it), or ``None`` to fall
    back: for each, its path, its identity (see :func:`_identity`) and whether
    it may hold several articles. With ``recursive``, visible subfolders
    follow, depth first, each once.

    Which files and folders are taken is :func:`_wanted` and
    :func:`_wanted_folder`; a file's identity is :func:`_identity`'s, worked
    out here per folder (:func:`_real_prefix`) and joined per name: for a
    50,000-file folder, listed before the reader's first paint, calling
    :func:`_identity` per file took about half of the listing's time."""
    try:
        with os.scandir(path) as entries:
            files: list[tuple[str, bool, bool]] = []
            subfolders = []
            for entry in entries:
                name = entry.name
                if recursive:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if _wanted_folder(name):
                                subfolders.append(path / name)
                            continue
                    except OSError:
                        continue
                suffix = _wanted(name)
                if suffix is None:
                    continue
                try:
                    if not entry.is_file():  # follows symlinks, like stat()
                        continue
                    plain = not entry.is_symlink()  # from the listing, no system call
                except OSError:
                    continue
                files.append((name, plain, suffix in _ENTRY_SUFFIXES))
    except OSError:
        return None
    files = _natural_order(files)
    prefix = _real_prefix(os.fspath(path), folders)
    found = []
    for name, plain, holds_entries in files:
        child = _child(path, name)
        found.append((child, prefix + name if plain else _identity(child, folders), holds_entries))
    for folder in sorted(subfolders, key=_natural_key):
        found.extend(_scan(folder, True, folders) or [])
    return found


_child: Callable[[Path, str], Path] = getattr(Path, "_make_child_relpath", Path.joinpath)
"""``folder / name`` for a name from a folder listing (never ``.``, ``..`` or
with a separator). CPython 3.11 and 3.12 parse the name again on ``/``;
``Path.iterdir`` joins with this private method instead: 50,000 paths in 29
ms instead of 84, before the first paint. Elsewhere (3.13 on, which made
``/`` cheap) the public join."""


def _is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _identity(path: Path, folders: dict[str, str], plain: bool = False) -> str:
    """The real path of ``path``. Resolving each of thousands of files costs a
    system call per path component, so a plain file (not a symlink: known from
    the folder listing, else asked) is keyed by its folder, resolved once
    (:func:`_real_prefix`), and its name."""
    try:
        if plain or not path.is_symlink():
            parent, sep, name = os.fspath(path).rpartition(os.sep)
            return _real_prefix(parent or sep, folders) + name  # "/x.txt": the root; "x.txt": ""
        return str(path.resolve())
    except (OSError, ValueError):
        return str(path.absolute())


def _real_prefix(folder: str, folders: dict[str, str]) -> str:
    """The real path of ``folder`` ("" for the working directory) with a
    separator at its end, worked out once per folder (``folders`` keeps it)."""
    prefix = folders.get(folder)
    if prefix is None:
        real = os.path.realpath(folder or ".")
        prefix = folders[folder] = real if real.endswith(os.sep) else real + os.sep
    return prefix


def _natural_key(path: Path) -> str:
    return _natural_name_key(path.name)


def _natural_order(files: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """``files`` (name first) sorted by :func:`_natural_name_key`, without
    working the key out when plain order is the same: when every name has
    its digits at the same places (``2023-10-01-00001.txt`` …, numbered or
    dated archives), padding puts the same zeros at the same places in every
    name and changes no comparison. The check is a few C-level passes; the
    padding is a Python call per digit run (60 ms for 50,000 names)."""
    folded = [name.casefold() for name, _, _ in files]
    skeletons = set("\0".join(folded).encode("utf-8", "surrogatepass").translate(_DIGITS_TO_ZERO).split(b"\0"))
    keys = folded if len(skeletons) <= 1 else [_DIGITS.sub(_pad, name) for name in folded]
    return [files[i] for i in sorted(range(len(files)), key=keys.__getitem__)]


_DIGITS_TO_ZERO = bytes.maketrans(b"0123456789", b"0000000000")


def _natural_name_key(name: str) -> str:
    """The name, case-folded, with every run of digits zero-padded to 20 places,
    so that plain string order is natural order ("2" before "10"). One C-level
    substitution: sorting 50,000 names by a list of tuples took a tenth of a second."""
    return _DIGITS.sub(_pad, name.casefold())


def _pad(match: re.Match[str]) -> str:
    return match.group().zfill(20)


_DIGITS = re.compile(r"\d+")


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
    """Paragraphs and the number of overlong lines that were split.

    Written as whole-list passes (``str.strip`` mapped over the lines; the
    slower :func:`strip_line` only for lines with an edge invisible; the
    length check once): a 200,000-line file is segmented in a few
    hundredths of a second, not a few tenths, before the reader's first paint."""
    lines = [line for line in map(str.strip, _LINE_BREAK.split(text)) if line]
    if any(ch in text for ch in _EDGE_INVISIBLES):
        edges = _EDGE_INVISIBLES
        lines = [
            kept for line in lines if (kept := strip_line(line) if line[0] in edges or line[-1] in edges else line)
        ]
    if not lines or max(map(len, lines)) <= max_chars:
        return lines, 0
    paragraphs: list[str] = []
    split = 0
    for line in lines:
        if len(line) <= max_chars:
            paragraphs.append(line)
        else:
            paragraphs.extend(split_long(line, max_chars))
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

    ``path`` is a file or an entry path ``FILE#n`` (see module docstring).
    Web pages and feed entries get their :class:`~tui.article.ArticleMeta`.
    Paragraphs get their boilerplate reason (their base direction is worked
    out when first read: :attr:`tui.article.Paragraph.direction`); ``language``
    stays ``None`` (see :func:`tui.language.detect_languages`, which is slower
    and runs after the reader has painted). ``boilerplate=False`` skips the
    boilerplate rules (their patterns take ~10 ms to compile): the reader
    paints its first article without them and adds them with
    :func:`with_boilerplate` right after.
    """
    path = Path(path)
    file, number = split_entry(path)
    if number is not None:
        return _load_entry(path, file, number, boilerplate)
    article_id = path.stem or path.name
    try:
        if path.suffix.lower() in _page_suffixes():
            data = _read_bytes(path, MAX_PAGE_BYTES)
            return _load_page(path, article_id, data, boilerplate)
        data = _read_bytes(path)
        if _may_hold_entries(path):
            # A feed or export with no entries (else discover listed FILE#n paths).
            entries = _entries(path)
            if entries is not None:
                from tui.feeds import Entry

                only = entries[0] if len(entries) == 1 else None
                reason = only.error if isinstance(only, Entry) and only.error else "no entries"
                return Article(id=article_id, path=path, error=f"{_kind(path)}: {reason}")
        text, notes = decode(data)
    except LoadError as exc:
        return Article(id=article_id, path=path, error=str(exc))
    return build_article(path, article_id, (), notes=notes, boilerplate=boilerplate, whole_text=text)


def build_article(
    path: Path,
    article_id: str,
    blocks: Sequence[str],
    *,
    notes: tuple[str, ...] = (),
    meta: ArticleMeta | None = None,
    boilerplate: bool = True,
    whole_text: str | None = None,
) -> Article:
    """An article from text blocks (lines, or a page's paragraphs), segmented
    by the one rule of :func:`segment`, with boilerplate flags unless told not.

    The content hash is of ``whole_text`` (a plain file's decoded text), else
    of the blocks joined by newlines."""
    text = whole_text if whole_text is not None else "\n".join(blocks)
    content_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    texts, split = _segment(text, MAX_PARAGRAPH_CHARS)
    if not texts:
        return Article(id=article_id, path=path, content_hash=content_hash, error="empty file", notes=notes, meta=meta)
    if boilerplate:
        from tui.boilerplate import flag_boilerplate

        reasons = flag_boilerplate(texts)
    else:
        reasons = [None] * len(texts)
    # No direction given: each paragraph works out its own when first read
    # (tui.article.Paragraph.direction), so only the rows drawn pay for it.
    if len(reasons) != len(texts):
        raise ValueError("one boilerplate reason per paragraph expected")
    with _collector_paused():
        paragraphs = tuple(map(Paragraph, range(len(texts)), texts, repeat(None), repeat(None), reasons))
    if split:
        notes = (
            *notes,
            f"{split} line(s) over {MAX_PARAGRAPH_CHARS:,} characters split into several paragraphs",
        )
    return Article(id=article_id, path=path, paragraphs=paragraphs, content_hash=content_hash, notes=notes, meta=meta)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while paragraphs are made.

    Each paragraph is an object the collector tracks, and 200,000 new ones
    set off full collections, each walking every object of the reader:
    measured, a third of the time to read such a file (0.6 of 1.9 s, with an
    app-sized heap). Paragraphs hold no cycles, so pausing loses nothing; the
    collector runs again as usual afterwards. Left alone if something else
    turned it off."""
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _page_suffixes() -> frozenset[str]:
    from tui.pages import PAGE_SUFFIXES

    return PAGE_SUFFIXES


def _load_page(path: Path, article_id: str, data: bytes, boilerplate: bool) -> Article:
    from tui.pages import PageError, declared_charset, read_page

    text, notes = _decode_page(data, declared_charset)
    try:
        blocks, meta = read_page(text)
    except PageError as exc:
        return Article(id=article_id, path=path, error=str(exc), notes=notes)
    return build_article(path, article_id, blocks, notes=notes, meta=meta, boilerplate=boilerplate)


def _decode_page(data: bytes, charset: Callable[[bytes], str | None]) -> tuple[str, tuple[str, ...]]:
    """A page's text: a BOM or valid UTF-8 first, then the page's declared
    charset, then the same guessing as for text files."""
    declared = charset(data)
    if declared and declared not in ("utf-8", "utf-16", "utf-32") and not data.startswith(tuple(b for b, _ in _BOMS)):
        try:
            return data.decode("utf-8"), ()
        except UnicodeDecodeError:
            text = data.decode(declared, errors="replace")
            _refuse_binary_text(text)
            return text, ()
    return decode(data)


# --------------------------------------------------------------------------
# multi-article files

_ENTRY_CACHE: dict[Path, tuple[tuple[int, int], list[Entry | _LazyLine | FeedItem]]] = {}
_ENTRY_CACHE_FILES = 4
"""Scanned multi-article files kept (by path, size and mtime): discovery
scans a file to count its entries, loading entry 1…n must not read and scan
it n times."""


_ENTRY_SUFFIXES = FEED_SUFFIXES | JSONL_SUFFIXES


def _may_hold_entries(path: Path) -> bool:
    return os.path.splitext(path.name)[1].lower() in _ENTRY_SUFFIXES


def _kind(path: Path) -> str:

    return "JSON Lines file" if path.suffix.lower() in JSONL_SUFFIXES else "feed"


def _entries(path: Path) -> list[Entry | _LazyLine | FeedItem] | None:
    """The entries of a feed or JSON Lines file (cached), or ``None`` when it is
    not one (an ``.xml`` file that is no feed) or cannot be read.

    Entries are located, not parsed (JSON Lines: the lines; feeds:
    :func:`tui.feeds.scan_feed`), so that listing a folder parses no entry;
    each is parsed when loaded. Only a feed the scan cannot vouch for is
    parsed in full here."""
    from tui.feeds import jsonl_lines, looks_like_feed, read_feed, scan_feed

    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    stamp = (info.st_size, info.st_mtime_ns)
    cached = _ENTRY_CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    try:
        data = _read_bytes(path)
    except LoadError:
        return None
    entries: list[Entry | _LazyLine | FeedItem]
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            text, _ = decode(data)
        except LoadError:
            return None
        entries = [_LazyLine(number, line) for number, line in jsonl_lines(text)]
    elif looks_like_feed(data):
        scanned = scan_feed(data)
        entries = list(scanned if scanned is not None else read_feed(data))
    else:
        return None
    while len(_ENTRY_CACHE) >= _ENTRY_CACHE_FILES:
        try:  # the reader's worker and its main thread may both load entries
            _ENTRY_CACHE.pop(next(iter(_ENTRY_CACHE)), None)
        except (StopIteration, RuntimeError):
            break
    _ENTRY_CACHE[path] = (stamp, entries)
    return entries


class _LazyLine:
    """A JSON Lines record parsed when its entry is loaded, not when counted."""

    __slots__ = ("line", "number")

    def __init__(self, number: int, line: str) -> None:
        self.number = number
        self.line = line

    def entry(self) -> Entry:
        from tui.feeds import read_jsonl_line

        return read_jsonl_line(self.number, self.line)


def _load_entry(path: Path, file: Path, number: int, boilerplate: bool) -> Article:
    article_id = f"{file.stem or file.name}{ENTRY_MARK}{number}"
    entries = _entries(file)
    if entries is None:
        try:
            _read_bytes(file)
        except LoadError as exc:
            return Article(id=article_id, path=path, error=str(exc))
        return Article(id=article_id, path=path, error="not a feed or JSON Lines file")
    if number > len(entries):
        return Article(id=article_id, path=path, error=f"entry {number} not found ({len(entries)} in the file)")
    found = entries[number - 1]
    from tui.feeds import Entry

    entry = found if isinstance(found, Entry) else found.entry()
    if entry.error is not None:
        return Article(id=article_id, path=path, error=entry.error, meta=entry.meta, notes=entry.notes)
    return build_article(path, article_id, entry.blocks, notes=entry.notes, meta=entry.meta, boilerplate=boilerplate)


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


def _read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
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
    if info.st_size > limit:
        raise LoadError(_too_large(info.st_size, limit))
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError:
        raise LoadError("permission denied") from None
    except IsADirectoryError:
        raise LoadError("is a folder, not a file") from None
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > limit:  # grew since stat
        raise LoadError(_too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int = MAX_FILE_BYTES) -> str:
    return f"file too large: {size / 1e6:.1f} MB (limit {limit / 1e6:.0f} MB)"


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
