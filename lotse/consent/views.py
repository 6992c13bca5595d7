"""Views of the consent app: the section on the person page, give / show / revoke / correct, the
printable form (HTML and PDF) and the scan download. All for the owning organisation only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.consent import printing, selectors, services
from lotse.consent.forms import (
    ConsentForm,
    CorrectForm,
    LegalBasisForm,
    RevokeForm,
    consent_initial,
)
from lotse.core import policy
from lotse.core.forms import add_validation_errors
from lotse.core.models import Role
from lotse.people import selectors as people_selectors
from lotse.people.models import Person


def person_section(request: HttpRequest, person: Person) -> tuple[str, dict[str, Any]] | None:
    """The "Einwilligungen" section on the person page (the page already checked access)."""
    user = policy.staff_user(request)
    today = selectors.today()
    consents = selectors.consents_of(person)
    return "consent/section.html", {
        "person": person,
        "rows": [(c, c.status(today)) for c in consents],
        "legal_bases": selectors.legal_bases_of(person),
        "may_change": policy.may(user, "change", Person),
        "may_answer": selectors.may_answer_subject_access(user),
    }


@login_required
def consent_give(request: HttpRequest, person: int) -> HttpResponse:
    user = policy.staff_user(request)
    subject = people_selectors.person_for_user(
        user=user, pk=person, action="change", purpose="consent"
    )
    form = ConsentForm(
        request.POST or None,
        request.FILES or None,
        recipients=selectors.recipient_choices(subject),
        initial={"valid_from": selectors.today(), "form": "WRITTEN", "given_by": "PERSON"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_give(by=user, person=subject, data=form.to_data())
        except ValidationError as exc:
            add_validation_errors(form, _renamed(exc))
        else:
            messages.success(request, _("Die Einwilligung ist erfasst."))
            return redirect("consent:detail", pk=consent.pk)
    return render(request, "consent/form.html", {"form": form, "person": subject, "consent": None})


@login_required
def legal_basis_record(request: HttpRequest, person: int) -> HttpResponse:
    user = policy.staff_user(request)
    subject = people_selectors.person_for_user(
        user=user, pk=person, action="change", purpose="consent"
    )
    form = LegalBasisForm(
        request.POST or None,
        recipients=selectors.recipient_choices(subject),
        initial={"valid_from": selectors.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_basis_record(by=user, person=subject, data=form.to_data())
        except ValidationError as exc:
            names = {"recipient_id": "recipient"}
            if hasattr(exc, "error_dict"):
                exc = ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Die Rechtsgrundlage ist erfasst."))
            return redirect(f"{reverse('people:detail', args=[subject.pk])}#einwilligungen")
    return render(request, "consent/legal_basis_form.html", {"form": form, "person": subject})


def _renamed(exc: ValidationError) -> ValidationError:
    # Service field names → form field names.
    if hasattr(exc, "error_dict"):
        names = {"recipient_ids": "recipients"}
        return ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})
    return exc


@login_required
def consent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    consent = selectors.consent_for_user(user=user, pk=pk)
    return render(
        request,
        "consent/detail.html",
        {
            "consent": consent,
            "person": consent.person,
            "status": consent.status(selectors.today()),
            "may_change": policy.may(user, "change", Person),
            "revoke_form": RevokeForm(),
        },
    )


@login_required
@require_POST
def consent_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    consent = selectors.consent_for_user(user=user, pk=pk, action="change")
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.consent_revoke(by=user, consent=consent, reason=reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Einwilligung ist widerrufen. Das gilt ab sofort."))
    return redirect("consent:detail", pk=consent.pk)


@login_required
def consent_correct(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    consent = selectors.consent_for_user(user=user, pk=pk, action="change")
    if consent.revoked_at is not None:
        raise Http404
    form = CorrectForm(
        request.POST or None,
        request.FILES or None,
        recipients=selectors.recipient_choices(consent.person),
        initial=consent_initial(consent),
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = services.consent_correct(
                by=user, consent=consent, data=form.to_data(), reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_validation_errors(form, _renamed(exc))
        else:
            messages.success(
                request, _("Die Einwilligung ist berichtigt. Die alte Fassung ist widerrufen.")
            )
            return redirect("consent:detail", pk=new.pk)
    return render(
        request, "consent/form.html", {"form": form, "person": consent.person, "consent": consent}
    )


@login_required
def consent_print(request: HttpRequest, pk: int) -> HttpResponse:
    consent = selectors.consent_for_user(user=policy.staff_user(request), pk=pk, purpose="print")
    return HttpResponse(printing.render_html(consent, request=request))


@login_required
def consent_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    consent = selectors.consent_for_user(user=policy.staff_user(request), pk=pk, purpose="print")
    response = HttpResponse(printing.render_pdf(consent), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="einwilligung-{consent.pk}.pdf"'
    return response


@login_required
def consent_scan(request: HttpRequest, pk: int) -> FileResponse:
    consent = selectors.consent_for_user(user=policy.staff_user(request), pk=pk, purpose="scan")
    if not consent.scan:
        raise Http404
    try:
        handle = consent.scan.open("rb")
    except OSError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=services.scan_name(consent))


def navigation(user: Any) -> list[tuple[Any, str]]:
    """Menu entries: the Leitung answers Art. 15 requests (it has no person list); ADMIN and
    Leitung see the retention rules."""
    entries: list[tuple[Any, str]] = []
    if getattr(user, "role", "") == Role.LEITUNG and user.organisation_id:
        entries.append((gettext_lazy("Auskunft"), reverse("consent:subject_access_find")))
    if getattr(user, "role", "") in (Role.ADMIN, Role.LEITUNG) and user.organisation_id:
        entries.append((gettext_lazy("Aufbewahrung"), reverse("consent:retention")))
    return entries
