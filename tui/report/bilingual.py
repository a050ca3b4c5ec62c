"""The one call that turns an article, its translation, claims and notes into a file's text.

``tandem export`` and the reader both call :func:`export_article`, so the
file is the same whichever made it. Plain data in, text out: the caller
looks the translation, claims and notes up (the reader has them at hand; the
CLI in :mod:`tui.commands.export`) and writes the text where it wants
(:mod:`tui.report.files`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Literal

from tui.article import Article
from tui.article_claims import ArticleClaims
from tui.claims.model import Claim
from tui.notes.placing import Placed
from tui.translated import ArticleTranslation

Layout = Literal["side-by-side", "interleaved"]
Format = Literal["md", "html"]
LAYOUTS: tuple[Layout, ...] = ("side-by-side", "interleaved")
FORMATS: tuple[Format, ...] = ("md", "html")


def export_article(
    article: Article,
    translation: ArticleTranslation | None,
    claims: Iterable[Claim] = (),
    notes: Sequence[Placed] = (),
    *,
    layout: Layout = "side-by-side",
    fmt: Format = "md",
    target: str | None = None,
    fill: Sequence[ArticleTranslation] = (),
    translated_claims: Iterable[Claim] = (),
    why_missing: str | None = None,
    now: datetime | None = None,
) -> str:
    """``article`` beside ``translation`` as Markdown (``fmt="md"``) or HTML.

    * ``translation``: the one shown (``None``: the file says "none");
      ``target`` its language when there is none (default: the translation's).
    * ``claims``: claims in the original (``ArticleClaims.all()``);
      ``translated_claims``: claims in the translation texts, offsets into them
      (the second item of ``ArticleClaims.pairs(i)``).
    * ``notes``: the article's annotations placed on it now
      (:func:`tui.notes.placing.place_all`); deleted ones are left out.
    * ``fill``: other translations that supply paragraphs ``translation``
      lacks, each named on its paragraph; ``why_missing``: why there is no
      (complete) translation, for the header.
    * ``now``: the export time printed in the header (default: now).
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    from tui.report.document import build_report

    report = build_report(
        article,
        translation,
        claims,
        notes,
        target=target,
        fill=fill,
        translated_claims=translated_claims,
        why_missing=why_missing,
        now=now,
    )
    if fmt == "html":
        from tui.report import html_text

        return html_text.render(report, layout)
    from tui.report import markdown_text

    return markdown_text.render(report, layout)


def claims_for_export(claims: ArticleClaims) -> tuple[list[Claim], list[Claim]]:
    """``(claims, translated_claims)`` for :func:`export_article`: every claim of
    the original, and the translation's claims paired with them by value (what
    the reader highlights in the translation column)."""
    count = len(claims.article.paragraphs)
    return claims.all(), [pair[1] for index in range(count) for pair in claims.pairs(index)]


def default_file_name(article: Article, target: str, fmt: Format) -> str:
    """``<article id>.<target>.<md|html>``: where an export goes in a folder."""
    from tui.inert import inert

    stem = inert(article.id).replace("/", "_").replace("\\", "_") or "article"
    if stem.startswith("."):
        stem = "_" + stem[1:]
    return f"{stem}.{target}.{fmt}"
