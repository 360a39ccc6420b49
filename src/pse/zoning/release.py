"""Release rates and release characteristic, IEC 60079-10-1:2015 Annex B and C (pure functions).

Units: pressures in Pa (absolute), temperatures in K, areas in m2, molar mass in kg/kmol, release rates in kg/s,
volume flows in m3/s. R = 8314 J/(kmol K) (the universal gas constant per kmol, as in Annex B).
"""

from __future__ import annotations

import math

R_J_PER_KMOL_K = 8314.0
STANDARD_PRESSURE_PA = 101325.0


class NoRelease(ValueError):
    """The inputs describe no release (pressure not above ambient, no vapour pressure, no air flow)."""


def critical_pressure_pa(gamma: float, ambient_pressure_pa: float = STANDARD_PRESSURE_PA) -> float:
    """Pressure above which gas flow through an orifice is choked (sonic).

    IEC 60079-10-1:2015 Annex B, equation (B.2)::

        p_c = p_a ((gamma + 1) / 2) ** (gamma / (gamma - 1))

    >>> round(critical_pressure_pa(1.4))          # air-like gas, atmospheric outlet
    191801
    """
    return ambient_pressure_pa * ((gamma + 1.0) / 2.0) ** (gamma / (gamma - 1.0))


def choked_gas_release_rate_kg_s(hole_area_m2: float, pressure_pa: float, temperature_k: float,
                                 molar_mass_kg_per_kmol: float, gamma: float,
                                 discharge_coefficient: float = 0.75, compressibility: float = 1.0) -> float:
    """Mass release rate of a gas at sonic (choked) velocity, IEC 60079-10-1:2015 equation (B.3)::

        W = Cd S p sqrt( gamma M / (Z R T) * (2 / (gamma + 1)) ** ((gamma + 1) / (gamma - 1)) )

    >>> round(choked_gas_release_rate_kg_s(1e-6, 1e6, 293.15, 16.04, 1.31), 6)   # 1 mm2 hole, 10 bar(a) methane
    0.001287
    """
    term = (gamma * molar_mass_kg_per_kmol / (compressibility * R_J_PER_KMOL_K * temperature_k)
            * (2.0 / (gamma + 1.0)) ** ((gamma + 1.0) / (gamma - 1.0)))
    return discharge_coefficient * hole_area_m2 * pressure_pa * math.sqrt(term)


def subsonic_gas_release_rate_kg_s(hole_area_m2: float, pressure_pa: float, temperature_k: float,
                                   molar_mass_kg_per_kmol: float, gamma: float,
                                   discharge_coefficient: float = 0.75, compressibility: float = 1.0,
                                   ambient_pressure_pa: float = STANDARD_PRESSURE_PA) -> float:
    """Mass release rate of a gas below the critical pressure, IEC 60079-10-1:2015 equation (B.4)::

        W = Cd S p sqrt( M / (Z R T) * 2 gamma / (gamma - 1) * (1 - (p_a/p) ** ((gamma - 1)/gamma)) )
              * (p_a / p) ** (1 / gamma)

    >>> round(subsonic_gas_release_rate_kg_s(1e-6, 1.5e5, 293.15, 16.04, 1.31), 8)
    0.00018517
    """
    ratio = ambient_pressure_pa / pressure_pa
    term = (molar_mass_kg_per_kmol / (compressibility * R_J_PER_KMOL_K * temperature_k)
            * 2.0 * gamma / (gamma - 1.0) * (1.0 - ratio ** ((gamma - 1.0) / gamma)))
    return discharge_coefficient * hole_area_m2 * pressure_pa * math.sqrt(max(term, 0.0)) * ratio ** (1.0 / gamma)


def gas_release_rate_kg_s(hole_area_m2: float, pressure_pa: float, temperature_k: float,
                          molar_mass_kg_per_kmol: float, gamma: float, discharge_coefficient: float = 0.75,
                          compressibility: float = 1.0, ambient_pressure_pa: float = STANDARD_PRESSURE_PA) -> float:
    """Gas release rate through a hole, choked or not (decided by the critical pressure, equation B.2).

    IEC 60079-10-1:2015 Annex B: equation (B.3) when ``pressure_pa > p_c``, else (B.4).  A pressure at or below
    ambient releases nothing: :class:`NoRelease` is raised (never a zero rate that flows on).

    >>> round(gas_release_rate_kg_s(1e-6, 1e6, 293.15, 16.04, 1.31), 6)       # choked
    0.001287
    >>> round(gas_release_rate_kg_s(1e-6, 1.5e5, 293.15, 16.04, 1.31), 8)     # not choked
    0.00018517
    """
    if pressure_pa <= ambient_pressure_pa:
        raise NoRelease(f"pressure {pressure_pa:g} Pa is not above ambient {ambient_pressure_pa:g} Pa: no gas is "
                        "released through the hole")
    if is_choked(pressure_pa, gamma, ambient_pressure_pa):
        return choked_gas_release_rate_kg_s(hole_area_m2, pressure_pa, temperature_k, molar_mass_kg_per_kmol,
                                            gamma, discharge_coefficient, compressibility)
    return subsonic_gas_release_rate_kg_s(hole_area_m2, pressure_pa, temperature_k, molar_mass_kg_per_kmol, gamma,
                                          discharge_coefficient, compressibility, ambient_pressure_pa)


def is_choked(pressure_pa: float, gamma: float, ambient_pressure_pa: float = STANDARD_PRESSURE_PA) -> bool:
    """True when the flow is sonic: ``pressure_pa`` above the critical pressure (B.2).

    >>> is_choked(2.0e5, 1.4), is_choked(1.9e5, 1.4)
    (True, False)
    """
    return pressure_pa > critical_pressure_pa(gamma, ambient_pressure_pa)


def liquid_release_rate_kg_s(hole_area_m2: float, liquid_density_kg_m3: float, pressure_difference_pa: float,
                             discharge_coefficient: float = 0.75) -> float:
    """Release rate of a liquid through a hole, IEC 60079-10-1:2015 equation (B.1)::

        W = Cd S sqrt(2 rho dp)

    >>> round(liquid_release_rate_kg_s(1e-5, 867.0, 2e5), 5)     # 10 mm2 hole, toluene, 2 bar difference
    0.13967
    """
    head = 2.0 * liquid_density_kg_m3 * max(pressure_difference_pa, 0.0)
    return discharge_coefficient * hole_area_m2 * math.sqrt(head)


def gas_density_kg_m3(molar_mass_kg_per_kmol: float, temperature_k: float = 293.15,
                      pressure_pa: float = STANDARD_PRESSURE_PA) -> float:
    """Density of the gas or vapour at ambient conditions, IEC 60079-10-1:2015 (B.5)::

        rho_g = p_a M / (R T_a)

    >>> round(gas_density_kg_m3(92.14), 3)     # toluene vapour, 20 degC
    3.831
    """
    return pressure_pa * molar_mass_kg_per_kmol / (R_J_PER_KMOL_K * temperature_k)


def lfl_kg_m3(lfl_vol_pct: float, molar_mass_kg_per_kmol: float, temperature_k: float = 293.15,
              pressure_pa: float = STANDARD_PRESSURE_PA) -> float:
    """Lower flammable limit as a mass concentration (kg/m3), ideal gas at ``temperature_k``.

        LFL_m = LFL_v / 100 * p M / (R T)

    >>> round(lfl_kg_m3(6.0, 32.04) * 1000)      # methanol, g/m3 (seed 001 prints 73 g/m3)
    80
    """
    return lfl_vol_pct / 100.0 * gas_density_kg_m3(molar_mass_kg_per_kmol, temperature_k, pressure_pa)


def release_characteristic_m3_s(release_rate_kg_s: float, gas_density: float, lfl_vol_fraction: float,
                                safety_factor_k: float) -> float:
    """Release characteristic (volumetric), IEC 60079-10-1:2015 C.3.2 / Figures C.1 and D.1::

        X = W_g / (rho_g k LFL)        (LFL as a volume fraction)

    >>> round(release_characteristic_m3_s(5e-4, 3.831, 0.01, 0.5), 4)
    0.0261
    """
    return release_rate_kg_s / (gas_density * safety_factor_k * lfl_vol_fraction)


def background_concentration(release_rate_kg_s: float, gas_density: float, air_flow_m3_s: float,
                             inefficiency_factor: float = 1.0) -> float:
    """Indoor background concentration (volume fraction), IEC 60079-10-1:2015 C.3.4::

        X_b = f Q_g / Q_a,   Q_g = W_g / rho_g

    >>> round(background_concentration(5e-4, 3.831, 0.64, 5.0), 5)
    0.00102
    """
    if air_flow_m3_s <= 0:
        raise NoRelease("no air flow through the room (0 air changes per hour): the background concentration "
                        "has no meaning; declare the dilution or give the air flow")
    return inefficiency_factor * (release_rate_kg_s / gas_density) / air_flow_m3_s


def pool_evaporation_rate_kg_s(wind_speed_m_s: float, pool_area_m2: float, vapour_pressure_pa: float,
                               molar_mass_kg_per_kmol: float, liquid_temperature_k: float) -> float:
    """Evaporation rate of a pool or open vessel, IEC 60079-10-1:2020 Annex B (B.5, evaporative pools)::

        W_e = 6.55 u_w^0.78 A_p p_v M^0.667 / (R T)

    with u_w the wind or ventilation speed over the surface (m/s), A_p the pool area (m2), p_v the vapour
    pressure at the liquid temperature **in kPa**, M in kg/kmol, R = 8314 J/(kmol K), T the liquid temperature
    (K); W_e in kg/s.  Not checked against a copy of the standard in this repository (the equation text could
    not be found in the reference corpus): recorded as recalled.  A pool at no vapour pressure releases nothing
    (:class:`NoRelease`).

    Hand check: toluene at 20 degC (p_v 2.91 kPa), 1 m2, 0.5 m/s:
    6.55 x 0.5^0.78 x 1 x 2.91 x 92.14^0.667 / (8314 x 293.15) = 9.3e-5 kg/s.

    >>> f"{pool_evaporation_rate_kg_s(0.5, 1.0, 2910.0, 92.14, 293.15):.3g}"
    '9.31e-05'
    """
    if vapour_pressure_pa <= 0:
        raise NoRelease("the liquid has no vapour pressure at its temperature: the pool does not evaporate")
    if wind_speed_m_s <= 0:
        raise NoRelease("no air movement over the pool: give the wind or ventilation speed")
    return (6.55 * wind_speed_m_s ** 0.78 * pool_area_m2 * (vapour_pressure_pa / 1000.0)
            * molar_mass_kg_per_kmol ** 0.667 / (R_J_PER_KMOL_K * liquid_temperature_k))


def antoine_vapour_pressure_pa(cas: str, temperature_k: float) -> tuple[float, str]:
    """Vapour pressure (Pa) from the Antoine coefficients of Poling et al. as tabulated by ``chemicals``::

        log10(p_v / Pa) = A - B / (T + C)

    Returns ``(p_v, source)``; raises ``KeyError`` when ``chemicals`` has no coefficients for ``cas`` and
    ``ValueError`` outside the fitted temperature range.

    >>> round(antoine_vapour_pressure_pa("108-88-3", 298.15)[0])      # toluene at 25 degC, about 3.8 kPa
    3789
    """
    from chemicals.vapor_pressure import Antoine, Psat_data_AntoinePoling

    row = Psat_data_AntoinePoling.loc[cas]
    if not row.Tmin - 5.0 <= temperature_k <= row.Tmax:
        raise ValueError(f"{temperature_k - 273.15:.1f} degC is outside the Antoine range of {cas} "
                         f"({row.Tmin - 273.15:.1f} to {row.Tmax - 273.15:.1f} degC): declare vapour_pressure_pa")
    return Antoine(temperature_k, row.A, row.B, row.C), "Antoine (Poling et al., chemicals Psat_data_AntoinePoling)"
