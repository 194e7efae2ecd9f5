"""The documents' archive: a BagIt bag of every published document's
language versions with their metadata, verified after writing (by the
`bagit` library and against the checksums recorded at upload); a bag
tampered with afterwards, or a file changed in storage, fails loudly."""

import datetime
import json
from pathlib import Path

import bagit
import pytest
from django.core.management import CommandError, call_command

from packages.archive import ArchiveError, export_archive
from packages.documents import add_file
from tests.packages.factories import OfficialDocumentFactory, pdf_upload

DAY = datetime.date(2025, 4, 28)


@pytest.fixture
def documents(db):
    titles = {"en": "Provisional agenda", "fr": "Ordre du jour"}
    agenda = OfficialDocumentFactory(symbol="UNEP/CHW.16/1", titles=titles)
    english = add_file(agenda, language="en", version="", issued_on=DAY, upload=pdf_upload("agenda en"))
    corrected = add_file(agenda, language="en", version="Corr.1", issued_on=DAY, upload=pdf_upload("agenda en c"))
    french = add_file(agenda, language="fr", version="", issued_on=DAY, upload=pdf_upload("agenda fr"))
    draft = OfficialDocumentFactory(symbol="UNEP/CHW.16/2", is_published=False)
    add_file(draft, language="en", version="", issued_on=DAY, upload=pdf_upload("draft"))
    return {"agenda": agenda, "files": [english, corrected, french]}


def test_the_bag_holds_every_version_and_its_metadata_and_verifies(documents, tmp_path):
    path, count = export_archive(tmp_path / "bag")
    assert count == 3
    bag = bagit.Bag(str(path))
    assert bag.is_valid()
    assert sorted(bag.payload_files()) == [
        "data/documents.json",
        "data/unep-chw.16-1/en-corr.1.pdf",
        "data/unep-chw.16-1/en.pdf",
        "data/unep-chw.16-1/fr.pdf",
        "data/unep-chw.16-1/metadata.json",
    ]  # the draft is not archived
    metadata = json.loads((path / "data" / "unep-chw.16-1" / "metadata.json").read_text("utf-8"))
    assert metadata["symbol"] == "UNEP/CHW.16/1"
    assert metadata["titles"] == {"en": "Provisional agenda", "fr": "Ordre du jour"}
    recorded = {each.sha256 for each in documents["files"]}
    assert {each["sha256"] for each in metadata["files"]} == recorded
    assert {bag.payload_entries()[f"data/unep-chw.16-1/{each['path']}"]["sha256"] for each in metadata["files"]} == (
        recorded
    )
    assert bag.info["Source-Organization"].startswith("Secretariat of the Basel")


def test_a_tampered_bag_fails_loudly(documents, tmp_path):
    path, _count = export_archive(tmp_path / "bag")
    (path / "data" / "unep-chw.16-1" / "fr.pdf").write_bytes(b"%PDF-1.4 something else")
    with pytest.raises(CommandError, match="does not verify"):
        call_command("verify_archive", str(path))


def test_a_file_changed_in_storage_since_its_upload_is_caught_when_archiving(documents, tmp_path):
    stored = documents["files"][2].file
    with stored.file.open("wb") as changed:  # storage altered behind the hub's back
        changed.write(b"%PDF-1.4 altered")
    with pytest.raises(ArchiveError, match="the file changed in storage"):
        export_archive(tmp_path / "bag")


def test_the_command_writes_only_what_changed_since_a_date_and_refuses_an_existing_folder(documents, tmp_path, capsys):
    call_command("export_archive", str(tmp_path / "all"))
    assert "Wrote and verified" in capsys.readouterr().out
    call_command("export_archive", str(tmp_path / "later"), "--since", "2999-01-01")
    assert sorted(Path(tmp_path / "later" / "data").iterdir()) == [tmp_path / "later" / "data" / "documents.json"]
    with pytest.raises(CommandError, match="exists already"):
        call_command("export_archive", str(tmp_path / "all"))
    call_command("verify_archive", str(tmp_path / "all"))
    assert "verifies: 3 document files" in capsys.readouterr().out
