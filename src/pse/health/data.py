"""Package reference data of the health module (versioned YAML in ``data/``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@cache
def load(name: str) -> dict:
    """One data file of ``data/`` parsed with ``yaml.safe_load``."""
    from pse.packagedata import load_package_yaml

    return load_package_yaml((DATA / name).read_text(encoding="utf-8")) or {}
