"""pse benchmarks: each stage timed against a floor measured in the same run.

Run:  python benchmarks/run.py            (sizes 10^2 .. 10^5, 10^6 for FMEA)
      python benchmarks/run.py --smoke    (smallest size only: keeps the benchmarks working in CI)
      python benchmarks/run.py --stage lopa_array --max-size 10000

Each stage reports, per size N, the time of pse's stage, the time of its floor
(the least work that gives the same answer with the field's libraries: a numpy
product, a shapely union, an openpyxl write-only sheet...), their ratio, and the
scaling exponent of pse's time over the sizes (slope of log t vs log N; 1 is
linear, about 1.1 is N log N).  Targets: ratio <= 2 at the largest size and no
stage worse than N log N; a missed target is printed as such, never hidden.
These are measurements, not tests: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

RATIO_TARGET = 2.0
EXPONENT_TARGET = 1.15   # N log N over 10^2..10^5 fits a slope of about 1.1


@dataclass
class Stage:
    """A benchmark stage: build inputs for N, run pse's stage, run the floor."""

    name: str
    description: str
    setup: Callable[[int], object]
    run: Callable[[object], object]
    floor: Callable[[object], object]
    sizes: tuple[int, ...] = (100, 1_000, 10_000, 100_000)
    check: Callable[[object, object], None] | None = None   # asserts pse's result equals the floor's


@dataclass
class Row:
    n: int
    pse_s: float
    floor_s: float

    @property
    def ratio(self) -> float:
        return self.pse_s / self.floor_s if self.floor_s > 0 else math.inf


@dataclass
class Report:
    stage: Stage
    rows: list[Row] = field(default_factory=list)
    note: str = ""

    @property
    def exponent(self) -> float | None:
        import numpy as np

        usable = [r for r in self.rows if r.pse_s > 0]
        if len(usable) < 2:
            return None
        return float(np.polyfit(np.log([r.n for r in usable]), np.log([r.pse_s for r in usable]), 1)[0])

    def verdict(self) -> str:
        if not self.rows:
            return self.note or "not run"
        last = self.rows[-1]
        misses = []
        if last.ratio > RATIO_TARGET:
            misses.append(f"ratio {last.ratio:.1f} > {RATIO_TARGET:g}")
        if self.exponent is not None and self.exponent > EXPONENT_TARGET:
            misses.append(f"exponent {self.exponent:.2f} > N log N")
        return "meets target" if not misses else "MISSES target: " + ", ".join(misses)


def best_time(fn: Callable[[], object], repeat: int = 3, budget_s: float = 20.0) -> float:
    """Best wall time of ``fn`` over ``repeat`` runs (fewer when one run is long)."""
    best = math.inf
    start = time.perf_counter()
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
        if time.perf_counter() - start > budget_s:
            break
    return best


# --------------------------------------------------------------------------- stages
STAGES: list[Stage] = [
    # the stages live beside their subject: benchmarks/stages_lopa.py (lopa_study, lopa_study_read, lopa_array,
    # lopa_monte_carlo, pfd_avg_scalar), stages_check.py (startup_help, startup_check, load_validate),
    # stages_excel.py, stages_fmea.py, stages_zones.py
]


def _extra_stages() -> list[Stage]:
    """Stages of modules that provide a `benchmark_stages()` hook in `benchmarks/stages_*.py`."""
    stages = []
    for path in sorted(Path(__file__).resolve().parent.glob("stages_*.py")):
        module = __import__(path.stem)
        stages.extend(module.stages(Stage, generate))
    return stages


def run(selected: list[str] | None = None, smoke: bool = False, max_size: int | None = None) -> list[Report]:
    reports = []
    for stage in STAGES + _extra_stages():
        if selected and stage.name not in selected:
            continue
        report = Report(stage)
        sizes = stage.sizes[:1] if smoke else tuple(n for n in stage.sizes if not max_size or n <= max_size)
        for n in sizes:
            try:
                data = stage.setup(n)
            except ImportError as exc:
                report.note = f"not available: {exc}"
                break
            if stage.check is not None:     # same work: pse's result must equal the floor's (outside the timing)
                stage.check(stage.run(data), stage.floor(data))
            pse_s = best_time(lambda: stage.run(data), repeat=1 if smoke else 3)
            floor_s = best_time(lambda: stage.floor(data), repeat=1 if smoke else 3)
            report.rows.append(Row(n, pse_s, floor_s))
        reports.append(report)
    return reports


def markdown(reports: list[Report]) -> str:
    lines = ["| stage | N | pse (s) | floor (s) | ratio | exponent | verdict |", "|---|---:|---:|---:|---:|---:|---|"]
    for report in reports:
        exponent = "" if report.exponent is None else f"{report.exponent:.2f}"
        if not report.rows:
            lines.append(f"| {report.stage.name} | | | | | | {report.verdict()} |")
        for i, row in enumerate(report.rows):
            last = i == len(report.rows) - 1
            lines.append(f"| {report.stage.name} | {row.n:,} | {row.pse_s:.4f} | {row.floor_s:.4f} | "
                         f"{row.ratio:.1f} | {exponent if last else ''} | {report.verdict() if last else ''} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="smallest size of every stage only")
    parser.add_argument("--stage", action="append", help="run only this stage (repeatable)")
    parser.add_argument("--max-size", type=int, default=None)
    args = parser.parse_args(argv)
    reports = run(args.stage, args.smoke, args.max_size)
    print(markdown(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
