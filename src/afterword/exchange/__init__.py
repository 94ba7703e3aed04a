"""Import and export: JSON, calendar files, CSV, taskwarrior."""
