"""The layer that holds the rules: no Textual, TinyDB or Jinja2 here."""
