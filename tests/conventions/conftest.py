from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.fixture
def write_csv(tmp_path):
    """Write ``lines`` (the header first) to a CSV file and return its path."""

    def write(name: str, *lines: str) -> Path:
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_import():
    """Run ``manage.py import_reference_data`` and return its standard output."""

    def run(*arguments: str | Path) -> str:
        stdout = StringIO()
        call_command(
            "import_reference_data", *[str(argument) for argument in arguments], stdout=stdout, stderr=StringIO()
        )
        return stdout.getvalue()

    return run
