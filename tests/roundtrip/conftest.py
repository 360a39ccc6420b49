"""Fixtures of the round-trip tests: a copy of the bundled electronics-plant study (every worksheet kind)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def study(tmp_path) -> Path:
    shutil.copy(ROOT / "worksheets" / "electronics-plant.yaml", tmp_path)
    shutil.copytree(ROOT / "worksheets" / "electronics-plant", tmp_path / "electronics-plant")
    return tmp_path / "electronics-plant.yaml"
