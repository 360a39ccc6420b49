"""Start-up and check stages for benchmarks/run.py: ``pse --help``, ``pse check`` of a one-line study,
and loading + validating a study of N LOPA scenarios from YAML.

Floors (issue 19, fair floors: the same inputs read, the least the field's libraries need):

- ``startup_help``: ``python -c 'import click'`` (the help text needs click only);
- ``startup_check``: importing what ``pse check`` must import (click, PyYAML, pydantic) *and* composing the
  same one-line file with PyYAML's C composer, in a child process like pse's;
- ``load_validate``: reading the same YAML file into Python values with PyYAML's C loader (no positions, no
  validation): what any tool reading the study pays before its own checks.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path


def _tiny() -> Path:
    tiny = Path(tempfile.mkdtemp()) / "tiny.yaml"
    tiny.write_text("study: {title: tiny}\n", encoding="utf-8")
    return tiny


def _run_child(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def _help_floor(_cmd):
    return _run_child([sys.executable, "-c", "import click"])


def _check_setup(_n):
    return [sys.executable, "-m", "pse", "check", str(_tiny())]


def _check_floor(cmd):
    code = ("import sys, click, pydantic, yaml; "
            "node = yaml.compose(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader); "
            "print(len(node.value))")
    return _run_child([sys.executable, "-c", code, cmd[-1]])


def _check_check(ours, floor):
    assert "ok" in ours and floor.strip() == "1", (ours, floor)


def _load_setup(generate):
    def setup(n):
        import yaml

        path = Path(tempfile.mkdtemp()) / f"lopa-{n}.yaml"
        path.write_text(yaml.dump(generate.lopa_study(n), Dumper=yaml.CSafeDumper, sort_keys=False,
                                  allow_unicode=True), encoding="utf-8")
        return path

    return setup


def _load_run(path):
    from pse.model import load_study

    return len(load_study(path).scenarios)


def _load_floor(path):
    import yaml

    with open(path, encoding="utf-8") as handle:
        return len(yaml.load(handle.read(), Loader=yaml.CSafeLoader)["scenarios"])  # noqa: S506 - C safe loader


def _load_check(ours, floor):
    assert ours == floor, (ours, floor)


def stages(Stage, generate):
    return [
        Stage("startup_help", "`pse --help` vs `python -c 'import click'`",
              lambda _n: [sys.executable, "-m", "pse", "--help"], _run_child, _help_floor, sizes=(1,)),
        Stage("startup_check", "`pse check` of a one-line study vs importing click+yaml+pydantic and composing "
              "the same file (C loader)", _check_setup, _run_child, _check_floor, sizes=(1,), check=_check_check),
        Stage("load_validate", "load + validate a study of N LOPA scenarios from YAML (positions, IDs, "
              "references, levels, lint) vs PyYAML's C loader reading the same file",
              _load_setup(generate), _load_run, _load_floor, sizes=(100, 1_000, 10_000), check=_load_check),
    ]
