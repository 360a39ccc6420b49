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
from pathlib import Path
from typing import Optional

from pse.hazop.worksheet import COMPUTED, KEYS, LEVEL_KEYS, _l

SHEET_KEYS = tuple(k for k in KEYS if k != "node")
HEADER_ROW = 6
META_SHEET = "_pse"
LEGEND_SHEET = "Legend"
FORMAT = "pse-hazop-workbook/1"
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


def sheet_name(node_id: Optional[str]) -> str:
    """Excel sheet name of a node (at most 31 characters, no []:*?/\\)."""
    name = "".join("-" if c in "[]:*?/\\" else c for c in (node_id or "(no node)"))
    return name[:31]


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


def write_workbook(study, path, lang: str = "en") -> None:
    """Write the HAZOP workbook of a validated study to ``path`` (atomically)."""

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from pse.hazop.library import library_for
    from pse.hazop.worksheet import node_matrix, risk_colour, rows
    from pse.model.validate import matrix_for
    from pse.workbook_print import apply_print_setup, save_workbook

    library = library_for(study)
    all_rows = rows(study, lang, include_suggestions=True)
    node_ids = [n.id for n in study.nodes]
    groups: dict = {nid: [] for nid in node_ids}
    for row in all_rows:
        groups.setdefault(row.node if row.node in groups else None, []).append(row)
    book = Workbook()
    book.remove(book.active)
    meta = book.create_sheet(META_SHEET)
    meta.append([FORMAT, lang, _dt.date.today().isoformat()])
    headers = [_l(k, lang) for k in SHEET_KEYS] + [_l("row_hash", lang)]
    wrap = Alignment(wrap_text=True, vertical="top")
    computed_font = Font(italic=True, color="555555")
    fills: dict = {}
    used_matrices: list[str] = []
    for node_id, members in groups.items():
        if node_id is None and not members:
            continue
        node = study.get(node_id) if node_id else None
        ws = book.create_sheet(sheet_name(node_id), index=len(book.sheetnames) - 1)
        ws.cell(row=1, column=1, value=f"{_l('hazop', lang)} - {node.id}: {node.name}" if node
                else _l("hazop", lang)).font = Font(bold=True, size=13)
        if node is not None:
            ws.cell(row=2, column=1, value=f"{_l('design_intent', lang)}: {node.design_intent or '-'}").font = \
                Font(bold=True)
            ws.cell(row=3, column=1, value=f"{_l('parameters', lang)}: {', '.join(node.parameters) or '-'}; "
                                           f"{_l('drawings', lang)}: {', '.join(node.drawings) or '-'}")
        m = study.study
        default_matrix = node_matrix(study, node_id)
        ws.cell(row=4, column=1, value=f"{m.title}; rev. {m.revision or '-'}; {m.date or ''}; "
                                       f"{_l('risk', lang)}: {default_matrix}")
        for j, text in enumerate(headers, start=1):
            cell = ws.cell(row=HEADER_ROW, column=j, value=text)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="D9E2EC")
            cell.alignment = wrap
        by_matrix: dict[str, list[int]] = {}
        for i, row in enumerate(members):
            r = HEADER_ROW + 1 + i
            for j, key in enumerate(SHEET_KEYS, start=1):
                value = row.values.get(key, "")
                cell = ws.cell(row=r, column=j, value=value if value != "" else None)
                cell.alignment = wrap
                if key in ("risk", "risk_after"):
                    colour = risk_colour(study, row.matrix, value)
                    if colour:
                        if colour not in fills:   # one style object per colour, shared by every cell
                            fills[colour] = (PatternFill("solid", fgColor=colour.lstrip("#").upper()),
                                             _font_for(colour))
                        cell.fill, cell.font = fills[colour]
                elif key in COMPUTED:
                    cell.font = computed_font
            if not row.counts:
                ws.cell(row=r, column=SHEET_KEYS.index("origin") + 1, value=row.values["origin"]).fill = \
                    PatternFill("solid", fgColor="FFF59D")
            ws.cell(row=r, column=len(SHEET_KEYS) + 1, value=row_hash(row.values))
            meta.append([ws.title, r, row.row_id, row_hash(row.values),
                         json.dumps({k: normal(row.values.get(k)) for k in SHEET_KEYS}, ensure_ascii=False)])
            by_matrix.setdefault(row.matrix, []).append(r)
        last = HEADER_ROW + len(members) + 200
        by_matrix.setdefault(default_matrix, [])
        for name, row_numbers in by_matrix.items():
            if name not in used_matrices:
                used_matrices.append(name)
            matrix = matrix_for(study, name)
            ranges = _runs(row_numbers)   # contiguous runs: one range each (openpyxl's add() is O(ranges))
            if name == default_matrix:
                ranges.append((HEADER_ROW + len(members) + 1, last))
            for keys, allowed in ((("severity", "severity_after"), matrix.severity_ids),
                                  (("likelihood", "likelihood_after"), matrix.likelihood_ids)):
                dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True,
                                    showErrorMessage=True, errorTitle=name,
                                    error=f"{name}: choose one of {', '.join(allowed)}")
                ws.add_data_validation(dv)
                for key in keys:
                    col = _letter(SHEET_KEYS.index(key) + 1)
                    for lo, hi in ranges:
                        dv.add(f"{col}{lo}:{col}{hi}")
        parameters = [library.parameter(p) for p in node.parameters] if node and node.parameters else \
            [p for p in library.parameters if p not in library.excluded_parameters]
        lists = {"guide_word": [g for g in library.guide_words if g not in library.excluded_guide_words],
                 "parameter": parameters, "category": list(CATEGORIES), "lopa_by_hand": ["Y", "N"]}
        for key, allowed in lists.items():
            dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle=_l(key, lang),
                                error=f"{', '.join(allowed)}")
            ws.add_data_validation(dv)
            col = _letter(SHEET_KEYS.index(key) + 1)
            dv.add(f"{col}{HEADER_ROW + 1}:{col}{last}")
        widths = {"cause": 38, "consequence": 42, "safeguards": 42, "recommendations": 40, "deviation": 20,
                  "notes": 30, "row_id": 22, "deviation_id": 24, "cause_id": 12, "consequence_id": 14}
        for j, key in enumerate(SHEET_KEYS, start=1):
            ws.column_dimensions[_letter(j)].width = widths.get(key, 11)
        ws.column_dimensions[_letter(len(SHEET_KEYS) + 1)].hidden = True
        for i, row in enumerate(members):   # wrapped text: give each row the height its longest cell needs
            lines = max(sum(1 + len(part) // max(1, int(widths.get(key, 11) * 0.9)) for part in
                            str(row.values.get(key, "")).split("\n")) for key in SHEET_KEYS)
            ws.row_dimensions[HEADER_ROW + 1 + i].height = 15 * max(1, lines)
        ws.row_dimensions[HEADER_ROW].height = 30
        apply_print_setup(ws, study, header_rows=(HEADER_ROW, HEADER_ROW), paper="A3", first_data_row=HEADER_ROW + 1)
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
        ws.auto_filter.ref = f"A{HEADER_ROW}:{_letter(len(SHEET_KEYS))}{HEADER_ROW + max(1, len(members))}"
    _legend(book.create_sheet(LEGEND_SHEET, index=len(book.sheetnames) - 1), study, used_matrices
            or [study.risk_matrix], lang)
    apply_print_setup(book[LEGEND_SHEET], study, paper="A4")
    meta.sheet_state = "hidden"
    save_workbook(book, path)


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


class WorkbookError(Exception):
    """Problems in a workbook, each one line naming sheet, row and column."""

    def __init__(self, workbook: str, messages: list[str]):
        self.workbook = workbook
        self.messages = messages
        super().__init__("\n".join(f"{workbook}: {m}" for m in messages))

    @property
    def problems(self):
        from pse.model.errors import Problem

        return [Problem(self.workbook, None, "", m) for m in self.messages]


def _read_meta(book, shown: str):
    if META_SHEET not in book.sheetnames:
        raise WorkbookError(shown, [f"sheet '{META_SHEET}' is missing: this is not a workbook written by "
                                    "`pse hazop export`"])
    meta = book[META_SHEET]
    first = [c.value for c in meta[1]]
    if not first or first[0] != FORMAT:
        raise WorkbookError(shown, [f"sheet '{META_SHEET}': unknown format {first[0] if first else None!r} "
                                    f"(expected {FORMAT})"])
    lang = first[1] or "en"
    base: dict = {}
    for values in meta.iter_rows(min_row=2, values_only=True):
        if not values or values[0] is None:
            continue
        sheet, row, row_id, digest, data = values[:5]
        base[(sheet, str(row_id))] = (int(row), str(digest), json.loads(data))
    return lang, base


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
        try:
            return _dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            self.errors.append(f"{cell.where()}: {value!r} is not a date (YYYY-MM-DD)")
            return value


_LOPA = {"y": "Y", "yes": "Y", "true": "Y", "是": "Y", "n": "N", "no": "N", "false": "N", "否": "N"}


def _lines(text: str) -> list[tuple[Optional[str], str, str]]:
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


def import_workbook(study_path, workbook_path, dry_run: bool = False) -> ImportResult:
    """Merge the edits of a HAZOP workbook into the study by row ID (see the module docstring)."""
    import openpyxl

    from pse.hazop.library import library_for
    from pse.hazop.worksheet import node_matrix, rows
    from pse.model import load_study
    from pse.model.loader import display_path

    shown = display_path(workbook_path)
    study = load_study(study_path)
    try:
        book = openpyxl.load_workbook(workbook_path)
    except (OSError, ValueError, KeyError) as exc:
        raise WorkbookError(shown, [f"cannot read the workbook: {exc}"]) from None
    lang, base = _read_meta(book, shown)
    library = library_for(study)
    current = {row.row_id: row for row in rows(study, lang, include_suggestions=True)}
    errors: list[str] = []
    parser = _Parser(study, library, lang, errors)
    expected = [_l(k, lang) for k in SHEET_KEYS] + [_l("row_hash", lang)]
    sheets = [s for s in book.sheetnames if s not in (META_SHEET, LEGEND_SHEET)]
    node_of_sheet = {sheet_name(n.id): n.id for n in study.nodes}
    edits = []          # (cell position, row kind, row id, node, matrix, changes, workbook values)
    result = ImportResult()
    for name in sheets:
        ws = book[name]
        for j, text in enumerate(expected, start=1):
            found = normal(ws.cell(row=HEADER_ROW, column=j).value)
            if found != text:
                errors.append(f"sheet '{name}', row {HEADER_ROW}, column {_letter(j)}: the header row was edited "
                              f"(found {found!r}, expected {text!r}); keep the exported headers")
        if errors:
            continue
        node_id = node_of_sheet.get(name)
        for r in range(HEADER_ROW + 1, ws.max_row + 1):
            raw = {k: normal(ws.cell(row=r, column=j).value) for j, k in enumerate(SHEET_KEYS, start=1)}
            if not any(raw[k] for k in EDITABLE) and not raw["row_id"]:
                continue
            stored_hash = normal(ws.cell(row=r, column=len(SHEET_KEYS) + 1).value)
            row_id = raw["row_id"]
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
