"""Colour contrast as WCAG 2.1 defines it (relative luminance, 1.4.3)."""

from __future__ import annotations

MINIMUM = 4.5  # WCAG 2.1 1.4.3 for body text; memo holds every text to it


def luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour written as RRGGBB."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The contrast ratio of two RRGGBB colours, from 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
