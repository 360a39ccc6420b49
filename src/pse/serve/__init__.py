"""`pse serve`: the study's worksheets in the browser for a live review session (see app.py)."""
