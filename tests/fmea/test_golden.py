"""The FMEA outputs of the bundled electronics-plant study and of a 60-row generated study are unchanged by the
issue-19 speed work.

The golden files in tests/fmea/data/golden/ were written by `pse fmea STUDY --out DIR --lang en|zh-TW` on main at
commit 47fbc2c (before the worksheet was built per column and the charts were drawn with collections): the
worksheet and ranking as CSV, Markdown and HTML, the printed worksheet (stdout), and fmea.xlsx dumped as text
(every cell's value, type, fill, number format, bold and wrap; the dropdowns; the column widths) must stay the
same.  The charts are not golden files: they are checked in tests/fmea/test_module.py and by looking at them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS, dump_workbook
from pse.cli import cli

GOLDEN = Path(__file__).parent / "data" / "golden"
STUDIES = {"plant": WORKSHEETS / "electronics-plant.yaml", "60": Path(__file__).parent / "data" / "fmea-60.yaml"}
TABLES = [f"fmea-{table}.{fmt}" for table in ("worksheet", "ranking") for fmt in ("csv", "md", "html")]
CASES = [(study, lang) for study in STUDIES for lang in ("en", "zh-TW")]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = {}
    for study, lang in CASES:
        target = tmp_path_factory.mktemp(f"{study}-{lang}")
        result = CliRunner().invoke(cli, ["fmea", str(STUDIES[study]), "--lang", lang, "--out", str(target)])
        assert result.exit_code == 0, result.output
        out[study, lang] = (target / "fmea", result.output)
    return out


@pytest.mark.parametrize("case", CASES, ids=[f"{s}-{lang}" for s, lang in CASES])
@pytest.mark.parametrize("name", TABLES)
def test_worksheet_and_ranking_files_are_unchanged(outputs, case, name):
    study, lang = case
    assert (outputs[case][0] / name).read_bytes() == (GOLDEN / f"{study}-{lang}-{name}").read_bytes()


@pytest.mark.parametrize("case", CASES, ids=[f"{s}-{lang}" for s, lang in CASES])
def test_workbook_is_unchanged(outputs, case):
    study, lang = case
    expected = (GOLDEN / f"{study}-{lang}-fmea.xlsx.txt").read_text(encoding="utf-8")
    assert dump_workbook(outputs[case][0] / "fmea.xlsx") == expected


@pytest.mark.parametrize("case", CASES, ids=[f"{s}-{lang}" for s, lang in CASES])
def test_printed_worksheet_is_unchanged(outputs, case):
    study, lang = case
    expected = (GOLDEN / f"{study}-{lang}-stdout.md").read_text(encoding="utf-8")
    printed = outputs[case][1]
    printed = printed[:printed.rindex("written to ")]     # the CLI's last line names the temporary directory
    assert printed == expected
