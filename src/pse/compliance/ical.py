"""The inspection schedule as iCalendar (RFC 5545), written by hand.

Why by hand: the export needs VCALENDAR/VEVENT with all-day dates, TEXT escaping (3.3.11) and line folding
(3.1) - about forty lines - and the ``icalendar`` package is not installed here; a dependency for that would
cost more than it saves.  The tests parse the output back and check folding and escaping.

Each inspection with a due date becomes one all-day event on its next due date (no RRULE: RFC 5545
monthly rules skip the 31st in short months, whereas the statutory interval clamps to the month end -
see :func:`pse.compliance.inspection.next_due`; re-export after each inspection).
"""

from __future__ import annotations

import datetime as dt


def escape_text(text: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline.

    >>> escape_text("MR 26; yearly, press\\nA")
    'MR 26\\\\; yearly\\\\, press\\\\nA'
    """
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (RFC 5545 3.1), never inside a UTF-8 character.

    Continuation lines start with one space, which counts towards their length.

    >>> fold("A" * 80).split("\\r\\n")[1]
    ' AAAAA'
    """
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def to_icalendar(rows, title: str, lang: str = "en", today: dt.date | None = None) -> str:
    """A VCALENDAR with one all-day VEVENT per scheduled inspection (per-use checks are left out)."""
    from pse.compliance.views import LABELS
    from pse.i18n import label
    from pse.machinery.citation import format_citations

    stamp = (today or dt.date.today()).strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//pse//compliance inspection schedule//EN",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{escape_text(title)}"]
    for row in rows:
        if row.due is None:
            continue
        last = row.last.isoformat() if row.last else label("never", lang, LABELS)
        description = (f"{format_citations(row.citation, lang)}\n{label('last_inspected', lang, LABELS)}: {last}"
                       + (f"\n{label('overdue_days', lang, LABELS)}: {row.overdue_days}" if row.overdue else ""))
        lines += ["BEGIN:VEVENT", f"UID:{row.item}-{row.interval}@pse",
                  f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{row.due.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(row.due + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{escape_text(row.tag + ' ' + row.title[lang])}",
                  f"DESCRIPTION:{escape_text(description)}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
