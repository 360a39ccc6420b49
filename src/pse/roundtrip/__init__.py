"""One Excel round trip for every worksheet: export with the merge base, import by a three-way merge.

A workbook written by pse carries a hidden sheet ``_pse`` naming its kind and recording the
value of every exported cell.  :func:`pse.roundtrip.merge.import_workbook` compares, cell by
cell and by row ID, the value at export (base B), the workbook (W) and the study now (S):
W = B: nothing; W != B, S = B: W is written; W != B != S != W: a conflict, reported and never
guessed.  Rows with an empty ID are added; nothing is deleted; bad cells are named by sheet,
row and column.  The HAZOP workbook keeps its own layout and uses the same rule
(:mod:`pse.roundtrip.hazop`).
"""
