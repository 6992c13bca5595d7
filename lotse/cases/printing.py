"""The printable Zielvereinbarung: HTML print view and PDF (WeasyPrint, DIN A4), plain language,
with signature lines. Rendered in the language chosen when it was agreed (the person's language
where Lotse has a translation of the form), otherwise German."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from lotse.cases.models import Case, PlanVersion
from lotse.core.i18n import translated_into
from lotse.people.models import Person

STYLESHEET = "cases/print.css"
# A string of the printed form: a language "has a translation" when its catalogue has this one.
MARKER = "Zielvereinbarung"


def has_translation(code: str) -> bool:
    return translated_into(code, MARKER)


def language_choices(person: Person) -> list[tuple[str, str]]:
    """German, then the person's languages that Lotse can print the form in."""
    names = dict(settings.LANGUAGES)
    codes = ["de"] + [
        str(code).lower()
        for code in person.languages or []
        if str(code).lower() in names and str(code).lower() != "de"
    ]
    return [(code, str(names[code])) for code in dict.fromkeys(codes) if has_translation(code)]


def print_language(version: PlanVersion, person: Person) -> str:
    if version.language and has_translation(version.language):
        return version.language
    choices = language_choices(person)
    return choices[1][0] if len(choices) > 1 else "de"


def _context(case: Case, version: PlanVersion, *, for_pdf: bool) -> dict[str, Any]:
    language = print_language(version, case.person)
    return {
        "case": case,
        "person": case.person,
        "version": version,
        "goals": list(version.goals.all()),
        "language": language,
        "for_pdf": for_pdf,
    }


def render_html(case: Case, version: PlanVersion, *, request: HttpRequest | None = None) -> str:
    context = _context(case, version, for_pdf=False)
    with translation.override(context["language"]):
        return render_to_string("cases/print.html", context, request=request)


def render_pdf(case: Case, version: PlanVersion) -> bytes:
    from weasyprint import CSS, HTML

    context = _context(case, version, for_pdf=True)
    with translation.override(context["language"]):
        html = render_to_string("cases/print.html", context)
    stylesheet = finders.find(STYLESHEET)
    sheets = [CSS(filename=str(stylesheet))] if stylesheet else []
    return bytes(HTML(string=html).write_pdf(stylesheets=sheets))
