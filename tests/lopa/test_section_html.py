"""report.html's LOPA tables written from the data equal what Python-Markdown makes of their Markdown."""

from __future__ import annotations

import markdown as md
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pse.lopa.section_html import _converted_cell, cell_html, converted_cells, section_html
from pse.tables import Sheet, _markdown_cell, to_markdown

TEXT = st.text(alphabet="ab Z09.-()[]:;_*`!<>&|\\\n#+=~'\"{}儲槽過高", max_size=20)


@given(TEXT)
def test_a_cell_is_rendered_as_python_markdown_renders_it(text):
    sheet = Sheet("T", pd.DataFrame({"h": ["x", text]}), "Title")
    expected = md.markdown(to_markdown(sheet), extensions=["tables"])
    assert section_html([sheet]) == expected
    assert cell_html(text) in expected


def test_tables_follow_each_other_as_in_one_document():
    sheets = [Sheet("A", pd.DataFrame({"Scenario": ["S-1", "S-2"], "f (/yr)": [1e-5, None]}), "LOPA",
                    scientific=("f (/yr)",)),
              Sheet("B", pd.DataFrame(), "SIF list"),
              Sheet("C", pd.DataFrame({"SIF": ["SIF-01 [proposed: R-05]"]}), "")]
    expected = md.markdown("\n".join(to_markdown(s) for s in sheets), extensions=["tables"])
    assert section_html(sheets) == expected


@given(st.lists(TEXT, min_size=1, max_size=12))
def test_a_whole_column_is_rendered_as_python_markdown_renders_it(texts):
    """Cells converted together (one Python-Markdown conversion per section) equal the table converted."""
    sheet = Sheet("T", pd.DataFrame({"h": texts}), "Title")
    assert section_html([sheet]) == md.markdown(to_markdown(sheet), extensions=["tables"])


@given(st.lists(TEXT, max_size=12))
def test_cells_converted_together_equal_each_converted_alone(texts):
    cells = [_markdown_cell(t).strip() for t in texts]
    assert converted_cells(cells) == {c: _converted_cell(c) for c in cells}
