"""Views of the person registry. Search terms travel in POST bodies, never in URLs."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.core import policy
from lotse.core.forms import add_validation_errors
from lotse.people import selectors, services, transfer
from lotse.people.forms import (
    ImportForm,
    PersonEditForm,
    PersonForm,
    RelationForm,
    SearchForm,
    StatusPeriodForm,
    person_initial,
)
from lotse.people.models import Person


def _cursor(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    policy.require_may(policy.staff_user(request), "view", Person)
    source = request.POST if request.method == "POST" else request.GET
    form = SearchForm(request.POST or None)
    text = form.cleaned_data["q"] if request.method == "POST" and form.is_valid() else ""
    page = selectors.person_page(
        user=policy.staff_user(request),
        text=text,
        after=_cursor(source.get("nach")),
        size=settings.LOTSE_PAGE_SIZE,
    )
    return render(
        request,
        "people/list.html",
        {
            "form": form,
            "page": page,
            "searched": bool(text),
            "text": text,
            "may_create": policy.may(policy.staff_user(request), "create", Person),
        },
    )


def navigation(user: Any) -> list[tuple[Any, str]]:
    """Main-menu entries of the person registry for this user."""
    entries = []
    if policy.may(user, "view", Person):
        entries.append((gettext_lazy("Personen"), reverse("people:list")))
    if policy.may(user, "import", Person):
        entries.append((gettext_lazy("Import"), reverse("people:import")))
    return entries


# Other apps add sections to the person page (e.g. the Bleibeperspektiven panel) without people
# importing them: a section is a callable (request, person) → (template name, context) or None.
PersonSection = Callable[[HttpRequest, Person], "tuple[str, dict[str, Any]] | None"]
PERSON_SECTIONS: list[PersonSection] = []


def register_person_section(section: PersonSection) -> None:
    if section not in PERSON_SECTIONS:
        PERSON_SECTIONS.append(section)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for_user(user=policy.staff_user(request), pk=pk)
    sections = [s for s in (section(request, person) for section in PERSON_SECTIONS) if s]
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "other_names": person.other_names.all(),
            "periods": person.status_periods.all(),
            "relations": person.relations_from.select_related("to_person"),
            "relations_to": person.relations_to.select_related("from_person"),
            "facts_json": json.dumps(person.facts, ensure_ascii=False, indent=2)
            if person.facts
            else "",
            "may_change": policy.can(policy.staff_user(request), "change", person),
            "status_form": StatusPeriodForm(),
            "relation_form": RelationForm(),
            "sections": sections,
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    policy.require_may(policy.staff_user(request), "create", Person)
    form = PersonForm(request.POST or None)
    candidates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        data = form.to_data()
        candidates = selectors.duplicate_candidates(
            user=policy.staff_user(request),
            family_name=data.family_name,
            given_names=data.given_names,
            birth_year=data.birth_year,
        )
        if not candidates or form.cleaned_data["confirm_new"]:
            try:
                person = services.person_create(by=policy.staff_user(request), data=data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, _("Die Person ist angelegt."))
                return redirect("people:detail", pk=person.pk)
    return render(
        request, "people/form.html", {"form": form, "candidates": candidates, "person": None}
    )


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for_user(
        user=policy.staff_user(request), pk=pk, action="change", purpose="edit"
    )
    stored = services.person_data_of(person)
    form = PersonEditForm(
        request.POST or None,
        initial=person_initial(stored, person.facts, person.date_of_birth_display),
    )
    form.fields.pop("confirm_new")
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                by=policy.staff_user(request),
                person=person,
                data=form.to_data(),
                on_request=form.cleaned_data["on_request"],
                request_note=form.cleaned_data["request_note"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Die Änderungen sind gespeichert."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "candidates": []})


@login_required
@require_POST
def status_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for_user(
        user=policy.staff_user(request), pk=pk, action="change", purpose="edit"
    )
    form = StatusPeriodForm(request.POST)
    if form.is_valid():
        try:
            services.status_period_add(
                by=policy.staff_user(request), person=person, **form.cleaned_data
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Der Aufenthaltsstatus ist eingetragen."))
            return redirect("people:detail", pk=person.pk)
    else:
        messages.error(
            request,
            _("Der Status wurde nicht gespeichert: %(errors)s")
            % {"errors": " ".join(str(e) for errs in form.errors.values() for e in errs)},
        )
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def status_delete(request: HttpRequest, pk: int, period: int) -> HttpResponse:
    person = selectors.person_for_user(
        user=policy.staff_user(request), pk=pk, action="change", purpose="edit"
    )
    services.status_period_delete(by=policy.staff_user(request), person=person, period_id=period)
    messages.success(request, _("Der Zeitraum ist gelöscht."))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def relation_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = policy.staff_user(request)
    person = selectors.person_for_user(user=user, pk=pk, action="change", purpose="edit")
    form = RelationForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Bitte wählen Sie die Beziehung und geben Sie die andere Person an.")
        )
        return redirect("people:detail", pk=person.pk)
    other = selectors.person_by_reference(user=user, text=form.cleaned_data["other"])
    if other is None:
        messages.error(
            request,
            _("Keine Person Ihrer Organisation mit diesem Aktenzeichen oder dieser Nummer."),
        )
        return redirect("people:detail", pk=person.pk)
    try:
        services.relation_add(
            by=user,
            person=person,
            other=other,
            kind=form.cleaned_data["kind"],
            same_household=form.cleaned_data["same_household"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Die Verknüpfung ist gespeichert."))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def relation_remove(request: HttpRequest, pk: int, relation: int) -> HttpResponse:
    user = policy.staff_user(request)
    person = selectors.person_for_user(user=user, pk=pk, action="change", purpose="edit")
    services.relation_remove(by=user, person=person, relation_id=relation)
    messages.success(request, _("Die Verknüpfung ist gelöscht."))
    return redirect("people:detail", pk=person.pk)


@login_required
def person_export(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for_user(user=policy.staff_user(request), pk=pk, purpose="export")
    document = transfer.screening_document([selectors.screening_input_of(person)])
    return _json_download(document, f"screening-input-{transfer.export_id(person)}.json")


@login_required
def organisation_export(request: HttpRequest) -> HttpResponse:
    policy.require_may(policy.staff_user(request), "import", Person)
    documents = selectors.screening_inputs_for(user=policy.staff_user(request))
    return _json_download(transfer.screening_document(documents), "screening-input.json")


def _json_download(document: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- import: upload → preview → confirm (all or nothing) --------------------------------------


def _pending_path(token: str) -> Path:
    return Path(settings.VAR_DIR) / "private" / "imports" / f"{token}.upload"


@login_required
def person_import(request: HttpRequest) -> HttpResponse:
    policy.require_may(policy.staff_user(request), "import", Person)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.LOTSE_IMPORT_MAX_BYTES:
            form.add_error("file", _("Die Datei ist zu groß (höchstens 50 MB)."))
        else:
            raw = upload.read()
            kind = form.cleaned_data["kind"]
            result = _parse(request, kind, raw)
            if result.ok:
                token = uuid.uuid4().hex
                path = _pending_path(token)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(raw)
                request.session["person_import"] = {"token": token, "kind": kind}
            return render(
                request,
                "people/import_preview.html",
                {
                    "result": result,
                    "preview": result.rows[:20],
                    "kind": kind,
                    "errors": result.errors[:200],
                    "more_errors": max(0, len(result.errors) - 200),
                    "created": len(result.rows) - len(result.updates),
                    "updated": len(result.updates),
                },
            )
    return render(request, "people/import.html", {"form": form, "columns": transfer.CSV_COLUMNS})


def _parse(request: HttpRequest, kind: str, raw: bytes) -> transfer.ParseResult:
    if kind == "json":
        existing = selectors.export_ids_for(user=policy.staff_user(request))
        return transfer.parse_screening_json(raw, existing=existing)
    return transfer.parse_csv(raw)


@login_required
@require_POST
def person_import_confirm(request: HttpRequest) -> HttpResponse:
    policy.require_may(policy.staff_user(request), "import", Person)
    pending = request.session.pop("person_import", None)
    if not pending:
        raise Http404
    path = _pending_path(pending["token"])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise Http404 from exc
    finally:
        path.unlink(missing_ok=True)
    result = _parse(request, pending["kind"], raw)
    if not result.ok:
        messages.error(request, _("Die Datei enthält Fehler. Es wurde nichts importiert."))
        return redirect("people:import")
    try:
        created, updated = services.persons_import(
            by=policy.staff_user(request),
            rows=result.rows,
            updates=result.updates,
            source=pending["kind"],
        )
    except ValidationError as exc:
        messages.error(
            request,
            _("Es wurde nichts importiert: %(errors)s") % {"errors": " ".join(exc.messages)[:500]},
        )
        return redirect("people:import")
    messages.success(
        request,
        _("Import abgeschlossen. Neu angelegt: %(created)s, aktualisiert: %(updated)s.")
        % {"created": created, "updated": updated},
    )
    return redirect("people:list")
