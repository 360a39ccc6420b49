"""What report.html shows of a large study: the first rows of each table and drawings of bounded size.

A site study (10^3 scenarios, HAZOP rows, FMEA rows and release sources) would otherwise make a page of
10 MB and millions of DOM nodes that no browser sorts or prints comfortably.  Each table keeps its first
:data:`ROWS_SHOWN` rows (HAZOP: one row per scenario, so safeguards stay with their scenario; FMEA ranking:
the first to act on) and says, under the table, where the full table is (the module's CSV and workbook, and
``study.xlsx``); an embedded PNG larger than :data:`IMAGE_BYTES` is reduced (at most :data:`IMAGE_PX` wide,
palette colours) and links to the full-resolution file.
"""

from __future__ import annotations

import re
from pathlib import Path

#: rows of one table shown in report.html (the full table is in the CSV and the workbooks)
ROWS_SHOWN = 200
#: an embedded PNG larger than this is reduced for the page
IMAGE_BYTES = 400_000
#: width of a reduced PNG (px): sharp on an A4 landscape page at about 150 dpi
IMAGE_PX = 1800


def _labels() -> str:
    return str(Path(__file__).with_name("labels.yaml"))


def full_table_files(files, sheet_files=()) -> list[str]:
    """Where a full table is: the sheet's own CSV/workbook (or the section's), then ``study.xlsx``.

    >>> full_table_files(["hazop/hazop-worksheet.csv", "hazop/hazop-worksheet.md", "hazop/hazop.xlsx"])
    ['hazop/hazop-worksheet.csv', 'hazop/hazop.xlsx', 'study.xlsx']
    """
    own = [f for f in (sheet_files or files) if f.endswith((".csv", ".xlsx"))]
    if sheet_files:
        own += [f for f in files if f.endswith(".xlsx") and f not in own]
    return own + ["study.xlsx"]


def more_note(shown: int, rows: int, files, lang: str) -> str:
    """The note under a shortened table (safe HTML: the file names are escaped links)."""
    import html

    from pse.i18n import label

    links = [f"<a href='{html.escape(f, quote=True)}'>"
             f"{html.escape(label('report_study_workbook', lang, _labels()) if f == 'study.xlsx' else f)}</a>"
             for f in files]
    text = html.escape(label("report_rows_shown", lang, _labels()).format(shown=shown, rows=rows))
    return f"{text} {', '.join(links)}"


_TBODY = re.compile(r"<tbody>(.*?)</tbody>", re.DOTALL)


def cap_html_tables(fragment: str, limit: int, note) -> str:
    """Every ``<tbody>`` of a (safe) fragment cut to its first ``limit`` rows, ``note(shown, rows)`` in a
    ``<tfoot>`` under it (outside the body, so sorting leaves it in place).

    >>> cap_html_tables("<table><tbody><tr><td>1</td></tr><tr><td>2</td></tr></tbody></table>", 1,
    ...                 lambda shown, rows: f"{shown}/{rows}")
    "<table><tbody><tr><td>1</td></tr></tbody><tfoot><tr><td class='more' colspan='99'>1/2</td></tr></tfoot></table>"
    """
    def cut(match) -> str:
        rows = match.group(1).split("</tr>")
        count = len(rows) - 1
        if count <= limit:
            return match.group(0)
        kept = "</tr>".join(rows[:limit]) + "</tr>"
        return (f"<tbody>{kept}</tbody><tfoot><tr><td class='more' colspan='99'>{note(limit, count)}"
                "</td></tr></tfoot>")

    return _TBODY.sub(cut, fragment)


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def cut_markdown_tables(text: str, limit: int) -> tuple[str, list[int]]:
    r"""Markdown with every pipe table cut to its first ``limit`` rows, before it is converted (rows the page
    does not show are never formatted), and the row count of each table, in order.

    A table is a header line starting with ``|`` right after a blank line, a rule line (``|:---|``) and the
    lines up to the next blank line (Python-Markdown's ``tables`` extension).

    >>> cut_markdown_tables("| a |\n|:--|\n| 1 |\n| 2 |\n| 3 |\n\ntext", 2)
    ('| a |\n|:--|\n| 1 |\n| 2 |\n\ntext', [3])
    """
    lines = text.split("\n")
    kept: list[str] = []
    counts: list[int] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        starts_block = i == 0 or not lines[i - 1].strip()
        if (starts_block and line.lstrip().startswith("|") and i + 1 < len(lines)
                and _TABLE_RULE.match(lines[i + 1])):
            end = i + 2
            while end < len(lines) and lines[end].strip():
                end += 1
            counts.append(end - i - 2)
            kept.extend(lines[i:min(end, i + 2 + limit)])
            i = end
            continue
        kept.append(line)
        i += 1
    return "\n".join(kept), counts


def note_cut_tables(fragment: str, counts: list[int], limit: int, note) -> str | None:
    """The ``<tfoot>`` note of :func:`cap_html_tables` under each table :func:`cut_markdown_tables` cut, from
    the row counts it kept; None if the fragment's tables do not match those counts (then convert it whole)."""
    bodies = list(_TBODY.finditer(fragment))
    if len(bodies) != len(counts):
        return None
    parts, last = [], 0
    for match, count in zip(bodies, counts, strict=True):
        shown = match.group(1).count("</tr>")
        if shown != min(count, limit):
            return None
        if count > limit:      # as cap_html_tables writes it: the body up to its last row, then the note
            body = match.group(1)
            parts.append(fragment[last:match.start()] + f"<tbody>{body[:body.rfind('</tr>') + 5]}</tbody>"
                         f"<tfoot><tr><td class='more' colspan='99'>{note(limit, count)}</td></tr></tfoot>")
        else:
            parts.append(fragment[last:match.end()])
        last = match.end()
    return "".join(parts) + fragment[last:]


def page_png(path: Path) -> bytes:
    """The PNG of a drawing as embedded in the page: as written, or reduced when over :data:`IMAGE_BYTES`."""
    data = path.read_bytes()
    if len(data) <= IMAGE_BYTES:
        return data
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        if image.width > IMAGE_PX:
            image = image.resize((IMAGE_PX, round(image.height * IMAGE_PX / image.width)), Image.Resampling.LANCZOS)
        reduced = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        buffer = io.BytesIO()
        reduced.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue() if buffer.tell() < len(data) else data
