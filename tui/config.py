"""The user's settings: one TOML file in the platform's config directory.

Precedence is command line > config file > defaults. A broken config file must
not stop the reader: it falls back to defaults and reports what was wrong.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tui.target_language import DEFAULT_TARGET, check_target

BidiMode = Literal["app", "terminal"]
BIDI_MODES: tuple[BidiMode, ...] = ("app", "terminal")

EXAMPLE = """\
# tandem configuration
# bidi: "app" = tandem shapes and reorders right-to-left text (xterm, tmux, kitty,
#        iTerm2, Windows Terminal); "terminal" = the terminal does it (GNOME
#        Terminal/VTE with bidi, Konsole, mlterm).
bidi = "app"
# theme: any Textual theme name, e.g. "textual-dark", "textual-light", "nord".
theme = "textual-dark"
# Working as a team (see README): where annotations and machine translations are
# kept -- a file path, or a PostgreSQL URL (credentials in ~/.pgpass or PG*
# variables, never here) -- and the name written on your annotations.
# notes_db = "postgresql://alice@db.example.org/tandem"
# translations_db = "postgresql://alice@db.example.org/tandem"
# author = "alice"
# recursive: read folders with all their subfolders (as tandem -r does).
recursive = false
# target: the language translations are made into, shown, searched and exported
# (as --target does), e.g. "de" or "fr"; needs an Argos model into it (via English
# if no direct one: tandem models list) or a bundled reference translation.
target = "en"

[keymap]
# binding id = "comma,separated,keys"   (see the help screen, key ?, for ids)
# next_paragraph = "j,down,ctrl+n"

[labels]
# annotation labels: one key = "name" (default 1 verified … 5 important)
# 1 = "verified"
"""


@dataclass(frozen=True, slots=True)
class Config:
    bidi: BidiMode = "app"
    theme: str = "textual-dark"
    recursive: bool = False
    """Folders are read with their subfolders (``-r`` on the command line)."""
    target: str = DEFAULT_TARGET
    """The language translations are made into (``--target`` on the command line)."""
    keymap: dict[str, str] = field(default_factory=dict)
    labels: tuple[tuple[str, str], ...] | None = None
    """Annotation labels, key -> name (``None``: the default set)."""
    notes_db: str | None = None
    """Annotation store: a file path or a ``postgresql://`` URL (``None``: the default file)."""
    translations_db: str | None = None
    """Translation cache: a file path or a ``postgresql://`` URL (``None``: the user cache)."""
    author: str | None = None
    """Name stamped on new annotations (``None``: the login name)."""
    path: Path | None = None
    problems: tuple[str, ...] = ()
    """What was wrong with the file, for the user (never fatal)."""


def default_config_path() -> Path:
    """``$TANDEM_CONFIG`` or ``<user config dir>/tandem/config.toml``."""
    env = os.environ.get("TANDEM_CONFIG")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("tandem", appauthor=False)) / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives the defaults."""
    path = path or default_config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path)
    except OSError as exc:
        return Config(path=path, problems=(f"cannot read {path}: {exc.strerror}",))
    import tomllib  # only when a config file exists: it costs start-up time

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(path=path, problems=(f"{path}: not valid TOML ({exc}); using defaults",))
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    from tui.keymap import unknown_ids

    problems: list[str] = []
    bidi = data.get("bidi", "app")
    if bidi not in BIDI_MODES:
        problems.append(f"bidi = {bidi!r} is not one of {', '.join(BIDI_MODES)}; using 'app'")
        bidi = "app"
    theme = data.get("theme", "textual-dark")
    if not isinstance(theme, str):
        problems.append("theme must be a string; using 'textual-dark'")
        theme = "textual-dark"
    recursive = data.get("recursive", False)
    if not isinstance(recursive, bool):
        problems.append("recursive must be true or false; using false")
        recursive = False
    target = data.get("target", DEFAULT_TARGET)
    try:
        if not isinstance(target, str):
            raise ValueError("target must be a string")
        target = check_target(target)
    except ValueError as exc:
        problems.append(f"target: {exc}; using {DEFAULT_TARGET!r}")
        target = DEFAULT_TARGET
    keymap_raw = data.get("keymap", {})
    keymap: dict[str, str] = {}
    if not isinstance(keymap_raw, dict):
        problems.append('[keymap] must be a table of id = "keys"')
    else:
        for key, value in keymap_raw.items():
            if isinstance(value, str) and value.strip():
                keymap[key] = value
            else:
                problems.append(f"keymap.{key} must be a non-empty string of keys")
        for key in unknown_ids(keymap):
            problems.append(f"keymap.{key}: no such binding id (see the help screen)")
            keymap.pop(key)
    labels = None
    if "labels" in data:
        from tui.notes.labels import parse_labels

        label_set, label_problems = parse_labels(data["labels"])
        problems.extend(label_problems)
        labels = label_set.items
    from tui.dbserver import has_password

    places: dict[str, str | None] = {}
    for key in ("notes_db", "translations_db", "author"):
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append(f"{key} must be a non-empty string; ignored")
            value = None
        elif isinstance(value, str) and key != "author" and has_password(value):
            problems.append(f"{key}: put the password in ~/.pgpass or PGPASSWORD, not in the config file; ignored")
            value = None
        places[key] = value
    known = {"bidi", "theme", "recursive", "target", "keymap", "labels", "notes_db", "translations_db", "author"}
    for key in data:
        if key not in known:
            problems.append(f"unknown setting {key!r} ignored")
    return Config(
        bidi=bidi,
        theme=theme,
        recursive=recursive,
        target=target,
        keymap=keymap,
        labels=labels,
        notes_db=places["notes_db"],
        translations_db=places["translations_db"],
        author=places["author"],
        path=path,
        problems=tuple(problems),
    )
