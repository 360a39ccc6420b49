"""LOPA and SIL: calculation layer (pure functions) and study-level views.

Modules (imported lazily on first use, so ``import pse.lopa`` costs nothing):

* :mod:`pse.lopa.pfd` -- PFDavg of voted groups, IEC 61508-6:2010 Annex B.3.2.2 (inputs and scalar fast path in
  :mod:`pse.lopa.pfd_inputs`, sympy form in :mod:`pse.lopa.pfd_symbolic`)
* :mod:`pse.lopa.pfh` -- PFH of voted groups, IEC 61508-6:2010 Annex B.3.3.2 (high demand / continuous)
* :mod:`pse.lopa.sil` -- SIL bands, SIL target from LOPA, IEC 61511-1:2016 minimum HFT
* :mod:`pse.lopa.frequency` -- mitigated scenario frequency (CCPS LOPA), demand rate on a SIF
* :mod:`pse.lopa.uncertainty` -- Monte Carlo with log-normal inputs (error factors)
* :mod:`pse.lopa.library` -- versioned reference data (IE frequencies, IPL PFDs, modifiers)
* :mod:`pse.lopa.credit` -- IPL credit rules (CCPS 2001/2015, IEC 61511-1)
* :mod:`pse.lopa.evaluate` -- LOPA of every flagged scenario of a study
* :mod:`pse.lopa.table` -- the same LOPA over arrays (credit rules applied to a safeguard table)
* :mod:`pse.lopa.verification` -- SIF verification (subsystems, HFT, achieved SIL)
* :mod:`pse.lopa.views` -- DataFrame views and the verification report

Units: failure rates per hour, times in hours, frequencies per year.
"""

from __future__ import annotations

from pse._lazy import lazy_exports

_EXPORTS = {
    # pfd
    "ARCHITECTURES": "pfd",
    "t_ce_h": "pfd",
    "t_ge_h": "pfd",
    "t_g2e_h": "pfd",
    "pfd_1oo1": "pfd",
    "pfd_1oo2": "pfd",
    "pfd_2oo2": "pfd",
    "pfd_2oo3": "pfd",
    "pfd_1oo3": "pfd",
    "pfd_avg": "pfd",
    "pfd_avg_vectorised": "pfd",
    "pfd_equation": "pfd",
    "pfd_equation_substituted": "pfd",
    # pfh (high demand / continuous)
    "pfh": "pfh",
    "pfh_1oo2d": "pfh",
    "pfh_equation": "pfh",
    # sil
    "SilTarget": "sil",
    "sil_for_pfd": "sil",
    "sil_for_rrf": "sil",
    "sil_for_rrf_array": "sil",
    "required_rrf": "sil",
    "sil_target": "sil",
    "minimum_hft": "sil",
    "pfd_band": "sil",
    "pfh_band": "sil",
    "rrf_band": "sil",
    # frequency
    "mitigated_frequency": "frequency",
    "mitigated_frequency_array": "frequency",
    "demand_rate_at_sif_per_yr": "frequency",
    "total_demand_rate_per_yr": "frequency",
    "demand_mode": "frequency",
    "summed_frequency": "frequency",
    "after_sif_probability": "frequency",
    "required_pfh_per_h": "frequency",
    # uncertainty
    "lognormal_sigma": "uncertainty",
    "sample_lognormal": "uncertainty",
    "MonteCarloResult": "uncertainty",
    "monte_carlo_mitigated_frequency": "uncertainty",
    # library
    "KINDS": "library",
    "Entry": "library",
    "load_library": "library",
    "library_info": "library",
    # study-level views (these take a validated study)
    "evaluate": "evaluate",
    "lopa_tables": "table",
    "lopa_arrays": "table",
    "analyse": "views",
    "worksheet": "views",
    "sif_table": "views",
    "uncertainty_table": "views",
    "verify_sif": "verification",
    "verify_sifs": "verification",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
