"""Views of the network app: referrals (create from a case, inbox, outbox, the category-filtered
referral page, answers), transfers of case ownership, obstacles (record from a case, own list,
the coordinators' pseudonymised overview with CSV). Thin: parse, one service or selector,
render."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.cases import access as case_access
from lotse.cases import selectors as case_selectors
from lotse.cases.models import Case
from lotse.core import policy
from lotse.core.forms import add_validation_errors
from lotse.core.models import Organisation, User
from lotse.network import selectors, services
from lotse.network.access import COORDINATOR_ROLES, RECEIVER_ROLES
from lotse.network.forms import (
    CompleteForm,
    DeclineForm,
    ObstacleFilterForm,
    ObstacleForm,
    ObstacleStatusForm,
    ReferralForm,
    StatusFilterForm,
    TransferForm,
)
from lotse.network.models import Obstacle, Offering, Referral, Transfer

# --- hooks ------------------------------------------------------------------------------------


def navigation(user: Any) -> list[tuple[Any, str]]:
    items: list[tuple[Any, str]] = []
    role = getattr(user, "role", None)
    if role in RECEIVER_ROLES and policy.may(user, "answer", Referral):
        items.append((gettext_lazy("Überleitungen"), reverse("network:inbox")))
    if role in COORDINATOR_ROLES:
        items.append((gettext_lazy("Hindernisse"), reverse("network:coordination")))
    return items


def case_section(request: HttpRequest, case: Case) -> tuple[str, dict[str, Any]] | None:
    """Referrals, transfers and obstacles on the case overview (the owning organisation)."""
    user = policy.staff_user(request)
    if case.organisation_id != user.organisation_id:
        return None
    return "network/case_section.html", {
        "case": case,
        "referrals": selectors.referrals_of_case(case),
        "transfers": selectors.transfers_of_case(case),
        "obstacles": selectors.obstacles_of_case(case),
        "may_change": case_selectors.may_change(user, case),
    }


# --- helpers ----------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    return policy.staff_user(request)


def _case(request: HttpRequest, pk: int) -> Case:
    """A case the user works on (change); 404/403 per the cases app's rules."""
    user = _user(request)
    case = case_selectors.case_for_user(user=user, pk=pk, action="change", purpose="network")
    if not case_selectors.may_change(user, case):
        raise PermissionDenied
    return case


def _cursor(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _other_organisations(case: Case) -> Any:
    return Organisation.objects.filter(kommune_id=case.kommune_id).exclude(pk=case.organisation_id)


# --- referrals --------------------------------------------------------------------------------


@login_required
def referral_create(request: HttpRequest, case: int) -> HttpResponse:
    the_case = _case(request, case)
    organisations = _other_organisations(the_case).order_by("name")
    offerings = Offering.objects.filter(organisation__in=organisations, active=True).select_related(
        "organisation"
    )
    form = ReferralForm(request.POST or None, organisations=organisations, offerings=offerings)
    missing_consent = False
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(
                by=_user(request), case=the_case, data=form.to_data()
            )
        except ValidationError as exc:
            missing_consent = "categories" in getattr(exc, "error_dict", {})
            add_validation_errors(form, _renamed(exc))
        else:
            messages.success(request, _("Die Überleitung wurde gesendet."))
            return redirect("network:referral_detail", referral.pk)
    return render(
        request,
        "network/referral_form.html",
        {
            "case": the_case,
            "person": the_case.person,
            "form": form,
            "missing_consent": missing_consent,
        },
    )


def _renamed(exc: ValidationError) -> ValidationError:
    if not hasattr(exc, "error_dict"):
        return exc
    names = {
        "to_organisation_id": "to_organisation",
        "offering_id": "offering",
        "to_user_id": "to_user",
        "concerned_id": "concerned",
    }
    return ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not policy.may(user, "answer", Referral):
        raise Http404
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    rows, next_after = selectors.inbox(
        user=user, status=status, after=_cursor(request.GET.get("nach"))
    )
    return render(
        request,
        "network/inbox.html",
        {
            "form": form,
            "referrals": rows,
            "next_after": next_after,
            "status": status,
            "show_outbox": case_access.may(user, "view"),
            "transfers": selectors.incoming_transfers(user=user)
            if user.role in case_access.WORK_ROLES
            else [],
        },
    )


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not case_access.may(user, "view"):
        raise Http404
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    rows, next_after = selectors.outbox(
        user=user, status=status, after=_cursor(request.GET.get("nach"))
    )
    return render(
        request,
        "network/outbox.html",
        {
            "form": form,
            "referrals": rows,
            "next_after": next_after,
            "status": status,
            "show_outbox": True,
        },
    )


def _referral_page(
    request: HttpRequest, referral: Referral, *, status: int = 200, **extra: Any
) -> HttpResponse:
    user = _user(request)
    receiving = user.organisation_id == referral.to_organisation_id
    view = selectors.referral_disclosure(user=user, referral=referral)
    if receiving:
        services.referral_seen(by=user, referral=referral)
    context = {
        "referral": referral,
        "view": view,
        "receiving": receiving,
        # The sender's message is about the person: the receiver sees it only with the data.
        "show_message": bool(referral.message) and (not receiving or bool(view.sections)),
        "may_answer": receiving and policy.can(user, "answer", referral),
        "decline_form": extra.pop("decline_form", None) or DeclineForm(),
        "complete_form": extra.pop("complete_form", None) or CompleteForm(),
        **extra,
    }
    return render(request, "network/referral_detail.html", context, status=status)


@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_for_user(user=_user(request), pk=pk)
    return _referral_page(request, referral)


@login_required
@require_POST
def referral_accept(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    referral = selectors.referral_for_user(user=user, pk=pk, action="answer")
    try:
        services.referral_accept(by=user, referral=referral)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Sie haben die Überleitung angenommen."))
    return redirect("network:referral_detail", pk)


@login_required
def referral_decline(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    referral = selectors.referral_for_user(user=user, pk=pk, action="answer")
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_decline(
                by=user, referral=referral, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Sie haben die Überleitung abgelehnt."))
            return redirect("network:referral_detail", pk)
    if request.method == "GET":
        return redirect("network:referral_detail", pk)
    return _referral_page(request, referral, status=422, decline_form=form)


@login_required
def referral_complete(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    referral = selectors.referral_for_user(user=user, pk=pk, action="answer")
    form = CompleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_complete(
                by=user, referral=referral, result=form.cleaned_data["result"]
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Die Überleitung ist abgeschlossen."))
            return redirect("network:referral_detail", pk)
    if request.method == "GET":
        return redirect("network:referral_detail", pk)
    return _referral_page(request, referral, status=422, complete_form=form)


# --- transfers --------------------------------------------------------------------------------


@login_required
def transfer_create(request: HttpRequest, case: int) -> HttpResponse:
    the_case = _case(request, case)
    organisations = Organisation.objects.filter(kommune_id=the_case.kommune_id).order_by("name")
    users = (
        User.objects.filter(
            organisation__kommune_id=the_case.kommune_id,
            is_active=True,
            role__in=case_access.WORK_ROLES,
        )
        .exclude(pk=the_case.case_manager_id)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "username")
    )
    form = TransferForm(request.POST or None, organisations=organisations, users=users)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.transfer_request(
                by=_user(request), case=the_case, data=form.to_data()
            )
        except ValidationError as exc:
            add_validation_errors(form, _renamed(exc))
        else:
            if transfer.status == Transfer.Status.ACCEPTED:
                messages.success(request, _("Der Fall ist übergeben."))
                if policy.can(_user(request), "view", the_case):
                    return redirect("cases:detail", the_case.pk)
                return redirect("cases:list")
            messages.success(request, _("Die Übergabe ist angefragt."))
            return redirect("cases:detail", the_case.pk)
    return render(
        request,
        "network/transfer_form.html",
        {"case": the_case, "person": the_case.person, "form": form},
    )


@login_required
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    transfer = selectors.transfer_for_user(user=user, pk=pk)
    receiving = user.organisation_id == transfer.to_organisation_id
    stammdaten = None
    if receiving and transfer.status == Transfer.Status.REQUESTED:
        stammdaten = selectors.transfer_stammdaten(user=user, transfer=transfer)
    return render(
        request,
        "network/transfer_detail.html",
        {
            "transfer": transfer,
            "receiving": receiving,
            "stammdaten": stammdaten,
            "show_message": bool(transfer.message)
            and (
                not receiving
                or stammdaten is not None
                or transfer.status == Transfer.Status.ACCEPTED
            ),
            "may_answer": receiving
            and transfer.status == Transfer.Status.REQUESTED
            and policy.can(user, "answer", transfer),
            "decline_form": DeclineForm(),
        },
    )


@login_required
@require_POST
def transfer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    transfer = selectors.transfer_for_user(user=user, pk=pk, action="answer")
    try:
        services.transfer_accept(by=user, transfer=transfer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("network:transfer_detail", pk)
    messages.success(request, _("Sie haben den Fall übernommen."))
    return redirect("cases:detail", transfer.case_id)


@login_required
@require_POST
def transfer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    transfer = selectors.transfer_for_user(user=user, pk=pk, action="answer")
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.transfer_decline(
                by=user, transfer=transfer, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Sie haben die Übergabe abgelehnt."))
    else:
        messages.error(request, str(services.ERR_REASON))
    return redirect("network:transfer_detail", pk)


# --- obstacles --------------------------------------------------------------------------------


@login_required
def obstacle_create(request: HttpRequest, case: int) -> HttpResponse:
    the_case = _case(request, case)
    if not policy.may(_user(request), "create", Obstacle):
        raise Http404
    organisations = Organisation.objects.filter(kommune_id=the_case.kommune_id).order_by("name")
    form = ObstacleForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.obstacle_record(by=_user(request), case=the_case, data=form.to_data())
        except ValidationError as exc:
            add_validation_errors(form, _renamed(exc))
        else:
            messages.success(request, _("Das Hindernis ist erfasst."))
            return redirect("cases:detail", the_case.pk)
    return render(
        request,
        "network/obstacle_form.html",
        {"case": the_case, "person": the_case.person, "form": form},
    )


@login_required
def obstacles(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.role in COORDINATOR_ROLES:
        return redirect("network:coordination")
    if not policy.may(user, "view", Obstacle):
        raise Http404
    return render(
        request,
        "network/obstacles.html",
        {"obstacles": selectors.obstacles_of_organisation(user=user)},
    )


def _coordinator(request: HttpRequest) -> tuple[User, selectors.ObstacleFilter, Any]:
    user = _user(request)
    if user.role not in COORDINATOR_ROLES:
        raise Http404
    organisations = selectors.concerned_choices(user)
    form = ObstacleFilterForm(request.GET or None, organisations=organisations)
    filters = selectors.ObstacleFilter()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.ObstacleFilter(
            field=d["field"],
            concerned=d["concerned"].pk if d.get("concerned") else None,
            status=d["status"],
        )
    return user, filters, form


@login_required
def coordination(request: HttpRequest) -> HttpResponse:
    user, filters, form = _coordinator(request)
    return render(
        request,
        "network/coordination.html",
        {
            "form": form,
            "rows": selectors.obstacles_for_coordinator(user=user, filters=filters),
            "counts": selectors.obstacle_counts(user=user, filters=filters),
            "status_choices": Obstacle.Status.choices,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def coordination_csv(request: HttpRequest) -> HttpResponse:
    user, filters, _form = _coordinator(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="hindernisse.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Nr."),
            _("erfasst am"),
            _("erfasst von Stelle"),
            _("Handlungsfeld"),
            _("Art"),
            _("betroffene Stelle"),
            _("Beschreibung"),
            _("Status"),
            _("Vermerk"),
        ]
    )
    fields = dict(Obstacle._meta.get_field("field").choices or [])
    kinds = dict(Obstacle.Kind.choices)
    statuses = dict(Obstacle.Status.choices)
    for row in selectors.obstacles_for_coordinator(user=user, filters=filters, limit=100_000):
        writer.writerow(
            [
                row["id"],
                row["created_at"].date().isoformat(),
                row["organisation__name"],
                fields.get(row["field"], row["field"]),
                kinds.get(row["kind"], row["kind"]),
                row["concerned__name"] or "",
                _csv_safe(row["description"]),
                statuses.get(row["status"], row["status"]),
                _csv_safe(row["status_note"]),
            ]
        )
    return response


def _csv_safe(text: str) -> str:
    # Spreadsheet formula injection: a cell starting with = + - @ is read as a formula.
    return "'" + text if text[:1] in {"=", "+", "-", "@"} else text


@login_required
@require_POST
def obstacle_status(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    if user.role not in COORDINATOR_ROLES:
        raise Http404
    obstacle = policy.get_or_404(user, Obstacle, pk, action="change")
    form = ObstacleStatusForm(request.POST)
    if form.is_valid():
        services.obstacle_set_status(
            by=user,
            obstacle=obstacle,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Der Status ist geändert."))
    else:
        messages.error(request, _("Bitte wählen Sie einen Status."))
    return redirect(reverse("network:coordination") + "#hindernis-" + str(pk))
