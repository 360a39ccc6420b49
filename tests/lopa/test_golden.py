"""`pse lopa` CSV outputs of the bundled electronics-plant study are unchanged by the speed and split work.

The golden files in tests/lopa/data/golden/ were written by `pse lopa --out` at commit 0052cb4 (before the
issue-19 array route, the pfd.py split and the zh-TW rendering of sources); the English worksheet, SIF list
and uncertainty table, and the zh-TW SIF list and uncertainty table, must stay byte-identical.  (The zh-TW
worksheet changed on purpose: the IE-frequency and tolerable-frequency sources are now in zh-TW.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli

GOLDEN = Path(__file__).parent / "data" / "golden"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = {}
    for lang in ("en", "zh-TW"):
        target = tmp_path_factory.mktemp(lang)
        result = CliRunner().invoke(cli, ["lopa", str(WORKSHEETS / "electronics-plant.yaml"), "--lang", lang,
                                          "--out", str(target)])
        assert result.exit_code == 0, result.output
        out[lang] = target / "lopa"
    return out


@pytest.mark.parametrize("golden", sorted(p.name for p in GOLDEN.glob("*.csv")))
def test_lopa_csv_is_unchanged(outputs, golden):
    lang, name = ("zh-TW", golden[len("zh-TW-"):]) if golden.startswith("zh-TW-") else ("en", golden[len("en-"):])
    assert (outputs[lang] / name).read_bytes() == (GOLDEN / golden).read_bytes()
