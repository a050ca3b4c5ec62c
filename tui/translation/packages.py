"""Argos Translate packages in a directory: find, list, install, remove.

Why not only argostranslate's own functions:

* ``argostranslate.settings`` reads ``ARGOS_PACKAGES_DIR`` once, at import, and
  creates XDG directories as a side effect; its install function always writes
  to that directory. tandem needs ``--packages-dir`` per call and a reader that
  can list packages on start-up without importing the library. So *reading* a
  package (``metadata.json``) is done here with :mod:`json`, and the default
  directory is worked out the way ``argostranslate.settings`` does it (a test
  checks the two agree).
* ``install_from_path`` extracts any zip with ``extractall``: no check that the
  archive is a package, that members stay inside one folder, nor that the data
  is intact. :func:`check_archive` checks all that first (zip-slip, symlinks,
  CRCs, size, required files); the checked archive is then extracted here —
  into a private staging folder inside the packages directory, so a failure
  leaves nothing behind and the finished folder is moved into place with one
  rename.
* **Nothing is written outside the packages directory.** Importing
  ``argostranslate.package`` (or ``.settings``/``.translate``) creates
  ``argos-translate`` folders under the user's data, config and cache
  directories, and ``argostranslate.translate`` pulls in onnxruntime (through
  minisbd), which writes a device id under ``~/.cache``. So tandem never
  imports those modules: extraction, the tokenizer check and removal are done
  here, and the tokenizer comes from ``argostranslate.tokenizer`` alone (which
  imports only sentencepiece) through :func:`load_tokenizer`.
* **No silent downgrade.** Installing a package older than the installed one
  for the same pair is refused unless ``allow_downgrade`` is set: a newer
  model is never replaced by accident (remove it first to go back on purpose).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from tui.translation.errors import PackageError

MAX_UNPACKED_BYTES = 4 * 1024**3
"""Refuse archives that would unpack to more than this (real packages: < 0.5 GB)."""

STAGING_PREFIX = ".tandem-staging-"

_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
_TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
_REMOVE_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """An installed package, as its ``metadata.json`` describes it."""

    code: str
    """Argos's name for it (``argospm`` style): ``translate-ar_en``."""
    from_code: str
    to_code: str
    version: str
    path: Path
    target_prefix: str = ""
    """Token the decoder must start with (multilingual packages); usually empty."""
    from_name: str = ""
    to_name: str = ""
    argos_version: str = ""

    @property
    def pair(self) -> tuple[str, str]:
        return (self.from_code, self.to_code)

    @property
    def label(self) -> str:
        return f"{self.code} v{self.version}" if self.version else self.code


def default_packages_dir() -> Path:
    """Argos's default packages directory, computed as ``argostranslate.settings`` does.

    ``ARGOS_PACKAGES_DIR`` from the environment, else from Argos's
    ``settings.json``, else ``$XDG_DATA_HOME/argos-translate/packages``.
    Creates nothing.
    """
    value = os.getenv("ARGOS_PACKAGES_DIR")
    if value is not None:
        return Path(value)
    home = Path.home()
    if "SNAP" in os.environ:
        home = Path(os.environ["SNAP_USER_DATA"])
    config_dir = Path(os.getenv("XDG_CONFIG_HOME", default=home / ".config")) / "argos-translate"
    try:
        settings = json.loads((config_dir / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        settings = {}
    if isinstance(settings, dict) and settings.get("ARGOS_PACKAGES_DIR") is not None:
        return Path(settings["ARGOS_PACKAGES_DIR"])
    data_dir = Path(os.getenv("XDG_DATA_HOME", default=home / ".local" / "share"))
    return data_dir / "argos-translate" / "packages"


def resolve_packages_dir(packages_dir: str | os.PathLike[str] | None = None) -> Path:
    """``packages_dir`` when given (``--packages-dir``), else Argos's default."""
    return Path(packages_dir) if packages_dir is not None else default_packages_dir()


def _metadata_to_info(metadata: object, path: Path) -> PackageInfo:
    if not isinstance(metadata, dict):
        raise PackageError(f"{path}: metadata.json is not a JSON object")
    kind = metadata.get("type", "translate")
    from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
    for name, value in (("from_code", from_code), ("to_code", to_code)):
        if not isinstance(value, str) or not _CODE.fullmatch(value):
            raise PackageError(f"{path}: metadata.json has no valid {name} ({value!r})")
    assert isinstance(from_code, str) and isinstance(to_code, str)
    version = metadata.get("package_version", "")
    prefix = metadata.get("target_prefix", "") or ""
    if not isinstance(version, str) or not isinstance(prefix, str):
        raise PackageError(f"{path}: metadata.json has a malformed version or target_prefix")
    return PackageInfo(
        code=f"{kind}-{from_code}_{to_code}",
        from_code=from_code,
        to_code=to_code,
        version=version,
        path=path,
        target_prefix=prefix,
        from_name=str(metadata.get("from_name", "") or ""),
        to_name=str(metadata.get("to_name", "") or ""),
        argos_version=str(metadata.get("argos_version", "") or ""),
    )


def read_package(path: str | os.PathLike[str]) -> PackageInfo:
    """The package installed in folder ``path``; :class:`PackageError` if unusable."""
    path = Path(path)
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackageError(f"{path}: no metadata.json") from None
    except (OSError, ValueError) as exc:
        raise PackageError(f"{path}: cannot read metadata.json ({exc})") from None
    info = _metadata_to_info(metadata, path)
    if metadata.get("type", "translate") != "translate":
        raise PackageError(f"{path}: not a translation package (type {metadata.get('type')!r})")
    if not (path / "model" / "model.bin").is_file():
        raise PackageError(f"{path}: no CTranslate2 model (model/model.bin)")
    if not any((path / name).is_file() for name in _TOKENIZER_FILES):
        raise PackageError(f"{path}: no tokenizer (sentencepiece.model or bpe.model)")
    return info


def scan_packages(
    packages_dir: str | os.PathLike[str] | None = None,
) -> tuple[list[PackageInfo], list[tuple[Path, str]]]:
    """Usable packages (sorted by code, newest version first) and unusable folders."""
    root = resolve_packages_dir(packages_dir)
    found: list[PackageInfo] = []
    problems: list[tuple[Path, str]] = []
    try:
        entries = sorted(root.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return [], []
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        try:
            found.append(read_package(entry))
        except PackageError as exc:
            problems.append((entry, str(exc)))
    return _newest_first(found), problems


def installed_packages(packages_dir: str | os.PathLike[str] | None = None) -> list[PackageInfo]:
    """Usable translation packages in the directory (missing directory: none)."""
    return scan_packages(packages_dir)[0]


def _version_key(version: str) -> tuple[tuple[int, ...], str]:
    return (tuple(int(n) for n in re.findall(r"\d+", version)), version)


def _newest_first(packages: list[PackageInfo]) -> list[PackageInfo]:
    by_code: dict[str, list[PackageInfo]] = {}
    for package in packages:
        by_code.setdefault(package.code, []).append(package)
    ordered: list[PackageInfo] = []
    for code in sorted(by_code):
        ordered += sorted(by_code[code], key=lambda p: _version_key(p.version), reverse=True)
    return ordered


# --- install ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArchiveCheck:
    """What :func:`check_archive` learnt about a valid archive."""

    top: str
    """The single top-level folder every member lives in."""
    metadata: dict[str, Any]
    unpacked_bytes: int


def _unsafe_member(name: str) -> str | None:
    """Why a member name could write outside its folder, or ``None``."""
    if not name or "\x00" in name:
        return "empty or NUL in name"
    if "\\" in name:
        return "backslash in name"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "absolute path"
    if any(part == ".." for part in PurePosixPath(name).parts):
        return "'..' component"
    return None


def check_archive(path: str | os.PathLike[str]) -> ArchiveCheck:
    """Check a ``.argosmodel`` file before anything is extracted.

    Raises :class:`PackageError` for: not a zip, corrupt data (CRC), members
    that would land outside one top-level folder (``..``, absolute paths,
    backslashes, symlinks), no ``metadata.json``/model/tokenizer, invalid
    metadata, or an unpacked size over :data:`MAX_UNPACKED_BYTES`.
    """
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise PackageError(f"{path}: not an Argos package (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if not infos:
                raise PackageError(f"{path}: empty archive")
            tops: set[str] = set()
            total = 0
            for info in infos:
                reason = _unsafe_member(info.filename)
                if reason:
                    raise PackageError(f"{path}: unsafe member {info.filename!r} ({reason})")
                mode = info.external_attr >> 16
                if stat.S_ISLNK(mode):
                    raise PackageError(f"{path}: unsafe member {info.filename!r} (symbolic link)")
                parts = PurePosixPath(info.filename).parts
                if len(parts) == 1 and not info.is_dir():
                    raise PackageError(f"{path}: member {info.filename!r} is not inside the package folder")
                tops.add(parts[0])
                total += info.file_size
            if len(tops) != 1:
                raise PackageError(f"{path}: expected one top-level folder, found {sorted(tops)!r}")
            top = tops.pop()
            if top in {".", ""} or top.startswith("."):
                raise PackageError(f"{path}: bad package folder name {top!r}")
            if total > MAX_UNPACKED_BYTES:
                raise PackageError(f"{path}: would unpack to {total} bytes, over the limit")
            names = {info.filename for info in infos}
            if f"{top}/metadata.json" not in names:
                raise PackageError(f"{path}: no {top}/metadata.json")
            if f"{top}/model/model.bin" not in names:
                raise PackageError(f"{path}: no CTranslate2 model ({top}/model/model.bin)")
            if not any(f"{top}/{name}" in names for name in _TOKENIZER_FILES):
                raise PackageError(f"{path}: no tokenizer ({top}/sentencepiece.model)")
            bad = zf.testzip()
            if bad is not None:
                raise PackageError(f"{path}: corrupt archive (bad CRC in {bad!r})")
            try:
                metadata = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
            except ValueError as exc:
                raise PackageError(f"{path}: metadata.json is not valid JSON ({exc})") from None
    except PackageError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise PackageError(f"{path}: corrupt archive ({exc})") from None
    except Exception as exc:  # zlib.error and friends from damaged streams
        raise PackageError(f"{path}: corrupt archive ({type(exc).__name__}: {exc})") from None
    _metadata_to_info(metadata, Path(top))
    if metadata.get("type", "translate") != "translate":
        raise PackageError(f"{path}: not a translation package (type {metadata.get('type')!r})")
    return ArchiveCheck(top=top, metadata=metadata, unpacked_bytes=total)


@dataclass(frozen=True, slots=True)
class Installed:
    package: PackageInfo
    replaced: tuple[PackageInfo, ...] = ()
    """Packages for the same language pair that this one replaced."""


def _extract(archive: Path, into: Path) -> None:
    """Unpack an archive :func:`check_archive` accepted (every member stays inside ``into``)."""
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(into)


def install_package(
    archive: str | os.PathLike[str],
    packages_dir: str | os.PathLike[str] | None = None,
    *,
    allow_downgrade: bool = False,
) -> Installed:
    """Install a ``.argosmodel`` file; replaces an installed package for the same pair.

    A package older than the one installed for its pair is refused
    (:class:`PackageError`) unless ``allow_downgrade``.
    """
    archive = Path(archive)
    check = check_archive(archive)
    root = resolve_packages_dir(packages_dir)
    root.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(root).free
    if check.unpacked_bytes > free:
        raise PackageError(f"{archive}: needs {check.unpacked_bytes} bytes, {free} free in {root}")
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    try:
        try:
            _extract(archive, staging)
        except Exception as exc:
            raise PackageError(f"{archive}: could not be extracted ({exc})") from None
        staged = staging / check.top
        info = read_package(staged)
        _check_tokenizer(info)
        destination = root / check.top
        same_pair = [p for p in installed_packages(root) if p.pair == info.pair]
        newer = [p for p in same_pair if _version_key(p.version)[0] > _version_key(info.version)[0]]
        if newer and not allow_downgrade:
            raise PackageError(
                f"{archive}: version {info.version or '?'} is older than the installed {newer[0].label}; "
                f"nothing was changed (to go back on purpose, remove it first: tandem models remove {info.code})"
            )
        replaced = [p for p in same_pair if p.path != destination]
        if destination.exists():
            previous = read_package_or_none(destination)
            if previous is not None:
                replaced.append(previous)
            os.replace(destination, staging / ".previous")
        os.replace(staged, destination)
        for old in replaced:
            if old.path != destination and old.path.exists():
                _uninstall(old.path)
        return Installed(read_package(destination), tuple(replaced))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def load_tokenizer(package: PackageInfo) -> Any:
    """Argos's tokenizer for an installed package, as ``argostranslate.package.Package`` picks it.

    Built from ``argostranslate.tokenizer`` alone: importing
    ``argostranslate.package`` would create folders in the user's home (see
    the module docstring). ``PackageError`` when the package has none.
    """
    from argostranslate.tokenizer import BPETokenizer, SentencePieceTokenizer

    sentencepiece = package.path / "sentencepiece.model"
    bpe = package.path / "bpe.model"
    if sentencepiece.exists():
        return SentencePieceTokenizer(sentencepiece)
    if bpe.exists():
        return BPETokenizer(bpe, package.from_code, package.to_code)
    raise PackageError(f"{package.path.name}: no tokenizer (sentencepiece.model or bpe.model)")


def _check_tokenizer(package: PackageInfo) -> None:
    """The package's tokenizer must load and work before the package is installed."""
    tokenizer = load_tokenizer(package)
    try:
        tokenizer.encode("test")
    except Exception as exc:  # noqa: BLE001 - any failure means an unusable package
        raise PackageError(f"{package.path.name}: the tokenizer cannot be loaded ({exc})") from None


def read_package_or_none(path: Path) -> PackageInfo | None:
    try:
        return read_package(path)
    except PackageError:
        return None


def _uninstall(folder: Path) -> None:
    """Remove an installed package folder (what ``argostranslate.package.uninstall`` does)."""
    with _REMOVE_LOCK:
        shutil.rmtree(folder)


def remove_package(code: str, packages_dir: str | os.PathLike[str] | None = None) -> list[PackageInfo]:
    """Remove every installed package whose code (``translate-ar_en``) or folder is ``code``.

    Returns what was removed; :class:`PackageError` if nothing matched.
    """
    root = resolve_packages_dir(packages_dir)
    matches = [p for p in installed_packages(root) if code in (p.code, p.path.name)]
    if not matches:
        known = ", ".join(p.code for p in installed_packages(root)) or "none"
        raise PackageError(f"no installed package {code!r} in {root} (installed: {known})")
    for package in matches:
        resolved = package.path.resolve()
        if resolved.parent != root.resolve() or package.path.is_symlink():
            raise PackageError(f"{package.path}: not a folder directly inside {root}")
        _uninstall(package.path)
    return matches
