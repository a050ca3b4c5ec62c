"""``e`` in the reader (issue 12 item 20): the open article, its translation,
claims and notes as an HTML file, the same file ``tandem export`` writes."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from conftest import seed, settle

from tui.loading import discover
from tui.ui.app import TandemApp


class Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


async def test_e_writes_the_article_beside_its_translation_and_never_overwrites(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = TandemApp(discover([seed("000")]), notes_db=tmp_path / "notes.sqlite3")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = sorted(p.name for p in tmp_path.glob("*.html"))
    assert written == ["000_9466c648f5ef6891.en-2.html", "000_9466c648f5ef6891.en.html"], written
    parsed = Texts()
    parsed.feed((tmp_path / written[1]).read_text(encoding="utf-8"))
    text = "".join(parsed.text)
    assert "reference" in text and "Rail traffic across the border" in text
    assert "mark" in parsed.tags and "script" not in parsed.tags
