"""report.html of a generated site with more rows than a page shows: bounded size, every table cut to its first
rows with a note naming where the full table is, HAZOP rows one per scenario (safeguards stay with it)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from pse.report.budget import ROWS_SHOWN

ROOT = Path(__file__).resolve().parents[2]
N = ROWS_SHOWN + 60          # more rows of each kind than one table shows


def _generate():
    spec = importlib.util.spec_from_file_location("pse_benchmarks_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """``pse run`` of a generated site: N LOPA scenarios, N HAZOP rows, N FMEA rows (zoning left out: its drawing
    is the zoning module's, and slow to draw)."""
    from pse.run import run_study

    data = _generate().site_study(N)
    for key in ("release_sources", "substances", "rooms"):
        data.pop(key, None)
    tmp = tmp_path_factory.mktemp("site")
    path = tmp / "site.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    run_study(path, tmp / "out", lang="en")
    return tmp / "out"


def test_site_report_stays_small(site):
    size = (site / "report.html").stat().st_size
    # measured 0.84 MB at N = 260; uncut, the page grew by about 11 kB per object (11 MB at N = 1000)
    assert size < 1_500_000, size


def test_every_table_is_cut_and_says_where_the_full_table_is(site):
    page = (site / "report.html").read_text(encoding="utf-8")
    bodies = re.findall(r"<tbody>(.*?)</tbody>(<tfoot>.*?</tfoot>)?", page, flags=re.DOTALL)
    assert max(body.count("<tr") for body, _ in bodies) <= ROWS_SHOWN
    notes = [foot for body, foot in bodies if foot]
    assert len(notes) >= 4                                  # HAZOP, LOPA, FMEA worksheet and ranking, trace
    for foot in notes:
        assert f"first {ROWS_SHOWN} of" in foot and "href='study.xlsx'" in foot, foot
        for target in re.findall(r"href='([^']+)'", foot):
            assert (site / target).is_file(), target        # the note names files that were written
    hazop = page[page.index("id='m-hazop'"):page.index("id='m-lopa'")]
    assert "hazop/hazop-worksheet.csv" in hazop and "hazop/hazop.xlsx" in hazop
    lint = page[page.index("class='summary'"):page.index("id='m-hazop'")]
    assert "more findings of this rule" in lint and lint.count("<li>") <= 50 * 10     # 50 findings per rule


def test_hazop_rows_are_one_per_scenario_in_worksheet_order(site):
    import csv

    page = (site / "report.html").read_text(encoding="utf-8")
    hazop = page[page.index("id='m-hazop'"):page.index("id='m-lopa'")]
    shown = re.findall(r"<tr><td>([^<]*)</td>", hazop[hazop.index("<tbody>"):])
    with (site / "hazop" / "hazop-worksheet.csv").open(encoding="utf-8-sig", newline="") as handle:
        full = [row[0] for row in csv.reader(handle)][1:]
    assert len(full) > ROWS_SHOWN and shown == full[:ROWS_SHOWN]


def test_study_workbook_has_the_whole_traceability_table(site):
    import openpyxl

    sheet = openpyxl.load_workbook(site / "study.xlsx", read_only=True)["Traceability"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0]]
    assert len(rows) > ROWS_SHOWN + 1
