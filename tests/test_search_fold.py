"""tui.search.fold folds each distinct character once: the same result as folding every character afresh."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.search import LETTER_VARIANTS, find_all, fold


def fold_each(text: str) -> tuple[str, list[int]]:
    """The definition: every character decomposed, marks dropped, casefolded, variants unified."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for part in unicodedata.normalize("NFD", ch):
            if unicodedata.combining(part):
                continue
            for folded in part.casefold().translate(LETTER_VARIANTS):
                out.append(folded)
                index.append(i)
    return "".join(out), index


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | st.text("ßİﬁÅåЁёيىكأةـ\u200c\u064eAaÜü ", max_size=40)
)
def test_fold_is_folding_each_character(text: str) -> None:
    assert fold(text) == fold_each(text)


def test_spans_point_into_the_original_text() -> None:
    text = "STRAßE Straße, الذَّخِيرَةُ and ﬁnal"
    assert [text[a:b] for a, b in find_all(text, "strasse")] == ["STRAßE", "Straße"]
    assert [text[a:b] for a, b in find_all(text, "stras")] == ["STRAß", "Straß"], "half of ß is all of it"
    assert [text[a:b] for a, b in find_all(text, "الذخيرة")] == ["الذَّخِيرَةُ"]
    assert [text[a:b] for a, b in find_all(text, "fi")] == ["ﬁ"]
