"""Lay out a paragraph as fixed-width display lines, right-to-left aware.

Most terminals (xterm, tmux, kitty, Windows Terminal…) neither reorder nor
shape Arabic script, so in ``app`` mode we do both and hand the widget display
lines in *visual* order; in ``terminal`` mode (VTE, Konsole, mlterm reorder and
shape on their own) we only wrap and right-align. Either way each display line
is exactly ``width`` cells and every drawn cluster remembers the logical offsets
it draws, so highlights (claims, search hits, annotations) given as logical
offsets follow the reordering for free (:func:`styled_ranges`).

Order of operations (``app`` mode), as in /work/shared/notes/rtl.md:

1. Clusters: each character of width >= 1 (``rich.cells.cell_len``) starts a
   cluster; zero-width combining marks (harakat, VS16…) join the cluster before
   them and are drawn with it; other zero-width characters (ZWNJ, ZWJ, LRM/RLM,
   ALM, BOM…) are *not drawn* but their offsets fold into the cluster before
   them (into the next one when the one before is plain white space).
2. Shaping in logical order with arabic-reshaper, only lam-alef ligatures
   enabled (Allah and every other word/sentence ligature off: they draw wider
   than their one cell). The reshaper returns only a string, so we feed it one
   character per cluster (non-letters as a space, ZWNJ as an extra space, which
   stops joining exactly like ZWNJ does) and walk its output back onto the
   clusters; a lam-alef glyph merges two clusters. If the output ever fails to
   line up we draw unshaped letters rather than guess.
3. Bidi levels once for the whole paragraph. We implement UAX #9 ourselves for
   the only case tandem has: one paragraph, no explicit embeddings or isolates
   (``tui.inert`` replaced those controls), so one isolating run sequence at
   the base level: W1-W7, N0 (bracket pairs, BD16), N1-N2, I1-I2, about 120
   lines. Why not a library: python-bidi 0.6's Rust engine returns only the
   reordered string (its ``debug`` output is a Rust ``Debug`` dump, no API); its
   pure-Python engine is internal, lacks N0, and walks dicts per character;
   pyfribidi/pybidi are unmaintained since 2019; PyICU would do, at the price
   of a native ICU (tens of MB) for ~120 lines. The tests check
   our levels against python-bidi's Rust engine (unicode-bidi) on generated
   text, and each line against its ``get_display``.
4. Greedy wrap in logical order at white space (bidi class WS), measuring
   clusters with ``cell_len``; a word wider than the line is broken hard.
5. Per line: L1 (trailing white space to the base level), L2 (reverse runs),
   L4 (mirror brackets, guillemets… at odd levels, using python-bidi's
   BidiMirroring table); RTL lines right-aligned, LTR lines left-aligned.

``terminal`` mode: steps 1 and 4 only, no shaping, reordering or mirroring;
clusters stay in logical order and RTL lines are still right-aligned. ZWNJ is
kept there (zero-width, after its letter) because the terminal's own shaper
needs it; LRM/RLM/ALM and the other format characters are still dropped.
(ZWJ is dropped in both modes, so an emoji ZWJ sequence shows as its parts.)

Coverage rule: every offset ``0..len(text)-1`` is in exactly one cluster, except
a *white-space run at which a line is broken* (and a trailing white-space run
that does not fit on the last line): those clusters, including zero-width
characters folded into them, are drawn nowhere. Lines come in logical order.

Stand-ins: a cluster wider than the whole line (a 2-cell character at width 1)
is drawn as ``…``; a combining mark with nothing before it is drawn on U+25CC
(dotted circle); text of only zero-width characters is one blank cell; lone
surrogates and terminal-active characters are replaced as ``tui.inert`` does.
Input word/sentence ligature characters (U+FDF0-U+FDFB, U+FDFD-U+FDFF: Allah,
Bismillah…) are drawn spelled out in letters (one cluster, many cells), so
U+FDF2 and U+FDFD never reach the terminal.

The width-independent work (steps 1-3) is cached per paragraph, so a resize
only re-runs steps 4-5.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, Sequence, TypeVar

from rich.cells import cell_len

from tui.direction import base_direction
from tui.inert import inert

if TYPE_CHECKING:  # pragma: no cover
    from arabic_reshaper import ArabicReshaper

T = TypeVar("T")
Mode = Literal["app", "terminal"]
Direction = Literal["ltr", "rtl"]

ZWNJ = "\u200c"
TOO_WIDE = "\u2026"
"""Drawn instead of a cluster wider than the whole line (width 1, CJK char)."""
ORPHAN_BASE = "\u25cc"
"""Dotted circle: what a combining mark with no base is drawn on."""

_LAM_ALEF = frozenset(chr(cp) for cp in range(0xFEF5, 0xFEFD))
_ZERO_WIDTH_NOT_MARK = frozenset({"Cf", "Cc", "Cs", "Zl", "Zp", "Co", "Cn"})
_SURROGATES = re.compile("[\ud800-\udfff]")
# Word and sentence ligature characters: one code point, drawn many cells wide
# by fonts while every width table says 1. Drawn as their letters instead.
_SPELLED_OUT = {
    "\ufdfd": "بسم الله الرحمن الرحيم",
    "\ufdfe": "سبحانه وتعالى",
    "\ufdff": "عز وجل",
}
_EXPANDED = frozenset({*(chr(cp) for cp in range(0xFDF0, 0xFDFC)), *_SPELLED_OUT})
_LAM_ALEF_LIGATURES = (
    "ARABIC LIGATURE LAM WITH ALEF",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
    "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
    "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
)


@dataclass(frozen=True, slots=True)
class Cluster:
    """Something drawn in one place, and which logical characters it draws."""

    text: str
    """What to draw (after shaping), >= 1 cell wide, or a single space."""
    start: int
    """Logical range ``[start, end)`` in the original paragraph text."""
    end: int


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """One row of a laid-out paragraph, exactly ``width`` cells."""

    clusters: tuple[Cluster, ...]
    """In visual order, left to right."""
    pad_left: int
    """Blank cells before the clusters (right alignment for RTL)."""
    pad_right: int
    """Blank cells after the clusters."""

    @property
    def text(self) -> str:
        """The row as plain text, padding included."""
        body = "".join(c.text for c in self.clusters)
        return " " * self.pad_left + body + " " * self.pad_right


@dataclass(frozen=True, slots=True)
class _Analysis:
    """The width-independent part of a layout: logical clusters, in parallel."""

    clusters: tuple[Cluster, ...]
    widths: tuple[int, ...]
    levels: tuple[int, ...]
    """Resolved bidi level per cluster (all the base level in terminal mode)."""
    ws: tuple[bool, ...]
    """Plain white space: a break opportunity, and reset by rule L1."""


# --------------------------------------------------------------------------
# Public API


def layout(
    text: str,
    width: int,
    *,
    direction: Direction | None = None,
    mode: Mode = "app",
) -> list[DisplayLine]:
    """``text`` as display lines of exactly ``width`` cells, in logical order.

    ``direction=None`` takes :func:`tui.direction.base_direction`. See the
    module docstring for the two modes and which characters are left undrawn.
    """
    if width < 1:
        raise ValueError(f"width must be >= 1, got {width}")
    if mode not in ("app", "terminal"):
        raise ValueError(f"unknown mode {mode!r}")
    if direction is None:
        direction = base_direction(text)
    if direction not in ("ltr", "rtl"):
        raise ValueError(f"unknown direction {direction!r}")
    return list(_layout_cached(text, width, direction == "rtl", mode == "app"))


def styled_ranges(line: DisplayLine, spans: Sequence[tuple[int, int, T]]) -> list[tuple[str, tuple[T, ...]]]:
    """Visual-order runs of (text, styles-of-spans-covering-it) — how a widget paints a line with highlights.

    A cluster takes the style of every span ``(start, end, style)`` that
    overlaps its logical range (so a span over the lam of a lam-alef lights the
    whole ligature cell); styles keep the order of ``spans``. Padding comes as
    runs of spaces with no styles, so the runs add up to exactly the line's
    width. Neighbouring runs with equal style tuples are merged.
    """
    runs: list[tuple[str, tuple[T, ...]]] = []

    def add(piece: str, styles: tuple[T, ...]) -> None:
        if runs and runs[-1][1] == styles:
            runs[-1] = (runs[-1][0] + piece, styles)
        else:
            runs.append((piece, styles))

    if line.pad_left:
        add(" " * line.pad_left, ())
    for cluster in line.clusters:
        lo, hi = cluster.start, cluster.end
        add(cluster.text, tuple(s for a, b, s in spans if a < hi and lo < b))
    if line.pad_right:
        add(" " * line.pad_right, ())
    return runs


# --------------------------------------------------------------------------
# Wrapping and per-line reordering (width-dependent)


@lru_cache(maxsize=2048)
def _layout_cached(text: str, width: int, rtl: bool, app: bool) -> tuple[DisplayLine, ...]:
    an = _analyse(text, rtl, app)
    clusters, widths = an.clusters, an.widths
    base = 1 if rtl else 0
    out: list[DisplayLine] = []
    for line in _wrap(widths, an.ws, width):
        order = _reorder(line, an.levels, an.ws, base) if app else line
        drawn = []
        used = 0
        for i in order:
            if widths[i] <= width:
                drawn.append(clusters[i])
                used += widths[i]
            else:
                c = clusters[i]
                drawn.append(Cluster(TOO_WIDE, c.start, c.end))
                used += 1
        pad = width - used
        out.append(DisplayLine(tuple(drawn), pad, 0) if rtl else DisplayLine(tuple(drawn), 0, pad))
    return tuple(out)


def _wrap(widths: Sequence[int], ws: Sequence[bool], width: int) -> list[list[int]]:
    """Greedy logical-order wrap at white-space runs; hard breaks inside words.

    Returns each line as the indices of the clusters on it, in logical order.
    """
    w = [x if x <= width else 1 for x in widths]
    lines: list[list[int]] = []
    cur: list[int] = []
    used = 0
    n = len(w)
    i = 0
    while i < n:
        space = ws[i]
        j = i
        run = 0
        while j < n and ws[j] == space:
            run += w[j]
            j += 1
        if not space or (not lines and not cur):
            # A word, or white space the paragraph starts with: drawn, broken hard.
            if used + run > width and cur:
                lines.append(cur)
                cur, used = [], 0
            for k in range(i, j):
                if used + w[k] > width:
                    lines.append(cur)
                    cur, used = [], 0
                cur.append(k)
                used += w[k]
        elif j == n:
            # Trailing white space: drawn only when it fits whole.
            if used + run <= width:
                cur.extend(range(i, j))
                used += run
        else:
            k = j
            word = 0
            while k < n and not ws[k] and used + run + word <= width:
                word += w[k]
                k += 1
            if used + run + word <= width:
                cur.extend(range(i, j))
                used += run
            else:
                # Break here; this white-space run is drawn nowhere.
                lines.append(cur)
                cur, used = [], 0
        i = j
    if cur or not lines:
        lines.append(cur)
    return lines


def _reorder(line: list[int], levels: Sequence[int], ws: Sequence[bool], base: int) -> list[int]:
    """UAX #9 L1 (trailing white space) and L2 (reverse runs) for one line.

    L4 (mirroring) was applied per cluster from its level's parity; L1 only
    moves white space, which never mirrors.
    """
    if not line:
        return line
    lv = [levels[i] for i in line]
    k = len(line) - 1
    while k >= 0 and ws[line[k]]:
        lv[k] = base
        k -= 1
    lowest_odd = min((x for x in lv if x % 2), default=None)
    if lowest_odd is None:
        return line
    pairs = list(zip(lv, line, strict=True))
    n = len(pairs)
    for level in range(max(lv), lowest_odd - 1, -1):
        x = 0
        while x < n:
            if pairs[x][0] >= level:
                y = x + 1
                while y < n and pairs[y][0] >= level:
                    y += 1
                pairs[x:y] = pairs[x:y][::-1]
                x = y
            else:
                x += 1
    return [i for _, i in pairs]


# --------------------------------------------------------------------------
# Width-independent analysis: clusters, shaping, levels

# A proto-cluster is a list (faster than a dataclass on this hot path):
_BASE, _START, _END, _CHAR, _PRE, _POST, _MARKED, _ZWNJ_BEFORE, _ZWNJ_AFTER = range(9)
_WIDTH_CACHE: dict[str, int] = {}


def _char_width(ch: str) -> int:
    w = _WIDTH_CACHE.get(ch)
    if w is None:
        w = _WIDTH_CACHE[ch] = cell_len(ch)
    return w


@lru_cache(maxsize=1024)
def _analyse(text: str, rtl: bool, app: bool) -> _Analysis:
    disp = _display_chars(text)
    bidi = unicodedata.bidirectional
    classes = [bidi(ch) for ch in disp]
    protos = _clusters(disp, classes, keep_zwnj=not app)
    base = 1 if rtl else 0
    if app:
        char_levels = resolve_levels(disp, base, classes)
        shaped = _shape(protos)
        glyphs = shaped.text if shaped is not None else {}
        merged_into = shaped.merged_into if shaped is not None else set()
        merged_away = shaped.merged_away if shaped is not None else set()
        mirror = _mirror_table()
    clusters: list[Cluster] = []
    widths: list[int] = []
    levels: list[int] = []
    wss: list[bool] = []
    for k, (b, start, end, char, pre, post, marked, _zb, _za) in enumerate(protos):
        if app:
            if k in merged_away:
                continue
            body = glyphs.get(k, char)
            if k in merged_into:
                nxt = protos[k + 1]
                end = nxt[_END]
                post += nxt[_POST]
            level = char_levels[b] if b is not None else base
            if char in _EXPANDED:
                body = _expanded_app(char)
            elif level % 2 and body in mirror:
                body = mirror[body]
        else:
            body = _spelled_out(char) if char in _EXPANDED else char
            level = base
        if pre or post or len(body) > 1:
            drawn = pre + body + post
            cells = cell_len(drawn)
        else:
            drawn = body
            cells = _char_width(body)
        if cells < 1:  # defensive: never emit a zero-width cluster
            drawn, cells = " ", 1
        clusters.append(Cluster(drawn, start, end))
        widths.append(cells)
        levels.append(level)
        wss.append(not marked and b is not None and classes[b] == "WS")
    return _Analysis(tuple(clusters), tuple(widths), tuple(levels), tuple(wss))


def _display_chars(text: str) -> str:
    """``text`` with terminal-active characters and lone surrogates replaced 1:1."""
    disp = inert(text)
    if _SURROGATES.search(disp):
        disp = _SURROGATES.sub("\ufffd", disp)
    return disp


def _clusters(disp: str, classes: list[str], *, keep_zwnj: bool) -> list[list[Any]]:
    """Group characters into drawable clusters (see the module docstring, step 1)."""
    protos: list[list[Any]] = []
    pend_start: int | None = None
    pend_text = ""
    pend_zwnj = False
    category = unicodedata.category
    width = _char_width
    for i, ch in enumerate(disp):
        if width(ch) > 0:
            if pend_start is None:
                protos.append([i, i, i + 1, ch, "", "", False, False, False])
            else:
                protos.append([i, pend_start, i + 1, ch, pend_text, "", False, pend_zwnj, False])
                pend_start, pend_text, pend_zwnj = None, "", False
            continue
        if category(ch) not in _ZERO_WIDTH_NOT_MARK:
            # A combining mark: drawn with the cluster before it.
            if protos:
                p = protos[-1]
                p[_END] = i + 1
                p[_POST] += pend_text + ch
                p[_MARKED] = True
                p[_ZWNJ_AFTER] = p[_ZWNJ_AFTER] or pend_zwnj
            else:
                start = i if pend_start is None else pend_start
                protos.append([i, start, i + 1, ORPHAN_BASE, pend_text, ch, True, pend_zwnj, False])
            pend_start, pend_text, pend_zwnj = None, "", False
            continue
        # Zero-width, not drawn (ZWNJ is kept for terminals that shape).
        kept = ch if (keep_zwnj and ch == ZWNJ) else ""
        if protos and pend_start is None:
            p = protos[-1]
            prev_ws = p[_BASE] is not None and not p[_MARKED] and classes[p[_BASE]] == "WS"
        else:
            prev_ws = True
        if not prev_ws:
            p[_END] = i + 1
            p[_POST] += kept
            p[_ZWNJ_AFTER] = p[_ZWNJ_AFTER] or ch == ZWNJ
        else:
            if pend_start is None:
                pend_start = i
            pend_text += kept
            pend_zwnj = pend_zwnj or ch == ZWNJ
    if pend_start is not None:
        if protos:
            p = protos[-1]
            p[_END] = len(disp)
            p[_POST] += pend_text
            p[_ZWNJ_AFTER] = p[_ZWNJ_AFTER] or pend_zwnj
        else:
            protos.append([None, 0, len(disp), " ", "", "", False, False, False])
    return protos


@dataclass(slots=True)
class _Shaped:
    text: dict[int, str]
    """Cluster index -> its shaped base glyph."""
    merged_into: set[int]
    """Clusters whose next cluster joined them in a lam-alef ligature."""
    merged_away: set[int]


@lru_cache(maxsize=1)
def _reshaper() -> ArabicReshaper:
    from arabic_reshaper import ArabicReshaper
    from arabic_reshaper.ligatures import LIGATURES

    config: dict[str, Any] = {
        "language": "Arabic",
        "delete_harakat": True,
        "shift_harakat_position": False,
        "delete_tatweel": False,
        "support_zwj": False,
        "use_unshaped_instead_of_isolated": False,
        "support_ligatures": True,
    }
    for name, _forms in LIGATURES:
        config[name] = name in _LAM_ALEF_LIGATURES
    return ArabicReshaper(configuration=config)


def _shape(protos: list[list[Any]]) -> _Shaped | None:
    """Shape the clusters' base letters in logical order; ``None`` if nothing to do."""
    if not any("\u0600" <= p[_CHAR] <= "\u08ff" for p in protos):
        return None
    reshaper = _reshaper()
    letters = reshaper.letters
    feed: list[str] = []
    owner: list[int] = []  # cluster index per fed character, -1 for ZWNJ
    for k, p in enumerate(protos):
        if p[_ZWNJ_BEFORE]:
            feed.append(" ")
            owner.append(-1)
        ch = p[_CHAR]
        feed.append(ch if ch in letters else " ")
        owner.append(k)
        if p[_ZWNJ_AFTER]:
            feed.append(" ")
            owner.append(-1)
    out = reshaper.reshape("".join(feed))
    shaped = _Shaped({}, set(), set())
    n = len(feed)
    if len(out) == n:  # no ligature: one glyph per fed character
        for ch, glyph, idx in zip(feed, out, owner, strict=True):
            if ch == " ":
                if glyph != " ":
                    return None
            elif glyph in _LAM_ALEF:
                return None
            else:
                shaped.text[idx] = glyph
        return shaped
    if len(out) > n:
        return None
    j = 0
    k = 0
    while k < n:
        ch = feed[k]
        idx = owner[k]
        if j >= len(out):
            return None
        glyph = out[j]
        if ch == " ":
            if glyph != " ":
                return None
        elif glyph in _LAM_ALEF:
            if k + 1 >= n or owner[k + 1] != idx + 1 or feed[k + 1] == " ":
                return None
            shaped.text[idx] = glyph
            shaped.merged_into.add(idx)
            shaped.merged_away.add(idx + 1)
            k += 1
        else:
            shaped.text[idx] = glyph
        j += 1
        k += 1
    if j != len(out):
        return None
    return shaped


def _spelled_out(ch: str) -> str:
    """The letters a word-ligature character stands for, in logical order."""
    return _SPELLED_OUT.get(ch) or unicodedata.normalize("NFKD", ch)


@lru_cache(maxsize=64)
def _expanded_app(ch: str) -> str:
    """A word-ligature character drawn as its letters, shaped, in visual order.

    The letters are all Arabic, so their visual order is the full reversal,
    whatever level the character resolved to.
    """
    shaped: str = _reshaper().reshape(_spelled_out(ch))
    return shaped[::-1]


@lru_cache(maxsize=1)
def _mirror_table() -> dict[str, str]:
    from bidi.mirror import MIRRORED

    return dict(MIRRORED)


# --------------------------------------------------------------------------
# UAX #9 for one paragraph without explicit embeddings


@lru_cache(maxsize=1)
def _brackets() -> dict[str, tuple[bool, str]]:
    """Paired brackets (BD14/BD15): char -> (is_opening, key shared by the pair).

    Bidi_Paired_Bracket is not in ``unicodedata``; it is the Bidi_Mirroring_Glyph
    of the characters with general category Ps/Pe (BidiBrackets.txt is derived
    that way). Keys are NFD so canonically equivalent brackets pair (BD16).
    """
    table: dict[str, tuple[bool, str]] = {}
    for ch, other in _mirror_table().items():
        cat = unicodedata.category(ch)
        if cat == "Ps":
            table[ch] = (True, unicodedata.normalize("NFD", ch))
        elif cat == "Pe":
            table[ch] = (False, unicodedata.normalize("NFD", other))
    return table


_STRONG_N = {"L": "L", "R": "R", "EN": "R", "AN": "R"}
_NEUTRAL = frozenset({"WS", "ON", "B", "S"})
_KNOWN = frozenset({"L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "WS", "ON", "B", "S"})


def resolve_levels(text: str, base: int, classes: Sequence[str] | None = None) -> list[int]:
    """Resolved embedding level of each character of ``text`` (UAX #9 W1-I2).

    For a paragraph with base level ``base`` (0 or 1) and no explicit
    embeddings, overrides or isolates (any such control is treated as ON).
    Boundary neutrals (BN) take the level of the character before them.
    ``classes`` may pass ``unicodedata.bidirectional`` of each character when
    the caller has it already.
    """
    if classes is None:
        bidi = unicodedata.bidirectional
        classes = [bidi(ch) for ch in text]
    n = len(text)
    present = set(classes)
    if base == 0 and present.isdisjoint(("R", "AL", "AN")):
        return [0] * n  # nothing can rise above the base level (EN becomes L by W7)
    if base == 1 and present.isdisjoint(("L", "EN", "AN", "")):
        return [1] * n  # every character resolves to R
    orig = [c if c in _KNOWN else ("L" if not c else "ON") for c in classes]
    keep = [i for i in range(n) if orig[i] != "BN"]
    t = [orig[i] for i in keep]
    m = len(t)
    e = "R" if base else "L"
    sos = eos = e

    # W1-W3
    prev = sos
    strong = sos
    for k in range(m):
        c = t[k]
        if c == "NSM":
            c = t[k] = prev
        if c == "EN":
            if strong == "AL":
                c = t[k] = "AN"
        elif c in ("L", "R", "AL"):
            strong = c
        prev = c
    for k in range(m):
        if t[k] == "AL":
            t[k] = "R"
    # W4
    for k in range(1, m - 1):
        c = t[k]
        if c == "ES":
            if t[k - 1] == "EN" and t[k + 1] == "EN":
                t[k] = "EN"
        elif c == "CS":
            before = t[k - 1]
            if before in ("EN", "AN") and t[k + 1] == before:
                t[k] = before
    # W5
    k = 0
    while k < m:
        if t[k] == "ET":
            j = k
            while j < m and t[j] == "ET":
                j += 1
            if (k > 0 and t[k - 1] == "EN") or (j < m and t[j] == "EN"):
                for x in range(k, j):
                    t[x] = "EN"
            k = j
        else:
            k += 1
    # W6, W7
    strong = sos
    for k in range(m):
        c = t[k]
        if c in ("ES", "ET", "CS"):
            t[k] = "ON"
        elif c == "EN":
            if strong == "L":
                t[k] = "L"
        elif c in ("L", "R"):
            strong = c

    # N0: bracket pairs
    brackets = _brackets()
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for k in range(m):
        if t[k] != "ON":
            continue
        info = brackets.get(text[keep[k]])
        if info is None:
            continue
        opening, key = info
        if opening:
            if len(stack) == 63:
                break
            stack.append((key, k))
        else:
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == key:
                    pairs.append((stack[j][1], k))
                    del stack[j:]
                    break
    if pairs:
        pairs.sort()
        opp = "L" if e == "R" else "R"
        for opening_at, closing_at in pairs:
            found_e = found_opp = False
            for x in range(opening_at + 1, closing_at):
                s = _STRONG_N.get(t[x])
                if s == e:
                    found_e = True
                    break
                if s == opp:
                    found_opp = True
            if found_e:
                new = e
            elif found_opp:
                before = sos
                for x in range(opening_at - 1, -1, -1):
                    s = _STRONG_N.get(t[x])
                    if s is not None:
                        before = s
                        break
                new = opp if before == opp else e
            else:
                continue
            for b in (opening_at, closing_at):
                t[b] = new
                x = b + 1
                while x < m and orig[keep[x]] == "NSM":
                    t[x] = new
                    x += 1

    # N1, N2
    k = 0
    while k < m:
        if t[k] in _NEUTRAL:
            j = k
            while j < m and t[j] in _NEUTRAL:
                j += 1
            before = _STRONG_N.get(t[k - 1], e) if k > 0 else sos
            after = _STRONG_N.get(t[j], e) if j < m else eos
            new = before if before == after else e
            for x in range(k, j):
                t[x] = new
            k = j
        else:
            k += 1

    # I1, I2
    levels = [base] * n
    for k in range(m):
        c = t[k]
        if base == 0:
            lv = 0 if c == "L" else (1 if c == "R" else 2)
        else:
            lv = 1 if c == "R" else 2
        levels[keep[k]] = lv
    # BN: level of the character before (X9 retained-BN convention).
    if m != n:
        last = base
        ki = 0
        for i in range(n):
            if ki < m and keep[ki] == i:
                last = levels[i]
                ki += 1
            else:
                levels[i] = last
    return levels
