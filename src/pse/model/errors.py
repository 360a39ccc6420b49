"""Problems found in a study, each tied to a file, a line and a field.

Every validation message in pse reads ``file:line: field: message`` so that an
engineer can jump straight to the cell that is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in a study file.

    ``severity`` is ``"error"`` (the study cannot be used) or ``"warning"``
    (lint: the study can be used but a reviewer would question it).
    """

    file: str
    line: int | None
    field: str
    message: str
    severity: str = "error"
    rule: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        tag = "" if self.severity == "error" else f"{self.severity}: "
        rule = f" [{self.rule}]" if self.rule else ""
        field = f"{self.field}: " if self.field else ""
        message = " ".join(str(self.message).split())   # one line, whatever the message's source put in it
        return f"{where}: {tag}{field}{message}{rule}"


class StudyError(Exception):
    """Raised when a study cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        """Pickled with its problems (a study error raised in a forked job reaches the parent whole)."""
        return type(self), (self.problems,)


def format_path(path: tuple) -> str:
    """Render a data path as the engineer reads it: ``scenarios[3].severity``.

    >>> format_path(("scenarios", 3, "severity"))
    'scenarios[3].severity'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
