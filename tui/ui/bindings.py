"""Textual bindings from the keymap table (:mod:`tui.keymap`), for whoever owns the actions."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui.keymap import ACTIONS, Action, display_keys


def bindings_for(scope: str, actions: tuple[Action, ...] = ACTIONS) -> list[BindingType]:
    """The bindings of the actions of ``scope`` (``screen`` or ``view``), ids
    kept so the user's ``[keymap]`` remaps them."""
    return [
        Binding(
            a.keys,
            a.action,
            a.description,
            show=a.footer,
            id=a.id,
            key_display=display_keys(a.keys.split(",")[0]),
        )
        for a in actions
        if a.scope == scope
    ]
