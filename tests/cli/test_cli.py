"""The `pse` command: version, check on the bundled studies, run, output safety, modules."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import bundled_studies
from pse import __version__
from pse.cli import cli


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("path", bundled_studies(), ids=lambda p: p.name)
def test_check_passes_on_every_bundled_study(path):
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "ok" in result.output


def test_run_writes_normalised_study_and_summary(tmp_path):
    study = bundled_studies()[0]
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(study), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "study.json").read_text(encoding="utf-8"))
    assert data["study"]["title"]
    # levels are normalised to the matrix IDs and defaults are filled
    assert all(s["severity"] for s in data["scenarios"])
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "Scenarios" in summary and "study.json" in summary
    # no staging directory is left behind
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.staging")]


def test_run_in_chinese_uses_chinese_labels(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(bundled_studies()[0]), "--out", str(out), "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    assert "情境" in (out / "summary.md").read_text(encoding="utf-8")


def test_failed_run_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("study: {title: T}\ncauses: [{id: C1}]\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "causes[0].description: required field is missing" in result.output
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_module_failure_mid_run_publishes_nothing(tmp_path, monkeypatch):
    """A module that raises after others wrote files leaves the output directory untouched."""
    from pse import registry

    def boom(study, ctx):
        ctx.write_text("half.txt", "partial")
        raise RuntimeError("disk full")

    failing = registry.Module(name="boom", title={"en": "Boom"}, order=99, uses=lambda s: True, run=boom)
    monkeypatch.setattr(registry, "modules", lambda: (*_real_modules(), failing))
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("from an earlier run")
    (out / ".pse-output").write_text("pse-output/1\n")   # a previous pse output (see pse.output.MARKER)
    result = CliRunner().invoke(cli, ["run", str(bundled_studies()[0]), "--out", str(out)])
    assert result.exit_code == 2
    assert "internal error" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == [".pse-output", "keep.txt"]
    assert not [p for p in tmp_path.iterdir() if ".staging." in p.name]


def _real_modules():
    from importlib.metadata import entry_points

    return tuple(ep.load() for ep in entry_points(group="pse.modules"))


def test_modules_are_discovered_from_the_registry():
    result = CliRunner().invoke(cli, ["modules"])
    assert result.exit_code == 0
    assert result.output.startswith("study")


def test_help_does_not_import_heavy_libraries():
    """`pse --help` must start fast: no numpy/pandas/pydantic import (lazy imports)."""
    code = ("import sys; from pse.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('numpy', 'pandas', 'pydantic', 'matplotlib', 'scipy', 'shapely') "
            "if m in sys.modules]\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "HEAVY []" in out, out


def test_console_script_reports_problems_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("study: {title: T}\nrisk_matrix: nope\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pse", "check", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert ":2: risk_matrix:" in proc.stderr
