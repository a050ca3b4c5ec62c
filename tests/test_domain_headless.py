"""The domain never imports Textual: it must run headless (CLI, scripts, tests)."""

import subprocess
import sys

DOMAIN_MODULES = [
    "tui",
    "tui.article",
    "tui.cli",
    "tui.config",
    "tui.direction",
    "tui.inert",
    "tui.keymap",
    "tui.loading",
    "tui.language",
    "tui.boilerplate",
    "tui.paths",
    "tui.reference",
    "tui.rtl",
    "tui.search",
    "tui.textnorm",
    "tui.translated",
    "tui.commands.show",
]


def test_domain_does_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {DOMAIN_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print('textual' in sys.modules, sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'lingua', 'ctranslate2', 'argostranslate', 'dateparser', 'numpy')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False []", out.stdout + out.stderr


def test_cli_startup_imports_nothing_heavy():
    """Parsing reader arguments imports neither Textual nor any model library."""
    code = (
        "import sys\n"
        "from tui import cli\n"
        "cli._reader_parser().parse_args(['seeds'])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'lingua', 'ctranslate2', 'argostranslate', 'sentencepiece', 'dateparser')]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
