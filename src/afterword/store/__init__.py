"""Safe storage of the database: atomic saves, one writer, backups, migrations."""
