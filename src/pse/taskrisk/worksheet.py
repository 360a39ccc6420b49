"""The task risk worksheet as tables: a tidy DataFrame view and the seed 004 layouts.

Pipeline (pvlib style): :func:`assess` rates every row of a study with the pure
functions of :mod:`pse.taskrisk.rating`; :func:`dataframe` is the tidy view (one
row per hazard row, every field); :func:`worksheet` lays the rows out as the
basic, standard or system version of the Taiwan OSHA form (風險評估表) with the
header block and the seed's column order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pse.taskrisk import rating
from pse.taskrisk.data import LABELS, hazard_types, header_block_keys, worksheet_layouts

if TYPE_CHECKING:
    from pse.model.tasks import Task, TaskRow
    from pse.risk.matrix import RiskMatrix


def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def _bi(key: str, lang: str) -> str:
    """Both languages, the chosen one first: ``'嚴重度\\nSeverity'``."""
    other = "en" if lang == "zh-TW" else "zh-TW"
    first, second = _l(key, lang), _l(key, other)
    return first if first == second else f"{first}\n{second}"


@dataclass
class AssessedRow:
    """A task row with its levels and the study context it needs for display."""

    task: Task
    row: TaskRow
    initial_level: int | None
    residual_level: int | None

    @property
    def final_level(self) -> int | None:
        """The level after measures when rated, else the initial level."""
        return self.residual_level if self.residual_level is not None else self.initial_level


def assess(study) -> list[AssessedRow]:
    """Every task row of ``study`` with its initial and residual risk levels (study's matrix)."""
    from pse.model.validate import matrix_for
    from pse.taskrisk.lint import levels

    matrix = matrix_for(study)
    return [AssessedRow(task, row, *levels(row, matrix)) for task in study.tasks for row in task.rows]


def version_of(study) -> tuple[str, str]:
    """The worksheet version in force for ``study`` and the reason code (see :func:`rating.worksheet_version`)."""
    s = study.task_risk
    return rating.worksheet_version(study.study.headcount, declared=s.version,
                                    osh_management_system=s.osh_management_system, high_risk_work=s.high_risk_work)


def _numbered(items, lang: str, empty: str = "") -> str:
    items = [str(i) for i in items if str(i).strip()]
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return "\n".join(f"{n}. {text}" for n, text in enumerate(items, start=1))


def _hazard_names(row, types, lang: str) -> str:
    return "/".join(types.get(k, {}).get(lang) or types.get(k, {}).get("en") or k for k in row.hazard_types)


def _measures(row, lang: str) -> str:
    texts = []
    for m in row.measures:
        extra = ", ".join(str(x) for x in (m.owner, m.due) if x)
        texts.append(f"{m.text} [{_l(m.tier, lang)}{'; ' + extra if extra else ''}]")
    return _numbered(texts, lang)


def _scenario(row, lang: str) -> str:
    if row.phase == "normal":
        return row.scenario
    return f"({_l('phase_' + row.phase, lang)}) {row.scenario}"


def _task_name(task, row, lang: str) -> str:
    if not row.step:
        return task.name
    names = {sid: name for name, sid, _ in rating.step_names(task.steps) if sid}
    return f"{task.name}\n({_l('step', lang)}: {names.get(row.step, row.step)})"


def _controls_combined(row, lang: str) -> str:
    parts = []
    for kind in ("engineering", "administrative", "ppe"):
        items = getattr(row.controls, kind)
        if items:
            parts.append(f"{_l(kind, lang)}: " + "; ".join(items))
    return "\n".join(parts) or _l("none", lang)


def cell(key: str, item: AssessedRow, lang: str, types: dict):
    """The value of worksheet column ``key`` for one assessed row."""
    task, row = item.task, item.row
    none = _l("none", lang)
    simple = {
        "task_no": lambda: task.id,
        "task_name": lambda: _task_name(task, row, lang),
        "g1_task_process": lambda: f"{task.id} {_task_name(task, row, lang)}",
        "g2_hazard_scenario": lambda: f"{_hazard_names(row, types, lang)}: {_scenario(row, lang)}",
        "g3_existing_controls": lambda: _controls_combined(row, lang),
        "hazard_type": lambda: _hazard_names(row, types, lang),
        "scenario": lambda: _scenario(row, lang),
        "engineering": lambda: _numbered(row.controls.engineering, lang, none),
        "administrative": lambda: _numbered(row.controls.administrative, lang, none),
        "ppe": lambda: _numbered(row.controls.ppe, lang, none),
        "severity": lambda: row.severity,
        "likelihood": lambda: row.likelihood,
        "risk_level": lambda: item.initial_level,
        "g5_measures": lambda: _measures(row, lang),
        "g4_planned_measures": lambda: _measures(row, lang),
        "residual_severity": lambda: row.residual_severity,
        "residual_likelihood": lambda: row.residual_likelihood,
        "residual_level": lambda: item.residual_level,
    }
    if key in simple:
        return simple[key]()
    return getattr(task.conditions, key) or ""


@dataclass
class Worksheet:
    """A laid-out worksheet: the flat table, each column's header path and key, and the header block."""

    version: str
    reason: str
    lang: str
    title: str
    applies: str
    table: Any                          # pandas DataFrame, flat column names in ``lang``
    paths: list = field(default_factory=list)      # per column: tuple of label keys (group, ..., column)
    keys: list = field(default_factory=list)       # per column: the column key (last of the path)
    header_block: list = field(default_factory=list)   # [(label key, value)]
    level_columns: tuple = ("risk_level", "residual_level")
    matrix: RiskMatrix | None = None
    task_ids: list = field(default_factory=list)   # task of each table row (cells of one task are merged)
    task_columns: tuple = ("task_no", "work_cycle", "environment", "machinery", "chemicals_energy", "qualifications")

    def header(self, depth_lang: str | None = None, bilingual: bool = True) -> list[list[str]]:
        """Header labels per column path (bilingual by default), for the Excel and HTML writers."""
        lang = depth_lang or self.lang
        return [[_bi(k, lang) if bilingual else _l(k, lang) for k in path] for path in self.paths]

    def colour(self, key: str, value) -> str | None:
        """Fill colour of a cell: risk-level columns take the matrix colour of their level."""
        if self.matrix is not None and key in self.level_columns and value is not None and value == value \
                and value != "":
            try:
                return self.matrix.describe(int(value)).colour
            except Exception:  # noqa: BLE001 - a blank or foreign value has no colour
                return None
        return None


def worksheet(study, lang: str = "en", version: str | None = None) -> Worksheet:
    """The study's tasks laid out as the seed 004 form of ``version`` (default: the version in force)."""
    import pandas as pd

    from pse.model.validate import matrix_for

    chosen, code = version_of(study)
    if version:
        chosen, code = version, "requested"
    reason = rating.version_reason(code, study.study.headcount, lang)
    layout = worksheet_layouts()[chosen]
    paths = [tuple(p) for p in layout["columns"]]
    keys = [p[-1] for p in paths]
    leaf = [_l(k, lang) for k in keys]
    flat = [(f"{_l(p[0], lang)}: {name}" if leaf.count(name) > 1 and p[0].startswith("g6") else name)
            for p, name in zip(paths, leaf, strict=False)]
    types = hazard_types(study.task_risk.hazard_types)
    assessed = assess(study)
    rows = [[cell(k, item, lang, types) for k in keys] for item in assessed]
    table = pd.DataFrame(rows, columns=flat, dtype=object)
    meta = study.study
    block = [("company", meta.company or ""), ("department", _departments(study, meta)),
             ("date", str(meta.date or "")), ("assessors", ", ".join(meta.assessors)),
             ("reviewer", meta.reviewer or "")]
    assert [k for k, _ in block] == header_block_keys()
    return Worksheet(chosen, reason, lang, _l(layout["title"], lang), _l(f"applies_{chosen}", lang), table,
                     paths, keys, block, matrix=matrix_for(study), task_ids=[a.task.id for a in assessed])


def _departments(study, meta) -> str:
    codes = sorted({t.department or t.id.split("-")[0] for t in study.tasks})
    return ", ".join(x for x in (meta.department, "/".join(codes)) if x)


def _answer(flag: bool | None, lang: str) -> bool | str | None:
    """A yes/no field of the tidy view: ``True``/``False`` in English (for pandas filters), 是/否 in zh-TW."""
    if flag is None or lang == "en":
        return flag
    return _l("answer_yes" if flag else "answer_no", lang)


def _tidy_record(item: AssessedRow, matrix, types: dict, settings, lang: str) -> dict:
    """One row of the tidy view (see :func:`dataframe`)."""
    task, row = item.task, item.row
    info = matrix.describe(item.initial_level) if item.initial_level is not None else None
    acceptable = (rating.residual_acceptable(item.residual_level, matrix, settings.acceptable_residual_level)
                  if item.residual_level is not None else None)
    coded = lang == "en"           # English keeps the study's keys; zh-TW prints every enum in words
    return {
        "task": task.id, "task_name": task.name, "department": task.department or task.id.split("-")[0],
        "routine": _answer(task.routine, lang),
        "performed_by": ", ".join(p if coded else _l(f"performed_by_{p}", lang) for p in task.performed_by),
        "row": row.id, "step": row.step, "phase": row.phase if coded else _l(f"phase_{row.phase}", lang),
        "hazard_type": "/".join(row.hazard_types), "hazard_name": _hazard_names(row, types, lang),
        "scenario": row.scenario, "engineering": "; ".join(row.controls.engineering),
        "administrative": "; ".join(row.controls.administrative), "ppe": "; ".join(row.controls.ppe),
        "severity": row.severity, "likelihood": row.likelihood, "level": item.initial_level,
        "level_name": info.name.get(lang) if info else None, "action": info.action.get(lang) if info else None,
        "measures": "; ".join(m.text for m in row.measures),
        "tiers": "; ".join(m.tier if coded else _l(m.tier, lang) for m in row.measures),
        "residual_severity": row.residual_severity, "residual_likelihood": row.residual_likelihood,
        "residual_level": item.residual_level, "residual_acceptable": _answer(acceptable, lang),
    }


def dataframe(study, lang: str = "en"):
    """Tidy view: one row per hazard row with every field, levels, level names and required actions.

    Columns: task, task_name, department, routine, performed_by, row, step, phase,
    hazard_type, hazard_name, scenario, engineering, administrative, ppe, severity,
    likelihood, level, level_name, action, measures, tiers, residual_severity,
    residual_likelihood, residual_level, residual_acceptable.  The column names and
    ``hazard_type`` are keys (for scripts); in English the enumerated fields keep the
    study's keys (``phase`` ``normal``, ``routine`` ``True``), in zh-TW they are written
    in words (正常, 是) so the printed view has no English left in it.
    """
    import pandas as pd

    from pse.model.validate import matrix_for

    matrix = matrix_for(study)
    types = hazard_types(study.task_risk.hazard_types)
    table = pd.DataFrame.from_records([_tidy_record(item, matrix, types, study.task_risk, lang)
                                       for item in assess(study)])
    for column in ("level", "residual_level"):
        if column in table:
            table[column] = table[column].astype("Int64")
    return table
