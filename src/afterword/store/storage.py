"""A TinyDB storage that never loses a save: atomic writes, data kept in memory, safe reloads.

TinyDB's own ``JSONStorage`` re-reads the whole file on every query and rewrites it in place
(corrupt after a kill). This one reads the file once, answers queries from memory, and saves
through ``write_atomically``. A file that is empty or does not parse is never overwritten.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import json
import os
import stat as stat_module
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from afterword.errors import AfterwordError
from afterword.store import migrations
from afterword.store.atomic import (
    FromFile,
    NotDurable,
    aside_path,
    copy_file,
    ensure_private_dir,
    remove_stale_temp_files,
    write_atomically,
    write_pieces,
)
from afterword.store.backups import Backups, is_database_bytes, shape_problem
from afterword.store.encoded import (
    CHUNK,
    Backing,
    EncodedTable,
    RecordMoved,
    dumps_compact,
    loads_database,
    split_database,
    split_file,
)

__all__ = ["DatabaseUnreadable", "SafeStorage", "SaveFailed", "loads_database"]


class DatabaseUnreadable(AfterwordError):
    """The database file exists but cannot be used; it is left exactly as it is."""

    def __init__(
        self,
        path: Path,
        reason: str,
        backup: Path | None,
        advice: str | None = None,
        *,
        kind: str = "content",
    ) -> None:
        text = f"The database {path} cannot be read: {reason}. It has been left untouched. "
        if advice is not None:
            text += advice
        elif backup is not None:
            text += (
                f"The newest good backup is {backup}; "
                f"put it back with `afterword restore {backup}`."
            )
        else:
            text += "There is no backup of it; mend it by hand or move it aside to start afresh."
        super().__init__(text)
        self.path = path
        self.backup = backup
        # what is wrong: "content" (it does not read as a database), "access" (the file
        # cannot be read now), "future" (a newer Afterword wrote it)
        self.kind = kind


class SaveFailed(AfterwordError):
    """A save did not reach the disk; the file on disk is as it was before."""

    def __init__(self, path: Path, reason: str, *, again: bool = True) -> None:
        super().__init__(
            f"Could not save {path}: {reason}. The file on disk is unchanged and nothing is "
            "lost yet; free some space or fix the folder, then save again."
            if again
            else f"Could not save {path}: {reason}. The file on disk is unchanged; this "
            "change cannot be saved as it is (please report it)."
        )
        self.path = path
        self.again = again  # may work when tried again (the disk, the folder); not a value


class BackupFailed(AfterwordError):
    """A backup that must come before a change could not be written, so nothing was changed."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(
            f"Could not write a backup in {folder} ({reason}), so nothing was changed; "
            "make that folder writable and try again."
        )


def new_token() -> str:
    """16 random hex digits: a file's lineage, or the id of one save."""
    return os.urandom(8).hex()


def _json_problem(error: ValueError) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"it is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
    return f"it is not valid JSON ({error})"


class SafeStorage(Storage):
    """The database file, read once and kept in memory; every write is atomic."""

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        backups: Backups | None = None,
        private: bool | None = None,
    ):
        """``private``: read the records from a private copy of the file (the default for a
        writer, which holds them for long: a tool writing the file in place cannot change
        the copy); a reader that is done in a moment reads the file itself."""
        # The real file: a symlinked database is written through (the link stays a link), and
        # its backups and derived files sit beside the file the link points to.
        self.path = Path(os.path.realpath(path))
        self.read_only = read_only
        self.private = not read_only if private is None else private
        # the private copy that holds the file as we last read or wrote it (None: none)
        self._copy: Backing | None = None
        self.backups = backups if backups is not None else Backups(self.path)
        self.warnings: list[str] = []
        self.migrated_from: int | None = None
        self._batch_depth = 0
        self._pending = False
        self._backup_failed = False
        if not read_only:
            remove_stale_temp_files(self.path)
            remove_stale_temp_files(self.path.with_name(self.path.name + ".agenda"))
            self.backups.remove_stale_temp_files()
        # the file as we last read or wrote it: its stat, its length and checksum, and its
        # stamp (the save's id); the content is what tells another writer's save, the stat
        # only spares reading the file when nothing touched it
        self._stat: tuple[int, ...] | None = None  # set as the file is read
        self._digest: tuple[int, int] | None = None
        self._disk_digest: tuple[int, int] | None = None  # of the file read_disk read
        self._disk_copy: Backing | None = None  # and its private copy
        self.saves = 0  # saves written by this storage (a turn tells whether it wrote)
        # saves of another history merged into ours since the last save (the next one says so)
        self.merged_from: list[str] = []
        # what we hold has more than the file (taken in from another and merged, or kept
        # from a broken one): a failed save keeps it, it never goes back to the file
        self.holds_unsaved = False
        self._aside: tuple[int, int] | None = None  # the broken bytes kept aside already
        self.stamp: str | None = None
        self._data = self._load()
        self.stamp = _save_id(self._data)

    # -- reading

    def _parse(self, source: bytes | str) -> dict[str, Any]:
        if not source.strip():
            raise self._unreadable("the file is empty")
        # Record by record, keeping each record's text: the whole file is never held parsed.
        data = split_database(source) if isinstance(source, str) else None
        if data is None:  # not as expected: the plain way, which says what is wrong
            try:
                data = loads_database(source)
            except ValueError as error:
                raise self._unreadable(_json_problem(error)) from None
        return self._shaped(data)

    def _shaped(self, data: Any) -> dict[str, Any]:
        if isinstance(data, dict):  # the records in an EncodedTable are objects already
            problem = shape_problem(
                {k: v for k, v in data.items() if not isinstance(v, EncodedTable)}
            )
        else:
            problem = shape_problem(data)
        if problem is not None:
            raise self._unreadable(problem)
        assert isinstance(data, dict)
        return _encoded(data)

    def _unreadable(self, reason: str, kind: str = "content") -> DatabaseUnreadable:
        return DatabaseUnreadable(self.path, reason, self.backups.newest_good(), kind=kind)

    def _load(self) -> dict[str, Any]:
        """The file, read; what we knew of the file before is kept when it does not read."""
        before = (self._stat, self._digest, self._copy)
        try:
            return self._read_file()
        except BaseException:
            self._stat, self._digest, self._copy = before
            raise

    def _read_file(self) -> dict[str, Any]:
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            self._digest = None
            self._stat = None
            return migrations.with_meta({}, schema=migrations.SCHEMA_VERSION, gen=0)
        except IsADirectoryError:
            raise self._unreadable("it is a folder, not a file", "access") from None
        except OSError as error:
            raise self._unreadable(error.strerror or str(error), "access") from None
        backing: Backing | None = None
        try:
            info = os.fstat(fd)
            if stat_module.S_ISDIR(info.st_mode):
                raise self._unreadable("it is a folder, not a file", "access")
            # the file read is the one opened, whatever replaces the name meanwhile
            self._stat = _stat_of(info)
            # Record by record, a megabyte at a time, from a private copy (or the file, for a
            # moment's reader): neither the file nor its records are held, only where each
            # record is
            if self.private:
                backing = _private_copy(fd, info.st_size, self.path.parent)
            elif info.st_size:
                backing = Backing(os.dup(fd))
            if backing is not None:
                data, crc = split_file(backing, info.st_size)
                if data is not None:
                    self._digest = (info.st_size, crc)
                    self._copy = backing if self.private else None  # (a migration's save: its)
                    return self._checked(self._shaped(data), FromFile(backing.fd, info.st_size))
                backing.close()  # read the plain way, below
            raw = Backing(os.dup(fd)).read(0, info.st_size)
        except BaseException as error:
            if backing is not None:
                backing.close()  # not held by what is raised (a refused file is kept asked)
            if isinstance(error, OSError):
                raise self._unreadable(error.strerror or str(error), "access") from None
            raise
        finally:
            os.close(fd)
        self._digest = _digest(raw)
        source: bytes | str = raw
        if not raw.startswith(codecs.BOM_UTF8):  # json.loads reads bytes with a BOM, not text
            with contextlib.suppress(UnicodeDecodeError):
                source = raw.decode("utf-8")
        del raw  # the file held once while it is read
        self._copy = None
        return self._checked(self._parse(source), source)

    def _checked(self, data: dict[str, Any], source: bytes | str | FromFile) -> dict[str, Any]:
        """``data`` as read, checked for its schema and migrated (``source``: the file's
        text, or the file itself, for the backup before a migration)."""
        try:
            stale = migrations.needs_migration(data)
        except migrations.FutureSchema as future:
            raise DatabaseUnreadable(
                self.path,
                f"it was written by a newer Afterword (schema {future.version})",
                None,
                "Update Afterword to open it.",
                kind="future",
            ) from None
        if not stale:
            return migrations.with_meta(
                data, schema=migrations.SCHEMA_VERSION, gen=migrations.generation(data)
            )
        self.migrated_from = migrations.schema_version(data)
        migrated = _encoded(migrations.migrate(_plain(data)))
        if not self.read_only:
            self._backup(
                source.encode("utf-8") if isinstance(source, str) else source, "before-migration"
            )
            self._data = migrated
            self._flush()
        return migrated

    def read(self) -> dict[str, Any]:
        return self._data

    @property
    def generation(self) -> int:
        return migrations.generation(self._data)

    @property
    def exists(self) -> bool:
        return self.path.exists()

    # -- the file's stamp: has another writer saved it since we read or wrote it?

    def changed_on_disk(self) -> bool:
        """True when the file is not the one we last read or wrote (another writer saved it,
        it was put back, replaced or edited by hand). A stat first (so the app can ask twice a
        second); the file's bytes only when the stat differs."""
        key = _stat_key(self.path)
        if key == self._stat:
            return False
        try:
            same = key is not None and _digest_file(self.path) == self._digest
        except OSError:
            same = False
        if same:
            self._stat = key  # the same bytes (touched, or copied back as they were)
        return not same

    def read_disk(self) -> tuple[tuple[int, ...] | None, dict[str, Any]]:
        """The file as it is now, parsed as ``read`` gives it (migrated in memory, not written),
        with its stat taken before it was read; DatabaseUnreadable when it does not read."""
        disk = SafeStorage(self.path, read_only=True, backups=self.backups, private=True)
        self._disk_digest, self._disk_copy = disk._digest, disk._copy
        return disk._stat, disk.read()

    def disk_stat(self) -> tuple[int, ...] | None:
        return _stat_key(self.path)

    def set_aside_broken(self, now: datetime) -> Path | None:
        """Keep the file (which does not read) under a name of its own beside it, as a second
        name of the same file: the path keeps it until a save replaces it. Returns the name;
        None when these bytes were kept aside already."""
        try:
            digest = _digest_file(self.path)
        except OSError:
            digest = None
        if digest is not None and digest == self._aside:
            return None
        self._aside = digest
        aside = aside_path(self.path, "broken", now)
        try:
            os.link(self.path, aside)
        except OSError:  # no hard links here: a copy
            write_atomically(aside, self.path.read_bytes())
        return aside

    def adopt(self, stat: tuple[int, ...] | None, data: dict[str, Any]) -> None:
        """Hold ``data`` (and its ``stat``, from ``read_disk``) as the file we last read."""
        self._stat = stat
        self._digest, self._copy = self._disk_digest, self._disk_copy
        self._disk_copy = None
        self._data = data
        self.stamp = _save_id(data)

    # -- writing

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise RuntimeError("write to a database opened read-only")
        self._data = _encoded(data, encode=False)
        if self._batch_depth:
            self._pending = True
            return
        self._flush()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several changes into one save; an error inside drops them all."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._pending:
                self._pending = False
                self._reload()
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._pending:
            self._pending = False
            self._flush()

    def _flush(self) -> None:
        meta = self._data[migrations.META_TABLE][migrations.META_DOC]
        meta["generation"] = migrations.generation(self._data) + 1
        meta.setdefault("lineage", new_token())  # tells this file's history from another's
        # A fresh id at every save: a file put back by `restore` (or copied in) can carry the
        # lineage and generation of another save, never its save id (derived files check it).
        # The saves this one follows (the last HISTORY of them): a writer that last saw one
        # of them knows this file is later than its own, not a copy branched off before.
        meta["history"] = history_after(meta, self.stamp, self.merged_from)
        meta["history_at"] = meta["generation"]  # a writer that keeps no history leaves it
        meta["parent"] = self.stamp
        meta["save"] = new_token()
        try:
            pieces = self._pieces()
        except (TypeError, ValueError, RecursionError) as error:
            self._reload()
            raise SaveFailed(
                self.path, f"a value cannot be written as JSON ({error})", again=False
            ) from None
        placed: dict[str, tuple[int, int, int]] = {}
        digest = [0, 0]  # length, CRC-32 of what is written
        backing: Backing | None = None
        try:
            ensure_private_dir(self.path.parent)
            self._routine_backup()
            # written first to a private file, the records then read from there (a tool
            # that writes the database in place cannot change them), and copied by the
            # kernel to the database; where no private file can be made, or it does not fit
            # on the disk, written directly (the records then stay where they were read)
            backing = _private_file(self.path.parent) if self.private else None
            if backing is not None:
                try:
                    write_pieces(backing.fd, _counted(self._chunks(pieces, placed), digest))
                    write_atomically(self.path, FromFile(backing.fd, digest[0]))
                except NotDurable:
                    raise
                except OSError as error:  # no room for the copy and the file: the file alone
                    if isinstance(error, RecordMoved) or error.errno not in _NO_ROOM:
                        raise
                    backing.close()
                    backing, digest[:] = None, [0, 0]
            if backing is None:
                placed.clear()
                write_atomically(self.path, _counted(self._chunks(pieces, {}), digest))
        except NotDurable as error:
            self.warnings.append(
                f"Saved {self.path}, but its folder could not be synced ({error.strerror}); "
                "a power cut now could undo this change."
            )
        except RecordMoved as error:
            _close(backing)
            self._reload()
            raise SaveFailed(
                self.path,
                f"the copy of it this Afterword keeps could not be read back ({error})",
            ) from None
        except OSError as error:
            _close(backing)
            self._reload()
            raise SaveFailed(self.path, error.strerror or str(error)) from None
        table = self._data.get(migrations.INTERVIEWS)
        if backing is not None and isinstance(table, EncodedTable):
            table.repoint(backing, placed)  # the records' bytes let go: the copy has them
        self._copy = backing
        self._stat = _stat_key(self.path)
        self._digest = (digest[0], digest[1])
        self.stamp = meta["save"]
        self.saves += 1
        self.merged_from = []
        self.holds_unsaved = False

    def _pieces(self) -> list[tuple[bytes, EncodedTable | None]]:
        """The file's parts: each table's name and its JSON, or its EncodedTable with the
        records changed since the last save encoded now (the others are not: their text is
        copied from the file as it is). Raises what the encoding raises before any writing."""
        pieces: list[tuple[bytes, EncodedTable | None]] = []
        for name, table in self._data.items():
            head = (b"{" if not pieces else b",") + dumps_compact(name) + b":"
            if isinstance(table, EncodedTable):
                table.encode_changed()
                pieces.append((head, table))
            else:
                pieces.append((head + dumps_compact(table), None))
        return pieces

    @staticmethod
    def _chunks(
        pieces: list[tuple[bytes, EncodedTable | None]], placed: dict[str, tuple[int, int, int]]
    ) -> Iterator[bytes]:
        at = 0
        for head, table in pieces:
            yield head
            at += len(head)
            if table is not None:
                for chunk in table.chunks(at, placed):
                    at += len(chunk)
                    yield chunk
        yield b"}"

    def _reload(self) -> None:
        """After a failed save, go back to what is on disk (the change was made in our dict)
        when the file is still the one we last read or wrote; otherwise (gone, broken, put
        in place) keep what we hold, the change with it, for the next save."""
        if self.holds_unsaved or self.changed_on_disk():
            return
        with contextlib.suppress(DatabaseUnreadable, OSError):
            copy, digest = self._copy, self._digest
            if copy is not None and digest is not None:  # read again from our copy of it
                data, crc = split_file(copy, digest[0])
                if data is not None and crc == digest[1]:
                    self._data = self._checked(self._shaped(data), FromFile(copy.fd, digest[0]))
                    self.stamp = _save_id(self._data)
                    return
            self._data = self._load()
            self.stamp = _save_id(self._data)

    def reread(self) -> None:
        """Read the file again (what is held could not be read back: see RecordMoved); what
        is held and not in the file is kept, and written at the next save."""
        if self.holds_unsaved:
            return
        with contextlib.suppress(DatabaseUnreadable, OSError):
            self._data = self._load()
            self.stamp = _save_id(self._data)

    # -- backups

    def backup_now(self, payload: bytes | None = None, reason: str = "") -> Path | None:
        """Back up the file as it is on disk (it parses: we read or wrote it), copied by the
        kernel; None if no file."""
        if payload is not None:
            return self._backup(payload, reason)
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return None
        try:
            return self._backup(FromFile(fd, os.fstat(fd).st_size), reason)
        finally:
            os.close(fd)

    def _backup(self, payload: bytes | FromFile, reason: str) -> Path:
        try:
            return self.backups.make(payload, reason)
        except OSError as error:
            raise BackupFailed(self.backups.folder, error.strerror or str(error)) from None

    def _routine_backup(self) -> None:
        if self._backup_failed or not self.path.exists() or not self.backups.due():
            return
        try:
            if not self.changed_on_disk():  # the file we last read or wrote: it reads
                with open(self.path, "rb") as file:
                    self.backups.make(FromFile(file.fileno(), os.fstat(file.fileno()).st_size))
                return
            payload = self.path.read_bytes()
            if not is_database_bytes(payload):
                return  # changed behind our back and broken: never a backup of that
            self.backups.make(payload)
        except OSError as error:
            self._backup_failed = True
            self.warnings.append(
                f"Could not write a backup in {self.backups.folder} "
                f"({error.strerror or error}); your changes are saved, but without a backup."
            )


def _stat_key(path: Path) -> tuple[int, ...] | None:
    """What a stat tells of a file's content changing: every save replaces the file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return _stat_of(info)


def _stat_of(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


HISTORY = 50  # save ids a file keeps of the saves before it (18 bytes each)


def history_after(meta: dict[str, Any], *stamps: str | list[str] | None) -> list[str]:
    """``meta``'s history of save ids, then ``stamps`` (the save being followed, the saves
    merged in), the last HISTORY of them."""
    kept = meta.get("history")
    out = [h for h in kept if isinstance(h, str)] if isinstance(kept, list) else []
    for stamp in stamps:
        for one in stamp if isinstance(stamp, list) else [stamp]:
            if one and one not in out:
                out.append(one)
    return out[-HISTORY:]


def _digest(payload: bytes) -> tuple[int, int]:
    """The length and CRC-32 of a file's bytes: tells another save's content from ours (7 ms
    for 26 MB)."""
    return len(payload), zlib.crc32(payload)


def _digest_file(path: Path) -> tuple[int, int]:
    """``_digest`` of a file, read a megabyte at a time."""
    length, crc = 0, 0
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            length += len(chunk)
            crc = zlib.crc32(chunk, crc)
    return length, crc


_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _close(backing: Backing | None) -> None:
    if backing is not None:
        backing.close()


def _private_file(near: Path) -> Backing | None:
    """An unnamed file of this process alone, on disk beside the database where it can be
    (in the system's temp folder else); None where none can be made."""
    for folder in (near, None):
        try:
            with tempfile.TemporaryFile(dir=folder) as file:
                return Backing(os.dup(file.fileno()))
        except OSError:
            continue
    return None


def _private_copy(fd: int, size: int, near: Path) -> Backing | None:
    """A private copy of the file open as ``fd``; None where none can be made (a full
    disk): then the file is read into memory."""
    if not size:
        return None
    backing = _private_file(near)
    if backing is None:
        return None
    try:
        copy_file(fd, backing.fd, size)
    except OSError:
        backing.close()
        return None
    return backing


def _counted(chunks: Iterator[bytes], digest: list[int]) -> Iterator[bytes]:
    """``chunks``, their total length and CRC-32 kept in ``digest`` as they go by."""
    for chunk in chunks:
        digest[0] += len(chunk)
        digest[1] = zlib.crc32(chunk, digest[1])
        yield chunk


def _save_id(data: dict[str, Any]) -> str | None:
    token = migrations.meta(data).get("save")
    return token if isinstance(token, str) else None


def _encoded(data: dict[str, Any], *, encode: bool = True) -> dict[str, Any]:
    """``data`` with its interviews table held as an ``EncodedTable`` (in place); with
    ``encode``, a table that was plain dicts is encoded at once (its dicts dropped)."""
    table = data.get(migrations.INTERVIEWS)
    if isinstance(table, dict):
        encoded = EncodedTable(table)
        if encode:
            encoded.encode_changed()
        data[migrations.INTERVIEWS] = encoded
    return data


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every table a plain dict of dicts (for the migrations)."""
    return {k: dict(v) if isinstance(v, EncodedTable) else v for k, v in data.items()}
