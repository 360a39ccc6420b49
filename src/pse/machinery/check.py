"""`pse check` for machinery: unknown machine types, hazard groups and checklist items are errors;
failed items without a recommendation, PLr and PL gaps and missing safety labels are lint warnings."""

from __future__ import annotations

import difflib


def _hint(value: str, known) -> str:
    close = difflib.get_close_matches(str(value), list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(sorted(known))})"


def _unknown_typical(study, machine, base) -> list:
    """Errors: a component names a typical value the package library does not have."""
    from pse.machinery.data import load

    library = load("iso13849.yaml")["components"]
    out = []
    for j, function in enumerate(machine.safety_functions):
        for k, sub in enumerate(function.subsystems):
            for c, channel in enumerate(sub.channels):
                for n, component in enumerate(channel):
                    if component.typical is not None and component.typical not in library:
                        out.append(study.source_map.problem(
                            base + ("safety_functions", j, "subsystems", k, "channels", c, n, "typical"),
                            f"unknown typical component '{component.typical}'{_hint(component.typical, library)}"))
    return out


def _hazard_problems(smap, machine, base, groups) -> list:
    """Errors: hazard groups and kinds that ISO 12100 Annex B does not have."""
    out = []
    for j, hazard in enumerate(machine.hazards):
        if hazard.group not in groups:
            out.append(smap.problem(base + ("hazards", j, "group"),
                                    f"'{hazard.group}' is not an ISO 12100 Annex B group"
                                    f"{_hint(hazard.group, groups)}"))
        elif hazard.hazard is not None and hazard.hazard not in groups[hazard.group]["kinds"]:
            kinds = groups[hazard.group]["kinds"]
            out.append(smap.problem(base + ("hazards", j, "hazard"),
                                    f"'{hazard.hazard}' is not a kind of {hazard.group} hazard"
                                    f"{_hint(hazard.hazard, kinds)}"))
    return out


def _checklist_problems(study, machine, base, by_item) -> list:
    """Unknown, misplaced or repeated checklist answers (errors); failed items without a recommendation."""
    from pse.machinery.data import checklists_for

    smap = study.source_map
    out = []
    used = set(checklists_for(machine, study))
    seen: dict[str, int] = {}
    for k, result in enumerate(machine.checklist):
        path = base + ("checklist", k)
        if result.item not in by_item:
            out.append(smap.problem(path + ("item",), f"unknown checklist item '{result.item}'"
                                                      f"{_hint(result.item, by_item)}"))
            continue
        if by_item[result.item] not in used:
            out.append(smap.problem(path + ("item",), f"item '{result.item}' belongs to checklist "
                                    f"'{by_item[result.item]}', which machine type '{machine.type}' "
                                    "does not use: add the checklist under 'checklists:'"))
        if result.item in seen:
            out.append(smap.problem(path + ("item",), f"item '{result.item}' is answered twice "
                                    f"(first at checklist[{seen[result.item]}])"))
        seen.setdefault(result.item, k)
        if result.result == "fail" and not result.recommendation:
            out.append(smap.problem(
                path, f"failed item '{result.item}' has no linked recommendation: pse adds "
                      f"REC-{machine.id}-{result.item} to the outputs; list one in 'recommendations' "
                      "and link it / 不符合項目未連結改善建議",
                severity="warning", rule="MACH-REC"))
    return out


def _function_problems(smap, machine, base) -> list:
    """Warnings: a declared PLr below the risk graph's, a PL below PLr, a declared PL unlike the computed one."""
    from pse.i18n import catalogue_message
    from pse.machinery.plr import pl_at_least
    from pse.machinery.review import function_plr
    from pse.machinery.verify import function_result

    out = []
    hazards_by_id = {h.id: h for h in machine.hazards}
    computed = {f.id: r.pl for f in machine.safety_functions
                if (r := function_result(f, function_plr(f, hazards_by_id)[1])) is not None and r.pl}
    for j, function in enumerate(machine.safety_functions):
        graph, used_plr = function_plr(function, hazards_by_id)
        path = base + ("safety_functions", j)
        if function.plr and graph and not pl_at_least(function.plr, graph):
            message = catalogue_message("lint_plr_below_graph", declared=function.plr, graph=graph)
            out.append(smap.problem(path + ("plr",), message,
                                    severity="warning", rule="MACH-PLR"))
        achieved = computed.get(function.id) or function.pl_achieved
        if achieved and used_plr and not pl_at_least(achieved, used_plr):
            where = "pl_achieved" if function.id not in computed else "subsystems"
            message = catalogue_message("lint_pl_below_plr", achieved=achieved, plr=used_plr)
            out.append(smap.problem(path + (where,), message,
                                    severity="warning", rule="MACH-PL"))
        if function.id in computed and function.pl_achieved and function.pl_achieved != computed[function.id]:
            message = catalogue_message("lint_pl_differs", declared=function.pl_achieved,
                                        computed=computed[function.id])
            out.append(smap.problem(path + ("pl_achieved",), message,
                                    severity="warning", rule="MACH-PL"))
    return out


def _label_and_calculation_problems(study, machine, base, type_info) -> list:
    """Warnings: a designated product without its safety label; a passed item whose calculation fails."""
    from pse.machinery.review import calculations

    smap = study.source_map
    out = []
    designated = machine.designated_product if machine.designated_product is not None else \
        bool(type_info.get("designated_product"))
    if designated and not (machine.safety_label or machine.type_approval_no):
        out.append(smap.problem(base + ("type",), f"'{machine.type}' is a designated product: record "
                                "its safety label (safety_label) or type-approval number "
                                "(type_approval_no) / 指定機械設備器具應記錄安全標示",
                                severity="warning", rule="MACH-LABEL"))
    answers = {r.item: r.result for r in machine.checklist}
    for calc in calculations(machine, study.machinery.iso13855_edition):
        if calc.meets is False and answers.get(calc.item) == "pass":
            out.append(smap.problem(base + ("checklist",), f"item '{calc.item}' is marked pass but "
                                    f"the check '{calc.title['en']}' fails ({_en(calc.equation)}: "
                                    f"needs {_en(calc.value)}, has {_en(calc.installed)})",
                                    severity="warning", rule="MACH-CALC"))
    return out


def check(study) -> list:
    """Every problem of the machinery part of ``study`` (``Problem`` objects, file:line: field: message)."""
    from pse.machinery.citation import CitationError, parse_citations
    from pse.machinery.data import checklists, hazard_groups, machine_types

    smap = study.source_map
    problems = []
    types = machine_types()
    groups = hazard_groups()
    for j, spec in enumerate(study.machinery.items):
        try:
            parse_citations(spec.citation)
        except CitationError as exc:
            problems.append(smap.problem(("machinery", "items", j, "citation"), str(exc)))
    available = checklists(study)
    by_item = {item.id: name for name, c in available.items() for item in c.items}
    for i, machine in enumerate(study.machines):
        base = ("machines", i)
        if machine.type not in types:
            problems.append(smap.problem(base + ("type",), f"unknown machine type '{machine.type}'"
                                                           f"{_hint(machine.type, types)}"))
            continue
        for k, name in enumerate(machine.checklists):
            if name not in available:
                problems.append(smap.problem(base + ("checklists", k), f"unknown checklist '{name}'"
                                                                       f"{_hint(name, available)}"))
        problems += _hazard_problems(smap, machine, base, groups)
        problems += _checklist_problems(study, machine, base, by_item)
        problems += _unknown_typical(study, machine, base)
        problems += _function_problems(smap, machine, base)
        problems += _label_and_calculation_problems(study, machine, base, types[machine.type])
    if not any(p.severity == "error" for p in problems):
        from pse.machinery.links import link_problems
        from pse.machinery.lint import lint
        from pse.machinery.review import review_study

        reviews = review_study(study)
        problems += lint(study, reviews) + link_problems(study, reviews)
    return problems


def _en(value):
    """The English text of a calculation field (bilingual dict or plain value)."""
    return value.get("en", "") if isinstance(value, dict) else value
