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
