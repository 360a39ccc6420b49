"""Rows of a sheet in the study's files (round-trip YAML), read and edited field by field.

Reading and writing go through :class:`pse.hazop.yamledit.StudyFiles`: each row is edited in
the file that defines it (``include:`` files too), comments and key order are kept, and the
whole study is validated before anything is written atomically.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pse.roundtrip.cells import normal
from pse.roundtrip.kinds import Column, Sheet


@dataclass
class StoredRow:
    row_id: str
    parent: str | None
    item: Any          # the ruamel mapping
    file: Path


def row_id(sheet: Sheet, parent: str | None, key: str) -> str:
    """ID of a row in a workbook: its own ID, or ``parent/key`` for rows keyed by a non-ID field.

    >>> from pse.roundtrip.kinds import MACHINERY
    >>> row_id(MACHINERY.sheets[0], "M-PR-07", "PP-10")
    'M-PR-07/PP-10'
    """
    return f"{parent}/{key}" if sheet.nested and sheet.key != "id" else str(key)


def rows(files, sheet: Sheet) -> Iterator[StoredRow]:
    """Every row of ``sheet`` in the study files, in file order."""
    for path, doc in files.docs.items():
        for item in (doc or {}).get(sheet.collection) or []:
            if not hasattr(item, "get"):
                continue
            if not sheet.nested:
                if item.get("id") is not None:
                    yield StoredRow(str(item["id"]), None, item, path)
                continue
            parent = str(item.get("id"))
            for child in item.get(sheet.rows) or []:
                if hasattr(child, "get") and child.get(sheet.key) is not None:
                    yield StoredRow(row_id(sheet, parent, child[sheet.key]), parent, child, path)


def parents(files, sheet: Sheet) -> dict[str, tuple[Path, Any]]:
    """Items that hold the rows of a nested sheet, by ID."""
    out = {}
    for path, doc in files.docs.items():
        for item in (doc or {}).get(sheet.collection) or []:
            if hasattr(item, "get") and item.get("id") is not None:
                out[str(item["id"])] = (path, item)
    return out


def get(item, column: Column) -> Any:
    """The raw value of a column's field in a row mapping (``None`` when absent)."""
    value = item
    for part in column.path:
        if not hasattr(value, "get"):
            return None
        value = value.get(part)
    return value


def value_of(item, column: Column) -> str:
    return normal(get(item, column))


def _yaml_value(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    from pse.hazop.yamledit import plain

    if isinstance(value, list):
        seq = CommentedSeq(plain(value))
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, _dt.date):
        return _dt.date.fromordinal(value.toordinal())
    return plain(value) if isinstance(value, str) else value


def put(item, column: Column, value: Any) -> None:
    """Set (``None``: remove) a column's field in a row mapping, creating nested mappings as needed."""
    from ruamel.yaml.comments import CommentedMap

    *outer, last = column.path
    target = item
    for part in outer:
        if target.get(part) is None:
            if value is None:
                return
            target[part] = CommentedMap()
        target = target[part]
    if value is None or value == []:
        if last in target:
            del target[last]
        return
    target[last] = _yaml_value(value)


def new_id(sheet: Sheet, taken: set[str], parent: str | None = None) -> str:
    """The next free ID of a new row: ``R-07`` after R-06, ``A-01-07`` in task A-01.

    The prefix and width follow the IDs already in use when they share one prefix.

    >>> from pse.roundtrip.kinds import REGISTER, TASKRISK
    >>> new_id(REGISTER.sheets[0], {"R-01", "R-02"}), new_id(TASKRISK.sheets[0], {"A-01-01"}, "A-01")
    ('R-03', 'A-01-02')
    """
    prefix = sheet.prefix
    numbered = [m for m in (re.match(r"^(.*?)(\d+)$", t) for t in taken) if m]
    prefixes = {m.group(1) for m in numbered}
    width = 2
    if not sheet.nested and len(prefixes) == 1:
        prefix = prefixes.pop()
        width = max(len(m.group(2)) for m in numbered)
    k = 1
    while True:
        candidate = (sheet.id_pattern.replace("{number:02d}", str(k).zfill(width))
                     .format(prefix=prefix, parent=parent, number=k))
        if candidate not in taken:
            return candidate
        k += 1
