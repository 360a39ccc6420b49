"""Write a worksheet (a pandas DataFrame) as CSV, Markdown, HTML and Excel.

Modules build their worksheets as DataFrames (the "tabular view") and hand them
here, so every export looks alike: bilingual headers, a frozen header row,
wrapped text, scientific number formats for frequencies, and optional cell
colours (for risk levels, tolerable / not tolerable...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional


@dataclass
class Sheet:
    """A worksheet to export: the table plus how to present it."""

    name: str                       # sheet name (Excel: at most 31 characters)
    table: "object"                 # pandas DataFrame
    title: str = ""                 # printed above the table in Excel/HTML
    header_lines: list[str] = field(default_factory=list)   # study metadata lines
    scientific: tuple[str, ...] = ()                        # columns shown as 1.0E-05
    colour: Optional[Callable[[str, object, int], Optional[str]]] = None  # (column, value, row) -> '#RRGGBB'
    widths: dict = field(default_factory=dict)
    validations: dict = field(default_factory=dict)                 # column -> allowed values (Excel dropdown)
    lang: str = ""                  # language of the headers ("" = guessed from them) for "(no rows)"
    study: object = None            # the study, for the printed page header/footer (title, revision)


def _guess_lang(sheet: Sheet) -> str:
    """zh-TW when the title or a header has a CJK character (module sheets are labelled in the run language)."""
    text = sheet.title + "".join(str(c) for c in sheet.table.columns)
    return "zh-TW" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


def no_rows(lang: str = "") -> str:
    from pse.i18n import label

    return label("no_rows", lang or "en")


def _sci(value) -> str:
    try:
        return f"{float(value):.2E}"
    except (TypeError, ValueError):
        return "" if value is None else str(value)


def _display(sheet: Sheet):
    table = _client(sheet.table, sheet.lang or _guess_lang(sheet))
    for column in sheet.scientific:
        if column in table.columns:
            table[column] = table[column].map(lambda v: "" if v is None or v != v else _sci(v))
    return table.fillna("")


def to_csv(table, lang: str = "en") -> str:
    """CSV text with a byte-order mark (written as utf-8-sig) so Excel on a zh-TW Windows reads it as UTF-8,
    not cp950; statuses and categories in ``lang``, the package's provenance notes left out."""
    return "\ufeff" + _client(table, lang).to_csv(index=False)


def _client(table, lang: str):
    """The table as the client reads it: provenance notes removed, study enums (status, category) in ``lang``."""
    from pse.i18n import client_text, enum_label

    return table.map(lambda v: enum_label(client_text(v), lang))


def to_markdown(sheet: Sheet) -> str:
    """Markdown table (frequencies in scientific notation)."""
    table = _display(sheet)
    head = f"### {sheet.title}\n\n" if sheet.title else ""
    body = table.to_markdown(index=False, disable_numparse=True) if len(table) else f"_{no_rows(sheet.lang or _guess_lang(sheet))}_"
    return head + body + "\n"


def to_html(sheet: Sheet) -> str:
    """A self-contained HTML page with the table, coloured cells and a title."""
    import html

    table = _display(sheet)
    cells = []
    for row_index, (_, row) in enumerate(table.iterrows()):
        tds = []
        for column in table.columns:
            raw = sheet.table.iloc[row_index][column]
            colour = sheet.colour(column, raw, row_index) if sheet.colour else None
            style = f' style="background:{colour}"' if colour else ""
            tds.append(f"<td{style}>{html.escape(str(row[column]))}</td>")
        cells.append("<tr>" + "".join(tds) + "</tr>")
    header = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
    meta = "".join(f"<p>{html.escape(line)}</p>" for line in sheet.header_lines)
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(sheet.title or sheet.name)}</title><style>"
            "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;font-size:13px}"
            "th,td{border:1px solid #999;padding:3px 6px;vertical-align:top}th{background:#e8eef4}"
            "</style></head><body>"
            f"<h2>{html.escape(sheet.title or sheet.name)}</h2>{meta}"
            f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(cells)}</tbody></table>"
            "</body></html>\n")


def write_workbook(path, sheets: list[Sheet], study=None) -> None:
    """Excel workbook, one sheet per :class:`Sheet` (openpyxl), written atomically, each sheet set up to print
    as a form (:func:`pse.workbook_print.apply_print_setup`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from pse.i18n import client_text, enum_label
    from pse.workbook_print import apply_print_setup, save_workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name[:31])
        lang = sheet.lang or _guess_lang(sheet)
        row = 1
        if sheet.title:
            ws.cell(row=row, column=1, value=sheet.title).font = Font(bold=True, size=13)
            row += 1
        for line in sheet.header_lines:
            ws.cell(row=row, column=1, value=line)
            row += 1
        if row > 1:
            row += 1
        header_row = row
        columns = list(sheet.table.columns)
        for j, column in enumerate(columns, start=1):
            cell = ws.cell(row=header_row, column=j, value=str(column))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E8EEF4")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for i, (_, record) in enumerate(sheet.table.iterrows()):
            for j, column in enumerate(columns, start=1):
                value = record[column]
                if value is not None and value == value and hasattr(value, "item"):
                    value = value.item()  # numpy scalar -> Python
                if value != value:  # NaN
                    value = None
                value = enum_label(client_text(value), lang)
                cell = ws.cell(row=header_row + 1 + i, column=j, value=value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if column in sheet.scientific and isinstance(value, float):
                    cell.number_format = "0.00E+00"
                colour = sheet.colour(column, record[column], i) if sheet.colour else None
                if colour:
                    cell.fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
        last_row = max(header_row + len(sheet.table) + 200, header_row + 1)
        for column, allowed in sheet.validations.items():
            if column not in columns:
                continue
            from openpyxl.worksheet.datavalidation import DataValidation

            letter = get_column_letter(columns.index(column) + 1)
            listed = ",".join(str(a) for a in allowed)
            dv = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True,
                                showErrorMessage=True, errorTitle=str(column),
                                error=f"Choose one of: {listed}")
            ws.add_data_validation(dv)
            dv.add(f"{letter}{header_row + 1}:{letter}{last_row}")
        for j, column in enumerate(columns, start=1):
            width = sheet.widths.get(column) or min(45, max(10, len(str(column)) + 2))
            ws.column_dimensions[get_column_letter(j)].width = width
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        if columns:
            ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{header_row + len(sheet.table)}"
        apply_print_setup(ws, sheet.study or study, header_rows=(header_row, header_row), title=sheet.title)
    save_workbook(book, path)


def write_all(ctx, basename: str, sheet: Sheet, formats=("csv", "md", "html", "xlsx")) -> list[str]:
    """Write ``sheet`` in each format into a run context; returns the relative file names."""
    written = []
    if "csv" in formats:
        written.append(ctx.write_text(f"{basename}.csv", to_csv(sheet.table, sheet.lang or _guess_lang(sheet))))
    if "md" in formats:
        written.append(ctx.write_text(f"{basename}.md", to_markdown(sheet)))
    if "html" in formats:
        written.append(ctx.write_text(f"{basename}.html", to_html(sheet)))
    if "xlsx" in formats:
        write_workbook(ctx.path(f"{basename}.xlsx"), [sheet])
        written.append(f"{basename}.xlsx")
    return written
