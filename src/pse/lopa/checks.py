"""Study checks of the LOPA: errors that stop it and lint warnings a reviewer should read.

Errors: no initiating-event frequency, no tolerable frequency, unknown library keys (with the
nearest known keys), an equipment tag no equipment or SIF device declares.  Warnings: every
administrative control or PPE credited on a written justification (CCPS 2001 ch. 6: not IPLs
by default), so a reviewer reads each one.
"""

from __future__ import annotations

from pse.model.errors import Problem


def nearest_keys(key: str, known, n: int = 4) -> str:
    """The known keys nearest to ``key`` (difflib ratio), for "unknown key" messages.

    >>> nearest_keys('operator_response', ['operator_response_10min', 'relief_valve', 'dike'])
    'operator_response_10min'
    """
    import difflib

    known = sorted(known)
    close = difflib.get_close_matches(key, known, n=n, cutoff=0.4)
    close += [k for k in known if (key in k or k in key) and k not in close]
    return ", ".join((close or known)[:n])


def _unknown_key(kind: str, key: str, library) -> str:
    return (f"'{key}' is not in the {kind} library; nearest known: {nearest_keys(key, library)} "
            f"(all keys: pse library lopa)")


def _ie_problems(study, scenario, ie_library) -> list[Problem]:
    from pse.lopa.evaluate import initiating_event_of

    smap = study.source_map
    cause = study.get(scenario.cause)
    data = cause.initiating_event
    if data is not None and data.library and data.library not in ie_library and data.frequency_per_yr is None:
        return [smap.problem(study.path_of(cause.id) + ("initiating_event", "library"),
                             _unknown_key("initiating-event", data.library, ie_library))]
    if initiating_event_of(cause, ie_library) is not None:
        return []
    entry = ie_library.get(data.library) if data is not None and data.library else None
    if entry is not None and entry.probability_per_opportunity is not None:
        return [smap.problem(study.path_of(cause.id) + ("initiating_event",),
                             f"'{entry.id}' is a probability per {entry.opportunity or 'opportunity'}:"
                             f" give initiating_event.opportunities_per_yr")]
    return [smap.problem(study.path_of(scenario.id) + ("cause",),
                         f"cause '{cause.id}' has no initiating-event frequency: give "
                         f"initiating_event.frequency_per_yr or a library key")]


def _tolerable_problems(study, scenario) -> list[Problem]:
    from pse.lopa.evaluate import tolerable_frequency

    path = study.path_of(scenario.id)
    if scenario.severity is None and scenario.tolerable_frequency_per_yr is None:
        return [study.source_map.problem(path, "a LOPA scenario needs a severity (or tolerable_frequency_per_yr)")]
    if tolerable_frequency(study, scenario, study.get(scenario.consequence))[0] is None:
        matrix = scenario.risk_matrix or study.risk_matrix
        return [study.source_map.problem(path + ("severity",),
                                         f"no tolerable frequency for severity {scenario.severity} of matrix "
                                         f"'{matrix}': add it to lopa.criteria")]
    return []


def known_tags(study) -> set[str]:
    """Equipment tags (and IDs) of the study, plus the devices its SIFs list."""
    tags = {e.tag for e in study.equipment} | {e.id for e in study.equipment}
    for sif in study.sifs:
        tags.update(sif.tags())
    return tags


def _tag_problems(study) -> list[Problem]:
    smap = study.source_map
    known = known_tags(study)
    problems = []

    def check(object_id, fields, tags):
        # the object's path is looked up only for a tag found wrong (most studies have none)
        for i, tag in enumerate(tags):
            if tag not in known:
                problems.append(smap.problem(study.path_of(object_id) + fields + (i,),
                                             f"equipment tag '{tag}' is declared by no equipment "
                                             f"or SIF device; nearest known: {nearest_keys(tag, known) or '-'}"))

    for safeguard in study.safeguards:
        if safeguard.ipl is not None:
            uses = safeguard.ipl.uses
            for name in ("sensors", "logic_solver", "final_elements", "bpcs_controller"):
                tags = getattr(uses, name)
                if tags:
                    check(safeguard.id, ("ipl", "uses", name), tags)
    for cause in study.causes:
        if cause.initiating_event is not None and cause.initiating_event.equipment_tags:
            check(cause.id, ("initiating_event", "equipment_tags"), cause.initiating_event.equipment_tags)
    return problems


def check(study) -> list[Problem]:
    """Errors that stop a LOPA, and the lint warnings on justified administrative credits."""
    from pse.lopa.credit import layer_kind
    from pse.lopa.evaluate import libraries, lopa_scenarios

    problems: list[Problem] = []
    smap = study.source_map
    ie_library, ipl_library = libraries(study)
    for scenario in lopa_scenarios(study):
        problems += _ie_problems(study, scenario, ie_library)
        problems += _tolerable_problems(study, scenario)
    for safeguard in study.safeguards:
        ipl = safeguard.ipl
        if ipl is None:
            continue
        if ipl.pfd is None and ipl.type and ipl.sif is None and ipl.type not in ipl_library:
            problems.append(smap.problem(study.path_of(safeguard.id) + ("ipl", "type"),
                                         _unknown_key("IPL", ipl.type, ipl_library) + "; or give ipl.pfd"))
        entry = ipl_library.get(ipl.type or "")
        kind = layer_kind(ipl, safeguard.type, entry.category if entry else None)
        if kind in ("administrative", "ppe") and (ipl.justification or "").strip():
            problems.append(smap.problem(study.path_of(safeguard.id) + ("ipl", "justification"),
                                         f"{safeguard.id} ({kind}) is credited as an IPL on a written "
                                         f"justification: {ipl.justification.strip()}",
                                         severity="warning", rule="LOPA-JUSTIFIED"))
    problems += _tag_problems(study)
    return problems
