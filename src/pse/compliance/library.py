"""Rows of the compliance reference libraries for ``pse library`` (pse.library.catalogue.LibraryRow).

Readers for the catalogue: ``checklists``, ``control_quantities``, ``inspection_intervals``.
"""

from __future__ import annotations


def _row(library, key, value, name, entry, top):
    from pse.library.catalogue import LibraryRow

    checked = entry.get("checked", top.get("checked"))
    return LibraryRow("compliance", library, str(key), str(value),
                      {k: str(v) for k, v in (name or {}).items() if k in ("en", "zh-TW")},
                      str(entry.get("source") or top.get("source") or "").strip(),
                      str(entry.get("edition") or top.get("edition") or ""),
                      "yes" if checked is True else "no" if checked in (False, None) else str(checked))


def checklists():
    from pse.compliance.data import package_checklists

    return [_row(f"checklist:{cid}", item["id"], item["citation"], item["question"], item, raw)
            for cid, raw in package_checklists().items() for item in raw["items"]]


def control_quantities():
    from pse.compliance.data import load

    data = load("thresholds.yaml")
    return [_row(f"control_quantities:{rule}", key, f"{entry[rule]['control_quantity']:g} {entry[rule]['unit']}",
                 entry, entry, data)
            for key, entry in data["substances"].items() for rule in data["rules"] if rule in entry]


def inspection_intervals():
    from pse.compliance.data import load

    data = load("inspection.yaml")
    out = []
    for key, spec in data["types"].items():
        for interval in spec["intervals"]:
            every = ("per use" if interval.get("per_use") else
                     f"{interval['months']} months" if interval.get("months") else f"{interval['days']} days")
            out.append(_row("inspection_intervals", f"{key}.{interval['id']}", f"{every}; {interval['citation']}",
                            {"en": f"{spec['en']}: {interval['en']}", "zh-TW": f"{spec['zh-TW']}：{interval['zh-TW']}"},
                            spec, data))
    return out


READERS = {("compliance", "checklists"): checklists, ("compliance", "control_quantities"): control_quantities,
           ("compliance", "inspection_intervals"): inspection_intervals}
