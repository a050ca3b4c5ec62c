"""The reader's claims: the current article's claims and the selected one.

:class:`ClaimSelection` owns both. The reading pane asks it for highlight
spans (original and translation), ``J``/``K`` walk from the current paragraph,
and moving to another paragraph drops a selection that is not on it, so an
annotation never lands on a claim the reader has left. Claims come from
:class:`tui.article_claims.ArticleClaims`, computed per paragraph for the rows
being drawn.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.article import Article
from tui.article_claims import ArticleClaims
from tui.claims.model import Claim
from tui.ui.parallel import Span


class ClaimSelection:
    """The current article's claims and the selected claim (if any)."""

    def __init__(self) -> None:
        self._claims: ArticleClaims | None = None
        self._selected: Claim | None = None

    @property
    def claims(self) -> ArticleClaims | None:
        return self._claims

    @property
    def selected(self) -> Claim | None:
        return self._selected

    def reset(self, article: Article | None, translated: Callable[[int], str | None]) -> None:
        """New claims for ``article`` (opened, its languages or translation arrived)."""
        self._selected = None
        self._claims = ArticleClaims(article, translated) if article is not None and article.ok else None

    def clear(self) -> None:
        self._claims = None
        self._selected = None

    def select(self, claim: Claim | None) -> None:
        self._selected = claim

    def on_paragraph(self, paragraph: int) -> Claim | None:
        """The selected claim if it is in ``paragraph``."""
        claim = self._selected
        return claim if claim is not None and claim.paragraph == paragraph else None

    def moved_to(self, paragraph: int) -> bool:
        """The reader is on ``paragraph`` now: a selection elsewhere is dropped.
        Returns whether the selection changed."""
        if self._selected is not None and self._selected.paragraph != paragraph:
            self._selected = None
            return True
        return False

    def first_from(self, paragraph: int) -> Claim | None:
        """The first claim at or after the start of ``paragraph`` (where the claims panel opens)."""
        return self._claims.walk(paragraph, None, 1) if self._claims is not None else None

    def walk(self, paragraph: int, step: int) -> Claim | None:
        """The next (``step`` 1) or previous (-1) claim from ``paragraph`` and the selection."""
        if self._claims is None:
            return None
        return self._claims.walk(paragraph, self.on_paragraph(paragraph), step)

    def spans(self, index: int, side: str) -> list[Span]:
        """Claim highlights of one row side; the selected claim marked."""
        spans: list[Span] = []
        claims = self._claims
        if claims is None or index >= len(claims.article.paragraphs):
            return spans
        if side == "original":
            for claim in claims.original(index):
                spans.append((claim.start, claim.end, f"claim--{claim.kind}"))
                if claim == self._selected:
                    spans.append((claim.start, claim.end, "claim--current"))
        else:
            for original, translated in claims.pairs(index):
                spans.append((translated.start, translated.end, f"claim--{translated.kind}"))
                if original == self._selected:
                    spans.append((translated.start, translated.end, "claim--current"))
        return spans

    def find(self, paragraph: int, start: int, end: int) -> Claim | None:
        """The claim of ``paragraph`` spanning exactly ``start``–``end``."""
        if self._claims is None:
            return None
        for claim in self._claims.original(paragraph):
            if (claim.start, claim.end) == (start, end):
                return claim
        return None
