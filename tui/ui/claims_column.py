"""The reader's claims: highlights on both sides, J/K, the claims panel.

A mixin of :class:`tui.ui.reader.ReaderScreen` (one concept per module);
claims come from :class:`tui.article_claims.ArticleClaims`, computed per
paragraph for the rows being drawn. Message handlers use Textual's naming
convention: ``@on`` is not collected from mixins.
"""

from __future__ import annotations

from tui.article_claims import ArticleClaims
from tui.ui.claims_panel import ClaimsPanel
from tui.ui.display import one_line


class ClaimsMixin:
    def _reset_claims(self) -> None:
        """New claims for the current article (opened, or its languages arrived)."""
        self._claim = None
        article = self.articles[self.current_article] if 0 <= self.current_article < len(self.paths) else None
        if article is None or not article.ok:
            self._claims = None
        else:
            translation, _why = self._translation(self.current_article)

            def translated(index: int, translation=translation) -> str | None:
                found = translation.get(index) if translation else None
                return found.text if found else None

            self._claims = ArticleClaims(article, translated)
        panel = self.query_one(ClaimsPanel)
        if panel.display:
            panel.show_claims(self._claims, self.bidi)
        self._view().refresh_spans()

    def _refresh_claims_panel(self) -> None:
        panel = self.query_one(ClaimsPanel)
        panel.set_corroboration(self._corroboration_for)
        if panel.display:
            panel.show_claims(self._claims, self.bidi)

    def _corroboration_for(self, claim):
        versions = getattr(self, "_versions", None)
        return versions.claim_corroboration(claim) if versions is not None else None

    def _spans_for(self, index: int, side: str) -> list[tuple[int, int, str]]:
        """Highlights for one row side: claims, then search hits on top."""
        spans: list[tuple[int, int, str]] = []
        claims = self._claims
        if claims is not None and index < len(claims.article.paragraphs):
            if side == "original":
                for claim in claims.original(index):
                    spans.append((claim.start, claim.end, f"claim--{claim.kind}"))
                    if claim == self._claim:
                        spans.append((claim.start, claim.end, "claim--current"))
            else:
                for original, translated in claims.pairs(index):
                    spans.append((translated.start, translated.end, f"claim--{translated.kind}"))
                    if original == self._claim:
                        spans.append((translated.start, translated.end, "claim--current"))
        if side == "original":
            spans.extend(self._note_spans(index))
        spans.extend(self._search_spans.get((index, side), ()))
        return spans

    def select_claim(self, claim) -> None:
        """Make ``claim`` the selected one and show its paragraph."""
        self._claim = claim
        if claim is not None:
            self._view().move_to(claim.paragraph)
        self._view().refresh_spans()
        self.query_one(ClaimsPanel).select(claim)
        self._update_status()

    def _walk_claims(self, step: int) -> None:
        if self._claims is None:
            return
        view = self._view()
        claim = self._claim if self._claim is not None and self._claim.paragraph == view.current else None
        found = self._claims.walk(view.current, claim, step)
        if found is None:
            self.notify("No more claims in this direction", timeout=2)
            return
        self.select_claim(found)

    def action_next_claim(self) -> None:
        self._walk_claims(1)

    def action_previous_claim(self) -> None:
        self._walk_claims(-1)

    def action_toggle_claims(self) -> None:
        panel = self.query_one(ClaimsPanel)
        if panel.display and not panel.has_focus:
            panel.focus()
            return
        if panel.display:
            panel.display = False
            self._view().focus()
            return
        panel.display = True
        panel.show_claims(self._claims, self.bidi)
        panel.select(self._claim)
        panel.focus()

    def on_claims_panel_chosen(self, event: ClaimsPanel.Chosen) -> None:
        self.select_claim(event.claim)
        self._view().focus()

    def _claim_status(self) -> str | None:
        claim = self._claim
        if claim is None:
            return None
        from tui.ui.claims_panel import describe

        return one_line("claim: " + describe(claim), 70, self.bidi)
