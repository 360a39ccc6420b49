"""`pse run` writes one self-contained report.html and one study.xlsx for the whole study."""

from __future__ import annotations

import re
import shutil
import subprocess

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    result = CliRunner().invoke(cli, ["run", str(WORKSHEETS / "electronics-plant.yaml"), "--out", str(out),
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    return out


def test_report_has_every_section_and_its_link(out):
    page = (out / "report.html").read_text(encoding="utf-8")
    anchors = re.findall(r"<a href='#([^']+)'>", page)
    assert anchors[0] == "summary" and anchors[-1] == "trace" and "m-lopa" in anchors
    for anchor in anchors:
        assert f"id='{anchor}'" in page, anchor
    for text in ("Risk profile before and after", "Open recommendations", "Review findings",
                 "Layer of protection analysis", "SIF verification", "Traceability"):
        assert text in page, text
    assert "<math" in page                          # equations as MathML, no script needed


def test_report_is_self_contained(out):
    page = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "<script src" not in page and "<link" not in page


def test_traceability_links_hazop_lopa_sif_and_recommendations(out):
    page = (out / "report.html").read_text(encoding="utf-8")
    trace = page[page.index("id='trace'"):]
    row = re.search(r"<tr><td>S-2\.1</td>(.*?)</tr>", trace).group(1)
    assert "SIL 2" in row and "SIF-01" in row and "PFD 5.72e-03" in row and "R-05" in row
    assert re.search(r"<tr><td>A-01-01</td><td>task</td>.*?R-01, R-02</td></tr>", trace)


def test_study_workbook_has_every_module_sheet(out):
    book = openpyxl.load_workbook(out / "study.xlsx")
    assert {"LOPA", "SIF", "Uncertainty"} <= set(book.sheetnames)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_report_renders_in_headless_chromium(out, tmp_path):
    shot = tmp_path / "report.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,2000",
                    f"--screenshot={shot}", (out / "report.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000   # a real page, not a blank one


def test_closing_a_recommendation_moves_the_current_risk_profile(write_study):
    from pse.model import load_study
    from pse.report import risk_profile

    text = """\
study: {title: T}
causes: [{id: C1, description: x}]
consequences: [{id: Q1, description: y}]
scenarios:
  - {id: S1, cause: C1, consequence: Q1, severity: S4, likelihood: P3, severity_after: S4, likelihood_after: P1,
     recommendations: [R1]}
recommendations:
  - {id: R1, text: add a trip, owner: A, due: 2027-01-01, %s}
"""
    before, now, planned = risk_profile(load_study(write_study(text % "status: open", "a.yaml")))["tw-osha-5"]
    assert (before[4], now[4], planned[3]) == (1, 1, 1)
    before, now, planned = risk_profile(load_study(write_study(text % "status: closed, evidence: WO-1",
                                                               "b.yaml")))["tw-osha-5"]
    assert (before[4], now[3], planned[3]) == (1, 1, 1) and now[4] == 0


def test_open_recommendations_status_in_the_report_language():
    """The status cell of the open-recommendations table is a word of the report's language (未處理, 處理中)."""
    from pse.i18n import label
    from pse.model import load_study
    from pse.report.page import summary_context

    study = load_study(WORKSHEETS / "electronics-plant.yaml")
    def statuses(lang):
        actions = summary_context(study, [], lang, None)["actions"]
        column = actions.headers.index(label("status", lang))
        return {" ".join(row[column].lines) for row in actions.rows}

    assert statuses("zh-TW") == {"未處理", "處理中"}
    assert statuses("en") == {"open", "in progress"}
