"""Bilingual labels (zh-TW and English) for everything pse prints.

Labels live in ``labels.yaml`` beside this module; modules may ship their own
label files and look them up with :func:`label`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LANGUAGES = ("zh-TW", "en")


@cache
def _labels(path: str) -> dict:
    import yaml

    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def label(key: str, lang: str = "en", table: str | None = None) -> str:
    """The label for ``key`` in ``lang`` (falls back to English, then to the key).

    >>> label("scenarios", "zh-TW")
    '情境'
    >>> label("scenarios", "en")
    'Scenarios'
    """
    labels = _labels(table or str(Path(__file__).with_name("labels.yaml")))
    entry = labels.get(key)
    if not entry:
        return key
    return entry.get(lang) or entry.get("en") or key


def bilingual(key: str, table: str | None = None) -> str:
    """``'English / 中文'`` for headers that carry both languages."""
    en, zh = label(key, "en", table), label(key, "zh-TW", table)
    return en if en == zh else f"{en} / {zh}"
