"""The risk profile of a study: rows per risk level before, now and planned (no HTML here)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


def rated_rows(study):
    """Every rated row: (kind, id, matrix, before (S, L), planned after (S, L), recommendation IDs)."""
    from pse.model.validate import iter_objects

    out = []
    for obj, _ in iter_objects(study):
        fields = type(obj).model_fields
        if "severity" not in fields or "likelihood" not in fields or type(obj).kind == "failure_mode":
            continue
        before = (obj.severity, obj.likelihood)
        after_fields = ("severity_after", "likelihood_after") if "severity_after" in fields else (
            ("residual_severity", "residual_likelihood") if "residual_severity" in fields else None)
        after = tuple(getattr(obj, f) for f in after_fields) if after_fields else (None, None)
        if None in before or not getattr(obj, "id", None):
            continue
        recs = list(getattr(obj, "recommendations", None) or [])
        recs += [m.recommendation for m in getattr(obj, "measures", None) or [] if m.recommendation]
        out.append((type(obj).kind, obj.id, getattr(obj, "risk_matrix", None) or study.risk_matrix, before, after,
                    recs))
    return out


def risk_profile(study) -> dict[str, tuple[Counter, Counter, Counter]]:
    """Per matrix: rows per risk level before, now, and planned after.

    *Now* is the planned rating only for rows whose recommendations are all closed
    (with evidence), else the rating before (:func:`pse.register.current_rating`);
    *planned* assumes every recommendation is done.
    """
    from pse.model import matrix_for
    from pse.register import current_rating

    profile: dict[str, tuple[Counter, Counter, Counter]] = {}
    for _, _, matrix_name, before, after, recs in rated_rows(study):
        matrix = matrix_for(study, matrix_name)
        counts = profile.setdefault(matrix_name, (Counter(), Counter(), Counter()))
        level_before = matrix.level(*before)
        counts[0][level_before] += 1
        severity, likelihood, _ = current_rating(study, before[0], before[1], after[0], after[1], recs)
        counts[1][matrix.level(severity, likelihood)] += 1
        counts[2][matrix.level(*after) if None not in after else level_before] += 1
    return profile


@dataclass
class LevelRow:
    """One risk level of one matrix in the profile table."""

    level: object
    label: str
    colour: str            # badge background, '#RRGGBB'
    text_colour: str       # black or white, whichever contrasts more (WCAG 2.1 1.4.3)
    before: int
    now: int
    planned: int


def profile_tables(study, lang: str) -> list[tuple[str, list[LevelRow]]]:
    """Per matrix name, its levels (worst first) with the row counts before, now and planned."""
    from pse.model import matrix_for
    from pse.report.contrast import text_colour_for

    tables = []
    for matrix_name, (before, now, after) in risk_profile(study).items():
        matrix = matrix_for(study, matrix_name)
        rows = []
        for level in sorted(set(matrix.level_values), reverse=matrix.spec.level_worst == "high"):
            colour = matrix.describe(level).colour
            rows.append(LevelRow(level, matrix.label(level, lang), colour, text_colour_for(colour),
                                 before.get(level, 0), now.get(level, 0), after.get(level, 0)))
        tables.append((matrix_name, rows))
    return tables + module_profile_tables(study, lang)


def module_profile_tables(study, lang: str) -> list[tuple[str, list[LevelRow]]]:
    """Ratings that are not on a study matrix (health bands...), from each module's ``Module.profile`` hook."""
    from pse.registry import modules
    from pse.report.contrast import text_colour_for

    tables = []
    for module in modules():
        if module.profile is None or not module.uses(study):
            continue
        for title, rows in module.profile(study, lang):
            tables.append((title, [LevelRow(level, "", colour, text_colour_for(colour), before, now, after)
                                   for level, colour, before, now, after in rows]))
    return tables
