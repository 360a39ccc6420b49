"""Benchmarks are not tests; this smoke run (smallest size of each stage) keeps them working."""

from __future__ import annotations

import importlib.util
import sys

from conftest import ROOT


def test_benchmarks_smoke_run():
    spec = importlib.util.spec_from_file_location("pse_benchmarks_run", ROOT / "benchmarks" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench   # dataclasses look their module up by name
    spec.loader.exec_module(bench)
    reports = bench.run(smoke=True)
    assert reports and all(r.rows for r in reports), [r.note for r in reports if not r.rows]
    assert all(row.pse_s > 0 and row.floor_s > 0 for r in reports for row in r.rows)
    table = bench.markdown(reports)
    assert table.count("\n") >= len(reports) + 1 and "ratio" in table


def test_pipeline_benchmark_smoke_run():
    """`benchmarks/pipeline.py --smoke` runs `pse check` and `pse run` on a generated site and tabulates them."""
    spec = importlib.util.spec_from_file_location("pse_benchmarks_pipeline", ROOT / "benchmarks" / "pipeline.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    rows = bench.run([5], profile_dir=None)
    assert rows[0]["run"].returncode == 0 and rows[0]["run"].cpu_s > 0
    assert rows[0]["report_mb"] > 0 and rows[0]["outputs_mb"] >= rows[0]["report_mb"]
    table = bench.markdown(rows)
    assert "`pse run`" in table and "`pse check`" in table


def test_pipeline_profile_is_written_and_names_the_run(tmp_path):
    """The profile of the largest size is a profile of that `pse run` (the run's fast exit must not swallow it),
    and a profile that could not be written is an error rather than a stale file left from an earlier run."""
    spec = importlib.util.spec_from_file_location("pse_benchmarks_pipeline", ROOT / "benchmarks" / "pipeline.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    study = bench.write_site(5, tmp_path)
    stale = tmp_path / "results" / f"pipeline-{study.stem}.prof"
    stale.parent.mkdir()
    stale.write_bytes(b"not a profile")
    text = bench.profile(study, tmp_path / "out", tmp_path / "results")
    listing = text.read_text(encoding="utf-8")
    assert "run_study" in listing and "function calls" in listing
    assert (tmp_path / "out" / "report.html").is_file()
