"""Writing the HAZOP workbook: one sheet per node, the hidden merge base and the legend.

Pipeline (:func:`add_sheets`): :func:`node_groups` -> per node :func:`_node_sheet`
(:func:`_sheet_heading`, :func:`_sheet_rows`, :func:`_sheet_validations`, :func:`_sheet_layout`)
-> :func:`pse.hazop.excel_legend.legend`.  Each node sheet has the node's design intent above the
table, a frozen header row, wrapped text, risk cells filled with the matrix's colours, dropdowns
for guide word, parameter, severity, likelihood, category and the LOPA flag, computed columns in
grey italics, and a hidden last column with each row's hash; the hidden sheet ``_pse`` keeps the
exported values of every row (the merge base of :mod:`pse.hazop.excel_read`).

Speed: the sheets go into the one shared workbook writer (:mod:`pse.workbook`, in normal mode so
``study.xlsx`` holds every module's sheets), so openpyxl's write-only mode is not available here.
The fastest correct path in normal mode is used instead: each distinct cell style is registered
once (:class:`Styles`) and cells are created with that style array, which is what openpyxl does
per cell when ``cell.font = ...`` is assigned, without the per-cell lookups; row heights come from
the cell texts (:func:`pse.workbook_print.lines_needed`), not from a second pass over the cells.
"""

from __future__ import annotations

import datetime as _dt
from copy import copy
from dataclasses import dataclass, field
from typing import Any

from pse.hazop.cells import (
    CATEGORIES,
    FORMAT,
    HEADER_ROW,
    LEGEND_SHEET,
    META_SHEET,
    SHEET_KEYS,
    SHEET_ROW,
    _letter,
    encoded_cells,
    font_for,
    merge_base,
    row_digest,
    sheet_name,
)
from pse.hazop.worksheet import COMPUTED, _l

#: column widths in Excel character units (others: 11)
WIDTHS = {"cause": 38, "consequence": 42, "safeguards": 42, "proposed_safeguards": 36, "recommendations": 40,
          "deviation": 20, "notes": 30, "row_id": 22, "deviation_id": 24, "cause_id": 12, "consequence_id": 14}
HEADER_FILL = "D9E2EC"
SUGGESTED_FILL = "FFF59D"
COMPUTED_COLOUR = "555555"
ENUM_KEYS = ("category", "origin")   # study enums shown in the workbook's language
ROW_POINTS = 15.0          # row height per wrapped line (pse.workbook_print.POINTS_PER_LINE)


def computed_font():
    """The font of the columns pse computes (read-only in the workbook): grey italics."""
    from openpyxl.styles import Font

    return Font(italic=True, color=COMPUTED_COLOUR)


def runs(numbers) -> list[tuple[int, int]]:
    """Sorted row numbers grouped into contiguous ``(first, last)`` runs.

    >>> runs([7, 8, 9, 12, 13, 20])
    [(7, 9), (12, 13), (20, 20)]
    """
    out: list[tuple[int, int]] = []
    for number in sorted(numbers):
        if out and number == out[-1][1] + 1:
            out[-1] = (out[-1][0], number)
        else:
            out.append((number, number))
    return out


class Styles:
    """Cell styles of one workbook, each registered once: ``name -> openpyxl StyleArray``.

    Assigning ``cell.font`` looks the font up in the workbook's font list on every cell; here
    the lookups run once per distinct style and cells share copies of the resulting array.
    """

    def __init__(self, book):
        self.book = book
        self.arrays: dict = {}

    def array(self, name, font=None, fill=None, alignment=None):
        if name not in self.arrays:
            from openpyxl.styles.cell_style import StyleArray

            style = StyleArray()
            if font is not None:
                style.fontId = self.book._fonts.add(font)
            if fill is not None:
                style.fillId = self.book._fills.add(fill)
            if alignment is not None:
                style.alignmentId = self.book._alignments.add(alignment)
            self.arrays[name] = style
        return self.arrays[name]

    def risk(self, colour: str):
        key = ("risk", colour)
        if key in self.arrays:          # the font, fill and alignment are built once per colour
            return self.arrays[key]
        from openpyxl.styles import PatternFill

        return self.array(key, font_for(colour), PatternFill("solid", fgColor=colour.lstrip("#").upper()), self.wrap)

    @property
    def wrap(self):
        from openpyxl.styles import Alignment

        return Alignment(wrap_text=True, vertical="top")


@dataclass
class _Export:
    """What every node sheet of one export shares: the study, language, styles and matrices used."""

    study: Any
    lang: str
    meta: Any                                      # the hidden merge-base sheet
    library: Any
    styles: Styles
    colours: dict = field(default_factory=dict)    # (matrix, level) -> colour or None
    matrices: dict = field(default_factory=dict)   # node -> its rows' matrix (pse.hazop.worksheet.node_matrices)
    used_matrices: list = field(default_factory=list)

    def colour(self, matrix: str, level) -> str | None:
        from pse.hazop.worksheet import risk_colour

        key = (matrix, level)
        if key not in self.colours:
            self.colours[key] = risk_colour(self.study, matrix, level)
        return self.colours[key]


def write_workbook(study, path, lang: str = "en") -> None:
    """Write the HAZOP workbook of a validated study to ``path`` (atomically)."""
    from pse.workbook import write_workbook as write

    write(path, workbook_builder(study, lang))


def workbook_builder(study, lang: str = "en", groups: dict | None = None):
    """The HAZOP workbook as a builder (:mod:`pse.workbook`): for ``hazop.xlsx`` and ``study.xlsx``.

    ``groups``: the rows per node (:func:`node_groups`) when the caller has them already.
    """

    def build(target) -> None:
        add_sheets(target, study, lang, groups)

    return build


def add_sheets(target, study, lang: str = "en", groups: dict | None = None) -> None:
    """The HAZOP sheets in ``target``: merge base, one sheet per node, legend.

    ``groups``: the rows per node (:func:`node_groups`) when the caller has them already.
    """
    from pse.hazop.excel_legend import legend
    from pse.hazop.library import library_for
    from pse.workbook_print import apply_print_setup

    meta = target.create_sheet(META_SHEET)
    meta.append([FORMAT, lang, _dt.date.today().isoformat()])
    from pse.hazop.worksheet import node_matrices
    from pse.sheet_cells import collector_paused

    export = _Export(study, lang, meta, library_for(study), Styles(meta.parent), matrices=node_matrices(study))
    with collector_paused():                          # every cell lives as long as the workbook
        for node_id, members in (node_groups(study, lang) if groups is None else groups).items():
            if node_id is None and not members:
                continue
            ws = target.create_sheet(sheet_name(node_id, set(target.sheetnames)), index=len(target.sheetnames) - 1)
            meta.append([SHEET_ROW, ws.title, node_id])   # the node of each sheet: the import never guesses
            _node_sheet(ws, export, node_id, members)
    sheet = target.create_sheet(LEGEND_SHEET, index=len(target.sheetnames) - 1)
    legend(sheet, study, export.used_matrices or [study.risk_matrix], lang)
    apply_print_setup(sheet, study, paper="A4")
    meta.sheet_state = "hidden"


def node_groups(study, lang: str, all_rows: list | None = None) -> dict:
    """Worksheet rows (suggestions included) per node ID, in the study's node order; None for rows without node."""
    from pse.hazop.worksheet import rows

    groups: dict = {n.id: [] for n in study.nodes}
    for row in rows(study, lang, include_suggestions=True) if all_rows is None else all_rows:
        groups.setdefault(row.node if row.node in groups else None, []).append(row)
    return groups


def _node_sheet(ws, export: _Export, node_id, members) -> None:
    default_matrix = export.matrices.get(node_id, export.study.risk_matrix)
    _sheet_heading(ws, export, node_id, default_matrix)
    by_matrix = _sheet_rows(ws, export, members)
    _sheet_validations(ws, export, node_id, len(members), by_matrix, default_matrix)
    _sheet_layout(ws, members, export.study)


def _sheet_heading(ws, export: _Export, node_id, default_matrix: str) -> None:
    """Node, design intent, parameters and drawings above the table; the header row."""
    from openpyxl.styles import Font, PatternFill

    study, lang = export.study, export.lang
    node = study.get(node_id) if node_id else None
    ws.cell(row=1, column=1, value=f"{_l('hazop', lang)} - {node.id}: {node.name}" if node
            else _l("hazop", lang)).font = Font(bold=True, size=13)
    if node is not None:
        ws.cell(row=2, column=1, value=f"{_l('design_intent', lang)}: {node.design_intent or '-'}").font = \
            Font(bold=True)
        parameters = ", ".join(export.library.term_label("parameter", p, lang) if p in export.library.parameters
                               else p for p in node.parameters)
        ws.cell(row=3, column=1, value=f"{_l('parameters', lang)}: {parameters or '-'}; "
                                       f"{_l('drawings', lang)}: {', '.join(node.drawings) or '-'}")
    m = study.study
    ws.cell(row=4, column=1, value=f"{m.title}; rev. {m.revision or '-'}; {m.date or ''}; "
                                   f"{_l('risk', lang)}: {default_matrix}")
    header = export.styles.array("header", Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL),
                                 export.styles.wrap)
    for j, text in enumerate([_l(k, lang) for k in SHEET_KEYS] + [_l("row_hash", lang)], start=1):
        ws.cell(row=HEADER_ROW, column=j, value=text)._style = copy(header)


def _column_styles(styles: Styles) -> list:
    """The style array of each sheet column: wrapped text, computed columns in grey italics."""
    plain = styles.array("wrap", alignment=styles.wrap)
    computed = styles.array("computed", computed_font(), alignment=styles.wrap)
    return [computed if key in COMPUTED else plain for key in SHEET_KEYS]


def _sheet_rows(ws, export: _Export, members) -> dict[str, list[int]]:
    """The rows (risk cells in the matrix colours, computed cells italic), their hashes and merge base.

    Returns the sheet row numbers per risk matrix (for the dropdowns).  Cells go straight into openpyxl's
    cell store, each value bound once (:class:`pse.sheet_cells.CellStore`), each with a copy of its style.
    """
    from openpyxl.styles import PatternFill

    from pse.sheet_cells import CellStore
    from pse.tables import MAX_CELL_CHARS, check_cell_length

    column_styles = _column_styles(export.styles)
    risk_columns = {SHEET_KEYS.index(k) for k in ("risk", "risk_after")}
    origin_column = SHEET_KEYS.index("origin")
    enum_columns = {SHEET_KEYS.index(k) for k in ENUM_KEYS}
    suggested = export.styles.array("suggested", computed_font(),
                                    PatternFill("solid", fgColor=SUGGESTED_FILL), export.styles.wrap)
    store, meta = CellStore(ws), CellStore(export.meta)
    meta_row = export.meta._current_row
    enums: dict = {}
    by_matrix: dict[str, list[int]] = {}
    for r, row in enumerate(members, start=HEADER_ROW + 1):
        values = row.values
        for j, key in enumerate(SHEET_KEYS):
            value = values.get(key, "")
            if j in enum_columns:         # category and origin in the workbook's language (read back either way)
                value = enums[value] if value in enums else enums.setdefault(value, _enum(value, export.lang))
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                check_cell_length(value, "hazop.xlsx", ws.title, r, j + 1)
            style = column_styles[j]
            if j in risk_columns and (colour := export.colour(row.matrix, value)):
                style = export.styles.risk(colour)
            elif j == origin_column and not row.counts:
                style = suggested
            store.put(r, j + 1, value if value != "" else None, style)
        texts = encoded_cells(values)
        digest = row_digest(texts)
        store.put(r, len(SHEET_KEYS) + 1, digest, None)
        meta_row += 1
        for j, value in enumerate((ws.title, r, row.row_id, digest, merge_base(texts)), start=1):
            meta.put(meta_row, j, value, None)
        by_matrix.setdefault(row.matrix, []).append(r)
    store.done()
    meta.done()
    return by_matrix


def _enum(value, lang: str):
    from pse.i18n import enum_label

    return enum_label(value, lang)


def _dropdown(ws, allowed, title: str, error: str):
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle=title, error=error)
    ws.add_data_validation(dv)
    return dv


def _level_dropdowns(ws, export: _Export, by_matrix: dict, default_matrix: str, new_rows: tuple[int, int]) -> None:
    """Severity and likelihood of each row's matrix (the rows still to be added: the node's matrix)."""
    from pse.model.validate import matrix_for

    by_matrix.setdefault(default_matrix, [])
    for name, row_numbers in by_matrix.items():
        if name not in export.used_matrices:
            export.used_matrices.append(name)
        matrix = matrix_for(export.study, name)
        ranges = runs(row_numbers)   # contiguous runs: one range each (openpyxl's add() is O(ranges))
        if name == default_matrix:
            ranges.append(new_rows)
        for keys, allowed in ((("severity", "severity_after"), matrix.severity_ids),
                              (("likelihood", "likelihood_after"), matrix.likelihood_ids)):
            dv = _dropdown(ws, allowed, name, f"{name}: choose one of {', '.join(allowed)}")
            for key in keys:
                col = _letter(SHEET_KEYS.index(key) + 1)
                for lo, hi in ranges:
                    dv.add(f"{col}{lo}:{col}{hi}")


def _sheet_validations(ws, export: _Export, node_id, count: int, by_matrix: dict, default_matrix: str) -> None:
    """Dropdowns: severity and likelihood by matrix, guide word, parameter, category, LOPA by hand.

    Guide words, parameters and categories are listed as the cells show them (:meth:`HazopLibrary.term_label`,
    :func:`pse.i18n.enum_label`).
    """
    from pse.i18n import enum_label

    study, library, lang = export.study, export.library, export.lang
    last = HEADER_ROW + count + 200
    _level_dropdowns(ws, export, by_matrix, default_matrix, (HEADER_ROW + count + 1, last))
    node = study.get(node_id) if node_id else None
    parameters = [library.parameter(p) for p in node.parameters] if node and node.parameters else \
        [p for p in library.parameters if p not in library.excluded_parameters]
    guide_words = [g for g in library.guide_words if g not in library.excluded_guide_words]
    lists = {"guide_word": [library.term_label("guide word", g, lang) for g in guide_words],
             "parameter": [library.term_label("parameter", p, lang) for p in parameters],
             "category": [enum_label(c, lang) for c in CATEGORIES], "lopa_by_hand": ["Y", "N"]}
    for key, allowed in lists.items():
        col = _letter(SHEET_KEYS.index(key) + 1)
        _dropdown(ws, allowed, _l(key, lang), f"{', '.join(allowed)}").add(f"{col}{HEADER_ROW + 1}:{col}{last}")


def row_height(values: dict) -> float:
    """Height of a worksheet row in points: the wrapped lines of its longest cell x 15 pt.

    Lines as :func:`pse.workbook_print.lines_needed` counts them (CJK characters double width).

    >>> row_height({"cause": "a" * 80}), row_height({"notes": ""})
    (45.0, 15.0)
    """
    lines = max((_lines(values[key], WIDTHS.get(key, 11)) for key in SHEET_KEYS
                 if values.get(key) not in (None, "")), default=1)
    return round(ROW_POINTS * max(1, lines), 1)


def row_heights(rows: list[dict]) -> list[float]:
    """:func:`row_height` of each row, the lines counted for a whole column at once
    (:func:`pse.workbook_print.column_lines`, which counts what :func:`pse.workbook_print.lines_needed` does).

    >>> rows = [{"cause": "a" * 80}, {"notes": ""}, {"cause": "甲" * 20, "notes": "b\\nc"}]
    >>> row_heights(rows), row_heights(rows) == [row_height(values) for values in rows]
    ([45.0, 15.0, 30.0], True)
    """
    from pse.workbook_print import column_lines

    lines = [1] * len(rows)
    for key in SHEET_KEYS:
        counts = column_lines([values.get(key) for values in rows], WIDTHS.get(key, 11))
        lines = [max(a, b) for a, b in zip(lines, counts, strict=True)]
    return [round(ROW_POINTS * n, 1) for n in lines]


def _lines(text, width_chars: float) -> int:
    """:func:`pse.workbook_print.lines_needed`, with a shortcut for one line of ASCII (each character 1 unit wide).

    >>> _lines("a" * 25, 11), _lines("甲" * 10, 11), _lines("a\\nb", 40)
    (3, 2, 2)
    """
    if isinstance(text, str) and text.isascii() and "\n" not in text:
        return max(1, -(-len(text) // int(max(1.0, width_chars - 1.0))))
    from pse.workbook_print import lines_needed

    return lines_needed(text, width_chars)


def _sheet_layout(ws, members, study) -> None:
    """Widths, row heights for wrapped text, A3 landscape one page wide, print titles, frozen header, filter."""
    from pse.workbook_print import apply_print_setup

    for j, key in enumerate(SHEET_KEYS, start=1):
        ws.column_dimensions[_letter(j)].width = WIDTHS.get(key, 11)
    ws.column_dimensions[_letter(len(SHEET_KEYS) + 1)].hidden = True
    for r, height in enumerate(row_heights([row.values for row in members]), start=HEADER_ROW + 1):
        ws.row_dimensions[r].height = height
    ws.row_dimensions[HEADER_ROW].height = 30
    apply_print_setup(ws, study, header_rows=(HEADER_ROW, HEADER_ROW), paper="A3", first_data_row=HEADER_ROW + 1,
                      fit_rows=False)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{_letter(len(SHEET_KEYS))}{HEADER_ROW + max(1, len(members))}"
