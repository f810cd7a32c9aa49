"""Checks of a document's styles: the heading levels the memo's styles give, text contrast from the
styles' colours and shading, and fonts the PDF export would replace.
"""

from __future__ import annotations

from ..writers.docx import STYLES
from .contrast import MINIMUM, contrast
from .content import CONTRAST, STRUCTURE, contrast_message
from .fonts import substitute
from .styles import Styles

APPEARANCE = "utseende, ingen WCAG-punkt"  # a replaced font changes how the PDF looks, not what it says


def heading_styles(styles: Styles) -> list[tuple]:
    """The title is the document's top heading and the memo's headings come below it, without a gap."""
    found = []
    for expected, name in enumerate([STYLES["title"]] + [STYLES["heading"].format(level=n) for n in (1, 2, 3, 4)], 1):
        style = styles.named(name)
        if style is None:
            continue
        level = styles.outline_level(style.id)
        if level != expected:
            now = f"nivå {level}" if level else "ingen rubriknivå"
            found.append((f"word/styles.xml, stilen {name}", f"stilen har {now}, ska ha nivå {expected} (dokumentets "
                          "rubrik överst, memots rubriker under den) — ändra Disposition i stilens styckeformat", STRUCTURE))
    return found


def checked_styles(styles: Styles, used: set[str]) -> list[str]:
    """Styles whose text appears: those the parts use, the default one, and those the docx writer uses."""
    ids = set(used) | ({styles.default_paragraph} if styles.default_paragraph else set())
    names = [v for k, v in STYLES.items() if k != "heading"] + [STYLES["heading"].format(level=n) for n in (1, 2, 3, 4)]
    ids |= {s.id for s in map(styles.named, names) if s is not None}
    return sorted(i for i in ids if i in styles.by_id and styles.by_id[i].type in ("paragraph", "character"))


def style_contrast(styles: Styles, checked: list[str]) -> list[tuple]:
    found = []
    for style_id in checked:
        colour = styles.colour(style_id)
        if colour is None:
            continue
        background = styles.background(style_id)
        ratio = contrast(colour, background)
        if ratio < MINIMUM:
            found.append((f"word/styles.xml, stilen {styles.by_id[style_id].ui_name}",
                          contrast_message(colour, background, ratio), CONTRAST))
    return found


def substituted_fonts(used: dict[str, str]) -> list[tuple]:
    """``used``: each font family and where it is first used."""
    found = []
    for family, first in sorted(used.items()):
        instead = substitute(family)
        if instead:
            found.append((first, f"typsnittet {family} finns inte där PDF:en görs — LibreOffice sätter texten i "
                          f"{instead} (enligt fontconfig); installera {family} eller välj ett typsnitt som finns",
                          APPEARANCE))
    return found
