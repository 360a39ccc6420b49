"""Pure functions of the Taiwan OSHA task risk assessment (危害辨識及風險評估).

Each function states its rule and source; the pipeline that applies them to a
study is :mod:`pse.taskrisk.worksheet` and the lint rules :mod:`pse.taskrisk.lint`.
"""

from __future__ import annotations

import difflib
import re

#: hierarchy of controls, most effective first (seed 002 item 5; seed 004 風險控制-優先順序)
HIERARCHY = ("elimination", "substitution", "engineering", "administrative", "ppe")

#: default pattern of a document number in an administrative control: letters, a separator and
#: a number, e.g. SOP-013, WI-A-07, OSH-P-021, QP_0801 (seed 002 review finding 9: cite the SOP/WI number)
DOCUMENT_PATTERN = r"\b[A-Z]{2,}[A-Z0-9]*(?:[-_][A-Z0-9]+)*[-_][A-Z]*\d+[A-Z0-9]*\b"


def risk_level(severity, likelihood, matrix) -> int:
    """Risk level = matrix cell of (severity, likelihood) (風險等級).

    Source: seed 002 Table 1-3 / seed 004 風險等級之分級基準, through the study's
    matrix (default ``tw-osha-5``).  Severity and likelihood are matrix IDs or ranks;
    the level is dimensionless (1 = minor ... 5 = major).

    >>> from pse.risk import load_matrix
    >>> m = load_matrix('tw-osha-5')
    >>> risk_level('S4', 'P3', m), risk_level('S4', 'P1', m), risk_level('S3', 'P4', m)
    (4, 3, 4)
    """
    return matrix.level(severity, likelihood)


def worksheet_version(headcount: int | None, *, osh_management_system: bool = False,
                      high_risk_work: bool = False, declared: str | None = None) -> tuple[str, str]:
    """Which worksheet version applies, and why (評估表版本): ``(version, reason code)``.

    Source: seed 004, the three forms: basic - 29 workers or fewer, or known
    high-risk work; standard - 30 to 299 workers; system - 300 or more, or an
    OSH-management-system duty.  A declared version wins; a system duty or 300+
    workers outranks high-risk work; without a headcount the system version (the
    most complete) is used.  ``headcount`` is a number of workers.  The reason code is
    printed by :func:`version_reason`.

    >>> worksheet_version(20)[0], worksheet_version(29)[0], worksheet_version(30)[0], worksheet_version(299)[0]
    ('basic', 'basic', 'standard', 'standard')
    >>> worksheet_version(300)[0], worksheet_version(180, osh_management_system=True)[0]
    ('system', 'system')
    >>> worksheet_version(180, high_risk_work=True)[0], worksheet_version(None)[0]
    ('basic', 'system')
    >>> worksheet_version(500, declared='standard')
    ('standard', 'declared')
    """
    if declared:
        return declared, "declared"
    if osh_management_system:
        return "system", "osh_management_system"
    if headcount is not None and headcount >= 300:
        return "system", "headcount_300"
    if high_risk_work:
        return "basic", "high_risk_work"
    if headcount is None:
        return "system", "no_headcount"
    if headcount <= 29:
        return "basic", "headcount_29"
    return "standard", "headcount_30_299"


def version_reason(reason: str, headcount: int | None, lang: str = "en") -> str:
    """The reason code of :func:`worksheet_version` as a sentence in ``lang`` (catalogue ``why_<code>``).

    >>> version_reason("headcount_300", 350), version_reason("headcount_300", 350, "zh-TW")
    ('headcount 350 >= 300', '勞工人數 350 人（300 人以上）')
    """
    from pse.i18n import label
    from pse.taskrisk.data import LABELS

    return label(f"why_{reason}", lang, LABELS).format(headcount=headcount)


def residual_acceptable(level: int, matrix, max_level: int | None = None) -> bool:
    """Is a residual risk level acceptable? (控制後預估風險)

    Source: seed 002 item 6, "reduce to an acceptable risk (recommended: low or
    below)"; the matrix's ``acceptable`` flags encode it (``tw-osha-5``: levels 1-2).
    ``max_level`` (``task_risk.acceptable_residual_level``) overrides the matrix.

    >>> from pse.risk import load_matrix
    >>> m = load_matrix('tw-osha-5')
    >>> residual_acceptable(2, m), residual_acceptable(3, m), residual_acceptable(3, m, max_level=3)
    (True, False, True)
    """
    if max_level is not None:
        return level <= max_level
    return bool(matrix.describe(level).acceptable)


def cites_document(text: str, pattern: str | None = None) -> bool:
    """Does an administrative control cite a document number (SOP/WI)?

    Source: seed 002 review finding 9 and the filling instructions (管理控制 ...
    各種標準作業程序（SOP）或工作指導書（WI）（須標註其名稱或編號）).  ``pattern``
    (``task_risk.document_pattern``) replaces :data:`DOCUMENT_PATTERN`.

    >>> cites_document('Work permit procedure (OSH-P-021)'), cites_document('侷限空間作業標準 SOP-A-013')
    (True, True)
    >>> cites_document('SOP and training'), cites_document('CO2 extinguisher')
    (False, False)
    """
    return re.search(pattern or DOCUMENT_PATTERN, text) is not None


def hazard_key(value: str, types: dict[str, dict]) -> str | None:
    """The taxonomy key of a hazard type given as key, zh-TW name or English name.

    Source: ``data/hazard_types.yaml`` (seed 002).  ``None`` when unknown.

    >>> from pse.taskrisk.data import hazard_types
    >>> t = hazard_types()
    >>> hazard_key('caught_in', t), hazard_key('被夾、被捲', t), hazard_key('Fire', t), hazard_key('fal', t)
    ('caught_in', 'caught_in', 'fire', None)
    """
    if value in types:
        return value
    folded = str(value).strip().casefold()
    for key, entry in types.items():
        names = {key.casefold(), str(entry.get("en", "")).casefold(), str(entry.get("zh-TW", "")).casefold()}
        if folded in names:
            return key
    return None


def closest_hazard_type(value: str, types: dict[str, dict]) -> str | None:
    """The known hazard-type key closest to an unknown ``value`` (for "did you mean"), or None.

    >>> from pse.taskrisk.data import hazard_types
    >>> closest_hazard_type('caught_inn', hazard_types()), closest_hazard_type('zzz', hazard_types())
    ('caught_in', None)
    """
    close = difflib.get_close_matches(str(value), list(types), n=1, cutoff=0.6)
    return close[0] if close else None


def tier_rank(tier: str) -> int:
    """Position of a measure's tier in the hierarchy of controls (0 = elimination, 4 = PPE).

    Source: seed 002 item 5 / seed 004 (消除、取代、工程控制、管理控制、個人防護具).

    >>> tier_rank('elimination'), tier_rank('engineering'), tier_rank('ppe')
    (0, 2, 4)
    """
    return HIERARCHY.index(tier)


def hardware_measure(tiers) -> bool:
    """Does a set of measures include one above administrative controls (elimination,
    substitution or engineering)?  Used by the hierarchy rules.

    >>> hardware_measure(['administrative', 'ppe']), hardware_measure(['ppe', 'engineering'])
    (False, True)
    """
    return any(tier_rank(t) <= tier_rank("engineering") for t in tiers)


def step_names(steps, depth: int = 1) -> list[tuple[str, str | None, int]]:
    """Every step of a task as ``(name, id, depth)``, depth 1..3 (第一階..第三階作業).

    >>> from pse.model.schema import TaskStep
    >>> step_names([TaskStep(name='Enter', steps=[TaskStep(name='Measure O2')])])
    [('Enter', None, 1), ('Measure O2', None, 2)]
    """
    out = []
    for step in steps:
        out.append((step.name, step.id, depth))
        out.extend(step_names(step.steps, depth + 1))
    return out
