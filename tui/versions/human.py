"""A version in the target language, aligned as a translation, offered as one.

An analyst's folder often holds the English report beside its Arabic
translation. When the versions index has aligned such a pair as a
``translation`` (whole-pair evidence, :mod:`tui.versions.align`), the English
paragraphs opposite each Arabic one *are* a translation — made by people, and
better than machine output. This module turns that alignment into an
:class:`~tui.translated.ArticleTranslation` whose provenance names the file
(engine ``human``), so the reader can offer it with ``t`` and prefer it.

Honest display still holds: only paragraphs with a link get a text, the text
is exactly the linked paragraphs of the other file, and each carries the hash
of the source paragraph it was aligned with — if the source changes, the
translation is dropped like any other. Several source paragraphs linked to
one target paragraph share it only through the first of them (the text is not
repeated under each).
"""

from __future__ import annotations

from collections.abc import Mapping

from tui.article import Article
from tui.textnorm import text_hash
from tui.translated import HUMAN_ENGINE, ArticleTranslation, ParagraphTranslation, Provenance
from tui.versions.corpus import VersionsIndex


def human_translations(
    index: VersionsIndex, article: Article, versions: Mapping[str, Article], target: str
) -> list[ArticleTranslation]:
    """Every version of ``article``'s story written in ``target`` and aligned
    with it as a translation, as translations of ``article`` (best aligned first)."""
    found: list[tuple[float, ArticleTranslation]] = []
    for other in index.story_versions(article.id):
        version = versions.get(other)
        if other == article.id or version is None or not version.ok or version.language != target:
            continue
        relation = index.relations.get(frozenset((article.id, other)))
        if relation is None or relation.alignment.kind != "translation":
            continue
        alignment = relation.alignment
        mine_is_a = alignment.a == article.id
        paragraphs: dict[int, ParagraphTranslation] = {}
        for link in alignment.links:
            if link.kind != "translation":
                continue
            mine, theirs = (link.a, link.b) if mine_is_a else (link.b, link.a)
            first = min(mine)
            if not 0 <= first < len(article.paragraphs) or first in paragraphs:
                continue
            texts = [version.paragraphs[j].text for j in sorted(theirs) if 0 <= j < len(version.paragraphs)]
            if texts:
                source = article.paragraphs[first].text
                paragraphs[first] = ParagraphTranslation(first, " ".join(texts), text_hash(source))
        if paragraphs:
            provenance = Provenance(HUMAN_ENGINE, model=version.path.name)
            found.append((relation.score, ArticleTranslation(article.id, target, provenance, paragraphs)))
    found.sort(key=lambda pair: -pair[0])
    return [translation for _, translation in found]
