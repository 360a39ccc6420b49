"""Steps of the chain: the release rate (declared, orifice gas or liquid, pool evaporation) and the release
characteristic, each with its line of reasoning (IEC 60079-10-1 Annex B and C)."""

from __future__ import annotations

from pse.zoning.classify import ClassificationError, Step, _need


def release_rate(step: Step) -> None:
    """Step 2: the release rate W_g (kg/s): declared, pool/open-vessel evaporation, orifice gas or liquid."""
    source = step.source
    if source.release_rate_kg_s is not None:
        step.result.release_rate_kg_s = source.release_rate_kg_s
        step.result.rate_basis = f"declared ({source.release_rate_source or 'study'})"
        step.why("rate_declared", w=f"{source.release_rate_kg_s:.3g}", src=source.release_rate_source or "-")
    elif source.pool_area_m2 is not None:
        pool_rate(step)
    elif source.hole_area_mm2 is not None and source.pressure_pa is not None:
        if source.phase in ("gas", "vapour"):
            gas_rate(step)
        else:
            liquid_rate(step)


def _temperature_k(step: Step, value: float | None) -> float:
    return (value if value is not None else step.study.zoning.ambient_temperature_c) + 273.15


def gas_rate(step: Step) -> None:
    """Orifice gas release, eq. B.3 (choked) or B.4, with the source's compressibility factor Z."""
    from pse.zoning.release import NoRelease, critical_pressure_pa, gas_release_rate_kg_s, is_choked

    source, sub, p_amb = step.source, step.sub, step.study.zoning.ambient_pressure_pa
    gamma = _need(sub.gamma, step.substance_path(), f"substance '{sub.id}' has no gamma (cp/cv): give it on the "
                                                    "substance to compute the gas release rate")
    molar_mass = _need(sub.molar_mass_kg_per_kmol, step.substance_path(),
                       f"substance '{sub.id}' has no molar_mass_kg_per_kmol")
    t_k = _temperature_k(step, source.temperature_c)
    hole_mm2 = _need(source.hole_area_mm2, step.path + ("hole_area_mm2",), "give hole_area_mm2")
    pressure = _need(source.pressure_pa, step.path + ("pressure_pa",), "give pressure_pa")
    try:
        w = gas_release_rate_kg_s(hole_mm2 * 1e-6, pressure, t_k, molar_mass, gamma,
                                  source.discharge_coefficient, source.compressibility_z, p_amb)
    except NoRelease as exc:
        raise ClassificationError(step.path + ("pressure_pa",), f"source '{source.id}': {exc}") from None
    choked = is_choked(pressure, gamma, p_amb)
    step.result.choked, step.result.release_rate_kg_s = choked, w
    step.result.rate_basis = f"IEC 60079-10-1 Annex B eq. {'B.3 (choked)' if choked else 'B.4 (subsonic)'}"
    step.why("rate_gas_choked" if choked else "rate_gas_subsonic", p=f"{pressure:.4g}",
             pc=f"{critical_pressure_pa(gamma, p_amb):.4g}", s=f"{hole_mm2:g}",
             cd=f"{source.discharge_coefficient:g}", t=f"{t_k:.2f}", gamma=f"{gamma:g}",
             z=f"{source.compressibility_z:g}", w=f"{w:.3g}")


def liquid_rate(step: Step) -> None:
    """Orifice liquid release, eq. B.1; a flashing liquid is taken wholly as vapour."""
    from pse.zoning.release import liquid_release_rate_kg_s

    source, sub, p_amb = step.source, step.sub, step.study.zoning.ambient_pressure_pa
    rho_l = _need(sub.liquid_density_kg_m3, step.path + ("substance",),
                  f"substance '{sub.id}' has no liquid_density_kg_m3 for the liquid release rate")
    hole_mm2 = _need(source.hole_area_mm2, step.path + ("hole_area_mm2",), "give hole_area_mm2")
    pressure = _need(source.pressure_pa, step.path + ("pressure_pa",), "give pressure_pa")
    if pressure <= p_amb:
        raise ClassificationError(step.path + ("pressure_pa",),
                                  f"source '{source.id}': pressure {pressure:g} Pa is not above ambient "
                                  f"{p_amb:g} Pa: no liquid is released through the hole")
    t_k = _temperature_k(step, source.temperature_c)
    w = liquid_release_rate_kg_s(hole_mm2 * 1e-6, rho_l, pressure - p_amb, source.discharge_coefficient)
    step.why("rate_liquid", s=f"{hole_mm2:g}", cd=f"{source.discharge_coefficient:g}", rho=f"{rho_l:g}",
             dp=f"{pressure - p_amb:.4g}", w=f"{w:.3g}")
    boiling = sub.boiling_point_c
    if boiling is not None and t_k - 273.15 >= boiling:
        step.result.release_rate_kg_s = w
        step.result.rate_basis = "Annex B eq. B.1, flashing liquid taken wholly as vapour"
        step.why("flashing", t=f"{t_k - 273.15:g}", tb=f"{boiling:g}")
    else:
        step.why("not_flashing")


def pool_rate(step: Step) -> None:
    """Evaporation from a pool or open vessel, IEC 60079-10-1:2020 B.5 (vapour pressure declared or Antoine)."""
    from pse.zoning.release import NoRelease, antoine_vapour_pressure_pa, pool_evaporation_rate_kg_s

    source, sub = step.source, step.sub
    t_c = source.liquid_temperature_c if source.liquid_temperature_c is not None else source.temperature_c
    t_k = _temperature_k(step, t_c)
    molar_mass = _need(sub.molar_mass_kg_per_kmol, step.substance_path(),
                       f"substance '{sub.id}' has no molar_mass_kg_per_kmol for the pool evaporation")
    p_src: str | tuple[str, dict]
    if source.vapour_pressure_pa is not None:
        p_v, p_src = source.vapour_pressure_pa, ("declared_value", {})
    else:
        try:
            p_v, p_src = antoine_vapour_pressure_pa(_need(sub.cas, step.substance_path(), f"substance '{sub.id}' "
                                                          "has no CAS number for its vapour pressure: declare "
                                                          "vapour_pressure_pa on the source"), t_k)
        except KeyError:
            raise ClassificationError(step.path + ("vapour_pressure_pa",),
                                      f"source '{source.id}': no Antoine data for {sub.cas} in chemicals: declare "
                                      "vapour_pressure_pa") from None
        except ValueError as exc:
            raise ClassificationError(step.path + ("vapour_pressure_pa",), f"source '{source.id}': {exc}") from None
    u, u_src = pool_air_speed(step)
    try:
        w = pool_evaporation_rate_kg_s(u, _need(source.pool_area_m2, step.path, "give pool_area_m2"), p_v,
                                       molar_mass, t_k)
    except NoRelease as exc:
        raise ClassificationError(step.path + ("vapour_pressure_pa",), f"source '{source.id}': {exc}") from None
    step.result.release_rate_kg_s = w
    step.result.rate_basis = "IEC 60079-10-1:2020 B.5 pool evaporation"
    step.why("rate_pool", u=f"{u:.3g}", usrc=u_src, a=f"{source.pool_area_m2:g}", pv=f"{p_v / 1000:.3g}",
             pvsrc=p_src, t=f"{t_k:.2f}", m=f"{molar_mass:g}", w=f"{w:.3g}")


def pool_air_speed(step: Step) -> tuple[float, tuple[str, dict]]:
    """Air speed over the pool: the source's, the room's declared velocity, or 0.5 m/s indoors (the lower end of
    IEC 60079-10-1 Table C.1 speeds) / 2 m/s outdoors."""
    if step.source.wind_speed_m_s is not None:
        return step.source.wind_speed_m_s, ("declared_value", {})
    vent = step.vent
    if vent is not None and vent.velocity_m_s:
        return vent.velocity_m_s, ("pool_room_velocity", {})
    if step.result.indoor:
        return 0.5, ("pool_indoor_default", {})
    return 2.0, ("pool_outdoor_default", {})


def release_characteristic(step: Step) -> None:
    """Step 3: X = W_g / (rho_g k LFL), C.3.2."""
    from pse.zoning.release import release_characteristic_m3_s

    result, sub, k = step.result, step.sub, step.study.zoning.safety_factor_k
    if result.release_rate_kg_s is None or not sub.molar_mass_kg_per_kmol or not sub.lel_vol_pct:
        return
    density = _need(result.gas_density_kg_m3, step.path, "no gas density for the release characteristic")
    x = release_characteristic_m3_s(result.release_rate_kg_s, density, sub.lel_vol_pct / 100.0, k)
    result.release_characteristic_m3_s = x
    step.why("release_char", w=f"{result.release_rate_kg_s:.3g}", rho=f"{density:.3g}",
             k=f"{k:g}", lfl=f"{sub.lel_vol_pct / 100:g}", x=f"{x:.3g}")
