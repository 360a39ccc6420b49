"""The ``Legend`` sheet of the HAZOP workbook: every risk matrix used, its cells and its levels."""

from __future__ import annotations

from pse.hazop.worksheet import _l


def legend(ws, study, names, lang) -> None:
    """For each matrix in ``names``: the severity x likelihood grid in colour, then the level table."""
    from openpyxl.styles import Font

    from pse.hazop.library import text
    from pse.model.validate import matrix_for

    ws.cell(row=1, column=1, value=_l("legend", lang)).font = Font(bold=True, size=13)
    r = 3
    for name in names:
        matrix = matrix_for(study, name)
        ws.cell(row=r, column=1, value=f"{name}: {text(dict(matrix.spec.name), lang)}").font = Font(bold=True)
        r = _grid(ws, matrix, r + 1, lang)
        r = _levels(ws, matrix, r + 2, lang) + 3
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 60
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _grid(ws, matrix, r: int, lang: str) -> int:
    """The matrix's cells from row ``r``: likelihoods across, severities down; returns the last row."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from pse.hazop.cells import font_for

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
            cell.font = font_for(colour)
            cell.alignment = Alignment(horizontal="center")
    return r


def _levels(ws, matrix, r: int, lang: str) -> int:
    """The level table from row ``r``: level, name, required action, acceptable; returns the last row."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from pse.hazop.cells import font_for
    from pse.hazop.library import text

    for j, key in enumerate(("level", "name", "action", "acceptable"), start=1):
        ws.cell(row=r, column=j, value=_l(key, lang)).font = Font(bold=True)
    for level in matrix.level_values:
        r += 1
        info = matrix.describe(level)
        cell = ws.cell(row=r, column=1, value=level)
        cell.fill = PatternFill("solid", fgColor=info.colour.lstrip("#").upper())
        cell.font = font_for(info.colour)
        ws.cell(row=r, column=2, value=text(dict(info.name), lang))
        ws.cell(row=r, column=3, value=text(dict(info.action), lang)).alignment = Alignment(wrap_text=True)
        ws.cell(row=r, column=4, value="Y" if info.acceptable else "N")
        ws.row_dimensions[r].height = 15 * (1 + len(text(dict(info.action), lang)) // 60)
    return r
