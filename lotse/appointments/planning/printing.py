"""The "Gutachten zur Kundensteuerung": HTML rendered to PDF with WeasyPrint (DIN A4), the
same charts and tables as the results page plus method, assumptions and recommendations."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from lotse.appointments.planning.comparing import Outcome
from lotse.core.models import Organisation, User

STYLESHEET = "appointments_planning/gutachten.css"


def render_html(outcome: Outcome, *, organisation: Organisation, author: User) -> str:
    return render_to_string(
        "appointments_planning/gutachten.html",
        {
            "outcome": outcome,
            "organisation": organisation,
            "author": author.get_full_name() or author.username,
            "today": timezone.localdate(),
        },
    )


def render_pdf(outcome: Outcome, *, organisation: Organisation, author: User) -> bytes:
    from weasyprint import CSS, HTML

    html = render_html(outcome, organisation=organisation, author=author)
    stylesheet = finders.find(STYLESHEET)
    sheets = [CSS(filename=str(stylesheet))] if stylesheet else []
    return bytes(HTML(string=html).write_pdf(stylesheets=sheets))
