"""HAZOP: guide word x parameter deviations per node, worksheets, LOPA candidates (issue: HAZOP worksheets)."""
