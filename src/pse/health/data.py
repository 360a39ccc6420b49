"""Package reference data of the health module (versioned YAML in ``data/``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """One data file of ``data/`` parsed with ``yaml.safe_load``."""
    import yaml

    return yaml.safe_load((DATA / name).read_text(encoding="utf-8")) or {}
