"""ISO 12100 machinery reviews and equipment checklists with Taiwan regulation citations.

Public API (stable)::

    required_performance_level(severity, frequency, avoidance)   ISO 13849-1 risk graph -> 'a'..'e'
    light_curtain_distance_mm(response_time_s, resolution_mm, edition="2010")   ISO 13855
    two_hand_distance_mm(response_time_s, edition="2010")                       ISO 13855
    parse_citation(text)                                          'MES 12-1' -> Citation(...)

Importing this package is cheap (no numpy/pandas/pydantic): the data files are read on first use.
"""

from pse.machinery.citation import Citation, CitationError, parse_citation, parse_citations
from pse.machinery.distance import EditionNotConfirmedError, light_curtain_distance_mm, two_hand_distance_mm
from pse.machinery.plr import required_performance_level
from pse.machinery.press import (light_curtain_covers_stroke, tw_light_curtain_distance_mm, tw_one_stroke_distance_mm,
                                 tw_two_hand_start_distance_mm, two_hand_spacing_ok, two_hand_synchronous_ok)

__all__ = ["Citation", "CitationError", "EditionNotConfirmedError", "light_curtain_covers_stroke",
           "light_curtain_distance_mm", "parse_citation", "parse_citations", "required_performance_level",
           "tw_light_curtain_distance_mm", "tw_one_stroke_distance_mm", "tw_two_hand_start_distance_mm",
           "two_hand_distance_mm", "two_hand_spacing_ok", "two_hand_synchronous_ok"]
