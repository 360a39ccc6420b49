"""study.xlsx is written by the modules' own workbook builders: page setup, print titles, filters, images kept."""

from __future__ import annotations

import openpyxl
import pytest

from pse.workbook import WorkbookTarget, new_book


@pytest.fixture(scope="module")
def books(zh_out):
    study = openpyxl.load_workbook(zh_out / "study.xlsx")
    modules = {p.relative_to(zh_out).as_posix(): openpyxl.load_workbook(p)
               for p in sorted(zh_out.rglob("*.xlsx")) if p.name != "study.xlsx"}
    return study, modules


def _setup(ws) -> tuple:
    return (ws.print_title_rows, ws.auto_filter.ref, ws.page_setup.orientation, ws.page_setup.paperSize,
            ws.page_setup.fitToWidth, ws.freeze_panes, len(ws._images), ws.sheet_state, ws.max_row, ws.max_column)


def test_every_module_sheet_is_in_the_study_workbook_with_its_setup(books):
    study, modules = books
    assert len(modules) >= 5
    count = 0
    for name, book in modules.items():
        stem = name.rsplit("/", 1)[-1].removesuffix(".xlsx")
        for ws in book.worksheets:
            title = ws.title if ws.title in study.sheetnames and _setup(study[ws.title]) == _setup(ws) \
                else f"{stem}-{ws.title}"[:31]
            assert title in study.sheetnames, (name, ws.title)
            assert _setup(study[title]) == _setup(ws), (name, ws.title)
            count += 1
    assert count == len(study.sheetnames) - 1          # and the whole traceability table, its own sheet
    assert study.sheetnames[-1] == "Traceability"


def test_study_workbook_holds_the_whole_traceability_table(books, zh_out):
    study, _ = books
    sheet = study["Traceability"]
    page = (zh_out / "report.html").read_text(encoding="utf-8")
    trace = page[page.index("id='trace'"):]
    rows_in_page = trace[:trace.index("</tbody>")].count("<tr>") - 1      # less the header row
    header_row = next(r for r in range(1, 6) if sheet.cell(row=r, column=1).value and
                      sheet.cell(row=r, column=3).value == "LOPA")
    assert sheet.max_row - header_row == rows_in_page > 5    # a small study: every row on the page too
    assert sheet.print_title_rows and sheet.page_setup.orientation == "landscape"


def test_images_print_titles_and_filters_survive(books):
    study, _ = books
    assert any(ws._images for ws in study.worksheets)                      # the task-risk heat map
    hazop = study["N-01"]
    assert hazop.print_title_rows and hazop.auto_filter.ref and hazop.page_setup.orientation == "landscape"
    assert int(hazop.page_setup.paperSize) == int(hazop.PAPERSIZE_A3)
    assert study["_pse"].sheet_state == "hidden" and study.active.sheet_state == "visible"


def test_clashing_sheet_names_get_the_workbook_name():
    book = new_book()
    first, second = WorkbookTarget(book, "lopa"), WorkbookTarget(book, "fmea")
    first.create_sheet("Summary"), second.create_sheet("Summary"), second.create_sheet("Summary")
    assert book.sheetnames == ["Summary", "fmea-Summary", "fmea-Summary-2"]
    second.create_sheet("First", index=0)
    assert book.sheetnames == ["Summary", "First", "fmea-Summary", "fmea-Summary-2"]
