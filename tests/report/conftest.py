"""One run of the bundled electronics-plant study per language, shared by the report tests."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli


def _run(tmp_path_factory, lang: str):
    out = tmp_path_factory.mktemp(f"run-{lang}") / "out"
    result = CliRunner().invoke(cli, ["run", str(WORKSHEETS / "electronics-plant.yaml"), "--out", str(out),
                                      "--lang", lang])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def zh_out(tmp_path_factory):
    """``pse run`` of electronics-plant.yaml in zh-TW (the widest tables)."""
    return _run(tmp_path_factory, "zh-TW")
