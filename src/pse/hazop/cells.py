"""The cells of the HAZOP workbook, shared by its writer, its reader and the merge.

Column keys and positions, the hidden merge-base sheet's names, how a cell value is compared
and hashed (:func:`normal`, :func:`row_hash`), Excel sheet names of nodes (:func:`sheet_name`),
the lines of a safeguards/recommendations cell (:func:`cell_lines`), where a value sits for
messages (:class:`Cell`) and what an import did (:class:`ImportResult`).  This is the floor that
:mod:`pse.hazop.excel_write`, :mod:`pse.hazop.excel_read` and :mod:`pse.hazop.merge` stand on;
it imports none of them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from dataclasses import dataclass, field

from pse.hazop.worksheet import COMPUTED, KEYS, _l
from pse.roundtrip.merge import WorkbookError  # one error type for every workbook import

__all__ = ["SHEET_KEYS", "HEADER_ROW", "META_SHEET", "LEGEND_SHEET", "FORMAT", "EDITABLE", "CATEGORIES",
           "WorkbookError", "normal", "row_hash", "sheet_name", "cell_lines", "Cell", "ImportResult"]

SHEET_KEYS = tuple(k for k in KEYS if k != "node")
HEADER_ROW = 6
META_SHEET = "_pse"
LEGEND_SHEET = "Legend"
FORMAT = "pse-hazop-workbook/2"   # /2: the computed column "Proposed safeguards (recommendation)"
OLD_FORMATS = ("pse-hazop-workbook/1",)
SHEET_ROW = "#sheet"            # hidden-sheet row: sheet title -> node ID
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024        # the .xlsx file, checked before it is opened
MAX_UNPACKED_BYTES = 200 * 1024 * 1024       # its zip members unpacked (zip-bomb guard)
MAX_SHEET_ROWS = 20_000                      # rows read per sheet
EDITABLE = tuple(k for k in SHEET_KEYS if k not in COMPUTED and k != "row_id")
CATEGORIES = ("people", "environment", "asset", "reputation")
#: the lopa-by-hand cell: every spelling accepted on import
LOPA_CHOICES = {"y": "Y", "yes": "Y", "true": "Y", "是": "Y", "n": "N", "no": "N", "false": "N", "否": "N"}


def normal(value) -> str:
    """A cell value as compared and hashed: text, stripped, ``\\n`` line ends, dates ISO, 2.0 -> '2'.

    >>> normal(None), normal(" a\\r\\nb "), normal(2.0), normal(_dt.datetime(2026, 11, 30))
    ('', 'a\\nb', '2', '2026-11-30')
    """
    if value is None:
        return ""
    if type(value) is str:        # the common case first (a str is none of the types below)
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def row_hash(values: dict) -> str:
    """Hash of a row's cells (SHA-256 of the JSON of the sheet columns, 16 hex digits)."""
    return normal_hash({k: normal(values.get(k)) for k in SHEET_KEYS})


def normal_hash(normalised: dict) -> str:
    """:func:`row_hash` of cells already passed through :func:`normal` (keyed by sheet column)."""
    data = json.dumps([normalised.get(k, "") for k in SHEET_KEYS], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def encoded_cells(values: dict) -> list[str]:
    """The JSON text (``json.dumps`` with ``ensure_ascii=False``) of each sheet column's :func:`normal` value,
    in :data:`SHEET_KEYS` order: what :func:`row_digest` and :func:`merge_base` join.

    >>> encoded_cells({"cause": " 閥 A ", "severity": 2.0})[SHEET_KEYS.index("cause"):SHEET_KEYS.index("cause") + 1]
    ['"閥 A"']
    """
    from json.encoder import encode_basestring

    return [encode_basestring(normal(values.get(k))) for k in SHEET_KEYS]


def row_digest(texts: list[str]) -> str:
    """:func:`normal_hash` of a row given as its :func:`encoded_cells` (the JSON list written by hand, so each
    cell is encoded once for the hash and the merge base)."""
    return hashlib.sha256(("[" + ", ".join(texts) + "]").encode("utf-8")).hexdigest()[:16]


def merge_base(texts: list[str]) -> str:
    """``json.dumps({key: normal value}, ensure_ascii=False)`` of a row given as its :func:`encoded_cells`:
    the row's entry in the hidden merge-base sheet."""
    return "{" + ", ".join(f"{key}: {text}" for key, text in zip(_ENCODED_KEYS, texts, strict=True)) + "}"


_ENCODED_KEYS = [json.dumps(k) for k in SHEET_KEYS]


def sheet_name(node_id: str | None, taken: set | None = None) -> str:
    """Excel sheet name of a node: at most 31 characters, no []:*?/\\, unique among ``taken``.

    Excel compares sheet names without case; a clash gets ``~2``, ``~3``... within the 31
    characters (the node ID itself is kept in the hidden sheet, so the import never guesses).

    >>> sheet_name("N-01"), sheet_name("A" * 40, {"a" * 31})
    ('N-01', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAA~2')
    """
    name = "".join("-" if c in "[]:*?/\\" else c for c in (node_id or "(no node)")).strip("'") or "-"
    name = name[:31]
    used = {t.casefold() for t in (taken or ())} | {META_SHEET.casefold(), LEGEND_SHEET.casefold(), "history"}
    k = 1
    candidate = name
    while candidate.casefold() in used:
        k += 1
        candidate = f"{name[:31 - len(str(k)) - 1]}~{k}"
    return candidate


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def font_for(fill: str):
    """Bold font in white on a dark fill, black on a light one (luma 0.299 R + 0.587 G + 0.114 B < 140)."""
    from openpyxl.styles import Font

    r, g, b = (int(fill.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    dark = 0.299 * r + 0.587 * g + 0.114 * b < 140
    return Font(color="FFFFFF" if dark else "000000", bold=True)


def cell_lines(text: str) -> list[tuple[str | None, str, str]]:
    """Cell lines -> ``[(prefix before ':' or None, text after it, whole line)]`` (bullets stripped).

    >>> cell_lines("SG-1: Relief valve\\n- Dike")
    [('SG-1', 'Relief valve', 'SG-1: Relief valve'), (None, 'Dike', 'Dike')]
    """
    out: list[tuple[str | None, str, str]] = []
    for line in text.split("\n"):
        line = line.strip().lstrip("-•").strip()
        if not line:
            continue
        match = re.match(r"^([^\s:]+):\s*(.*)$", line)
        if match:
            out.append((match.group(1), match.group(2).strip(), line))
        else:
            out.append((None, line, line))
    return out


@dataclass
class Cell:
    """Where a workbook value sits, for messages."""

    workbook: str
    sheet: str
    row: int
    key: str
    lang: str

    def where(self) -> str:
        col = _letter(SHEET_KEYS.index(self.key) + 1) if self.key in SHEET_KEYS else "?"
        return f"sheet '{self.sheet}', row {self.row}, column {col} ({_l(self.key, self.lang)})"


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    files: list = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)   # rows of the export no longer in the workbook

