"""PL achieved of a safety function from its subsystems (ISO 13849-1:2023), with every step written out.

Pipeline: component MTTFd (given, typical, or B10d with n_op) -> channel MTTFd (parts count) -> capped and
symmetrised MTTFd -> DCavg -> Annex K PFHd and PL per subsystem -> PFHd summed in series -> PL against PLr.

Engineering rules and their source: subsystems in series add their PFHd and the combination's PL is not above the
lowest PL of its subsystems (ISO 13849-1:2015 6.3, kept in the 2023 edition); a declared subsystem (PFHd and PL
from the manufacturer) is taken as declared; categories 3 and 4 need two channels (the designated architectures
of ISO 13849-1:2023 6.2).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SubsystemResult:
    name: str
    pfhd_per_hour: float | None
    pl: str | None
    steps: list[dict] = field(default_factory=list)
    error: str | None = None
    checked: bool = True


@dataclass
class FunctionResult:
    function: str
    subsystems: list[SubsystemResult]
    pfhd_per_hour: float | None
    pl: str | None
    plr: str | None
    meets: bool | None
    steps: list[dict] = field(default_factory=list)
    error: str | None = None


def render_step(step, lang: str = "en") -> str:
    """The text of one step ({"key": label key, **values}; nested dicts are labels too) in ``lang``."""
    from pse.i18n import label
    from pse.machinery.report import LABELS

    if not isinstance(step, dict):
        return str(step)
    values = {k: render_step(v, lang) for k, v in step.items() if k != "key"}
    return label(step["key"], lang, LABELS).format(**values)


def component_mttfd_years(component, operations) -> tuple[float, dict]:
    """(MTTFd in years, the step that obtained it) of one component."""
    from pse.machinery import pl
    from pse.machinery.data import load

    typical = {}
    if component.typical is not None:
        library = load("iso13849.yaml")["components"]
        if component.typical not in library:
            raise ValueError(f"{component.name}: unknown typical component '{component.typical}' "
                             f"(known: {', '.join(sorted(library))})")
        typical = library[component.typical]
    mttfd = component.mttfd_years or (typical.get("mttfd_years") if component.b10d_cycles is None else None)
    if mttfd:
        if component.mttfd_years:
            return float(mttfd), {"key": "step_given", "name": component.name, "mttfd": f"{float(mttfd):g}"}
        return float(mttfd), {"key": "step_typical", "name": component.name, "mttfd": f"{float(mttfd):g}",
                              "typical": component.typical, "source": typical["source"]}
    b10d = component.b10d_cycles or typical.get("b10d_cycles")
    if b10d is None:
        raise ValueError(f"{component.name}: give mttfd_years, b10d_cycles or a typical component")
    if operations is None:
        raise ValueError(f"{component.name}: B10d needs the subsystem's operations (days_per_year, hours_per_day, "
                         "cycle_time_s)")
    n_op = pl.operations_per_year(operations.days_per_year, operations.hours_per_day, operations.cycle_time_s)
    value = pl.mttfd_from_b10d_years(b10d, n_op)
    return value, {"key": "step_b10d", "name": component.name, "days": f"{operations.days_per_year:g}",
                   "hours": f"{operations.hours_per_day:g}", "cycle": f"{operations.cycle_time_s:g}",
                   "n_op": f"{n_op:.4g}", "b10d": f"{b10d:.4g}", "mttfd": f"{value:.4g}",
                   "typical": "" if component.b10d_cycles else f" ('{component.typical}')"}


def _channels(subsystem, steps: list[dict]) -> tuple[float, list[tuple[float, float]]]:
    from pse.machinery import pl

    cap = 2500.0 if subsystem.category == "4" else 100.0
    channel_values, dc_pairs = [], []
    for k, channel in enumerate(subsystem.channels, start=1):
        values = []
        for component in channel:
            mttfd, text = component_mttfd_years(component, subsystem.operations)
            steps.append(text)
            values.append(mttfd)
            if component.dc_percent is not None:
                dc_pairs.append((component.dc_percent, mttfd))
        value = pl.channel_mttfd_years(values)
        capped = min(value, cap)
        steps.append({"key": "step_channel", "k": k, "mttfd": f"{value:.4g}",
                      "cap": {"key": "step_cap", "cap": f"{cap:g}"} if capped < value else ""})
        channel_values.append(capped)
    if len(channel_values) == 2 and channel_values[0] != channel_values[1]:
        c1, c2 = channel_values
        value = pl.symmetrised_mttfd_years(c1, c2)
        steps.append({"key": "step_sym", "c1": f"{c1:.4g}", "c2": f"{c2:.4g}", "mttfd": f"{value:.4g}"})
        return value, dc_pairs
    return channel_values[0], dc_pairs


def subsystem_result(subsystem) -> SubsystemResult:
    """PFHd and PL of one subsystem (declared, or from its designated architecture)."""
    from pse.machinery import pl

    steps: list[dict] = []
    try:
        if subsystem.pfhd_per_hour is not None:
            level = subsystem.pl or pl.pl_from_pfhd(subsystem.pfhd_per_hour)
            steps.append({"key": "step_declared", "pfhd": f"{subsystem.pfhd_per_hour:.3g}", "pl": level,
                          "source": f" ({subsystem.source})" if subsystem.source else ""})
            return SubsystemResult(subsystem.name, subsystem.pfhd_per_hour, level, steps)
        if subsystem.category is None or not subsystem.channels:
            raise ValueError("give pfhd_per_hour, or category and channels")
        if subsystem.category in ("3", "4") and len(subsystem.channels) != 2:
            raise ValueError(f"category {subsystem.category} is a two-channel architecture: give two channels")
        mttfd, dc_pairs = _channels(subsystem, steps)
        dc = subsystem.dc_avg_percent
        if dc is None and dc_pairs and len(dc_pairs) == sum(len(c) for c in subsystem.channels):
            dc = pl.dc_avg_percent(dc_pairs)
            steps.append({"key": "step_dcavg", "dc": f"{dc:.3g}"})
        if dc is None:
            dc = 0.0 if subsystem.category in ("B", "1") else None
        if dc is None:
            raise ValueError(f"category {subsystem.category} needs dc_avg_percent (or the DC of every component)")
        # annex_k_pfhd_per_hour: the Table K.1 value the study read in the standard (absent: the held rows)
        cell = pl.annex_k_cell(subsystem.category, mttfd, dc, subsystem.annex_k_pfhd_per_hour)
        pl.check_ccf(subsystem.category, subsystem.ccf_score)
        test = _category_2_test(subsystem, mttfd) if subsystem.category == "2" else None
        level = pl.pl_from_pfhd(cell["pfhd_per_hour"])
        steps.append({"key": "step_annex_k", "category": subsystem.category, "mttfd": f"{cell['mttfd_years']:.4g}",
                      "mband": {"key": f"band_{cell['mttfd_band']}"}, "dc": f"{dc:g}",
                      "dband": {"key": f"band_{cell['dc_band']}"},
                      "ccf": "" if subsystem.ccf_score is None else {"key": "step_ccf",
                                                                     "ccf": f"{subsystem.ccf_score:g}"},
                      "row": f"{cell['row_years']:.4g}", "pfhd": f"{cell['pfhd_per_hour']:.3g}", "pl": level,
                      "unchecked": {"key": "step_read"} if cell.get("read") else
                      ("" if cell["checked"] else {"key": "step_unchecked"})})
        if test is None:
            return SubsystemResult(subsystem.name, cell["pfhd_per_hour"], level, steps, checked=cell["checked"])
        steps.extend(test["steps"])
        pfhd = cell["pfhd_per_hour"] * test["factor"]
        if test["factor"] != 1.0:
            level = pl.pl_from_pfhd(pfhd)
            steps.append({"key": "step_test_factor", "factor": f"{test['factor']:g}",
                          "table": f"{cell['pfhd_per_hour']:.3g}", "pfhd": f"{pfhd:.3g}", "pl": level,
                          "unchecked": "" if test["checked"] else {"key": "step_factor_unchecked"}})
        return SubsystemResult(subsystem.name, pfhd, level, steps, checked=cell["checked"] and test["checked"])
    except ValueError as exc:
        return SubsystemResult(subsystem.name, None, None, steps, error=str(exc))


def _category_2_test(subsystem, channel_mttfd_years: float) -> dict:
    """The category 2 test-rate and test-channel rules (ISO 13849-1:2023 6.2.5) with their steps."""
    from pse.machinery import pl

    rule = pl.category_2_test_rate(subsystem.test_rate_per_hour, subsystem.demand_rate_per_hour,
                                   subsystem.test_on_demand, subsystem.low_test_rate_pfhd_factor)
    least = pl.check_test_channel(subsystem.test_channel_mttfd_years, channel_mttfd_years)
    if rule["branch"] == "on_demand":
        first = {"key": "step_test_on_demand"}
    else:
        first = {"key": f"step_test_{rule['branch']}", "rt": f"{subsystem.test_rate_per_hour:g}",
                 "rd": f"{subsystem.demand_rate_per_hour:g}", "ratio": f"{rule['ratio']:.3g}"}
    te = {"key": "step_test_channel", "te": f"{subsystem.test_channel_mttfd_years:.4g}",
          "channel": f"{channel_mttfd_years:.4g}", "least": f"{least:.4g}"}
    return {**rule, "steps": [first, te]}


def function_result(function, plr: str | None) -> FunctionResult | None:
    """PL achieved of a safety function with subsystems (None when it has none)."""
    from pse.machinery import pl
    from pse.machinery.plr import PERFORMANCE_LEVELS, pl_at_least

    if not function.subsystems:
        return None
    results = [subsystem_result(s) for s in function.subsystems]
    errors = [f"{r.name}: {r.error}" for r in results if r.error]
    if errors:
        return FunctionResult(function.id, results, None, None, plr, None, error="; ".join(errors))
    pfhds = [r.pfhd_per_hour for r in results if r.pfhd_per_hour is not None]
    total = pl.series_pfhd(pfhds)
    level = pl.pl_from_pfhd(total)
    lowest = min((r.pl for r in results if r.pl is not None), key=PERFORMANCE_LEVELS.index)
    steps = [{"key": "step_sum", "terms": " + ".join(f"{p:.3g}" for p in pfhds),
              "pfhd": f"{total:.3g}", "pl": level}]
    if PERFORMANCE_LEVELS.index(lowest) < PERFORMANCE_LEVELS.index(level):
        steps.append({"key": "step_lowest", "pl": lowest})
        level = lowest
    meets = None if plr is None else pl_at_least(level, plr)
    return FunctionResult(function.id, results, total, level, plr, meets, steps)
