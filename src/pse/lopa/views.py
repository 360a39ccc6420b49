"""Tabular views of the LOPA: the CCPS worksheet, the SIF list, the uncertainty table, the SIF report.

The worksheet follows the CCPS column layout used by seed 001: consequence,
severity, initiating event, IE frequency, general design, BPCS, alarm,
additional mitigation, IPLs, intermediate frequency, SIS, mitigated frequency,
SIL - plus the tolerable frequency, the verdict, and the safeguards that were
not credited with the reason.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pse.lopa.evaluate import COLUMNS, LopaResult

LABELS = str(Path(__file__).with_name("labels.yaml"))
FREQUENCY_KEYS = ("ie_frequency", "intermediate", "mitigated", "mitigated_now", "mitigated_planned", "demand_before",
                  "tolerable", "demand_rate", "p5", "p50", "p95", "pfh", "required_pfh")


@lru_cache(maxsize=4096)     # the catalogue is read once per process; a row asks ~50 times
def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


_LAST: list = []      # [(study, fingerprint, (result, verifications))] of the last study analysed in this process


def analyse(study, reuse: bool = True):
    """Run the whole LOPA of a study: SIF PFDs, scenario evaluation, SIF verification.

    Returns ``(LopaResult, list[SifVerification])`` (not to be changed by the caller: ``pse run`` asks for the
    LOPA of one study twice, the LOPA section and the report's traceability table; with ``reuse`` the last
    result is returned when it is of the same study object with the same content (:func:`pse.model.unchanged.
    content_key`: its identity during ``pse run``, else a hash of its JSON), so a study edited in place is
    analysed again).
    """
    from pse.model.unchanged import content_key

    fingerprint = content_key(study) if reuse else None     # None: not a pydantic study, keep nothing
    if fingerprint is not None and _LAST and _LAST[0][0] is study and _LAST[0][1] == fingerprint:
        return _LAST[0][2]
    analysed = _analyse(study)
    if fingerprint is not None:
        _LAST[:] = [(study, fingerprint, analysed)]
    return analysed


def _analyse(study):
    from pse.lopa.evaluate import evaluate
    from pse.lopa.verification import verify_sifs

    first = [v for v in verify_sifs(study, equations=False) if v.complete]
    result = evaluate(study, {v.sif: v.pfd_avg for v in first}, {v.sif: v.pfh_per_h for v in first})
    return result, verify_sifs(study, result)


def sig(value, digits: int = 3):
    """``value`` rounded to ``digits`` significant figures (tables only; study.json keeps full precision).

    >>> sig(0.0005000000000000001), sig(1234.5), sig(None)
    (0.0005, 1230.0, None)
    """
    if value is None or not isinstance(value, (int, float)) or value == 0:
        return value
    return float(f"{value:.{digits - 1}e}")


def modifier_lines(modifiers) -> str:
    """One line per enabling condition / conditional modifier: description: value (source)."""
    return "\n".join(f"{m.description}: {m.probability:.3g}" + (f" ({m.source})" if m.source else "")
                     for m in modifiers)


def gap_action(r, lang: str = "en") -> str:
    """What closes the gap of a scenario (planned state): a non-SIS layer or a SIF of the RRF needed."""
    rrf = r.gap_rrf
    if rrf <= 1 + 1e-12:
        return _l("gap_none", lang)
    if r.redesign and not r.sifs:
        return _l("gap_redesign", lang).format(rrf=f"{rrf:.3g}")
    if rrf <= 10 + 1e-9:
        return _l("gap_non_sis", lang).format(rrf=f"{rrf:.3g}", pfd=f"{1 / rrf:.2g}")
    from pse.lopa.sil import sil_target

    label = sil_target(rrf, 1.0).label
    return _l("gap_sif", lang).format(rrf=f"{rrf:.3g}", sil=label)


def _match(text: str) -> str | None:
    for pattern, rendering in _reason_table():
        match = pattern.match(text)
        if match:
            return rendering.format(*match.groups())
    return None


def warning_text(warning: str, lang: str = "en") -> str:
    """A validity warning in ``lang``: ``subsystem: text`` with the subsystem named in ``lang``.

    >>> warning_text("sensors: PFDavg = 0.2 >= 0.1: the first-order equations overstate it and no SIL can be "
    ...              "claimed", "zh-TW")
    '感測元件：PFDavg = 0.2 >= 0.1：一階公式高估其值，且無法宣稱任何 SIL'
    """
    from pse.lopa.verification import SUBSYSTEM_LABELS

    if lang == "en":
        return warning
    name, sep, rest = warning.partition(": ")
    if sep and name in SUBSYSTEM_LABELS:
        return f"{SUBSYSTEM_LABELS[name].get(lang, name)}：{reason_text(rest, lang)}"
    return reason_text(warning, lang)


@lru_cache(maxsize=1)
def _reason_table():
    import re

    from pse.i18n import _labels

    return [(re.compile(pattern), text) for pattern, text in _labels(LABELS).get("reasons") or []]


def reason_text(reason: str, lang: str = "en") -> str:
    """A credit decision in ``lang``: each '; '-separated part rendered by the ``reasons`` table of labels.yaml.

    >>> reason_text("shares XV-401 with credited layer SG-SIF-01 (not independent)", "zh-TW")
    '與已採計之保護層 SG-SIF-01 共用 XV-401（不獨立）'
    """
    if lang == "en":
        return reason
    whole = _match(reason)
    if whole is not None:
        return whole
    parts = reason.split("; ")
    rendered = [_match(part) for part in parts]
    if all(r is None for r in rendered):
        return reason                    # not a pse decision (e.g. a source written in the study): as given
    return "；".join(part if r is None else r for part, r in zip(parts, rendered, strict=True))


def _layer_text(layer, lang: str) -> str:
    text = f"{layer.safeguard} (PFD {layer.pfd:.2g})" if layer.pfd is not None else layer.safeguard
    if layer.status == "proposed":
        text += f" [{_l('status_proposed', lang)}: {layer.recommendation}]"
    if layer.reason != "credited":
        text += f" [{reason_text(layer.reason, lang)}]"
    return text


def _sigs(values) -> list:
    return [sig(v) for v in values]


def _joined(rows, part) -> list[str]:
    """Per scenario: ``part(result)`` (an iterable of texts) joined by ``'; '``."""
    return ["; ".join(part(r)) for r in rows]


def worksheet_columns(rows, lang: str = "en") -> dict:
    """The worksheet's columns (CCPS columns, now and planned, the audit trail), each built over every scenario."""
    yes, no = _l("answer_yes", lang), _l("answer_no", lang)
    now = [r.now or r for r in rows]
    matrix_of, summed_with = _l("risk_matrix_of", lang), _l("summed_with", lang)
    columns = {
        _l("scenario", lang): [r.scenario for r in rows],
        _l("consequence", lang): [r.consequence_text for r in rows],
        _l("severity", lang): [f"{r.severity} ({matrix_of} {r.risk_matrix})" for r in rows],
        _l("initiating_event", lang): [r.cause_text for r in rows],
        _l("ie_source", lang): [reason_text(r.initiating_event.source, lang) for r in rows],
        _l("ie_frequency", lang): _sigs(r.initiating_event.frequency_per_yr for r in rows),
        _l("enabling", lang): [modifier_lines(r.enabling) for r in rows],
        _l("enabling_product", lang): _sigs(r.enabling_probability for r in rows),
        _l("modifiers", lang): [modifier_lines(r.modifiers) for r in rows],
        _l("modifiers_product", lang): _sigs(r.modifier_probability for r in rows),
    }
    for column in COLUMNS:
        columns[_l(column, lang)] = _sigs(r.column_pfd[column] for r in rows)
    columns.update({
        _l("intermediate", lang): _sigs(r.intermediate_frequency_per_yr for r in rows),
        _l("sis", lang): _sigs(r.sis_pfd for r in rows),
        _l("demand_before", lang): [sig(r.demand_per_yr) if r.sifs else None for r in rows],
        _l("mitigated_now", lang): _sigs(n.mitigated_frequency_per_yr for n in now),
        _l("meets_now", lang): [yes if n.meets_tolerable else no for n in now],
        _l("mitigated_planned", lang): _sigs(r.mitigated_frequency_per_yr for r in rows),
        _l("meets_planned", lang): [yes if r.meets_tolerable else no for r in rows],
        _l("tolerable", lang): _sigs(r.tolerable_frequency_per_yr for r in rows),
        _l("tolerable_source", lang): [reason_text(r.tolerable_source, lang) for r in rows],
        _l("rrf", lang): _sigs(r.required_rrf for r in rows),
        _l("sil", lang): [reason_text(r.sil_label, lang)
                          + (f" ({summed_with.format(ids=', '.join(r.summed_with))})" if r.summed_with else "")
                          for r in rows],
        _l("gap_action", lang): [gap_action(r, lang) for r in rows],
        _l("credited", lang): _joined(rows, lambda r: (_layer_text(layer, lang) for layer in r.credited)),
        _l("proposed_layers", lang): _joined(rows, lambda r: (f"{layer.safeguard} ({layer.recommendation})"
                                                             for layer in r.layers if layer.status == "proposed")),
        _l("non_ipl", lang): _joined(rows, lambda r: (f"{layer.safeguard}: {reason_text(layer.reason, lang)}"
                                                     for layer in r.not_credited)),
        _l("justification", lang): _joined(rows, lambda r: (
            f"{layer.safeguard}: {layer.justification}" for layer in r.credited
            if layer.kind in ("administrative", "ppe") and layer.justification)),
        _l("notes", lang): [r.notes or "" for r in rows],
    })
    return columns


def worksheet_row(study, r, lang: str = "en") -> dict:
    """One worksheet row: the CCPS columns, now and planned, and the audit trail."""
    return {name: values[0] for name, values in worksheet_columns([r], lang).items()}


def worksheet(study, lang: str = "en", result: LopaResult | None = None):
    """The LOPA worksheet as a pandas DataFrame (one row per LOPA scenario, now and planned), built column-wise."""
    import pandas as pd

    if result is None:
        result, _ = analyse(study)
    return pd.DataFrame(worksheet_columns(result.scenarios, lang)) if result.scenarios else pd.DataFrame()


def compact_columns(rows, lang: str = "en") -> dict:
    """The key columns for the report: what, how often, what protects, how far from tolerable (every scenario)."""
    none = _l("gap_none", lang)
    gaps = [(reason_text(r.sil_label, lang), gap_action(r, lang)) for r in rows]
    return {
        _l("scenario", lang): [r.scenario for r in rows],
        _l("consequence_severity", lang): [f"{r.consequence_text} ({r.severity}, {r.risk_matrix})" for r in rows],
        _l("ie_frequency", lang): _sigs(r.initiating_event.frequency_per_yr for r in rows),
        _l("credited", lang): _joined(rows, lambda r: (_layer_text(layer, lang) for layer in r.credited)),
        _l("mitigated_now", lang): _sigs((r.now or r).mitigated_frequency_per_yr for r in rows),
        _l("mitigated_planned", lang): _sigs(r.mitigated_frequency_per_yr for r in rows),
        _l("tolerable", lang): _sigs(r.tolerable_frequency_per_yr for r in rows),
        _l("gap_sil", lang): [gap if action == none else f"{gap}: {action}" for gap, action in gaps],
        _l("recommendation", lang): [", ".join(sorted({layer.recommendation for layer in r.layers
                                                       if layer.status == "proposed" and layer.recommendation}))
                                     for r in rows],
    }


def compact_row(r, lang: str = "en") -> dict:
    """The key columns of one scenario for the report: what, how often, what protects, how far from tolerable."""
    return {name: values[0] for name, values in compact_columns([r], lang).items()}


def compact_worksheet(study, lang: str = "en", result: LopaResult | None = None):
    """The report's LOPA table: nine key columns per scenario (the full audit table stays in lopa.xlsx / CSV)."""
    import pandas as pd

    if result is None:
        result, _ = analyse(study)
    return pd.DataFrame(compact_columns(result.scenarios, lang)) if result.scenarios else pd.DataFrame()


def sif_table(study, lang: str = "en", result=None, verifications=None):
    """The SIF list: status, demand and mode, target and achieved SIL, PFDavg or PFH."""
    import pandas as pd

    if result is None or verifications is None:
        result, verifications = analyse(study)
    demands = {d.sif: d for d in result.sif_demands}
    rows = []
    for v in verifications:
        demand = demands.get(v.sif)
        status = _l(f"status_{v.status}", lang) + (f" ({v.recommendation})" if v.status == "proposed" else "")
        rows.append({
            _l("sif", lang): v.sif,
            _l("description", lang): v.description,
            _l("status", lang): status,
            _l("scenarios", lang): ", ".join(demand.scenarios) if demand else "",
            _l("demand_rate", lang): sig(demand.demand_rate_per_yr) if demand else None,
            _l("demand_mode", lang): _l(f"mode_{v.demand_mode}", lang),
            _l("target_sil", lang): v.target_sil,
            _l("pfd_avg", lang): sig(v.pfd_avg),
            _l("pfh", lang): sig(v.pfh_per_h),
            _l("required_pfh", lang): sig(v.required_pfh_per_h),
            _l("achieved_sil", lang): v.achieved_sil,
            _l("verdict", lang): verdict(v, lang),
            _l("validity", lang): ("; " if lang == "en" else "；").join(warning_text(w, lang) for w in v.warnings),
        })
    return pd.DataFrame(rows)


def verdict(v, lang: str = "en") -> str:
    """The verdict of one SIF verification, in ``lang``."""
    if not v.complete:
        return f"{_l('verdict_incomplete', lang)} {', '.join(v.missing)}"
    if v.target_sil is None:
        return _l("verdict_no_target", lang)
    return _l("verdict_meets" if v.meets_target else "verdict_fails", lang)


_verdict = verdict


def uncertainty_table(study, lang: str = "en", result: LopaResult | None = None):
    """Monte Carlo of every LOPA scenario: P5/P50/P95 and P(exceeds tolerable) (log-normal, seeded)."""
    import numpy as np
    import pandas as pd

    from pse.lopa.uncertainty import monte_carlo_mitigated_frequency

    if result is None:
        result, _ = analyse(study)
    if not result.scenarios:
        return pd.DataFrame()
    settings = study.lopa
    ie, ie_ef, pfds, efs, tolerable = uncertainty_inputs(study, result.scenarios)
    mc = monte_carlo_mitigated_frequency(ie, ie_ef, pfds, efs, tolerable, n_samples=settings.monte_carlo_samples,
                                         seed=settings.monte_carlo_seed)
    return pd.DataFrame({
        _l("scenario", lang): [r.scenario for r in result.scenarios],
        _l("mitigated", lang): [r.mitigated_frequency_per_yr for r in result.scenarios],
        _l("p5", lang): mc.p5, _l("p50", lang): mc.p50, _l("p95", lang): mc.p95,
        _l("tolerable", lang): tolerable,
        _l("p_exceed", lang): np.round(mc.probability_exceeds_tolerable, 4),
    })


def uncertainty_inputs(study, rows):
    """The Monte Carlo inputs of the scenario results ``rows``: f_IE and its EF, the tolerable frequency, and
    (N, K) PFDs and EFs: the credited layers, then the enabling conditions and conditional modifiers, in
    listed order (1 = no layer).  A layer's EF is its IPL's, else its library entry's, else the study's
    default (read once per safeguard); the (N, K) arrays are filled from flat lists in one scatter."""
    import numpy as np

    from pse.lopa.library import load_library

    settings = study.lopa
    default = settings.default_error_factor
    ipl_library = load_library("ipl_pfds", overrides=settings.ipl_pfds or None)
    ef_of: dict = {}

    def layer_ef(safeguard_id: str):
        if safeguard_id not in ef_of:
            ipl = study.get(safeguard_id).ipl
            entry = ipl_library.get(ipl.type or "")
            ef_of[safeguard_id] = ipl.error_factor or (entry.error_factor if entry and entry.error_factor
                                                       else default)
        return ef_of[safeguard_id]

    per_row = [(r.credited, r.enabling + r.modifiers) for r in rows]
    counts = np.array([len(layers) + len(modifiers) for layers, modifiers in per_row], dtype=np.int64)
    n, width = len(rows), max(1, int(counts.max()))
    row = np.repeat(np.arange(n), counts)
    column = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    pfds, efs = np.ones((n, width)), np.ones((n, width))
    pfds[row, column] = [value for layers, modifiers in per_row
                         for value in [layer.pfd for layer in layers] + [m.probability for m in modifiers]]
    efs[row, column] = [value for layers, modifiers in per_row
                        for value in [layer_ef(layer.safeguard) for layer in layers]
                        + [m.error_factor or default for m in modifiers]]
    ie = np.array([r.initiating_event.frequency_per_yr for r in rows], dtype=float)
    ie_ef = np.array([r.initiating_event.error_factor or default for r in rows], dtype=float)
    tolerable = np.array([r.tolerable_frequency_per_yr for r in rows], dtype=float)
    return ie, ie_ef, pfds, efs, tolerable


def verification_report(verifications, lang: str = "en", fmt: str = "markdown") -> str:
    """SIF verification report (see :mod:`pse.lopa.verification_report`)."""
    from pse.lopa.verification_report import verification_report as report

    return report(verifications, lang, fmt)
