"""Module workbooks of ``pse run`` are cut out of study.xlsx (pse.report.split): the same workbook as the module's
own build, sheet for sheet, cell for cell, with merged cells, validations, print setup and images."""

from __future__ import annotations

import shutil
import zipfile
from types import SimpleNamespace

import openpyxl
import pytest

from conftest import WORKSHEETS


def _cell_facts(cell) -> tuple:
    return (cell.coordinate, cell.value, cell.data_type, cell.number_format, repr(cell.font), repr(cell.fill),
            repr(cell.border), repr(cell.alignment), cell.comment.text if cell.comment else None)


def _sheet_facts(ws) -> dict:
    setup = ws.page_setup
    return {
        "title": ws.title, "state": ws.sheet_state,
        "cells": [_cell_facts(c) for row in ws.iter_rows() for c in row if c.value is not None or c.has_style],
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": sorted((str(v.sqref), v.formula1, v.type, v.error) for v in ws.data_validations.dataValidation),
        "print": (ws.print_title_rows, ws.print_title_cols, ws.print_area, setup.orientation, setup.paperSize,
                  setup.fitToWidth, setup.fitToHeight, ws.sheet_properties.pageSetUpPr.fitToPage
                  if ws.sheet_properties.pageSetUpPr else None, repr(ws.page_margins), ws.print_options.gridLines),
        "header_footer": (ws.oddHeader.center.text, ws.oddHeader.left.text, ws.oddHeader.right.text,
                          ws.oddFooter.center.text, ws.oddFooter.left.text, ws.oddFooter.right.text),
        "view": (ws.freeze_panes, ws.auto_filter.ref),
        "widths": sorted((k, d.width, d.hidden) for k, d in ws.column_dimensions.items()),
        "heights": sorted((k, d.height) for k, d in ws.row_dimensions.items() if d.height),
        "images": [(img.anchor._from.row, img.anchor._from.col, img.width, img.height, img._data())
                   for img in ws._images],
    }


def workbook_facts(path) -> dict:
    """Everything a reader of the workbook sees: sheets in order, their cells, layout, printing and images."""
    book = openpyxl.load_workbook(path)
    return {"sheets": [_sheet_facts(ws) for ws in book.worksheets], "active": book.active.title,
            "names": sorted((ws.title, name) for ws in book.worksheets for name in ws.defined_names)}


@pytest.fixture(scope="module")
def own_builds(tmp_path_factory):
    """Every module of the zh-TW electronics-plant run, each workbook built and saved on its own (no deferral)."""
    from pse.model import load_study
    from pse.registry import RunContext
    from pse.run import _run_modules

    out = tmp_path_factory.mktemp("own")
    study = load_study(WORKSHEETS / "electronics-plant.yaml")
    ctx = RunContext(out=out, lang="zh-TW", study=study)
    _run_modules(study, ctx)
    return out, [name for name, _ in ctx.workbooks]


def test_every_module_workbook_of_a_run_equals_its_own_build(zh_out, own_builds):
    own_dir, names = own_builds
    assert len(names) >= 7 and "hazop/hazop.xlsx" in names and "taskrisk/task-risk.xlsx" in names
    for name in names:
        cut, own = workbook_facts(zh_out / name), workbook_facts(own_dir / name)
        assert [s["title"] for s in cut["sheets"]] == [s["title"] for s in own["sheets"]], name
        for cut_sheet, own_sheet in zip(cut["sheets"], own["sheets"], strict=True):
            for key in own_sheet:
                assert cut_sheet[key] == own_sheet[key], (name, own_sheet["title"], key)
        assert cut["active"] == own["active"] and cut["names"] == own["names"], name
    images = [s["images"] for s in workbook_facts(zh_out / "taskrisk/task-risk.xlsx")["sheets"] if s["images"]]
    assert images and images[0][0][4][:8] == b"\x89PNG\r\n\x1a\n"          # the heat map, its PNG bytes intact


def test_the_cut_copies_the_module_parts_verbatim_from_study_xlsx(zh_out):
    """task-risk.xlsx has images: it is built on study.xlsx and cut out of it (pse.report.split)."""
    with zipfile.ZipFile(zh_out / "study.xlsx") as study, \
            zipfile.ZipFile(zh_out / "taskrisk/task-risk.xlsx") as taskrisk:
        _same_parts(study, taskrisk)


def _same_parts(study, cut) -> None:
    sheets = [n for n in cut.namelist() if n.startswith("xl/worksheets/sheet")]
    assert sheets and all(cut.read(n) == study.read(n) for n in sheets)
    assert cut.read("xl/styles.xml") == study.read("xl/styles.xml")
    assert len(sheets) < len([n for n in study.namelist() if n.startswith("xl/worksheets/sheet")])
    assert cut.testzip() is None


def test_a_merged_module_workbook_is_its_own_build_part_for_part(zh_out, own_builds):
    """hazop.xlsx has plain sheets: the run writes it from the parts study.xlsx is merged from
    (pse.workbook_parts), the file its own build writes (but the save time)."""
    own_dir, _ = own_builds
    for name in ("hazop/hazop.xlsx", "lopa/lopa.xlsx", "fmea/fmea.xlsx", "zones/zoning.xlsx"):
        with zipfile.ZipFile(zh_out / name) as run, zipfile.ZipFile(own_dir / name) as own:
            assert run.namelist() == own.namelist(), name
            assert [n for n in own.namelist() if n != "docProps/core.xml" and run.read(n) != own.read(n)] == []


def test_hazop_import_reads_the_run_workbook(zh_out, tmp_path):
    from click.testing import CliRunner

    from pse.cli import cli

    shutil.copytree(WORKSHEETS / "electronics-plant", tmp_path / "electronics-plant")
    study = tmp_path / "electronics-plant.yaml"
    shutil.copy(WORKSHEETS / "electronics-plant.yaml", study)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    result = CliRunner().invoke(cli, ["hazop", "import", str(study), str(zh_out / "hazop/hazop.xlsx")])
    assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")} == before     # nothing edited, nothing changed


def _fake_run(tmp_path, workbooks, defer=True):
    from pse.tables import sheets_builder

    pairs = [(name, sheets_builder(sheets)) for name, sheets in workbooks]
    for name, _ in pairs:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    return SimpleNamespace(workbooks=pairs, files=[n for n, _ in pairs], defer_workbooks=defer, study=None,
                           lang="en")


def _sheet(name, rows, title="T"):
    import pandas as pd

    from pse.tables import Sheet

    return Sheet(name=name, title=title, table=pd.DataFrame(rows))


def test_clashing_sheet_names_get_their_own_names_back(tmp_path):
    from pse.report.workbook import write_run_workbooks
    from pse.tables import sheets_builder
    from pse.workbook import write_workbook

    workbooks = [("a/lopa.xlsx", [_sheet("Summary", {"x": [1, 2]}), _sheet("O'Neil", {"y": ["p"]})]),
                 ("b/fmea.xlsx", [_sheet("Summary", {"z": [3.5]}), _sheet("O'Neil", {"w": ["q", "r"]})])]
    assert write_run_workbooks(_fake_run(tmp_path, workbooks), tmp_path)
    assert openpyxl.load_workbook(tmp_path / "study.xlsx").sheetnames == [
        "Summary", "O'Neil", "fmea-Summary", "fmea-O'Neil"]
    for name, sheets in workbooks:
        write_workbook(tmp_path / "own.xlsx", sheets_builder(sheets))
        cut, own = workbook_facts(tmp_path / name), workbook_facts(tmp_path / "own.xlsx")
        assert cut == own and [s["title"] for s in cut["sheets"]] == ["Summary", "O'Neil"]
        assert cut["sheets"][1]["print"][0] == "$3:$3"            # the print titles of the renamed sheet


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")   # openpyxl's zip left open on error
def test_a_workbook_with_no_visible_sheet_is_built_on_its_own(tmp_path):
    from pse.report.workbook import write_run_workbooks

    def hidden(target):
        target.create_sheet("meta").sheet_state = "hidden"

    ctx = SimpleNamespace(workbooks=[("m.xlsx", hidden)], files=["m.xlsx"], defer_workbooks=True, study=None,
                          lang="en")
    from pse.workbook import write_workbook

    with pytest.raises(ValueError) as own:
        write_workbook(tmp_path / "own.xlsx", hidden)
    with pytest.raises(ValueError) as cut:                # what openpyxl says of the module's own build
        write_run_workbooks(ctx, tmp_path)
    assert str(cut.value) == str(own.value)
    assert not (tmp_path / "study.xlsx").exists()
