"""HAZOP checks added to ``pse check``: names, acceptance records, LOPA rules, empty cells.

Errors: unknown guide word or parameter (with a did-you-mean hint), a parameter or guide word
excluded by the study, ``accepted_by`` without ``accepted_on`` (or the reverse), a counted row
that uses an unaccepted suggestion, a LOPA rule threshold that is not a level of its matrix.

Empty cells (rule ``HAZOP-EMPTY``): a deviation with no scenario and no "None identified", a
scenario with no safeguards, no recommendations (and not marked ``none_identified``) or no
severity/likelihood.  Warnings while the worksheet is being written; errors once the study
declares ``hazop.finished: true``.
"""

from __future__ import annotations

from pse.model.errors import Problem


def check(study) -> list[Problem]:
    from pse.hazop.library import UnknownTermError, library_for
    from pse.hazop.rules import counts, scenario_counts

    smap = study.source_map
    problems: list[Problem] = []
    library = library_for(study)
    for i, node in enumerate(study.nodes):
        for j, name in enumerate(node.parameters):
            try:
                library.parameter(name)
            except UnknownTermError as exc:
                problems.append(smap.problem(("nodes", i, "parameters", j), str(exc)))
    for i, deviation in enumerate(study.deviations):
        gw = par = None
        try:
            gw = library.guide_word(deviation.guide_word)
        except UnknownTermError as exc:
            problems.append(smap.problem(("deviations", i, "guide_word"), str(exc)))
        try:
            par = library.parameter(deviation.parameter)
        except UnknownTermError as exc:
            problems.append(smap.problem(("deviations", i, "parameter"), str(exc)))
        if gw and par and not library.is_meaningful(gw, par):
            problems.append(smap.problem(("deviations", i), f"'{gw} + {par}' is not in the table of meaningful "
                                         "combinations (declare it under hazop.parameters if intended)",
                                         "warning", "HAZOP-COMBO"))
    for name in ("causes", "consequences", "safeguards", "scenarios"):
        for i, obj in enumerate(getattr(study, name)):
            if bool(obj.accepted_by) != (obj.accepted_on is not None):
                missing = "accepted_on" if obj.accepted_by else "accepted_by"
                problems.append(smap.problem((name, i, missing), "acceptance needs both accepted_by (who) and "
                                             "accepted_on (when)"))
    # references are checked for kind when the study is validated, so a cause, consequence or safeguard
    # reference can only name an unaccepted suggestion in this set (usually empty: one pass, no look-ups)
    unaccepted = {obj.id for name in ("causes", "consequences", "safeguards") for obj in getattr(study, name)
                  if not counts(obj)}
    for i, scenario in enumerate(study.scenarios):
        if not unaccepted or not counts(scenario):
            continue
        for field, refs in (("cause", [scenario.cause]), ("consequence", [scenario.consequence]),
                            ("safeguards", scenario.safeguards)):
            for k, ref in enumerate(refs):
                if ref in unaccepted:
                    path = ("scenarios", i, field) + ((k,) if field == "safeguards" else ())
                    problems.append(smap.problem(path, f"'{ref}' is an unaccepted suggestion: accept it "
                                                 "(accepted_by, accepted_on) before a counted row uses it"))
    problems += _rule_problems(study)
    severity = "error" if study.hazop.finished else "warning"
    problems += _empty_cells(study, [scenario_counts(study, s) for s in study.scenarios])
    if severity == "error":
        problems = [Problem(p.file, p.line, p.field, p.message, "error", p.rule) if p.rule == "HAZOP-EMPTY" else p
                    for p in problems]
    return problems


def _rule_problems(study) -> list[Problem]:
    from pse.model.validate import matrix_for

    problems = []
    for i, rule in enumerate(study.hazop.lopa_rules):
        path = ("hazop", "lopa_rules", i)
        try:
            matrix = matrix_for(study, rule.risk_matrix or study.risk_matrix)
        except (KeyError, ValueError) as exc:
            problems.append(study.source_map.problem(path + ("risk_matrix",), str(exc)))
            continue
        try:
            if rule.severity_at_least is not None:
                matrix.severity(rule.severity_at_least)
        except ValueError as exc:
            problems.append(study.source_map.problem(path + ("severity_at_least",), str(exc)))
        try:
            if rule.risk_at_least is not None:
                matrix.describe(rule.risk_at_least)
        except ValueError as exc:
            problems.append(study.source_map.problem(path + ("risk_at_least",), str(exc)))
    return problems


def _empty_cells(study, counted: list[bool]) -> list[Problem]:
    """``counted[i]``: does scenario ``i`` count (:func:`pse.hazop.rules.scenario_counts`, found once)."""
    from pse.i18n import Message, catalogue_message

    smap = study.source_map
    problems = []
    messages: dict[str, Message] = {}   # the message of each distinct list of missing cells, made once
    used = {s.deviation for s, c in zip(study.scenarios, counted, strict=True) if s.deviation and c}
    for i, deviation in enumerate(study.deviations):
        if deviation.id not in used and not deviation.none_identified:
            message = catalogue_message("lint_deviation_no_cause", id=deviation.id)
            problems.append(smap.problem(("deviations", i), message, "warning", "HAZOP-EMPTY"))
    if not study.nodes and not study.deviations:
        return problems
    for i, (scenario, scenario_counted) in enumerate(zip(study.scenarios, counted, strict=True)):
        if not scenario_counted:
            continue
        missing = []
        if not scenario.safeguards and "safeguards" not in scenario.none_identified:
            missing.append("safeguards")
        if not scenario.recommendations and "recommendations" not in scenario.none_identified:
            missing.append("recommendations")
        missing += [f for f in ("severity", "likelihood") if getattr(scenario, f) is None]
        if scenario.recommendations and scenario.severity_after is None and scenario.likelihood_after is None:
            missing.append("severity_after/likelihood_after")
        if missing:
            text = ", ".join(missing)
            if text not in messages:
                messages[text] = catalogue_message("lint_empty_cells", missing=text)
            problems.append(smap.problem(("scenarios", i), messages[text], "warning", "HAZOP-EMPTY"))
    return problems
