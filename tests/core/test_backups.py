"""Backups (#18): a populated database and its media backed up, restored
into an empty database on the same server, and compared table by table and
file by file; damaged backups, a database that is not empty, a folder that
cannot be written and retention. PostgreSQL only (pg_dump and pg_restore)."""

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.core.management import CommandError, call_command
from django.db import connection

from core.backups import MANIFEST, Database, create_backup, list_backups, media_checksums, prune_backups
from tests.community.factories import AnswerFactory, QuestionFactory
from tests.profiles.factories import MemberFactory
from tests.services import need_postgres

# Committed data: pg_dump reads it from a connection of its own.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backups(settings, tmp_path):
    need_postgres()
    location = tmp_path / "backups"
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": location}},
    }
    return location


@pytest.fixture
def empty_database():
    """A new, empty database on the same server, dropped afterwards."""
    import psycopg

    name = f"restore_{uuid.uuid4().hex[:12]}"
    server = Database.configured()
    with server.connect() as db:
        db.execute(f'CREATE DATABASE "{name}"')
    database = dict(connection.settings_dict)
    credentials = f"{database['USER']}:{database['PASSWORD'] or ''}"
    url = f"postgres://{credentials}@{database['HOST']}:{database['PORT'] or 5432}/{name}"
    yield name, url
    with psycopg.connect(
        dbname="postgres",
        host=database["HOST"],
        port=database["PORT"] or None,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        autocommit=True,
    ) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def populate() -> dict:
    member = MemberFactory(display_name="Amina Diallo")
    question = QuestionFactory(title="Where can obsolete pesticides be stored safely?", author=member)
    AnswerFactory(question=question, body_markdown="The regional centre in Dakar keeps a list.")
    default_storage.save("documents/guidance.pdf", ContentFile(b"%PDF-1.7 the guidance\n" * 100))
    default_storage.save("photos/amina.jpg", ContentFile(b"\xff\xd8\xff\xe0 a photo" * 50))
    return {"member": member, "question": question}


def rows_of(database: Database) -> dict[str, int]:
    with database.connect() as db:
        return database.row_counts(db)


def test_a_backup_restored_into_an_empty_database_has_every_row_and_file(backups, empty_database, tmp_path, capsys):
    populate()
    call_command("backup")
    (name,) = list_backups()
    assert f"Backed up: {name}" in capsys.readouterr().out
    manifest = json.loads((backups / name / MANIFEST).read_text())
    assert set(manifest["files"]) == {"database.dump", "media.tar"}
    assert manifest["tables"]["profiles_user"] >= 1
    assert manifest["tables"]["community_answer"] == 1
    assert set(manifest["media"]) >= {"documents/guidance.pdf", "photos/amina.jpg"}

    database_name, url = empty_database
    media_root = tmp_path / "restored-media"
    call_command("restore", name, database_url=url, media_root=str(media_root))
    assert "every checksum and row count matches" in capsys.readouterr().out

    restored = Database.from_url(url)
    assert rows_of(restored) == rows_of(Database.configured())
    assert media_checksums(FileSystemStorage(location=media_root)) == media_checksums(default_storage)
    with restored.connect() as db:
        title = db.execute("SELECT title FROM community_question").fetchone()[0]
        answer = db.execute("SELECT body_markdown FROM community_answer").fetchone()[0]
    assert title == "Where can obsolete pesticides be stored safely?"
    assert answer == "The regional centre in Dakar keeps a list."


def test_a_restore_into_a_database_that_is_not_empty_is_refused(backups):
    populate()
    name = create_backup()
    before = rows_of(Database.configured())
    with pytest.raises(CommandError, match=r"is not empty \(\d+ tables\); restore into an empty one, or use --force"):
        call_command("restore", name)
    assert rows_of(Database.configured()) == before


def test_a_damaged_or_truncated_backup_is_refused_and_nothing_is_restored(backups, empty_database, tmp_path):
    populate()
    name = create_backup()
    dump = backups / name / "database.dump"
    dump.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
    _database_name, url = empty_database
    with pytest.raises(CommandError, match="database.dump of .* does not match its checksum .*nothing was restored"):
        call_command("restore", name, database_url=url, media_root=str(tmp_path / "restored-media"))
    assert rows_of(Database.from_url(url)) == {}
    assert not (tmp_path / "restored-media").exists()


def test_a_truncated_dump_whose_manifest_agrees_restores_nothing(backups, empty_database, tmp_path):
    """Should the dump have been cut before its checksum was taken, the
    restore runs in one transaction: pg_restore fails and leaves no table."""
    from core.backups import sha256_of

    populate()
    name = create_backup()
    dump = backups / name / "database.dump"
    dump.write_bytes(dump.read_bytes()[: dump.stat().st_size * 2 // 3])
    manifest_path = backups / name / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["database.dump"]["sha256"] = sha256_of(dump)
    manifest_path.write_text(json.dumps(manifest))
    _database_name, url = empty_database
    with pytest.raises(CommandError, match="pg_restore failed, and restored nothing"):
        call_command("restore", name, database_url=url, media_root=str(tmp_path / "restored-media"))
    assert rows_of(Database.from_url(url)) == {}


def test_a_backup_folder_that_cannot_be_written_is_a_clear_error_and_leaves_nothing(settings, tmp_path):
    need_postgres()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "backups": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": blocker / "b"}},
    }
    with pytest.raises(CommandError, match=r"The backup could not be written to .*a-file/b"):
        call_command("backup")
    assert blocker.read_text() == "not a folder"


def test_an_unfinished_backup_is_not_listed_and_retention_keeps_the_newest(backups):
    names = [create_backup(now=datetime(2026, 12, day, 1, 30, tzinfo=UTC)) for day in (1, 2, 3)]
    storages["backups"].save("hub-20261204T013000Z/database.dump", ContentFile(b"cut short"))
    assert list_backups() == names
    assert prune_backups(2) == names[:1]
    assert list_backups() == names[1:]
    assert not Path(backups / names[0]).exists() or not any(Path(backups / names[0]).iterdir())


def test_the_backup_runs_nightly():
    from config.celery import app as celery_app

    entry = celery_app.conf.beat_schedule["back-up"]
    assert entry["task"] == "core.tasks.back_up"


def test_a_restore_into_a_restored_database_is_refused_unless_forced(backups, empty_database, tmp_path, capsys):
    populate()
    name = create_backup()
    _database_name, url = empty_database
    call_command("restore", name, database_url=url, media_root=str(tmp_path / "restored-media"))
    target = Database.from_url(url)
    with target.connect() as db:
        db.execute("DELETE FROM community_answer")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", name, database_url=url, media_root=str(tmp_path / "restored-media"))
    assert rows_of(target)["community_answer"] == 0
    call_command("restore", name, database_url=url, media_root=str(tmp_path / "restored-media"), force=True)
    assert rows_of(target) == rows_of(Database.configured())


def test_media_missing_from_the_backup_is_found_before_the_database_is_touched(backups, empty_database, tmp_path):
    import io
    import tarfile

    from core.backups import sha256_of

    populate()
    name = create_backup()
    media_tar = backups / name / "media.tar"
    kept = io.BytesIO()
    with tarfile.open(media_tar) as archive, tarfile.open(fileobj=kept, mode="w") as copy:
        for member in archive.getmembers():
            if member.name != "photos/amina.jpg":
                copy.addfile(member, archive.extractfile(member))
    media_tar.write_bytes(kept.getvalue())
    manifest_path = backups / name / MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["media.tar"]["sha256"] = sha256_of(media_tar)
    manifest_path.write_text(json.dumps(manifest))
    _database_name, url = empty_database
    with pytest.raises(CommandError, match="media.tar lacks 1 files the manifest lists; nothing was restored"):
        call_command("restore", name, database_url=url, media_root=str(tmp_path / "restored-media"))
    assert rows_of(Database.from_url(url)) == {}
