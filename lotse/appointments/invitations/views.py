"""Pages of proactive invitations (ABH case workers, front office; Leitung tracks)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from lotse.appointments.invitations import letters, selectors, services
from lotse.appointments.invitations.forms import SelectionForm, StatusForm
from lotse.appointments.models import Booking
from lotse.appointments.models_invitations import Invitation, InvitationRun
from lotse.core import policy
from lotse.people.models import Person


def navigation(user: Any) -> list[tuple[Any, str]]:
    if not policy.may(user, "view", InvitationRun):
        return []
    return [(gettext_lazy("Einladungen"), reverse("invitations:runs"))]


@login_required
def runs(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    rows = selectors.runs_for_user(user=user)
    return render(
        request,
        "appointments/invitations/runs.html",
        {"runs": rows, "may_create": policy.may(user, "create", InvitationRun)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def select(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    selectors.require_invitations(user, "create" if request.method == "POST" else "view")
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = SelectionForm(data, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.invitation_run_create(by=user, selection=form.selection())
        except services.InvitationError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _summary(result))
            return redirect("invitations:run", pk=result.run.pk)
    context: dict[str, Any] = {"form": form, "rows": [], "next_cursor": None, "query": ""}
    if form.is_bound and form.is_valid():
        selection = form.selection()
        after = request.GET.get("nach", "")
        rows, next_cursor = selectors.expiring_page(
            user=user,
            selection=selection,
            after=int(after) if after.isdigit() else None,
            size=settings.LOTSE_PAGE_SIZE,
        )
        proposals = selectors.proposals(user=user, selection=selection)
        query = request.GET.copy()
        query.pop("nach", None)
        context.update(
            rows=[(r, proposals.by_period.get(r.pk)) for r in rows],
            next_cursor=next_cursor,
            query=query.urlencode(),
            total=len(proposals.periods),
            placeable=len(proposals.plan.proposals),
            unplaceable=len(proposals.plan.unplaced),
            truncated=proposals.truncated,
            reasons=services.REASON_TEXTS,
            may_create=policy.may(user, "create", InvitationRun),
        )
    return render(request, "appointments/invitations/select.html", context)


def _summary(result: services.RunResult) -> str:
    text = ngettext(
        "%(n)d Einladung mit Termin wurde angelegt.",
        "%(n)d Einladungen mit Termin wurden angelegt.",
        result.created,
    ) % {"n": result.created}
    if result.unplaced:
        text += " " + ngettext(
            "%(n)d Person bekam keinen Termin; die Gründe stehen unten.",
            "%(n)d Personen bekamen keinen Termin; die Gründe stehen unten.",
            len(result.unplaced),
        ) % {"n": len(result.unplaced)}
    return text


def _run(request: HttpRequest, pk: int, action: str = "view") -> InvitationRun:
    user = policy.staff_user(request)
    selectors.require_invitations(user)
    return policy.get_or_404(
        user,
        InvitationRun,
        pk,
        action=action,
        query=lambda qs: qs.select_related("location", "service", "organisation"),
    )


@login_required
def run(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    batch = _run(request, pk)
    invitations = list(selectors.run_invitations(run=batch))
    counts = selectors.status_counts([batch.pk]).get(batch.pk, {})
    unplaced_ids = [row["person"] for row in batch.unplaced]
    persons = Person.objects.filter(
        pk__in=unplaced_ids, organisation_id=selectors.require_invitations(user)
    )
    by_id = {p.pk: p for p in persons}
    unplaced = [
        (by_id.get(row["person"]), row["expires_on"], services.REASON_TEXTS.get(row["reason"], ""))
        for row in batch.unplaced
    ]
    printable = [i for i in invitations if _printable(i)]
    return render(
        request,
        "appointments/invitations/run.html",
        {
            "run": batch,
            "invitations": invitations,
            "counts": [(s.label, counts.get(s.value, 0)) for s in Invitation.Status],
            "unplaced": unplaced,
            "status_form": StatusForm(),
            "may_change": policy.can(user, "change", batch),
            "printable": printable,
            "readability": letters.german_readability(printable[0]) if printable else None,
        },
    )


def _printable(invitation: Invitation) -> bool:
    booking = invitation.booking
    return booking is not None and booking.status in Booking.OPEN


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def run_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _run(request, pk)
    printable = [i for i in selectors.run_invitations(run=batch) if _printable(i)]
    if not printable:
        raise Http404
    return _pdf_response(letters.invitations_pdf(printable), f"einladungen-{batch.pk}.pdf")


@login_required
def invitation_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    selectors.require_invitations(user)
    invitation = policy.get_or_404(
        user,
        Invitation,
        pk,
        query=lambda qs: qs.select_related("person", "booking__location", "run__service"),
    )
    if not _printable(invitation):
        raise Http404
    return _pdf_response(letters.invitations_pdf([invitation]), f"einladung-{invitation.pk}.pdf")


@login_required
@require_POST
def invitation_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    selectors.require_invitations(user)
    invitation = policy.get_or_404(user, Invitation, pk, action="change")
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie einen gültigen Stand."))
    else:
        try:
            services.invitation_set_status(
                invitation=invitation,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                by=user,
            )
        except services.InvitationError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Der Stand ist gespeichert."))
    return redirect(reverse("invitations:run", args=[invitation.run_id]) + f"#einladung-{pk}")


@login_required
@require_POST
def run_sent(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    batch = _run(request, pk, action="change")
    n = services.invitation_run_mark_sent(run=batch, by=user)
    messages.success(
        request,
        ngettext(
            "%(n)d Einladung ist als versandt vermerkt.",
            "%(n)d Einladungen sind als versandt vermerkt.",
            n,
        )
        % {"n": n},
    )
    return redirect("invitations:run", pk=batch.pk)


@login_required
@require_POST
def run_sync(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    batch = _run(request, pk, action="change")
    n = services.invitation_run_sync(run=batch, by=user)
    messages.success(
        request,
        ngettext(
            "%(n)d Einladung wurde nach dem Stand des Termins geändert.",
            "%(n)d Einladungen wurden nach dem Stand der Termine geändert.",
            n,
        )
        % {"n": n},
    )
    return redirect("invitations:run", pk=batch.pk)


def person_section(request: HttpRequest, person: Person) -> tuple[str, dict[str, Any]] | None:
    """The person's invitations on the person page (only for those who work with them)."""
    user = policy.staff_user(request)
    if not policy.may(user, "view", InvitationRun):
        return None
    invitations = list(
        policy.queryset(user, "view", Invitation)
        .filter(person=person)
        .select_related("run__service", "booking")
        .order_by("-created_at", "-id")[:20]
    )
    if not invitations:
        return None
    return "appointments/invitations/person_section.html", {"invitations": invitations}
