"""Backups of the hub, and their restore (`manage.py backup`, `manage.py
restore`, scheduled nightly by Celery beat).

A backup is a folder in the "backups" storage (STORAGES["backups"]: a folder
on disk, BACKUP_DIR, unless configured as object storage), named
hub-YYYYMMDDTHHMMSSZ, holding:

- database.dump: PostgreSQL's custom format (pg_dump -Fc), taken in the
  same snapshot as the row counts below;
- media.tar: every file of the default storage (uploads, photos, documents);
- manifest.json, written last: the SHA-256 and size of both files, the rows
  of every table and the SHA-256 of every media file. A folder without one
  is an unfinished backup, never listed or restored.

Restoring checks every checksum first and refuses a damaged backup; refuses
a database that has tables unless forced; loads the dump in one transaction
(a truncated or broken dump restores nothing); then compares the rows of
every table and the checksum of every media file with the manifest.

PostgreSQL only: the embedded SQLite default is for a first look (copy
db.sqlite3 and media/ to keep one).
"""

import hashlib
import json
import logging
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage, storages
from django.db import connection

logger = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar"
DUMP = "database.dump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """What went wrong, said plainly; nothing was left half-done."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def backup_storage() -> Storage:
    return storages["backups"]


# Where the database is


@dataclass
class Database:
    """A PostgreSQL database to dump from or restore into: the configured
    one, or one named by a URL (a restore into a fresh server)."""

    settings: dict

    @classmethod
    def configured(cls) -> "Database":
        if connection.vendor != "postgresql":
            raise BackupError(
                "Backups need PostgreSQL; the embedded SQLite default is for a first look "
                "(copy db.sqlite3 and the media folder to keep one)."
            )
        return cls(dict(connection.settings_dict))

    @classmethod
    def from_url(cls, url: str) -> "Database":
        import environ

        parsed = environ.Env.db_url_config(url)
        if "postgresql" not in parsed["ENGINE"]:
            raise BackupError(f"Backups are restored into PostgreSQL only, not {parsed['ENGINE']}.")
        return cls(parsed)

    def pg_environment(self) -> dict:
        environment = dict(os.environ)
        for variable, key in (
            ("PGHOST", "HOST"),
            ("PGPORT", "PORT"),
            ("PGUSER", "USER"),
            ("PGPASSWORD", "PASSWORD"),
            ("PGDATABASE", "NAME"),
        ):
            if self.settings.get(key):
                environment[variable] = str(self.settings[key])
        return environment

    def connect(self):
        """A connection of its own, outside Django's, in autocommit (a
        transaction only where one is begun)."""
        import psycopg

        return psycopg.connect(
            dbname=self.settings["NAME"],
            host=self.settings.get("HOST") or None,
            port=self.settings.get("PORT") or None,
            user=self.settings.get("USER") or None,
            password=self.settings.get("PASSWORD") or None,
            autocommit=True,
        )

    def tables(self, db) -> list[str]:
        rows = db.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        return [row[0] for row in rows.fetchall()]

    def row_counts(self, db) -> dict[str, int]:
        quote = lambda name: '"' + name.replace('"', '""') + '"'  # noqa: E731
        return {
            table: db.execute(f"SELECT count(*) FROM {quote(table)}").fetchone()[0]  # noqa: S608 (quoted table names only)
            for table in self.tables(db)
        }


# Backing up


def _dump(database: Database, folder: Path) -> dict[str, int]:
    """Dump the database into `folder`; return the rows of every table,
    counted in the same snapshot as the dump."""
    target = folder / DUMP
    with database.connect() as db:
        db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = db.execute("SELECT pg_export_snapshot()").fetchone()[0]
        counts = database.row_counts(db)
        result = subprocess.run(  # noqa: S603
            [
                shutil.which("pg_dump") or "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            env=database.pg_environment(),
            capture_output=True,
            text=True,
        )
        db.execute("COMMIT")
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return counts


def _media_names(storage: Storage, folder: str = "") -> list[str]:
    directories, files = storage.listdir(folder)
    names = [str(PurePosixPath(folder) / name) if folder else name for name in files]
    for directory in directories:
        names += _media_names(storage, str(PurePosixPath(folder) / directory) if folder else directory)
    return sorted(names)


def _pack_media(storage: Storage, target: Path) -> dict[str, str]:
    """Every file of `storage` into the tar `target`; their SHA-256 by name."""
    checksums = {}
    try:
        names = _media_names(storage)
    except FileNotFoundError:  # no upload yet: the media folder does not exist
        names = []
    with tarfile.open(target, "w") as archive:
        for name in names:
            with storage.open(name, "rb") as stream, tempfile.TemporaryFile() as copy:
                digest = hashlib.sha256()
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    copy.write(chunk)
                size = copy.tell()
                copy.seek(0)
                member = tarfile.TarInfo(name)
                member.size = size
                archive.addfile(member, copy)
                checksums[name] = digest.hexdigest()
    return checksums


def create_backup(*, now: datetime | None = None) -> str:
    """Back up the database and the media into the backups storage; return
    the backup's name. Nothing is left in the storage when a step fails."""
    now = now or datetime.now(UTC)
    name = f"hub-{now:%Y%m%dT%H%M%SZ}"
    storage = backup_storage()
    if storage.exists(f"{name}/{MANIFEST}"):
        raise BackupError(f"A backup named {name} exists already.")
    database = Database.configured()
    with tempfile.TemporaryDirectory(prefix="hub-backup-") as work:
        folder = Path(work)
        tables = _dump(database, folder)
        media = _pack_media(default_storage, folder / MEDIA)
        manifest = {
            "format": FORMAT,
            "name": name,
            "created": now.isoformat(),
            "database": "postgresql",
            "files": {
                file: {"sha256": sha256_of(folder / file), "bytes": (folder / file).stat().st_size}
                for file in (DUMP, MEDIA)
            },
            "tables": tables,
            "media": media,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
        written = []
        try:
            for file in (DUMP, MEDIA, MANIFEST):  # the manifest last: it marks the backup complete
                with (folder / file).open("rb") as stream:
                    written.append(storage.save(f"{name}/{file}", File(stream)))
        except OSError as error:
            for file in written:
                try:
                    storage.delete(file)
                except OSError:
                    logger.warning("could not remove %s after a failed backup", file)
            where = getattr(storage, "location", type(storage).__name__)
            raise BackupError(f"The backup could not be written to {where}: {error.strerror or error}.") from error
    logger.info("backup %s: %d tables, %d media files", name, len(tables), len(media))
    return name


def list_backups() -> list[str]:
    """The complete backups in the storage, oldest first."""
    storage = backup_storage()
    try:
        folders, _files = storage.listdir("")
    except FileNotFoundError:
        return []
    return sorted(folder for folder in folders if storage.exists(f"{folder}/{MANIFEST}"))


def prune_backups(keep: int) -> list[str]:
    """Remove all but the newest `keep` complete backups; return the removed."""
    storage = backup_storage()
    removed = list_backups()[:-keep] if keep > 0 else []
    for name in removed:
        # The manifest first: a half-removed backup is no longer listed.
        storage.delete(f"{name}/{MANIFEST}")
        for file in storage.listdir(name)[1]:
            storage.delete(f"{name}/{file}")
        logger.info("backup %s removed (BACKUP_KEEP=%d)", name, keep)
    return removed


# Restoring


def _fetch(name: str, folder: Path) -> dict:
    """Copy backup `name` into `folder` and check every checksum."""
    storage = backup_storage()
    if not storage.exists(f"{name}/{MANIFEST}"):
        raise BackupError(f"There is no complete backup named {name}.")
    with storage.open(f"{name}/{MANIFEST}", "rb") as stream:
        try:
            manifest = json.loads(stream.read())
        except ValueError as error:
            raise BackupError(f"The manifest of {name} cannot be read: {error}.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{name} is in format {manifest.get('format')}, which this version does not read.")
    for file, expected in manifest["files"].items():
        if "/" in file or file.startswith("."):
            raise BackupError(f"The manifest of {name} names a file outside the backup: {file}.")
        if not storage.exists(f"{name}/{file}"):
            raise BackupError(f"{name} is missing {file}; nothing was restored.")
        with storage.open(f"{name}/{file}", "rb") as source, (folder / file).open("wb") as copy:
            shutil.copyfileobj(source, copy, CHUNK)
        if sha256_of(folder / file) != expected["sha256"]:
            raise BackupError(
                f"{file} of {name} does not match its checksum (damaged or truncated); nothing was restored."
            )
    return manifest


def _restore_database(manifest: dict, folder: Path, target: Database, *, force: bool) -> None:
    if manifest["database"] != "postgresql":
        raise BackupError(f"This is a {manifest['database']} backup; only PostgreSQL backups are restored.")
    with target.connect() as db:
        existing = target.tables(db)
    if existing and not force:
        raise BackupError(
            f"The database {target.settings['NAME']} is not empty ({len(existing)} tables); "
            "restore into an empty one, or use --force to replace what it holds."
        )
    dump = folder / DUMP
    command = [
        shutil.which("pg_restore") or "pg_restore",
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-privileges",
        f"--dbname={target.settings['NAME']}",
    ]
    if existing:
        command += ["--clean", "--if-exists"]
    result = subprocess.run([*command, str(dump)], env=target.pg_environment(), capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed, and restored nothing: {result.stderr.strip()}")


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == str(path)


def _check_media(manifest: dict, folder: Path) -> None:
    """Before anything is restored: media.tar holds exactly the files the
    manifest lists, each safe to write and matching its checksum."""
    with tarfile.open(folder / MEDIA) as archive:
        members = archive.getmembers()
        for member in members:
            if not member.isfile() or not _safe_member(member.name) or member.name not in manifest["media"]:
                raise BackupError(f"media.tar holds {member.name!r}, which the manifest does not list.")
            digest = hashlib.sha256()
            stream = archive.extractfile(member)
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
            if digest.hexdigest() != manifest["media"][member.name]:
                raise BackupError(f"The media file {member.name} does not match its checksum; nothing was restored.")
    missing = set(manifest["media"]) - {member.name for member in members}
    if missing:
        raise BackupError(f"media.tar lacks {len(missing)} files the manifest lists; nothing was restored.")


def _restore_media(manifest: dict, folder: Path, storage: Storage) -> None:
    with tarfile.open(folder / MEDIA) as archive:
        for member in archive.getmembers():
            if storage.exists(member.name):
                storage.delete(member.name)
            saved = storage.save(member.name, File(archive.extractfile(member)))
            if saved != member.name:
                raise BackupError(f"The media file {member.name} was stored as {saved}.")
            with storage.open(saved, "rb") as stream:
                digest = hashlib.sha256()
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
            if digest.hexdigest() != manifest["media"][member.name]:
                raise BackupError(f"The media file {member.name} does not match its checksum after restoring.")


def restore_backup(
    name: str, *, target: Database | None = None, media: Storage | None = None, force: bool = False
) -> dict:
    """Restore backup `name` into `target` (the configured database unless
    given) and `media` (the default storage unless given); return its
    manifest. Raises BackupError, having changed nothing, when the backup is
    damaged or the database not empty (unless `force`)."""
    target = target or Database.configured()
    with tempfile.TemporaryDirectory(prefix="hub-restore-") as work:
        folder = Path(work)
        manifest = _fetch(name, folder)
        _check_media(manifest, folder)
        if target.settings["NAME"] == connection.settings_dict["NAME"]:
            connection.close()  # the dump replaces what this process may have open
        _restore_database(manifest, folder, target, force=force)
        _restore_media(manifest, folder, media or default_storage)
    with target.connect() as db:
        restored = target.row_counts(db)
    different = {
        table: (rows, restored.get(table)) for table, rows in manifest["tables"].items() if restored.get(table) != rows
    }
    if different:
        raise BackupError(f"Restored, but the rows differ from the backup's: {different}.")
    logger.info("backup %s restored: %d tables, %d media files", name, len(restored), len(manifest["media"]))
    return manifest


def media_checksums(storage: Storage) -> dict[str, str]:
    """The SHA-256 of every file in `storage`, by name (for comparing a restore)."""
    checksums = {}
    try:
        names = _media_names(storage)
    except FileNotFoundError:
        return {}
    for name in names:
        with storage.open(name, "rb") as stream:
            checksums[name] = hashlib.sha256(stream.read()).hexdigest()
    return checksums


def keep_setting() -> int:
    return int(getattr(settings, "BACKUP_KEEP", 14))
