"""zh-TW output of `pse lopa` / `pse sil` on the bundled study: no English left behind.

What may remain is the study's own text (written by the user, in English in this study), the
acronyms and symbols engineers read as such (PFD, SIL, lambda_DU ...), study field paths the
reader is pointed to, and the bibliographic words of library citations.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli
from pse.model import load_study

ALLOWED = {
    "PFD", "PFDavg", "PFH", "SIL", "SIF", "LOPA", "BPCS", "IPL", "IEC", "ISO", "HFT", "PTC", "RRF", "CCPS", "pse",
    "MTTR", "MRT", "lopa.criteria", "ipl.justification", "tolerable_frequency_per_yr", "lambda_du", "lambda_dd",
    "lambda_DU", "proof_test_interval_h", "mttr_h", "mrt_h", "beta", "beta_d", "proof_test_coverage",
    "mission_time_h", "pse.lopa.pfd", "Markov",
    "Table", "Guidelines", "ch.",          # library citations: "CCPS LOPA (2001) Table 5.1; ... ch. 4"
}


def _study_strings(study) -> list[str]:
    from pse.i18n import client_text

    out: list[str] = []

    def walk(x):
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str) and len(x) > 2:
            out.append(x)
            out.append(client_text(x))     # as the tables show it (the package's provenance notes left out)
            for sep in (": ", "; "):   # pse.tables leaves out provenance prefixes such as "Seed 001 asks: "
                if sep in x:
                    out.append(x.split(sep, 1)[1])
    walk(study.model_dump(mode="json"))
    return sorted(set(out), key=len, reverse=True)


@pytest.mark.parametrize("command", ["lopa", "sil"])
def test_zh_tw_output_has_no_english_left(command):
    path = WORKSHEETS / "electronics-plant.yaml"
    result = CliRunner().invoke(cli, [command, str(path), "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    text = result.output
    for s in _study_strings(load_study(path)):
        text = text.replace(s, " ")
    text = re.sub(r"\$\$.*?\$\$|`[^`]*`", " ", text, flags=re.S)       # equations are symbols
    left = set(re.findall(r"[A-Za-z_][A-Za-z_.]{2,}", text)) - ALLOWED
    assert not left, sorted(left)


def test_validity_warnings_render_in_zh_tw():
    from types import SimpleNamespace

    from pse.lopa.verification import validity_warnings
    from pse.lopa.views import warning_text

    sub = SimpleNamespace(lambda_du_per_h=1e-4, proof_test_interval_h=87600, architecture="1oo1",
                          proof_test_coverage=0.5, mission_time_h=87600)
    warnings = validity_warnings(sub, 4.38)
    assert len(warnings) == 3
    for w in warnings:
        text = warning_text(f"sensors: {w}", "zh-TW")
        assert text.startswith("感測元件：")
        assert not set(re.findall(r"[A-Za-z_][A-Za-z_.]{2,}", text)) - ALLOWED - {"exp", "lambda"}, text
    assert "0.886" in warning_text(f"sensors: {warnings[0]}", "zh-TW")    # the exact 1oo1 value is kept
