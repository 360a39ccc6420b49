"""Turn the edited rows of a HAZOP workbook into edits of the study's objects.

Each edited cell becomes an assignment to one field of one object (a cause's description, a
scenario's severity...).  Two rows that assign different values to the same field of a shared
object (one cause used by two scenarios) are a conflict, reported and not guessed.  New objects
get the next free ID of their kind (``S-1.3``, ``C-1.2``, ``R-06``...).
"""

from __future__ import annotations

import datetime as _dt
import re

from pse.hazop.cells import EDITABLE, cell_lines, normal
from pse.hazop.worksheet import _l, none_identified_texts
from pse.roundtrip.merge import three_way

_KEY_COLUMNS = ("deviation_id", "cause_id", "consequence_id")
_TERM_KEYS = ("guide_word", "parameter")
_SCENARIO_KEYS = ("cause", "consequence", "safeguards", "severity", "likelihood", "recommendations",
                  "severity_after", "likelihood_after", "lopa_by_hand", "accepted_by", "accepted_on", "category")


def _node_number(node_id: str | None) -> str:
    """'N-01' -> '1' (the number used in row IDs S-1.2), else the node ID itself."""
    match = re.search(r"(\d+)$", node_id or "")
    return str(int(match.group(1))) if match else (node_id or "0")


class Merger:
    def __init__(self, study, study_path, library, lang, result):
        from pse.hazop.yamledit import StudyFiles

        self.study = study
        self.library = library
        self.lang = lang
        self.result = result
        self.files = StudyFiles(study_path)
        self.ops: dict = {}
        self.new: list = []
        self.created: dict = {}
        self.errors: list[str] = []
        self.ids = set(study._index)
        self.deviations: dict = {}
        for d in study.deviations:
            try:
                self.deviations[(d.node, library.guide_word(d.guide_word), library.parameter(d.parameter))] = d.id
            except ValueError:
                continue
        self.none = none_identified_texts()

    # -- bookkeeping ------------------------------------------------------------------------------
    def _new_id(self, make) -> str:
        k = 1
        while make(k) in self.ids:
            k += 1
        self.ids.add(make(k))
        return make(k)

    def op(self, cell, collection: str, object_id: str, field: str, value) -> None:
        key = (collection, object_id, field)
        if key in self.ops and self.ops[key][0] != value:
            other = self.ops[key][1]
            self.result.conflicts.append(f"{cell.where()}: sets {object_id}.{field} to {value!r} but "
                                         f"{other.where()} sets it to {self.ops[key][0]!r}")
            return
        self.ops[key] = (value, cell)

    def add(self, collection: str, data: dict, node_id: str | None) -> None:
        self.new.append((collection, data, node_id))
        self.created[data["id"]] = (collection, data)

    def _term(self, key: str, text: str) -> str:
        """A guide word or parameter cell as its library ID (cells show names in zh-TW, IDs in English)."""
        if not text:
            return ""
        try:
            return (self.library.guide_word if key == "guide_word" else self.library.parameter)(text)
        except ValueError:
            return text

    def _canonical(self, values: dict) -> dict:
        return {**values, **{k: self._term(k, values.get(k, "")) for k in _TERM_KEYS}}

    # -- rows -------------------------------------------------------------------------------------
    def row(self, cell, row_id, node_id, matrix_name, existing, base_values, values) -> None:
        """Merge one edited row (three-way, cell by cell) into the study's objects."""
        values = self._canonical(values)
        base_values = None if base_values is None else self._canonical(base_values)
        if existing is None and base_values is None:
            self._create(cell, node_id, matrix_name, values, None)
            return
        if existing is None:
            if any(values[k] != base_values.get(k, "") for k in EDITABLE):
                self.result.conflicts.append(f"{cell('row_id').where()}: row '{row_id}' was deleted from the study "
                                             "since the export but edited in the workbook")
            return
        now = self._canonical({k: normal(existing.values.get(k)) for k in EDITABLE})
        if base_values is None:
            if any(values[k] != now[k] for k in EDITABLE):
                self.result.conflicts.append(f"{cell('row_id').where()}: row '{row_id}' was added to the study after "
                                             "the export; edit it in the study or export again")
            return
        changes = {}
        for key in EDITABLE:
            w, b, s = values[key], base_values.get(key, ""), now[key]
            action = three_way(b, w, s)   # the one cell rule of every workbook (pse.roundtrip)
            if action == "keep":
                continue
            if action == "conflict":
                self.result.conflicts.append(f"{cell(key).where()}: changed in the workbook ({w!r}) and in the "
                                             f"study ({s!r}) since the export (was {b!r})")
                continue
            changes[key] = w
        if not changes:
            return
        for key in _KEY_COLUMNS:
            if key in changes and existing.kind == "scenario":
                self.errors.append(f"{cell(key).where()}: an ID column cannot be changed (was "
                                   f"{base_values.get(key)!r}); add a new row instead")
                return
        self.result.updated.append(row_id)
        if existing.kind == "deviation":
            self._deviation_row(cell, row_id, node_id, matrix_name, values, changes)
        else:
            self._scenario_row(cell, self.study.get(row_id), node_id, values, changes)

    def _deviation_row(self, cell, dev_id, node_id, matrix_name, values, changes) -> None:
        deviation = self.study.get(dev_id)
        for key in ("guide_word", "parameter"):
            if key in changes:
                self.op(cell(key), "deviations", dev_id, key, changes[key])
        if "deviation" in changes:
            self.op(cell("deviation"), "deviations", dev_id, "name", changes["deviation"] or None)
        if "notes" in changes:
            self.op(cell("notes"), "deviations", dev_id, "notes", changes["notes"] or None)
        if any(k in changes for k in _SCENARIO_KEYS):
            text = values["cause"]
            if text.casefold() in self.none:
                self.op(cell("cause"), "deviations", dev_id, "none_identified", True)
            elif not text and not values["cause_id"]:
                if deviation.none_identified:
                    self.op(cell("cause"), "deviations", dev_id, "none_identified", None)
                if any(values[k] for k in _SCENARIO_KEYS if k != "cause"):
                    self.errors.append(f"{cell('cause').where()}: a row needs a cause (or 'None identified')")
            else:
                self.result.updated.remove(dev_id)
                self._create(cell, node_id or deviation.node, matrix_name, values, dev_id)

    def _deviation_for(self, cell, node_id, guide_word, parameter) -> str | None:
        if not guide_word or not parameter:
            self.errors.append(f"{cell('guide_word').where()}: a new row needs a guide word and a parameter")
            return None
        key = (node_id, guide_word, parameter)
        if key not in self.deviations:
            from pse.hazop.generate import deviation_id

            new_id = deviation_id(node_id or "X", guide_word, parameter)
            while new_id in self.ids:
                new_id += "x"
            self.ids.add(new_id)
            self.add("deviations", {"id": new_id, "node": node_id, "guide_word": guide_word,
                                    "parameter": parameter}, node_id)
            self.deviations[key] = new_id
        return self.deviations[key]

    def _known(self, object_id, kind: str, collection: str) -> bool:
        """Is ``object_id`` a ``kind`` of the study, or one this import creates?"""
        if object_id is None:
            return False
        obj = self.study.get(object_id)
        if obj is not None:
            return type(obj).kind == kind
        return self.created.get(object_id, ("",))[0] == collection

    def _items(self, cell, key: str, text: str, node_id) -> tuple[list[str], bool]:
        """Parse a safeguards/recommendations cell: IDs kept, lines without ID become new objects."""
        if text.casefold() in self.none:
            return [], True
        collection, kind, field = (("safeguards", "safeguard", "description") if key == "safeguards"
                                   else ("recommendations", "recommendation", "text"))
        ids = []
        object_id: str | None
        for prefix, rest, whole in cell_lines(text):
            if self._known(whole, kind, collection):
                object_id, line = whole, ""
            elif self._known(prefix, kind, collection):
                object_id, line = prefix, rest
            else:
                object_id, line = None, whole
            if object_id is None and prefix and re.search(r"\d", prefix) and "-" in prefix:
                self.errors.append(f"{cell(key).where()}: {kind} '{prefix}' is not in the study (write the "
                                   f"line without an ID to add a new {kind})")
                continue
            if object_id and key == "safeguards" and self._proposed(cell, object_id):
                continue
            if object_id:
                obj = self.study.get(object_id)
                if obj is not None and line and line != getattr(obj, field):
                    self.op(cell(key), collection, object_id, field, line)
                ids.append(object_id)
            else:
                number = _node_number(node_id)
                if key == "safeguards":
                    new_id = self._new_id(lambda k, n=number: f"SG-{n}.{k}")
                    self.add(collection, {"id": new_id, "description": whole}, node_id)
                else:
                    new_id = self._new_id(lambda k: f"R-{k:02d}")
                    self.add(collection, {"id": new_id, "text": whole, "status": "open"}, node_id)
                ids.append(new_id)
        return ids, False

    def _proposed(self, cell, safeguard_id: str) -> bool:
        """Refuse a proposed safeguard typed in the existing-safeguards cell (the import never installs one)."""
        from pse.hazop.rules import installed_by

        safeguard = self.study.get(safeguard_id)
        recommendation = installed_by(self.study, safeguard) if safeguard is not None else None
        if recommendation is None:
            return False
        self.errors.append(f"{cell('safeguards').where()}: safeguard '{safeguard_id}' is proposed (installed by "
                           f"{recommendation or 'a recommendation'}) and stays in the column "
                           f"'{_l('proposed_safeguards', self.lang)}'; "
                           "once it is installed, set its status to existing in the study")
        return True

    def _scenario_fields(self, cell, sid, values, changes, none_identified: list, node_id,
                         current_safeguards=()) -> dict:
        """Field assignments of a scenario from the changed cells (shared by update and create)."""
        fields: dict = {}
        none_identified = list(none_identified)
        for key in ("safeguards", "recommendations"):
            if key in changes:
                ids, none = self._items(cell, key, changes[key], node_id)
                if key == "safeguards":
                    ids = merged_safeguards(ids, current_safeguards, self._proposed_ids(current_safeguards))
                fields[key] = ids
                if none and key not in none_identified:
                    none_identified.append(key)
                if not none and key in none_identified:
                    none_identified.remove(key)
        # one order whatever the edit order: the column order of the worksheet (safeguards, recommendations)
        fields["none_identified"] = [k for k in ("safeguards", "recommendations") if k in none_identified]
        for key in ("severity", "likelihood", "severity_after", "likelihood_after", "accepted_by", "notes"):
            if key in changes:
                fields[key] = changes[key] or None
        if "accepted_on" in changes:
            fields["accepted_on"] = _dt.date.fromisoformat(changes["accepted_on"]) if changes["accepted_on"] else None
        if "lopa_by_hand" in changes:
            fields["lopa"] = {"Y": True, "N": False}.get(changes["lopa_by_hand"])
        return fields

    def _proposed_ids(self, safeguard_ids) -> set[str]:
        from pse.hazop.rules import installed_by

        return {i for i in safeguard_ids if self.study.get(i) is not None
                and installed_by(self.study, self.study.get(i)) is not None}

    def _scenario_row(self, cell, scenario, node_id, values, changes) -> None:
        sid = scenario.id
        deviation = scenario.deviation
        if "guide_word" in changes or "parameter" in changes:
            deviation = self._deviation_for(cell, node_id, values["guide_word"], values["parameter"])
            self.op(cell("guide_word"), "scenarios", sid, "deviation", deviation)
        if "deviation" in changes and deviation:
            self.op(cell("deviation"), "deviations", deviation, "name", changes["deviation"] or None)
        for key, ref, collection, field in (("cause", scenario.cause, "causes", "description"),
                                            ("consequence", scenario.consequence, "consequences", "description"),
                                            ("category", scenario.consequence, "consequences", "category")):
            if key in changes:
                if not changes[key] and key != "category":
                    self.errors.append(f"{cell(key).where()}: cannot be empty")
                    continue
                self.op(cell(key), collection, ref, field, changes[key] or None)
        fields = self._scenario_fields(cell, sid, values, changes, scenario.none_identified, node_id,
                                       scenario.safeguards)
        if set(fields["none_identified"]) == set(scenario.none_identified):   # same flags: leave the study as is
            del fields["none_identified"]
        for field, value in fields.items():
            self.op(cell(_column_of(field)), "scenarios", sid, field, value)
        by = fields.get("accepted_by", scenario.accepted_by)
        on = fields.get("accepted_on", scenario.accepted_on)
        if scenario.origin == "suggested" and by and on and ("accepted_by" in fields or "accepted_on" in fields):
            for collection, ref in [("causes", scenario.cause), ("consequences", scenario.consequence)] + \
                    [("safeguards", s) for s in fields.get("safeguards", scenario.safeguards)]:
                obj = self.study.get(ref)
                if obj is not None and obj.origin == "suggested" and not (obj.accepted_by and obj.accepted_on):
                    self.op(cell("accepted_by"), collection, ref, "accepted_by", by)
                    self.op(cell("accepted_on"), collection, ref, "accepted_on", on)

    def _create(self, cell, node_id, matrix_name, values, deviation_id) -> None:
        deviation = deviation_id or self._deviation_for(cell, node_id, values["guide_word"], values["parameter"])
        number = _node_number(node_id)
        refs = {}
        for key, collection, kind, prefix in (("cause", "causes", "cause", "C"),
                                              ("consequence", "consequences", "consequence", "CQ")):
            given = values[f"{key}_id"]
            if given:
                obj = self.study.get(given)
                if obj is None or type(obj).kind != kind:
                    self.errors.append(f"{cell(key + '_id').where()}: {kind} '{given}' is not in the study (leave the "
                                       f"ID empty to add a new {kind})")
                    continue
                refs[key] = given
            elif values[key]:
                new_id = self._new_id(lambda k, p=prefix: f"{p}-{number}.{k}")
                data = {"id": new_id, "description": values[key], "node": node_id}
                if key == "cause" and deviation:
                    data["deviation"] = deviation
                if key == "consequence" and values["category"]:
                    data["category"] = values["category"]
                self.add(collection, data, node_id)
                refs[key] = new_id
            else:
                self.errors.append(f"{cell(key).where()}: a new row needs a {kind}")
        if len(refs) < 2 or deviation is None:
            return
        sid = self._new_id(lambda k: f"S-{number}.{k}")
        changes = {k: values[k] for k in EDITABLE if values[k]}
        fields = self._scenario_fields(cell, sid, values, changes, [], node_id)
        data = {"id": sid, "node": node_id, "deviation": deviation, "cause": refs["cause"],
                "consequence": refs["consequence"]}
        if matrix_name != self.study.risk_matrix:
            data["risk_matrix"] = matrix_name
        for field in ("safeguards", "severity", "likelihood", "severity_after", "likelihood_after",
                      "recommendations", "lopa", "accepted_by", "accepted_on", "notes", "none_identified"):
            if fields.get(field) not in (None, []):
                data[field] = fields[field]
        self.add("scenarios", data, node_id)
        self.result.added.append(sid)

    # -- writing ----------------------------------------------------------------------------------
    def finish(self) -> None:
        if self.result.conflicts or self.errors:
            return
        for (_collection, object_id, field), (value, _) in self.ops.items():
            if object_id in self.created:
                self.created[object_id][1][field] = value
        for collection, data, node_id in self.new:
            target = self.files.file_of("nodes", node_id) if node_id else None
            data = {k: v for k, v in data.items() if v is not None}
            self.files.append(collection, data, target, flow=collection == "deviations")
        for (collection, object_id, field), (value, _) in self.ops.items():
            if object_id not in self.created:
                self.files.set(collection, object_id, field, value)


def merged_safeguards(edited: list[str], current, proposed: set[str]) -> list[str]:
    """A scenario's safeguards after its existing-safeguards cell was edited in a workbook.

    Merge rule (issue 13: the worksheet lists proposed safeguards apart from existing ones):
    the edited cell holds the *existing* safeguards only, so the new list is the cell's
    safeguards followed by every proposed safeguard the scenario had, in its order.  The
    "Proposed safeguards (recommendation)" column is computed by pse and never read back: an
    import can neither drop a proposed safeguard, nor lose its recommendation link (it stays on
    the safeguard or SIF), nor turn it into an existing one (a proposed ID typed in the
    existing cell is refused, :meth:`Merger._proposed`).

    >>> merged_safeguards(["SG-1", "SG-9"], ["SG-1", "SG-SIF-01", "SG-2"], {"SG-SIF-01"})
    ['SG-1', 'SG-9', 'SG-SIF-01']
    >>> merged_safeguards([], ["SG-SIF-01"], {"SG-SIF-01"})
    ['SG-SIF-01']
    """
    kept = [i for i in current if i in proposed]
    return [i for i in edited if i not in proposed and i not in kept] + kept


def _column_of(field: str) -> str:
    return {"lopa": "lopa_by_hand", "none_identified": "safeguards"}.get(field, field)
