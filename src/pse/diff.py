"""What changed between two revisions of a study (``pse diff OLD NEW``).

Objects are matched by their stable IDs, whatever file of the study they sit
in.  For each object the diff says: added, removed, changed (which fields),
re-rated (severity/likelihood changed, with the risk level before and after),
and for recommendations closed/reopened.  Modules may add their own lines
(e.g. zone areas grown or shrunk) through ``Module.diff`` in the registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from pse.i18n import LANGUAGES, Message, enum_label, in_language, label

RATING_PAIRS = (("severity", "likelihood"), ("severity_after", "likelihood_after"),
                ("residual_severity", "residual_likelihood"))


@dataclass(frozen=True)
class Change:
    """One line of a diff."""

    kind: str      # object kind (scenario, task_row, recommendation...) or a module name
    id: str
    change: str    # added, removed, changed, re-rated, closed, reopened, or a module's word
    detail: str = ""   # a :class:`pse.i18n.Message` (every language) or plain text

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str = "en") -> str:
        """The line as printed in ``lang`` (catalogue words ``diff_<change>``, ``diff_kind_<kind>``)."""
        detail = in_language(self.detail, lang) if self.detail else ""
        if lang == "en":
            head = f"{self.change:9s} {self.kind} {self.id}"
        else:
            change = _word("diff_" + self.change, self.change, lang)
            shown_id = _word("diff_study_metadata", self.id, lang) if self.kind == "study" else self.id
            head = f"{change} {_word('diff_kind_' + self.kind, self.kind, lang)} {shown_id}"
        return head + (f": {detail}" if detail else "")


def _word(key: str, fallback: str, lang: str) -> str:
    text = label(key, lang)
    return fallback if text == key else text


def _field(name: str, lang: str) -> str:
    """A field name as printed: its catalogue label in zh-TW, the study's own key in English."""
    return name if lang == "en" else label(name, lang)


def _each(make) -> Message:
    """A detail in every language: ``make(lang)`` gives its text."""
    return Message({lang: make(lang) for lang in LANGUAGES})


def summary_line(count: int, lang: str = "en") -> str:
    """The closing line: ``3 changes`` / ``共 3 項變更``."""
    return label("diff_count_one" if count == 1 else "diff_count", lang).format(n=count)


def diff_lines(old_path, new_path, lang: str | None = None) -> list[str]:
    """The lines ``pse diff OLD NEW`` prints: every change, then the count (``lang`` default: NEW's language)."""
    from pse.model import load_study

    old, new = load_study(old_path), load_study(new_path)
    lang = lang or new.study.language
    changes = diff_studies(old, new)
    return [c.text(lang) for c in changes] + [summary_line(len(changes), lang)]


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


def _rerated(sev: str, lik: str, fa: dict, fb: dict, before, after) -> Message:
    def text(lang: str) -> str:
        moved = label("diff_risk_moved", lang).format(before=before, after=after) if before != after else ""
        return (f"{_field(sev, lang)}/{_field(lik, lang)} {fa.get(sev)}/{fa.get(lik)} -> "
                f"{fb.get(sev)}/{fb.get(lik)}{moved}")
    return _each(text)


def _object_changes(old, new, oid: str, a, b) -> list[Change]:
    """The lines of one object found in both revisions."""
    kind = type(b).kind
    if type(a) is not type(b):
        was = type(a).kind
        return [Change(kind, oid, "changed", _each(lambda lang: label("diff_was", lang).format(
            kind=_word("diff_kind_" + was, was, lang))))]
    fa, fb = _own_fields(a), _own_fields(b)
    changed = [name for name in fb if fa.get(name) != fb.get(name)]
    if not changed:
        return []
    out = []
    for sev, lik in RATING_PAIRS:
        if sev in fb and (fa.get(sev), fa.get(lik)) != (fb.get(sev), fb.get(lik)):
            before, after = _level(old, a, fa.get(sev), fa.get(lik)), _level(new, b, fb.get(sev), fb.get(lik))
            out.append(Change(kind, oid, "re-rated", _rerated(sev, lik, fa, fb, before, after)))
    was, now = fa.get("status"), fb.get("status")
    status = kind == "recommendation" and was != now
    if status:
        word = "closed" if now == "closed" else ("reopened" if was == "closed" else "changed")
        out.append(Change(kind, oid, word, _each(lambda lang: f"{_field('status', lang)} {_enum(was, lang)} -> "
                                                              f"{_enum(now, lang)}")))
    rating_fields = {f for pair in RATING_PAIRS for f in pair}
    rest = [n for n in changed if n not in rating_fields and not (status and n == "status")]
    if rest:
        out.append(Change(kind, oid, "changed", _each(
            lambda lang: ("、" if lang == "zh-TW" else ", ").join(_field(n, lang) for n in rest))))
    return out


def _enum(value, lang: str):
    """An enum value as printed: the study's key in English (as typed in the file), its label in zh-TW."""
    return value if lang == "en" else enum_label(value, lang)


def diff_studies(old, new) -> list[Change]:
    """Every change from ``old`` to ``new`` (both validated studies), in a stable order."""
    changes: list[Change] = []
    meta_a, meta_b = old.study.model_dump(mode="json"), new.study.model_dump(mode="json")
    meta = [k for k in meta_b if meta_a.get(k) != meta_b.get(k)]
    if meta:
        changes.append(Change("study", "metadata", "changed", _each(lambda lang: "; ".join(
            f"{_field(k, lang)} {meta_a.get(k)!r} -> {meta_b.get(k)!r}" for k in meta))))
    old_index, new_index = old._index, new._index
    for oid in sorted(set(old_index) - set(new_index)):
        changes.append(Change(type(old_index[oid][0]).kind, oid, "removed"))
    for oid in sorted(set(new_index) - set(old_index)):
        changes.append(Change(type(new_index[oid][0]).kind, oid, "added"))
    for oid in sorted(set(old_index) & set(new_index)):
        changes.extend(_object_changes(old, new, oid, old_index[oid][0], new_index[oid][0]))
    from pse.registry import modules

    for module in modules():
        module_diff = getattr(module, "diff", None)
        if module_diff is not None and (module.uses(old) or module.uses(new)):
            changes.extend(module_diff(old, new))
    return changes
