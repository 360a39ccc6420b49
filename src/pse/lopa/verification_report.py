"""The SIF verification report: each subsystem's equation symbolically and with its numbers.

Low demand shows PFDavg (IEC 61508-6:2010 B.3.2.2) against the IEC 61511-1:2016 Table 4 bands;
high demand / continuous shows PFH (IEC 61508-6:2010 B.3.3) against IEC 61508-1:2010 Table 3.
The demand mode comes from the LOPA demand rate (IEC 61508-4:2010 3.5.16: low demand = at
most one demand per year).  Validity warnings follow each SIF.
"""

from __future__ import annotations

import html as _html

FOOTER_LOW = ("Equations: IEC 61508-6:2010 Annex B.3.2.2 (simplified, low demand); HFT per IEC 61511-1:2016 "
              "11.4.5 Table 6; SIL bands per IEC 61511-1:2016 Table 4; demand mode per IEC 61508-4:2010 3.5.16.")
FOOTER_HIGH = ("High demand: PFH per IEC 61508-6:2010 Annex B.3.3 (simplified); SIL by the PFH bands of "
               "IEC 61508-1:2010 Table 3.")


def _l(key: str, lang: str) -> str:
    from pse.lopa.views import _l as label

    return label(key, lang)


def _inputs_text(s) -> str:
    return ", ".join(f"{k} = {val:g}" if isinstance(val, float) else f"{k} = {val}"
                     for k, val in s.inputs.items() if val is not None)


def _header_lines(v, lang: str) -> list[str]:
    from pse.lopa.views import sig

    mode = _l(f"mode_{v.demand_mode}", lang)
    lines = [f"- {_l('status', lang)}: {_l('status_' + v.status, lang)}"
             + (f" ({v.recommendation})" if v.status == "proposed" else ""),
             f"- {_l('demand_mode', lang)}: {mode}"
             + (f" ({_l('demand_before', lang)} {sig(v.demand_rate_per_yr)}; declared {v.declared_mode})"
                if v.demand_rate_per_yr is not None else ""),
             f"- {_l('target_sil', lang)}: {v.target_sil if v.target_sil is not None else '-'}"
             + (f" ({v.target_source})" if v.target_source else "")]
    if v.required_pfh_per_h is not None:
        lines.append(f"- {_l('required_pfh', lang)}: {v.required_pfh_per_h:.3g}")
    return lines


def _subsystem_lines(v, s, lang: str) -> list[str]:
    from pse.lopa.verification import SUBSYSTEM_LABELS

    label = SUBSYSTEM_LABELS[s.name].get(lang, s.name)
    lines = ["", f"**{label}** - {s.description} ({s.architecture}, HFT {s.hft}, allows up to SIL {s.sil_by_hft})",
             "", f"Inputs: {_inputs_text(s)}", ""]
    if v.high_demand:
        return lines + [f"$$PFH = {s.pfh_latex}$$", "", f"`PFH = {s.pfh_numbers} = {s.pfh_per_h:.3e} /h`"]
    lines += [f"$$PFD_{{avg}} = {s.equation_latex}$$", "",
              f"`PFDavg = {s.equation_numbers} = {s.pfd_perfect_test:.3e}`"]
    coverage = s.inputs.get("proof_test_coverage", 1.0)
    if coverage < 1.0:
        lines += ["", f"Imperfect proof test (PTC = {coverage:g}, mission time LT = "
                      f"{s.inputs.get('mission_time_h'):g} h): the undetected part (1 - PTC) lambda_DU "
                      f"stays failed until LT (pse extension of B.3.2.2, see `pse.lopa.pfd`): "
                      f"`PFDavg = {s.pfd_avg:.3e}`"]
    return lines


def _total_line(v, lang: str) -> str:
    from pse.lopa.views import verdict

    if not v.complete:
        return f"**{verdict(v, lang)}**"
    if v.high_demand:
        parts = " + ".join(f"{s.pfh_per_h:.3e}" for s in v.subsystems)
        return (f"**PFH(SIF)** = {parts} = **{v.pfh_per_h:.3e} /h** -> SIL {v.sil_by_pfh} by PFH; achieved SIL "
                f"{v.achieved_sil} after HFT limits -> **{verdict(v, lang)}**")
    parts = " + ".join(f"{s.pfd_avg:.3e}" for s in v.subsystems)
    return (f"**PFDavg(SIF)** = {parts} = **{v.pfd_avg:.3e}** (RRF {v.rrf:,.0f}) -> SIL "
            f"{v.sil_by_pfd} by PFD; achieved SIL {v.achieved_sil} after HFT limits -> **{verdict(v, lang)}**")


def verification_report(verifications, lang: str = "en", fmt: str = "markdown") -> str:
    """SIF verification report: each subsystem's equation symbolically and with numbers.

    ``fmt="markdown"`` gives Markdown with LaTeX equations; ``fmt="html"`` gives an HTML
    fragment with the equations as MathML (rendered by browsers without any script).
    """
    if fmt == "html":
        return _verification_html(verifications, lang)
    lines = [f"## {_l('sif_verification', lang)}", ""]
    if not verifications:
        return "\n".join(lines + ["_(no SIFs in this study)_", ""])
    for v in verifications:
        lines += [f"### {v.sif}: {v.description}", ""] + _header_lines(v, lang)
        for s in v.subsystems:
            lines += _subsystem_lines(v, s, lang)
        lines += ["", _total_line(v, lang)]
        if v.warnings:
            lines += ["", f"**{_l('validity', lang)}:**", ""] + [f"- {w}" for w in v.warnings]
        lines.append("")
    lines.append(FOOTER_LOW + (" " + FOOTER_HIGH if any(v.high_demand for v in verifications) else ""))
    return "\n".join(lines) + "\n"


def _verification_html(verifications, lang: str) -> str:
    import markdown

    from pse.lopa.verification import SUBSYSTEM_LABELS

    def e(value) -> str:
        return _html.escape(str(value))
    parts = [f"<h3>{e(_l('sif_verification', lang))}</h3>"]
    for v in verifications:
        parts.append(f"<h4>{e(v.sif)}: {e(v.description)}</h4>"
                     + markdown.markdown("\n".join(_header_lines(v, lang))))
        for s in v.subsystems:
            name = "PFH" if v.high_demand else "<msub><mi>PFD</mi><mi>avg</mi></msub>"
            name = "<mi>PFH</mi>" if v.high_demand else name
            body = s.pfh_mathml if v.high_demand else s.equation_mathml
            numbers = (f"PFH = {s.pfh_numbers} = {s.pfh_per_h:.3e} /h" if v.high_demand
                       else f"PFDavg = {s.equation_numbers} = {s.pfd_perfect_test:.3e}")
            parts.append(f"<p><b>{e(SUBSYSTEM_LABELS[s.name].get(lang, s.name))}</b> - {e(s.description)} "
                         f"({e(s.architecture)}, HFT {s.hft}, allows up to SIL {s.sil_by_hft})<br>"
                         f"<small>{e(_inputs_text(s))}</small></p>"
                         f"<math display='block'><mrow>{name}<mo>=</mo>{body}</mrow></math>"
                         f"<p><code>{e(numbers)}</code></p>")
            coverage = s.inputs.get("proof_test_coverage", 1.0)
            if coverage < 1.0 and not v.high_demand:
                parts.append(f"<p>Imperfect proof test (PTC = {coverage:g}, LT = {s.inputs.get('mission_time_h'):g} h,"
                             f" pse extension of B.3.2.2): <code>PFDavg = {s.pfd_avg:.3e}</code></p>")
        parts.append(markdown.markdown(_total_line(v, lang)))
        if v.warnings:
            parts.append(f"<p><b>{e(_l('validity', lang))}</b></p><ul>"
                         + "".join(f"<li>{e(w)}</li>" for w in v.warnings) + "</ul>")
    footer = FOOTER_LOW + (" " + FOOTER_HIGH if any(v.high_demand for v in verifications) else "")
    parts.append(f"<p><small>{e(footer)}</small></p>")
    return "".join(parts)
