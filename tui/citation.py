"""A paragraph as an analyst pastes it into a report: original, translation,
where the translation came from, and where the paragraph came from.

The text is made inert: a paragraph pasted later into a terminal must not
carry the escape sequences a scraped page may contain.
"""

from __future__ import annotations

from tui.article import Article
from tui.inert import inert
from tui.translated import ArticleTranslation


def paragraph_citation(article: Article, index: int, translation: ArticleTranslation | None) -> str:
    """Original, then the translation with its provenance (or a plain "no
    translation"), then the article, language and paragraph number."""
    paragraph = article.paragraphs[index]
    lines = [inert(paragraph.text), ""]
    done = translation.get(index) if translation is not None else None
    if done is not None and translation is not None:
        lines += [inert(done.text), f"[{translation.target}: {translation.provenance.label}]"]
    else:
        lines.append("[no translation]")
    language = paragraph.language or article.language or "unknown language"
    lines.append(f"— {inert(article.path.name)}, {language}, ¶{index + 1}")
    return "\n".join(lines) + "\n"
