"""ISO 12100 machinery reviews and equipment checklists with Taiwan regulation citations.

Public API (stable)::

    required_performance_level(severity, frequency, avoidance)   ISO 13849-1 risk graph -> 'a'..'e'
    light_curtain_distance_mm(response_time_s, resolution_mm, edition="2010")   ISO 13855
    two_hand_distance_mm(response_time_s, edition="2010")                       ISO 13855
    parse_citation(text)                                          'MES 12-1' -> Citation(...)
    mttfd_from_b10d_years(b10d_cycles, operations_per_year)       ISO 13849-1:2023 MTTFd = B10d / (0.1 n_op)
    symmetrised_mttfd_years(mttfd_1_years, mttfd_2_years)         ISO 13849-1:2023 Annex D, two channels
    performance_level(category, mttfd_years, dc_avg_percent, ccf_score=None) -> (PL, PFHd per hour)
    reach_over_structure_mm(a, b), opening_safety_distance_mm(e, shape)   ISO 13857:2019 Tables 2 and 4
    espe_reach_over_mm(a, b)                                      ISO 13855 reach over a vertical ESPE

Importing this package is cheap (no numpy/pandas/pydantic): the data files are read on first use.
"""

from pse.machinery.citation import Citation, CitationError, parse_citation, parse_citations
from pse.machinery.distance import EditionNotConfirmedError, light_curtain_distance_mm, two_hand_distance_mm
from pse.machinery.pl import mttfd_from_b10d_years, performance_level, symmetrised_mttfd_years
from pse.machinery.plr import required_performance_level
from pse.machinery.press import (
                                 light_curtain_covers_stroke,
                                 tw_light_curtain_distance_mm,
                                 tw_one_stroke_distance_mm,
                                 tw_two_hand_start_distance_mm,
                                 two_hand_spacing_ok,
                                 two_hand_synchronous_ok,
)
from pse.machinery.reach import espe_reach_over_mm, opening_safety_distance_mm, reach_over_structure_mm

__all__ = ["Citation", "CitationError", "EditionNotConfirmedError", "espe_reach_over_mm",
           "light_curtain_covers_stroke", "mttfd_from_b10d_years", "opening_safety_distance_mm",
           "performance_level", "reach_over_structure_mm", "symmetrised_mttfd_years",
           "light_curtain_distance_mm", "parse_citation", "parse_citations", "required_performance_level",
           "tw_light_curtain_distance_mm", "tw_one_stroke_distance_mm", "tw_two_hand_start_distance_mm",
           "two_hand_distance_mm", "two_hand_spacing_ok", "two_hand_synchronous_ok"]
