"""``study.xlsx``: every module's sheets in one workbook."""

from __future__ import annotations


def write_study_workbook(path, workbooks) -> bool:
    """``study.xlsx``: the sheets of every module's workbook copied into one, formats kept.

    Each module writes its own workbook in its own layout (bilingual header rows,
    merged cells, colours, dropdowns, frozen panes); copying cell by cell with
    their styles keeps that layout identical in the study workbook.  Sheet names
    that clash get the workbook's name as prefix.  Embedded images are not copied
    (they stay in the module's own workbook and in report.html).  False if none.
    """
    import copy
    import io

    from openpyxl import Workbook, load_workbook

    from pse.output import atomic_write_bytes

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for source_path in workbooks:
        source = load_workbook(source_path)
        for ws in source.worksheets:
            name = ws.title[:31]
            if name in used:
                name = f"{source_path.stem}-{ws.title}"[:31]
            used.add(name)
            target = book.create_sheet(name)
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
    if not book.worksheets:
        return False
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return True
