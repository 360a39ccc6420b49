"""The HAZOP worksheet by node in the browser: rows, dropdowns, and edits through the HAZOP merge.

An edit of one cell is merged exactly like a workbook row whose cell changed (base = the row as
shown, workbook = the row with the new value), so the browser and `pse hazop import` write the
same objects: a cause text edits the cause, S/L edit the scenario, a safeguards line without ID
adds a safeguard, a new row adds cause, consequence and scenario with the node's next IDs.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pse.serve import choices
from pse.serve.choices import word
from pse.serve.errors import EditError

if TYPE_CHECKING:
    from pse.hazop.excel import Cell

#: columns shown (IDs of cause/consequence/deviation stay hidden: the row ID names the row)
SHOWN = ("row_id", "guide_word", "parameter", "deviation", "cause", "consequence", "category", "safeguards",
         "proposed_safeguards", "severity", "likelihood", "risk", "recommendations", "severity_after",
         "likelihood_after", "risk_after", "lopa_by_hand", "lopa", "origin", "accepted_by", "accepted_on", "notes")
#: columns holding study keys, shown as words (:mod:`pse.serve.choices`)
WORDS = {"category": "enum", "origin": "enum", "lopa_by_hand": "bool", "lopa": "bool"}
WIDE = {"cause": 220, "consequence": 240, "safeguards": 240, "proposed_safeguards": 200, "recommendations": 220,
        "deviation": 120, "notes": 160}


@cache
def _browser_cell() -> type[Cell]:
    """A HAZOP import :class:`~pse.hazop.excel.Cell` for a browser edit: messages name the column only."""
    from pse.hazop.excel import Cell
    from pse.hazop.worksheet import _l

    class BrowserCell(Cell):
        def where(self) -> str:
            return _l(self.key, self.lang)

    return BrowserCell


def _cell(key: str, lang: str) -> Cell:
    return _browser_cell()("", "", 0, key, lang)


class HazopSheet:
    name = "hazop"
    title = "kind_hazop"
    required = ("guide_word", "parameter", "cause", "consequence")

    def __init__(self) -> None:
        self._rows: tuple | None = None    # (study, lang, worksheet rows, {row ID: row})

    def _worksheet(self, study, lang: str) -> tuple[list, dict]:
        """The worksheet rows of ``study`` in ``lang`` and their index by row ID, built once per revision."""
        from pse.hazop.worksheet import rows

        if self._rows is None or self._rows[0] is not study or self._rows[1] != lang:
            built = rows(study, lang, include_suggestions=True)
            self._rows = (study, lang, built, {r.row_id: r for r in reversed(built)})
        return self._rows[2], self._rows[3]

    def show(self, values: dict, lang: str, study=None) -> dict:
        """Cell values as the page shows them: study keys as words of ``lang``."""
        return {k: word(WORDS[k], k, v, lang) if k in WORDS else v for k, v in values.items()}

    def read(self, key: str, text: str, study=None) -> str:
        """A shown word (either language) back to the study key."""
        return choices.key(WORDS[key], key, text, self._keys(key)) if key in WORDS else text

    @staticmethod
    def _keys(key: str) -> tuple:
        from pse.hazop.excel import CATEGORIES

        return tuple(CATEGORIES) if key == "category" else choices.choices_of(WORDS[key], key)

    def columns(self, study, lang: str) -> list[dict]:
        from pse.hazop.excel import CATEGORIES, EDITABLE
        from pse.hazop.library import library_for
        from pse.hazop.worksheet import _l, node_matrix
        from pse.model.validate import matrix_for

        library = library_for(study)
        matrix = matrix_for(study, node_matrix(study, study.nodes[0].id) if study.nodes else None)
        options = {"guide_word": [g for g in library.guide_words if g not in library.excluded_guide_words],
                   "parameter": [p for p in library.parameters if p not in library.excluded_parameters],
                   "category": list(CATEGORIES), "lopa_by_hand": ["Y", "N"],
                   "severity": list(matrix.severity_ids), "likelihood": list(matrix.likelihood_ids)}
        options["severity_after"], options["likelihood_after"] = options["severity"], options["likelihood"]
        options["guide_word"] = [library.term_label("guide word", g, lang) for g in options["guide_word"]]
        options["parameter"] = [library.term_label("parameter", p, lang) for p in options["parameter"]]
        for key, kind in WORDS.items():
            if options.get(key):
                options[key] = [word(kind, key, v, lang) for v in options[key]]
        return [{"key": k, "label": _l(k, lang), "editable": k in EDITABLE, "options": options.get(k),
                 "width": WIDE.get(k, 72 if k != "row_id" else 118),
                 "multiline": k in ("safeguards", "proposed_safeguards", "recommendations")} for k in SHOWN]

    def rows(self, study, lang: str) -> list[dict]:
        from pse.hazop.worksheet import risk_colour

        out = []
        names = {n.id: (n.name if hasattr(n, "name") else "") or n.id for n in study.nodes}
        for row in self._worksheet(study, lang)[0]:
            colours = {k: risk_colour(study, row.matrix, row.values.get(k)) for k in ("risk", "risk_after")}
            out.append({"id": row.row_id, "group": row.node or "", "group_label": names.get(row.node, row.node or ""),
                        "kind": row.kind,
                        "cells": self.show({k: str(row.values.get(k, "")) for k in SHOWN}, lang),
                        "colours": {k: v for k, v in colours.items() if v},
                        "suggested": row.values.get("origin") == "suggested" and not row.counts})
        grouped = {r["group"] for r in out}
        for node in study.nodes:   # a node with no deviation yet still gets its group
            if node.id not in grouped:
                out.append({"id": "", "group": node.id, "group_label": names[node.id], "kind": "empty",
                            "cells": {}, "colours": {}, "suggested": False})
        return out

    def groups(self, study) -> list[dict]:
        return [{"id": n.id, "label": f"{n.id} {getattr(n, 'name', '') or ''}".strip(),
                 "intent": getattr(n, "design_intent", None) or ""} for n in study.nodes]

    # -- edits ------------------------------------------------------------------------------------
    def _merger(self, study, study_path, lang):
        from pse.hazop.excel import ImportResult
        from pse.hazop.library import library_for
        from pse.hazop.merge import Merger

        return Merger(study, study_path, library_for(study), lang, ImportResult())

    def _parse(self, study, lang, key: str, text: str, matrix_name: str) -> str:
        from pse.hazop.excel import _LOPA, CATEGORIES, LEVEL_KEYS, _Parser, normal
        from pse.hazop.library import library_for

        errors: list[str] = []
        parser = _Parser(study, library_for(study), lang, errors)
        cell = _cell(key, lang)
        text = normal(text)
        if key in LEVEL_KEYS:
            value = parser.level(cell, text, matrix_name)
        elif key in ("guide_word", "parameter"):
            value = parser.term(cell, text)
        elif key == "category":
            value = parser.choice(cell, text, {c: c for c in CATEGORIES})
        elif key == "lopa_by_hand":
            value = parser.choice(cell, text, _LOPA)
        elif key == "accepted_on":
            value = parser.date(cell, text)
        else:
            value = text
        if errors:
            raise EditError(errors[0], key=key)
        return value

    def current(self, study, lang, row_id: str) -> dict:
        from pse.hazop.excel import EDITABLE, normal

        row = self._worksheet(study, lang)[1].get(row_id)
        if row is not None:
            return {"row": row, "values": {k: normal(row.values.get(k)) for k in EDITABLE}}
        raise EditError(f"row '{row_id}' is not in the study", status=404)

    def _run(self, study, study_path, lang, run, origin=None) -> list:
        from pse.model.errors import StudyError
        from pse.serve.errors import study_error_message

        result_ids: list = []
        merger = self._merger(study, study_path, lang)
        run(merger)
        if merger.errors or merger.result.conflicts:
            raise EditError((merger.errors or merger.result.conflicts)[0])
        if origin:
            for _, data, _ in merger.new:
                data["origin"] = origin
        merger.finish()
        try:
            merger.files.save()
        except StudyError as exc:
            raise EditError(study_error_message(exc)) from None
        result_ids.extend(merger.result.added or merger.result.updated)
        return result_ids

    def set_cells(self, study, study_path, lang, row_id: str, changes: dict) -> str:
        """Apply ``{column: text}`` to one row; returns the row's ID (a deviation row becomes a scenario)."""
        found = self.current(study, lang, row_id)
        row, base = found["row"], found["values"]
        values = dict(base)
        for key, text in changes.items():
            values[key] = self._parse(study, lang, key, self.read(key, text), row.matrix)
        ids = self._run(study, study_path, lang, lambda m: m.row(lambda key: _cell(key, lang), row_id, row.node,
                                                                 row.matrix, row, base, values))
        return ids[0] if ids else row_id

    def add_row(self, study, study_path, lang, group: str, values: dict, origin=None) -> str:
        """Add a row to node ``group`` from ``{column: text}`` (guide word, parameter, cause, consequence...)."""
        from pse.hazop.excel import EDITABLE
        from pse.hazop.worksheet import node_matrix

        if group not in {n.id for n in study.nodes}:
            raise EditError(f"node '{group}' is not in the study", status=404)
        matrix = node_matrix(study, group)
        parsed = {k: "" for k in EDITABLE}
        for key, text in values.items():
            if key in parsed:
                parsed[key] = self._parse(study, lang, key, self.read(key, text), matrix)
        ids = self._run(study, study_path, lang, lambda m: m.row(lambda key: _cell(key, lang), None, group,
                                                                 matrix, None, None, parsed), origin)
        return ids[0] if ids else ""

    def copy_values(self, study, lang, row_id: str) -> dict:
        values = self.current(study, lang, row_id)["values"]
        return {k: v for k, v in values.items() if k not in ("deviation_id", "cause_id", "consequence_id",
                                                              "accepted_by", "accepted_on")}
