"""Excel stage for benchmarks/run.py: the HAZOP workbook of N rows.

Both sides start from the same worksheet rows (``node_groups`` of the generated study, built in
setup) and write the same workbook: per node sheet the heading, the styled header row, every cell
with its style (wrapped text, computed columns in grey italics, risk cells in the matrix colours,
unaccepted suggestions in yellow), the hidden row-hash column, the same row heights and column
widths, dropdowns, frozen header, filter and page setup; the hidden merge-base sheet; the legend.

pse writes it through the one shared workbook writer (:mod:`pse.workbook`, normal mode, because
``study.xlsx`` holds every module's sheets).  The floor writes it with openpyxl's leanest mode,
``Workbook(write_only=True)`` streaming ``WriteOnlyCell`` rows, using pse's pure content helpers
(sheet names, hashes, row heights) so only the writing differs.  :func:`_check` loads both files
and asserts they are equal in content (values, fonts, fills, alignment, dimensions, validations,
print setup).  Run one size by hand with ``python benchmarks/stages_excel.py 1000``.
"""

from __future__ import annotations

LANG = "en"


def _setup(generate):
    def setup(n):
        import tempfile
        from pathlib import Path

        from pse.hazop.excel_write import node_groups
        from pse.model.loader import SourceMap
        from pse.model.validate import validate_document

        study = validate_document(generate.hazop_study(n), SourceMap(), module_checks=False)
        return study, node_groups(study, LANG), Path(tempfile.mkdtemp())

    return setup


def _run(data):
    from pse.hazop.excel_write import workbook_builder
    from pse.workbook import write_workbook

    study, groups, folder = data
    write_workbook(folder / "pse.xlsx", workbook_builder(study, LANG, groups))
    return folder / "pse.xlsx"


# --------------------------------------------------------------------------- the floor: write-only mode
_STYLES: dict = {}


def _styled(ws, value, font=None, fill=None, alignment=None, key=None):
    """A write-only cell with a style; each distinct style registered in the workbook once (by ``key``)."""
    from copy import copy

    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles.cell_style import StyleArray

    cell = WriteOnlyCell(ws, value=value)
    key = key or (font, fill, alignment)
    if key not in _STYLES:
        style = StyleArray()
        if font is not None:
            style.fontId = ws.parent._fonts.add(font)
        if fill is not None:
            style.fillId = ws.parent._fills.add(fill)
        if alignment is not None:
            style.alignmentId = ws.parent._alignments.add(alignment)
        _STYLES[key] = style
    cell._style = copy(_STYLES[key])
    return cell


def _page_setup(ws, study, paper: str, last_col: str, last_row: int, header_row: int | None) -> None:
    """What pse.workbook_print.apply_print_setup sets, written directly (write-only sheets have no max_row)."""
    title = study.study.title or ""
    ws.page_setup.paperSize = "8" if paper == "A3" else "9"   # Worksheet.PAPERSIZE_A3, PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.print_options.horizontalCentered = True
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_area = f"A1:{last_col}{last_row}"
    rev = f"Rev. {study.study.revision}" if study.study.revision else ""
    for header, footer in ((ws.oddHeader, ws.oddFooter), (ws.evenHeader, ws.evenFooter)):
        header.left.text, header.right.text = title.replace("&", "&&"), ws.title.replace("&", "&&")
        footer.left.text, footer.right.text = rev, "&P / &N"
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
        part.size = 8


def _floor_node(book, meta, study, library, node_id, members, used: list) -> None:
    import json

    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter as letter

    from pse.hazop.cells import HEADER_ROW, SHEET_KEYS, SHEET_ROW, font_for, normal, normal_hash, sheet_name
    from pse.hazop.excel_write import COMPUTED_COLOUR, ENUM_KEYS, HEADER_FILL, SUGGESTED_FILL, WIDTHS, row_height
    from pse.hazop.worksheet import COMPUTED, _l, node_matrix, risk_colour
    from pse.i18n import enum_label

    ws = book.create_sheet(sheet_name(node_id, {s.title for s in book.worksheets}), index=len(book.worksheets) - 1)
    meta.append([SHEET_ROW, ws.title, node_id])
    for j, key in enumerate(SHEET_KEYS, start=1):
        ws.column_dimensions[letter(j)].width = WIDTHS.get(key, 11)
    ws.column_dimensions[letter(len(SHEET_KEYS) + 1)].hidden = True
    ws.row_dimensions[HEADER_ROW].height = 30
    for i, row in enumerate(members):
        ws.row_dimensions[HEADER_ROW + 1 + i].height = row_height(row.values)
    node = study.get(node_id) if node_id else None
    matrix = node_matrix(study, node_id)
    # sheet properties and views are written with the first row in write-only mode: set them first
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{letter(len(SHEET_KEYS))}{HEADER_ROW + max(1, len(members))}"
    _page_setup(ws, study, "A3", letter(len(SHEET_KEYS) + 1), HEADER_ROW + len(members), HEADER_ROW)
    ws.append([_styled(ws, f"{_l('hazop', LANG)} - {node.id}: {node.name}", Font(bold=True, size=13))])
    ws.append([_styled(ws, f"{_l('design_intent', LANG)}: {node.design_intent or '-'}", Font(bold=True))])
    ws.append([f"{_l('parameters', LANG)}: {', '.join(node.parameters) or '-'}; "
               f"{_l('drawings', LANG)}: {', '.join(node.drawings) or '-'}"])
    m = study.study
    ws.append([f"{m.title}; rev. {m.revision or '-'}; {m.date or ''}; {_l('risk', LANG)}: {matrix}"])
    ws.append([])
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append([_styled(ws, _l(k, LANG), Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL), wrap)
               for k in (*SHEET_KEYS, "row_hash")])
    grey = Font(italic=True, color=COMPUTED_COLOUR)
    colours: dict = {}
    for r in members:
        for k in ("risk", "risk_after"):
            if (r.matrix, r.values.get(k)) not in colours:
                colours[(r.matrix, r.values.get(k))] = risk_colour(study, r.matrix, r.values.get(k))
    by_matrix: dict = {}
    for i, row in enumerate(members):
        cells = []
        for key in SHEET_KEYS:
            value = row.values.get(key, "")
            value = enum_label(value, LANG) if key in ENUM_KEYS else value
            value = None if value == "" else value
            colour = colours.get((row.matrix, value)) if key in ("risk", "risk_after") else None
            if colour:
                cells.append(_styled(ws, value, font_for(colour), PatternFill("solid", fgColor=colour.lstrip("#")
                                                                                .upper()), wrap, ("risk", colour)))
            elif key == "origin" and not row.counts:
                cells.append(_styled(ws, value, grey, PatternFill("solid", fgColor=SUGGESTED_FILL), wrap, "yellow"))
            elif key in COMPUTED:
                cells.append(_styled(ws, value, grey, None, wrap, "computed"))
            else:
                cells.append(_styled(ws, value, None, None, wrap, "wrap"))
        normalised = {k: normal(row.values.get(k)) for k in SHEET_KEYS}
        digest = normal_hash(normalised)
        ws.append([*cells, digest])
        meta.append([ws.title, HEADER_ROW + 1 + i, row.row_id, digest, json.dumps(normalised, ensure_ascii=False)])
        by_matrix.setdefault(row.matrix, []).append(HEADER_ROW + 1 + i)
    _floor_validations(ws, study, library, node, len(members), by_matrix, matrix, used)


def _floor_validations(ws, study, library, node, count, by_matrix, default_matrix, used) -> None:
    from openpyxl.utils import get_column_letter as letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from pse.hazop.cells import CATEGORIES, HEADER_ROW, SHEET_KEYS
    from pse.hazop.excel_write import runs
    from pse.hazop.worksheet import _l
    from pse.i18n import enum_label
    from pse.model.validate import matrix_for

    def dropdown(allowed, title, error, ranges):
        dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle=title, error=error)
        ws.data_validations.append(dv)        # write-only sheets have no add_data_validation()
        for key, lo, hi in ranges:
            col = letter(SHEET_KEYS.index(key) + 1)
            dv.add(f"{col}{lo}:{col}{hi}")

    last = HEADER_ROW + count + 200
    by_matrix.setdefault(default_matrix, [])
    for name, numbers in by_matrix.items():
        used.append(name) if name not in used else None
        matrix = matrix_for(study, name)
        spans = runs(numbers) + ([(HEADER_ROW + count + 1, last)] if name == default_matrix else [])
        for keys, allowed in ((("severity", "severity_after"), matrix.severity_ids),
                              (("likelihood", "likelihood_after"), matrix.likelihood_ids)):
            dropdown(allowed, name, f"{name}: choose one of {', '.join(allowed)}",
                     [(k, lo, hi) for k in keys for lo, hi in spans])
    parameters = [library.parameter(p) for p in node.parameters]
    lists = {"guide_word": [g for g in library.guide_words if g not in library.excluded_guide_words],
             "parameter": parameters, "category": [enum_label(c, LANG) for c in CATEGORIES], "lopa_by_hand": ["Y", "N"]}
    for key, allowed in lists.items():
        dropdown(allowed, _l(key, LANG), ", ".join(allowed), [(key, HEADER_ROW + 1, last)])


def _floor_legend(book, study, names) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    from pse.hazop.cells import LEGEND_SHEET, font_for
    from pse.hazop.library import text
    from pse.hazop.worksheet import _l
    from pse.model.validate import matrix_for

    ws = book.create_sheet(LEGEND_SHEET, index=len(book.worksheets) - 1)
    for col, width in (("A", 22), ("B", 24), ("C", 60)):
        ws.column_dimensions[col].width = width
    bold = Font(bold=True)
    lines: list = [[_styled(ws, _l("legend", LANG), Font(bold=True, size=13))], []]
    for name in names:
        matrix = matrix_for(study, name)
        lines.append([_styled(ws, f"{name}: {text(dict(matrix.spec.name), LANG)}", bold)])
        lines.append([_styled(ws, f"{_l('severity', LANG)} \\ {_l('likelihood', LANG)}", bold)]
                     + [_styled(ws, lik, bold) for lik in matrix.likelihood_ids])
        for sev in matrix.severity_ids:
            colours = [matrix.describe(matrix.level(sev, lik)).colour for lik in matrix.likelihood_ids]
            lines.append([_styled(ws, sev, bold)] + [
                _styled(ws, matrix.level(sev, lik), font_for(c), PatternFill("solid", fgColor=c.lstrip("#").upper()),
                        Alignment(horizontal="center")) for lik, c in zip(matrix.likelihood_ids, colours, strict=True)])
        lines += [[], [_styled(ws, _l(k, LANG), bold) for k in ("level", "name", "action", "acceptable")]]
        for level in matrix.level_values:
            info = matrix.describe(level)
            action = text(dict(info.action), LANG)
            ws.row_dimensions[len(lines) + 1].height = 15 * (1 + len(action) // 60)
            lines.append([_styled(ws, level, font_for(info.colour), PatternFill(
                "solid", fgColor=info.colour.lstrip("#").upper())), text(dict(info.name), LANG),
                _styled(ws, action, alignment=Alignment(wrap_text=True)), "Y" if info.acceptable else "N"])
        lines += [[], []]
    while lines and not lines[-1]:
        lines.pop()
    width = max([4] + [1 + len(matrix_for(study, n).likelihood_ids) for n in names])
    for j in range(4, width + 1):   # pse's print setup touches every used column: openpyxl's default width 13
        ws.column_dimensions[chr(ord("A") + j - 1)].width = 13
    _page_setup(ws, study, "A4", chr(ord("A") + width - 1), len(lines), None)
    for line in lines:
        ws.append(line)


def _floor(data):
    import datetime as dt

    from openpyxl import Workbook

    from pse.hazop.cells import FORMAT, META_SHEET
    from pse.hazop.library import library_for

    study, groups, folder = data
    _STYLES.clear()
    book = Workbook(write_only=True)
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.append([FORMAT, LANG, dt.date.today().isoformat()])
    library, used = library_for(study), []
    for node_id, members in groups.items():
        if node_id is not None or members:
            _floor_node(book, meta, study, library, node_id, members, used)
    _floor_legend(book, study, used or [study.risk_matrix])
    book.save(folder / "floor.xlsx")
    return folder / "floor.xlsx"


# --------------------------------------------------------------------------- equal in content
def _sheet_content(ws) -> dict:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            font, fill, al = c.font, c.fill, c.alignment
            cells[c.coordinate] = (c.value, bool(font.b), bool(font.i), font.sz, font.color.rgb if font.color else None,
                                   fill.fill_type, fill.fgColor.rgb if fill.fill_type else None, bool(al.wrap_text),
                                   al.vertical, al.horizontal)
    cells = {k: v for k, v in cells.items() if v[0] is not None or v[1:] != (False, False, 11, None, None, None,
                                                                               False, None, None)}
    return {
        "state": ws.sheet_state, "cells": cells, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
        "widths": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items() if d.width or d.hidden},
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        "validations": sorted((str(dv.sqref), dv.formula1, dv.errorTitle, dv.error)
                              for dv in ws.data_validations.dataValidation),
        "print": (ws.print_title_rows, ws.page_setup.paperSize, ws.page_setup.orientation, ws.page_setup.fitToWidth,
                  ws.page_setup.fitToHeight, ws.oddHeader.left.text, ws.oddHeader.right.text, ws.oddFooter.right.text),
    }


def _check(ours, floor) -> None:
    """The two workbooks have the same sheets, in order, with the same content (see :func:`_sheet_content`)."""
    from openpyxl import load_workbook

    a, b = load_workbook(ours), load_workbook(floor)
    assert a.sheetnames == b.sheetnames, (a.sheetnames, b.sheetnames)
    for name in a.sheetnames:
        left, right = _sheet_content(a[name]), _sheet_content(b[name])
        for key in left:
            if key == "cells":
                diff = {k for k in left["cells"].keys() | right["cells"].keys()
                        if left["cells"].get(k) != right["cells"].get(k)}
                assert not diff, (name, sorted(diff)[:5], [(left["cells"].get(k), right["cells"].get(k))
                                                             for k in sorted(diff)[:3]])
            elif key == "heights" and name == "_pse":
                continue
            else:
                assert left[key] == right[key], (name, key, left[key], right[key])


def stages(Stage, generate):
    return [Stage("excel_hazop", "HAZOP workbook of N rows vs openpyxl write-only mode writing the same workbook",
                  _setup(generate), _run, _floor, sizes=(100, 1_000, 10_000), check=_check)]


if __name__ == "__main__":   # python benchmarks/stages_excel.py 1000: time both once, check equal content
    import sys
    import time

    import generate as gen

    data = _setup(gen)(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    t = time.process_time()
    ours = _run(data)
    t1 = time.process_time()
    theirs = _floor(data)
    t2 = time.process_time()
    _check(ours, theirs)
    print(f"pse {t1 - t:.2f} s, floor {t2 - t1:.2f} s, ratio {(t1 - t) / (t2 - t1):.2f}; content equal")
