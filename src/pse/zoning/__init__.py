"""Hazardous-area classification per IEC 60079-10-1, zone geometry and drawings (issue: zoning)."""
