"""Shared fixtures: paths to the bundled studies and a helper to write study files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKSHEETS = ROOT / "worksheets"


def bundled_studies() -> list[Path]:
    """Every top-level study in worksheets/ (included part-files live in sub-folders)."""
    return sorted(WORKSHEETS.glob("*.yaml"))


@pytest.fixture
def write_study(tmp_path):
    """Write dedented YAML text to a file in tmp_path and return its path."""

    def write(text: str, name: str = "study.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
