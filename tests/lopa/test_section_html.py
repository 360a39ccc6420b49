"""report.html's LOPA tables written from the data equal what Python-Markdown makes of their Markdown."""

from __future__ import annotations

import markdown as md
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pse.lopa.section_html import cell_html, section_html
from pse.tables import Sheet, to_markdown

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
