"""FMEA: S/O/D ratings, RPN ranking and AIAG-VDA Action Priority (issue: FMEA)."""
