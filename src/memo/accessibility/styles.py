"""The effective formatting of a document's styles: colour, shading, font and outline level.

Word resolves a property through the style's ``basedOn`` chain and then the document
defaults; a font may name a theme font (``minorHAnsi``) that the theme part defines.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.styles import BabelFish
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WHITE = "FFFFFF"


@dataclass(frozen=True)
class Style:
    id: str
    name: str
    type: str
    based_on: str | None
    element: etree._Element

    @property
    def ui_name(self) -> str:
        """The name as Word shows it ("Caption", not the stored "caption")."""
        return BabelFish.internal2ui(self.name)


class Styles:
    """A document's styles part (and theme fonts), for looking up effective properties."""

    def __init__(self, styles_xml: bytes | None, theme_xml: bytes | None = None):
        root = etree.fromstring(styles_xml) if styles_xml else etree.Element(W + "styles")
        self.by_id: dict[str, Style] = {}
        for element in root.iter(W + "style"):
            name = element.find(W + "name")
            based = element.find(W + "basedOn")
            style = Style(element.get(W + "styleId", ""), name.get(W + "val", "") if name is not None else "",
                          element.get(W + "type", "paragraph"), based.get(W + "val") if based is not None else None,
                          element)
            self.by_id[style.id] = style
        self.by_name = {s.name.lower(): s for s in self.by_id.values()}
        self.defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default_paragraph = next((s.id for s in self.by_id.values()
                                       if s.type == "paragraph" and s.element.get(W + "default") in ("1", "true")), None)
        self.theme_fonts = _theme_fonts(theme_xml)
        self._found: dict[tuple[str | None, str], object] = {}

    def named(self, name: str) -> Style | None:
        return self.by_name.get(name.lower())

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and those it is based on, nearest first."""
        out: list[Style] = []
        while style_id and style_id in self.by_id and all(s.id != style_id for s in out):
            out.append(self.by_id[style_id])
            style_id = out[-1].based_on
        return out

    def _find(self, style_id: str | None, path: str):
        """The first element at ``path`` along the style's chain; remembered, since the styles are read once
        per template and asked the same questions for every memo."""
        key = (style_id, path)
        if key not in self._found:
            self._found[key] = next((found for style in self.chain(style_id or self.default_paragraph)
                                     if (found := style.element.find(path)) is not None), None)
        return self._found[key]

    def _run_property(self, style_id: str | None, tag: str):
        """A run property from the style chain, else from the document defaults. A character style
        without the property leaves it to the paragraph's style: None then."""
        found = self._find(style_id, f"{W}rPr/{W}{tag}")
        character = style_id in self.by_id and self.by_id[style_id].type == "character"
        if found is None and self.defaults is not None and not character:
            found = self.defaults.find(W + tag)
        return found

    def colour(self, style_id: str | None) -> str | None:
        """The text colour as RRGGBB, or None for automatic (black or white, whichever contrasts)."""
        return explicit_colour(self._run_property(style_id, "color"))

    def background(self, style_id: str | None) -> str:
        """The shading behind the text (run shading first, then paragraph shading), white when none."""
        for path in (f"{W}rPr/{W}shd", f"{W}pPr/{W}shd"):
            fill = explicit_colour(self._find(style_id, path), "fill")
            if fill:
                return fill
        return WHITE

    def font(self, style_id: str | None) -> str | None:
        """The Latin font family the style's text is set in."""
        return self.font_of(self._run_property(style_id, "rFonts"))

    def font_of(self, fonts) -> str | None:
        if fonts is None:
            return None
        if fonts.get(W + "ascii"):
            return fonts.get(W + "ascii")
        theme = fonts.get(W + "asciiTheme")
        return self.theme_fonts.get("major" if theme and theme.startswith("major") else "minor") if theme else None

    def outline_level(self, style_id: str | None) -> int | None:
        """The heading level (1-based) a paragraph in this style has in the document's outline, or None."""
        found = self._find(style_id, f"{W}pPr/{W}outlineLvl")
        if found is None:
            return None
        level = int(found.get(W + "val", "9"))
        return level + 1 if level < 9 else None  # 9 is body text


def explicit_colour(element, attribute: str = "val") -> str | None:
    """An RRGGBB colour written on ``element``, or None when it is absent or automatic."""
    if element is None:
        return None
    value = (element.get(W + attribute) or "").upper()
    return value if len(value) == 6 and value != "AUTO" and all(c in "0123456789ABCDEF" for c in value) else None


def _theme_fonts(theme_xml: bytes | None) -> dict[str, str]:
    if not theme_xml:
        return {}
    root = etree.fromstring(theme_xml)
    fonts = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{A}{kind}Font/{A}latin")
        if latin is not None and latin.get("typeface"):
            fonts[kind] = latin.get("typeface")
    return fonts
