"""``pse run --jobs``: the same outputs with one process or several, nothing published if a job fails."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pse.cli import cli
from pse.jobs import can_fork
from pse.model.errors import Problem, StudyError
from pse.run import run_study

ROOT = Path(__file__).resolve().parents[2]
STUDY = ROOT / "worksheets" / "electronics-plant.yaml"


def _content(path: Path) -> object:
    """What a file says (xlsx: every part but docProps/core.xml, its save time; drawings carry none,
    pse.figure.reproducible)."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}
    return data


def _outputs(out: Path) -> dict[str, object]:
    return {str(p.relative_to(out)): _content(p) for p in sorted(out.rglob("*"))
            if p.is_file() and p.suffix != ".dxf"}


@pytest.mark.skipif(not can_fork(), reason="fork not available")
def test_two_jobs_write_what_one_writes(tmp_path):
    one = run_study(STUDY, tmp_path / "one", jobs=1)
    two = run_study(STUDY, tmp_path / "two", jobs=2)
    assert one.files == two.files
    names = {str(p.relative_to(tmp_path / "one")) for p in (tmp_path / "one").rglob("*") if p.is_file()}
    assert names == {str(p.relative_to(tmp_path / "two")) for p in (tmp_path / "two").rglob("*") if p.is_file()}
    first, second = _outputs(tmp_path / "one"), _outputs(tmp_path / "two")
    assert [name for name in first if first[name] != second[name]] == []
    assert not [p for p in tmp_path.rglob(".pse-sheets-*")]          # the workbook parts are not published


@pytest.mark.skipif(not can_fork(), reason="fork not available")
def test_a_failing_job_publishes_nothing(tmp_path, monkeypatch):
    import pse.report.workbook as workbook

    def fail(ctx, root):
        raise StudyError([Problem("s.yaml", 3, "nodes[0].name", "too long for a sheet cell")])

    monkeypatch.setattr(workbook, "write_run_workbooks", fail)
    with pytest.raises(StudyError) as caught:
        run_study(STUDY, tmp_path / "out", jobs=2)
    assert caught.value.problems[0].field == "nodes[0].name"
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if ".staging." in p.name]


def test_a_bad_jobs_setting_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PSE_JOBS", "0")
    result = CliRunner().invoke(cli, ["run", str(STUDY), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "PSE_JOBS='0'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(cli, ["run", str(STUDY), "--out", str(tmp_path / "out"), "--jobs", "0"])
    assert result.exit_code == 2 and not (tmp_path / "out").exists()


@pytest.mark.skipif(not can_fork(), reason="fork not available")
def test_a_failing_report_job_publishes_nothing(tmp_path, monkeypatch):
    import pse.report

    def fail(*args, **kwargs):
        raise StudyError([Problem("s.yaml", 7, "recommendations[2].owner", "unknown person")])

    monkeypatch.setattr(pse.report, "build_report", fail)
    with pytest.raises(StudyError, match=r"s.yaml:7: recommendations\[2\].owner: unknown person"):
        run_study(STUDY, tmp_path / "out", jobs=2)
    assert not (tmp_path / "out").exists()


def test_modules_imported_while_the_study_is_read_exist():
    """What `pse run` imports while a child reads the study file names importable modules (a typo would only
    show as an error in every run with more than one job)."""
    import importlib

    from pse.run import IMPORTED_WHILE_READING

    for name in IMPORTED_WHILE_READING:
        importlib.import_module(name)


@pytest.mark.skipif(not can_fork(), reason="fork not available")
def test_a_refused_study_fails_the_same_with_one_job_or_two(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("study: {title: T}\nscenarios:\n  - id: S1\n    id: S2\n", encoding="utf-8")
    messages = []
    for jobs in (1, 2):
        with pytest.raises(StudyError) as caught:
            run_study(bad, tmp_path / f"out-{jobs}", jobs=jobs)
        messages.append([str(p) for p in caught.value.problems])
        assert not (tmp_path / f"out-{jobs}").exists()
    assert messages[0] == messages[1] and "given twice" in messages[0][0]
