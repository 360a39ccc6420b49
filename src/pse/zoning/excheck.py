"""Ex equipment check: EPL, gas group and temperature class of equipment located in a zone.

Rules (``data/ex_rules.yaml``): Zone 0 needs EPL Ga, Zone 1 Ga or Gb, Zone 2 Ga, Gb or Gc (IEC 60079-14);
gas groups IIC covers IIB covers IIA; the temperature class limit (T1 450 .. T6 85 degC, IEC 60079-0) must be
below the lowest autoignition temperature of the substances whose zones reach the equipment.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def epl_suitable(zone: str, epl: str | None) -> bool:
    """EPL allowed in a zone (IEC 60079-14).

    >>> epl_suitable("1", "Gb"), epl_suitable("0", "Gb"), epl_suitable("2", "none")
    (True, False, False)
    """
    from pse.zoning.library import ex_rules

    return epl in ex_rules()["epl_allowed"][zone]


def gas_group_suitable(equipment_group: str | None, substance_group: str | None) -> bool:
    """Equipment gas group covers the substance's (IIC covers IIB covers IIA); unknown substance group needs IIC.

    >>> gas_group_suitable("IIB", "IIA"), gas_group_suitable("IIA", "IIB"), gas_group_suitable("IIB", None)
    (True, False, False)
    """
    from pse.zoning.library import ex_rules

    order = ex_rules()["gas_group_order"]
    if equipment_group is None:
        return False
    needed = substance_group or "IIC"
    return order.index(equipment_group) >= order.index(needed)


def temperature_class_limit_c(temperature_class: str) -> float:
    """Maximum surface temperature of a temperature class (IEC 60079-0).

    >>> temperature_class_limit_c("T3"), temperature_class_limit_c("T6")
    (200, 85)
    """
    from pse.zoning.library import ex_rules

    return ex_rules()["temperature_class_max_c"][temperature_class]


def required_temperature_class(autoignition_c: float) -> str:
    """The highest-temperature class whose limit is below the AIT (the class the substance needs).

    >>> required_temperature_class(450), required_temperature_class(530), required_temperature_class(245)
    ('T2', 'T1', 'T3')
    """
    from pse.zoning.library import ex_rules

    for cls, limit in sorted(ex_rules()["temperature_class_max_c"].items(), key=lambda kv: -kv[1]):
        if limit < autoignition_c:
            return cls
    return "none"


@dataclass
class ExFinding:
    """The check of one item of equipment."""

    equipment: str
    tag: str
    name: str
    zone: str | None
    sources: list[str]
    substances: list[str]
    epl: str | None
    gas_group: str | None
    temperature_class: str | None
    required: str
    ok: bool
    problems: list[str] = field(default_factory=list)
    recommendation: str = ""
    note: str = ""


def check_equipment(study, pieces, substances: dict, results) -> list[ExFinding]:
    """Check every item of equipment that has a location, against the gas zone and the dust zone at its position
    (plan and height: the zone's shape in elevation counts); equipment outside all zones passes."""
    from pse.zoning.geometry import DUST_ORDER, GAS_ORDER, zone_at

    by_source = {r.source: r for r in results}
    findings = []
    for item in study.equipment:
        if item.location is None:
            continue
        for order, check in ((GAS_ORDER, _gas_finding), (DUST_ORDER, _dust_finding)):
            zone, sources = zone_at(pieces, item.location.x, item.location.y, item.location.z, order)
            if zone is not None:
                subs = sorted({by_source[s].substance for s in sources})
                data = [substances[s] for s in subs] if check is _gas_finding else [by_source[s] for s in sources]
                findings.append(check(item, zone, sources, subs, data))
    return findings


def _why(key: str, **values):
    """A problem of the check as a bilingual :class:`~pse.zoning.reasons.Reason` (``why_<key>`` label)."""
    from pse.zoning.reasons import Reason

    return Reason(key, values)


def recommendation_text(finding, lang: str = "en") -> str:
    """The recommendation of a failing item in ``lang`` (label ``ex_recommendation``)."""
    from pse.i18n import label
    from pse.zoning.reasons import LABELS

    if finding.ok:
        return ""
    return label("ex_recommendation", lang, LABELS).format(
        tag=finding.tag, name=finding.name, zone=finding.zone, sources=", ".join(finding.sources),
        problems="; ".join(p.text(lang) if hasattr(p, "text") else str(p) for p in finding.problems),
        required=finding.required)


def _finish(item, zone, sources, subs, epl, group, tclass, required, problems, note) -> ExFinding:
    ok = not problems
    rec = "" if ok else (f"{item.tag} ({item.name or item.type}) in Zone {zone}: {'; '.join(map(str, problems))}. "
                         f"Replace or certify for {required}.")
    return ExFinding(item.id, item.tag, item.name or item.type, zone, sources, subs, epl, group, tclass, required,
                     ok, problems, rec, note)


def _gas_finding(item, zone, sources, subs, data) -> ExFinding:
    """EPL, gas group and temperature class against a gas zone (IEC 60079-14)."""
    from pse.zoning.library import ex_rules

    groups = [d.gas_group for d in data]
    order = ["IIA", "IIB", "IIC"]
    needed_group = "IIC" if any(g is None for g in groups) else max(groups, key=order.index)
    aits = [d.autoignition_c for d in data if d.autoignition_c is not None]
    pyro = [d.id for d in data if d.pyrophoric or d.autoignition_c is None]
    min_ait = min(aits) if aits else None
    needed_epl = "/".join(ex_rules()["epl_allowed"][zone])
    needed_t = required_temperature_class(min_ait) if min_ait is not None else "n/a"
    ex = item.ex
    epl = ex.epl if ex else None
    problems, note = [], ""
    if ex is None or epl is None:
        note = "note_no_ex_marking"          # a label: rendered in the sheet's language
    elif not epl_suitable(zone, epl):
        problems.append(_why("ex_epl", epl=epl, zone=zone, needed=needed_epl) if epl != "none"
                        else _why("ex_not_protected", zone=zone, needed=needed_epl))
    if ex is not None and epl not in (None, "none"):
        if not gas_group_suitable(ex.gas_group, needed_group):
            problems.append(_why("ex_group", group=ex.gas_group or "-", needed=needed_group))
        surface = ex.max_surface_temperature_c
        if surface is None and ex.temperature_class:
            surface = temperature_class_limit_c(ex.temperature_class)
        if pyro:
            problems.append(_why("ex_pyrophoric", subs=", ".join(pyro)))
        elif surface is None:
            problems.append(_why("ex_no_tclass"))
        elif min_ait is not None and surface >= min_ait:
            problems.append(_why("ex_surface_ait", t=f"{surface:g}", ait=f"{min_ait:g}"))
    return _finish(item, zone, sources, subs, epl, ex.gas_group if ex else None,
                   ex.temperature_class if ex else None, f"EPL {needed_epl}, {needed_group}, {needed_t}",
                   problems, note)


def _dust_finding(item, zone, sources, subs, data) -> ExFinding:
    """Dust EPL, dust group and maximum surface temperature (layer rule) against a dust zone (IEC 60079-14)."""
    from pse.zoning.dust import dust_epl_suitable, dust_group_suitable
    from pse.zoning.library import ex_rules

    order = ex_rules()["dust_group_order"]
    groups = [r.dust_group for r in data]      # data: the SourceResults of the dust sources reaching the item
    needed_group = "IIIC" if any(g is None for g in groups) else max(groups, key=order.index)
    needed_epl = "/".join(ex_rules()["dust_epl_allowed"][zone])
    limits = [(r.surface_limit_c, r.surface_limit_text) for r in data if r.surface_limit_c is not None]
    t_max, t_text = min(limits) if limits else (None, "")
    ex = item.ex
    epl = (ex.dust_epl or ("none" if ex.epl == "none" else None)) if ex else None   # epl none: nothing protected
    problems, note = [], ""
    if epl is None:
        note = "note_no_dust_marking"
    elif not dust_epl_suitable(zone, epl):
        problems.append(_why("ex_epl", epl=epl, zone=zone, needed=needed_epl) if epl != "none"
                        else _why("ex_dust_not_protected", zone=zone, needed=needed_epl))
    if epl not in (None, "none"):
        if not dust_group_suitable(ex.dust_group, needed_group):
            problems.append(_why("ex_dust_group", group=ex.dust_group or "-", needed=needed_group))
        surface = ex.dust_max_surface_temperature_c
        if t_max is None:
            problems.append(_why("ex_dust_no_mit"))
        elif surface is None:
            problems.append(_why("ex_dust_no_t"))
        elif surface > t_max:
            problems.append(_why("ex_dust_surface", t=f"{surface:g}", text=t_text))
    required = f"EPL {needed_epl}, {needed_group}, T <= {t_max:.0f} degC" if t_max is not None else \
        f"EPL {needed_epl}, {needed_group}"
    return _finish(item, zone, sources, subs, epl, ex.dust_group if ex else None,
                   f"T{ex.dust_max_surface_temperature_c:g}" if ex and ex.dust_max_surface_temperature_c else None,
                   required, problems, note)
