"""Every reader action as data: id, default keys, description, where it shows.

One table feeds the Textual bindings, the help screen, the footer and the
command palette, so they cannot drift apart. Users remap by id in the config
file (``[keymap] next_paragraph = "j,down,ctrl+n"``) because terminals and tmux
swallow some keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    """Stable binding id, the key users remap in ``[keymap]``."""
    keys: str
    """Comma-separated Textual key names."""
    action: str
    """Textual action string run on the reader screen (or app)."""
    description: str
    footer: bool = False
    """Shown in the footer (the main bindings only: 80 columns are few)."""
    group: str = "Reading"
    palette: bool = True
    """Offered by the command palette."""
    scope: str = "screen"
    """Whose action it is: ``screen`` (the reader screen, anywhere on it) or
    ``view`` (the reading pane's, only while it has the keyboard)."""


ACTIONS: tuple[Action, ...] = (
    Action("next_paragraph", "j,down", "next_paragraph", "Next paragraph", group="Moving", scope="view"),
    Action("previous_paragraph", "k,up", "previous_paragraph", "Previous paragraph", group="Moving", scope="view"),
    Action("page_down", "pagedown,space", "page_down", "Page down", group="Moving", scope="view"),
    Action("page_up", "pageup", "page_up", "Page up", group="Moving", scope="view"),
    Action("first_paragraph", "g,home", "first_paragraph", "First paragraph", group="Moving", scope="view"),
    Action("last_paragraph", "G,end", "last_paragraph", "Last paragraph", group="Moving", scope="view"),
    Action(
        "goto_paragraph",
        "colon",
        "goto_paragraph",
        "Go to paragraph N (or type N, then g)",
        group="Moving",
        scope="view",
    ),
    Action("set_mark", "m", "set_mark", "Mark this place (m, then a letter)", group="Moving"),
    Action("goto_mark", "apostrophe", "goto_mark", "Back to a mark (', then its letter)", group="Moving"),
    Action("next_article", "greater_than_sign", "step_article(1)", "Next article", True, "Articles"),
    Action("previous_article", "less_than_sign", "step_article(-1)", "Previous article", group="Articles"),
    Action("switch_focus", "tab", "switch_focus", "Switch list / reader", group="Articles"),
    Action("filter_articles", "f", "filter_articles", "Filter articles (language, title)", group="Articles"),
    Action("sort_articles", "o", "sort_articles", "Sort articles: file order / date / outlet", group="Articles"),
    Action("next_version", "right_square_bracket", "jump_version(1)", "Next version", True, "Versions"),
    Action("previous_version", "left_square_bracket", "jump_version(-1)", "Previous version", group="Versions"),
    Action("jump_back", "backspace,ctrl+o", "jump_back", "Back to where you jumped from", group="Versions"),
    Action("stack", "s", "stack", "Stack: this paragraph in every version", group="Versions"),
    Action("next_claim", "J", "walk_claims(1)", "Next claim", group="Claims"),
    Action("previous_claim", "K", "walk_claims(-1)", "Previous claim", group="Claims"),
    Action("toggle_claims", "c", "toggle_claims", "Claims", True, "Claims"),
    Action("annotate", "a", "annotate", "Annotate", True, "Notes"),
    Action("undo_note", "u", "undo_note", "Undo last annotation change", group="Notes"),
    Action("notes", "A", "notes", "All annotations", group="Notes"),
    Action("search", "slash", "search", "Search", True, "Search"),
    Action("search_next", "n", "step_search(1)", "Next match", group="Search"),
    Action("search_previous", "N", "step_search(-1)", "Previous match", group="Search"),
    Action("search_all", "F", "search_all", "Search all articles", group="Search"),
    Action(
        "export_article",
        "e",
        "export_article",
        "Export article, translation, claims, notes (HTML)",
        group="Notes",
    ),
    Action("copy_paragraph", "y", "copy_paragraph", "Copy paragraph, translation and source", group="Notes"),
    Action(
        "copy_to_file",
        "Y",
        "copy_to_file",
        "Copy paragraph to tandem-clippings.txt",
        group="Notes",
    ),
    Action("cycle_translation", "t", "cycle_translation", "Next available translation", group="Display"),
    Action("toggle_bidi", "b", "toggle_bidi", "Bidi: app / terminal", group="Display"),
    Action("toggle_list", "l", "toggle_list", "Show / hide article list", group="Display"),
    Action(
        "cycle_columns", "v", "cycle_columns", "Columns: both / original / translation", group="Display", scope="view"
    ),
    Action("swap_columns", "x", "swap_columns", "Swap original and translation", group="Display", scope="view"),
    Action("split_left", "left_curly_bracket", "move_split(-1)", "Move the split left", group="Display", scope="view"),
    Action(
        "split_right", "right_curly_bracket", "move_split(1)", "Move the split right", group="Display", scope="view"
    ),
    Action("help", "question_mark,f1", "help", "Help", True, "General"),
    Action("command_palette", "ctrl+p", "app.command_palette", "Command palette", group="General", palette=False),
    Action("quit", "q", "app.quit", "Quit", True, "General"),
)


def apply_keymap(actions: tuple[Action, ...], overrides: Mapping[str, str]) -> tuple[Action, ...]:
    """``actions`` with keys replaced for ids present in ``overrides``.

    Unknown ids are ignored here; :func:`unknown_ids` reports them.
    """
    return tuple(
        replace(action, keys=str(overrides[action.id])) if action.id in overrides else action for action in actions
    )


def unknown_ids(overrides: Mapping[str, str]) -> list[str]:
    known = {action.id for action in ACTIONS}
    return sorted(key for key in overrides if key not in known)


_KEY_NAMES = {
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "slash": "/",
    "question_mark": "?",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
    "space": "Space",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "backspace": "Backspace",
    "colon": ":",
    "apostrophe": "'",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
}


def display_keys(keys: str) -> str:
    """Human form of a comma-separated key list: ``"j,down"`` -> ``"j ↓"``."""
    out = []
    for key in keys.split(","):
        key = key.strip()
        if key.startswith("ctrl+"):
            out.append("Ctrl+" + _KEY_NAMES.get(key[5:], key[5:].upper()))
        else:
            out.append(
                _KEY_NAMES.get(key, key.upper() if len(key) > 1 and key[0] == "f" and key[1:].isdigit() else key)
            )
    return " ".join(out)
