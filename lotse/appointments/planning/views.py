"""Views of the planning app ("Personalplanung"): saved scenarios, the comparison and the
Gutachten. Only Leitung and Statistik/Planung of an Ausländerbehörde; everybody else 404."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.appointments.planning import comparing, printing, selectors, services
from lotse.appointments.planning.forms import (
    EXAMPLE_BASE,
    AnliegenFormSet,
    CompareForm,
    DeskFormSet,
    ScenarioForm,
    TemplateForm,
    UploadForm,
    definition_from_forms,
    initial_from_definition,
)
from lotse.appointments.simulation import example_scenario, from_template, scenario_to_json
from lotse.core import policy
from lotse.core.forms import add_validation_errors
from lotse.core.models import User


def _planner(request: HttpRequest) -> User:
    user = policy.staff_user(request)
    selectors.require_planner(user)
    return user


@login_required
def scenario_list(request: HttpRequest) -> HttpResponse:
    user = _planner(request)
    scenarios = list(selectors.scenarios_for_user(user))
    return render(
        request,
        "appointments_planning/list.html",
        {
            "scenarios": scenarios,
            "compare_form": CompareForm(scenarios=selectors.scenarios_for_user(user)),
        },
    )


def _template_definition(user: User, form: TemplateForm) -> dict[str, Any]:
    base_key = form.cleaned_data["base"]
    if base_key == EXAMPLE_BASE:
        base = example_scenario()
    else:
        base = selectors.scenario_for_user(user, int(base_key)).scenario()
    return scenario_to_json(from_template(form.cleaned_data["template"], base))


@login_required
def scenario_create(request: HttpRequest) -> HttpResponse:
    """A new scenario from a template applied to the example or a saved scenario."""
    user = _planner(request)
    form = TemplateForm(request.POST or None, scenarios=selectors.scenarios_for_user(user))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.scenario_create(
                by=user, name=form.cleaned_data["name"], definition=_template_definition(user, form)
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Das Szenario ist angelegt."))
            return redirect("appointments_planning:edit", pk=saved.pk)
    return render(
        request, "appointments_planning/create.html", {"form": form, "upload_form": UploadForm()}
    )


@login_required
def scenario_upload(request: HttpRequest) -> HttpResponse:
    user = _planner(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["file"]
        name = form.cleaned_data["name"] or str(document.get("name") or "")
        try:
            saved = services.scenario_create(by=user, name=name, definition=document)
        except ValidationError as exc:
            add_validation_errors(form, _to_form_errors(exc))
        else:
            messages.success(request, _("Das Szenario ist eingelesen."))
            return redirect("appointments_planning:edit", pk=saved.pk)
    template_form = TemplateForm(scenarios=selectors.scenarios_for_user(user))
    return render(
        request, "appointments_planning/create.html", {"form": template_form, "upload_form": form}
    )


def _to_form_errors(exc: ValidationError) -> ValidationError:
    """Definition errors are shown above the form; a name clash at the name field."""
    if not hasattr(exc, "error_dict"):
        return exc
    errors = exc.message_dict
    mapped: dict[str | None, list[str]] = {}
    for field, texts in errors.items():
        mapped.setdefault("name" if field == "name" else None, []).extend(texts)
    return ValidationError({k or "__all__": v for k, v in mapped.items()})


def _edit_forms(request: HttpRequest, definition: dict[str, Any]) -> tuple[Any, Any, Any]:
    general, anliegen, desks = initial_from_definition(definition)
    data = request.POST if request.method == "POST" else None
    return (
        ScenarioForm(data, initial=general),
        AnliegenFormSet(data, initial=anliegen, prefix="anliegen"),
        DeskFormSet(data, initial=desks, prefix="desks"),
    )


@login_required
def scenario_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _planner(request)
    saved = selectors.scenario_for_user(user, pk)
    general, anliegen, desks = _edit_forms(request, saved.definition)
    if request.method == "POST":
        policy.require(user, "change", saved)
        if general.is_valid() and anliegen.is_valid() and desks.is_valid():
            try:
                services.scenario_update(
                    by=user,
                    scenario=saved,
                    name=general.cleaned_data["name"],
                    definition=definition_from_forms(general, anliegen, desks),
                )
            except ValidationError as exc:
                add_validation_errors(general, _to_form_errors(exc))
            else:
                messages.success(request, _("Das Szenario ist gespeichert."))
                return redirect("appointments_planning:edit", pk=saved.pk)
    return render(
        request,
        "appointments_planning/edit.html",
        {"saved": saved, "form": general, "anliegen": anliegen, "desks": desks},
    )


@login_required
@require_POST
def scenario_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _planner(request)
    saved = selectors.scenario_for_user(user, pk)
    copy = services.scenario_duplicate(by=user, scenario=saved)
    messages.success(request, _("Die Kopie ist angelegt."))
    return redirect("appointments_planning:edit", pk=copy.pk)


@login_required
def scenario_delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = _planner(request)
    saved = selectors.scenario_for_user(user, pk, action="change")
    if request.method == "POST":
        services.scenario_delete(by=user, scenario=saved)
        messages.success(request, _("Das Szenario ist gelöscht."))
        return redirect("appointments_planning:list")
    return render(request, "appointments_planning/delete.html", {"saved": saved})


@login_required
def scenario_download(request: HttpRequest, pk: int) -> HttpResponse:
    saved = selectors.scenario_for_user(_planner(request), pk)
    text = json.dumps(saved.definition, ensure_ascii=False, indent=2) + "\n"
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    filename = f"szenario-{slugify(saved.name) or saved.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _bound_compare(request: HttpRequest, user: User) -> CompareForm:
    scenarios = selectors.scenarios_for_user(user)
    if "scenarios" not in request.GET:
        return CompareForm(scenarios=scenarios)
    return CompareForm(request.GET, scenarios=scenarios)


def _outcome(form: CompareForm) -> comparing.Outcome:
    return comparing.run_comparison(
        form.ordered(),
        days=form.cleaned_data["days"],
        replications=form.cleaned_data["replications"],
    )


@login_required
def compare(request: HttpRequest) -> HttpResponse:
    user = _planner(request)
    form = _bound_compare(request, user)
    outcome = _outcome(form) if form.is_bound and form.is_valid() else None
    pdf_url = f"{reverse('appointments_planning:report_pdf')}?{request.GET.urlencode()}"
    return render(
        request,
        "appointments_planning/compare.html",
        {"form": form, "outcome": outcome, "pdf_url": pdf_url},
    )


@login_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The Gutachten zur Kundensteuerung as PDF, for the same choice as the results page."""
    user = _planner(request)
    form = _bound_compare(request, user)
    if not (form.is_bound and form.is_valid()):
        return redirect(f"{reverse('appointments_planning:compare')}?{request.GET.urlencode()}")
    outcome = _outcome(form)
    organisation = policy.organisation_of(user)
    pdf = printing.render_pdf(outcome, organisation=organisation, author=user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="gutachten-kundensteuerung.pdf"'
    return response
