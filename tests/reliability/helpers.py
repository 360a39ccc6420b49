"""Shared small studies and the one-line-error check of the reliability tests."""

from __future__ import annotations

import re

from click.testing import CliRunner

from pse.cli import cli

#: one problem line: ``file[:line]: message`` (the count line "N error(s)" follows)
ONE_LINE = re.compile(r"^[^\s:][^:]*(:\d+)?: .+$")

HAZOP = """\
study: {title: safe}
nodes:
  - {id: N-01, name: Reactor, parameters: [pressure, level]}
  - {id: N-02, name: Pump, parameters: [flow]}
"""


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result) -> str:
    """The single problem line of a failed command (asserting exit 1 and no traceback)."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line and not re.match(r"^\d+ errors?$", line)
             and not line.startswith(("checking ", "[", "writing ", "寫出", " "))]      # progress lines
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert len(lines) >= 1 and all(ONE_LINE.match(line) for line in lines), result.output
    return lines[0]
