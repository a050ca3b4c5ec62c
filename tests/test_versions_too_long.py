"""Articles too long to compare are left out of story grouping, and say so:
in the pipeline the reader and ``tandem stories`` share, in the versions
strip and in the CLI's listing and JSON."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import SEEDS, settle
from corpus import write_long_article

import tui.versions.pipeline as pipeline
from tui.cli import main
from tui.loading import discover, load_article
from tui.ui.app import TandemApp

LIMIT = 40


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    """The two translations of one report (000 ar, 002 de) and a 60-paragraph
    article, with the limit lowered to 40 paragraphs so the test stays small."""
    monkeypatch.setattr(pipeline, "MAX_PARAGRAPHS_COMPARED", LIMIT)
    target = tmp_path / "articles"
    target.mkdir()
    for name in ("000", "002"):
        (source,) = SEEDS.glob(f"{name}*.txt")
        shutil.copy(source, target / source.name)
    write_long_article(target, 60, name="zz-long.txt")
    return target


def test_the_pipeline_groups_the_others_and_leaves_the_long_one_out(folder):
    articles = [load_article(path) for path in discover([folder])]
    long = next(a for a in articles if a.path.name == "zz-long.txt")
    assert not pipeline.compared(long) and all(pipeline.compared(a) for a in articles if a is not long)
    index = pipeline.build_versions(articles, embeddings="none")
    assert long.id not in index.languages
    assert all(long.id not in story.members for story in index.stories)
    (report,) = (a for a in articles if a.path.name.startswith("000"))
    assert len(index.story_versions(report.id)) == 2, "the two translations still make one story"


def test_tandem_stories_lists_what_it_did_not_compare(folder, capsys):
    assert main(["stories", str(folder), "--json", "--embeddings", "none"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [(item["path"], item["paragraphs"]) for item in record["not_compared"]] == [
        (str(folder / "zz-long.txt"), 60)
    ]
    assert main(["stories", str(folder), "--embeddings", "none"]) == 0
    out = capsys.readouterr().out
    assert f"not compared: 1 article(s) over {LIMIT} paragraphs" in out and "zz-long.txt" in out


async def test_the_versions_strip_says_the_article_was_not_compared(folder, tmp_path):
    app = TandemApp(discover([folder]), notes_db=tmp_path / "n.db")
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        strip = app.screen.query_one("#versions")
        assert "not compared" not in str(strip.render())
        await pilot.press("greater_than_sign", "greater_than_sign")
        await settle(pilot)
        shown = str(strip.render())
        assert "article 3/3 · ¶ 1/60" in str(app.screen.query_one("#status").render())
        assert f"not compared with other articles (60 paragraphs; stories compare articles of up to {LIMIT})" in shown
