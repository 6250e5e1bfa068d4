"""The PDF edition: WeasyPrint's rendering of the final HTML as one file that is archival
(PDF/A-3), tagged for screen readers (conformance level A, and declared PDF/UA-1) and carries
the data behind it as associated files.

WeasyPrint 70 writes `pdf/a-3a` itself: the structure tree, an sRGB output intent, XMP
metadata mirroring the document info, and an /AF entry per attachment. `finish` does the two
things it leaves undone or machine-dependent: it lists each attachment twice in the
catalogue's /AF; it takes attachments' MIME types from the machine's tables; and its XMP
declares only the PDF/A part, so the PDF/UA-1 identifier (with the extension schema PDF/A
requires for a property it does not predefine) is added to the same packet.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pydyf
from weasyprint import HTML, Attachment
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from . import BriefError, paths
from .datapackage import load
from .paths import Brief

VARIANT = "pdf/a-3a"
# WeasyPrint guesses an attachment's MIME type from the machine's own tables, which differ
# (and know no YAML here); these make the bytes the same on every machine.
MEDIA_TYPES = {".csv": "text/csv", ".yaml": "application/yaml", ".json": "application/json"}
# The ledger explains the brief's numbers; it is attached when the build has produced it.
# manifest.json is not attached: it records the PDFs' own hashes, and a copy from an earlier
# build would make the bytes depend on the build history.
CLAIMS_DESCRIPTION = "Every number the brief states, with its period and source ids."
PDFUA_IDENTIFICATION = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


class PdfError(BriefError):
    """The PDF cannot be written as specified; the message says why."""


@dataclass(frozen=True)
class DataFile:
    """A file the PDF carries: its name inside the PDF, where it is read, and its role."""

    name: str
    path: Path
    relationship: str  # PDF/A-3 AFRelationship: Data (the brief is computed from it) or Supplement
    description: str


def data_files(brief: Brief) -> list[DataFile]:
    """The brief's data package (descriptor, table schemas, every CSV) and its claims ledger,
    named as in the package so it can be rebuilt from the PDF."""
    data_root = brief.data
    descriptor = load(data_root).descriptor
    files = [DataFile("datapackage.yaml", data_root / "datapackage.yaml", "Data", descriptor["title"])]
    for resource in descriptor["resources"]:
        files.append(DataFile(resource["path"], data_root / resource["path"], "Data",
                              resource.get("title", resource["name"])))
    schemas = sorted({r["schema"] for r in descriptor["resources"] if isinstance(r.get("schema"), str)})
    files += [DataFile(s, data_root / s, "Data", "Table schema shared by the observation tables") for s in schemas]
    for name in (f.name for f in files):
        # The descriptor is data: it may name files to attach, but only inside data/.
        if not (data_root / name).resolve().is_relative_to(data_root.resolve()):
            raise PdfError(f"{brief.shown(brief.datapackage)} names {name!r}, outside {brief.shown(data_root)}/; "
                           f"it cannot be attached")
    if brief.claims.exists():
        files.append(DataFile(brief.claims.name, brief.claims, "Supplement", CLAIMS_DESCRIPTION))
    return files


class EmbeddedOnly(URLFetcher):
    """The HTML is self-contained: any request for a resource outside it is a build error."""

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            raise FatalURLFetchingError(f"the brief refers to an external resource: {url[:120]}")
        return super().fetch(url, headers)


def finish(document, pdf: pydyf.PDF) -> None:
    """Complete WeasyPrint's PDF/A-3a output: each associated file once with a fixed MIME type,
    PDF/UA-1 declared."""
    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))
    for spec in pdf.objects:
        if isinstance(spec, dict) and spec.get("Type") == "/Filespec":
            media_type = MEDIA_TYPES.get(Path(spec["UF"].string).suffix, "application/octet-stream")
            pdf.objects[int(spec["EF"]["F"].split()[0])].extra["Subtype"] = "/" + media_type.replace("/", "#2f")
    metadata = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    packet = b"".join(metadata.stream)
    if packet.count(b"</rdf:RDF>") != 1:
        raise PdfError("WeasyPrint's XMP packet has an unexpected shape; PDF/UA-1 cannot be declared")
    metadata.stream = [packet.replace(b"</rdf:RDF>", PDFUA_IDENTIFICATION + b"</rdf:RDF>")]


def pdf_from_html(html: str, edition_date: dt.date, *,
                  attachments: Sequence[DataFile] = ()) -> tuple[bytes, list[set[str]]]:
    """The PDF bytes, and for each page the ids of the elements on it (so a budget can tell the body
    from the appendix). Same HTML, date and attached files -> same bytes."""
    edition_time = dt.datetime.combine(edition_date, dt.time())
    # fontTools stamps subset fonts with this time; the PDF's own dates come from the HTML's <meta>.
    os.environ["SOURCE_DATE_EPOCH"] = str(int(edition_time.replace(tzinfo=dt.timezone.utc).timestamp()))
    contents = [file.path.read_bytes() for file in attachments]
    try:
        document = HTML(string=html, base_url=str(paths.REPORTS), url_fetcher=EmbeddedOnly()).render()
    except FatalURLFetchingError as refusal:  # a BaseException: it would end in a traceback
        raise PdfError(str(refusal)) from None
    identifier = hashlib.sha256(html.encode("utf-8"))
    for content in contents:
        identifier.update(hashlib.sha256(content).digest())
    pdf = document.write_pdf(
        pdf_variant=VARIANT, pdf_identifier=identifier.hexdigest()[:32].encode(), finisher=finish,
        attachments=[Attachment(string=content, name=file.name, description=file.description,
                                created=edition_time, modified=edition_time, relationship=file.relationship)
                     for file, content in zip(attachments, contents)])
    return pdf, [set(page.anchors) for page in document.pages]
