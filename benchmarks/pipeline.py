"""Whole-pipeline benchmark: ``pse check`` and ``pse run`` of generated sites, as a user runs them.

Run:  python benchmarks/pipeline.py                   (N = 10^2, 10^3, 10^4, and 10^5 where it fits)
      python benchmarks/pipeline.py --sizes 100 1000  (choose the sizes)
      python benchmarks/pipeline.py --smoke           (N = 5: keeps it working in CI)

A site of size N is ``generate.site_study(N)``: N LOPA scenarios + N HAZOP rows + N FMEA rows + N release
sources, written to YAML.  For each N the benchmark runs each command in a child process and reports its CPU
time (user + system of it and of every process it forked, from ``os.wait4``), its wall time (``pse run`` uses the
cores available: ``--jobs``), peak memory (max RSS of the largest process, and the largest sum over the process
tree at one moment, as proportional set size sampled every second), CPU per object (4N objects), the size of the
outputs and of report.html, and the scaling exponent of the CPU time over the sizes (slope of log t on log N).
The floor, measured in the same run, is what any tool must do at least: parse the same YAML with PyYAML's C
loader.  A size is run only where it fits: from the two sizes measured before it, its CPU time (at the fitted
exponent) and peak memory (linear) are extrapolated, and a size whose estimate exceeds ``--max-cpu-s`` or 80 % of
the memory available now is skipped with the estimate printed.  At the largest size run a cProfile of
``pse run`` is written beside the output (``--profile-dir``) with its top functions by cumulative time.
These are measurements, not tests.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

PER_OBJECT_TARGET_MS = 5.0     # issue 19: at most ~5 ms of CPU per object at 10^3
EXPONENT_TARGET = 1.1


@dataclass
class Measure:
    cpu_s: float            # user + system of the command and every process it forked (``wait4``)
    wall_s: float
    peak_mb: float          # largest single process (max RSS)
    returncode: int
    tree_peak_mb: float = math.nan   # largest sum over the process tree at one moment (PSS: shared pages once)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    found = [int(p) for p in text.split()]
    return found + [g for c in found for g in _children(c)]


def tree_pss_mb(pid: int) -> float:
    """Proportional set size of ``pid`` and its descendants now (Linux ``smaps_rollup``), in MB."""
    total = 0.0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += float(line.split()[1]) / 1024
                    break
        except OSError:
            pass
    return total


def user_environment() -> dict:
    """The environment of the measured commands: as after ``pip install``, whose packages come with their
    bytecode (``PYTHONDONTWRITEBYTECODE`` removed: otherwise every command compiles pse's modules again)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_pse() -> None:
    """pse's bytecode written once before measuring, as ``pip install`` writes it."""
    import compileall

    import pse

    compileall.compile_dir(str(Path(pse.__file__).parent), quiet=1)


def measure(cmd: list[str]) -> Measure:
    """CPU time, wall time and peak memory of one child process and the processes it forks (Linux ``wait4``;
    the tree's memory sampled every second)."""
    import threading

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=user_environment())
    peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(1.0):
            peak[0] = max(peak[0], tree_pss_mb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measure(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024, proc.returncode,
                   peak[0] or math.nan)


def tree_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def write_site(n: int, folder: Path) -> Path:
    import yaml

    path = folder / f"site-{n}.yaml"
    path.write_text(yaml.safe_dump(generate.site_study(n), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def floor_cmd(study: Path) -> list[str]:
    code = ("import yaml,sys; yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)")
    return [sys.executable, "-c", code, str(study)]


def profile(study: Path, out: Path, profile_dir: Path) -> Path:
    """cProfile of ``pse run`` at this size; the top 40 functions by cumulative time written as text.

    The command is called through click with ``standalone_mode=False``, not ``python -m pse``: after a finished
    run :func:`pse.cli.main` ends the process with ``os._exit`` (no teardown), which would also skip
    cProfile's writing of the profile.  A profile that was not written is an error, never a stale file.
    """
    import pstats

    profile_dir.mkdir(parents=True, exist_ok=True)
    raw = profile_dir / f"pipeline-{study.stem}.prof"
    raw.unlink(missing_ok=True)
    args = ["run", str(study), "--out", str(out), "--jobs", "1"]
    code = ("import cProfile, sys\nfrom pse.cli import cli\n"
            "cProfile.run('cli.main(args=sys.argv[2:], prog_name=\"pse\", standalone_mode=False)', sys.argv[1])")
    subprocess.run([sys.executable, "-c", code, str(raw), *args], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True, env=user_environment())
    if not raw.is_file():
        raise RuntimeError(f"cProfile wrote no profile to {raw}")
    text = profile_dir / f"pipeline-{study.stem}.txt"
    with text.open("w", encoding="utf-8") as stream:
        pstats.Stats(str(raw), stream=stream).sort_stats("cumulative").print_stats(40)
    return text


def available_mb() -> float:
    """Memory available now (Linux ``MemAvailable``), in MB; infinite where it cannot be read."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return float(line.split()[1]) / 1024
    except OSError:
        pass
    return math.inf


def estimate(rows: list[dict], n: int) -> tuple[float, float] | None:
    """(CPU s, peak MB) of ``pse run`` at size ``n`` extrapolated from the last two sizes run (None before two).

    CPU at the exponent fitted through those two sizes (at least 1), memory linear in N through them.
    """
    if len(rows) < 2:
        return None
    a, b = rows[-2], rows[-1]
    slope = max(1.0, math.log(b["run"].cpu_s / a["run"].cpu_s) / math.log(b["n"] / a["n"]))
    cpu = b["run"].cpu_s * (n / b["n"]) ** slope
    peak_a, peak_b = (max(r["run"].peak_mb, r["run"].tree_peak_mb if r["run"].tree_peak_mb == r["run"].tree_peak_mb
                          else 0.0) for r in (a, b))
    per_n = (peak_b - peak_a) / (b["n"] - a["n"])
    return cpu, peak_b + max(per_n, peak_b / b["n"]) * (n - b["n"])


def fits(rows: list[dict], n: int, max_cpu_s: float) -> str | None:
    """Why size ``n`` is skipped (its estimate does not fit), or None to run it."""
    guess = estimate(rows, n)
    if guess is None:
        return None
    cpu, peak = guess
    memory = 0.8 * available_mb()
    if cpu > max_cpu_s or peak > memory:
        return (f"N={n} skipped: estimated {cpu:.0f} s CPU (limit {max_cpu_s:.0f} s) and {peak:.0f} MB peak "
                f"(80 % of available memory: {memory:.0f} MB)")
    return None


def run(sizes: list[int], profile_dir: Path | None, max_cpu_s: float = math.inf) -> list[dict]:
    rows: list[dict] = []
    compile_pse()
    work = Path(tempfile.mkdtemp(prefix="pse-pipeline-"))
    try:
        for n in sizes:
            skipped = fits(rows, n, max_cpu_s)
            if skipped:
                print(skipped, file=sys.stderr)
                rows.append({"n": n, "skipped": skipped})
                continue
            study = write_site(n, work)
            out = work / f"out-{n}"
            floor = measure(floor_cmd(study))
            check = measure([sys.executable, "-m", "pse", "check", str(study)])
            full = measure([sys.executable, "-m", "pse", "run", str(study), "--out", str(out)])
            report = out / "report.html"
            rows.append({"n": n, "objects": 4 * n, "floor": floor, "check": check, "run": full,
                         "outputs_mb": tree_size_mb(out) if out.exists() else math.nan,
                         "report_mb": report.stat().st_size / 1e6 if report.exists() else math.nan})
            print(f"N={n}: run {full.cpu_s:.1f} s CPU, {full.peak_mb:.0f} MB, exit {full.returncode}", file=sys.stderr)
        ran = [r for r in rows if "skipped" not in r]
        if profile_dir is not None and ran:
            print(markdown(rows), flush=True)   # the measurements first: the profile takes about 2x a run
            print(f"profiling N={ran[-1]['n']} ...", file=sys.stderr)
            profile(work / f"site-{ran[-1]['n']}.yaml", work / "out-profile", profile_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def exponent(rows: list[dict], key: str) -> float | None:
    import numpy as np

    usable = [r for r in rows if "skipped" not in r and r[key].cpu_s > 0]
    if len(usable) < 2:
        return None
    return float(np.polyfit(np.log([r["n"] for r in usable]), np.log([r[key].cpu_s for r in usable]), 1)[0])


def markdown(rows: list[dict]) -> str:
    lines = ["| N (objects) | command | CPU (s) | per object (ms) | wall (s) | peak, largest process (MiB) |"
             " peak, all processes (MiB, PSS) | floor: YAML C parse (s) | ratio | outputs (MB) | report.html (MB) | exit |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if "skipped" in r:
            lines.append(f"| {r['n']:,} ({4 * r['n']:,}) | - | {r['skipped']} | | | | | | | | | |")
            continue
        for key in ("check", "run"):
            m = r[key]
            lines.append(f"| {r['n']:,} ({r['objects']:,}) | `pse {key}` | {m.cpu_s:.2f} | "
                         f"{1000 * m.cpu_s / r['objects']:.2f} | {m.wall_s:.1f} | {m.peak_mb:.0f} | "
                         f"{m.tree_peak_mb:.0f} | {r['floor'].cpu_s:.2f} | "
                         f"{m.cpu_s / max(r['floor'].cpu_s, 1e-9):.0f} | "
                         f"{r['outputs_mb'] if key == 'run' else 0:.1f} | "
                         f"{r['report_mb'] if key == 'run' else 0:.2f} | {m.returncode} |")
    for key in ("check", "run"):
        e = exponent(rows, key)
        if e is not None:
            verdict = "meets" if e <= EXPONENT_TARGET else "MISSES"
            lines.append(f"\nscaling exponent of `pse {key}` CPU time: {e:.2f} ({verdict} target <= {EXPONENT_TARGET})")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000, 100_000])
    parser.add_argument("--max-cpu-s", type=float, default=3600.0,
                        help="skip a size whose estimated CPU time exceeds this (default one hour)")
    parser.add_argument("--smoke", action="store_true", help="one small site only")
    parser.add_argument("--profile-dir", type=Path, default=Path(__file__).resolve().parent / "results")
    args = parser.parse_args(argv)
    sizes = [5] if args.smoke else args.sizes
    profile_dir = None if args.smoke else args.profile_dir
    rows = run(sizes, profile_dir, args.max_cpu_s)
    if profile_dir is None:
        print(markdown(rows))
    ran = [r for r in rows if "skipped" not in r]
    return 0 if all(r["run"].returncode == 0 and r["check"].returncode in (0, 1) for r in ran) else 1


if __name__ == "__main__":
    sys.exit(main())
