"""Import of a round-trip workbook: a three-way merge by row ID, cell by cell (see the package docstring)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from pse.roundtrip.cells import normal, parse
from pse.roundtrip.kinds import Column, Sheet


def three_way(base: str, workbook: str, study: str) -> str:
    """What to do with one cell: ``'keep'``, ``'apply'`` (take the workbook's) or ``'conflict'``.

    B = value at export, W = workbook now, S = study now (all as normalised text).

    >>> three_way("2", "2", "3"), three_way("2", "4", "2"), three_way("2", "4", "3"), three_way("2", "4", "4")
    ('keep', 'apply', 'conflict', 'keep')
    """
    if workbook == base or workbook == study:
        return "keep"
    return "apply" if study == base else "conflict"


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    files: list = field(default_factory=list)


class WorkbookError(Exception):
    """Problems in a workbook, each one line naming sheet, row and column."""

    def __init__(self, workbook: str, messages: list[str]):
        self.workbook = workbook
        self.messages = messages
        super().__init__("\n".join(f"{workbook}: {m}" for m in messages))

    @property
    def problems(self):
        from pse.model.errors import Problem

        return [Problem(self.workbook, None, "", m) for m in self.messages]


def canonical(column: Column, text: str) -> str:
    """Cell text as the study would show it once written (``yes`` -> ``Y``, ``4.0`` -> ``4``)."""
    try:
        return normal(parse(column.kind, text, column.choices))
    except ValueError:
        return normal(text)


class _Where:
    def __init__(self, shown: str, sheet_title: str, keys: list[str], lang: str):
        self.shown, self.sheet, self.keys, self.lang = shown, sheet_title, keys, lang

    def __call__(self, row: int, key: str) -> str:
        from openpyxl.utils import get_column_letter

        from pse.roundtrip.workbook import _l

        col = get_column_letter(self.keys.index(key) + 1) if key in self.keys else "?"
        return f"sheet '{self.sheet}', row {row}, column {col} ({_l(key, self.lang)})"


def _read_base(book, shown: str):
    from pse.roundtrip.workbook import FORMAT, META_SHEET

    if META_SHEET not in book.sheetnames:
        raise WorkbookError(shown, [f"sheet '{META_SHEET}' is missing: this is not a workbook written by pse"])
    meta = book[META_SHEET]
    first = [c.value for c in meta[1]]
    if not first or first[0] != FORMAT:
        raise WorkbookError(shown, [f"sheet '{META_SHEET}': unknown format {first[0] if first else None!r} "
                                    f"(expected {FORMAT})"])
    base = {}
    for values in meta.iter_rows(min_row=2, values_only=True):
        if values and values[0] is not None:
            base[(str(values[0]), str(values[2]))] = json.loads(values[3])
    return str(first[1]), str(first[2] or "en"), base


def _merge_sheet(ws, sheet: Sheet, base: dict, now: dict, edits, result, where, errors) -> None:
    from pse.roundtrip.edit import NewRow
    from pse.roundtrip.workbook import HEADER_ROW, _l, header_keys

    keys = header_keys(sheet)
    for j, key in enumerate(keys, start=1):
        found = normal(ws.cell(row=HEADER_ROW, column=j).value)
        if found != _l(key, where.lang):
            errors.append(f"{where(HEADER_ROW, key)}: the header row was edited (found {found!r}, expected "
                          f"{_l(key, where.lang)!r}); keep the exported headers")
            return
    editable = [c for c in sheet.editable]
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        cells = {k: normal(ws.cell(row=r, column=j).value) for j, k in enumerate(keys, start=1)}
        row_id = cells["row_id"]
        if not row_id:
            if any(cells[c.key] for c in editable):
                new = NewRow(sheet, {c.key: cells[c.key] for c in editable}, cells.get("parent") or None)
                edits.append(("add", new, f"{where(r, 'row_id')}: "))
            continue
        b = base.get((ws.title, row_id))
        s = now.get(row_id)
        if b is None and s is None:
            errors.append(f"{where(r, 'row_id')}: row ID '{row_id}' is not in the study (leave Row ID empty to "
                          "add a new row)")
            continue
        for column in editable:
            w = canonical(column, cells[column.key])
            try:
                parse(column.kind, cells[column.key], column.choices)
            except ValueError as exc:
                errors.append(f"{where(r, column.key)}: {exc}")
                continue
            if b is None:
                assert s is not None            # a row in neither was reported above
                if w != s[column.key]:
                    result.conflicts.append(f"{where(r, column.key)}: row '{row_id}' was added to the study "
                                            "after the export; edit it in the study or export again")
                continue
            if s is None:
                if w != b.get(column.key, ""):
                    result.conflicts.append(f"{where(r, column.key)}: row '{row_id}' was removed from the study "
                                            "since the export but edited in the workbook")
                continue
            action = three_way(b.get(column.key, ""), w, s[column.key])
            if action == "conflict":
                result.conflicts.append(f"{where(r, column.key)}: changed in the workbook ({w!r}) and in the "
                                        f"study ({s[column.key]!r}) since the export (was {b.get(column.key)!r})")
            elif action == "apply":
                edits.append(("set", (sheet, row_id, column.key, cells[column.key]), where(r, column.key)))


def import_workbook(study_path, workbook_path, dry_run: bool = False) -> ImportResult:
    """Merge the edits of a round-trip workbook into the study (conflicts: nothing written)."""
    import openpyxl

    from pse.hazop.yamledit import StudyFiles
    from pse.model.loader import display_path
    from pse.roundtrip.edit import Edits
    from pse.roundtrip.kinds import kind as kind_named
    from pse.roundtrip.workbook import exported_values, header_keys, sheet_title

    shown = display_path(workbook_path)
    try:
        book = openpyxl.load_workbook(workbook_path)
    except (OSError, ValueError, KeyError) as exc:
        raise WorkbookError(shown, [f"cannot read the workbook: {exc}"]) from None
    kind_name, lang, base = _read_base(book, shown)
    try:
        kind = kind_named(kind_name)
    except KeyError as exc:
        raise WorkbookError(shown, [str(exc.args[0])]) from None
    files = StudyFiles(study_path)
    result, errors = ImportResult(), []
    edits: list[tuple] = []
    for sheet in kind.sheets:
        title = sheet_title(sheet, lang)
        if title not in book.sheetnames:
            errors.append(f"sheet '{title}' is missing; export the workbook again")
            continue
        now = dict(exported_values(files, sheet))
        where = _Where(shown, title, header_keys(sheet), lang)
        _merge_sheet(book[title], sheet, base, now, edits, result, where, errors)
    if errors:
        raise WorkbookError(shown, errors)
    if result.conflicts:
        return result
    editor = Edits(files)
    for action, payload, where in edits:
        if action == "set":
            sheet, row_id, key, text = payload
            if editor.set(sheet, row_id, key, text, where) and row_id not in result.updated:
                result.updated.append(row_id)
        else:
            added = editor.add(payload, where)
            if added:
                result.added.append(added)
    if editor.errors:
        raise WorkbookError(shown, editor.errors)
    result.files = editor.save(dry_run)
    return result
