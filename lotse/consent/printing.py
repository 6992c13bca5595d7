"""The printable consent form in plain language: HTML print view and PDF (WeasyPrint, DIN A4).

The form is rendered in the person's first language when Lotse has a catalogue for it, otherwise
in German, and then the form says so.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from lotse.consent.models import Consent
from lotse.consent.subject_access import SubjectExport, date_text
from lotse.core.i18n import translated_into

STYLESHEET = "consent/print.css"


# The form exists in a language when its catalogue translates the form's title.
MARKER = "Einwilligung in die Weitergabe von Daten"


def form_language(consent: Consent) -> tuple[str, str]:
    """(language to render in, the person's first language if the form is not translated)."""
    available = {code for code, _name in settings.LANGUAGES}
    first = (consent.person.languages or ["de"])[0].lower()
    if first in available and translated_into(first, MARKER):
        return first, ""
    return "de", first


def _context(consent: Consent, *, for_pdf: bool) -> dict[str, Any]:
    language, missing = form_language(consent)
    return {
        "consent": consent,
        "person": consent.person,
        "recipients": list(consent.recipients.all()),
        "language": language,
        "missing_language": missing,
        "for_pdf": for_pdf,
    }


def render_html(consent: Consent, *, request: HttpRequest | None = None) -> str:
    context = _context(consent, for_pdf=False)
    with translation.override(context["language"]):
        return render_to_string("consent/print.html", context, request=request)


def render_pdf(consent: Consent) -> bytes:
    from weasyprint import CSS, HTML

    context = _context(consent, for_pdf=True)
    with translation.override(context["language"]):
        html = render_to_string("consent/print.html", context)
    stylesheet = finders.find(STYLESHEET)
    sheets = [CSS(filename=str(stylesheet))] if stylesheet else []
    return bytes(HTML(string=html).write_pdf(stylesheets=sheets))


SUBJECT_STYLESHEET = "consent/subject-access.css"


def render_subject_pdf(export: SubjectExport) -> bytes:
    """The Art. 15 answer as PDF: cover letter with the rights, then every section (German)."""
    from weasyprint import CSS, HTML

    context = {
        "export": export,
        "person": export.person,
        "generated_text": date_text(export.generated_at),
    }
    with translation.override("de"):
        html = render_to_string("consent/subject_access_print.html", context)
    stylesheet = finders.find(SUBJECT_STYLESHEET)
    sheets = [CSS(filename=str(stylesheet))] if stylesheet else []
    return bytes(HTML(string=html).write_pdf(stylesheets=sheets))
