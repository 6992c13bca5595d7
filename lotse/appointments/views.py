"""Staff pages of Kundensteuerung: catalogue of Anliegen, locations with opening hours,
closures and capacity (ABH Leitung and Administration change; ABH staff read)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lotse.appointments import selectors, services
from lotse.appointments.forms import (
    ClosureForm,
    LocationForm,
    OpeningHoursForm,
    ServiceForm,
    TranslationsForm,
)
from lotse.appointments.models import Location, OpeningHours, Service, Team
from lotse.appointments.translations import translation_status
from lotse.core import policy


def navigation(user: Any) -> list[tuple[Any, str]]:
    if not policy.may(user, "view", Location):
        return []
    return [(gettext_lazy("Termine"), reverse("appointments:overview"))]


def _limit_choices(form: ServiceForm, user: Any) -> None:
    form.fields["locations"].queryset = selectors.locations_for_user(user)  # type: ignore[attr-defined]
    form.fields["teams"].queryset = policy.queryset(user, "view", Team)  # type: ignore[attr-defined]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    policy.require_may(user, "view", Location)
    locations = list(selectors.locations_for_user(user))
    return render(
        request,
        "appointments/staff/overview.html",
        {
            "locations": [(loc, translation_status(loc)) for loc in locations],
            "services": [(s, translation_status(s)) for s in selectors.services_for_user(user)],
            "may_change": policy.may(user, "change", Location),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = policy.staff_user(request)
    if pk is None:
        policy.require_may(user, "create", Service)
        service = Service()
    else:
        service = policy.get_or_404(user, Service, pk, action="change")
    form = ServiceForm(request.POST or None, instance=service)
    _limit_choices(form, user)
    if request.method == "POST" and form.is_valid():
        instance = form.save(commit=False)
        services.service_save(
            service=instance,
            by=user,
            m2m={
                "locations": form.cleaned_data["locations"],
                "teams": form.cleaned_data["teams"],
            },
        )
        messages.success(request, _("Das Anliegen ist gespeichert."))
        return redirect("appointments:overview")
    return render(
        request, "appointments/staff/service_form.html", {"form": form, "service": service}
    )


def _location_context(location: Location, user: Any) -> dict[str, Any]:
    return {
        "location": location,
        "translation_status": translation_status(location),
        "hours": list(location.opening_hours.all()),
        "closures": list(location.closures.order_by("-starts_on")[:20]),
        "summary": selectors.slot_summary(location),
        "may_change": policy.can(user, "change", location),
        "hours_form": OpeningHoursForm(),
        "closure_form": ClosureForm(),
    }


@login_required
def location_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = policy.get_or_404(user, Location, pk)
    return render(
        request, "appointments/staff/location_detail.html", _location_context(location, user)
    )


def _translations_page(
    request: HttpRequest,
    obj: Service | Location,
    *,
    save: Callable[[TranslationsForm], object],
    done_url: str,
) -> HttpResponse:
    form = TranslationsForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        save(form)
        messages.success(request, _("Die Übersetzungen sind gespeichert."))
        return redirect(done_url)
    return render(
        request,
        "appointments/staff/translations_form.html",
        {"form": form, "object": obj, "done_url": done_url},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_translations(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    service = policy.get_or_404(user, Service, pk, action="change")
    return _translations_page(
        request,
        service,
        save=lambda form: services.service_translations_save(
            service=service, translations=form.translations(), by=user
        ),
        done_url=reverse("appointments:overview"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def location_translations(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = policy.get_or_404(user, Location, pk, action="change")
    return _translations_page(
        request,
        location,
        save=lambda form: services.location_translations_save(
            location=location, translations=form.translations(), by=user
        ),
        done_url=reverse("appointments:location_detail", args=[location.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def location_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = policy.get_or_404(user, Location, pk, action="change")
    form = LocationForm(request.POST or None, instance=location)
    if request.method == "POST" and form.is_valid():
        services.location_save(location=form.save(commit=False), by=user)
        messages.success(request, _("Der Standort ist gespeichert. Die Zeiten sind neu berechnet."))
        return redirect("appointments:location_detail", pk=location.pk)
    return render(
        request, "appointments/staff/location_form.html", {"form": form, "location": location}
    )


@login_required
@require_POST
def hours_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = policy.get_or_404(user, Location, pk, action="change")
    form = OpeningHoursForm(request.POST)
    if form.is_valid():
        services.opening_hours_add(hours=form.save(commit=False), location=location, by=user)
        messages.success(
            request, _("Die Öffnungszeit ist gespeichert. Die Zeiten sind neu berechnet.")
        )
        return redirect("appointments:location_detail", pk=location.pk)
    context = _location_context(location, user)
    context["hours_form"] = form
    return render(request, "appointments/staff/location_detail.html", context, status=400)


@login_required
@require_POST
def hours_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    hours = policy.get_or_404(user, OpeningHours, pk, action="change")
    location_pk = hours.location_id
    services.opening_hours_delete(hours=hours, by=user)
    messages.success(request, _("Die Öffnungszeit ist gelöscht. Die Zeiten sind neu berechnet."))
    return redirect("appointments:location_detail", pk=location_pk)


@login_required
@require_POST
def closure_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = policy.get_or_404(user, Location, pk, action="change")
    form = ClosureForm(request.POST)
    if form.is_valid():
        closure = services.closure_create(
            location=location,
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            reason=form.cleaned_data["reason"],
            by=user,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        messages.success(
            request,
            _(
                "Der Schließtag ist gespeichert. %(count)d Termine wurden abgesagt und die "
                "Kundinnen und Kunden per E-Mail informiert."
            )
            % {"count": closure.cancelled_bookings},
        )
        return redirect("appointments:location_detail", pk=location.pk)
    context = _location_context(location, user)
    context["closure_form"] = form
    return render(request, "appointments/staff/location_detail.html", context, status=400)


@login_required
@require_POST
def slots_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    location = policy.get_or_404(user, Location, pk, action="change")
    result = services.slots_recompute(location=location, by=user)
    messages.success(
        request,
        _("Zeiten neu berechnet: %(created)d neu, %(updated)d geändert, %(deleted)d entfernt.")
        % {"created": result.created, "updated": result.updated, "deleted": result.deleted},
    )
    return redirect("appointments:location_detail", pk=location.pk)
