"""Which translation cache to use: the user's own file, or the team's server.

The location comes, first found wins, from ``--translations-db`` (the entry
points put it in the environment), the ``TANDEM_TRANSLATIONS_DB`` environment
variable, the config file's ``translations_db``, else the SQLite file in the
user cache directory. A ``postgresql://`` URL gives
:class:`tui.translation.shared.PostgresTranslationStore`, anything else a file
for :class:`tui.translation.store.TranslationStore`; both satisfy
:class:`TranslationCache`, which is all :mod:`tui.translation.service` uses.

One server store per URL per process (kept in :data:`_SERVERS`): the service
asks for the cache on every call, and a connection per call would cost more
than the lookup.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tui.dbserver import has_password, is_server_url
from tui.translation.store import StoreError, StoreKey, TranslationStore

if TYPE_CHECKING:
    from tui.translation.shared import PostgresTranslationStore

ENV = "TANDEM_TRANSLATIONS_DB"


class TranslationCache(Protocol):
    """What the translation service reads and writes (see :mod:`tui.translation.store`)."""

    def lookup(self, key: StoreKey, hashes: Iterable[str]) -> dict[str, str]: ...

    def save(
        self,
        key: StoreKey,
        texts: Mapping[str, str],
        *,
        article_id: str | None = None,
        placements: Mapping[int, str] | None = None,
        replace_placements: bool = False,
    ) -> None: ...

    def placements(self, key: StoreKey, article_id: str) -> dict[int, str]: ...

    def keys_for(self, source: str, target: str, hashes: Iterable[str]) -> list[tuple[StoreKey, int]]: ...


_SERVERS: dict[str, PostgresTranslationStore] = {}
_SERVERS_LOCK = threading.Lock()
_CONFIGURED: dict[tuple[str, int], str | None] = {}


def translations_location(option: str | os.PathLike[str] | None = None) -> str | Path | None:
    """A server URL (``str``), a file (``Path``), or ``None`` for the default file."""
    candidate: str | os.PathLike[str] | None = option or os.environ.get(ENV) or _configured()
    if not candidate:
        return None
    if is_server_url(candidate):
        return str(candidate)
    return Path(candidate).expanduser()


def _configured() -> str | None:
    """The config file's ``translations_db``, read again only when the file changes
    (the service asks on every call; a search across thousands of articles too)."""
    from tui.config import default_config_path, load_config

    path = default_config_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    key = (str(path), stamp)
    if key not in _CONFIGURED:
        _CONFIGURED.clear()
        _CONFIGURED[key] = load_config(path).translations_db
    return _CONFIGURED[key]


def open_translation_store(option: str | os.PathLike[str] | None = None) -> TranslationCache:
    """The translation cache to use now (see the module docstring)."""
    where = translations_location(option)
    if not isinstance(where, str):
        return TranslationStore(where)
    if has_password(where):
        from tui.dbserver import display_url

        raise StoreError(
            f"translation cache {display_url(where)}: a password in the URL is refused; "
            "put it in ~/.pgpass, PGPASSFILE or a service file"
        )
    with _SERVERS_LOCK:
        store = _SERVERS.get(where)
        if store is None:
            from tui.translation.shared import PostgresTranslationStore

            store = _SERVERS[where] = PostgresTranslationStore(where)
        return store
