"""The SIF verification report: each subsystem's equation symbolically and with its numbers.

Low demand shows PFDavg (IEC 61508-6:2010 B.3.2.2) against the IEC 61511-1:2016 Table 4 bands;
high demand / continuous shows PFH (IEC 61508-6:2010 B.3.3) against IEC 61508-1:2010 Table 3.
The demand mode comes from the LOPA demand rate (IEC 61508-4:2010 3.5.16: low demand = at
most one demand per year).  Validity warnings follow each SIF.
"""

from __future__ import annotations

import html as _html


def _l(key: str, lang: str) -> str:
    from pse.lopa.views import _l as label

    return label(key, lang)


def _footer(verifications, lang: str) -> str:
    high = any(v.high_demand for v in verifications)
    return _l("footer_low", lang) + (" " + _l("footer_high", lang) if high else "")


def _warnings(v, lang: str) -> list[str]:
    from pse.lopa.views import warning_text

    return [warning_text(w, lang) for w in v.warnings]


def _allows(s, lang: str) -> str:
    return f"{s.architecture}, HFT {s.hft}, {_l('allows_up_to', lang).format(sil=s.sil_by_hft)}"


def _imperfect(s, lang: str) -> str:
    return _l("imperfect_test", lang).format(ptc=f"{s.inputs.get('proof_test_coverage', 1.0):g}",
                                             lt=f"{s.inputs.get('mission_time_h'):g}")


def _inputs_text(s) -> str:
    return ", ".join(f"{k} = {val:g}" if isinstance(val, float) else f"{k} = {val}"
                     for k, val in s.inputs.items() if val is not None)


def _header_lines(v, lang: str) -> list[str]:
    from pse.lopa.views import reason_text, sig

    mode = _l(f"mode_{v.demand_mode}", lang)
    lines = [f"- {_l('status', lang)}: {_l('status_' + v.status, lang)}"
             + (f" ({v.recommendation})" if v.status == "proposed" else ""),
             f"- {_l('demand_mode', lang)}: {mode}"
             + (f" ({_l('demand_before', lang)} {sig(v.demand_rate_per_yr)}; {_l('declared_mode', lang)} "
                f"{_l('mode_' + v.declared_mode, lang)})"
                if v.demand_rate_per_yr is not None else ""),
             f"- {_l('target_sil', lang)}: {v.target_sil if v.target_sil is not None else '-'}"
             + (f" ({reason_text(v.target_source, lang)})" if v.target_source else "")]
    if v.required_pfh_per_h is not None:
        lines.append(f"- {_l('required_pfh', lang)}: {v.required_pfh_per_h:.3g}")
    return lines


def _subsystem_lines(v, s, lang: str) -> list[str]:
    from pse.lopa.verification import SUBSYSTEM_LABELS

    label = SUBSYSTEM_LABELS[s.name].get(lang, s.name)
    lines = ["", f"**{label}** - {s.description} ({_allows(s, lang)})",
             "", f"{_l('inputs', lang)}: {_inputs_text(s)}", ""]
    if v.high_demand:
        return lines + [f"$$PFH = {s.pfh_latex}$$", "", f"`PFH = {s.pfh_numbers} = {s.pfh_per_h:.3e} /h`"]
    lines += [f"$$PFD_{{avg}} = {s.equation_latex}$$", "",
              f"`PFDavg = {s.equation_numbers} = {s.pfd_perfect_test:.3e}`"]
    coverage = s.inputs.get("proof_test_coverage", 1.0)
    if coverage < 1.0:
        lines += ["", f"{_imperfect(s, lang)}: `PFDavg = {s.pfd_avg:.3e}`"]
    return lines


def _total_line(v, lang: str) -> str:
    from pse.lopa.views import verdict

    if not v.complete:
        return f"**{verdict(v, lang)}**"
    if v.high_demand:
        parts = " + ".join(f"{s.pfh_per_h:.3e}" for s in v.subsystems)
        text = _l("total_pfh", lang).format(sil=v.sil_by_pfh, achieved=v.achieved_sil)
        return f"**PFH(SIF)** = {parts} = **{v.pfh_per_h:.3e} /h** -> {text} -> **{verdict(v, lang)}**"
    parts = " + ".join(f"{s.pfd_avg:.3e}" for s in v.subsystems)
    text = _l("total_pfd", lang).format(sil=v.sil_by_pfd, achieved=v.achieved_sil)
    return f"**PFDavg(SIF)** = {parts} = **{v.pfd_avg:.3e}** (RRF {v.rrf:,.0f}) -> {text} -> **{verdict(v, lang)}**"


def verification_report(verifications, lang: str = "en", fmt: str = "markdown") -> str:
    """SIF verification report: each subsystem's equation symbolically and with numbers.

    ``fmt="markdown"`` gives Markdown with LaTeX equations; ``fmt="html"`` gives an HTML
    fragment with the equations as MathML (rendered by browsers without any script).
    """
    if fmt == "html":
        return _verification_html(verifications, lang)
    lines = [f"## {_l('sif_verification', lang)}", ""]
    if not verifications:
        return "\n".join(lines + [f"_{_l('no_sifs', lang)}_", ""])
    for v in verifications:
        lines += [f"### {v.sif}: {v.description}", ""] + _header_lines(v, lang)
        for s in v.subsystems:
            lines += _subsystem_lines(v, s, lang)
        lines += ["", _total_line(v, lang)]
        if v.warnings:
            lines += ["", f"**{_l('validity', lang)}:**", ""] + [f"- {w}" for w in _warnings(v, lang)]
        lines.append("")
    lines.append(_footer(verifications, lang))
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
                         f"({e(_allows(s, lang))})<br>"
                         f"<small>{e(_inputs_text(s))}</small></p>"
                         f"<math display='block'><mrow>{name}<mo>=</mo>{body}</mrow></math>"
                         f"<p><code>{e(numbers)}</code></p>")
            coverage = s.inputs.get("proof_test_coverage", 1.0)
            if coverage < 1.0 and not v.high_demand:
                parts.append(f"<p>{e(_imperfect(s, lang))}: <code>PFDavg = {s.pfd_avg:.3e}</code></p>")
        parts.append(markdown.markdown(_total_line(v, lang)))
        if v.warnings:
            parts.append(f"<p><b>{e(_l('validity', lang))}</b></p><ul>"
                         + "".join(f"<li>{e(w)}</li>" for w in _warnings(v, lang)) + "</ul>")
    parts.append(f"<p><small>{e(_footer(verifications, lang))}</small></p>")
    return "".join(parts)
