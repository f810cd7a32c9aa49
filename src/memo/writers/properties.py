"""The package's property parts, written from the memo rather than edited in place.

``docProps/core.xml`` (title, subject, author, dates, language …) and
``docProps/app.xml`` (the application and versions that made the bytes) are
generated whole: a template's stale statistics or another library's namespace
changes (docxcompose rewrites python-docx's ``cp`` prefix when imported) can then
never reach a document. Both follow the ECMA-376 part 2 schemas.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from ..memo import Properties
from ..versions import application_name

CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"


def core_xml(properties: Properties) -> bytes:
    root = etree.Element(f"{{{CP}}}coreProperties", nsmap={"cp": CP, "dc": DC, "dcterms": DCTERMS, "xsi": XSI})

    def add(namespace: str, name: str, text: str) -> etree._Element:
        element = etree.SubElement(root, f"{{{namespace}}}{name}")
        element.text = text
        return element

    add(DC, "title", properties.title)
    add(DC, "subject", properties.subject)
    add(DC, "creator", properties.author)
    if properties.keywords:
        add(CP, "keywords", ", ".join(properties.keywords))
    add(CP, "lastModifiedBy", properties.author)
    add(CP, "revision", "1")
    add(DC, "identifier", properties.identifier)
    add(DC, "language", properties.language)
    for name in ("created", "modified"):
        add(DCTERMS, name, _w3cdtf(properties.created)).set(f"{{{XSI}}}type", "dcterms:W3CDTF")
    return _serialise(root)


def app_xml(properties: Properties) -> bytes:
    root = etree.Element(f"{{{EP}}}Properties", nsmap={None: EP, "vt": VT})
    for name, text in (("Company", properties.author), ("Application", application_name()),
                       ("DocSecurity", "0"), ("ScaleCrop", "false"), ("LinksUpToDate", "false"),
                       ("SharedDoc", "false"), ("HyperlinksChanged", "false")):
        etree.SubElement(root, f"{{{EP}}}{name}").text = text
    return _serialise(root)


def _w3cdtf(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
