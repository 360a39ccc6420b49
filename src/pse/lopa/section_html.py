"""The HTML of the LOPA section of report.html, built from the tables' data (issue 19).

The section's HTML is what Python-Markdown (extension ``tables``) makes of the sheets' Markdown
(:func:`pse.tables.to_markdown`): a ``<h3>`` title and a ``<table>`` whose cells are all
left-aligned.  Converting 10^3-row Markdown tables took longer than the whole LOPA; here the table
is written directly, column by column, and only a cell whose text holds a character that means
something to Markdown (``\\ ` * _ [ ] ! < > & |``) is converted by Python-Markdown itself (once per
distinct text), so the result is the same HTML, byte for byte (tests/lopa/test_golden.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: characters Python-Markdown's inline patterns, escapes or table splitting react to
MARKDOWN_CHARACTERS = re.compile(r"[\\`*_\[\]!<>&|]")
_TD = '<td style="text-align: left;">'
_TH = '<th style="text-align: left;">'


@lru_cache(maxsize=1)
def _converter():
    import markdown as md

    return md.Markdown(extensions=["tables"])


@lru_cache(maxsize=4096)
def _converted_cell(text: str) -> str:
    """A Markdown table cell as Python-Markdown renders it (a one-cell table converted, its cell kept)."""
    converter = _converter()
    converter.reset()
    rendered = converter.convert(f"| h |\n|:--|\n| {text} |\n")
    start = rendered.index(_TD) + len(_TD)
    return rendered[start:rendered.rindex("</td>")]


def cell_html(value) -> str:
    """A displayed cell value as the HTML Python-Markdown writes for it in a table.

    >>> cell_html("SG-1 (PFD 0.1)"), cell_html("a | b"), cell_html("x\\ny")
    ('SG-1 (PFD 0.1)', 'a | b', 'x; y')
    >>> cell_html("SG-SIF-01 [proposed: R-05]"), cell_html("<b>&")
    ('SG-SIF-01 [proposed: R-05]', '<b>&amp;')
    """
    from pse.tables import _markdown_cell

    text = _markdown_cell(value).strip()
    if MARKDOWN_CHARACTERS.search(text):
        return _converted_cell(text)
    return text


def table_html(sheet, shown=None) -> str:
    """``<h3>`` title and ``<table>`` of a :class:`pse.tables.Sheet`, as Python-Markdown renders its Markdown
    (``shown``: the sheet's :func:`pse.tables.display_table` if already made)."""
    from pse.tables import columns_of, display_table, to_markdown

    if not len(sheet.table):
        converter = _converter()
        converter.reset()
        return converter.convert(to_markdown(sheet, shown))
    shown = display_table(sheet) if shown is None else shown
    columns = [[cell_html(v) for v in values] for values in columns_of(shown)]
    head = "".join(f"{_TH}{cell_html(c)}</th>\n" for c in shown.columns)
    body = "".join("<tr>\n" + "".join(f"{_TD}{cell}</td>\n" for cell in row) + "</tr>\n"
                   for row in zip(*columns, strict=True))
    title = f"<h3>{cell_html(sheet.title)}</h3>\n" if sheet.title else ""
    return f"{title}<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"


def section_html(sheets, shown=None) -> str:
    """The tables of the LOPA section, one after the other (as one Markdown document renders them);
    ``shown``: each sheet's displayed table if already made (None: made here)."""
    shown = shown or [None] * len(sheets)
    return "\n".join(table_html(sheet, table) for sheet, table in zip(sheets, shown, strict=True))
