"""Short names that tell articles apart (issue 12 item 10)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tui.short_names import short_names


def test_seeds_are_named_by_their_number() -> None:
    paths = [Path(f"seeds/{n}.txt") for n in ("000_9466c648", "001_040e5e52", "002_9b95b146")]
    assert short_names(paths) == ["000", "001", "002"]


def test_names_grow_to_the_end_of_the_word_that_differs() -> None:
    paths = [Path("reuters.218863.arb.txt"), Path("reuters.218863.deu.txt"), Path("cnn.304521.arb.txt")]
    assert short_names(paths) == ["reuters.218863.arb", "reuters.218863.deu", "cnn"]
    assert short_names([Path("en_report.txt"), Path("en_other.txt")]) == ["en_report", "en_other"]


def test_the_same_name_in_two_folders_gets_its_folder() -> None:
    assert short_names([Path("april/report.txt"), Path("may/report.txt")]) == ["april/report", "may/report"]
    assert short_names([Path("a/x/r.txt"), Path("b/x/r.txt")]) == ["x/r", "x/r~2"]


@given(st.lists(st.text(alphabet="ab_.-x1", min_size=1, max_size=8), min_size=1, max_size=12))
def test_names_are_always_distinct_and_start_the_file_name(stems: list[str]) -> None:
    paths = [Path(f"d{i % 3}") / f"{stem}.txt" for i, stem in enumerate(stems)]
    names = short_names(paths)
    assert len(set(names)) == len(names)
    for path, name in zip(paths, names, strict=True):
        assert path.stem.startswith(name) or name.endswith(path.stem) or "~" in name
