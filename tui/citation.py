"""A paragraph as an analyst pastes it into a report: original, translation,
where the translation came from, and where the paragraph came from.

The text is made inert: a paragraph pasted later into a terminal must not
carry the escape sequences a scraped page may contain.

The reader copies it to the terminal's clipboard (OSC 52), which a terminal
may refuse without saying so; :func:`append_clipping` is the other way out, a
plain file the analyst can open, and :func:`osc52_refused` recognises the one
refusal that can be known in advance (tmux with ``set-clipboard off``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

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


CLIPPINGS = "tandem-clippings.txt"
"""The file ``Y`` appends to, in the working directory."""
SEPARATOR = "\n" + "─" * 40 + "\n"


def append_clipping(text: str, directory: Path | None = None) -> Path:
    """Append ``text`` (a citation) to the clippings file; returns its path.
    One ``write`` of the whole entry, in append mode: two readers appending at
    once do not interleave within an entry. Raises ``OSError``."""
    path = (directory or Path.cwd()) / CLIPPINGS
    data = (text.rstrip("\n") + "\n" + SEPARATOR).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return path


def osc52_refused(environ: dict[str, str]) -> str | None:
    """Why the terminal will drop an OSC 52 copy, when that can be known: tmux
    with ``set-clipboard off``. ``None`` when it may work (most terminals never
    say)."""
    if not environ.get("TMUX") or shutil.which("tmux") is None:
        return None
    try:
        done = subprocess.run(
            ["tmux", "show-options", "-gv", "set-clipboard"],
            capture_output=True,
            text=True,
            timeout=2,
            env={**os.environ, "TMUX": environ["TMUX"]},  # the server of the reader's own pane
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode == 0 and done.stdout.strip() == "off":
        return "tmux has set-clipboard off"
    return None
