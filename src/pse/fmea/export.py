"""The FMEA worksheet and ranking as CSV, Markdown and HTML, made column by column.

The files are byte for byte those of :func:`pse.tables.write_all` and :func:`pse.tables.to_markdown` (the golden
tests of ``tests/fmea`` and ``tests/fmea/test_export.py`` compare them), but each cell rule is applied once per
distinct value of a column (``pandas.factorize``, then one take), not once per cell:

- the client's view (:func:`pse.i18n.client_text`, then :func:`pse.i18n.enum_label`: statuses in the run
  language, the package's provenance notes left out) once per distinct text; numbers pass through;
- CSV: :func:`pse.tables.neutral_text` (no cell read as a formula) once per distinct text, then pandas' writer;
- Markdown: :func:`pse.tables.pipe_table`'s cells (escaped, stripped, padded to the column's display width)
  once per distinct text, rows joined by column-wise string concatenation;
- HTML: each distinct (value, AP colour) cell of a column escaped once, rows joined the same way, inside the
  page :func:`pse.tables.to_html` makes for the same sheet.

A column holding anything other than text or whole numbers (never the case in the FMEA views) is converted cell by
cell with the same rules, so the result does not depend on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from pse.registry import RunContext
    from pse.tables import Sheet

#: the column kinds (``pandas.api.types.infer_dtype``) whose distinct values stand for their cells: one type, so
#: no two cells that are equal but print differently (1 and True, 0.0 and -0.0) share a code
DISTINCT_KINDS = ("string", "integer", "empty")


def per_distinct(column: pd.Series, rule, missing):
    """``rule(value)`` of every cell of ``column`` as an object array, computed once per distinct value; cells
    that are NA (None, NaN) get ``missing(value)``.

    >>> import pandas as pd
    >>> per_distinct(pd.Series(["a", None, "a"], dtype=object), str.upper, lambda v: "-").tolist()
    ['A', '-', 'A']
    """
    import numpy as np
    import pandas as pd

    values = column.to_numpy(dtype=object)
    if column.dtype == np.float64:     # by bit pattern: 0.0 and -0.0 print differently; NaN is missing
        floats = column.to_numpy()
        keys = np.where(np.isnan(floats), np.nan, floats).view(np.int64)
        _, first, codes = np.unique(keys, return_index=True, return_inverse=True)
        uniques = pd.Index(floats[first], dtype=object)
        codes = np.where(np.isnan(floats), -1, codes.reshape(-1))
    elif pd.api.types.infer_dtype(column, skipna=True) in DISTINCT_KINDS:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
    else:
        return np.array([missing(v) if v is None or v != v else rule(v) for v in values.tolist()] + [None],
                        dtype=object)[:-1]
    out = np.empty(len(uniques) + 1, dtype=object)
    out[:-1] = [rule(v) for v in uniques.tolist()]
    if (codes < 0).any():
        out = out[codes]
        na = np.flatnonzero(codes < 0)
        out[na] = [missing(values[i]) for i in na.tolist()]
        return out
    return out[codes]


def client_frame(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``pse.tables._client(table, lang)``: each text through :func:`pse.i18n.client_text` and
    :func:`pse.i18n.enum_label`; numbers and missing cells unchanged.  Columns by position (names may repeat)."""
    import pandas as pd

    from pse.i18n import client_text, enum_label

    def rule(value):
        return enum_label(client_text(value), lang)

    columns = {}
    for j in range(table.shape[1]):
        column = table.iloc[:, j]
        if pd.api.types.is_numeric_dtype(column.dtype):
            columns[j] = column
        else:    # the dtype pandas' DataFrame.map infers from the converted cells (ints with None: float64)
            columns[j] = pd.Series(per_distinct(column, rule, lambda v: v), index=table.index,
                                   dtype=object).infer_objects()
    return pd.DataFrame(columns, index=table.index).set_axis(table.columns, axis=1)


def csv_text(client: pd.DataFrame) -> str:
    """The CSV file of :func:`pse.tables.to_csv`: byte-order mark, then every text neutralised
    (:func:`pse.tables.neutral_text`) once per distinct value, written by pandas."""
    import pandas as pd

    from pse.tables import neutral_text

    if not len(client.columns):
        return "\ufeff" + client.to_csv(index=False)
    columns = {}
    for j in range(client.shape[1]):
        column = client.iloc[:, j]
        columns[j] = column if pd.api.types.is_numeric_dtype(column.dtype) else pd.Series(
            per_distinct(column, neutral_text, lambda v: v), index=client.index, dtype=object)
    return "\ufeff" + pd.DataFrame(columns, index=client.index).set_axis(client.columns, axis=1).to_csv(index=False)


def _shown(column: pd.Series, rule):
    """``rule(str(v))`` of every cell as shown (missing cells as ``""``, like ``display_table``'s fillna)."""
    return per_distinct(column, lambda v: rule(str(v)), lambda v: rule(""))


def _join_rows(parts: list, start: str, sep: str, end: str) -> list[str]:
    """Row strings ``start + p0 + sep + p1 ... + end`` from per-column object arrays (element-wise numpy object
    concatenation, one pass per column)."""
    import numpy as np

    if not parts:
        return []
    rows = np.full(len(parts[0]), start, dtype=object)
    for j, part in enumerate(parts):
        rows = rows + (sep if j else "") + part
    return (rows + end).tolist()


def pipe_table(client: pd.DataFrame) -> str | None:
    """:func:`pse.tables.pipe_table` of the table as shown, made per distinct value of each column: cells escaped
    (:func:`pse.tables._markdown_cell`) and stripped, padded to the column's widest display width (at least
    the header's + 2).  None where pse.tables would fall back to tabulate (escape codes, no display width)."""
    import numpy as np

    from pse.tables import _markdown_cell, _text_width

    headers = [_markdown_cell(c) for c in client.columns]
    if not headers or any("\x1b" in h for h in headers):
        return None
    padded, widths = [], []
    for j, header in enumerate(headers):
        cells = _shown(client.iloc[:, j], lambda text: _markdown_cell(text).strip())
        codes, uniques = _factorize_text(cells)
        unique_widths = np.array([_text_width(u) for u in uniques], dtype=np.int64)
        header_width = _text_width(header)
        if header_width < 0 or (unique_widths < 0).any() or any("\x1b" in u for u in uniques):
            return None
        width = max(header_width + 2, int(unique_widths.max(initial=0)))
        widths.append((width, header_width))
        padded.append(np.array([u + " " * (width - w) for u, w in zip(uniques, unique_widths.tolist(),
                                                                      strict=True)] + [""], dtype=object)[codes])
    head = "| " + " | ".join(h + " " * (w - hw) for h, (w, hw) in zip(headers, widths, strict=True))
    rule = "|" + "|".join(":" + "-" * (w + 1) for w, _ in widths) + "|"
    return "\n".join([head + " |", rule, *_join_rows(padded, "| ", " | ", " |")])


def _factorize_text(cells):
    """Codes and distinct texts of an object array of str (first-seen order)."""
    import pandas as pd

    codes, uniques = pd.factorize(cells)
    return codes, [str(u) for u in uniques.tolist()]


def to_markdown(sheet: Sheet, client: pd.DataFrame) -> str:
    """:func:`pse.tables.to_markdown` of ``sheet`` (whose client view is ``client``), column by column."""
    from pse.tables import to_markdown as markdown_of

    body = pipe_table(client) if len(client) else None
    if body is None:
        return markdown_of(sheet)
    head = f"### {sheet.title}\n\n" if sheet.title else ""
    return head + body + "\n"


def html_body(sheet: Sheet, client: pd.DataFrame, coloured: dict[str, dict[str, str]]) -> str:
    """The ``<tbody>`` rows of :func:`pse.tables.to_html`: each cell escaped once per distinct value, with the
    background of its AP letter in the ``coloured`` columns (``{column: {letter: colour}}``: the FMEA colour
    rule reads only the column and the value)."""
    import html

    import numpy as np

    parts = []
    for j, name in enumerate(client.columns):
        cells = _shown(client.iloc[:, j], html.escape)
        part = "<td>" + cells + "</td>"
        colours = coloured.get(name)
        if colours:    # the colour rule reads the sheet's own value (before the client's view), like pse.tables
            fill = per_distinct(sheet.table.iloc[:, j], _colour_rule(colours), lambda v: None)
            styled = np.flatnonzero(np.array([bool(f) for f in fill.tolist()], dtype=bool))
            part[styled] = "<td style=\"background:" + fill[styled] + "\">" + cells[styled] + "</td>"
        parts.append(part)
    return "".join(_join_rows(parts, "<tr>", "", "</tr>"))


def _colour_rule(colours: dict[str, str]):
    def rule(value):
        return colours.get(value) if isinstance(value, str) else None

    return rule


def to_html(sheet: Sheet, client: pd.DataFrame, coloured: dict[str, dict[str, str]]) -> str:
    """:func:`pse.tables.to_html` of ``sheet``: the page pse.tables makes for the sheet without rows, with the
    rows of :func:`html_body` in its table body."""
    from dataclasses import replace

    from pse.tables import to_html as html_of

    page = html_of(replace(sheet, table=sheet.table.iloc[:0]))
    return page.replace("<tbody></tbody>", f"<tbody>{html_body(sheet, client, coloured)}</tbody>", 1)


def write_tables(ctx: RunContext, sheets, bases) -> tuple[list[str], list[str]]:
    """Each sheet as ``base.csv``, ``base.md`` and ``base.html``: the client view made once per sheet; returns
    the files written and each sheet's Markdown table (for the report section).  A sheet coloured by another
    rule than :class:`pse.fmea.views.ApColour`, or with scientific columns, is written by pse.tables itself."""
    from pse.tables import _guess_lang, write_all
    from pse.tables import to_markdown as markdown_of

    files, markdown = [], []
    for sheet, base in zip(sheets, bases, strict=True):
        coloured = _coloured(sheet)
        if sheet.scientific or coloured is None:     # not an FMEA view: pse.tables' own path
            written = write_all(sheet=sheet, ctx=ctx, basename=base, formats=("csv", "md", "html"))
            markdown.append(markdown_of(sheet))
            files += written
            continue
        client = client_frame(sheet.table, sheet.lang or _guess_lang(sheet))
        written = [ctx.write_text(f"{base}.csv", csv_text(client))]
        markdown.append(to_markdown(sheet, client))
        written.append(ctx.write_text(f"{base}.md", markdown[-1]))
        written.append(ctx.write_text(f"{base}.html", to_html(sheet, client, coloured)))
        sheet.files = written
        files += written
    return files, markdown


def _coloured(sheet: Sheet) -> dict[str, dict[str, str]] | None:
    """``{column: {letter: colour}}`` of a sheet coloured by :class:`pse.fmea.views.ApColour` ({} uncoloured);
    None for any other colour rule (it may read the row)."""
    from pse.fmea.views import ApColour

    if sheet.colour is None:
        return {}
    if isinstance(sheet.colour, ApColour):
        return {column: sheet.colour.colours for column in sheet.colour.columns}
    return None
