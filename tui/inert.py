"""Make untrusted article text safe to put on a terminal.

Article text is data. Rich/Textual markup is never parsed because views build
``Text``/``Strip`` objects from plain strings; what remains dangerous are the
characters a *terminal* acts on: C0/C1 controls (ESC starts ANSI/OSC sequences),
DEL, and the bidi embedding/override/isolate controls that can reorder what a
reader sees (a spoofing vector, and they break our own bidi layout).

Each such character is replaced by exactly one visible stand-in, so character
offsets into the text (claims, search hits, annotations) stay valid.
No library does this 1:1 mapping, hence this module.
"""

from __future__ import annotations

# U+FFFD stands in for bidi controls and C1 controls; C0 controls get the
# matching Control Pictures glyph (ESC -> U+241B) so a reader can see what it was.
REPLACEMENT = "\ufffd"

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
)

_TABLE: dict[int, str] = {}
for _cp in range(0x00, 0x20):
    _TABLE[_cp] = chr(0x2400 + _cp)
_TABLE[0x7F] = "\u2421"
for _cp in range(0x80, 0xA0):
    _TABLE[_cp] = REPLACEMENT
for _ch in BIDI_CONTROLS:
    _TABLE[ord(_ch)] = REPLACEMENT
# Tab is harmless as data but its width is undefined in a cell grid.
_TABLE[0x09] = " "
# Line/paragraph separators would break a display line in two.
_TABLE[0x2028] = " "
_TABLE[0x2029] = " "


def inert(text: str) -> str:
    """``text`` with every terminal-active character replaced one-for-one."""
    return text.translate(_TABLE)


def is_inert(text: str) -> bool:
    """True when ``inert(text) == text``."""
    return not any(ord(ch) in _TABLE for ch in text)
