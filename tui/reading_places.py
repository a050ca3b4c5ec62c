"""Where the reader was: kept across restarts, as a daily reader expects.

Per article, the paragraph last read; per folder (the articles' common
folder), the article last open; the user's marks (``m``\\ *x* sets, ``'``\\ *x*
goes back); and how the columns were laid out. One small JSON file in the
user's state directory (``$TANDEM_STATE_DIR`` or platformdirs'
``user_state_dir``), written whole to a temporary file and renamed, so a crash
leaves the old file or the new one, never half of one.

A place is anchored by the paragraph's text hash as well as its number: when
the file changed on disk (a paragraph added above), the reader comes back to
the same text, not the same number. Articles are keyed by their absolute path
(string work only: no file-system call per file, since a folder may hold
50,000), with the content hash as a second key, so a renamed file keeps its
place. The keys of the session's paths are worked out once, not on every
move between articles.

The reader writes the file in a thread (an ``fsync`` on the event loop held
the keys a second after every move between articles): :meth:`ReadingPlaces.snapshot`
takes the content on the caller's thread, :meth:`ReadingPlaces.write` writes it
anywhere, one write at a time, and never over a newer snapshot already written;
:meth:`ReadingPlaces.save` does both at once (at exit: the last state is written,
after any write still under way).

Nothing here is something the user wrote: losing it (another reader saving
at the same moment: the last one wins) costs a scroll, not a note. The notes
store, not this file, keeps what the user writes. A file that cannot be read
or parsed is ignored (and replaced on the next save); one that cannot be
written is reported once by the caller and then left alone.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.article import Article
from tui.paths import article_key
from tui.textnorm import text_hash

VERSION = 1
MAX_ARTICLES = 2000
"""Places kept; the least recently read are dropped beyond this."""
MAX_BYTES = 4 * 1024 * 1024
"""A state file larger than this is not read (it is not one tandem wrote)."""
MARK_NAMES = "abcdefghijklmnopqrstuvwxyz"
SEARCH = 2000
"""How far (in paragraphs, each way) a moved paragraph is looked for."""


def state_path() -> Path:
    """``$TANDEM_STATE_DIR/reading.json`` or ``<user state dir>/tandem/reading.json``."""
    env = os.environ.get("TANDEM_STATE_DIR")
    if env:
        return Path(env).expanduser() / "reading.json"
    from platformdirs import user_state_dir

    return Path(user_state_dir("tandem", appauthor=False)) / "reading.json"


@dataclass(frozen=True, slots=True)
class Place:
    """An article (by path) and a paragraph in it."""

    path: str
    paragraph: int


def folder_key(paths: Sequence[Path]) -> str:
    """The key "the article last open" is remembered under: the articles' common folder."""
    cwd = os.getcwd()
    return _folder([article_key(p, cwd) for p in paths])


def _folder(keys: Sequence[str]) -> str:
    # The common folder of all keys is that of the first and last in string
    # order: every key between them shares their common prefix.
    if not keys:
        return ""
    first, last = os.path.dirname(min(keys)), os.path.dirname(max(keys))
    try:
        return os.path.commonpath([first, last])
    except ValueError:  # different drives
        return first


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The state file's content at one moment, numbered in the order taken."""

    number: int
    data: dict[str, Any]


class ReadingPlaces:
    """The state file's content, read once, changed in memory, saved whole."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_path()
        self._data: dict[str, Any] = {"version": VERSION, "articles": {}, "last": {}, "marks": {}, "columns": {}}
        self._clock = 0
        self._session: tuple[Sequence[Path], str, dict[str, int]] | None = None
        """The session's paths, their folder key and each path's key → index (see :meth:`_keys`)."""
        self._taken = 0
        """Snapshots taken (:meth:`snapshot`)."""
        self._written = 0
        """The number of the newest snapshot on disk (guarded by :attr:`_writing`)."""
        self._writing = threading.Lock()
        self.load()

    def load(self) -> None:
        try:
            if self.path.stat().st_size > MAX_BYTES:
                return
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return
        for key in ("articles", "last", "marks", "columns"):
            if isinstance(data.get(key), dict):
                self._data[key] = data[key]
        clocks = [e.get("seen", 0) for e in self._data["articles"].values() if isinstance(e, dict)]
        self._clock = max((c for c in clocks if isinstance(c, int)), default=0)

    def save(self) -> None:
        """Write the file now (waiting for a write under way); raises ``OSError``
        if it cannot be written."""
        self.write(self.snapshot())

    def snapshot(self) -> Snapshot:
        """The content as it is now, to :meth:`write` later, from any thread.
        Cheap: entries are replaced, never changed in place, so copying the
        four tables (not their entries) is enough."""
        articles = self._data["articles"]
        if len(articles) > MAX_ARTICLES:
            keep = sorted(articles.items(), key=lambda item: item[1].get("seen", 0))[-MAX_ARTICLES:]
            self._data["articles"] = dict(keep)
        self._taken += 1
        data = {key: dict(value) if isinstance(value, dict) else value for key, value in self._data.items()}
        return Snapshot(self._taken, data)

    def write(self, snapshot: Snapshot) -> None:
        """Write ``snapshot`` atomically, unless a newer one was written
        meanwhile; one write at a time. Raises ``OSError``."""
        with self._writing:
            if snapshot.number <= self._written:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".reading-", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(snapshot.data, out, ensure_ascii=False)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self._written = snapshot.number

    # -- paragraphs --------------------------------------------------------------

    def remember(self, article: Article, paragraph: int) -> None:
        """The reader was at ``paragraph`` of ``article``."""
        if not article.ok or not 0 <= paragraph < len(article.paragraphs):
            return
        self._clock += 1
        self._data["articles"][article_key(article.path)] = {
            "paragraph": paragraph,
            "anchor": text_hash(article.paragraphs[paragraph].text),
            "content": article.content_hash,
            "seen": self._clock,
        }

    def paragraph(self, article: Article) -> int | None:
        """Where the reader was in ``article``: the remembered paragraph, found
        again by its text if the file changed; ``None`` if never read."""
        articles = self._data["articles"]
        entry = articles.get(article_key(article.path))
        if not isinstance(entry, dict):
            entry = next(
                (e for e in articles.values() if isinstance(e, dict) and e.get("content") == article.content_hash),
                None,
            )
        if entry is None or not article.ok or not article.paragraphs:
            return None
        return _anchored(article, entry.get("paragraph"), entry.get("anchor"))

    # -- the last article of a folder --------------------------------------------

    def _keys(self, paths: Sequence[Path]) -> tuple[str, dict[str, int]]:
        """The folder key of ``paths`` and each one's key → its index, worked
        out once for the session's list of paths (the same object each time)."""
        if self._session is None or self._session[0] is not paths:
            cwd = os.getcwd()
            keys = [article_key(p, cwd) for p in paths]
            where: dict[str, int] = {}
            for index, key in enumerate(keys):
                where.setdefault(key, index)
            self._session = (paths, _folder(keys), where)
        return self._session[1], self._session[2]

    def remember_last(self, paths: Sequence[Path], article: Path) -> None:
        self._data["last"][self._keys(paths)[0]] = article_key(article)

    def last(self, paths: Sequence[Path]) -> int | None:
        """The index in ``paths`` of the article last open among them."""
        folder, where = self._keys(paths)
        wanted = self._data["last"].get(folder)
        return where.get(wanted) if isinstance(wanted, str) else None

    def index_of(self, paths: Sequence[Path], key: str) -> int | None:
        """The index in ``paths`` of the file a place or mark names."""
        return self._keys(paths)[1].get(key)

    # -- marks ---------------------------------------------------------------------

    def set_mark(self, name: str, article: Article, paragraph: int) -> None:
        if name not in MARK_NAMES or not article.ok or not 0 <= paragraph < len(article.paragraphs):
            raise ValueError(f"cannot mark {name!r} there")
        self._data["marks"][name] = {
            "path": article_key(article.path),
            "paragraph": paragraph,
            "anchor": text_hash(article.paragraphs[paragraph].text),
        }

    def mark(self, name: str) -> tuple[str, int, str | None] | None:
        """``(path, paragraph, anchor)`` of mark ``name``, if set."""
        entry = self._data["marks"].get(name)
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            return None
        paragraph = entry.get("paragraph")
        anchor = entry.get("anchor")
        return (
            entry["path"],
            paragraph if isinstance(paragraph, int) else 0,
            anchor if isinstance(anchor, str) else None,
        )

    def marks(self) -> list[str]:
        return sorted(name for name in self._data["marks"] if name in MARK_NAMES)

    @staticmethod
    def find(article: Article, paragraph: int, anchor: str | None) -> int:
        """``paragraph`` of ``article``, or where its text (``anchor``) is now."""
        found = _anchored(article, paragraph, anchor)
        return 0 if found is None else found

    # -- columns -------------------------------------------------------------------

    def columns(self) -> dict[str, object]:
        return dict(self._data["columns"])

    def remember_columns(self, columns: dict[str, object]) -> None:
        self._data["columns"] = dict(columns)


def _anchored(article: Article, paragraph: object, anchor: object) -> int | None:
    count = len(article.paragraphs)
    if count == 0:
        return None
    number = paragraph if isinstance(paragraph, int) else 0
    if not isinstance(anchor, str):
        return max(0, min(number, count - 1))
    if 0 <= number < count and text_hash(article.paragraphs[number].text) == anchor:
        return number
    # The text moved: the nearest paragraph with the same text (looked for
    # outwards, within SEARCH paragraphs), else the same number.
    for distance in range(1, min(count, SEARCH) + 1):
        for candidate in (number - distance, number + distance):
            if 0 <= candidate < count and text_hash(article.paragraphs[candidate].text) == anchor:
                return candidate
    return max(0, min(number, count - 1))
