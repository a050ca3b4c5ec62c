"""Language detection in a child process gives what in-process detection gives."""

from __future__ import annotations

import sys

from conftest import SEEDS

from tui.language import detect_languages
from tui.language_process import LanguageDetectorProcess
from tui.loading import discover, load_article


def test_child_process_detects_like_in_process():
    articles = [load_article(p) for p in discover([SEEDS])]
    with LanguageDetectorProcess() as detector:
        remote = [detector.detect(a) for a in articles]
        assert not detector.in_process, "the child process did the work"
    assert [a.language for a in remote] == ["ar", "fa", "de", "uk", "ar"]
    assert remote == [detect_languages(a) for a in articles]


def test_falls_back_in_process_when_no_child_can_run(monkeypatch):
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    article = load_article(sorted(SEEDS.glob("002_*.txt"))[0])
    with LanguageDetectorProcess() as detector:
        assert detector.detect(article).language == "de"
        assert detector.in_process


def test_child_process_detects_visible_paragraphs_first():
    article = load_article(sorted(SEEDS.glob("003_*.txt"))[0])
    with LanguageDetectorProcess() as detector:
        visible = detector.detect(article, indices=[0, 1, 2])
        assert not detector.in_process
        rest = detector.detect(visible, indices=range(3, len(article.paragraphs)))
    assert visible.language == "uk"
    assert [p.language for p in visible.paragraphs[:3]] == [p.language for p in rest.paragraphs[:3]]
    assert all(p.language is None for p in visible.paragraphs[3:])
    assert rest == detect_languages(article)
