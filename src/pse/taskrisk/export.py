"""Exports of the task risk worksheet in the seed 004 layout: Excel and HTML with grouped,
bilingual header rows, the header block (company, department, date, assessors, reviewer)
and risk-level colours.  CSV and Markdown use the flat table (:mod:`pse.tables`).
"""

from __future__ import annotations

import html

from pse.taskrisk.data import LABELS

WIDTHS = {"task_no": 10, "task_name": 16, "scenario": 36, "g2_hazard_scenario": 40, "g3_existing_controls": 40,
          "engineering": 22, "administrative": 40, "ppe": 16, "g5_measures": 44, "g4_planned_measures": 44,
          "g1_task_process": 20, "hazard_type": 14, "severity": 8, "likelihood": 11, "risk_level": 8,
          "residual_severity": 8, "residual_likelihood": 11, "residual_level": 8}


def _label(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def header_spans(paths: list[tuple]) -> list[tuple[int, int, int, int, str]]:
    """Merged header cells of a multi-level header: ``(row, first column, last column, last row, key)``.

    A column whose path is shorter than the deepest path has its leaf merged down
    to the last header row; equal adjacent group keys merge across.

    >>> header_spans([('g1', 'no'), ('g1', 'name'), ('measures',)])
    [(0, 0, 1, 0, 'g1'), (0, 2, 2, 1, 'measures'), (1, 0, 0, 1, 'no'), (1, 1, 1, 1, 'name')]
    """
    depth = max(len(p) for p in paths)
    spans = []
    for level in range(depth):
        j = 0
        while j < len(paths):
            path = paths[j]
            if level >= len(path):
                j += 1
                continue
            if level == len(path) - 1:  # leaf: one column, down to the last header row
                spans.append((level, j, j, depth - 1, path[level]))
                j += 1
                continue
            k = j
            while k + 1 < len(paths) and len(paths[k + 1]) > level + 1 and paths[k + 1][:level + 1] == path[:level + 1]:
                k += 1
            spans.append((level, j, k, level, path[level]))
            j = k + 1
    return sorted(spans, key=lambda s: (s[0], s[1]))


def _text_colour(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill`` (relative luminance)."""
    r, g, b = (int(fill.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return "FFFFFF" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else "000000"


def _bilingual(key: str, lang: str) -> str:
    other = "en" if lang == "zh-TW" else "zh-TW"
    a, b = _label(key, lang), _label(key, other)
    return a if a == b else f"{a}\n{b}"


def write_sheet(book, ws_name: str, sheet) -> None:
    """Write a :class:`~pse.taskrisk.worksheet.Worksheet` into an openpyxl workbook: the title and header
    block, the seed's grouped header, the rows (risk levels coloured, the cells of one task merged), the
    S/L dropdowns, column widths and frozen header."""
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(ws_name[:31])
    styles = _styles()
    _write_title_block(ws, sheet, styles)
    top = 5
    first_data = _write_header(ws, sheet, top, styles)
    _write_rows(ws, sheet, first_data, styles)
    _merge_task_cells(ws, sheet, first_data)
    _add_dropdowns(ws, sheet, first_data)
    for j, key in enumerate(sheet.keys, start=1):
        ws.column_dimensions[get_column_letter(j)].width = WIDTHS.get(key, 16)
    _fit_header_rows(ws, sheet, top)
    ws.freeze_panes = ws.cell(row=first_data, column=1)
    ws.print_options.gridLines = False
    ws.page_setup.orientation = "landscape"


def _styles() -> dict:
    from openpyxl.styles import Alignment, Border, Side

    thin = Side(style="thin", color="999999")
    return {"border": Border(left=thin, right=thin, top=thin, bottom=thin),
            "wrap": Alignment(wrap_text=True, vertical="top"),
            "centre": Alignment(wrap_text=True, vertical="center", horizontal="center")}


def _write_title_block(ws, sheet, styles: dict) -> None:
    """Rows 1-3: the form's title, whom it applies to, and the header block (company, department, date...)."""
    from openpyxl.styles import Font, PatternFill

    lang = sheet.lang
    ws.cell(row=1, column=1, value=_bilingual(f"risk_assessment_{sheet.version}", lang).replace("\n", " / ")
            ).font = Font(bold=True, size=14)
    ws.cell(row=2, column=1, value=f"({_bilingual(f'applies_{sheet.version}', lang).replace(chr(10), ' / ')})"
            ).font = Font(italic=True)
    column = 1
    for key, value in sheet.header_block:
        c = ws.cell(row=3, column=column, value=_bilingual(key, lang))
        c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="E8EEF4")
        c.alignment, c.border = styles["centre"], styles["border"]
        v = ws.cell(row=3, column=column + 1, value=value)
        v.alignment, v.border = styles["wrap"], styles["border"]
        column += 2
    _fit_header_block(ws, sheet)


def _fit_header_block(ws, sheet) -> None:
    """Row 3 tall enough for the longest header-block label or value in its (worksheet) column."""
    from pse.workbook_print import POINTS_PER_LINE, lines_needed

    widths = [WIDTHS.get(k, 16) for k in sheet.keys]
    lines = max((lines_needed(ws.cell(row=3, column=j + 1).value, widths[j])
                 for j in range(min(len(widths), 2 * len(sheet.header_block)))), default=2)
    ws.row_dimensions[3].height = round(max(2, lines) * POINTS_PER_LINE + 2, 1)


def _write_header(ws, sheet, top: int, styles: dict) -> int:
    """The grouped, bilingual column header from row ``top``; returns the first data row."""
    from openpyxl.styles import Font, PatternFill

    depth = max(len(p) for p in sheet.paths)
    for level, first, last, bottom, key in header_spans(sheet.paths):
        c = ws.cell(row=top + level, column=first + 1, value=_bilingual(key, sheet.lang))
        c.font, c.alignment = Font(bold=True), styles["centre"]
        c.fill = PatternFill("solid", fgColor="D9E2EC" if level < depth - 1 and bottom == level else "E8EEF4")
        for r in range(top + level, top + bottom + 1):
            for col in range(first + 1, last + 2):
                ws.cell(row=r, column=col).border = styles["border"]
        if last > first or bottom > level:
            ws.merge_cells(start_row=top + level, start_column=first + 1, end_row=top + bottom, end_column=last + 1)
    return top + depth


def _fit_header_rows(ws, sheet, top: int) -> None:
    """Header rows tall enough for their (merged, two-language) labels: a label spanning several rows
    shares its lines among them (the print setup fits the data rows only)."""
    from pse.workbook_print import POINTS_PER_LINE, lines_needed

    heights: dict[int, float] = {}
    for level, first, last, bottom, key in header_spans(sheet.paths):
        width = sum(WIDTHS.get(k, 16) for k in sheet.keys[first:last + 1])
        per_row = lines_needed(_bilingual(key, sheet.lang), width) / (bottom - level + 1)
        for r in range(top + level, top + bottom + 1):
            heights[r] = max(heights.get(r, 1.0), per_row)
    for r, lines in heights.items():
        ws.row_dimensions[r].height = round(max(1.0, lines) * POINTS_PER_LINE + 2, 1)


def _write_rows(ws, sheet, first_data: int, styles: dict) -> None:
    """The assessed rows; risk-level cells take the matrix colour, its level name and action as a comment.

    Each cell is made with its value bound once and a copy of its style array (:mod:`pse.sheet_cells`), one
    array per risk colour: the cells openpyxl makes when ``alignment``, ``border``, ``fill`` and ``font`` are
    set one by one on each cell.
    """
    from openpyxl.comments import Comment

    from pse.sheet_cells import CellStore, collector_paused

    lang, store = sheet.lang, CellStore(ws)
    arrays: dict = {}
    with collector_paused():
        for r, values in enumerate(sheet.table.itertuples(index=False), start=first_data):
            for j, (key, value) in enumerate(zip(sheet.keys, values, strict=False), start=1):
                if value is not None and value == value and hasattr(value, "item"):
                    value = value.item()
                if value != value:
                    value = None
                colour = sheet.colour(key, value)
                if colour not in arrays:
                    arrays[colour] = _row_style(ws, styles, colour)
                store.put(r, j, value, arrays[colour])
                if colour:
                    info = sheet.matrix.describe(int(value))
                    name, action = info.name.get(lang, info.name["en"]), info.action.get(lang, info.action["en"])
                    ws._cells[(r, j)].comment = Comment(f"{name}: {action}", "pse")
        store.done()


def _row_style(ws, styles: dict, colour: str | None):
    """The style array of a row cell: wrapped with a border; a risk level filled with its colour, bold and
    centred (set in the order the cells always set them, so the workbook's style lists come out alike)."""
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font, PatternFill

    probe = Cell(ws)
    probe.alignment, probe.border = styles["wrap"], styles["border"]
    if colour:
        probe.fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
        probe.font = Font(bold=True, color=_text_colour(colour))
        probe.alignment = styles["centre"]
    return probe._style


def _merge_task_cells(ws, sheet, first_data: int) -> None:
    """Merge the task columns (number, conditions) over the consecutive rows of one task."""
    start = 0
    for i in range(1, len(sheet.task_ids) + 1):
        if i == len(sheet.task_ids) or sheet.task_ids[i] != sheet.task_ids[start]:
            if i - 1 > start:
                for j, key in enumerate(sheet.keys):
                    if key in sheet.task_columns:
                        ws.merge_cells(start_row=first_data + start, start_column=j + 1,
                                       end_row=first_data + i - 1, end_column=j + 1)
            start = i


def _add_dropdowns(ws, sheet, first_data: int) -> None:
    """Severity and likelihood dropdowns (the matrix's IDs) on the rows and 100 blank rows below."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last_row = first_data + len(sheet.table) + 100
    for key, ids in (("severity", sheet.matrix.severity_ids), ("likelihood", sheet.matrix.likelihood_ids),
                     ("residual_severity", sheet.matrix.severity_ids),
                     ("residual_likelihood", sheet.matrix.likelihood_ids)):
        if key in sheet.keys:
            letter = get_column_letter(sheet.keys.index(key) + 1)
            dv = DataValidation(type="list", formula1=f'"{",".join(ids)}"', allow_blank=True)
            ws.add_data_validation(dv)
            dv.add(f"{letter}{first_data}:{letter}{last_row}")


def write_workbook(path, sheet, summary_tables: list | None = None, heat_map_png: bytes | None = None,
                   study=None) -> None:
    """The worksheet (first sheet) plus a summary sheet, written atomically."""
    from pse.workbook import write_workbook as write

    write(path, workbook_builder(sheet, summary_tables, heat_map_png, study))


def workbook_builder(sheet, summary_tables: list | None = None, heat_map_png: bytes | None = None,
                     study=None):
    """The task-risk workbook as a builder (:mod:`pse.workbook`): for its own ``.xlsx`` and ``study.xlsx``."""

    def build(book) -> None:
        add_sheets(book, sheet, summary_tables, heat_map_png, study)

    return build


def add_sheets(book, sheet, summary_tables: list | None = None, heat_map_png: bytes | None = None,
               study=None) -> None:
    """The worksheet and the summary sheet (counts, unacceptable rows, heat map) in ``book`` (a workbook target),
    both set up to print as forms (A3/A4 landscape, one page wide, header rows repeated:
    :func:`pse.workbook_print.apply_print_setup`)."""
    import io

    from openpyxl.styles import Font

    from pse.workbook_print import apply_print_setup

    write_sheet(book, _label(f"version_{sheet.version}", "en").capitalize() + " worksheet", sheet)
    first = book.sheets[-1] if hasattr(book, "sheets") else book.worksheets[-1]
    first_data = first.freeze_panes and int("".join(ch for ch in first.freeze_panes if ch.isdigit())) or 2
    depth = max(len(p) for p in sheet.paths) if getattr(sheet, "paths", None) else 1
    apply_print_setup(first, study, header_rows=(max(1, first_data - depth), first_data - 1),
                      title=sheet.title, first_data_row=first_data)
    if summary_tables:
        ws = book.create_sheet("Summary")
        row = 1
        for title, table in summary_tables:
            ws.cell(row=row, column=1, value=title).font = Font(bold=True, size=12)
            row += 1
            for j, name in enumerate(table.columns, start=1):
                ws.cell(row=row, column=j, value=str(name)).font = Font(bold=True)
            for values in table.itertuples(index=False):
                row += 1
                for j, value in enumerate(values, start=1):
                    if value is not None and value == value and hasattr(value, "item"):
                        value = value.item()
                    ws.cell(row=row, column=j, value=None if value != value else value)
            row += 2
        if heat_map_png:
            from openpyxl.drawing.image import Image

            image = Image(io.BytesIO(heat_map_png))
            ws.add_image(image, f"A{row + 1}")
        apply_print_setup(ws, study, paper="A4", fit_rows=False)
        if heat_map_png:   # the printed page holds the image: 64 px per default column, 20 px per row
            from openpyxl.utils import get_column_letter

            last_col = get_column_letter(max(ws.max_column, int(image.width / 64) + 2))
            ws.print_area = f"A1:{last_col}{row + int(image.height / 20) + 2}"


def to_html(sheet) -> str:
    """A self-contained HTML page of the worksheet with the seed's grouped, bilingual header."""
    lang = sheet.lang
    depth = max(len(p) for p in sheet.paths)
    rows: list[list[str]] = [[] for _ in range(depth)]
    for level, first, last, bottom, key in header_spans(sheet.paths):
        span = (f' colspan="{last - first + 1}"' if last > first else "") + (
            f' rowspan="{bottom - level + 1}"' if bottom > level else "")
        rows[level].append(f"<th{span}>{html.escape(_bilingual(key, lang)).replace(chr(10), '<br>')}</th>")
    head = "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    body = []
    for values in sheet.table.itertuples(index=False):
        tds = []
        for key, value in zip(sheet.keys, values, strict=False):
            shown = "" if value is None or value != value else str(value)
            colour = sheet.colour(key, value)
            style = (f' style="background:{colour};color:#{_text_colour(colour)};text-align:center;font-weight:bold"'
                     if colour else "")
            tds.append(f"<td{style}>{html.escape(shown).replace(chr(10), '<br>')}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    block = "".join(f"<th>{html.escape(_bilingual(k, lang)).replace(chr(10), '<br>')}</th><td>{html.escape(v)}</td>"
                    for k, v in sheet.header_block)
    title = _bilingual(f"risk_assessment_{sheet.version}", lang).replace("\n", " / ")
    applies = _bilingual(f"applies_{sheet.version}", lang).replace("\n", " / ")
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(title)}</title><style>"
            "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;font-size:13px;margin-bottom:1em}"
            "th,td{border:1px solid #999;padding:3px 6px;vertical-align:top}th{background:#e8eef4}"
            "</style></head><body>"
            f"<h2>{html.escape(title)}</h2><p><em>({html.escape(applies)})</em></p>"
            f"<table><tr>{block}</tr></table>"
            f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table>"
            "</body></html>\n")
