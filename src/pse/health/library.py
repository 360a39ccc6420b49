"""Rows of the health reference libraries for ``pse library`` (pse.library.catalogue.LibraryRow).

Readers for the catalogue: ``sqra``, ``kim_lhc``, ``thermography``.
"""

from __future__ import annotations


def _row(library, key, value, name, top):
    from pse.library.catalogue import LibraryRow

    checked = top.get("checked")
    return LibraryRow("health", library, str(key), str(value),
                      {k: str(v) for k, v in (name or {}).items() if k in ("en", "zh-TW")},
                      str(top.get("source") or "").strip(), str(top.get("edition") or ""),
                      "yes" if checked is True else "no" if checked in (False, None) else str(checked))


def sqra():
    from pse.health.data import load

    data = load("sqra.yaml")
    rows = [_row("sqra", key, text, {"en": key}, data) for key, text in data["equations"].items()]
    return rows + [_row("sqra", f"level.{b['level']}", f"risk rounded up = {b['level']}", b, data)
                   for b in data["levels"]["bands"]]


def kim_lhc():
    from pse.health.data import load

    data = load("kim_lhc.yaml")
    rows = [_row("kim_lhc", f"time.{r['from']}", r["points"], {"en": f">= {r['from']} lifts/day"}, data)
            for r in data["time_rating_lifting"]]
    rows += [_row("kim_lhc", f"load.{sex}.{r['from']}", r["points"], {"en": f"{sex} >= {r['from']} kg"}, data)
             for sex, table in data["load_points"].items() for r in table]
    return rows + [_row("kim_lhc", f"band.{b['range']}", f">= {b['from']}", b, data) for b in data["bands"]]


def thermography():
    from pse.health.data import load

    data = load("thermography.yaml")
    rows = [_row("thermography", key, f"{value:g} °C", {"en": key}, data) for key, value in data["thresholds"].items()]
    return rows + [_row("thermography", level["id"], level["rank"], level, data) for level in data["levels"]]


READERS = {("health", "sqra"): sqra, ("health", "kim_lhc"): kim_lhc, ("health", "thermography"): thermography}
