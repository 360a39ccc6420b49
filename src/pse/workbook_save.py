"""Saving workbooks: every text as text (:func:`save_workbook`), and a large one by several processes.

openpyxl (3.1) saves a workbook by writing each worksheet's XML in turn (``WorksheetWriter``) and then the
parts they share.  Writing the cells is most of the time of a site-scale ``study.xlsx`` (about 25 us a cell,
openpyxl's own floor), and each worksheet's XML depends on the rest of the workbook only through the cell
style ids it registers, on first use, in the workbook's list of style arrays (``styles.xml`` ``cellXfs``).  So:

1. every style a worksheet will use is registered first, in the order the serial save registers it (sheet by
   sheet: column styles, then row by row the row style and each styled cell), so each id is the one the serial
   save gives;
2. the *plain* worksheets (no images, charts, tables, comments, hyperlinks or conditional formats: nothing
   that adds a relationship or a workbook-wide list entry while it is written) are split by cell count into
   ``jobs`` groups; forked children write all groups but one, each sheet with openpyxl's own
   ``WorksheetWriter`` into a temporary file, while the parent writes the last;
3. openpyxl's ``ExcelWriter`` then saves the workbook as usual, taking each plain worksheet's XML from its file.

The result is the serial save's file, part for part (tested).  A child that registers a style the parent did
not (a case step 1 missed) makes the save fall back to the serial one, so a file is never written with a style
id its ``styles.xml`` lacks.  Where ``fork`` is not available, or ``jobs`` is 1, the save is openpyxl's own.
"""

from __future__ import annotations

import os
import tempfile
from functools import partial
from pathlib import Path

#: below this many cells a workbook is saved in one process (forking costs more than it saves)
MIN_PARALLEL_CELLS = 50_000


def save_workbook(book, path, jobs: int = 1, parts: dict | None = None) -> None:
    """Save an openpyxl workbook atomically with every text cell stored as text, never as a formula.

    openpyxl turns any string starting with ``=`` into a formula (``=HYPERLINK(...)``, DDE
    ``=cmd|...``); pse writes no formulas, so each such cell is set back to text.  A text longer
    than :data:`MAX_CELL_CHARS` is refused by the writers before openpyxl cuts it
    (:func:`pse.tables.check_cell_length`).  ``jobs`` > 1 saves with that many processes
    (:func:`save_in_parallel`); ``parts`` (``{id(worksheet): path, bytes or (path, new style ids)}``) are
    worksheets serialised already (:func:`save_with_parts`).
    """
    import io

    from pse.output import atomic_write_bytes

    text_not_formulas(book)
    buffer = io.BytesIO()
    if parts:
        save_with_parts(book, buffer, parts)
    elif jobs > 1:          # the largest sheets written by forked processes, the same file
        save_in_parallel(book, buffer, jobs)
    else:
        book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())


def text_not_formulas(book) -> None:
    """Every cell openpyxl would write as a formula (a text starting with ``=``) set back to text."""
    for ws in book.worksheets:
        cells = ws._cells.values() if hasattr(ws, "_cells") else (c for row in ws.iter_rows() for c in row)
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"


def register_styles(book, sheets: list | None = None) -> int:
    """Register every cell, row and column style of ``book`` (or only of its ``sheets``, those added last) in the
    serial save's order; the number of styles."""
    from openpyxl.worksheet._writer import WorksheetWriter

    styles = book._cell_styles
    for ws in book.worksheets if sheets is None else sheets:
        if not hasattr(ws, "_cells"):          # a write-only sheet registers as it is written
            continue
        for column in sorted(ws.column_dimensions.values(), key=lambda dim: (dim.reindex(), dim.min)[1]):
            column.style_id                    # noqa: B018 - the property registers the style
        rows = ws.row_dimensions
        for row_index, row in WorksheetWriter.rows(_RowsOf(ws)):
            if row_index in rows:
                rows[row_index].style_id       # noqa: B018
            for cell in row:
                if cell.has_style:
                    styles.add(cell._style)
    return len(styles)


class _RowsOf:
    """What ``WorksheetWriter.rows`` reads of a worksheet (its cells and row dimensions), without a writer."""

    def __init__(self, ws):
        self.ws = ws


def is_plain(ws) -> bool:
    """A worksheet whose XML adds nothing to the workbook while written (see the module docstring)."""
    if not hasattr(ws, "_cells") or ws._images or ws._charts or ws.tables or ws.legacy_drawing is not None:
        return False
    if len(ws.conditional_formatting):
        return False
    return not any(getattr(cell, "_comment", None) is not None or getattr(cell, "_hyperlink", None) is not None
                   for cell in ws._cells.values())


def groups_by_cells(sheets: list, n: int) -> list[list]:
    """``sheets`` split into ``n`` groups of about equal cell count (largest first, each to the lightest group).

    >>> class S:
    ...     def __init__(self, k): self._cells = dict.fromkeys(range(k))
    >>> [[len(s._cells) for s in g] for g in groups_by_cells([S(5), S(3), S(3), S(1)], 2)]
    [[5, 1], [3, 3]]
    """
    groups: list[list] = [[] for _ in range(n)]
    loads = [0] * n
    for ws in sorted(sheets, key=lambda s: len(s._cells), reverse=True):
        i = loads.index(min(loads))
        groups[i].append(ws)
        loads[i] += len(ws._cells)
    return [group for group in groups if group]


def _write_sheets(sheets: list, folder: str) -> int:
    """Each worksheet's XML written by openpyxl into ``folder/<index>.xml``; the workbook's style count after."""
    from openpyxl.worksheet._writer import WorksheetWriter

    for ws in sheets:
        writer = WorksheetWriter(ws, out=os.path.join(folder, f"{ws.parent.worksheets.index(ws)}.xml"))
        writer.write()
    return len(sheets[0].parent._cell_styles) if sheets else 0


def save_in_parallel(book, target, jobs: int) -> bool:
    """Save ``book`` to ``target`` (a path or binary stream) with ``jobs`` processes; False if it fell back to
    openpyxl's own save (``jobs`` 1, no ``fork``, a small workbook, memory short
    (:func:`pse.jobs.memory_allows_fork`), or a style registered late)."""
    from pse.jobs import Jobs, can_fork, memory_allows_fork

    plain = [ws for ws in book.worksheets if is_plain(ws)]
    cells = sum(len(ws._cells) for ws in plain)
    if jobs < 2 or not can_fork() or len(plain) < 2 or cells < MIN_PARALLEL_CELLS or not memory_allows_fork():
        book.save(target)
        return False
    from openpyxl.utils.indexed_list import IndexedList

    before = IndexedList(book._cell_styles)
    known = register_styles(book)
    with tempfile.TemporaryDirectory(prefix="pse-xlsx-") as folder:
        groups = groups_by_cells(plain, jobs)
        workers = Jobs(jobs)
        started = [workers.start(f"sheets {i}", partial(_write_sheets, group, folder))
                   for i, group in enumerate(groups[1:], start=1)]
        outlines = [(ws, ws.column_dimensions.max_outline, ws.sheet_format.outlineLevelCol) for ws in groups[0]]
        counts = [_write_sheets(groups[0], folder)]
        workers.join()
        counts += [job.result() for job in started]
        if max(counts) > known:            # a style the parent does not know: its styles.xml would lack it
            book._cell_styles = before     # the serial save numbers the styles from scratch
            for ws, columns, sheet in outlines:     # and writing a sheet leaves its outline level set
                ws.column_dimensions.max_outline, ws.sheet_format.outlineLevelCol = columns, sheet
            book.save(target)
            return False
        save_with_parts(book, target, {id(ws): Path(folder, f"{book.worksheets.index(ws)}.xml")
                                        for ws in plain})
    return True


def save_with_parts(book, target, parts: dict) -> None:
    """openpyxl's save (``openpyxl.writer.excel.save_workbook``), each worksheet in ``parts`` (``{id(ws): path,
    bytes, or (path, new style ids)}``) taken from there instead of written."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.packaging.relationship import RelationshipList
    from openpyxl.writer.excel import ExcelWriter

    class PartsWriter(ExcelWriter):
        def write_worksheet(self, ws):
            part = parts.get(id(ws))
            if part is None:
                return super().write_worksheet(ws)
            ws._drawing = SpreadsheetDrawing()          # as ExcelWriter.write_worksheet leaves a plain sheet
            ws._drawing.charts, ws._drawing.images = ws._charts, ws._images
            ws._hyperlinks, ws._comments, ws._rels = [], [], RelationshipList()
            if isinstance(part, tuple):         # a part whose style ids are renumbered (pse.workbook_parts)
                from pse.workbook_parts import renumbered_part

                with open(part[0], "rb") as handle:
                    self._archive.writestr(ws.path[1:], renumbered_part(handle.read(), part[1]))
            elif isinstance(part, bytes):
                self._archive.writestr(ws.path[1:], part)
            else:
                self._archive.write(part, ws.path[1:])
            self.manifest.append(ws)
            return None

    import datetime

    archive = ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True)
    book.properties.modified = datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None)
    PartsWriter(book, archive).save()
