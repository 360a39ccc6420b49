"""Tabular views of the LOPA: the CCPS worksheet, the SIF list, the uncertainty table, the SIF report.

The worksheet follows the CCPS column layout used by seed 001: consequence,
severity, initiating event, IE frequency, general design, BPCS, alarm,
additional mitigation, IPLs, intermediate frequency, SIS, mitigated frequency,
SIL - plus the tolerable frequency, the verdict, and the safeguards that were
not credited with the reason.
"""

from __future__ import annotations

from pathlib import Path

from pse.lopa.evaluate import COLUMNS, LopaResult

LABELS = str(Path(__file__).with_name("labels.yaml"))
FREQUENCY_KEYS = ("ie_frequency", "intermediate", "mitigated", "tolerable", "demand_rate", "p5", "p50", "p95")


def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def analyse(study):
    """Run the whole LOPA of a study: SIF PFDs, scenario evaluation, SIF verification.

    Returns ``(LopaResult, list[SifVerification])``.
    """
    from pse.lopa.evaluate import evaluate
    from pse.lopa.verification import verify_sifs

    first = [v for v in verify_sifs(study, equations=False) if v.complete]
    result = evaluate(study, {v.sif: v.pfd_avg for v in first}, {v.sif: v.pfh_per_h for v in first})
    return result, verify_sifs(study, result)


def worksheet(study, lang: str = "en", result: LopaResult | None = None):
    """The LOPA worksheet as a pandas DataFrame (one row per LOPA scenario)."""
    import pandas as pd

    if result is None:
        result, _ = analyse(study)
    rows = []
    for r in result.scenarios:
        credited = "; ".join(f"{layer.safeguard} (PFD {layer.pfd:g})" + (
            f" [{layer.reason}]" if layer.reason != "credited" else "") for layer in r.credited)
        others = "; ".join(f"{layer.safeguard}: {layer.reason}" for layer in r.not_credited)
        row = {
            _l("scenario", lang): r.scenario,
            _l("consequence", lang): r.consequence_text,
            _l("severity", lang): r.severity,
            _l("initiating_event", lang): r.cause_text,
            _l("ie_source", lang): r.initiating_event.source,
            _l("ie_frequency", lang): r.initiating_event.frequency_per_yr,
            _l("enabling", lang): r.enabling_probability,
            _l("modifiers", lang): r.modifier_probability,
        }
        for column in COLUMNS:
            row[_l(column, lang)] = r.column_pfd[column]
        row.update({
            _l("intermediate", lang): r.intermediate_frequency_per_yr,
            _l("sis", lang): r.sis_pfd,
            _l("mitigated", lang): r.mitigated_frequency_per_yr,
            _l("tolerable", lang): r.tolerable_frequency_per_yr,
            _l("meets", lang): _l("answer_yes" if r.meets_tolerable else "answer_no", lang),
            _l("rrf", lang): round(r.required_rrf, 3),
            _l("sil", lang): r.sil_label + (f" (summed with {', '.join(r.summed_with)})" if r.summed_with else ""),
            _l("credited", lang): credited,
            _l("non_ipl", lang): others,
        })
        rows.append(row)
    return pd.DataFrame(rows)


def sif_table(study, lang: str = "en", result=None, verifications=None):
    """The SIF list: demand, target and achieved SIL, PFDavg."""
    import pandas as pd

    if result is None or verifications is None:
        result, verifications = analyse(study)
    demands = {d.sif: d for d in result.sif_demands}
    rows = []
    for v in verifications:
        demand = demands.get(v.sif)
        rows.append({
            _l("sif", lang): v.sif,
            "Description": v.description,
            _l("scenarios", lang): ", ".join(demand.scenarios) if demand else "",
            _l("demand_rate", lang): demand.demand_rate_per_yr if demand else None,
            _l("demand_mode", lang): v.demand_mode,
            _l("target_sil", lang): v.target_sil,
            _l("pfd_avg", lang): v.pfd_avg,
            _l("achieved_sil", lang): v.achieved_sil,
            _l("verdict", lang): _verdict(v),
        })
    return pd.DataFrame(rows)


def _verdict(v) -> str:
    if not v.complete:
        return f"incomplete: no {', '.join(v.missing)} data"
    if v.target_sil is None:
        return "no target"
    return "meets target" if v.meets_target else "DOES NOT meet target"


def uncertainty_table(study, lang: str = "en", result: LopaResult | None = None):
    """Monte Carlo of every LOPA scenario: P5/P50/P95 and P(exceeds tolerable) (log-normal, seeded)."""
    import numpy as np
    import pandas as pd

    from pse.lopa.library import load_library
    from pse.lopa.uncertainty import monte_carlo_mitigated_frequency

    if result is None:
        result, _ = analyse(study)
    if not result.scenarios:
        return pd.DataFrame()
    settings = study.lopa
    ipl_library = load_library("ipl_pfds", overrides=settings.ipl_pfds or None)
    width = max(1, max(len(r.credited) + len(_modifiers(study, r)) for r in result.scenarios))
    n = len(result.scenarios)
    pfds = np.ones((n, width))
    efs = np.ones((n, width))
    ie = np.empty(n)
    ie_ef = np.empty(n)
    tolerable = np.empty(n)
    for i, r in enumerate(result.scenarios):
        ie[i] = r.initiating_event.frequency_per_yr
        ie_ef[i] = r.initiating_event.error_factor or settings.default_error_factor
        tolerable[i] = r.tolerable_frequency_per_yr
        column = 0
        for layer in r.credited:
            safeguard = study.get(layer.safeguard)
            entry = ipl_library.get(safeguard.ipl.type or "")
            pfds[i, column] = layer.pfd
            efs[i, column] = safeguard.ipl.error_factor or (entry.error_factor if entry and entry.error_factor
                                                            else settings.default_error_factor)
            column += 1
        for probability, ef in _modifiers(study, r):
            pfds[i, column] = probability
            efs[i, column] = ef or settings.default_error_factor
            column += 1
    mc = monte_carlo_mitigated_frequency(ie, ie_ef, pfds, efs, tolerable, n_samples=settings.monte_carlo_samples,
                                         seed=settings.monte_carlo_seed)
    return pd.DataFrame({
        _l("scenario", lang): [r.scenario for r in result.scenarios],
        _l("mitigated", lang): [r.mitigated_frequency_per_yr for r in result.scenarios],
        _l("p5", lang): mc.p5, _l("p50", lang): mc.p50, _l("p95", lang): mc.p95,
        _l("tolerable", lang): tolerable,
        _l("p_exceed", lang): np.round(mc.probability_exceeds_tolerable, 4),
    })


def _modifiers(study, r):
    scenario = study.get(r.scenario)
    return [(m.probability, m.error_factor) for m in scenario.enabling_conditions + scenario.conditional_modifiers]


def verification_report(verifications, lang: str = "en", fmt: str = "markdown") -> str:
    """SIF verification report: each subsystem's equation symbolically and with numbers.

    ``fmt="markdown"`` gives Markdown with LaTeX equations; ``fmt="html"`` gives an HTML
    fragment with the equations as MathML (rendered by browsers without any script).
    """
    if fmt == "html":
        return _verification_html(verifications, lang)
    from pse.lopa.verification import SUBSYSTEM_LABELS

    lines = [f"## {_l('sif_verification', lang)}", ""]
    if not verifications:
        return "\n".join(lines + ["_(no SIFs in this study)_", ""])
    for v in verifications:
        lines += [f"### {v.sif}: {v.description}", "",
                  f"- {_l('demand_mode', lang)}: {v.demand_mode}",
                  f"- {_l('target_sil', lang)}: {v.target_sil if v.target_sil is not None else '-'}"
                  + (f" ({v.target_source})" if v.target_source else "")]
        for s in v.subsystems:
            label = SUBSYSTEM_LABELS[s.name].get(lang, s.name)
            inputs = ", ".join(f"{k} = {val:g}" if isinstance(val, float) else f"{k} = {val}"
                               for k, val in s.inputs.items() if val is not None)
            lines += ["", f"**{label}** - {s.description} ({s.architecture}, HFT {s.hft}, "
                          f"allows up to SIL {s.sil_by_hft})", "",
                      f"Inputs: {inputs}", "",
                      f"$$PFD_{{avg}} = {s.equation_latex}$$", "",
                      f"`PFDavg = {s.equation_numbers} = {s.pfd_perfect_test:.3e}`"]
            coverage = s.inputs.get("proof_test_coverage", 1.0)
            if coverage < 1.0:
                lines += ["", f"Imperfect proof test (PTC = {coverage:g}, mission time LT = "
                              f"{s.inputs.get('mission_time_h'):g} h): the undetected part (1 - PTC) lambda_DU "
                              f"stays failed until LT (pse extension of B.3.2.2, see `pse.lopa.pfd`): "
                              f"`PFDavg = {s.pfd_avg:.3e}`"]
        if v.complete:
            parts = " + ".join(f"{s.pfd_avg:.3e}" for s in v.subsystems)
            lines += ["", f"**PFDavg(SIF)** = {parts} = **{v.pfd_avg:.3e}** (RRF {v.rrf:,.0f}) -> SIL "
                          f"{v.sil_by_pfd} by PFD; achieved SIL {v.achieved_sil} after HFT limits -> "
                          f"**{_verdict(v)}**"]
        else:
            lines += ["", f"**{_verdict(v)}**"]
        lines.append("")
    lines.append("Equations: IEC 61508-6:2010 Annex B.3.2.2 (simplified, low demand); HFT per IEC 61511-1:2016 "
                 "11.4.5 Table 6; SIL bands per IEC 61511-1:2016 Table 4.")
    return "\n".join(lines) + "\n"


def _verification_html(verifications, lang: str) -> str:
    import html

    from pse.lopa.verification import SUBSYSTEM_LABELS

    def e(value) -> str:
        return html.escape(str(value))
    parts = [f"<h3>{e(_l('sif_verification', lang))}</h3>"]
    for v in verifications:
        parts.append(f"<h4>{e(v.sif)}: {e(v.description)}</h4><p>{e(_l('demand_mode', lang))}: {e(v.demand_mode)}; "
                     f"{e(_l('target_sil', lang))}: {e(v.target_sil if v.target_sil is not None else '-')}"
                     f"{' (' + e(v.target_source) + ')' if v.target_source else ''}</p>")
        for s in v.subsystems:
            inputs = ", ".join(f"{k} = {val:g}" if isinstance(val, float) else f"{k} = {val}"
                               for k, val in s.inputs.items() if val is not None)
            parts.append(f"<p><b>{e(SUBSYSTEM_LABELS[s.name].get(lang, s.name))}</b> - {e(s.description)} "
                         f"({e(s.architecture)}, HFT {s.hft}, allows up to SIL {s.sil_by_hft})<br>"
                         f"<small>{e(inputs)}</small></p>"
                         f"<math display='block'><mrow><msub><mi>PFD</mi><mi>avg</mi></msub><mo>=</mo>"
                         f"{s.equation_mathml}</mrow></math>"
                         f"<p><code>PFDavg = {e(s.equation_numbers)} = {s.pfd_perfect_test:.3e}</code></p>")
            coverage = s.inputs.get("proof_test_coverage", 1.0)
            if coverage < 1.0:
                parts.append(f"<p>Imperfect proof test (PTC = {coverage:g}, LT = {s.inputs.get('mission_time_h'):g} h,"
                             f" pse extension of B.3.2.2): <code>PFDavg = {s.pfd_avg:.3e}</code></p>")
        if v.complete:
            sums = " + ".join(f"{s.pfd_avg:.3e}" for s in v.subsystems)
            parts.append(f"<p><b>PFDavg(SIF)</b> = {sums} = <b>{v.pfd_avg:.3e}</b> (RRF {v.rrf:,.0f}) - SIL "
                         f"{v.sil_by_pfd} by PFD; achieved SIL {v.achieved_sil} after HFT limits: "
                         f"<b>{e(_verdict(v))}</b></p>")
        else:
            parts.append(f"<p><b>{e(_verdict(v))}</b></p>")
    parts.append("<p><small>IEC 61508-6:2010 Annex B.3.2.2; HFT per IEC 61511-1:2016 11.4.5 Table 6; "
                 "SIL bands per IEC 61511-1:2016 Table 4.</small></p>")
    return "".join(parts)
