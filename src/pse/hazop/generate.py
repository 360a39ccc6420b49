"""Deviation generation, suggestions by equipment type, and acceptance of suggestions.

``plan_deviations(study)`` lists the meaningful deviations (guide word x parameter, from the
library's combination table) that each node's parameters call for and the study does not have
yet; a deviation the study already has - whatever its ID, name or rows - is never touched, so a
second run plans nothing.  ``plan_suggestions(study)`` does the same for the suggestion library:
one row per (equipment item, library entry) whose deviation the node studies, with a stable ID.
``generate(path)`` writes both into the study files (round-trip YAML, atomic).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field


def slug(text: str) -> str:
    """An ID-safe form of a name: spaces and odd characters become '-'.

    >>> slug("as well as"), slug("XX 1234/A")
    ('as-well-as', 'XX-1234-A')
    """
    return re.sub(r"[^0-9A-Za-z_.-]+", "-", str(text)).strip("-")


def deviation_id(node_id: str, guide_word: str, parameter: str) -> str:
    """Stable ID of a generated deviation.

    >>> deviation_id("N-01", "more", "flow")
    'D-N-01-flow-more'
    """
    return f"D-{slug(node_id)}-{slug(parameter)}-{slug(guide_word)}"


def plan_deviations(study) -> list[dict]:
    """Deviations to add: the meaningful ones of each node's parameters that the study lacks."""
    from pse.hazop.library import library_for

    library = library_for(study)
    have = set()
    for deviation in study.deviations:
        try:
            have.add((deviation.node, library.guide_word(deviation.guide_word), library.parameter(deviation.parameter)))
        except ValueError:
            continue
    ids = set(study._index)
    planned = []
    for node in study.nodes:
        for gw, par in library.meaningful_deviations(node.parameters):
            if (node.id, gw, par) in have:
                continue
            new_id = deviation_id(node.id, gw, par)
            while new_id in ids:
                new_id += "x"
            ids.add(new_id)
            have.add((node.id, gw, par))
            planned.append({"id": new_id, "node": node.id, "guide_word": gw, "parameter": par, "origin": "generated"})
    return planned


@dataclass
class Suggestion:
    """A suggested row: the scenario and the cause, consequence and safeguards it brings."""

    node: str
    scenario: dict
    cause: dict
    consequence: dict
    safeguards: list[dict] = field(default_factory=list)


def plan_suggestions(study, lang: str, deviations: list[dict]) -> list[Suggestion]:
    """Suggested rows from the equipment-type library for every equipment item of a node."""
    from pse.hazop.library import library_for, suggestion_library, text
    from pse.hazop.worksheet import node_matrix

    library = library_for(study)
    entries = suggestion_library()
    known = {(d.node, library.guide_word(d.guide_word), library.parameter(d.parameter)): d.id
             for d in study.deviations if _resolvable(library, d)}
    known.update({(d["node"], d["guide_word"], d["parameter"]): d["id"] for d in deviations})
    ids = set(study._index)
    out = []
    for item in study.equipment:
        if not item.node:
            continue
        for n, entry in enumerate(entries.get(item.type.strip().lower(), []), start=1):
            gw = library.guide_word(entry["deviation"]["guide_word"])
            par = entry["deviation"]["parameter"]
            dev = known.get((item.node, gw, par))
            sid = f"SUG-{slug(item.id)}-{n}"
            if dev is None or sid in ids:
                continue
            cause = {"id": f"{sid}-C", "description": text(entry["cause"], lang), "node": item.node,
                     "deviation": dev, "equipment": item.id, "origin": "suggested"}
            consequence = {"id": f"{sid}-Q", "description": text(entry["consequence"], lang),
                           "category": entry["consequence"].get("category", "people"), "node": item.node,
                           "origin": "suggested"}
            safeguards = [{"id": f"{sid}-G{k}", "description": text(sg, lang), "origin": "suggested"}
                          for k, sg in enumerate(entry.get("safeguards") or [], start=1)]
            scenario = {"id": sid, "node": item.node, "deviation": dev, "cause": cause["id"],
                        "consequence": consequence["id"], "safeguards": [s["id"] for s in safeguards],
                        "origin": "suggested",
                        **({"risk_matrix": matrix} if (matrix := node_matrix(study, item.node)) != study.risk_matrix
                           else {}),
                        "notes": f"Suggested for {item.type} {item.tag} from the pse suggestion library; "
                                 "accept it (accepted_by, accepted_on) or delete it"}
            out.append(Suggestion(item.node, scenario, cause, consequence, safeguards))
    return out


def _resolvable(library, deviation) -> bool:
    try:
        library.guide_word(deviation.guide_word)
        library.parameter(deviation.parameter)
        return True
    except ValueError:
        return False


@dataclass
class GenerateResult:
    deviations: list[dict]
    suggestions: list[Suggestion]
    files: list


def generate(path, suggest: bool = False, lang: str | None = None, dry_run: bool = False) -> GenerateResult:
    """Add the missing meaningful deviations (and, with ``suggest``, suggested rows) to the study files."""
    from pse.hazop.yamledit import StudyFiles
    from pse.model import load_study

    study = load_study(path)
    lang = lang or study.study.language
    deviations = plan_deviations(study)
    suggestions = plan_suggestions(study, lang, deviations) if suggest else []
    files = StudyFiles(path)
    for deviation in deviations:
        files.append("deviations", deviation, files.file_of("nodes", deviation["node"]), flow=True)
    for s in suggestions:
        target = files.file_of("nodes", s.node)
        files.append("causes", s.cause, target)
        files.append("consequences", s.consequence, target)
        for safeguard in s.safeguards:
            files.append("safeguards", safeguard, target)
        files.append("scenarios", s.scenario, target)
    written = [] if dry_run else files.save()
    return GenerateResult(deviations, suggestions, written)


def accept(files, study, scenario_id: str, by: str, on: _dt.date) -> list[str]:
    """Record that ``by`` accepted a suggested row on ``on``: the scenario and its suggested objects."""
    scenario = study.get(scenario_id)
    if scenario is None or type(scenario).kind != "scenario":
        raise KeyError(scenario_id)
    accepted = []
    targets = [("scenarios", scenario)]
    for collection, ref in (("causes", scenario.cause), ("consequences", scenario.consequence)):
        targets.append((collection, study.get(ref)))
    targets += [("safeguards", study.get(ref)) for ref in scenario.safeguards]
    for collection, obj in targets:
        if obj is None or obj.origin != "suggested" or (obj.accepted_by and obj.accepted_on):
            continue
        files.set(collection, obj.id, "accepted_by", by)
        files.set(collection, obj.id, "accepted_on", on)
        accepted.append(obj.id)
    return accepted
