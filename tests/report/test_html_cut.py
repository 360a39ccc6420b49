"""Module HTML cut before it is sanitised gives the page that sanitising it whole and cutting after gave."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pse.report.budget import cap_html_tables
from pse.report.page import cut_html_tables, scrolled, section_parts
from pse.report.safe import sanitize_html


def _table(rows: int, tag: str = "tbody") -> str:
    body = "".join(f"<tr><td onclick='x()'>{i} &lt;b&gt;</td><td><math><mi>x</mi></math></td></tr>"
                   for i in range(rows))
    return f"<table><thead><tr><th>#</th></tr></thead><{tag}>{body}</{tag}></table>"


FRAGMENTS = {
    "tables of every size": "<h3>LOPA</h3>" + _table(250) + "<p>between</p>" + _table(3) + _table(0) + _table(201),
    "a script holding a table": "<script>var t = '" + _table(300) + "';</script>" + _table(250),
    "a body in capitals": _table(250, "TBODY") + _table(300),
    "a body with attributes": "<table><tbody class='x'><tr><td>1</td></tr></tbody></table>" + _table(205),
    "no table": "<p>text</p>",
}


@pytest.mark.parametrize("name", FRAGMENTS)
@pytest.mark.parametrize("limit", [1, 200])
def test_cut_before_sanitising_is_the_page_of_sanitising_whole(name, limit):
    fragment = FRAGMENTS[name]
    files = ["lopa/lopa-worksheet.csv", "lopa/lopa.xlsx"]
    section = SimpleNamespace(module="lopa", html=fragment, markdown="", blocks=None, files=files)
    (part,) = section_parts(section, None, "en", limit)
    from pse.report.budget import full_table_files, more_note

    whole = scrolled(cap_html_tables(sanitize_html(fragment), limit,
                                     lambda shown, rows: more_note(shown, rows, full_table_files(files), "en")))
    assert part.html == whole


def test_rows_beyond_the_limit_are_cut_and_counted():
    cut, counts = cut_html_tables(_table(250) + _table(2), 200)
    assert counts == [250, 2] and cut.count("<tr>") == 1 + 200 + 1 + 2


def test_a_well_formed_fragment_takes_the_cut_path():
    from pse.report.budget import note_cut_tables

    cut, counts = cut_html_tables(FRAGMENTS["tables of every size"], 200)
    assert note_cut_tables(sanitize_html(cut), counts, 200, lambda shown, rows: "more") is not None


def test_table_cells_made_once_per_distinct_value_equal_cells_made_one_by_one():
    import pandas as pd

    from pse.report.page import cell, sheet_table
    from pse.tables import Sheet

    values = [1, 1.0, True, 0.0, -0.0, "a *b*", "a *b*", None, "x\ny", 1]
    sheet = Sheet("T", pd.DataFrame({"v": pd.Series(values, dtype=object)}), lang="en",
                  colour=lambda column, value, row: "#FF0000" if row % 2 else None)
    got = [row[0] for row in sheet_table(sheet).rows]
    from pse.tables import display_table

    shown = display_table(sheet)["v"].tolist()
    assert got == [cell(v, "#FF0000" if i % 2 else None) for i, v in enumerate(shown)]
