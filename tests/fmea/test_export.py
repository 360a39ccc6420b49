"""The FMEA table files made column by column (pse.fmea.export) are byte for byte what pse.tables writes for the
same sheet: on random tables (texts with CJK, Markdown and HTML specials, formula starts, statuses, provenance
notes, blanks; whole numbers; numbers with gaps; floats with NaN; AP letters coloured) and on the
FMEA views of the bundled electronics-plant study in both languages."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import WORKSHEETS
from pse.fmea.export import client_frame, csv_text, to_html, to_markdown
from pse.fmea.views import colour
from pse.tables import Sheet
from pse.tables import to_csv as pse_csv
from pse.tables import to_html as pse_html
from pse.tables import to_markdown as pse_markdown

TEXTS = st.sampled_from(["", " ", "open", "in_progress", "closed", "a|b", "x\\y", "line\nbreak", "<b>&'\"",
                         "=1+2", "-1.5", "@cmd", "加熱器 H-301", "處理中", "  padded  ", "seed 001 case 1; MES 16",
                         "R-01: check [owner, 2027-01-01, open]", "H", "M", "L", "FM-02"])


def _column(kind: str, n: int):
    if kind == "text":
        return st.lists(TEXTS, min_size=n, max_size=n)
    if kind == "gappy text":
        return st.lists(st.one_of(TEXTS, st.none()), min_size=n, max_size=n)
    if kind == "int":
        return st.lists(st.integers(-3, 1000), min_size=n, max_size=n)
    if kind == "gappy int":
        return st.lists(st.one_of(st.integers(1, 10), st.none()), min_size=n, max_size=n)
    # no -0.0: pse.tables' per-value cache keys (float, 0.0) and (float, -0.0) alike and prints a 0.0 cell after
    # a -0.0 one as -0.0; pse.fmea.export keeps each cell's own value
    return st.lists(st.sampled_from([0.0, 1.5, 10.0, float("nan")]), min_size=n, max_size=n)


@st.composite
def tables(draw):
    n = draw(st.integers(0, 12))
    kinds = draw(st.lists(st.sampled_from(["text", "gappy text", "int", "gappy int", "float"]), min_size=1,
                          max_size=6))
    data = {}
    for j, kind in enumerate(kinds):
        values = draw(_column(kind, n))
        data[f"c{j} {kind}"] = pd.Series(values, dtype=object if "gappy" in kind else None)
    data["AP"] = pd.Series(draw(st.lists(st.sampled_from(["H", "M", "L", None]), min_size=n, max_size=n)),
                           dtype=object)
    return pd.DataFrame(data)


def _files(sheet: Sheet, lang: str):
    client = client_frame(sheet.table, lang)
    return csv_text(client), to_markdown(sheet, client), to_html(sheet, client, {"AP": colour(("AP",)).colours})


@given(tables(), st.sampled_from(["en", "zh-TW"]))
def test_random_tables_are_written_as_pse_tables_writes_them(table, lang):
    sheet = Sheet("FMEA", table, "FMEA 表", ["study - site"], colour=colour(("AP",)), lang=lang)
    assert _files(sheet, lang) == (pse_csv(table, lang), pse_markdown(sheet), pse_html(sheet))


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_fmea_views_of_the_plant_are_written_as_pse_tables_writes_them(lang):
    from pse.fmea.module import _sheets
    from pse.model.validate import load_study

    _, sheets = _sheets(load_study(WORKSHEETS / "electronics-plant.yaml"), lang)
    for sheet in sheets[:2]:
        client = client_frame(sheet.table, lang)
        coloured = {name: sheet.colour.colours for name in sheet.colour.columns}
        assert csv_text(client) == pse_csv(sheet.table, lang)
        assert to_markdown(sheet, client) == pse_markdown(sheet)
        assert to_html(sheet, client, coloured) == pse_html(sheet)
