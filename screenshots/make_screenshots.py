"""Save SVG screenshots of tandem's main views, from the real app.

    .venv/bin/python screenshots/make_screenshots.py

Each view is driven by key presses through Textual's Pilot at a fixed terminal
size, after background loading has finished, and saved next to this script.
The README embeds these files; run this after any UI change.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# Screenshots must not depend on the developer's own config or caches.
_home = Path(tempfile.mkdtemp(prefix="tandem-shots-"))
os.environ["TANDEM_CONFIG"] = str(_home / "none.toml")
os.environ["TANDEM_CACHE_DIR"] = str(_home / "cache")
os.environ["ARGOS_PACKAGES_DIR"] = str(_home / "packages")
os.environ["TANDEM_NOTES_DB"] = str(_home / "notes.sqlite3")
# Versions from cached embeddings only, so the shots do not depend on timing.
os.environ["TANDEM_EMBEDDINGS"] = "none"
sys.path.insert(0, str(ROOT))

from tui.loading import discover  # noqa: E402
from tui.ui.app import TandemApp  # noqa: E402

SEEDS = ROOT / "seeds"

VIEWS: list[tuple[str, list[Path], tuple[int, int], list[str], dict]] = [
    ("reader-arabic-160x45", [SEEDS], (160, 45), ["j", "j"], {}),
    ("reader-80x24", [SEEDS], (80, 24), ["greater_than_sign", "greater_than_sign"], {}),
    ("reader-persian-120x36", [SEEDS], (120, 36), ["greater_than_sign"], {}),
    (
        "reader-ukrainian-search-120x36",
        [SEEDS],
        (120, 36),
        ["less_than_sign", "less_than_sign", "slash", *"Beyond Parallel", "enter"],
        {},
    ),
    ("claims-german-160x45", [SEEDS], (160, 45), ["greater_than_sign", "greater_than_sign", *"JJJJJJ", "c", "tab"], {}),
    ("versions-stack-120x40", [SEEDS], (120, 40), [*"jjjjjj", "s"], {}),
    ("search-all-100x30", [SEEDS], (100, 30), ["F", *"Tumangang", "enter"], {}),
    ("help-100x40", [SEEDS], (100, 40), ["question_mark"], {}),
    ("help-bidi-check-100x40", [SEEDS], (100, 40), ["question_mark", "end"], {}),
]


def _no_viewer_bidi(svg: str) -> str:
    """Stop SVG viewers from reordering text that tandem already reordered.

    Browsers and librsvg apply the Unicode bidi algorithm to SVG text, which
    would reverse the visually ordered Arabic a second time — exactly what a
    bidi-capable terminal does in ``--bidi app`` mode. Terminals without bidi
    draw cells left to right; this makes the SVG do the same.
    """
    rule = "text { unicode-bidi: bidi-override; direction: ltr; }"
    return svg.replace("<style>", "<style>\n    " + rule, 1)


async def shoot(name: str, paths: list[Path], size: tuple[int, int], keys: list[str], options: dict) -> Path:
    # Each shot starts where a first session would: no remembered places.
    os.environ["TANDEM_STATE_DIR"] = tempfile.mkdtemp(prefix="state-", dir=_home)
    app = TandemApp(discover(paths), **options)
    async with app.run_test(size=size) as pilot:
        await asyncio.wait_for(app.screen.settled.wait(), 60)
        await app.workers.wait_for_complete()
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await app.screen.workers.wait_for_complete()  # e.g. a search of every article
            await pilot.pause()
        svg = _no_viewer_bidi(app.export_screenshot(title=f"tandem — {name}"))
    target = HERE / f"{name}.svg"
    target.write_text(svg, encoding="utf-8")
    return target


async def main() -> None:
    for view in VIEWS:
        path = await shoot(*view)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    asyncio.run(main())
