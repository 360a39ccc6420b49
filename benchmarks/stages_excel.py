"""Excel stage for benchmarks/run.py: the HAZOP workbook of N rows.

Floor: openpyxl's write-only mode writing the same cells (the worksheet DataFrame's values),
without styles, dropdowns or legend - the least any tool must do to put the rows in a workbook.
"""

from __future__ import annotations


def _setup(generate):
    def setup(n):
        import tempfile
        from pathlib import Path

        from pse.hazop.worksheet import worksheet
        from pse.model.loader import SourceMap
        from pse.model.validate import validate_document

        study = validate_document(generate.hazop_study(n), SourceMap(), module_checks=False)
        table = worksheet(study, "en")
        return study, table, Path(tempfile.mkdtemp())

    return setup


def _run(data):
    from pse.hazop.excel import write_workbook

    study, _, folder = data
    write_workbook(study, folder / "pse.xlsx", "en")


def _floor(data):
    from openpyxl import Workbook

    _, table, folder = data
    book = Workbook(write_only=True)
    sheet = book.create_sheet("HAZOP")
    sheet.append([str(c) for c in table.columns])
    for row in table.itertuples(index=False):
        sheet.append([None if v != v else v for v in row])
    book.save(folder / "floor.xlsx")


def stages(Stage, generate):
    return [Stage("excel_hazop", "HAZOP workbook of N rows vs openpyxl write-only mode writing the same cells",
                  _setup(generate), _run, _floor, sizes=(100, 1_000, 10_000, 100_000))]
