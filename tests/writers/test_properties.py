"""The property parts: generated whole from the memo, valid whatever other libraries do."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from memo.writers.docx import render_docx
from memo.writers.properties import core_xml


def test_core_properties_keep_their_namespace_even_after_docxcompose_is_imported(nacka):
    """docxcompose rewrites python-docx's cp prefix when imported; the property parts do not depend on it."""
    import docx.oxml.ns as ns

    saved = dict(ns.nsmap)
    ns.nsmap["cp"] = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    try:
        data = render_docx(nacka.memo, nacka.organisation.template)
    finally:
        ns.nsmap.clear()
        ns.nsmap.update(saved)
    core = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml"))
    names = [etree.QName(child) for child in core]
    assert {n.namespace for n in names} == {"http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
                                            "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"}
    assert len({n.localname for n in names}) == len(names)


def test_app_properties_record_the_versions_that_shape_the_bytes(nacka_docx):
    from importlib.metadata import version

    app = etree.fromstring(zipfile.ZipFile(io.BytesIO(nacka_docx)).read("docProps/app.xml"))
    application = app.findtext("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Application")
    for name in ("docxtpl", "python-docx", "lxml", "Jinja2"):
        assert f"{name} {version(name)}" in application
    assert application.startswith(f"memo {version('memo')} (")



def test_core_xml_holds_each_property_once(nacka):
    core = etree.fromstring(core_xml(nacka.memo.properties))
    texts = {etree.QName(child).localname: child.text for child in core}
    assert texts == {
        "title": "Trygghetspaketet 2024", "subject": "KFKS-2024-00430", "creator": "Nacka kommun",
        "keywords": "Tjänsteskrivelse, KFKS-2024-00430, Nacka kommun", "lastModifiedBy": "Nacka kommun",
        "revision": "1", "identifier": "KFKS-2024-00430", "language": "sv-SE",
        "created": "2024-03-25T00:00:00Z", "modified": "2024-03-25T00:00:00Z",
    }
