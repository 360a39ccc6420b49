"""Reading an edited HAZOP workbook back: checks, the merge base, and the three-way merge by row ID.

:func:`import_workbook` is a three-way merge by row ID, cell by cell: base (exported) B,
workbook W, study now S.  W = B: nothing to do; W != B and S = B: the workbook's edit is
applied; W != B, S != B and W != S: a *conflict*, reported and not guessed.  A row with an empty
Row ID is new and is added; nothing in the study is ever deleted.  Bad cells (unknown guide word,
a severity typed as text, an edited header, a row ID that is not in the study) are reported one
line each as ``workbook: sheet 'N-01', row 9, column M (Severity): message`` and nothing is
written.  Computed columns (risk, LOPA, origin, proposed safeguards) are never read back; how
the rows become edits of the study's objects is :mod:`pse.hazop.merge`.

Steps: :func:`_open` (size, zip and link checks) -> :func:`_read_meta` (hidden merge base) ->
:func:`_read_sheets` (per sheet :func:`_grid`, :func:`_check_header`, per row :func:`_read_row`)
-> :class:`pse.hazop.merge.Merger`.
"""

from __future__ import annotations

import datetime as _dt
import json

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
    OLD_FORMATS,
    SHEET_KEYS,
    SHEET_ROW,
    Cell,
    ImportResult,
    WorkbookError,
    _letter,
    normal,
    row_hash,
    sheet_name,
)
from pse.hazop.worksheet import LEVEL_KEYS, _l
from pse.i18n import enum_label


def _open(workbook_path, shown: str):
    """Open a workbook for import after checking its size, its zip directory and its links.

    The file size and the unpacked size of every zip member are checked before openpyxl reads
    anything (a small zip can unpack to gigabytes); a workbook that links to other files
    (external references) is refused.
    """
    import os
    import zipfile

    import openpyxl

    try:
        size = os.stat(workbook_path).st_size
    except OSError as exc:
        raise WorkbookError(shown, [f"cannot read the workbook: {exc.strerror or exc}"]) from None
    if size > MAX_WORKBOOK_BYTES:
        raise WorkbookError(shown, [f"the workbook is {size} bytes, more than the limit of {MAX_WORKBOOK_BYTES}"])
    try:
        with zipfile.ZipFile(workbook_path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookError(shown, ["not an .xlsx workbook (the file is not a zip archive): save it as "
                                    "Excel Workbook (.xlsx)"]) from None
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(shown, [f"the workbook unpacks to {unpacked} bytes, more than the limit of "
                                    f"{MAX_UNPACKED_BYTES} (a zip bomb?)"])
    if any(m.filename.startswith("xl/externalLinks/") for m in members):
        raise WorkbookError(shown, ["the workbook links to other files (external references): remove the "
                                    "links (Data > Edit Links > Break Link) and import again"])
    try:
        return openpyxl.load_workbook(workbook_path, read_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package  # noqa: BLE001
        raise WorkbookError(shown, [f"cannot read the workbook: {type(exc).__name__}: "
                                    f"{str(exc).splitlines()[0] if str(exc) else 'damaged file'}"]) from None


def _grid(ws, name: str, errors: list[str]) -> list[list]:
    """The cell values of a sheet up to its last non-empty row (at most MAX_SHEET_ROWS).

    A formula is refused with its sheet, row and column: pse stores values, and a formula's
    cached result may be stale or absent.
    """
    ws.reset_dimensions()
    dimension = ws.calculate_dimension(force=True) if hasattr(ws, "calculate_dimension") else "A1"
    last = ws.max_row or 1
    if last > MAX_SHEET_ROWS:
        errors.append(f"sheet '{name}': content in row {last}, beyond the limit of {MAX_SHEET_ROWS} rows "
                      f"(used range {dimension}); delete the rows below the table")
        return []
    grid: list[list] = []
    for cells in ws.iter_rows(min_row=1, max_row=last, max_col=len(SHEET_KEYS) + 1):
        values = []
        for cell in cells:
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                errors.append(f"sheet '{name}', row {cell.row}, column {_letter(cell.column)}: a formula "
                              f"({str(value)[:40]}) is not accepted: type the value itself")
                value = None
            values.append(value)
        values += [None] * (len(SHEET_KEYS) + 1 - len(values))
        grid.append(values)
    return grid


def _read_meta(book, shown: str):
    """Language, merge base ``{(sheet, row ID): (row, hash, values)}`` and sheet -> node ID of the hidden sheet."""
    if META_SHEET not in book.sheetnames:
        raise WorkbookError(shown, [f"sheet '{META_SHEET}' is missing: this is not a workbook written by "
                                    "`pse hazop export`"])
    rows_ = list(book[META_SHEET].iter_rows(max_row=MAX_SHEET_ROWS * 50, max_col=5, values_only=True))
    first = list(rows_[0]) if rows_ else []
    if first and first[0] in OLD_FORMATS:
        raise WorkbookError(shown, [f"sheet '{META_SHEET}': format {first[0]!r} was written by an older pse "
                                    f"(before the column of proposed safeguards); export the workbook again "
                                    f"and redo the edits in the new one"])
    if not first or first[0] != FORMAT:
        raise WorkbookError(shown, [f"sheet '{META_SHEET}': unknown format {first[0] if first else None!r} "
                                    f"(expected {FORMAT})"])
    lang = first[1] if first[1] in ("en", "zh-TW") else "en"
    base: dict = {}
    nodes: dict = {}
    for number, values in enumerate(rows_[1:], start=2):
        if not values or values[0] is None:
            continue
        try:
            if values[0] == SHEET_ROW:
                nodes[str(values[1])] = None if values[2] is None else str(values[2])
                continue
            sheet, row, row_id, digest, data = values[:5]
            parsed = json.loads(data)
            if not isinstance(parsed, dict) or not all(isinstance(v, str) for v in parsed.values()):
                raise ValueError("the row values are not a mapping of texts")
            base[(str(sheet), str(row_id))] = (int(row), str(digest), parsed)
        except (TypeError, ValueError, IndexError) as exc:
            raise WorkbookError(shown, [f"sheet '{META_SHEET}', row {number}: the hidden merge base was changed "
                                        f"({str(exc).splitlines()[0][:60]}); export the workbook again"]) from None
    return lang, base, nodes


class _Parser:
    """Reads and checks the cells of one workbook row."""

    def __init__(self, study, library, lang, errors):
        self.study = study
        self.library = library
        self.lang = lang
        self.errors = errors

    def level(self, cell: Cell, value: str, matrix_name: str) -> str:
        from pse.model.validate import matrix_for

        if not value:
            return ""
        matrix = matrix_for(self.study, matrix_name)
        try:
            return (matrix.severity if cell.key.startswith("severity") else matrix.likelihood)(value)
        except ValueError as exc:
            self.errors.append(f"{cell.where()}: {exc}")
            return value

    def term(self, cell: Cell, value: str) -> str:
        if not value:
            return ""
        try:
            return (self.library.guide_word if cell.key == "guide_word" else self.library.parameter)(value)
        except ValueError as exc:
            self.errors.append(f"{cell.where()}: {exc}")
            return value

    def choice(self, cell: Cell, value: str, allowed: dict) -> str:
        if not value:
            return ""
        key = value.casefold()
        if key in allowed:
            return allowed[key]
        self.errors.append(f"{cell.where()}: {value!r} is not one of {', '.join(sorted(set(allowed.values())))}")
        return value

    def date(self, cell: Cell, value: str) -> str:
        if not value:
            return ""
        if value.replace(".", "", 1).isdigit() and 1 <= float(value) < 2958466:
            # a spreadsheet date serial (days since 1899-12-30, the Excel/LibreOffice epoch) whose cell lost
            # its date format, as LibreOffice stores a typed date in a text column
            return (_dt.date(1899, 12, 30) + _dt.timedelta(days=int(float(value)))).isoformat()
        try:
            return _dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            self.errors.append(f"{cell.where()}: {value!r} is not a date (YYYY-MM-DD)")
            return value



class _Reader:
    """What reading the sheets of one workbook shares: the study, the merge base and the messages."""

    def __init__(self, study, lang, base, current, parser, shown, result):
        self.study, self.lang, self.base, self.current = study, lang, base, current
        self.parser, self.shown, self.result = parser, shown, result
        self.errors = parser.errors
        self.seen: set = set()
        self.node_matrices: dict = {}
        self.node_ids = {n.id for n in study.nodes}

    def node_matrix(self, node_id):
        from pse.hazop.worksheet import node_matrix

        if node_id not in self.node_matrices:
            self.node_matrices[node_id] = node_matrix(self.study, node_id)
        return self.node_matrices[node_id]


def _check_header(grid, name: str, expected: list[str], errors: list[str]) -> None:
    header = grid[HEADER_ROW - 1] if len(grid) >= HEADER_ROW else [None] * len(expected)
    for j, text in enumerate(expected, start=1):
        found = normal(header[j - 1])
        if found != text:
            errors.append(f"sheet '{name}', row {HEADER_ROW}, column {_letter(j)}: the header row was edited "
                          f"(found {found!r}, expected {text!r}); keep the exported headers")


def category_choices(lang: str) -> dict:
    """Consequence categories as typed in a workbook -> their IDs (the ID, or its name in ``lang``).

    >>> category_choices("zh-TW")["people"], category_choices("zh-TW")[enum_label("people", "zh-TW")]
    ('people', 'people')
    """
    return {**{enum_label(c, lang).casefold(): c for c in CATEGORIES}, **{c: c for c in CATEGORIES}}


def _parsed(parser, cell, raw: dict, matrix_name: str) -> dict:
    """The editable cells of a row as the study stores them (levels, terms, choices, dates checked)."""
    values = dict(raw)
    for key in LEVEL_KEYS:
        values[key] = parser.level(cell(key), raw[key], matrix_name)
    for key in ("guide_word", "parameter"):
        values[key] = parser.term(cell(key), raw[key])
    values["category"] = parser.choice(cell("category"), raw["category"], category_choices(parser.lang))
    values["lopa_by_hand"] = parser.choice(cell("lopa_by_hand"), raw["lopa_by_hand"], LOPA_CHOICES)
    values["accepted_on"] = parser.date(cell("accepted_on"), raw["accepted_on"])
    return values


def _read_row(reader: _Reader, name: str, node_id, r: int, line: list):
    """One sheet row -> ``(cell, row id, node, matrix, existing row, base values, values)``, or None."""
    raw = {k: normal(line[j]) for j, k in enumerate(SHEET_KEYS)}
    if not any(raw[k] for k in EDITABLE) and not raw["row_id"]:
        return None
    row_id = raw["row_id"]
    reader.seen.add((name, row_id))
    shown, lang = reader.shown, reader.lang

    def cell(key, _r=r, _s=name):
        return Cell(shown, _s, _r, key, lang)

    in_base = reader.base.get((name, row_id)) if row_id else None
    if row_id and in_base is None and row_id not in reader.current:
        reader.errors.append(f"{cell('row_id').where()}: row ID '{row_id}' is not in the study "
                             "(leave Row ID empty to add a new row)")
        return None
    existing = reader.current.get(row_id) if row_id else None
    matrix_name = existing.matrix if existing else reader.node_matrix(node_id)
    values = _parsed(reader.parser, cell, raw, matrix_name)
    base_values = None
    if in_base is not None:
        _, digest, base_values = in_base
        if normal(line[len(SHEET_KEYS)]) != digest or row_hash(base_values) != digest:
            reader.errors.append(f"{cell('row_id').where()}: the hidden row hash was edited; export the "
                                 "workbook again")
            return None
    return (cell, row_id, node_id, matrix_name, existing, base_values, values)


def _sheet_node(reader: _Reader, name: str, node_of_sheet: dict, sheet_nodes: dict):
    """The node of a sheet, ``False`` for a sheet that is not part of the worksheet or names an unknown node."""
    if name not in node_of_sheet and sheet_nodes:
        return False   # a sheet the engineer added (notes, a chart): not part of the worksheet
    node_id = node_of_sheet.get(name)
    if node_id is not None and node_id not in reader.node_ids:
        reader.errors.append(f"sheet '{META_SHEET}': sheet '{name}' belongs to node '{node_id}', which is not in "
                             "the study")
        return False
    return node_id


def _read_sheets(book, reader: _Reader, sheet_nodes: dict) -> list:
    """The edited rows of every node sheet, checked cell by cell; deleted rows noted in the result."""
    expected = [_l(k, reader.lang) for k in SHEET_KEYS] + [_l("row_hash", reader.lang)]
    sheets = [s for s in book.sheetnames if s not in (META_SHEET, LEGEND_SHEET)]
    node_of_sheet = dict(sheet_nodes) if sheet_nodes else {sheet_name(n.id): n.id for n in reader.study.nodes}
    edits = []          # (cell position, row id, node, matrix, existing, base values, workbook values)
    for name in sheets:
        node_id = _sheet_node(reader, name, node_of_sheet, sheet_nodes)
        if node_id is False:
            continue
        grid = _grid(book[name], name, reader.errors)
        _check_header(grid, name, expected, reader.errors)
        if reader.errors:
            continue
        for r in range(HEADER_ROW + 1, len(grid) + 1):
            edit = _read_row(reader, name, node_id, r, grid[r - 1])
            if edit is not None:
                edits.append(edit)
    for (sheet, row_id), (row, _, _) in sorted(reader.base.items(), key=lambda item: (item[0][0], item[1][0])):
        if (sheet, row_id) not in reader.seen and sheet in sheets:
            reader.result.deleted.append(f"sheet '{sheet}', row {row}: row '{row_id}' was deleted in the workbook; "
                                         "nothing is deleted from the study (delete it there if it should go)")
    return edits


def import_workbook(study_path, workbook_path, dry_run: bool = False) -> ImportResult:
    """Merge the edits of a HAZOP workbook into the study by row ID (see the module docstring)."""
    from pse.hazop.library import library_for
    from pse.hazop.worksheet import rows
    from pse.model import load_study
    from pse.model.loader import display_path

    shown = display_path(workbook_path)
    study = load_study(study_path)
    book = _open(workbook_path, shown)
    try:
        lang, base, sheet_nodes = _read_meta(book, shown)
        library = library_for(study)
        current = {row.row_id: row for row in rows(study, lang, include_suggestions=True)}
        errors: list[str] = []
        result = ImportResult()
        reader = _Reader(study, lang, base, current, _Parser(study, library, lang, errors), shown, result)
        edits = _read_sheets(book, reader, sheet_nodes)
    finally:
        book.close()
    if errors:
        raise WorkbookError(shown, errors)
    from pse.hazop.merge import Merger

    merger = Merger(study, study_path, library, lang, result)
    for cell, row_id, node_id, matrix_name, existing, base_values, values in edits:
        merger.row(cell, row_id, node_id, matrix_name, existing, base_values, values)
    if merger.errors:
        raise WorkbookError(shown, merger.errors)
    merger.finish()
    if result.conflicts:
        return result
    result.files = [] if dry_run else merger.files.save()
    return result
