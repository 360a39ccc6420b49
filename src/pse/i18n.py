"""One message catalogue (zh-TW and English) for everything pse prints.

The catalogue is the union of the core ``labels.yaml`` beside this module and every module's ``labels.yaml``
(``src/pse/<module>/labels.yaml``).  :func:`label` looks a key up in the table a module names first (module
wording wins), then in the whole catalogue, so a module may use a core label (``status_open``, ``no_rows``...)
and the core may use none of a module's.  :func:`catalogue` lists every entry with the file it comes from (the
test that every key has both languages reads it).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LANGUAGES = ("zh-TW", "en")
CORE = Path(__file__).with_name("labels.yaml")


@lru_cache(maxsize=None)
def _labels(path: str) -> dict:
    import yaml

    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def label_files() -> list[Path]:
    """The core label file, then each module's, in a stable order."""
    return [CORE] + sorted(p for p in CORE.parent.glob("*/labels.yaml"))


@lru_cache(maxsize=1)
def _merged() -> dict:
    merged: dict = {}
    for path in reversed(label_files()):      # the core wins over modules for shared keys
        merged.update(_labels(str(path)))
    return merged


def catalogue() -> list[tuple[str, str, dict]]:
    """Every catalogue entry as ``(file, key, {language: text})``."""
    return [(str(path), key, entry) for path in label_files() for key, entry in _labels(str(path)).items()]


def label(key: str, lang: str = "en", table: str | None = None) -> str:
    """The label for ``key`` in ``lang`` (the named table first, then the whole catalogue; falls back to
    English, then to the key).

    >>> label("scenarios", "zh-TW")
    '情境'
    >>> label("scenarios", "en")
    'Scenarios'
    >>> label("status_in_progress", "zh-TW")
    '處理中'
    """
    entry = _labels(table).get(key) if table else None
    if not entry:
        entry = _labels(str(CORE)).get(key) or _merged().get(key)
    if not entry:
        return key
    return entry.get(lang) or entry.get("en") or key


def bilingual(key: str, table: str | None = None) -> str:
    """``'English / 中文'`` for headers that carry both languages."""
    en, zh = label(key, "en", table), label(key, "zh-TW", table)
    return en if en == zh else f"{en} / {zh}"


def message(key: str, lang: str = "en", **values) -> str:
    """A catalogue message with ``{placeholders}`` filled in.

    >>> message("wrote_files", "zh-TW", n=3, out="out")
    '已寫出 3 個檔案至 out'
    """
    return label(key, lang).format(**values)
