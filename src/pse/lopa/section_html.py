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
#: what may start raw HTML or an autolink in Markdown (such a cell is converted on its own)
RAW_HTML = re.compile(r"<[/!?A-Za-z]")
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


def converted_cells(texts) -> dict[str, str]:
    """``{text: HTML}`` of Markdown table cells (stripped :func:`pse.tables._markdown_cell` texts), as
    :func:`_converted_cell` renders each one, in one Python-Markdown conversion: a one-column table with a row
    per text (cells are converted one by one, so a row does not change another).  A text with ``<`` before a
    letter, ``/``, ``!`` or ``?`` (raw HTML, which may hold ``</td>``; an autolink) is converted on its own, and
    so is every text if the rows do not split back.

    >>> converted_cells(["SG-1 [proposed: R-5]", "a*b*", "<b>&"])
    {'<b>&': '<b>&amp;', 'SG-1 [proposed: R-5]': 'SG-1 [proposed: R-5]', 'a*b*': 'a<em>b</em>'}
    """
    texts = sorted(set(texts))
    alone = [t for t in texts if RAW_HTML.search(t)]
    batch = [t for t in texts if not RAW_HTML.search(t)]
    out = {t: _converted_cell(t) for t in alone}
    if batch:
        converter = _converter()
        converter.reset()
        rendered = converter.convert("| h |\n|:--|\n" + "".join(f"| {t} |\n" for t in batch))
        first, last = f"<tbody>\n<tr>\n{_TD}", "</td>\n</tr>\n</tbody>"
        body = rendered[rendered.find(first) + len(first):rendered.rfind(last)] if first in rendered else ""
        cells = body.split(f"</td>\n</tr>\n<tr>\n{_TD}")
        if len(cells) != len(batch):
            cells = [_converted_cell(t) for t in batch]
        out.update(zip(batch, cells, strict=True))
    return out


def _cell_texts(sheet, shown, cells) -> tuple[str | None, list[str], list[list[str]]]:
    """The title, headers and columns of a sheet's table as stripped Markdown cell texts."""
    from pse.tables import _markdown_cell, display_table, markdown_cells

    shown = display_table(sheet) if shown is None else shown
    headers, columns = markdown_cells(shown) if cells is None else cells
    title = _markdown_cell(sheet.title).strip() if sheet.title else None
    return title, [h.strip() for h in headers], [[c.strip() for c in column] for column in columns]


def _table(title: str | None, headers: list[str], columns: list[list[str]], html: dict) -> str:
    head = "".join(f"{_TH}{html.get(c, c)}</th>\n" for c in headers)
    shown = [[html.get(c, c) for c in column] for column in columns]
    body = "".join("<tr>\n" + "".join(f"{_TD}{cell}</td>\n" for cell in row) + "</tr>\n"
                   for row in zip(*shown, strict=True))
    caption = "" if title is None else f"<h3>{html.get(title, title)}</h3>\n"
    return f"{caption}<table>\n<thead>\n<tr>\n{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"


def table_html(sheet, shown=None, cells=None) -> str:
    """``<h3>`` title and ``<table>`` of a :class:`pse.tables.Sheet`, as Python-Markdown renders its Markdown
    (``shown``: the sheet's :func:`pse.tables.display_table` and ``cells``: its
    :func:`pse.tables.markdown_cells`, if already made)."""
    return section_html([sheet], [shown], [cells])


def section_html(sheets, shown=None, cells=None) -> str:
    """The tables of the LOPA section, one after the other (as one Markdown document renders them);
    ``shown`` / ``cells``: each sheet's displayed table and its Markdown cells if already made (None: made here).
    Every distinct cell text with Markdown characters is converted once, in one conversion for the section."""
    from pse.tables import to_markdown

    shown = shown or [None] * len(sheets)
    cells = cells or [None] * len(sheets)
    parts = [None if not len(sheet.table) else _cell_texts(sheet, table, made)
             for sheet, table, made in zip(sheets, shown, cells, strict=True)]
    texts = {t for part in parts if part for t in (part[0] or "", *part[1], *(c for column in part[2] for c in column))}
    html = converted_cells(t for t in texts if MARKDOWN_CHARACTERS.search(t))
    out = []
    for sheet, table, part in zip(sheets, shown, parts, strict=True):
        if part is None:
            converter = _converter()
            converter.reset()
            out.append(converter.convert(to_markdown(sheet, table)))
        else:
            title, headers, columns = part
            out.append(_table(title, headers, columns, html))
    return "\n".join(out)
