"""Every Markdown table of a bundled study's run is what main wrote with pandas' to_markdown (tabulate)."""

from __future__ import annotations

import pytest

from conftest import WORKSHEETS
from test_tables import tabulate_markdown


@pytest.fixture(scope="module")
def run_sheets(tmp_path_factory, monkeypatch_module):
    """The :class:`pse.tables.Sheet` of every Markdown table the zh-TW electronics-plant run writes."""
    import pse.tables
    from pse.run import run_study

    seen = []
    original = pse.tables.to_markdown

    def recording(sheet, *made):         # made: the displayed table and its cells a module made once
        seen.append(sheet)
        return original(sheet, *made)

    monkeypatch_module.setattr(pse.tables, "to_markdown", recording)
    run_study(WORKSHEETS / "electronics-plant.yaml", tmp_path_factory.mktemp("md") / "out", lang="zh-TW")
    return [(sheet, original(sheet)) for sheet in seen]


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_every_markdown_table_of_a_bundled_run_is_unchanged(run_sheets):
    assert len(run_sheets) > 20 and any("|:--" in text for _, text in run_sheets)
    for sheet, text in run_sheets:
        assert text == tabulate_markdown(sheet), sheet.name
