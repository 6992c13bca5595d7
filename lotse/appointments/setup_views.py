"""Staff pages for a location's set-up: breaks, teams, desks and work profiles.

Each kind has a list (per location), an add page, an edit page and a delete action. ABH
Leitung and Administration of the owning office change; the office's other staff read; everyone
else gets 404. Changes of breaks recompute the slots (see services.break_save).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from lotse.appointments import selectors, services
from lotse.appointments.models import Break, Desk, Location, Team, WorkProfile
from lotse.appointments.setup_forms import (
    BreakForm,
    DeskForm,
    TeamForm,
    WorkProfileForm,
    WorkProfileItemFormSet,
)
from lotse.core import policy
from lotse.core.models import User

# Query parameter of the edit and delete links of office-wide teams (see _location_of).
LOCATION_PARAM = "standort"


def _time(value: Any) -> str:
    return value.strftime("%H:%M") if value else ""


def _validity(obj: Any) -> str:
    first = date_format(obj.valid_from, "d.m.Y") if obj.valid_from else ""
    last = date_format(obj.valid_to, "d.m.Y") if obj.valid_to else ""
    return f"{first}–{last}" if first or last else _("immer")


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nein")


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[models.Model]
    title: Any
    add_label: Any
    saved: Any
    deleted: Any
    empty: Any
    headers: tuple[Any, ...]
    cells: Callable[[Any], list[str]]
    # (heading or "", records) per table; most kinds have one table without a heading
    groups: Callable[[Location], list[tuple[Any, models.QuerySet[Any]]]]
    # what the row's buttons name for screen readers ("Bearbeiten Mittwoch 10:00–11:00");
    # without it the first cell
    label: Callable[[Any], str] | None = None

    def label_of(self, obj: Any) -> str:
        return self.label(obj) if self.label else self.cells(obj)[0]


KINDS = {
    "break": Kind(
        slug="break",
        model=Break,
        title=gettext_lazy("Pausen"),
        add_label=gettext_lazy("Pause hinzufügen"),
        saved=gettext_lazy("Die Pause ist gespeichert. Die Zeiten sind neu berechnet."),
        deleted=gettext_lazy("Die Pause ist gelöscht. Die Zeiten sind neu berechnet."),
        empty=gettext_lazy("Noch keine Pausen."),
        headers=(
            gettext_lazy("Wochentag"),
            gettext_lazy("von"),
            gettext_lazy("bis"),
            gettext_lazy("gültig"),
        ),
        cells=lambda b: [b.get_weekday_display(), _time(b.starts), _time(b.ends), _validity(b)],
        label=lambda b: f"{b.get_weekday_display()} {_time(b.starts)}–{_time(b.ends)}",
        groups=lambda location: [("", Break.objects.filter(location=location))],
    ),
    "team": Kind(
        slug="team",
        model=Team,
        title=gettext_lazy("Teams"),
        add_label=gettext_lazy("Team hinzufügen"),
        saved=gettext_lazy("Das Team ist gespeichert."),
        deleted=gettext_lazy("Das Team ist gelöscht."),
        empty=gettext_lazy("Noch keine Teams."),
        headers=(gettext_lazy("Name"), gettext_lazy("Kürzel"), gettext_lazy("aktiv")),
        cells=lambda t: [t.name, t.code, _yes_no(t.is_active)],
        groups=lambda location: [
            (gettext_lazy("Nur an diesem Standort"), Team.objects.filter(location=location)),
            (
                gettext_lazy("An allen Standorten der Behörde"),
                Team.objects.filter(
                    organisation_id=location.organisation_id, location__isnull=True
                ),
            ),
        ],
    ),
    "desk": Kind(
        slug="desk",
        model=Desk,
        title=gettext_lazy("Schalter"),
        add_label=gettext_lazy("Schalter hinzufügen"),
        saved=gettext_lazy("Der Schalter ist gespeichert."),
        deleted=gettext_lazy("Der Schalter ist gelöscht."),
        empty=gettext_lazy("Noch keine Schalter."),
        headers=(
            gettext_lazy("Nummer"),
            gettext_lazy("Bezeichnung"),
            gettext_lazy("Teams"),
            gettext_lazy("aktiv"),
        ),
        cells=lambda d: [
            d.number,
            d.name,
            ", ".join(t.name for t in d.teams.all()),
            _yes_no(d.is_active),
        ],
        groups=lambda location: [
            ("", Desk.objects.filter(location=location).prefetch_related("teams"))
        ],
    ),
    "workprofile": Kind(
        slug="workprofile",
        model=WorkProfile,
        title=gettext_lazy("Arbeitsprofile"),
        add_label=gettext_lazy("Arbeitsprofil hinzufügen"),
        saved=gettext_lazy("Das Arbeitsprofil ist gespeichert."),
        deleted=gettext_lazy("Das Arbeitsprofil ist gelöscht."),
        empty=gettext_lazy("Noch keine Arbeitsprofile."),
        headers=(
            gettext_lazy("Mitarbeiterin oder Mitarbeiter"),
            gettext_lazy("Bezeichnung"),
            gettext_lazy("Reihenfolge"),
            gettext_lazy("aktiv"),
        ),
        cells=lambda p: [
            p.user.get_full_name() or p.user.username,
            p.name,
            ", ".join(
                f"{i.priority}. {i.team.name if i.team else i.service.name}" for i in p.items.all()
            ),
            _yes_no(p.is_active),
        ],
        groups=lambda location: [
            (
                "",
                WorkProfile.objects.filter(location=location)
                .select_related("user")
                .prefetch_related("items__team", "items__service")
                .order_by("user__last_name", "user__username", "name"),
            )
        ],
    ),
}


@dataclass(frozen=True)
class Row:
    cells: list[str]
    label: str
    edit_href: str
    delete_href: str


def _from_here(obj: Any, location: Location) -> str:
    """A team of the whole office has no location of its own: its edit and delete links say
    which location's list they come from (and return to)."""
    return f"?{LOCATION_PARAM}={location.pk}" if obj.location_id is None else ""


def _link(slug: str, action: str, obj: Any, location: Location) -> str:
    """The edit or delete page of a set-up record, coming from this location's list."""
    return reverse(f"appointments:{slug}_{action}", args=[obj.pk]) + _from_here(obj, location)


def _list(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    user = policy.staff_user(request)
    location = policy.get_or_404(user, Location, pk)
    kind = KINDS[slug]
    groups = []
    for heading, records in kind.groups(location):
        rows = []
        for obj in records:
            rows.append(
                Row(
                    cells=kind.cells(obj),
                    label=kind.label_of(obj),
                    edit_href=_link(slug, "edit", obj, location),
                    delete_href=_link(slug, "delete", obj, location),
                )
            )
        groups.append((heading, rows))
    return render(
        request,
        "appointments/staff/setup_list.html",
        {
            "location": location,
            "kind": kind,
            "groups": groups,
            "may_change": policy.can(user, "change", location),
            "create_url": f"appointments:{slug}_create",
        },
    )


def _location_of(request: HttpRequest, user: User, instance: Any) -> Location:
    """The location whose set-up pages an object is changed from: its own, or for a team of
    the whole office the one named in the link. Without it: 404, never a guess (the
    office-wide checks depend on which location the change comes from)."""
    if instance.location_id is not None:
        return Location.objects.get(pk=instance.location_id)
    raw = request.GET.get(LOCATION_PARAM, "")
    if not raw.isdigit():
        raise Http404
    return policy.get_or_404(user, Location, int(raw))


def _limit(form: Any, user: User, location: Location) -> None:
    if "teams" in form.fields:
        form.fields["teams"].queryset = selectors.teams_for_location(user, location)
    if "user" in form.fields:
        form.fields["user"].queryset = User.objects.filter(
            organisation_id=location.organisation_id, is_active=True
        ).order_by("last_name", "first_name", "username")


def _limit_items(formset: Any, user: User, location: Location) -> None:
    teams = selectors.teams_for_location(user, location)
    offered = selectors.services_for_user(user)
    for form in formset.forms + [formset.empty_form]:
        form.fields["team"].queryset = teams
        form.fields["service"].queryset = offered


FORMS: dict[str, Any] = {
    "break": BreakForm,
    "team": TeamForm,
    "desk": DeskForm,
    "workprofile": WorkProfileForm,
}


def _save(slug: str, form: Any, formset: Any, location: Location, user: User) -> None:
    instance = form.save(commit=False)
    if slug == "break":
        services.break_save(pause=instance, location=location, by=user)
    elif slug == "team":
        services.team_save(team=instance, location=location, office_wide=form.office_wide, by=user)
    elif slug == "desk":
        services.desk_save(
            desk=instance, location=location, teams=form.cleaned_data["teams"], by=user
        )
    else:
        items = [
            data
            for data in formset.cleaned_data
            if data and not data.get("DELETE") and (data.get("team") or data.get("service"))
        ]
        services.work_profile_save(profile=instance, location=location, items=items, by=user)


def _form_page(
    request: HttpRequest, slug: str, *, location_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    user = policy.staff_user(request)
    kind = KINDS[slug]
    if pk is None:
        location = policy.get_or_404(user, Location, location_pk, action="change")
        instance: Any = kind.model()
    else:
        instance = policy.get_or_404(user, kind.model, pk, action="change")
        location = _location_of(request, user, instance)
    form = FORMS[slug](request.POST or None, instance=instance)
    _limit(form, user, location)
    formset = None
    if slug == "workprofile":
        formset = WorkProfileItemFormSet(request.POST or None, instance=instance, prefix="items")
        _limit_items(formset, user, location)
    if request.method == "POST":
        if form.is_valid() and (formset is None or formset.is_valid()):
            try:
                _save(slug, form, formset, location, user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, str(kind.saved))
                return redirect(f"appointments:{slug}_list", pk=location.pk)
        status = 400
    else:
        status = 200
    return render(
        request,
        "appointments/staff/setup_form.html",
        {
            "location": location,
            "kind": kind,
            "form": form,
            "formset": formset,
            "instance": instance,
            "list_url": f"appointments:{slug}_list",
        },
        status=status,
    )


def _delete(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """GET asks once more (what goes, what it means for bookable times); POST deletes."""
    user = policy.staff_user(request)
    kind = KINDS[slug]
    instance: Any = policy.get_or_404(user, kind.model, pk, action="change")
    location = _location_of(request, user, instance)
    location_pk = location.pk
    error = None
    if request.method == "POST":
        try:
            _remove(slug, instance, location, user)
        except ValidationError as refused:
            error = " ".join(str(message) for message in refused.messages)
        else:
            messages.success(request, str(kind.deleted))
            return redirect(f"appointments:{slug}_list", pk=location_pk)
    return render(
        request,
        "appointments/staff/setup_delete.html",
        {
            "location": location,
            "kind": kind,
            "label": kind.label_of(instance),
            "office_wide": slug == "team" and instance.location_id is None,
            "error": error,
            "action": _link(slug, "delete", instance, location),
            "back": reverse(f"appointments:{slug}_list", args=[location_pk]),
        },
        status=400 if error else 200,
    )


def _remove(slug: str, instance: Any, location: Location, user: User) -> None:
    if slug == "break":
        services.break_delete(pause=instance, by=user)
    elif slug == "team":
        services.team_delete(team=instance, location=location, by=user)
    elif slug == "desk":
        services.desk_delete(desk=instance, by=user)
    else:
        services.work_profile_delete(profile=instance, by=user)


def _views(slug: str) -> tuple[Any, Any, Any, Any]:
    @login_required
    def list_view(request: HttpRequest, pk: int) -> HttpResponse:
        return _list(request, pk, slug)

    @login_required
    @require_http_methods(["GET", "POST"])
    def create_view(request: HttpRequest, pk: int) -> HttpResponse:
        return _form_page(request, slug, location_pk=pk)

    @login_required
    @require_http_methods(["GET", "POST"])
    def edit_view(request: HttpRequest, pk: int) -> HttpResponse:
        return _form_page(request, slug, pk=pk)

    @login_required
    @require_http_methods(["GET", "POST"])
    def delete_view(request: HttpRequest, pk: int) -> HttpResponse:
        return _delete(request, pk, slug)

    return list_view, create_view, edit_view, delete_view


break_list, break_create, break_edit, break_delete = _views("break")
team_list, team_create, team_edit, team_delete = _views("team")
desk_list, desk_create, desk_edit, desk_delete = _views("desk")
workprofile_list, workprofile_create, workprofile_edit, workprofile_delete = _views("workprofile")
