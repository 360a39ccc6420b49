"""Cell values as compared in a three-way merge, and cell text parsed back into study values."""

from __future__ import annotations

import datetime as _dt
from typing import Any


def normal(value: Any) -> str:
    """A value as compared and shown: text, stripped, lists one item a line, dates ISO, 2.0 -> '2', bools Y/N.

    >>> normal(None), normal([" a", "b"]), normal(2.0), normal(True), normal(_dt.date(2026, 12, 1))
    ('', 'a\\nb', '2', 'Y', '2026-12-01')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1:
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "\n".join(normal(v) for v in value if normal(v))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


_YES = {"y", "yes", "true", "1", "是", "pass"}
_NO = {"n", "no", "false", "0", "否"}


def parse(kind: str, text: str, choices: tuple = ()) -> Any:
    """Cell text -> the value written to the study (``None`` removes the field); ValueError if it cannot be.

    ``kind`` is one of text, lines, int, float, date, bool, choice, level (int or matrix ID).

    >>> parse("lines", "a\\n- b\\n"), parse("int", "7"), parse("float", "1e-3"), parse("level", "S2")
    (['a', 'b'], 7, 0.001, 'S2')
    >>> parse("bool", "Y"), parse("date", "2027-01-31"), parse("text", "  ")
    (True, datetime.date(2027, 1, 31), None)
    """
    text = normal(text)
    if text == "":
        return None
    if kind == "lines":
        return [line.strip().lstrip("-•").strip() for line in text.split("\n") if line.strip().lstrip("-•").strip()]
    if kind == "int":
        try:
            return int(float(text)) if float(text).is_integer() else _bad(text, "a whole number")
        except ValueError:
            return _bad(text, "a whole number")
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            return _bad(text, "a number")
    if kind == "level":
        return int(text) if text.lstrip("-").isdigit() else text
    if kind == "date":
        try:
            return _dt.date.fromisoformat(text[:10])
        except ValueError:
            return _bad(text, "a date (YYYY-MM-DD)")
    if kind == "bool":
        if text.casefold() in _YES:
            return True
        if text.casefold() in _NO:
            return False
        return _bad(text, "Y or N")
    if kind == "choice":
        for choice in choices:
            if text.casefold() == str(choice).casefold():
                return choice
        return _bad(text, "one of " + ", ".join(map(str, choices)))
    return text


def _bad(text: str, what: str):
    raise ValueError(f"{text!r} is not {what}")
