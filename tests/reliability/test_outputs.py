"""Points 2, 5, 6 and 7 of issue 15: text stays text, outputs and edits all-or-nothing, safe workbook import."""

from __future__ import annotations

import errno
import os

import pytest

from reliability.helpers import HAZOP, invoke, one_line_error


def _run(study, out):
    return invoke("run", study, "--out", out)


# --------------------------------------------------------------------------- point 2
def test_text_starting_with_equals_is_text_in_xlsx_and_csv(tmp_path):
    import openpyxl

    from pse.tables import Sheet, csv_text, write_workbook

    import pandas as pd

    table = pd.DataFrame({"cause": ['=HYPERLINK("http://x","y")', "@SUM(1)", "-1.5", "plain"]})
    write_workbook(tmp_path / "t.xlsx", [Sheet("t", table)])
    cells = [c for c in openpyxl.load_workbook(tmp_path / "t.xlsx").active["A"]][1:]
    assert [c.data_type for c in cells] == ["s", "s", "s", "s"]
    assert cells[0].value == '=HYPERLINK("http://x","y")'
    assert csv_text(table).splitlines()[1:] == ['"\'=HYPERLINK(""http://x"",""y"")"', "'@SUM(1)", "-1.5", "plain"]
    assert oct(os.stat(tmp_path / "t.xlsx").st_mode & 0o777) == oct(0o666 & ~_umask())


def test_cell_longer_than_excel_holds_is_refused(tmp_path):
    import pandas as pd

    from pse.model.errors import StudyError
    from pse.tables import Sheet, write_workbook

    with pytest.raises(StudyError, match="32767"):  # openpyxl alone would cut it to 32,767
        write_workbook(tmp_path / "t.xlsx", [Sheet("t", pd.DataFrame({"a": ["x" * 32_768]}))])
    assert not (tmp_path / "t.xlsx").exists()


def _umask():
    from pse.output import umask

    return umask()


# --------------------------------------------------------------------------- point 5
def test_run_replaces_the_whole_folder_no_stale_files(tmp_path):
    study = tmp_path / "s.yaml"
    study.write_text("study: {title: T}\n")
    out = tmp_path / "out"
    assert _run(study, out).exit_code == 0
    (out / "stale.txt").write_text("from an older run")
    assert _run(study, out).exit_code == 0
    assert not (out / "stale.txt").exists() and (out / ".pse-output").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == [".out.lock"]


def test_run_refuses_foreign_folder_root_and_home(tmp_path):
    study = tmp_path / "s.yaml"
    study.write_text("study: {title: T}\n")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("x")
    assert "not a previous pse output" in one_line_error(_run(study, tmp_path / "mine"))
    assert "root or home" in one_line_error(_run(study, "/"))
    assert "root or home" in one_line_error(_run(study, os.path.expanduser("~")))


def test_leftover_staging_is_cleaned_and_lock_refuses_a_second_run(tmp_path):
    import fcntl

    study = tmp_path / "s.yaml"
    study.write_text("study: {title: T}\n")
    (tmp_path / ".out.staging.killed").mkdir()
    assert _run(study, tmp_path / "out").exit_code == 0
    assert not (tmp_path / ".out.staging.killed").exists()
    with open(tmp_path / ".out.lock", "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        assert "another pse run" in one_line_error(_run(study, tmp_path / "out"))


def test_full_disk_and_read_only_parent_are_one_line(tmp_path, monkeypatch):
    study = tmp_path / "s.yaml"
    study.write_text("study: {title: T}\n")
    from pse import registry

    def full(self, relative, text):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.out / relative))

    monkeypatch.setattr(registry.RunContext, "write_text", full)
    assert "disk is full" in one_line_error(_run(study, tmp_path / "out"))
    assert not (tmp_path / "out").exists()


def test_read_only_output_parent_is_one_line(tmp_path, monkeypatch):
    import tempfile

    study = tmp_path / "s.yaml"
    study.write_text("study: {title: T}\n")

    def refused(*args, dir=None, **kwargs):   # what mkdtemp raises in a folder the user cannot write
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dir))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    assert "Permission denied" in one_line_error(_run(study, tmp_path / "out"))


# --------------------------------------------------------------------------- point 6
def test_edit_keeps_mode_and_symlink_and_refuses_read_only(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "s.yaml").write_text(HAZOP)
    os.chmod(real / "s.yaml", 0o640)
    os.symlink(real / "s.yaml", tmp_path / "s.yaml")
    assert invoke("hazop", "generate", tmp_path / "s.yaml").exit_code == 0
    assert (tmp_path / "s.yaml").is_symlink()
    assert "deviations:" in (real / "s.yaml").read_text()
    assert os.stat(real / "s.yaml").st_mode & 0o777 == 0o640
    assert not [p for p in real.iterdir() if p.name.startswith(".")]
    (tmp_path / "ro.yaml").write_text(HAZOP)
    os.chmod(tmp_path / "ro.yaml", 0o444)
    if not os.access(tmp_path / "ro.yaml", os.W_OK):
        assert "read-only" in one_line_error(invoke("hazop", "generate", tmp_path / "ro.yaml"))
        assert (tmp_path / "ro.yaml").read_text() == HAZOP


def test_committed_journal_is_finished_and_prepared_one_undone_at_load(tmp_path):
    from pse.model import load_study
    from pse.output import _new_name, _write_journal, journal_path

    a, b = tmp_path / "s.yaml", tmp_path / "b.yaml"
    a.write_text("study: {title: old}\ninclude: [b.yaml]\n")
    b.write_text("recommendations: []\n")
    _new_name(a).write_text("study: {title: new}\ninclude: [b.yaml]\n")
    _write_journal(journal_path(a), "prepared", [(str(a), str(_new_name(a)))])
    assert load_study(a).study.title == "old" and not _new_name(a).exists()
    _new_name(a).write_text("study: {title: new}\ninclude: [b.yaml]\n")
    _write_journal(journal_path(a), "committed", [(str(a), str(_new_name(a)))])
    assert load_study(a).study.title == "new" and not journal_path(a).exists()


# --------------------------------------------------------------------------- point 7
def _export(tmp_path, study_text):
    study = tmp_path / "s.yaml"
    study.write_text(study_text)
    assert invoke("hazop", "generate", study).exit_code == 0
    assert invoke("hazop", "export", study, "--out", tmp_path / "x").exit_code == 0
    return study, tmp_path / "x" / "hazop" / "hazop.xlsx"


def test_clashing_node_ids_get_unique_valid_sheets_mapped_by_the_hidden_sheet(tmp_path):
    import openpyxl

    long = "N-" + "A" * 40
    study, book_path = _export(tmp_path, "study: {title: T}\nnodes:\n"
                                         f"  - {{id: {long}1, name: a, parameters: [flow]}}\n"
                                         f"  - {{id: {long}2, name: b, parameters: [flow]}}\n")
    book = openpyxl.load_workbook(book_path)
    names = [n for n in book.sheetnames if n not in ("_pse", "Legend")]
    assert len(names) == 2 and len({n.casefold() for n in names}) == 2 and all(len(n) <= 31 for n in names)
    nodes = {r[1]: r[2] for r in book["_pse"].iter_rows(values_only=True) if r[0] == "#sheet"}
    assert nodes == {names[0]: long + "1", names[1]: long + "2"}
    ws = book[names[1]]
    ws.cell(row=7, column=_column("notes"), value="edited on sheet two")
    book.save(book_path)
    assert invoke("hazop", "import", study, book_path).exit_code == 0
    from pse.model import load_study

    edited = [d for d in load_study(study).deviations if d.notes == "edited on sheet two"]
    assert [d.node for d in edited] == [long + "2"]


def _column(key):
    from pse.hazop.excel import SHEET_KEYS

    return SHEET_KEYS.index(key) + 1


def test_import_refuses_formula_non_xlsx_and_tampered_hidden_sheet(tmp_path):
    import openpyxl

    study, book_path = _export(tmp_path, HAZOP)
    book = openpyxl.load_workbook(book_path)
    book["N-01"].cell(row=7, column=_column("notes"), value='=HYPERLINK("http://evil")')
    book.save(tmp_path / "formula.xlsx")
    line = one_line_error(invoke("hazop", "import", study, tmp_path / "formula.xlsx"))
    assert "sheet 'N-01', row 7, column" in line and "formula" in line
    (tmp_path / "fake.xlsx").write_text("not a zip")
    assert "not an .xlsx" in one_line_error(invoke("hazop", "import", study, tmp_path / "fake.xlsx"))
    book = openpyxl.load_workbook(book_path)
    book["_pse"].cell(row=3, column=5, value="{broken json")
    book.save(tmp_path / "tampered.xlsx")
    assert "hidden merge base" in one_line_error(invoke("hazop", "import", study, tmp_path / "tampered.xlsx"))


def test_far_cell_is_refused_quickly_and_deleted_rows_are_reported(tmp_path):
    import time

    import openpyxl

    study, book_path = _export(tmp_path, HAZOP)
    book = openpyxl.load_workbook(book_path)
    book["N-01"].cell(row=1_048_576, column=1, value="far")
    book.save(tmp_path / "far.xlsx")
    start = time.monotonic()
    assert "beyond the limit" in one_line_error(invoke("hazop", "import", study, tmp_path / "far.xlsx"))
    assert time.monotonic() - start < 20
    book = openpyxl.load_workbook(book_path)
    book["N-01"].delete_rows(7)
    book.save(tmp_path / "deleted.xlsx")
    result = invoke("hazop", "import", study, tmp_path / "deleted.xlsx")
    assert result.exit_code == 0 and "was deleted in the workbook" in result.output


def test_date_serial_is_read_as_a_date():
    from pse.hazop.excel import Cell, _Parser

    errors = []
    assert _Parser(None, None, "en", errors).date(Cell("w", "N-01", 7, "accepted_on", "en"), "45658") == "2025-01-01"
    assert errors == []


def test_stale_edit_scratch_folders_are_removed_on_load(tmp_path):
    """A scratch copy left by a killed edit (its pid dead) goes at the next load; a live process's stays."""
    import os
    import subprocess
    import sys

    from pse.model import load_study
    from pse.output import SCRATCH_PREFIX

    (tmp_path / "s.yaml").write_text("study: {title: t}\n", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()                                   # a pid that has ended
    dead = tmp_path / f"{SCRATCH_PREFIX}{child.pid}-abc"
    live = tmp_path / f"{SCRATCH_PREFIX}{os.getpid()}-def"
    for folder in (dead, live):
        folder.mkdir()
        (folder / "s.yaml").write_text("study: {title: t}\n", encoding="utf-8")
    load_study(tmp_path / "s.yaml")
    assert not dead.exists() and live.exists()
