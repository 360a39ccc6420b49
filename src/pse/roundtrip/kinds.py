"""The workbook kinds: which study rows each sheet holds and which fields its columns edit.

A :class:`Sheet` is one list of the study (``failure_modes``) or a list inside each item of one
(``tasks`` -> ``rows``, ``machines`` -> ``checklist``).  Each :class:`Column` edits one field,
dotted for nested mappings (``controls.engineering``, ``ipl.pfd``); ``kind`` says how the cell
text is read back (:func:`pse.roundtrip.cells.parse`).  Computed columns (risk level, RPN,
Action Priority, LOPA frequencies) are filled by :mod:`pse.roundtrip.computed` and never read
back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATUS = ("open", "in_progress", "closed", "rejected")
TIERS = ("elimination", "substitution", "engineering", "administrative", "ppe")
PHASES = ("normal", "startup_shutdown", "abnormal", "emergency")


@dataclass(frozen=True)
class Column:
    key: str                      # label key and JSON key
    field: str = ""               # dotted field of the row's mapping ("" = same as key)
    kind: str = "text"            # text, lines, one_or_lines, int, float, level, date, bool, choice
    choices: tuple = ()
    width: int = 14
    computed: bool = False

    @property
    def path(self) -> tuple[str, ...]:
        return tuple((self.field or self.key).split("."))


@dataclass(frozen=True)
class Sheet:
    name: str                     # sheet name and label key
    collection: str               # top-level list of the study
    rows: str | None = None    # list inside each item of ``collection`` (nested rows)
    key: str = "id"               # field naming a row (unique in its list)
    id_pattern: str = "{prefix}{number:02d}"
    prefix: str = ""
    columns: tuple[Column, ...] = ()
    required: tuple[str, ...] = ()   # fields a new row must give

    @property
    def nested(self) -> bool:
        return self.rows is not None

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    @property
    def editable(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.computed)


@dataclass(frozen=True)
class Kind:
    name: str
    title: str                    # label key
    sheets: tuple[Sheet, ...] = field(default_factory=tuple)

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)


C = Column
TASKRISK = Kind("taskrisk", "kind_taskrisk", (Sheet(
    "task_rows", "tasks", rows="rows", id_pattern="{parent}-{number:02d}",
    required=("hazard_type", "scenario"),
    columns=(C("step"), C("phase", kind="choice", choices=PHASES, width=12),
             C("hazard_type", kind="one_or_lines", width=16), C("scenario", width=40),
             C("engineering", "controls.engineering", "lines", width=30),
             C("administrative", "controls.administrative", "lines", width=30),
             C("ppe", "controls.ppe", "lines", width=20),
             C("severity", kind="level", width=8), C("likelihood", kind="level", width=8),
             C("risk_level", computed=True, width=8),
             C("residual_severity", kind="level", width=8), C("residual_likelihood", kind="level", width=8),
             C("residual_level", computed=True, width=8), C("notes", width=30))),))

FMEA = Kind("fmea", "kind_fmea", (Sheet(
    "failure_modes", "failure_modes", prefix="FM-",
    required=("item", "failure_mode", "effect", "cause", "severity", "occurrence", "detection"),
    columns=(C("item", width=20), C("function", width=20), C("failure_mode", width=24), C("effect", width=30),
             C("cause", width=30), C("severity", kind="int", width=6), C("occurrence", kind="int", width=6),
             C("detection", kind="int", width=6), C("rpn", computed=True, width=6),
             C("ap", computed=True, width=5),
             C("prevention_controls", kind="lines", width=30), C("detection_controls", kind="lines", width=30),
             C("recommendations", kind="lines", width=12),
             C("severity_after", kind="int", width=6), C("occurrence_after", kind="int", width=6),
             C("detection_after", kind="int", width=6), C("rpn_after", computed=True, width=6),
             C("ap_after", computed=True, width=5), C("notes", width=30))),))

MACHINERY = Kind("machinery", "kind_machinery", (Sheet(
    "checklist", "machines", rows="checklist", key="item", id_pattern="", required=("item", "result"),
    columns=(C("item", width=10), C("result", kind="choice", choices=("pass", "fail", "na"), width=8),
             C("evidence", width=40), C("note", width=30), C("recommendation", width=12))),))

LOPA = Kind("lopa", "kind_lopa", (
    Sheet("lopa_scenarios", "scenarios", prefix="S-", required=("cause", "consequence"),
          columns=(C("cause", width=10), C("consequence", width=10),
                   C("safeguards", kind="lines", width=14), C("lopa", kind="bool", width=6),
                   C("tolerable_frequency_per_yr", kind="float", width=12),
                   C("mitigated_frequency_per_yr", computed=True, width=12),
                   C("lopa_met", computed=True, width=6), C("notes", width=30))),
    Sheet("initiating_events", "causes", prefix="C-", required=("description",),
          columns=(C("description", width=40), C("ie_library", "initiating_event.library", width=22),
                   C("frequency_per_yr", "initiating_event.frequency_per_yr", "float", width=12),
                   C("opportunities_per_yr", "initiating_event.opportunities_per_yr", "float", width=12),
                   C("ie_source", "initiating_event.source", width=30))),
    Sheet("layers", "safeguards", prefix="SG-", required=("description",),
          columns=(C("description", width=40), C("ipl_type", "ipl.type", width=18),
                   C("pfd", "ipl.pfd", "float", width=8),
                   C("independent", "ipl.independent", "bool", width=6),
                   C("specific", "ipl.specific", "bool", width=6),
                   C("dependable", "ipl.dependable", "bool", width=6),
                   C("auditable", "ipl.auditable", "bool", width=6),
                   C("ipl_evidence", "ipl.evidence", width=30))),
))

REGISTER = Kind("register", "kind_register", (Sheet(
    "recommendations", "recommendations", prefix="R-", required=("text",),
    columns=(C("text", width=50), C("owner", width=16), C("due", kind="date", width=11),
             C("status", kind="choice", choices=STATUS, width=11), C("evidence", width=30),
             C("reason", width=24), C("closed_on", kind="date", width=11),
             C("tier", kind="choice", choices=TIERS, width=13))),))

KINDS = {k.name: k for k in (TASKRISK, FMEA, MACHINERY, LOPA, REGISTER)}


def kind(name: str) -> Kind:
    """The workbook kind ``name`` (taskrisk, fmea, machinery, lopa, register)."""
    if name not in KINDS:
        raise KeyError(f"unknown workbook kind {name!r}: one of {', '.join(KINDS)} (or hazop)")
    return KINDS[name]
