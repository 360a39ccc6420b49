"""`pse health` outputs of the bundled electronics-plant study are unchanged by the issue-19 speed work.

The golden files in tests/health/data/golden/ were written by `pse health worksheets/electronics-plant.yaml --out DIR
--lang en|zh-TW` (health.md is the report section) on main at commit 47fbc2c: every text file
byte for byte, the printed section (stdout), and the workbook dumped as text (each cell's value, type, fill,
number format, bold and wrap; the dropdowns; the column widths).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS, dump_workbook
from pse.cli import cli

GOLDEN = Path(__file__).parent / "data" / "golden"
FILES = sorted(p.name for p in GOLDEN.iterdir() if not p.name.endswith("stdout.md"))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = {}
    for lang in ("en", "zh-TW"):
        target = tmp_path_factory.mktemp(lang)
        result = CliRunner().invoke(cli, ["health", str(WORKSHEETS / "electronics-plant.yaml"), "--lang", lang,
                                          "--out", str(target)])
        assert result.exit_code == 0, result.output
        printed = result.output
        out[lang] = (target / "health", printed[:printed.rindex("written to ")])
    return out


@pytest.mark.parametrize("golden", FILES)
def test_output_file_is_unchanged(outputs, golden):
    lang, name = ("zh-TW", golden[len("zh-TW-"):]) if golden.startswith("zh-TW-") else ("en", golden[len("en-"):])
    if name.endswith(".xlsx.txt"):
        assert dump_workbook(outputs[lang][0] / name[:-len(".txt")]) == (GOLDEN / golden).read_text(encoding="utf-8")
    else:
        assert (outputs[lang][0] / name).read_bytes() == (GOLDEN / golden).read_bytes()


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_printed_section_is_unchanged(outputs, lang):
    assert outputs[lang][1] == (GOLDEN / f"{lang}-stdout.md").read_text(encoding="utf-8")
