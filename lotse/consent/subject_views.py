"""Views of the Art. 15 answer (page, JSON, PDF) and the retention rules of an organisation.

Only the owning organisation answers for its records: every view fetches the person through
`selectors.subject_person_for_user` (404 for foreign persons and roles without access).
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.consent import printing, selectors, services, subject_access
from lotse.consent.forms import SubjectFindForm
from lotse.core import policy


@login_required
def subject_access_page(request: HttpRequest, person: int) -> HttpResponse:
    user = policy.staff_user(request)
    subject = selectors.subject_person_for_user(user=user, pk=person)
    sections = [p(subject, user) for p in subject_access.providers()]
    partial = [s.title for s in sections if s is not None and not s.complete]
    return render(
        request,
        "consent/subject_access.html",
        {
            "person": subject,
            "partial": partial,
            "may_view_person": policy.may(user, "view", type(subject)),
        },
    )


@login_required
def subject_access_json(request: HttpRequest, person: int) -> HttpResponse:
    user = policy.staff_user(request)
    subject = selectors.subject_person_for_user(user=user, pk=person)
    export = services.subject_access_export(by=user, person=subject, format="json")
    body = json.dumps(subject_access.to_json(export), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="auskunft-lotse-{subject.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def subject_access_pdf(request: HttpRequest, person: int) -> HttpResponse:
    user = policy.staff_user(request)
    subject = selectors.subject_person_for_user(user=user, pk=person)
    export = services.subject_access_export(by=user, person=subject, format="pdf")
    response = HttpResponse(printing.render_subject_pdf(export), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="auskunft-lotse-{subject.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def subject_access_find(request: HttpRequest) -> HttpResponse:
    """For the Leitung (no person list): find a person of the organisation by number."""
    user = policy.staff_user(request)
    if not selectors.may_answer_subject_access(user):
        raise Http404
    form = SubjectFindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        found = selectors.person_by_number_for_subject_access(
            user=user, text=form.cleaned_data["number"]
        )
        if found is not None:
            return redirect("consent:subject_access", person=found.pk)
        messages.error(request, _("Zu dieser Nummer gibt es in Ihrer Organisation keine Person."))
    return render(request, "consent/subject_access_find.html", {"form": form})
