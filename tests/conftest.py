"""Shared fixtures: paths to the bundled studies and a helper to write study files."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

# Hypothesis in CI: bounded time.  No deadline (2 shared cores make timings noisy), at most 25 examples unless a
# test asks for fewer, and no shrinking (a failure is reported as found; shrinking once took over five minutes).
# HYPOTHESIS_PROFILE=dev shrinks failures for local debugging.
settings.register_profile("ci", deadline=None, max_examples=25, phases=(Phase.explicit, Phase.reuse, Phase.generate),
                          suppress_health_check=(HealthCheck.too_slow,))
settings.register_profile("dev", deadline=None, max_examples=50)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
WORKSHEETS = ROOT / "worksheets"


def bundled_studies() -> list[Path]:
    """Every top-level study in worksheets/ (included part-files live in sub-folders)."""
    return sorted(WORKSHEETS.glob("*.yaml"))


@pytest.fixture
def write_study(tmp_path):
    """Write dedented YAML text to a file in tmp_path and return its path."""

    def write(text: str, name: str = "study.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def dump_workbook(path) -> str:
    """A workbook as text for the golden tests: per sheet every non-empty cell with its type, value, fill, format,
    bold and wrap; the data validations and the column widths."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    lines = []
    for ws in book.worksheets:
        lines.append(f"== {ws.title} freeze={ws.freeze_panes} filter={ws.auto_filter.ref}")
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and c.fill.fgColor.rgb in (None, "00000000"):
                    continue
                fill = c.fill.fgColor.rgb if c.fill.fill_type else ""
                lines.append(f"{c.coordinate}\t{type(c.value).__name__}\t{c.value!r}\t{fill}\t{c.number_format}\t"
                             f"{int(bool(c.font.b))}\t{int(bool(c.alignment.wrap_text))}")
        for dv in ws.data_validations.dataValidation:
            lines.append(f"dv {dv.sqref} {dv.formula1}")
        for key, dim in sorted(ws.column_dimensions.items()):
            lines.append(f"width {key} {dim.width}")
    return "\n".join(lines) + "\n"


def fill_style_grid(ws, grid: list[list[int]], styles: list[dict], text: str = "r{r}c{c}") -> None:
    """Cells of ``ws`` from a grid of style numbers (``styles[n]``: attribute -> value), text and numbers mixed,
    with a column width, a row height, frozen panes and print titles (the workbook-writer tests' sheets)."""
    for r, row in enumerate(grid, start=1):
        for c, style in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=text.format(r=r, c=c) if (r + c) % 3 else r * c / 7)
            for name, value in styles[style].items():
                setattr(cell, name, value)
    ws.column_dimensions["B"].width = 30
    ws.row_dimensions[1].height = 24
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
