"""The key a sentence names: the one the user's `[keymap]` puts on the binding, else its own.

"Press u to undo" must say `ctrl+z` to someone whose config has `undo = "ctrl+z"`, where `u`
does nothing. Each sentence of the app that names a key asks here, by the binding's id
(docs/guide.md lists them), with the key the binding has when nobody moved it;
`tests/tui/test_key_names.py` checks that default against the binding itself.
"""

from __future__ import annotations

from textual.keys import format_key

from afterword.tui.base import afterword_app


def key_name(app: object, binding_id: str, default: str) -> str:
    """The first key of ``binding_id`` as the user types it: ``u``, ``ctrl+z``, ``?``, ``[``
    (Textual's long names, such as ``question_mark``, as their character)."""
    keys = afterword_app(app).config.keymap.get(binding_id, default)
    return _shown(keys.split(",")[0].strip() or default)


def keys_said(app: object, binding_id: str, default: str) -> str:
    """Every key of ``binding_id``, as a dialog's line of keys says them: ``n or escape``."""
    keys = afterword_app(app).config.keymap.get(binding_id, default)
    said = [_shown(key.strip()) for key in keys.split(",") if key.strip()]
    return " or ".join(said or [_shown(default)])


def _shown(key: str) -> str:
    *modifiers, name = key.split("+")
    return "+".join([*modifiers, format_key(name) if "_" in name else name])
