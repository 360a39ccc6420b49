"""Errors of a worksheet edit, as the API returns them."""

from __future__ import annotations


class EditError(Exception):
    """An edit refused: ``status`` 422 (invalid, with the message `pse check` gives) or 409 (stale)."""

    def __init__(self, message: str, status: int = 422, key: str = "", current=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.key = key
        self.current = current


def study_error_message(exc) -> str:
    """One line per problem, ``file:line: field: message`` (as `pse check` prints them)."""
    return "\n".join(str(p) for p in exc.problems if p.severity == "error") or str(exc)
