"""An honour certificate (荣誉证书) as a PDF: A4 landscape, in Chinese whatever the reader's language, with the
company's name, the engineer, the honour and its month, the reason, the date and a place for the red seal.
The seal is a placeholder: the certificate is valid once stamped by hand, like the controlled documents."""

from __future__ import annotations

from core.pdf import document_pdf

from .models import Grant


def certificate_pdf(grant: Grant) -> bytes:
    award = grant.award
    return document_pdf(
        "welfare/certificate_pdf.html",
        {"grant": grant, "award": award, "engineer": grant.engineer},
    )
