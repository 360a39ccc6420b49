"""The HAZOP workbook: export in the usual layout, and import of what engineers edited.

Export (:func:`write_workbook`): one sheet per node with the node's design intent above the
table, a frozen header row, wrapped text, risk cells filled with the matrix's colours, dropdown
validation for guide word, parameter, severity, likelihood, category and the LOPA flag, and a
``Legend`` sheet with every matrix used.  Each row carries a hash of its cells at export (hidden
last column); a hidden sheet ``_pse`` keeps the exported values of every row (the merge base).

Import (:func:`import_workbook`) is a three-way merge by row ID, cell by cell:
base (exported) B, workbook W, study now S.  W = B: nothing to do; W != B and S = B: the
workbook's edit is applied; W != B, S != B and W != S: a *conflict*, reported and not guessed.
A row with an empty Row ID is new and is added; nothing in the study is ever deleted.  Bad
cells (unknown guide word, a severity typed as text, an edited header, a row ID that is not in
the study) are reported one line each as ``workbook: sheet 'N-01', row 9, column M (Severity):
message`` and nothing is written.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass, field

from pse.hazop.worksheet import COMPUTED, KEYS, LEVEL_KEYS, _l
from pse.roundtrip.merge import WorkbookError  # one error type for every workbook import

SHEET_KEYS = tuple(k for k in KEYS if k != "node")
HEADER_ROW = 6
META_SHEET = "_pse"
LEGEND_SHEET = "Legend"
FORMAT = "pse-hazop-workbook/1"
SHEET_ROW = "#sheet"            # hidden-sheet row: sheet title -> node ID
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024        # the .xlsx file, checked before it is opened
MAX_UNPACKED_BYTES = 200 * 1024 * 1024       # its zip members unpacked (zip-bomb guard)
MAX_SHEET_ROWS = 20_000                      # rows read per sheet
EDITABLE = tuple(k for k in SHEET_KEYS if k not in COMPUTED and k != "row_id")
CATEGORIES = ("people", "environment", "asset", "reputation")


# --------------------------------------------------------------------------- cell values
def normal(value) -> str:
    """A cell value as compared and hashed: text, stripped, ``\\n`` line ends, dates ISO, 2.0 -> '2'.

    >>> normal(None), normal(" a\\r\\nb "), normal(2.0), normal(_dt.datetime(2026, 11, 30))
    ('', 'a\\nb', '2', '2026-11-30')
    """
    if value is None:
        return ""
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
    data = json.dumps([normal(values.get(k)) for k in SHEET_KEYS], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


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


def _font_for(fill: str):
    from openpyxl.styles import Font

    r, g, b = (int(fill.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    dark = 0.299 * r + 0.587 * g + 0.114 * b < 140
    return Font(color="FFFFFF" if dark else "000000", bold=True)


# --------------------------------------------------------------------------- export
def _runs(numbers) -> list[tuple[int, int]]:
    """Sorted row numbers grouped into contiguous ``(first, last)`` runs.

    >>> _runs([7, 8, 9, 12, 13, 20])
    [(7, 9), (12, 13), (20, 20)]
    """
    runs: list[tuple[int, int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs


WIDTHS = {"cause": 38, "consequence": 42, "safeguards": 42, "recommendations": 40, "deviation": 20,
          "notes": 30, "row_id": 22, "deviation_id": 24, "cause_id": 12, "consequence_id": 14}


@dataclass
class _Export:
    """What every node sheet of one export shares: the study, language, styles and matrices used."""

    study: object
    lang: str
    meta: object                                   # the hidden merge-base sheet
    library: object
    fills: dict = field(default_factory=dict)      # colour -> (fill, font), one style object per colour
    used_matrices: list = field(default_factory=list)


def write_workbook(study, path, lang: str = "en") -> None:
    """Write the HAZOP workbook of a validated study to ``path`` (atomically)."""
    from pse.workbook import write_workbook as write

    write(path, workbook_builder(study, lang))


def workbook_builder(study, lang: str = "en"):
    """The HAZOP workbook as a builder (:mod:`pse.workbook`): for ``hazop.xlsx`` and ``study.xlsx``."""

    def build(target) -> None:
        add_sheets(target, study, lang)

    return build


def add_sheets(target, study, lang: str = "en") -> None:
    """The HAZOP sheets in ``target``: merge base, one sheet per node, legend.

    Steps: :func:`node_groups` -> :func:`_node_sheet` per node (:func:`_sheet_heading`,
    :func:`_sheet_rows`, :func:`_sheet_validations`, :func:`_sheet_layout`) -> :func:`_legend`.
    """
    from pse.hazop.library import library_for

    meta = target.create_sheet(META_SHEET)
    meta.append([FORMAT, lang, _dt.date.today().isoformat()])
    export = _Export(study, lang, meta, library_for(study))
    for node_id, members in node_groups(study, lang).items():
        if node_id is None and not members:
            continue
        ws = target.create_sheet(sheet_name(node_id, set(target.sheetnames)), index=len(target.sheetnames) - 1)
        meta.append([SHEET_ROW, ws.title, node_id])   # the node of each sheet: the import never guesses
        _node_sheet(ws, export, node_id, members)
    from pse.workbook_print import apply_print_setup

    legend = target.create_sheet(LEGEND_SHEET, index=len(target.sheetnames) - 1)
    _legend(legend, study, export.used_matrices or [study.risk_matrix], lang)
    apply_print_setup(legend, study, paper="A4")
    meta.sheet_state = "hidden"


def node_groups(study, lang: str) -> dict:
    """Worksheet rows (suggestions included) per node ID, in the study's node order; None for rows without node."""
    from pse.hazop.worksheet import rows

    groups: dict = {n.id: [] for n in study.nodes}
    for row in rows(study, lang, include_suggestions=True):
        groups.setdefault(row.node if row.node in groups else None, []).append(row)
    return groups


def _node_sheet(ws, export: _Export, node_id, members) -> None:
    from pse.hazop.worksheet import node_matrix

    default_matrix = node_matrix(export.study, node_id)
    _sheet_heading(ws, export, node_id, default_matrix)
    by_matrix = _sheet_rows(ws, export, members)
    _sheet_validations(ws, export, node_id, len(members), by_matrix, default_matrix)
    _sheet_layout(ws, members, export.study)


def _sheet_heading(ws, export: _Export, node_id, default_matrix: str) -> None:
    """Node, design intent, parameters and drawings above the table; the header row."""
    from openpyxl.styles import Alignment, Font, PatternFill

    study, lang = export.study, export.lang
    node = study.get(node_id) if node_id else None
    ws.cell(row=1, column=1, value=f"{_l('hazop', lang)} - {node.id}: {node.name}" if node
            else _l("hazop", lang)).font = Font(bold=True, size=13)
    if node is not None:
        ws.cell(row=2, column=1, value=f"{_l('design_intent', lang)}: {node.design_intent or '-'}").font = \
            Font(bold=True)
        ws.cell(row=3, column=1, value=f"{_l('parameters', lang)}: {', '.join(node.parameters) or '-'}; "
                                       f"{_l('drawings', lang)}: {', '.join(node.drawings) or '-'}")
    m = study.study
    ws.cell(row=4, column=1, value=f"{m.title}; rev. {m.revision or '-'}; {m.date or ''}; "
                                   f"{_l('risk', lang)}: {default_matrix}")
    wrap = Alignment(wrap_text=True, vertical="top")
    for j, text in enumerate([_l(k, lang) for k in SHEET_KEYS] + [_l("row_hash", lang)], start=1):
        cell = ws.cell(row=HEADER_ROW, column=j, value=text)
        cell.font, cell.fill, cell.alignment = Font(bold=True), PatternFill("solid", fgColor="D9E2EC"), wrap


def _sheet_rows(ws, export: _Export, members) -> dict[str, list[int]]:
    """The rows (risk cells in the matrix colours, computed cells italic), their hashes and merge base.

    Returns the sheet row numbers per risk matrix (for the dropdowns).
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    from pse.hazop.worksheet import risk_colour
    from pse.tables import check_cell_length

    wrap = Alignment(wrap_text=True, vertical="top")
    computed_font = Font(italic=True, color="555555")
    by_matrix: dict[str, list[int]] = {}
    for i, row in enumerate(members):
        r = HEADER_ROW + 1 + i
        for j, key in enumerate(SHEET_KEYS, start=1):
            value = row.values.get(key, "")
            check_cell_length(value, "hazop.xlsx", ws.title, r, j)
            cell = ws.cell(row=r, column=j, value=value if value != "" else None)
            cell.alignment = wrap
            if key in ("risk", "risk_after"):
                colour = risk_colour(export.study, row.matrix, value)
                if colour:
                    if colour not in export.fills:
                        export.fills[colour] = (PatternFill("solid", fgColor=colour.lstrip("#").upper()),
                                                _font_for(colour))
                    cell.fill, cell.font = export.fills[colour]
            elif key in COMPUTED:
                cell.font = computed_font
        if not row.counts:
            ws.cell(row=r, column=SHEET_KEYS.index("origin") + 1, value=row.values["origin"]).fill = \
                PatternFill("solid", fgColor="FFF59D")
        ws.cell(row=r, column=len(SHEET_KEYS) + 1, value=row_hash(row.values))
        export.meta.append([ws.title, r, row.row_id, row_hash(row.values),
                            json.dumps({k: normal(row.values.get(k)) for k in SHEET_KEYS}, ensure_ascii=False)])
        by_matrix.setdefault(row.matrix, []).append(r)
    return by_matrix


def _dropdown(ws, allowed, title: str, error: str):
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle=title, error=error)
    ws.add_data_validation(dv)
    return dv


def _sheet_validations(ws, export: _Export, node_id, count: int, by_matrix: dict, default_matrix: str) -> None:
    """Dropdowns: severity and likelihood of each row's matrix (new rows: the node's), guide word, parameter..."""
    from pse.model.validate import matrix_for

    study, library = export.study, export.library
    last = HEADER_ROW + count + 200
    by_matrix.setdefault(default_matrix, [])
    for name, row_numbers in by_matrix.items():
        if name not in export.used_matrices:
            export.used_matrices.append(name)
        matrix = matrix_for(study, name)
        ranges = _runs(row_numbers)   # contiguous runs: one range each (openpyxl's add() is O(ranges))
        if name == default_matrix:
            ranges.append((HEADER_ROW + count + 1, last))
        for keys, allowed in ((("severity", "severity_after"), matrix.severity_ids),
                              (("likelihood", "likelihood_after"), matrix.likelihood_ids)):
            dv = _dropdown(ws, allowed, name, f"{name}: choose one of {', '.join(allowed)}")
            for key in keys:
                col = _letter(SHEET_KEYS.index(key) + 1)
                for lo, hi in ranges:
                    dv.add(f"{col}{lo}:{col}{hi}")
    node = study.get(node_id) if node_id else None
    parameters = [library.parameter(p) for p in node.parameters] if node and node.parameters else \
        [p for p in library.parameters if p not in library.excluded_parameters]
    lists = {"guide_word": [g for g in library.guide_words if g not in library.excluded_guide_words],
             "parameter": parameters, "category": list(CATEGORIES), "lopa_by_hand": ["Y", "N"]}
    for key, allowed in lists.items():
        col = _letter(SHEET_KEYS.index(key) + 1)
        _dropdown(ws, allowed, _l(key, export.lang), f"{', '.join(allowed)}").add(
            f"{col}{HEADER_ROW + 1}:{col}{last}")


def _sheet_layout(ws, members, study) -> None:
    """Widths, row heights for wrapped text, A3 landscape one page wide, print titles, frozen header, filter."""
    for j, key in enumerate(SHEET_KEYS, start=1):
        ws.column_dimensions[_letter(j)].width = WIDTHS.get(key, 11)
    ws.column_dimensions[_letter(len(SHEET_KEYS) + 1)].hidden = True
    for i, row in enumerate(members):   # wrapped text: give each row the height its longest cell needs
        lines = max(sum(1 + len(part) // max(1, int(WIDTHS.get(key, 11) * 0.9)) for part in
                        str(row.values.get(key, "")).split("\n")) for key in SHEET_KEYS)
        ws.row_dimensions[HEADER_ROW + 1 + i].height = 15 * max(1, lines)
    ws.row_dimensions[HEADER_ROW].height = 30
    from pse.workbook_print import apply_print_setup

    apply_print_setup(ws, study, header_rows=(HEADER_ROW, HEADER_ROW), paper="A3", first_data_row=HEADER_ROW + 1)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{_letter(len(SHEET_KEYS))}{HEADER_ROW + max(1, len(members))}"


def _legend(ws, study, names, lang) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    from pse.hazop.library import text
    from pse.model.validate import matrix_for

    ws.cell(row=1, column=1, value=_l("legend", lang)).font = Font(bold=True, size=13)
    r = 3
    for name in names:
        matrix = matrix_for(study, name)
        ws.cell(row=r, column=1, value=f"{name}: {text(dict(matrix.spec.name), lang)}").font = Font(bold=True)
        r += 1
        ws.cell(row=r, column=1, value=f"{_l('severity', lang)} \\ {_l('likelihood', lang)}").font = Font(bold=True)
        for j, lik in enumerate(matrix.likelihood_ids, start=2):
            ws.cell(row=r, column=j, value=lik).font = Font(bold=True)
        for sev in matrix.severity_ids:
            r += 1
            ws.cell(row=r, column=1, value=sev).font = Font(bold=True)
            for j, lik in enumerate(matrix.likelihood_ids, start=2):
                level = matrix.level(sev, lik)
                colour = matrix.describe(level).colour
                cell = ws.cell(row=r, column=j, value=level)
                cell.fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
                cell.font = _font_for(colour)
                cell.alignment = Alignment(horizontal="center")
        r += 2
        for j, key in enumerate(("level", "name", "action", "acceptable"), start=1):
            ws.cell(row=r, column=j, value=_l(key, lang)).font = Font(bold=True)
        for level in matrix.level_values:
            r += 1
            info = matrix.describe(level)
            cell = ws.cell(row=r, column=1, value=level)
            cell.fill = PatternFill("solid", fgColor=info.colour.lstrip("#").upper())
            cell.font = _font_for(info.colour)
            ws.cell(row=r, column=2, value=text(dict(info.name), lang))
            ws.cell(row=r, column=3, value=text(dict(info.action), lang)).alignment = Alignment(wrap_text=True)
            ws.cell(row=r, column=4, value="Y" if info.acceptable else "N")
            ws.row_dimensions[r].height = 15 * (1 + len(text(dict(info.action), lang)) // 60)
        r += 3
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 60
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


# --------------------------------------------------------------------------- import
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


_LOPA = {"y": "Y", "yes": "Y", "true": "Y", "是": "Y", "n": "N", "no": "N", "false": "N", "否": "N"}


def _lines(text: str) -> list[tuple[str | None, str, str]]:
    """Cell lines -> ``[(prefix before ':' or None, text after it, whole line)]`` (bullets stripped).

    >>> _lines("SG-1: Relief valve\\n- Dike")
    [('SG-1', 'Relief valve', 'SG-1: Relief valve'), (None, 'Dike', 'Dike')]
    """
    import re

    out = []
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


def _read_sheets(book, study, lang, base, sheet_nodes, current, parser, errors, shown, result) -> list:
    """The edited rows of every node sheet, checked cell by cell; deleted rows noted in ``result``."""
    from pse.hazop.worksheet import node_matrix

    expected = [_l(k, lang) for k in SHEET_KEYS] + [_l("row_hash", lang)]
    sheets = [s for s in book.sheetnames if s not in (META_SHEET, LEGEND_SHEET)]
    node_of_sheet = dict(sheet_nodes) if sheet_nodes else {sheet_name(n.id): n.id for n in study.nodes}
    node_ids = {n.id for n in study.nodes}
    edits = []          # (cell position, row id, node, matrix, existing, base values, workbook values)
    seen: set = set()
    for name in sheets:
        if name not in node_of_sheet and sheet_nodes:
            continue   # a sheet the engineer added (notes, a chart): not part of the worksheet
        node_id = node_of_sheet.get(name)
        if node_id is not None and node_id not in node_ids:
            errors.append(f"sheet '{META_SHEET}': sheet '{name}' belongs to node '{node_id}', which is not in "
                          "the study")
            continue
        grid = _grid(book[name], name, errors)
        header = grid[HEADER_ROW - 1] if len(grid) >= HEADER_ROW else [None] * len(expected)
        for j, text in enumerate(expected, start=1):
            found = normal(header[j - 1])
            if found != text:
                errors.append(f"sheet '{name}', row {HEADER_ROW}, column {_letter(j)}: the header row was edited "
                              f"(found {found!r}, expected {text!r}); keep the exported headers")
        if errors:
            continue
        for r in range(HEADER_ROW + 1, len(grid) + 1):
            line = grid[r - 1]
            raw = {k: normal(line[j]) for j, k in enumerate(SHEET_KEYS)}
            if not any(raw[k] for k in EDITABLE) and not raw["row_id"]:
                continue
            stored_hash = normal(line[len(SHEET_KEYS)])
            row_id = raw["row_id"]
            seen.add((name, row_id))
            cell = lambda key, _r=r, _s=name: Cell(shown, _s, _r, key, lang)  # noqa: E731
            in_base = base.get((name, row_id)) if row_id else None
            if row_id and in_base is None and row_id not in current:
                errors.append(f"{cell('row_id').where()}: row ID '{row_id}' is not in the study "
                              "(leave Row ID empty to add a new row)")
                continue
            existing = current.get(row_id) if row_id else None
            matrix_name = existing.matrix if existing else node_matrix(study, node_id)
            values = dict(raw)
            for key in LEVEL_KEYS:
                values[key] = parser.level(cell(key), raw[key], matrix_name)
            for key in ("guide_word", "parameter"):
                values[key] = parser.term(cell(key), raw[key])
            values["category"] = parser.choice(cell("category"), raw["category"], {c: c for c in CATEGORIES})
            values["lopa_by_hand"] = parser.choice(cell("lopa_by_hand"), raw["lopa_by_hand"], _LOPA)
            values["accepted_on"] = parser.date(cell("accepted_on"), raw["accepted_on"])
            if in_base is not None:
                _, digest, base_values = in_base
                if stored_hash != digest or row_hash(base_values) != digest:
                    errors.append(f"{cell('row_id').where()}: the hidden row hash was edited; export the "
                                  "workbook again")
                    continue
            else:
                base_values = None
            edits.append((cell, row_id, node_id, matrix_name, existing, base_values, values))
    for (sheet, row_id), (row, _, _) in sorted(base.items(), key=lambda item: (item[0][0], item[1][0])):
        if (sheet, row_id) not in seen and sheet in sheets:
            result.deleted.append(f"sheet '{sheet}', row {row}: row '{row_id}' was deleted in the workbook; "
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
        parser = _Parser(study, library, lang, errors)
        result = ImportResult()
        edits = _read_sheets(book, study, lang, base, sheet_nodes, current, parser, errors, shown, result)
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
