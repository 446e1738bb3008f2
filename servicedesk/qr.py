"""The survey's QR code on the work-order forms PDF: the customer scans it from the evaluation form they sign.

Registered with workorders.forms_pdf (a lower app) when this app is ready; printed only while the survey
is open (not answered, not expired), so a printed form never carries a link that is already spent."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from .models import SurveyInvitation
from .services import survey_token


def survey_qr(work_order, base_url: str) -> dict:
    import segno  # only when a form is printed

    survey = (
        SurveyInvitation.objects.filter(request__work_order=work_order, answered_at__isnull=True)
        .filter(expires_at__gt=timezone.now())
        .first()
    )
    if survey is None or not base_url:  # a QR code needs the site's full address
        return {}
    url = base_url.rstrip("/") + reverse("survey", args=[survey_token(survey)])
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2)
    return {"survey_qr": svg, "survey_url": url, "survey_expires": survey.expires_at}
