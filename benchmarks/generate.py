"""Synthetic studies of a given size, deterministic by seed, for the benchmarks.

A whole site: ``n`` LOPA scenarios (each with its cause, consequence and two to
four safeguards), ``n`` FMEA rows, ``n`` release sources spread over a site grid
of rooms.  The generator builds plain study mappings (what ``yaml.safe_load``
would return), so a benchmark can validate them with the real loader path or
write them to YAML.
"""

from __future__ import annotations

import numpy as np


def lopa_study(n: int, seed: int = 0) -> dict:
    """A study with ``n`` LOPA scenarios on tw-osha-5 (S3/S4 consequences)."""
    rng = np.random.default_rng(seed)
    flags = dict(independent=True, specific=True, dependable=True, auditable=True, evidence="test record")
    kinds = ["relief_valve", "dike", "operator_response_10min", "bpcs_loop", "flame_arrestor"]
    causes, consequences, safeguards, scenarios = [], [], [], []
    for i in range(n):
        causes.append({"id": f"C{i}", "description": f"cause {i}",
                       "initiating_event": {"frequency_per_yr": float(10 ** rng.uniform(-3, 0)),
                                            "bpcs_failure": bool(rng.random() < 0.2)}})
        consequences.append({"id": f"Q{i}", "description": f"consequence {i}",
                             "severity": "S4" if rng.random() < 0.5 else "S3"})
        ids = []
        for k in range(int(rng.integers(2, 5))):
            kind = kinds[int(rng.integers(0, len(kinds)))]
            ipl = dict(flags, type=kind)
            if kind == "operator_response_10min":
                ipl["response_time_min"] = 15
            safeguards.append({"id": f"G{i}.{k}", "description": kind, "ipl": ipl})
            ids.append(f"G{i}.{k}")
        scenarios.append({"id": f"S{i}", "cause": f"C{i}", "consequence": f"Q{i}", "safeguards": ids,
                          "lopa": True,
                          "conditional_modifiers": [{"description": "ignition",
                                                     "probability": float(rng.uniform(0.1, 1.0))}]})
    return {"study": {"title": f"synthetic LOPA {n}"},
            "lopa": {"criteria": [{"severity": "S4", "tolerable_frequency_per_yr": 1e-5},
                                  {"severity": "S3", "tolerable_frequency_per_yr": 1e-4}]},
            "causes": causes, "consequences": consequences, "safeguards": safeguards, "scenarios": scenarios}


def lopa_arrays(n: int, seed: int = 0, layers: int = 4):
    """The arrays a LOPA of ``n`` scenarios multiplies: IE frequencies, PFDs (NaN-padded), tolerable."""
    rng = np.random.default_rng(seed)
    ie = 10 ** rng.uniform(-3, 0, n)
    pfds = 10 ** rng.uniform(-2, -1, (n, layers))
    pfds[rng.random((n, layers)) < 0.3] = np.nan
    tolerable = np.where(rng.random(n) < 0.5, 1e-5, 1e-4)
    return ie, pfds, tolerable


def fmea_arrays(n: int, seed: int = 0):
    """S, O, D ratings (1..10) of ``n`` FMEA rows."""
    rng = np.random.default_rng(seed)
    return tuple(rng.integers(1, 11, n) for _ in range(3))


def release_points(n: int, seed: int = 0, site_m: float | None = None):
    """``n`` release sources on a square site: x, y (m), extent radius (m), zone grade index."""
    rng = np.random.default_rng(seed)
    side = site_m or max(100.0, 15.0 * np.sqrt(n))
    x, y = rng.uniform(0, side, n), rng.uniform(0, side, n)
    radius = rng.uniform(1.0, 7.5, n)
    grade = rng.choice(np.array(["continuous", "primary", "secondary"]), n, p=[0.05, 0.25, 0.70])
    return x, y, radius, grade


def hazop_study(n: int, seed: int = 0, nodes: int = 10) -> dict:
    """A HAZOP study with ``n`` rated scenario rows spread over ``nodes`` nodes (tw-osha-5)."""
    rng = np.random.default_rng(seed)
    pairs = [("more", "flow"), ("less", "flow"), ("no", "flow"), ("more", "pressure"), ("less", "pressure"),
             ("more", "temperature"), ("less", "temperature"), ("more", "level"), ("less", "level")]
    data = {"study": {"title": f"synthetic HAZOP {n}"},
            "nodes": [{"id": f"N{k}", "name": f"node {k}", "design_intent": f"intent {k}",
                       "parameters": ["flow", "pressure", "temperature", "level"]} for k in range(nodes)],
            "deviations": [], "causes": [], "consequences": [], "safeguards": [], "scenarios": []}
    for k in range(nodes):
        for j, (word, parameter) in enumerate(pairs):
            data["deviations"].append({"id": f"D{k}.{j}", "node": f"N{k}", "guide_word": word,
                                       "parameter": parameter})
    for i in range(n):
        k, j = i % nodes, int(rng.integers(0, len(pairs)))
        data["causes"].append({"id": f"C{i}", "description": f"cause {i} of a deviation", "node": f"N{k}",
                               "deviation": f"D{k}.{j}"})
        data["consequences"].append({"id": f"Q{i}", "description": f"consequence {i}", "category": "people"})
        data["safeguards"].append({"id": f"G{i}", "description": f"safeguard {i}"})
        data["scenarios"].append({"id": f"S{i}", "node": f"N{k}", "deviation": f"D{k}.{j}", "cause": f"C{i}",
                                  "consequence": f"Q{i}", "safeguards": [f"G{i}"],
                                  "severity": f"S{int(rng.integers(1, 5))}",
                                  "likelihood": f"P{int(rng.integers(1, 5))}"})
    return data


def _prefixed(data: dict, prefix: str) -> dict:
    """``data`` with every ID and reference prefixed, so several generated parts share one study."""
    refs = {"cause", "consequence", "node", "deviation"}
    out = {}
    for key, rows in data.items():
        if not isinstance(rows, list):
            continue
        out[key] = []
        for row in rows:
            row = dict(row)
            row["id"] = prefix + row["id"]
            for ref in refs & set(row):
                row[ref] = prefix + row[ref]
            if "safeguards" in row:
                row["safeguards"] = [prefix + s for s in row["safeguards"]]
            out[key].append(row)
    return out


def fmea_rows(n: int, seed: int = 0) -> list[dict]:
    """``n`` FMEA rows (AIAG-VDA scale) with S, O, D drawn uniformly from 1..10."""
    s, o, d = fmea_arrays(n, seed)
    return [{"id": f"FM{i}", "item": f"item {i % 97}", "function": f"function {i % 13}",
             "failure_mode": f"failure mode {i}", "effect": f"effect {i}", "cause": f"cause {i}",
             "severity": int(s[i]), "occurrence": int(o[i]), "detection": int(d[i])} for i in range(n)]


def zoning_part(n: int, seed: int = 0) -> dict:
    """``n`` secondary/primary release sources of methane on one outdoor site area."""
    x, y, radius, grade = release_points(n, seed)
    side = float(max(x.max(), y.max()) + 20)
    return {"substances": [{"id": "SUB-CH4", "name": "Methane", "library": "methane"}],
            "rooms": [{"id": "SITE", "name": "site", "indoor": False,
                       "outline": [[-20, -20], [side, -20], [side, side], [-20, side]],
                       "ventilation": {"dilution": "medium", "availability": "fair"}}],
            "release_sources": [{"id": f"SR{i}", "substance": "SUB-CH4", "grade": str(grade[i]), "room": "SITE",
                                 "location": {"x": round(float(x[i]), 3), "y": round(float(y[i]), 3)},
                                 "extent_m": round(float(radius[i]), 3)} for i in range(n)]}


def site_study(n: int, seed: int = 0) -> dict:
    """A whole site: ``n`` LOPA scenarios + ``n`` HAZOP rows + ``n`` FMEA rows + ``n`` release sources."""
    lopa, hazop = lopa_study(n, seed), hazop_study(n, seed)
    data = {"study": {"title": f"synthetic site {n}", "language": "en"}, "lopa": lopa["lopa"]}
    for part in (_prefixed(lopa, "L-"), _prefixed(hazop, "H-")):
        for key, rows in part.items():
            data.setdefault(key, []).extend(rows)
    data["failure_modes"] = fmea_rows(n, seed)
    data.update(zoning_part(n, seed))
    return data
