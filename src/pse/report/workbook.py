"""``study.xlsx``: every module's sheets in one workbook, written by the modules' own builders.

Modules write their workbooks through :meth:`pse.registry.RunContext.write_workbook`,
which keeps each workbook's builder; ``study.xlsx`` runs those builders again
on one workbook (:func:`pse.workbook.write_study_workbook`), so page setup,
print titles, filters, validations and images are kept.  A workbook written
some other way is copied cell by cell with its styles (:func:`copy_builder`;
images and page setup of such a workbook are not kept).
"""

from __future__ import annotations

from pathlib import Path


def copy_builder(source_path):
    """A builder that copies the sheets of an existing workbook, cell formats kept (fallback only)."""

    def build(target) -> None:
        from openpyxl import load_workbook

        for ws in load_workbook(source_path).worksheets:
            _copy_sheet(ws, target.create_sheet(ws.title))

    return build


def _copy_sheet(ws, target) -> None:
    import copy

    for row in ws.iter_rows():
        for cell in row:
            new = target.cell(row=cell.row, column=cell.column, value=cell.value)
            if cell.has_style:
                new.font, new.fill = copy.copy(cell.font), copy.copy(cell.fill)
                new.border, new.alignment = copy.copy(cell.border), copy.copy(cell.alignment)
                new.number_format, new.protection = cell.number_format, copy.copy(cell.protection)
            if cell.comment is not None:
                new.comment = copy.copy(cell.comment)
    for merged in ws.merged_cells.ranges:
        target.merge_cells(str(merged))
    for key, dim in ws.column_dimensions.items():
        target.column_dimensions[key].width = dim.width
        target.column_dimensions[key].hidden = dim.hidden
    for key, dim in ws.row_dimensions.items():
        target.row_dimensions[key].height = dim.height
    target.freeze_panes = ws.freeze_panes
    for validation in ws.data_validations.dataValidation:
        target.add_data_validation(copy.copy(validation))
    target.sheet_state = ws.sheet_state


def study_workbook_builders(ctx, root) -> list:
    """``(name, builder)`` of every workbook of a run, in the order the files were written, then the whole
    traceability table (report.html shows its first rows and points here)."""
    built = dict(ctx.workbooks)
    builders = [(Path(name).stem, built.get(name) or copy_builder(Path(root) / name))
                for name in ctx.files if name.endswith(".xlsx") and name != "study.xlsx"]
    study = getattr(ctx, "study", None)
    if study is not None and builders:
        from pse.report.trace import traceability_sheet
        from pse.tables import sheets_builder

        sheet = traceability_sheet(study, ctx.lang)
        if len(sheet.table):
            builders.append(("traceability", sheets_builder([sheet])))
    return builders


def write_study_workbook(path, builders) -> bool:
    """``study.xlsx`` from ``(name, builder)`` pairs (or workbook paths, copied); False if no sheet."""
    from pse.workbook import write_study_workbook as write

    pairs = [item if isinstance(item, tuple) else (Path(item).stem, copy_builder(item)) for item in builders]
    return write(path, pairs)
