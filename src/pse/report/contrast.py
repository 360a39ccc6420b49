"""Text contrast of coloured cells, WCAG 2.1 success criterion 1.4.3 (contrast minimum).

Risk-level badges and coloured worksheet cells carry their level's colour as
background; the text on them is black or white, whichever contrasts more, so
printed and on-screen reports stay readable (>= 4.5:1 for normal text).
"""

from __future__ import annotations


def relative_luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour ``#RRGGBB``, WCAG 2.1 definition (0 black .. 1 white).

    L = 0.2126 R + 0.7152 G + 0.0722 B, each channel linearised:
    c/12.92 if c <= 0.04045 else ((c + 0.055)/1.055)^2.4.

    >>> relative_luminance("#FFFFFF"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    value = colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(colour_a: str, colour_b: str) -> float:
    """WCAG 2.1 contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter (1 .. 21).

    >>> round(contrast_ratio("#FFFFFF", "#000000"), 1)
    21.0
    >>> round(contrast_ratio("#777777", "#FFFFFF"), 2)
    4.48
    """
    high, low = sorted((relative_luminance(colour_a), relative_luminance(colour_b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_for(background: str) -> str:
    """``#000000`` or ``#FFFFFF``, whichever contrasts more with ``background``.

    One of the two always reaches at least 4.58:1 for any sRGB background.

    >>> text_colour_for("#C62828"), text_colour_for("#FFEB3B")
    ('#FFFFFF', '#000000')
    """
    black, white = contrast_ratio(background, "#000000"), contrast_ratio(background, "#FFFFFF")
    return "#000000" if black >= white else "#FFFFFF"
