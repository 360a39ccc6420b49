"""The HAZOP workbook: export in the usual layout, and import of what engineers edited.

Export (:func:`write_workbook`, :mod:`pse.hazop.excel_write`): one sheet per node with the node's
design intent above the table, a frozen header row, wrapped text, risk cells filled with the
matrix's colours, dropdown validation for guide word, parameter, severity, likelihood, category
and the LOPA flag, and a ``Legend`` sheet with every matrix used (:mod:`pse.hazop.excel_legend`).
Each row carries a hash of its cells at export (hidden last column); a hidden sheet ``_pse`` keeps
the exported values of every row (the merge base).  Existing and proposed safeguards are two
columns: "Safeguards" (editable) and "Proposed safeguards (recommendation)" (computed, read-only).

Import (:func:`import_workbook`, :mod:`pse.hazop.excel_read`) is a three-way merge by row ID,
cell by cell: base (exported) B, workbook W, study now S.  W = B: nothing to do; W != B and
S = B: the workbook's edit is applied; W != B, S != B and W != S: a *conflict*, reported and not
guessed.  A row with an empty Row ID is new and is added; nothing in the study is ever deleted.
Bad cells (unknown guide word, a severity typed as text, an edited header, a row ID that is not
in the study) are reported one line each as ``workbook: sheet 'N-01', row 9, column M
(Severity): message`` and nothing is written.  The rows become edits of the study's objects in
:mod:`pse.hazop.merge` (which keeps proposed safeguards, :func:`pse.hazop.merge.merged_safeguards`).

This module only gathers the public names; the cells, sheet names and limits shared by all of
them are in :mod:`pse.hazop.cells`.
"""

from __future__ import annotations

from pse.hazop.cells import (
    CATEGORIES,
    EDITABLE,
    FORMAT,
    HEADER_ROW,
    LEGEND_SHEET,
    LOPA_CHOICES,
    MAX_SHEET_ROWS,
    MAX_UNPACKED_BYTES,
    MAX_WORKBOOK_BYTES,
    META_SHEET,
    SHEET_KEYS,
    SHEET_ROW,
    Cell,
    ImportResult,
    WorkbookError,
    cell_lines,
    normal,
    row_hash,
    sheet_name,
)
from pse.hazop.excel_read import _Parser as _Parser  # noqa: PLC0414 (pse.serve.hazop_sheet uses it)
from pse.hazop.excel_read import import_workbook
from pse.hazop.excel_write import WIDTHS, add_sheets, node_groups, workbook_builder, write_workbook
from pse.hazop.worksheet import LEVEL_KEYS

_LOPA = LOPA_CHOICES          # former private names (pse.serve.hazop_sheet imports _LOPA)
_lines = cell_lines

__all__ = ["write_workbook", "workbook_builder", "add_sheets", "node_groups", "import_workbook", "WorkbookError",
           "ImportResult", "Cell", "normal", "row_hash", "sheet_name", "cell_lines", "SHEET_KEYS", "HEADER_ROW",
           "META_SHEET", "LEGEND_SHEET", "FORMAT", "SHEET_ROW", "EDITABLE", "CATEGORIES", "LEVEL_KEYS",
           "LOPA_CHOICES", "WIDTHS", "MAX_SHEET_ROWS", "MAX_UNPACKED_BYTES", "MAX_WORKBOOK_BYTES"]
