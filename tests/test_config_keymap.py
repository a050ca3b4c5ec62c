"""Config file parsing and keymap-as-data."""

from pathlib import Path

from tui.config import load_config, parse_config
from tui.keymap import ACTIONS, apply_keymap, display_keys, unknown_ids


def test_missing_config_gives_defaults(tmp_path: Path):
    config = load_config(tmp_path / "nope.toml")
    assert config.bidi == "app" and config.keymap == {} and config.problems == ()


def test_config_file_is_read(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('bidi = "terminal"\ntheme = "nord"\n[keymap]\nnext_paragraph = "j,down,ctrl+n"\n')
    config = load_config(path)
    assert config.bidi == "terminal"
    assert config.theme == "nord"
    assert config.keymap == {"next_paragraph": "j,down,ctrl+n"}
    assert config.problems == ()


def test_broken_config_falls_back_with_a_reason(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text("bidi = [unclosed\n")
    config = load_config(path)
    assert config.bidi == "app"
    assert "not valid TOML" in config.problems[0]


def test_bad_values_are_reported_not_fatal():
    config = parse_config({"bidi": "sideways", "keymap": {"no_such": "x", "quit": ""}, "colour": 1})
    assert config.bidi == "app"
    text = "\n".join(config.problems)
    assert "sideways" in text and "no_such" in text and "keymap.quit" in text and "colour" in text
    assert config.keymap == {}


def test_keymap_overrides_by_id():
    actions = apply_keymap(ACTIONS, {"quit": "ctrl+q"})
    by_id = {a.id: a for a in actions}
    assert by_id["quit"].keys == "ctrl+q"
    assert by_id["next_paragraph"].keys == "j,down"
    assert unknown_ids({"quit": "x", "bogus": "y"}) == ["bogus"]


def test_action_ids_unique_and_keys_not_shared():
    ids = [a.id for a in ACTIONS]
    assert len(ids) == len(set(ids))
    keys = [k for a in ACTIONS for k in a.keys.split(",")]
    assert len(keys) == len(set(keys)), "two actions share a key"


def test_display_keys():
    assert display_keys("j,down") == "j ↓"
    assert display_keys("greater_than_sign") == ">"
    assert display_keys("ctrl+p") == "Ctrl+P"
