"""Workbooks that print as forms: one page setup for every sheet pse writes, and files with the user's umask.

:func:`apply_print_setup` gives an openpyxl worksheet paper size and orientation (A4 or A3 landscape, the wider
sheets on A3), fit to one page wide (``fitToHeight = 0``: as many pages down as needed), the header rows
repeated on every page, the print area, row heights that show wrapped text, and a header/footer with the
study title, revision and page number.  Every workbook writer calls it (``tables.write_workbook``,
``hazop/excel.py``, ``taskrisk/export.py``, ``study.xlsx``); :func:`save_workbook` writes the book atomically
with the permissions of the user's umask (not the 0600 of a temporary file).
"""

from __future__ import annotations

import os
import unicodedata

POINTS_PER_LINE = 15.0          # row height per wrapped line at 11 pt Calibri / 10 pt CJK (LibreOffice, Excel)
A4_WIDTH_CHARS = 160            # columns wider than this (in Excel character units) go to A3


def _text_width(text: str) -> int:
    """Width of a text in Excel character units: East Asian wide/full-width characters count double.

    >>> _text_width("TK-201"), _text_width("儲槽"), _text_width("儲槽 TK")
    (6, 4, 7)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def lines_needed(text, width_chars: float) -> int:
    """Printed lines of ``text`` wrapped in a column ``width_chars`` wide (explicit line breaks kept).

    >>> lines_needed("a" * 25, 11), lines_needed("甲" * 10, 11), lines_needed("a\\nb", 40), lines_needed(None, 8)
    (3, 2, 2, 1)
    """
    if text is None or text == "":
        return 1
    usable = max(1.0, width_chars - 1.0)
    return sum(max(1, -(-_text_width(part) // int(usable))) for part in str(text).split("\n"))


def _wide_codes(codes):
    """Which code points (a numpy uint32 array) are East Asian wide or full-width (``unicodedata``, as
    :func:`_text_width`); each distinct code point above U+10FF looked up once per process."""
    import numpy as np

    wide = np.zeros(codes.shape, dtype=bool)
    high = codes >= 0x1100                      # the first wide character is U+1100 (Hangul Jamo)
    if not high.any():
        return wide
    unknown = [int(c) for c in np.unique(codes[high]) if int(c) not in _WIDE]
    for code in unknown:
        _WIDE[code] = unicodedata.east_asian_width(chr(code)) in "WF"
    wide_set = np.fromiter((c for c, w in _WIDE.items() if w), dtype=np.uint32)
    wide[high] = np.isin(codes[high], wide_set)
    return wide


_WIDE: dict[int, bool] = {}


def column_lines(texts: list, width_chars: float) -> list[int]:
    """:func:`lines_needed` of each text of a column, computed for the whole column at once (numpy).

    Every distinct text is measured once: its parts (split at line breaks) are joined into one array of
    code points, wide characters counted with :func:`_wide_codes`, and each part's lines are
    ``max(1, ceil(width / int(max(1, width_chars - 1))))``, summed per text.

    >>> column_lines(["a" * 25, "甲" * 10, "a\\nb", None, ""], 11)
    [3, 2, 2, 1, 1]
    """
    import numpy as np

    distinct: dict = {}                    # (type, text) -> its index: 1, 1.0 and True print differently
    index = [-1 if text is None or text == "" else distinct.setdefault((type(text), text), len(distinct))
             for text in texts]
    if not distinct:
        return [1] * len(texts)
    parts_of = [str(text).split("\n") for _, text in distinct]
    parts = [part for split in parts_of for part in split]
    joined = "".join(parts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    wide_before = np.concatenate(([0], np.cumsum(_wide_codes(codes))))
    lengths = np.fromiter((len(part) for part in parts), dtype=np.int64, count=len(parts))
    ends = np.cumsum(lengths)
    widths = lengths + wide_before[ends] - wide_before[ends - lengths]
    usable = int(max(1.0, width_chars - 1.0))
    part_lines = np.maximum(1, -(-widths // usable))
    counts = np.fromiter((len(split) for split in parts_of), dtype=np.int64, count=len(parts_of))
    text_lines = np.add.reduceat(part_lines, np.cumsum(counts) - counts)
    lines = text_lines.tolist()
    return [1 if i < 0 else lines[i] for i in index]


def _merged_cells(ws) -> set[tuple[int, int]]:
    """``(row, column)`` of every cell inside a merged range (their text is laid out by the range, not the cell)."""
    return {(r, c) for merged in ws.merged_cells.ranges
            for r in range(merged.min_row, merged.max_row + 1) for c in range(merged.min_col, merged.max_col + 1)}


class _DefaultStyle:
    """The style ids of a cell never styled (openpyxl keeps ``_style`` None until a style is set)."""

    alignmentId = 0
    fontId = 0


_DEFAULT_STYLE = _DefaultStyle()


def _row_lines(ws, first_row: int) -> dict[int, tuple[int, float]]:
    """For every row from ``first_row``: the printed lines of its tallest wrapped cell and its largest font size.

    Only the cells that exist are read (no empty grid cells are created); style lookups are cached per
    style id and the lines are counted column by column (:func:`column_lines`), so the pass is linear in
    the number of cells.
    """
    from openpyxl.utils import get_column_letter

    book = ws.parent
    merged = _merged_cells(ws)
    wraps: dict[int, bool] = {}
    sizes: dict[int, float] = {}
    rows: dict[int, tuple[int, float]] = {}
    wrapped: dict[int, tuple[list[int], list]] = {}
    for (row, column), cell in ws._cells.items():
        if row < first_row or cell.value is None or (row, column) in merged:
            continue
        style = cell._style if cell._style is not None else _DEFAULT_STYLE
        if style.alignmentId not in wraps:
            wraps[style.alignmentId] = bool(book._alignments[style.alignmentId].wrap_text)
        if style.fontId not in sizes:
            sizes[style.fontId] = float(book._fonts[style.fontId].sz or 11.0)
        before = rows.get(row, (1, 0.0))
        rows[row] = (1, max(before[1], sizes[style.fontId]))
        if wraps[style.alignmentId]:
            cells = wrapped.setdefault(column, ([], []))
            cells[0].append(row)
            cells[1].append(cell.value)
    for column, (column_rows, texts) in wrapped.items():
        width = ws.column_dimensions[get_column_letter(column)].width or 8.43
        for row, lines in zip(column_rows, column_lines(texts, width), strict=True):
            if lines > rows[row][0]:
                rows[row] = (lines, rows[row][1])
    return rows


def fit_row_heights(ws, first_row: int = 1, font_points: float = 11.0) -> None:
    """Set each row's height to show all its wrapped text (lines estimated from text length and column width).

    Height = lines x :data:`POINTS_PER_LINE` x (largest font size of the row / ``font_points``, at least 1).
    """
    for row, (lines, size) in _row_lines(ws, first_row).items():
        if lines > 1:
            scale = (size or font_points) / font_points
            ws.row_dimensions[row].height = round(lines * POINTS_PER_LINE * max(scale, 1.0), 1)


def wrapped_row_lines(ws, first_row: int, columns: dict[int, list]) -> dict[int, int]:
    """The printed lines of the tallest wrapped cell of each row, from the values a writer put in: ``columns``
    maps a column number to the values of its cells from ``first_row`` down (None: no value), every one of them
    wrapped.  The count :func:`fit_row_heights` makes by reading the cells (:func:`column_lines` per column at
    the column's width), without reading them back.

    >>> from openpyxl import Workbook
    >>> ws = Workbook().active
    >>> ws.column_dimensions["A"].width = 11
    >>> wrapped_row_lines(ws, 5, {1: ["a" * 25, None, "a"]})
    {5: 3, 7: 1}
    """
    from openpyxl.utils import get_column_letter

    lines: dict[int, int] = {}
    for column, values in columns.items():
        width = ws.column_dimensions[get_column_letter(column)].width or 8.43
        rows = [row for row, value in enumerate(values, start=first_row) if value is not None]
        for row, count in zip(rows, column_lines([v for v in values if v is not None], width), strict=True):
            if count > lines.get(row, 0):
                lines[row] = count
    return lines


def set_row_heights(ws, lines: dict[int, int]) -> None:
    """Each row of more than one line as tall as its lines (``row -> lines``) in the 11 pt body font: what
    :func:`fit_row_heights` sets for a row whose largest font is 11 pt or smaller."""
    for row, count in lines.items():
        if count > 1:
            ws.row_dimensions[row].height = round(count * POINTS_PER_LINE * 1.0, 1)


def _total_width(ws) -> float:
    from openpyxl.utils import get_column_letter

    return sum((ws.column_dimensions[get_column_letter(j)].width or 8.43) for j in range(1, ws.max_column + 1))


def apply_print_setup(ws, study=None, header_rows: tuple[int, int] | None = None, title: str = "",
                      paper: str | None = None, fit_rows: bool = True, first_data_row: int = 1,
                      pages_wide: int = 1) -> None:
    """Page setup of one worksheet so it prints as a form.

    ``header_rows``: first and last row repeated on every page (e.g. ``(4, 4)``); ``title``: the sheet's
    title for the page header (default: the study title); ``paper``: ``"A4"`` or ``"A3"`` (default: A3 when
    the columns are wider than an A4 landscape page holds at a legible size); ``pages_wide``: the width of
    the sheet spread over that many pages, its first column (the row's ID) repeated on each and the pages of
    one band of rows printed side by side before the next band (``overThenDown``), so a row reads across
    consecutive pages.
    """
    from openpyxl.utils import get_column_letter

    meta = getattr(study, "study", None)
    study_title = getattr(meta, "title", "") or ""
    revision = getattr(meta, "revision", None)
    width = _total_width(ws)
    paper = paper or ("A3" if width > A4_WIDTH_CHARS else "A4")
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if paper == "A3" else ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = pages_wide
    ws.page_setup.fitToHeight = 0
    if pages_wide > 1:
        ws.print_title_cols = "A:A"
        ws.page_setup.pageOrder = "overThenDown"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.print_options.horizontalCentered = True
    if header_rows:
        ws.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    last_col = get_column_letter(max(1, ws.max_column))
    ws.print_area = f"A1:{last_col}{max(1, ws.max_row)}"
    if fit_rows:
        fit_row_heights(ws, first_data_row)
    left = _escape(study_title)
    right = _escape(title or ws.title)
    ws.oddHeader.left.text, ws.oddHeader.left.size = left, 8
    ws.oddHeader.right.text, ws.oddHeader.right.size = right, 8
    rev = f"Rev. {_escape(revision)}" if revision else ""
    ws.oddFooter.left.text, ws.oddFooter.left.size = rev, 8
    ws.oddFooter.right.text, ws.oddFooter.right.size = "&P / &N", 8
    ws.evenHeader.left.text, ws.evenHeader.right.text = left, right
    ws.evenFooter.left.text, ws.evenFooter.right.text = rev, "&P / &N"


def _escape(text) -> str:
    return str(text).replace("&", "&&")


def with_umask(path) -> None:
    """Give a file written through a temporary file (mode 0600) the permissions of the user's umask."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def save_workbook(book, path) -> None:
    """Save an openpyxl workbook atomically, every text cell as text, with the permissions of the user's umask."""
    from pse.tables import save_workbook as save_as_text

    save_as_text(book, path)
    with_umask(path)
