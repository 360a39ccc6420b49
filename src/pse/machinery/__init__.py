"""ISO 12100 machinery reviews and equipment checklists with Taiwan regulation citations (issue: machinery)."""
