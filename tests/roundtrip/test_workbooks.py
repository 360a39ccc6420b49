"""Every workbook pse exports round-trips: untouched -> study unchanged; one edited cell lands exactly
(one line of one file); a cell edited in the workbook and in the study is a conflict, nothing written."""

from __future__ import annotations

import difflib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from pse.cli import cli

# kind, sheet key, row ID, column, new workbook value, the YAML line it must become
CASES = [
    ("hazop", None, "S-1.1", "notes", "Checked on site 2026-12-01", "notes: Checked on site 2026-12-01"),
    ("taskrisk", "task_rows", "A-01-01", "notes", "Gas test every 30 min", "notes: Gas test every 30 min"),
    ("fmea", "failure_modes", "FM-01", "detection", "7", "detection: 7"),
    ("machinery", "checklist", "M-MX-301/MX-01", "note", "Re-checked 2026-12", "note: Re-checked 2026-12"),
    ("lopa", "initiating_events", "C-01", "ie_source", "Plant records 2020-2025", "source: Plant records 2020-2025"),
    ("lopa", "layers", "SG-PSV-1234", "ipl_evidence", "Bench test TR-2026-07",
     "evidence: Bench test TR-2026-07"),
    ("register", "recommendations", "R-01", "owner", "Ms Lin (safety)", "owner: Ms Lin (safety)"),
]


def _texts(study: Path) -> dict:
    return {p: p.read_text(encoding="utf-8") for p in sorted(study.parent.rglob("*.yaml"))}


def _export(study: Path, kind: str, tmp_path) -> Path:
    out = tmp_path / f"{kind}.xlsx"
    result = CliRunner().invoke(cli, ["export", str(study), kind, "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return out


def _import(study: Path, workbook: Path, *extra):
    return CliRunner().invoke(cli, ["import", str(study), str(workbook), *extra])


def _edit(workbook: Path, kind: str, sheet_key, row_id: str, key: str, value) -> str:
    """Set one cell of the exported workbook; returns its position 'sheet, row, column'."""
    book = openpyxl.load_workbook(workbook)
    if kind == "hazop":
        from pse.hazop.excel import HEADER_ROW, SHEET_KEYS

        keys, header = list(SHEET_KEYS), HEADER_ROW
        sheets = [book[n] for n in book.sheetnames if n not in ("_pse", "Legend")]
    else:
        from pse.roundtrip.kinds import kind as kind_named
        from pse.roundtrip.workbook import HEADER_ROW, header_keys, sheet_title

        sheet = kind_named(kind).sheet(sheet_key)
        keys, header = header_keys(sheet), HEADER_ROW
        sheets = [book[sheet_title(sheet, "en")]]
    for ws in sheets:
        for r in range(header + 1, ws.max_row + 1):
            if ws.cell(row=r, column=keys.index("row_id") + 1).value == row_id:
                ws.cell(row=r, column=keys.index(key) + 1).value = value
                book.save(workbook)
                return f"{ws.title}:{r}:{keys.index(key) + 1}"
    raise AssertionError(f"{row_id} not in the workbook")


@pytest.mark.parametrize("kind", ["hazop", "taskrisk", "fmea", "machinery", "lopa", "register"])
def test_untouched_workbook_leaves_the_study_unchanged(study, tmp_path, kind):
    before = _texts(study)
    workbook = _export(study, kind, tmp_path)
    result = _import(study, workbook)
    assert result.exit_code == 0, result.output
    assert "0 row(s) added, 0 row(s) updated" in result.output
    assert _texts(study) == before


@pytest.mark.parametrize("kind,sheet,row_id,key,value,line", CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_one_edited_cell_lands_exactly(study, tmp_path, kind, sheet, row_id, key, value, line):
    before = _texts(study)
    workbook = _export(study, kind, tmp_path)
    _edit(workbook, kind, sheet, row_id, key, int(value) if value.isdigit() else value)
    result = _import(study, workbook)
    assert result.exit_code == 0, result.output
    after = _texts(study)
    changed = {p for p in before if before[p] != after[p]}
    assert len(changed) == 1, changed
    path = changed.pop()
    diff = [d for d in difflib.ndiff(before[path].splitlines(), after[path].splitlines()) if d[:2] in ("+ ", "- ")]
    added = [d[2:].strip() for d in diff if d.startswith("+ ")]
    removed = [d for d in diff if d.startswith("- ")]
    assert len(added) == 1 and line in added[0] and len(removed) <= 1, diff   # block or flow style kept


@pytest.mark.parametrize("kind,sheet,row_id,key,value,line", CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_cell_edited_in_both_places_is_a_conflict(study, tmp_path, kind, sheet, row_id, key, value, line):
    workbook = _export(study, kind, tmp_path)
    _edit(workbook, kind, sheet, row_id, key, int(value) if value.isdigit() else value)
    _edit_study(study, kind, sheet, row_id, key, "8" if value.isdigit() else "Edited in the study meanwhile")
    before = _texts(study)
    result = _import(study, workbook)
    assert result.exit_code == 1
    assert "conflict" in result.output and "changed in the workbook" in result.output
    assert _texts(study) == before, "nothing is written on a conflict"


def _edit_study(study: Path, kind, sheet_key, row_id, key, text) -> None:
    """Change the same cell in the study files (as an engineer editing the YAML meanwhile)."""
    from pse.hazop.yamledit import StudyFiles
    from pse.roundtrip.edit import Edits

    if kind == "hazop":
        files = StudyFiles(study)
        files.set("scenarios", row_id, "notes", text)
        files.save()
        return
    from pse.roundtrip.kinds import kind as kind_named

    edits = Edits(StudyFiles(study))
    assert edits.set(kind_named(kind).sheet(sheet_key), row_id, key, text), edits.errors
    edits.save()


def test_new_row_is_added_with_the_next_id(study, tmp_path):
    from pse.model import load_study
    from pse.roundtrip.workbook import HEADER_ROW

    workbook = _export(study, "register", tmp_path)
    book = openpyxl.load_workbook(workbook)
    ws = book[book.sheetnames[0]]
    r = ws.max_row + 1
    ws.cell(row=r, column=2, value="Label the nitrogen hose connections")
    ws.cell(row=r, column=3, value="Maintenance")
    ws.cell(row=r, column=4, value="2027-03-31")
    book.save(workbook)
    assert r > HEADER_ROW
    result = _import(study, workbook)
    assert result.exit_code == 0, result.output
    new = [line[2:] for line in result.output.splitlines() if line.startswith("+ ")]
    assert len(new) == 1
    rec = load_study(study).get(new[0])
    assert rec.text == "Label the nitrogen hose connections" and str(rec.due) == "2027-03-31"
    ids = sorted(r.id for r in load_study(study).recommendations if r.id != rec.id)
    assert rec.id not in ids


def test_bad_cell_is_named_by_sheet_row_and_column(study, tmp_path):
    before = _texts(study)
    workbook = _export(study, "register", tmp_path)
    where = _edit(workbook, "register", "recommendations", "R-01", "due", "next spring")
    sheet, row, column = where.split(":")
    result = _import(study, workbook)
    assert result.exit_code == 1
    from openpyxl.utils import get_column_letter

    assert (f"sheet '{sheet}', row {row}, column {get_column_letter(int(column))} (Due): 'next spring' is not a "
            "date (YYYY-MM-DD)") in result.output
    assert _texts(study) == before


def test_model_error_is_reported_and_nothing_written(study, tmp_path):
    before = _texts(study)
    workbook = _export(study, "fmea", tmp_path)
    _edit(workbook, "fmea", "failure_modes", "FM-01", "severity", 12)
    result = _import(study, workbook)
    assert result.exit_code == 1
    assert "failure_modes[0].severity: a rating is from 1 to 10, got 12" in result.output
    assert _texts(study) == before


def test_dry_run_writes_nothing(study, tmp_path):
    before = _texts(study)
    workbook = _export(study, "register", tmp_path)
    _edit(workbook, "register", "recommendations", "R-01", "owner", "Ms Lin")
    result = _import(study, workbook, "--dry-run")
    assert result.exit_code == 0 and "(dry run)" in result.output
    assert _texts(study) == before


def test_a_foreign_workbook_is_refused(study, tmp_path):
    path = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(path)
    result = _import(study, path)
    assert result.exit_code == 1 and "not a workbook written by" in result.output
