"""Direct quotations, whatever the quotation marks.

The same character opens in one tradition and closes in another: “ opens an
English or Arabic quote but closes a German „…“ one; » closes a Ukrainian
«…» but opens a German »…«. So quotes are paired with a stack, each opener
knowing which closers may end it. Ukrainian and Russian typesetting collapses
nested closers ("«… «де-юре»" ends both quotes with one »), so an outer quote
left open at the end of the paragraph ends where its last inner quote ended.
Unbalanced marks never raise and never make the scan more than linear.

Only outermost quotes are claims. A quote of a single capitalised word
(«ОстроВ», „Spiegel“) is a name, not a quotation. Single quotes are ignored:
they are apostrophes too often.
"""

from __future__ import annotations

import re

from tui.claims.model import Found

_MARKS = re.compile('[“”„‟«»‹›"「」『』]')
_OPENERS: dict[str, frozenset[str]] = {
    "„": frozenset("“”"),
    "‟": frozenset("”"),
    "«": frozenset("»"),
    "‹": frozenset("›"),
    "“": frozenset("”"),
    "「": frozenset("」"),
    "『": frozenset("』"),
    '"': frozenset('"'),
    "»": frozenset("«"),  # German »…«
    "›": frozenset("‹"),
}
_LETTER = re.compile(r"[^\W\d_]")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


class _Frame:
    __slots__ = ("children", "closers", "start")

    def __init__(self, start: int, closers: frozenset[str]):
        self.start = start
        self.closers = closers
        self.children: list[tuple[int, int]] = []


def find_quotes(text: str) -> list[Found]:
    """Outermost quotations of ``text``; value is the quoted words."""
    spans: list[tuple[int, int]] = []
    collapsed: set[tuple[int, int]] = set()
    stack: _Stack = _Stack()
    for m in _MARKS.finditer(text):
        ch = m.group()
        pos = m.start()
        if stack and ch in stack[-1].closers:
            _close(stack, (stack.pop().start, pos + 1), spans)
            continue
        if ch in "”»›" and stack.accepts(ch):
            # closes an outer quote: inner ones were never closed
            while stack and ch not in stack[-1].closers:
                _abandon(stack, spans, collapsed)
            _close(stack, (stack.pop().start, pos + 1), spans)
            continue
        if ch == "»" and stack and "»" not in stack[-1].closers:
            continue  # a stray closer inside another quote
        closers = _OPENERS.get(ch)
        if closers is None:
            continue  # a closer with nothing open
        stack.append(_Frame(pos, closers))
    while stack:
        _abandon(stack, spans, collapsed)
    out = []
    for start, end in sorted(spans):
        # a collapsed quote shares its closing mark with the inner quote it ends with
        inner = text[start + 1 : end if (start, end) in collapsed else end - 1].strip()
        if not _LETTER.search(inner):
            continue
        words = _WORDS.findall(inner)
        if len(words) == 1 and words[0][:1].isupper() and inner == words[0]:
            continue
        out.append(Found("quote", start, end, inner))
    return out


class _Stack(list):  # type: ignore[type-arg]
    """Open quotes, with a count of the closers they accept (no scan per mark)."""

    def __init__(self) -> None:
        super().__init__()
        self._closers: dict[str, int] = {}

    def append(self, frame: _Frame) -> None:
        super().append(frame)
        for ch in frame.closers:
            self._closers[ch] = self._closers.get(ch, 0) + 1

    def pop(self) -> _Frame:  # type: ignore[override]
        frame: _Frame = super().pop()
        for ch in frame.closers:
            self._closers[ch] -= 1
        return frame

    def accepts(self, ch: str) -> bool:
        return self._closers.get(ch, 0) > 0


def _close(stack: list[_Frame], span: tuple[int, int], spans: list[tuple[int, int]]) -> None:
    if stack:
        stack[-1].children.append(span)
    else:
        spans.append(span)


def _abandon(stack: list[_Frame], spans: list[tuple[int, int]], collapsed: set[tuple[int, int]]) -> None:
    """Drop the innermost open quote; if it held closed quotes, it ends with the last."""
    frame = stack.pop()
    if frame.children:
        span = (frame.start, frame.children[-1][1])
        collapsed.add(span)
        _close(stack, span, spans)
