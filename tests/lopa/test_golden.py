"""The LOPA outputs of `pse run` are unchanged by the speed work (issue 19): golden files written by main.

Golden files (tests/lopa/data/golden/, written on main at commit 47fbc2c, before the LOPA section was
built from the array route) for the bundled electronics-plant study and for ``tests/lopa/data/site-40.yaml``
(a generated site of 40 LOPA scenarios with proposed layers, missing evidence, a short operator
response, BPCS-failure causes and two BPCS layers in one scenario, plus 40 HAZOP rows), in English and
zh-TW: the worksheet, SIF list and uncertainty CSVs and the SIF verification report byte for byte, the
report section's HTML, and every cell value of lopa.xlsx.  (The section Markdown and the .md/.html files
are written by ``pse.tables`` and are not compared here.)  Updated 2026-12-02 for two deliberate changes only:
the LOPA sheet's title lines start in column B (it prints two pages wide with column A repeated), and the
electronics-plant IE source keeps its explanation ("plant estimate; valve mis-closure ...": a ``;`` inside
parentheses had cut it, ``pse.i18n.client_text``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import WORKSHEETS

HERE = Path(__file__).parent
GOLDEN = HERE / "data" / "golden"
STUDIES = {"electronics-plant": WORKSHEETS / "electronics-plant.yaml", "site-40": HERE / "data" / "site-40.yaml"}
FILES = ("lopa-worksheet.csv", "sif-list.csv", "lopa-uncertainty.csv", "sif-verification.md")


def workbook_values(path) -> dict:
    """Every non-empty cell of a workbook: ``{sheet: [[coordinate, value], ...]}`` (dates as ISO text)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    return {ws.title: [[c.coordinate, c.value.isoformat() if hasattr(c.value, "isoformat") else c.value]
                       for row in ws.iter_rows() for c in row if c.value is not None] for ws in book.worksheets}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The LOPA section of `pse run` for each study and language: (section, output directory)."""
    from pse.lopa.module import MODULE
    from pse.model import load_study
    from pse.registry import RunContext

    out = {}
    for name, path in STUDIES.items():
        study = load_study(path)
        for lang in ("en", "zh-TW"):
            target = tmp_path_factory.mktemp(f"{name}-{lang}")
            section = MODULE.run(study, RunContext(out=target, lang=lang, study=study))
            out[name, lang] = section, target / "lopa"
    return out


def _cases(suffixes):
    return [(name, lang, suffix) for name in STUDIES for lang in ("en", "zh-TW") for suffix in suffixes
            if (GOLDEN / f"{name}-{lang}-{suffix}").exists()]


@pytest.mark.parametrize(("name", "lang", "file"), _cases(FILES))
def test_lopa_file_is_unchanged(runs, name, lang, file):
    assert (runs[name, lang][1] / file).read_bytes() == (GOLDEN / f"{name}-{lang}-{file}").read_bytes()


@pytest.mark.parametrize(("name", "lang", "file"), _cases(["section.html"]))
def test_report_section_html_is_unchanged(runs, name, lang, file):
    assert runs[name, lang][0].html == (GOLDEN / f"{name}-{lang}-{file}").read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "lang", "file"), _cases(["lopa.xlsx.json"]))
def test_lopa_workbook_values_are_unchanged(runs, name, lang, file):
    expected = json.loads((GOLDEN / f"{name}-{lang}-{file}").read_text(encoding="utf-8"))
    assert workbook_values(runs[name, lang][1] / "lopa.xlsx") == expected


def test_golden_site_exercises_the_credit_rules():
    """The site golden covers proposed layers, refused layers and the planned state (else it proves little)."""
    text = (GOLDEN / "site-40-en-lopa-worksheet.csv").read_text(encoding="utf-8-sig")
    for reason in ("[proposed: R-1]", "no evidence reference", "BPCS failure",
                   "one BPCS credit at most", "needs at least 10 min"):
        assert reason in text, reason
