"""Write a worksheet (a pandas DataFrame) as CSV, Markdown, HTML and Excel.

Modules build their worksheets as DataFrames (the "tabular view") and hand them
here, so every export looks alike: bilingual headers, a frozen header row,
wrapped text, scientific number formats for frequencies, and optional cell
colours (for risk levels, tolerable / not tolerable...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pse.sheet_cells import CellStore, style_array, value_key

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Sheet:
    """A worksheet to export: the table plus how to present it."""

    name: str                       # sheet name (Excel: at most 31 characters)
    table: pd.DataFrame
    title: str = ""                 # printed above the table in Excel/HTML
    header_lines: list[str] = field(default_factory=list)   # study metadata lines
    scientific: tuple[str, ...] = ()                        # columns shown as 1.0E-05
    colour: Callable[[str, object, int], str | None] | None = None  # (column, value, row) -> '#RRGGBB'
    widths: dict = field(default_factory=dict)
    validations: dict = field(default_factory=dict)                 # column -> allowed values (Excel dropdown)
    lang: str = ""                  # language of the headers ("" = guessed from them) for "(no rows)"
    study: object = None            # the study, for the printed page header/footer (title, revision)
    files: list[str] = field(default_factory=list)  # where write_all wrote it (report.html names them)
    pages_wide: int = 1             # printed across this many pages, the first column on each (a wide audit table)


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


def display_table(sheet: Sheet, client=None):
    """The table as shown: frequencies in scientific notation, blanks for missing values; provenance notes left
    out and statuses/categories in the sheet's language (:func:`_client`; ``client``: that table if already
    made, e.g. for the CSV, so it is not made twice)."""
    table = _client(sheet.table, sheet.lang or _guess_lang(sheet)) if client is None else client.copy()
    for column in sheet.scientific:
        if column in table.columns:
            table[column] = table[column].map(lambda v: "" if v is None or v != v else _sci(v))
    return _blank_missing(table)


def _blank_missing(table):
    """Missing values as blank text; a numeric column with a gap becomes objects first (pandas 4 will refuse a
    text fill value in a float column; the values shown are the same).

    >>> import pandas as pd
    >>> _blank_missing(pd.DataFrame({"f": [1.5, None], "t": ["a", None]})).to_dict("list")
    {'f': [1.5, ''], 't': ['a', '']}
    """
    for i, (_, column) in enumerate(table.items()):
        if column.dtype.kind in "fc" and column.isna().any():
            table.isetitem(i, column.astype(object))
    return table.fillna("")


def _markdown_cell(value) -> str:
    r"""A cell of a Markdown table: ``|`` and ``\`` escaped, line breaks as ``; ``, so no text shifts a column.

    >>> _markdown_cell("a|b\nc")
    'a\\|b; c'
    """
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "; ")


def to_csv(table, lang: str = "en", client=None) -> str:
    """CSV text with a byte-order mark (written as utf-8-sig) so Excel on a zh-TW Windows reads it as UTF-8,
    not cp950; statuses and categories in ``lang``, the package's provenance notes left out (``client``:
    :func:`_client` of the table if already made)."""
    client = _client(table, lang) if client is None else client
    return "\ufeff" + (csv_text(client) if len(client.columns) else client.to_csv(index=False))


def _client(table, lang: str):
    """The table as the client reads it: provenance notes removed, study enums (status, category) in ``lang``.

    Each distinct value is converted once (a table repeats its statuses, levels and categories row after row).
    """
    from pse.i18n import client_text, enum_label

    done: dict = {}

    def convert(value):
        try:
            key = value_key(value)
            if key in done:
                return done[key]
        except TypeError:                 # unhashable (a list): converted every time
            return enum_label(client_text(value), lang)
        done[key] = converted = enum_label(client_text(value), lang)
        return converted

    return table.map(convert)


def _text_width(text: str) -> int:
    """Columns a text takes in a terminal (``wcwidth``: CJK characters count two), as tabulate measures it."""
    if text.isascii() and text.isprintable():
        return len(text)
    from wcwidth import wcswidth

    return wcswidth(text)


def pipe_table(headers: list[str], columns: list[list[str]]) -> str | None:
    """A Markdown pipe table of text columns, left-aligned and padded to the widest cell of each column.

    The same text, byte for byte, as tabulate's ``pipe`` format with ``disable_numparse`` (what pandas'
    ``to_markdown`` wrote before), without its per-cell type inference: cells are stripped, a column is at
    least its header's width + 2, every cell is padded to the column's display width (wide characters count
    two).  None if a cell has terminal escape codes or no display width (tabulate's own rules then apply).

    >>> print(pipe_table(["ID", "儲槽"], [["S1", "S10 "], ["TK", "a"]]))
    | ID   | 儲槽   |
    |:-----|:-------|
    | S1   | TK     |
    | S10  | a      |
    """
    if not headers or any("\x1b" in h for h in headers):
        return None
    stripped = [[cell.strip() for cell in column] for column in columns]
    header_widths = [_text_width(h) for h in headers]
    padded_columns, widths = [], []
    for header_width, column in zip(header_widths, stripped, strict=True):
        cell_widths = [_text_width(cell) for cell in column]
        if header_width < 0 or any(w < 0 for w in cell_widths) or any("\x1b" in cell for cell in column):
            return None
        width = max(header_width + 2, max(cell_widths, default=0))
        widths.append(width)
        padded_columns.append([cell + " " * (width - w) for cell, w in zip(column, cell_widths, strict=True)])
    head = "| " + " | ".join(h + " " * (w - hw) for h, w, hw in zip(headers, widths, header_widths, strict=True))
    rule = "|" + "|".join(":" + "-" * (w + 1) for w in widths) + "|"
    rows = ["| " + " | ".join(cells) + " |" for cells in zip(*padded_columns, strict=True)]
    return "\n".join([head + " |", rule, *rows])


def markdown_cells(table) -> tuple[list[str], list[list[str]]]:
    """The headers and the columns of a displayed table as Markdown cell texts (:func:`_markdown_cell`)."""
    return ([_markdown_cell(c) for c in table.columns],
            [[_markdown_cell(v) for v in values] for values in columns_of(table)])


def to_markdown(sheet: Sheet, shown=None, cells=None) -> str:
    """Markdown table (frequencies in scientific notation; ``shown``: :func:`display_table` and ``cells``:
    :func:`markdown_cells` of it, if already made)."""
    table = display_table(sheet) if shown is None else shown
    head = f"### {sheet.title}\n\n" if sheet.title else ""
    if not len(table):
        return head + f"_{no_rows(sheet.lang or _guess_lang(sheet))}_\n"
    headers, columns = markdown_cells(table) if cells is None else cells
    body = pipe_table(headers, columns)
    if body is None:
        import pandas as pd

        body = pd.DataFrame(dict(enumerate(columns))).set_axis(headers, axis=1).to_markdown(
            index=False, disable_numparse=True)
    return head + body + "\n"


def columns_of(table) -> list[list]:
    """The values of a DataFrame column by column, as Python lists (one ``tolist`` per column, no per-cell
    indexing; duplicate column names kept apart)."""
    return [table.iloc[:, j].tolist() for j in range(table.shape[1])]


def cell_colours(sheet: Sheet, raw_columns: list[list] | None = None) -> list[list] | None:
    """``sheet.colour(column, value, row)`` of every cell, column by column (None without a colour rule)."""
    if not sheet.colour:
        return None
    raw_columns = columns_of(sheet.table) if raw_columns is None else raw_columns
    colour = sheet.colour
    return [[colour(column, value, i) for i, value in enumerate(values)]
            for column, values in zip(sheet.table.columns, raw_columns, strict=True)]


def _html_rows(shown: list[list], colours: list[list] | None, n_rows: int) -> str:
    import html

    escaped = [[html.escape(str(v)) for v in values] for values in shown]
    rows = []
    for i in range(n_rows):
        tds = []
        for j, values in enumerate(escaped):
            colour = colours[j][i] if colours else None
            tds.append(f"<td style=\"background:{colour}\">{values[i]}</td>" if colour else f"<td>{values[i]}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return "".join(rows)


def to_html(sheet: Sheet, shown=None) -> str:
    """A self-contained HTML page with the table, coloured cells and a title (built column by column;
    ``shown``: :func:`display_table` if already made)."""
    import html

    table = display_table(sheet) if shown is None else shown
    body = _html_rows(columns_of(table), cell_colours(sheet), len(table))
    header = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
    meta = "".join(f"<p>{html.escape(line)}</p>" for line in sheet.header_lines)
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
            f"<title>{html.escape(sheet.title or sheet.name)}</title><style>"
            "body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;font-size:13px}"
            "th,td{border:1px solid #999;padding:3px 6px;vertical-align:top}td{white-space:pre-line}"
            "th{background:#e8eef4}"
            "</style></head><body>"
            f"<h2>{html.escape(sheet.title or sheet.name)}</h2>{meta}"
            f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
            "</body></html>\n")


#: Excel's limit on the characters of one cell (longer text is cut by Excel and LibreOffice)
MAX_CELL_CHARS = 32_767
#: first characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def neutral_text(value):
    """A text a spreadsheet will show, never run: ``'`` before a leading ``= + - @``, tab or CR.

    Numbers written as text (``-1.5``) are left alone: no spreadsheet reads them as formulas.

    >>> neutral_text("=1+2"), neutral_text("-1.5"), neutral_text("Relief valve")
    ("'=1+2", '-1.5', 'Relief valve')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_number(value):
        return "'" + value
    return value


def csv_text(table) -> str:
    """CSV of a DataFrame with every text cell neutralised (:func:`neutral_text`)."""
    return table.map(neutral_text).to_csv(index=False) if len(table.columns) else table.to_csv(index=False)


def check_cell_length(value, path, sheet: str, row: int, column: int) -> None:
    """Refuse a text longer than :data:`MAX_CELL_CHARS` (openpyxl and Excel would cut it silently)."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        from openpyxl.utils import get_column_letter

        from pse.model.errors import Problem, StudyError

        raise StudyError([Problem(str(path), None, "", (
            f"sheet '{sheet}', cell {get_column_letter(column)}{row}: a text of {len(value)} characters is "
            f"longer than a spreadsheet cell holds ({MAX_CELL_CHARS}); shorten it in the study"))])


from pse.workbook_save import save_workbook  # noqa: E402,F401 - its home is pse.workbook_save


def _excel_value(value):
    """A DataFrame value as openpyxl takes it: numpy scalars as Python, NaN as empty."""
    if value is not None and value == value and hasattr(value, "item"):
        value = value.item()  # numpy scalar -> Python
    return None if value != value else value


def _sheet_header(ws, sheet: Sheet) -> int:
    """Title and study lines above the table; returns the header row number.  On a sheet printed several pages
    wide they start in column B: the first column repeats on every page and would print them cut to its width."""
    from openpyxl.styles import Font

    row, column = 1, (2 if sheet.pages_wide > 1 else 1)
    if sheet.title:
        ws.cell(row=row, column=column, value=sheet.title).font = Font(bold=True, size=13)
        row += 1
    for line in sheet.header_lines:
        ws.cell(row=row, column=column, value=line)
        row += 1
    return row + 1 if row > 1 else row


class _Styles:
    """The cell styles of one sheet built once (openpyxl style arrays), copied onto each new cell: setting
    ``font``/``fill``/``alignment`` per cell hashes the style objects every time, which dominated the writing."""

    def __init__(self, ws):
        from openpyxl.styles import Alignment, Font, PatternFill

        self.ws, self.wrap = ws, Alignment(wrap_text=True, vertical="top")
        self.header = style_array(ws, font=Font(bold=True), fill=PatternFill("solid", fgColor="E8EEF4"),
                                  alignment=self.wrap)
        self.cache: dict = {}

    def body(self, colour: str | None, scientific: bool):
        """The style array of a body cell: wrapped, optionally filled and in scientific format."""
        key = (colour, scientific)
        if key not in self.cache:
            from openpyxl.styles import PatternFill

            styles: dict = {"alignment": self.wrap}
            if colour:
                styles["fill"] = PatternFill("solid", fgColor=colour.lstrip("#").upper())
            if scientific:
                styles["number_format"] = "0.00E+00"
            self.cache[key] = style_array(self.ws, **styles)
        return self.cache[key]


class _ColumnValues:
    """The cell value of each distinct table value, converted once (:func:`_excel_value`, provenance notes
    out, enums in ``lang``) and bound once (:meth:`pse.sheet_cells.CellStore.bind`): a column repeats its
    values row after row."""

    def __init__(self, store: CellStore, lang: str):
        self.store, self.lang = store, lang
        self.done: dict[tuple, tuple] = {}
        self.texts: dict[str, tuple] = {}         # the same, for the texts (most values)

    def _convert(self, item) -> tuple:
        from pse.i18n import client_text, enum_label

        value = enum_label(client_text(_excel_value(item)), self.lang)
        too_long = isinstance(value, str) and len(value) > MAX_CELL_CHARS     # refused before openpyxl cuts it
        return value, None if too_long else self.store.bind(value), isinstance(value, float), too_long

    def __call__(self, item) -> tuple:
        if type(item) is str:
            if item not in self.texts:
                self.texts[item] = self._convert(item)
            return self.texts[item]
        try:
            key = value_key(item)
            return self.done[key]
        except KeyError:
            self.done[key] = converted = self._convert(item)
            return converted
        except TypeError:                 # unhashable (a list): converted every time
            return self._convert(item)


def _column_cells(store: CellStore, j: int, raw: list, first_row: int, styles: _Styles, values: _ColumnValues,
                  colours: list | None, scientific: bool) -> list:
    """The body cells of table column ``j``, each a new cell with its style array and its bound value;
    returns the value each cell holds (for the row heights, :func:`_sheet_layout`)."""
    ws, cells = store.ws, store.cells
    plain = styles.body(None, False)
    number = styles.body(None, True) if scientific else plain
    held = []
    texts = values.texts
    for row, item in enumerate(raw, start=first_row):
        kind = type(item)
        if kind is float and item == item:    # a number is its own cell value (what _ColumnValues gives it)
            value, bound, is_float, too_long = item, (item, "n"), True, False
        elif kind is int:
            value, bound, is_float, too_long = item, (item, "n"), False, False
        else:
            converted = texts.get(item) if kind is str else None
            value, bound, is_float, too_long = values(item) if converted is None else converted
        if too_long:
            check_cell_length(value, ws.parent, ws.title, row, j)
        colour = colours[row - first_row] if colours else None
        style = styles.body(colour, scientific and is_float) if colour else (number if is_float else plain)
        if bound is None:                 # a date or time: bound in full (its number format)
            store.put(row, j, value, style)
            held.append(cells[(row, j)]._value)
        else:
            store.make(row, j, bound[0], bound[1], style)
            held.append(bound[0])
    return held


def _sheet_cells(ws, sheet: Sheet, header_row: int) -> dict[int, list]:
    """Header row (bold, filled) and the table's cells (wrapped, scientific formats, colours), column by column.

    Returns the values the cells of each column hold from the header row down (every one of them wrapped).
    """
    store = CellStore(ws)
    styles = _Styles(ws)
    values = _ColumnValues(store, sheet.lang or _guess_lang(sheet))
    raw_columns = columns_of(sheet.table)
    colours = cell_colours(sheet, raw_columns)
    held: dict[int, list] = {}
    for j, (column, raw) in enumerate(zip(sheet.table.columns, raw_columns, strict=True), start=1):
        store.put(header_row, j, str(column), styles.header)
        held[j] = [store.cells[(header_row, j)]._value] + _column_cells(
            store, j, raw, header_row + 1, styles, values, colours[j - 1] if colours else None,
            column in sheet.scientific)
    return held


def _sheet_validations(ws, sheet: Sheet, header_row: int) -> None:
    """Dropdown lists for the columns that take one of a few values."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = list(sheet.table.columns)
    last_row = max(header_row + len(sheet.table) + 200, header_row + 1)
    for column, allowed in sheet.validations.items():
        if column not in columns:
            continue
        letter = get_column_letter(columns.index(column) + 1)
        listed = ",".join(str(a) for a in allowed)
        dv = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True,
                            errorTitle=str(column), error=f"Choose one of: {listed}")
        ws.add_data_validation(dv)
        dv.add(f"{letter}{header_row + 1}:{letter}{last_row}")


def _sheet_layout(ws, sheet: Sheet, header_row: int, held: dict[int, list]) -> None:
    """Column widths, frozen header, filter, and printing: landscape, one page wide, header row repeated.

    Row heights come from the values the cells hold (``held``, :func:`_sheet_cells`), which is what
    :func:`pse.workbook_print.fit_row_heights` would count on the sheet (every cell from the header row down is
    wrapped and in the 11 pt body font), without reading the cells back."""
    from openpyxl.utils import get_column_letter

    from pse.workbook_print import set_row_heights, wrapped_row_lines

    columns = list(sheet.table.columns)
    for j, column in enumerate(columns, start=1):
        width = sheet.widths.get(column) or min(45, max(10, len(str(column)) + 2))
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if columns:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{header_row + max(1, len(sheet.table))}"
    set_row_heights(ws, wrapped_row_lines(ws, header_row, held))
    from pse.workbook_print import apply_print_setup

    apply_print_setup(ws, sheet.study, header_rows=(header_row, header_row), title=sheet.title, fit_rows=False,
                      pages_wide=sheet.pages_wide)


def add_sheets(target, sheets: list[Sheet]) -> None:
    """Write each :class:`Sheet` into ``target`` (a :class:`pse.workbook.WorkbookTarget`), in steps (the
    garbage collector paused: :func:`pse.sheet_cells.collector_paused`)."""
    from pse.sheet_cells import collector_paused

    with collector_paused():
        for sheet in sheets:
            ws = target.create_sheet(sheet.name[:31])
            header_row = _sheet_header(ws, sheet)
            held = _sheet_cells(ws, sheet, header_row)
            _sheet_validations(ws, sheet, header_row)
            _sheet_layout(ws, sheet, header_row, held)


def sheets_builder(sheets: list[Sheet]):
    """A workbook builder (see :mod:`pse.workbook`) writing ``sheets``."""

    def build(target) -> None:
        add_sheets(target, sheets)

    return build


def write_workbook(path, sheets: list[Sheet]) -> None:
    """Excel workbook, one sheet per :class:`Sheet` (openpyxl), written atomically."""
    from pse.workbook import write_workbook as write

    write(path, sheets_builder(sheets))


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
        written.append(ctx.write_workbook(f"{basename}.xlsx", [sheet]))
    sheet.files = list(written)
    return written
