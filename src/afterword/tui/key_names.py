"""The key a sentence names: the one the user's `[keymap]` puts on the binding, else its own.

"Press u to undo" must say `ctrl+z` to someone whose config has `undo = "ctrl+z"`, where `u`
does nothing. Each sentence of the app that names a key asks here, by the binding's id
(docs/guide.md lists them), with the key the binding has when nobody moved it;
`tests/tui/test_key_names.py` checks that default against the binding itself. (The words are
`config.key_said`'s, which the emails' session uses without Textual.)
"""

from __future__ import annotations

from afterword.config import key_said
from afterword.tui.base import afterword_app


def key_name(app: object, binding_id: str, default: str) -> str:
    """The first key of ``binding_id`` as the user types it: ``u``, ``ctrl+z``, ``?``, ``[``."""
    return key_said(afterword_app(app).config.keymap, binding_id, default)


def keys_said(app: object, binding_id: str, default: str) -> str:
    """Every key of ``binding_id``, as a dialog's line of keys says them: ``n or escape``."""
    return key_said(afterword_app(app).config.keymap, binding_id, default, every=True)
