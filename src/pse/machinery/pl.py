"""ISO 13849-1:2023 PL achieved: MTTFd per channel, symmetrisation, DCavg, CCF and PFHd from Annex K.

Every function is pure; the table values are package data (``data/iso13849.yaml``) with their ``checked`` flag.
"""

from __future__ import annotations

import math

CATEGORIES = ("B", "1", "2", "3", "4")
HOURS_PER_YEAR = 8760.0
# DCavg band each category's Annex K column is read with (Figure 5: B and 1 without diagnostics, 2 and 3 low or
# medium, 4 high); DCavg above the column's band is counted at the highest band the category has.
_COLUMN_BANDS = {"B": ("none",), "1": ("none",), "2": ("low", "medium"), "3": ("low", "medium"), "4": ("high",)}
_MTTFD_ALLOWED = {"B": ("low", "medium"), "1": ("high",), "2": ("low", "medium", "high"),
                  "3": ("low", "medium", "high"), "4": ("high",)}


def _data() -> dict:
    from pse.machinery.data import load

    return load("iso13849.yaml")


def _positive(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or not value > 0 \
            or math.isinf(value):
        raise ValueError(f"{name}: must be a positive finite number, got {value!r}")
    return float(value)


def operations_per_year(days_per_year: float, hours_per_day: float, cycle_time_s: float) -> float:
    """Mean number of operations per year n_op = d_op h_op 3600 / t_cycle.

    ISO 13849-1:2023 Annex C (C.4.2); d_op in days per year, h_op in hours per day, t_cycle in s.

    >>> operations_per_year(365, 24, 86400)      # once a day
    365.0
    """
    days = _positive("days_per_year", days_per_year)
    hours = _positive("hours_per_day", hours_per_day)
    if days > 366 or hours > 24:
        raise ValueError(f"days_per_year <= 366 and hours_per_day <= 24, got {days:g} and {hours:g}")
    return days * hours * 3600.0 / _positive("cycle_time_s", cycle_time_s)


def mttfd_from_b10d_years(b10d_cycles: float, operations_per_year: float) -> float:
    """MTTFd (years) of a wearing component from its B10d: MTTFd = B10d / (0.1 n_op).

    ISO 13849-1:2023 Annex C (C.4.2); B10d in cycles (10 % of the components failed dangerously),
    n_op in operations per year.

    >>> round(mttfd_from_b10d_years(100000, 365), 1)     # e-stop used once a day
    2739.7
    """
    return _positive("b10d_cycles", b10d_cycles) / (0.1 * _positive("operations_per_year", operations_per_year))


def channel_mttfd_years(component_mttfd_years) -> float:
    """MTTFd of one channel from its components in series: 1/MTTFd = sum 1/MTTFd_i (parts count).

    ISO 13849-1:2023 Annex D (D.1); years.

    >>> channel_mttfd_years([100, 100])
    50.0
    """
    values = [_positive("mttfd_years", v) for v in component_mttfd_years]
    if not values:
        raise ValueError("a channel needs at least one component")
    return 1.0 / sum(1.0 / v for v in values)


def symmetrised_mttfd_years(mttfd_1_years: float, mttfd_2_years: float) -> float:
    """MTTFd of two unequal channels: MTTFd = 2/3 [C1 + C2 - 1 / (1/C1 + 1/C2)].

    ISO 13849-1:2023 Annex D (D.2, symmetrisation); C1, C2 the channels' MTTFd in years (each already capped).

    >>> symmetrised_mttfd_years(100, 100)
    100.0
    >>> round(symmetrised_mttfd_years(100, 50), 2)     # 2/3 (150 - 33.33)
    77.78
    """
    c1 = _positive("mttfd_1_years", mttfd_1_years)
    c2 = _positive("mttfd_2_years", mttfd_2_years)
    return 2.0 / 3.0 * (c1 + c2 - 1.0 / (1.0 / c1 + 1.0 / c2))


def dc_avg_percent(components) -> float:
    """Average diagnostic coverage: DCavg = sum(DC_i / MTTFd_i) / sum(1 / MTTFd_i).

    ISO 13849-1:2023 Annex E (E.2); ``components`` = [(DC %, MTTFd years), ...].

    >>> dc_avg_percent([(99, 100), (90, 100)])
    94.5
    """
    pairs = [(float(dc), _positive("mttfd_years", m)) for dc, m in components]
    if not pairs or any(not 0 <= dc <= 100 for dc, _ in pairs):
        raise ValueError("dc_avg: give each component's DC in 0..100 % and its MTTFd")
    return sum(dc / m for dc, m in pairs) / sum(1.0 / m for _, m in pairs)


def band(value: float, bands: dict, upper_inclusive: bool = False) -> str | None:
    """The key of ``bands`` ({name: [low, high]}) whose [low, high) holds ``value`` (None outside)."""
    ranges = [(name, limits) for name, limits in bands.items() if isinstance(limits, list)]
    for name, (low, high) in ranges:
        if low <= value < high:
            return name
    if upper_inclusive and ranges and value == ranges[-1][1][1]:
        return ranges[-1][0]
    return None


def _found(name: str | None, field_name: str, value: float) -> str:
    if name is None:
        raise ValueError(f"{field_name}: {value:g} lies in no band of the ISO 13849-1 tables")
    return name


def mttfd_band(mttfd_years: float) -> str:
    """'low' (3..<10), 'medium' (10..<30) or 'high' (>= 30 years); below 3 years is refused.

    >>> mttfd_band(10), mttfd_band(29.9), mttfd_band(250)
    ('medium', 'medium', 'high')
    """
    value = _positive("mttfd_years", mttfd_years)
    if value < 3:
        raise ValueError(f"mttfd_years: {value:g} years is below 3 years, which ISO 13849-1 does not allow for "
                         "a channel of any category")
    return _found(band(min(value, 100.0), _data()["mttfd_bands"], upper_inclusive=True), "mttfd_years", value)


def dc_band(dc_avg_percent: float) -> str:
    """'none' (<60), 'low' (60..<90), 'medium' (90..<99) or 'high' (>= 99 %).

    >>> dc_band(59.9), dc_band(60), dc_band(98.9), dc_band(99)
    ('none', 'low', 'medium', 'high')
    """
    if isinstance(dc_avg_percent, bool) or not isinstance(dc_avg_percent, (int, float)) \
            or not 0 <= dc_avg_percent <= 100:
        raise ValueError(f"dc_avg_percent: must be 0..100 %, got {dc_avg_percent!r}")
    return _found(band(float(dc_avg_percent), _data()["dc_bands"], upper_inclusive=True), "dc_avg_percent",
                  dc_avg_percent)


def pl_from_pfhd(pfhd_per_hour: float) -> str:
    """PL for a PFHd per hour: e 1e-8..<1e-7, d ..<1e-6, c ..<3e-6, b ..<1e-5, a ..<1e-4 (below 1e-8: e).

    ISO 13849-1:2023 Table 2.

    >>> pl_from_pfhd(2.47e-8), pl_from_pfhd(1e-6), pl_from_pfhd(9.99e-5)
    ('e', 'c', 'a')
    """
    value = _positive("pfhd_per_hour", pfhd_per_hour)
    if value < 1e-8:
        return "e"
    found = band(value, {k: v for k, v in _data()["pl_bands"].items() if k in "abcde"})
    if found is None:
        raise ValueError(f"PFHd {value:.3g} per hour is 1e-4 or more: below PL a")
    return found


def _check_category(category) -> str:
    category = str(category).upper() if category is not None else None
    if category not in CATEGORIES:
        raise ValueError(f"category: {category!r} is not one of B, 1, 2, 3, 4")
    return category


def annex_k_cell(category: str, mttfd_years: float, dc_avg_percent: float,
                 read_pfhd_per_hour: float | None = None) -> dict:
    """The Annex K cell used: column, MTTFd band, DCavg band, the held row (years) and PFHd, checked flag.

    ``read_pfhd_per_hour``: the value the engineer read in Table K.1 of their copy of the standard for this
    column and MTTFd; it is used instead of the held row when it lies between the held rows around the MTTFd
    (PFHd falls as MTTFd rises), otherwise refused. Raises ValueError naming the requirement of the category
    the inputs do not meet.
    """
    category = _check_category(category)
    data = _data()
    cap = data["mttfd_bands"]["cap_years_category_4" if category == "4" else "cap_years"]
    mttfd = min(_positive("mttfd_years", mttfd_years), float(cap))
    m_band = mttfd_band(mttfd)
    if m_band not in _MTTFD_ALLOWED[category]:
        allowed = " or ".join(_MTTFD_ALLOWED[category])
        raise ValueError(f"category {category} requires MTTFd {allowed} (ISO 13849-1:2023 6.2, Figure 5); "
                         f"MTTFd {mttfd:g} years is {m_band}")
    d_band = dc_band(dc_avg_percent)
    order = ("none", "low", "medium", "high")
    allowed_dc = _COLUMN_BANDS[category]
    if order.index(d_band) < order.index(allowed_dc[0]):
        raise ValueError(f"category {category} requires DCavg {allowed_dc[0]} or better (ISO 13849-1:2023 6.2, "
                         f"Figure 5); DCavg {dc_avg_percent:g} % is {d_band}")
    column_band = d_band if d_band in allowed_dc else allowed_dc[-1]
    column = data["annex_k"]["columns"][f"{category}_{column_band}"]
    if read_pfhd_per_hour is not None:
        return _read_cell(category, column_band, column, mttfd, m_band, d_band, read_pfhd_per_hour)
    if column.get("closed_form"):
        # Categories B and 1: one channel without diagnostics, Annex K tabulates PFHd = 1 / MTTFd exactly.
        return {"category": category, "mttfd_years": mttfd, "mttfd_band": m_band, "dc_band": d_band,
                "column": f"{category}_{column_band}", "row_years": mttfd,
                "pfhd_per_hour": 1.0 / (mttfd * HOURS_PER_YEAR), "checked": bool(column.get("checked")),
                "source": data["annex_k"]["source"]}
    row, pfhd = next_lower_row(column["rows"], mttfd, f"category {category}")
    verified = {float(k): text for k, text in (column.get("verified") or {}).items()}
    return {"category": category, "mttfd_years": mttfd, "mttfd_band": m_band, "dc_band": d_band,
            "column": f"{category}_{column_band}", "row_years": row, "pfhd_per_hour": pfhd,
            "checked": column.get("checked") is True or row in verified,
            "source": data["annex_k"]["source"], "verified_by": verified.get(row)}


def _read_cell(category: str, column_band: str, column: dict, mttfd: float, m_band: str, d_band: str,
               read: float) -> dict:
    """The Annex K cell from a value read in the standard, checked against the held rows around the MTTFd."""
    value = _positive("annex_k_pfhd_per_hour", read)
    if column.get("closed_form"):
        low = high = 1.0 / (mttfd * HOURS_PER_YEAR)
    else:
        table = sorted((float(k), float(v)) for k, v in column["rows"].items())
        # the nearest held rows below and above the MTTFd bound the value (PFHd falls as MTTFd rises)
        high = min([v for r, v in table if r <= mttfd + 1e-9], default=float("inf"))
        low = max([v for r, v in table if r >= mttfd - 1e-9], default=0.0)
    if not low * 0.98 <= value <= high * 1.02:
        raise ValueError(f"annex_k_pfhd_per_hour: {value:.3g} /h read for category {category}, DCavg "
                         f"{column_band}, MTTFd {mttfd:g} years lies outside {low:.3g}..{high:.3g} /h, the "
                         "Annex K values around it: check the column and the row read")
    return {"category": category, "mttfd_years": mttfd, "mttfd_band": m_band, "dc_band": d_band,
            "column": f"{category}_{column_band}", "row_years": mttfd, "pfhd_per_hour": value, "checked": True,
            "source": "Annex K Table K.1 as read by the study", "verified_by": None, "read": True}


def next_lower_row(rows: dict, mttfd_years: float, what: str) -> tuple[float, float]:
    """(row, PFHd) of the greatest tabulated MTTFd not above ``mttfd_years`` (pse's conservative reading).

    PFHd falls as MTTFd rises in every Annex K column, so the next lower row never gives a better PFHd than the
    exact one; ValueError below the lowest row.

    >>> next_lower_row({3: 2.6e-5, 10: 5.6e-6}, 9.9, "example")
    (3.0, 2.6e-05)
    """
    table = sorted((float(k), float(v)) for k, v in rows.items())
    below = [(r, v) for r, v in table if r <= mttfd_years + 1e-9]
    if not below:
        raise ValueError(f"{what}: MTTFd {mttfd_years:g} years is below the lowest Annex K row held "
                         f"({table[0][0]:g} years)")
    return below[-1]


def ccf_score(measures) -> float:
    """CCF score: the sum of the Annex F points of the measures applied (each counted once, all or nothing).

    ISO 13849-1:2015 Annex F, Table F.1 (the 2023 edition regroups the measures; the 65-point threshold of
    :func:`check_ccf` is unchanged); ``measures`` = keys of ``ccf.measures`` in data/iso13849.yaml
    (separation 15, diversity 20, overload_protection 15, well_tried_components 5, fmea 5, competence 5,
    emc 25, other_environment 10 points).

    >>> ccf_score(["separation", "overload_protection", "well_tried_components", "diversity",
    ...            "other_environment", "competence"])     # Siemens SIMODRIVE 611 Table 9-9
    70.0
    """
    table = _data()["ccf"]["measures"]
    chosen = list(measures)
    unknown = [m for m in chosen if m not in table]
    if unknown:
        raise ValueError(f"ccf measures: unknown {', '.join(map(repr, unknown))} (known: {', '.join(table)})")
    return float(sum(table[m]["points"] for m in set(chosen)))


def check_ccf(category: str, ccf_score) -> None:
    """ValueError when a category 2, 3 or 4 has no CCF score or one below 65 (ISO 13849-1:2023 Annex F)."""
    category = _check_category(category)
    rule = _data()["ccf"]
    if category not in rule["categories"]:
        return
    if ccf_score is None:
        raise ValueError(f"category {category} requires a CCF score of at least {rule['minimum_score']} points "
                         "(ISO 13849-1:2023 Annex F): none given")
    if isinstance(ccf_score, bool) or not isinstance(ccf_score, (int, float)) or not 0 <= ccf_score <= 100:
        raise ValueError(f"ccf_score: must be 0..100 points, got {ccf_score!r}")
    if ccf_score < rule["minimum_score"]:
        raise ValueError(f"category {category} requires a CCF score of at least {rule['minimum_score']} points "
                         f"(ISO 13849-1:2023 Annex F): {ccf_score:g} given")


def performance_level(category: str, mttfd_years: float, dc_avg_percent: float,
                      ccf_score: float | None = None) -> tuple[str, float]:
    """PL achieved and PFHd per hour of one subsystem of designated architecture (ISO 13849-1:2023).

    PFHd = Annex K Table K.1 (category, DCavg band, MTTFd of each channel: the next lower row pse holds, i.e.
    3, 10, 30 or 100 years, and 2500 years for category 4; MTTFd capped at 100 years, 2500 years for
    category 4; categories B and 1 exactly PFHd = 1 / MTTFd, the single-channel value Annex K tabulates);
    PL = Table 2 band of PFHd. DCavg above a category's columns is read in its highest column (category 3 at
    99 %: the medium column, as Siemens SIMODRIVE 611 Table 9-19 does).
    Requirements (Figure 5, Annex F): B MTTFd low/medium; 1 MTTFd high; 2 and 3 DCavg >= 60 %; 4 MTTFd high
    and DCavg >= 99 %; 2, 3 and 4 a CCF score >= 65. ValueError names the unmet requirement.

    >>> performance_level("4", 100, 99, 80)
    ('e', 2.47e-08)
    >>> level, pfhd = performance_level("1", 100, 0)
    >>> level, float(f"{pfhd:.3g}")
    ('c', 1.14e-06)
    """
    cell = annex_k_cell(category, mttfd_years, dc_avg_percent)
    check_ccf(cell["category"], ccf_score)
    return pl_from_pfhd(cell["pfhd_per_hour"]), cell["pfhd_per_hour"]


def series_pfhd(pfhd_values) -> float:
    """PFHd of subsystems in series: PFHd = sum PFHd_i (ISO 13849-1:2023 combination of subsystems; 2015 6.3), per hour.

    >>> round(series_pfhd([2.47e-8, 4.9e-9, 4.3e-8]), 12)
    7.26e-08
    """
    values = [_positive("pfhd_per_hour", v) for v in pfhd_values]
    if not values:
        raise ValueError("a safety function needs at least one subsystem")
    return sum(values)


def category_2_test_rate(test_rate_per_hour: float | None, demand_rate_per_hour: float | None,
                         test_on_demand: bool = False, low_rate_factor: float | None = None) -> dict:
    """Category 2 test-rate rule: r_t / r_d >= 100, or the test on demand; 25 <= r_t / r_d < 100 raises PFHd.

    ISO 13849-1:2023 6.2.5 (category 2; in the 2015 edition a condition of the simplified procedure, 4.5.4):
    the test rate r_t is at least 100 times the demand rate r_d, or the test runs on demand of the safety
    function and the fault is found and the machine brought to a safe state before the hazard is reached
    (``test_on_demand``). Annex K exception: 25 <= r_t / r_d < 100 is allowed with the Table K.1 PFHd
    multiplied by a factor (1.1 in data/iso13849.yaml, recalled; ``low_rate_factor`` gives the one read in
    the standard). Rates per hour (r = 3600 / interval in s). Returns {"ratio", "branch" ('on_demand',
    'ratio_100', 'ratio_25'), "factor", "checked"}; ValueError below 25 or without rates.

    >>> category_2_test_rate(600, 2)        # tested every 6 s, guard opened twice an hour: 300 >= 100
    {'ratio': 300.0, 'branch': 'ratio_100', 'factor': 1.0, 'checked': True}
    >>> category_2_test_rate(60, 2)["factor"]      # once a minute: 30, the Annex K 25-times exception
    1.1
    """
    rule = _data()["category_2_test"]
    if test_on_demand:
        return {"ratio": None, "branch": "on_demand", "factor": 1.0, "checked": True}
    if test_rate_per_hour is None or demand_rate_per_hour is None:
        raise ValueError(f"category 2 requires a test rate at least {rule['minimum_ratio']:g} times the demand rate "
                         "or the test on demand (ISO 13849-1:2023 6.2.5): give test_rate_per_hour and "
                         "demand_rate_per_hour, or test_on_demand: true")
    ratio = _positive("test_rate_per_hour", test_rate_per_hour) / _positive("demand_rate_per_hour",
                                                                              demand_rate_per_hour)
    if ratio >= rule["minimum_ratio"]:
        return {"ratio": ratio, "branch": "ratio_100", "factor": 1.0, "checked": True}
    if ratio >= rule["reduced_ratio"]:
        factor = rule["reduced_ratio_pfhd_factor"] if low_rate_factor is None else _positive(
            "low_test_rate_pfhd_factor", low_rate_factor)
        if factor < 1:
            raise ValueError(f"low_test_rate_pfhd_factor: {factor:g} would lower the PFHd; it must be 1 or more")
        return {"ratio": ratio, "branch": "ratio_25", "factor": float(factor),
                "checked": low_rate_factor is not None or rule.get("factor_checked") is True}
    raise ValueError(f"category 2 requires a test rate at least {rule['minimum_ratio']:g} times the demand rate "
                     f"(ISO 13849-1:2023 6.2.5; {rule['reduced_ratio']:g} times with the Annex K exception) or the "
                     f"test on demand: {test_rate_per_hour:g} / {demand_rate_per_hour:g} per hour = {ratio:.3g}")


def check_test_channel(test_channel_mttfd_years: float | None, channel_mttfd_years: float) -> float:
    """Category 2 test channel: MTTFd(TE, OTE) > MTTFd(L) / 2; returns the least MTTFd allowed (years).

    ISO 13849-1:2023 6.2.5 (2015: 4.5.4); MTTFd(L) the functional channel's MTTFd in years. ValueError when the
    test channel's MTTFd is missing or not above half of it.

    >>> check_test_channel(60, 100)
    50.0
    """
    fraction = _data()["category_2_test"]["test_channel_mttfd_fraction"]
    least = fraction * _positive("channel_mttfd_years", channel_mttfd_years)
    if test_channel_mttfd_years is None:
        raise ValueError("category 2 requires the MTTFd of the test channel (TE and OTE) above half the functional "
                         "channel's (ISO 13849-1:2023 6.2.5): give test_channel_mttfd_years")
    if not _positive("test_channel_mttfd_years", test_channel_mttfd_years) > least:
        raise ValueError(f"category 2 requires the MTTFd of the test channel above half the functional channel's "
                         f"(ISO 13849-1:2023 6.2.5): {test_channel_mttfd_years:g} y is not above "
                         f"{channel_mttfd_years:g} / 2 = {least:g} y")
    return least
