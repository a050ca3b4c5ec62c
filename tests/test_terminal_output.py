"""Command listings on a terminal without bidi: right-to-left text in visual order."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.terminal_output import FIELD, fields, for_stream, plain, visual_lines


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


ARABIC = "ارتفعت حركة السكك الحديدية عبر الحدود بين كوريا الشمالية وروسيا منذ الشهر الماضي مع بضائع غير معروفة."


def test_lines_without_right_to_left_text_only_lose_their_field_marks():
    text = fields(" 3", "de", "Satellitenbilder zeigen (73 Triebwagen).") + "\n# header"
    assert visual_lines(text, 40) == plain(text) == " 3  de  Satellitenbilder zeigen (73 Triebwagen).\n# header"


def test_an_arabic_paragraph_wraps_beside_its_fields_and_reads_right_to_left():
    rows = visual_lines(fields(" 0", "ar", ARABIC), 60).split("\n")
    assert len(rows) >= 2 and all(cell_len(row) <= 60 for row in rows)
    assert rows[0].startswith(" 0  ar  ")
    assert all(row.startswith(" " * 8) for row in rows[1:]), "rows line up under the text"
    # The first logical word is at the right end of the first row; the full
    # stop ends the paragraph on the left of the last row.
    assert rows[0].rstrip().endswith("ﺖﻌﻔﺗﺭﺍ")
    assert rows[-1].lstrip().startswith(".")
    assert cell_len(rows[0]) == 60, "right-aligned in the room beside the fields"


def test_leading_fields_keep_left_to_right_order_beside_arabic():
    row = visual_lines(fields("  1", "date        0.45", "= --09", "سپتامبر"), 80)
    assert "= --09" in row and "09--" not in row
    row = visual_lines(fields("  0", "attribution", "source: Beyond Parallel", "كتب Beyond Parallel"), 80)
    assert "source: Beyond Parallel" in row


def test_only_a_terminal_gets_visual_order(tmp_path, monkeypatch):
    text = fields(" 0", "ar", ARABIC) + "\n"
    assert for_stream(text, io.StringIO()) == plain(text), "pipes and files get data, logical order"
    assert for_stream(text, Terminal()) != plain(text)
    config = tmp_path / "config.toml"
    config.write_text('bidi = "terminal"\n', encoding="utf-8")
    monkeypatch.setenv("TANDEM_CONFIG", str(config))
    assert for_stream(text, Terminal()) == plain(text), "a terminal that reorders itself gets logical order"


_PIECES = st.sampled_from(["שלום", "עולם", "abc", "Beyond", "73", "5", " ", " ", ".", ",", ":", "-", "“", "”"])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_PIECES, max_size=4).map("".join), max_size=3),
    st.lists(_PIECES, max_size=60).map("".join),
    st.integers(min_value=1, max_value=120),
)
def test_visual_lines_keep_every_character_and_fit_the_width(lead, body, width):
    lead = [f.replace(FIELD, "") for f in lead if f]
    line = FIELD.join([*lead, body])
    out = visual_lines(line, width)
    # Hebrew needs no shaping and these characters do not mirror: nothing is
    # lost or invented, only moved.
    assert sorted(out.replace(" ", "").replace("\n", "")) == sorted(plain(line).replace(" ", ""))
    head = sum(cell_len(f) + 2 for f in lead)
    if head + 20 <= width:
        assert all(cell_len(row) <= width for row in out.split("\n"))


def test_json_is_never_reordered_even_on_a_terminal(monkeypatch):
    import json

    from conftest import seed

    from tui.cli import main

    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["show", str(seed("000")), "--json", "--no-language"]) == 0
    record = json.loads(terminal.getvalue())
    assert record["paragraphs"][0]["text"] == ARABIC
    terminal.seek(0)
    terminal.truncate()
    assert main(["show", str(seed("000")), "--no-language"]) == 0
    assert ARABIC not in terminal.getvalue() and "ﺖﻌﻔﺗﺭﺍ" in terminal.getvalue()
