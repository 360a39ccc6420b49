"""Task risk, FMEA, machinery checklist, LOPA and register worksheets in the browser.

Each is a sheet of :mod:`pse.roundtrip.kinds`; cells are read, parsed, written and validated by
the same code as ``pse import`` (:mod:`pse.roundtrip.edit`), computed cells by
:mod:`pse.roundtrip.computed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pse.roundtrip.kinds import Kind, Sheet
from pse.serve import choices
from pse.serve.errors import EditError

#: study path -> (study, StudyFiles) of the revision last read (read only: edits load their own copy)
_READ: dict = {}

#: computed columns holding Y/N
COMPUTED_BOOL = ("lopa_met",)

if TYPE_CHECKING:
    from pathlib import Path


def _options(study, sheet: Sheet, column) -> list | None:
    from pse.model.validate import matrix_for

    if column.kind == "choice":
        return list(column.choices)
    if column.kind == "bool":
        return ["Y", "N"]
    if column.kind == "level":
        matrix = matrix_for(study)
        return list(matrix.likelihood_ids if "likelihood" in column.key else matrix.severity_ids)
    if sheet.collection == "failure_modes" and column.kind == "int":
        return [str(k) for k in range(1, 11)]
    if column.key == "hazard_type":
        from pse.taskrisk.data import hazard_types

        return list(hazard_types(study.task_risk.hazard_types))
    return None


class GenericSheet:
    def __init__(self, kind: Kind, sheet: Sheet):
        self.kind, self.sheet = kind, sheet
        self.name = sheet.name
        self.title = sheet.name
        self.study_path: Path | None = None     # set by the session
        self.required = sheet.required
        self._by_id: tuple | None = None      # (study, {row ID: row})

    def _word_kinds(self) -> dict[str, str]:
        kinds = {c: "bool" for c in COMPUTED_BOOL}
        for column in self.sheet.columns:
            if column.key == "hazard_type":
                kinds[column.key] = "hazard"
            elif column.kind in ("choice", "bool"):
                kinds[column.key] = "enum" if column.kind == "choice" else "bool"
        return kinds

    def show(self, values: dict, lang: str, study=None) -> dict:
        """Cell values as the page shows them: study keys as words of ``lang``."""
        kinds = self._word_kinds()
        return {k: choices.word(kinds[k], k, v, lang, study) if k in kinds else v for k, v in values.items()}

    def read(self, key: str, text: str, study=None) -> str:
        """A shown word (either language) back to the study key."""
        kind = self._word_kinds().get(key)
        if kind is None:
            return text
        try:
            column = self.sheet.column(key)
        except KeyError:
            return text
        keys = column.choices if column.kind == "choice" else choices.choices_of(kind, key, study)
        return choices.key(kind, key, text, keys, study)

    def _files(self, study):
        """The study files as read (not for editing), loaded once per study revision (``study`` object)."""
        from pse.hazop.yamledit import StudyFiles

        read = _READ.get(self.study_path)
        if read is None or read[0] is not study:     # one copy shared by the sheets of the session
            read = _READ[self.study_path] = (study, StudyFiles(self.study_path))
        return read[1]

    def _rows_by_id(self, study) -> dict:
        from pse.roundtrip import store

        if self._by_id is None or self._by_id[0] is not study:
            self._by_id = (study, {r.row_id: r for r in store.rows(self._files(study), self.sheet)})
        return self._by_id[1]

    def columns(self, study, lang: str) -> list[dict]:
        from pse.roundtrip.workbook import _l

        out = [{"key": "row_id", "label": _l("row_id", lang), "editable": False, "options": None, "width": 80,
                "multiline": False}]
        kinds = self._word_kinds()
        for column in self.sheet.columns:
            options = _options(study, self.sheet, column)
            if options and column.key in kinds:
                options = [choices.word(kinds[column.key], column.key, str(o), lang, study) for o in options]
            out.append({"key": column.key, "label": _l(column.key, lang), "editable": not column.computed,
                        "options": options, "width": max(50, column.width * 7),
                        "multiline": column.kind in ("lines", "one_or_lines")})
        return out

    def rows(self, study, lang: str) -> list[dict]:
        from pse.roundtrip import store
        from pse.roundtrip.computed import computed

        files = self._files(study)
        extra = computed(self.kind.name, study)
        out = []
        key_of = (lambda r: r.item.get("id")) if self.sheet.key != "id" else (lambda r: r.row_id)
        for row in store.rows(files, self.sheet):
            cells = {c.key: store.value_of(row.item, c) for c in self.sheet.editable}
            lookup = extra.get(str(key_of(row)), {}) or extra.get(row.row_id, {})
            cells.update({k: v[0] for k, v in lookup.items()})
            cells["row_id"] = row.row_id
            out.append({"id": row.row_id, "group": row.parent or "", "group_label": row.parent or "", "kind": "row",
                        "cells": self.show(cells, lang, study), "colours": {k: v[1] for k, v in lookup.items() if v[1]},
                        "suggested": False})
        return out

    def groups(self, study) -> list[dict]:
        if not self.sheet.nested:
            return [{"id": "", "label": "", "intent": ""}]
        items = getattr(study, self.sheet.collection)
        return [{"id": i.id, "label": f"{i.id} {getattr(i, 'name', '') or ''}".strip(), "intent": ""} for i in items]

    def current(self, study, lang, row_id: str) -> dict:
        from pse.roundtrip import store

        row = self._rows_by_id(study).get(row_id)
        if row is not None:
            return {"values": {c.key: store.value_of(row.item, c) for c in self.sheet.editable}}
        raise EditError(f"row '{row_id}' is not in the study", status=404)

    def _save(self, edits, key: str = "") -> None:
        from pse.model.errors import StudyError
        from pse.serve.errors import study_error_message

        if edits.errors:
            raise EditError(edits.errors[0], key=key)
        try:
            edits.save()
        except StudyError as exc:
            raise EditError(study_error_message(exc), key=key) from None

    def set_cells(self, study, study_path, lang, row_id: str, changes: dict) -> str:
        from pse.hazop.yamledit import StudyFiles
        from pse.roundtrip.edit import Edits

        edits = Edits(StudyFiles(study_path))
        for key, text in changes.items():
            try:
                self.sheet.column(key)
            except KeyError:
                raise EditError(f"{key}: not a column of this worksheet", key=key) from None
            if not edits.set(self.sheet, row_id, key, self.read(key, text, study), key):
                raise EditError(edits.errors[0], key=key)
        self._save(edits, next(iter(changes)) if len(changes) == 1 else "")
        return row_id

    def add_row(self, study, study_path, lang, group: str, values: dict, origin=None) -> str:
        from pse.hazop.yamledit import StudyFiles
        from pse.roundtrip.edit import Edits, NewRow

        edits = Edits(StudyFiles(study_path))
        values = {k: self.read(k, v, study) for k, v in values.items()}
        new_id = edits.add(NewRow(self.sheet, values, group or None))
        self._save(edits)
        return new_id or ""

    def copy_values(self, study, lang, row_id: str) -> dict:
        values = self.current(study, lang, row_id)["values"]
        if self.sheet.key != "id":
            values.pop(self.sheet.key, None)
        return values


def generic_sheets() -> list[GenericSheet]:
    from pse.roundtrip.kinds import KINDS

    return [GenericSheet(kind, sheet) for kind in KINDS.values() for sheet in kind.sheets]
