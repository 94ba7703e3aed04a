"""The full-screen app (Textual). Imported only when `afterword` runs without a command."""
