"""What changed between two revisions of a study (``pse diff OLD NEW``).

Objects are matched by their stable IDs, whatever file of the study they sit
in.  For each object the diff says: added, removed, changed (which fields),
re-rated (severity/likelihood changed, with the risk level before and after),
and for recommendations closed/reopened.  Modules may add their own lines
(e.g. zone areas grown or shrunk) through ``Module.diff`` in the registry.
"""

from __future__ import annotations

from dataclasses import dataclass

RATING_PAIRS = (("severity", "likelihood"), ("severity_after", "likelihood_after"),
                ("residual_severity", "residual_likelihood"))


@dataclass(frozen=True)
class Change:
    """One line of a diff."""

    kind: str      # object kind (scenario, task_row, recommendation...) or a module name
    id: str
    change: str    # added, removed, changed, re-rated, closed, reopened, or a module's word
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.change:9s} {self.kind} {self.id}" + (f": {self.detail}" if self.detail else "")


def _own_fields(obj) -> dict:
    """The object's fields as JSON values, without nested objects that have IDs of their own."""
    from pse.model.schema import Identified

    out = {}
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if isinstance(value, list) and value and all(isinstance(v, Identified) for v in value):
            continue
        if isinstance(value, Identified):
            continue
        out[name] = value.model_dump(mode="json") if hasattr(value, "model_dump") else (
            [v.model_dump(mode="json") if hasattr(v, "model_dump") else v for v in value]
            if isinstance(value, list) else value)
    return out


def _level(study, obj, severity, likelihood):
    if severity is None or likelihood is None:
        return None
    from pse.model import matrix_for

    try:
        return matrix_for(study, getattr(obj, "risk_matrix", None)).level(severity, likelihood)
    except (KeyError, ValueError):
        return None


def diff_studies(old, new) -> list[Change]:
    """Every change from ``old`` to ``new`` (both validated studies), in a stable order."""
    changes: list[Change] = []
    meta_a, meta_b = old.study.model_dump(mode="json"), new.study.model_dump(mode="json")
    meta = [f"{k} {meta_a.get(k)!r} -> {meta_b.get(k)!r}" for k in meta_b if meta_a.get(k) != meta_b.get(k)]
    if meta:
        changes.append(Change("study", "metadata", "changed", "; ".join(meta)))
    old_index, new_index = old._index, new._index
    for oid in sorted(set(old_index) - set(new_index)):
        changes.append(Change(type(old_index[oid][0]).kind, oid, "removed"))
    for oid in sorted(set(new_index) - set(old_index)):
        changes.append(Change(type(new_index[oid][0]).kind, oid, "added"))
    for oid in sorted(set(old_index) & set(new_index)):
        a, b = old_index[oid][0], new_index[oid][0]
        kind = type(b).kind
        if type(a) is not type(b):
            changes.append(Change(kind, oid, "changed", f"was a {type(a).kind}"))
            continue
        fa, fb = _own_fields(a), _own_fields(b)
        changed = [name for name in fb if fa.get(name) != fb.get(name)]
        if not changed:
            continue
        rating_fields = {f for pair in RATING_PAIRS for f in pair}
        for sev, lik in RATING_PAIRS:
            if sev in fb and (fa.get(sev), fa.get(lik)) != (fb.get(sev), fb.get(lik)):
                before, after = _level(old, a, fa.get(sev), fa.get(lik)), _level(new, b, fb.get(sev), fb.get(lik))
                moved = f"; risk level {before} -> {after}" if before != after else ""
                changes.append(Change(kind, oid, "re-rated", f"{sev}/{lik} {fa.get(sev)}/{fa.get(lik)} -> "
                                                             f"{fb.get(sev)}/{fb.get(lik)}{moved}"))
        if kind == "recommendation" and fa.get("status") != fb.get("status"):
            word = "closed" if fb.get("status") == "closed" else (
                "reopened" if fa.get("status") == "closed" else "changed")
            changes.append(Change(kind, oid, word, f"status {fa.get('status')} -> {fb.get('status')}"))
        rest = [n for n in changed if n not in rating_fields and not (kind == "recommendation" and n == "status")]
        if rest:
            changes.append(Change(kind, oid, "changed", ", ".join(rest)))
    from pse.registry import modules

    for module in modules():
        module_diff = getattr(module, "diff", None)
        if module_diff is not None and (module.uses(old) or module.uses(new)):
            changes.extend(module_diff(old, new))
    return changes
