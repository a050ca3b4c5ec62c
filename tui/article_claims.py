"""An article's claims, computed per paragraph on demand, with translation pairs.

The reader asks for the claims of the rows it draws (and of the paragraphs
J/K walks through), not of the whole article at once, so a 5,000-paragraph
article costs nothing until it is read. Results are cached for the lifetime of
this object, which belongs to one version of one article (its languages and
translation included): a new version gets a new object.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tui.article import Article
from tui.claims.model import Claim


class ArticleClaims:
    """Claims of ``article`` and their counterparts in a translation."""

    def __init__(self, article: Article, translation_text: Callable[[int], str | None] | None = None) -> None:
        self.article = article
        self._translation_text = translation_text or (lambda index: None)
        self._original: dict[int, list[Claim]] = {}
        self._pairs: dict[int, list[tuple[Claim, Claim]]] = {}

    def original(self, index: int) -> list[Claim]:
        """Claims in paragraph ``index`` of the original, by position."""
        found = self._original.get(index)
        if found is None:
            from tui.claims.extract import extract_claims

            paragraph = self.article.paragraphs[index]
            found = extract_claims(
                paragraph.text,
                paragraph.language or self.article.language,
                article=self.article.id,
                paragraph=index,
                boilerplate=paragraph.is_boilerplate,
            )
            self._original[index] = found
        return found

    def pairs(self, index: int) -> list[tuple[Claim, Claim]]:
        """(original claim, translation claim): the same kind and value, or for
        quotes, attributions, hedges and denials the same kind in the same order
        (:func:`tui.claims.pairing.pair_claims`)."""
        found = self._pairs.get(index)
        if found is None:
            text = self._translation_text(index)
            found = []
            if text:
                from tui.claims.extract import extract_claims
                from tui.claims.pairing import pair_claims
                from tui.target_language import texts_language

                language = texts_language(self._translation_text)  # the translation's own target language
                translated = extract_claims(text, language, article=self.article.id, paragraph=index)
                found = pair_claims(self.original(index), translated)
            self._pairs[index] = found
        return found

    def counterpart(self, claim: Claim) -> Claim | None:
        """The translation's claim with the same value as ``claim``, if any."""
        for original, translated in self.pairs(claim.paragraph):
            if original == claim:
                return translated
        return None

    def all(self) -> list[Claim]:
        return [claim for index in range(len(self.article.paragraphs)) for claim in self.original(index)]

    def walk(self, paragraph: int, claim: Claim | None, step: int) -> Claim | None:
        """The next (``step=1``) or previous (``-1``) claim in reading order.

        Starts after ``claim`` when given, else at the start (or end) of
        ``paragraph``; computes claims only for the paragraphs it passes.
        """
        for candidate in self._from(paragraph, step):
            claims = self.original(candidate)
            if step < 0:
                claims = list(reversed(claims))
            for found in claims:
                if claim is None or candidate != claim.paragraph:
                    return found
                if (found.start, found.end, found.kind) == (claim.start, claim.end, claim.kind):
                    claim = None  # the ones after this are the answer
        return None

    def _from(self, paragraph: int, step: int) -> Iterator[int]:
        count = len(self.article.paragraphs)
        index = paragraph
        while 0 <= index < count:
            yield index
            index += step


def rules_notes(article: Article) -> list[str]:
    """One line per language of ``article`` that has no claim rules (only
    language-independent values are extracted there): what the claims panel
    and ``tandem claims`` both say."""
    from tui.claims.extract import claims_note, languages_without_rules
    from tui.language import language_name

    notes = []
    for language in languages_without_rules(article):
        note = claims_note(language, language_name(language) if language else None)
        if note is not None:
            notes.append(note)
    return notes
