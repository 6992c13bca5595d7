"""Views of case management: intake from the person page, "Meine Fälle", the case page with its
tabs (Überblick, Assessment, Zielvereinbarung, Aufgaben, Notizen, Dokumente), closure and
reopening, "Meine Aufgaben". Thin: parse, one service or selector, render."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.cases import access, printing, selectors, services
from lotse.cases.forms import (
    AgreeForm,
    AssessmentForm,
    AttainmentForm,
    CaseCloseForm,
    CaseFilterForm,
    CaseOpenForm,
    CaseReopenForm,
    DocumentForm,
    GoalForm,
    NoteForm,
    ObjectiveForm,
    PlanForm,
    StepForm,
    TaskForm,
)
from lotse.cases.models import Case, Goal, Note, Objective, PlanVersion, Step
from lotse.cases.sections import case_sections
from lotse.consent.selectors import recipient_choices
from lotse.core import policy
from lotse.core.forms import add_validation_errors
from lotse.core.models import Organisation, User
from lotse.people import selectors as people_selectors
from lotse.people.models import Person

TABS = (
    ("detail", gettext_lazy("Überblick")),
    ("assessment", gettext_lazy("Assessment")),
    ("plan", gettext_lazy("Zielvereinbarung")),
    ("tasks", gettext_lazy("Aufgaben")),
    ("notes", gettext_lazy("Notizen")),
    ("documents", gettext_lazy("Dokumente")),
)


# --- hooks into core and people ---------------------------------------------------------------


def navigation(user: Any) -> list[tuple[Any, str]]:
    if not policy.may(user, "view", Case):
        return []
    items = [(gettext_lazy("Fälle"), reverse("cases:list"))]
    if user.role in access.WORK_ROLES:
        items.append((gettext_lazy("Meine Aufgaben"), reverse("cases:my_tasks")))
    return items


def start_block(request: HttpRequest) -> tuple[str, dict[str, Any]] | None:
    """ "Meine Aufgaben" on the start page of case managers and the lotsin."""
    user = request.user
    if not isinstance(user, User) or user.role not in access.WORK_ROLES:
        return None
    if not policy.may(user, "view", Case):
        return None
    return "cases/_start_block.html", {"tasks": selectors.my_tasks(user=user, limit=5)}


def person_section(request: HttpRequest, person: Person) -> tuple[str, dict[str, Any]] | None:
    """The "Fälle" section on the person page, for those who may work with cases."""
    user = policy.staff_user(request)
    if not policy.may(user, "view", Case):
        return None
    cases = [c for c in selectors.cases_of(person) if policy.can(user, "view", c)]
    may_open = bool(access.work_kinds(user)) and not any(
        c.status == Case.Status.OPEN for c in cases
    )
    if not cases and not may_open:
        return None
    return "cases/section.html", {"person": person, "cases": cases, "may_open": may_open}


# --- helpers ----------------------------------------------------------------------------------


def _case(request: HttpRequest, pk: int, action: str = "view", purpose: str = "case") -> Case:
    return selectors.case_for_user(
        user=policy.staff_user(request), pk=pk, action=action, purpose=purpose
    )


def _page(
    request: HttpRequest, case: Case, tab: str, template: str, **context: Any
) -> HttpResponse:
    user = policy.staff_user(request)
    return render(
        request,
        template,
        {
            "case": case,
            "person": case.person,
            "tabs": TABS,
            "tab": tab,
            "may_change": selectors.may_change(user, case),
            "may_reopen": case.status == Case.Status.CLOSED and selectors.may_work(user, case),
            **context,
        },
    )


def _cursor(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


# --- life cycle -------------------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    if not policy.may(user, "view", Case):
        raise Http404
    form = CaseFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    status = d.get("status") or "OPEN"
    filters = selectors.CaseFilter(
        status="" if status == "ALL" else status,
        kind=d.get("kind") or "",
        mine=(d.get("scope") or "mine") == "mine" and user.role in access.WORK_ROLES,
    )
    rows, next_cursor = selectors.case_page(
        user=user,
        filters=filters,
        after=_cursor(request.GET.get("nach")),
        size=settings.LOTSE_PAGE_SIZE,
    )
    query = request.GET.copy()
    query.pop("nach", None)
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "rows": rows,
            "next_cursor": next_cursor,
            "query": query.urlencode(),
            "mine": filters.mine,
            "today": selectors.today(),
        },
    )


@login_required
def case_open(request: HttpRequest, person: int) -> HttpResponse:
    user = policy.staff_user(request)
    if not access.work_kinds(user):
        raise Http404
    subject = people_selectors.person_for_user(user=user, pk=person, purpose="case_open")
    needs_agreement = access.work_kinds(user)[0] == Case.Kind.KIM
    form = CaseOpenForm(
        request.POST or None,
        organisations=Organisation.objects.filter(kommune_id=subject.kommune_id, is_active=True)
        .exclude(pk=subject.organisation_id)
        .exclude(kind=Organisation.Kind.LAND)
        .order_by("name"),
        recipients=recipient_choices(subject),
        consents=selectors.agreement_choices(subject),
        needs_agreement=needs_agreement,
        initial={"opened_on": selectors.today(), "access_route": Case.AccessRoute.SELF},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(
                by=user, person=subject, intake=form.to_intake(), new_agreement=form.new_agreement()
            )
        except ValidationError as exc:
            add_validation_errors(form, _renamed(exc))
        else:
            messages.success(request, _("Der Fall ist eröffnet."))
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/open.html",
        {"form": form, "person": subject, "needs_agreement": needs_agreement},
    )


def _renamed(exc: ValidationError) -> ValidationError:
    """Service field names → form field names."""
    if not hasattr(exc, "error_dict"):
        return exc
    names = {
        "agreement_id": "agreement",
        "referred_by_id": "referred_by",
        "recipient_ids": "agreement_recipients",
        "reason": "reason",
    }
    return ValidationError({names.get(k, k): v for k, v in exc.error_dict.items()})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    extra = {"sections": case_sections(request, case), **selectors.overview(case)}
    return _page(request, case, "detail", "cases/detail.html", **extra)


@login_required
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, action="close")
    user = policy.staff_user(request)
    form = CaseCloseForm(request.POST or None, initial={"on": selectors.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.case_close(
                by=user,
                case=case,
                reason=d["reason"],
                outcome=d["outcome"],
                note=d["note"],
                on=d["on"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Der Fall ist abgeschlossen."))
            return redirect("cases:detail", pk=case.pk)
    return _page(request, case, "detail", "cases/close.html", form=form)


@login_required
def case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, action="close")
    form = CaseReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_reopen(
                by=policy.staff_user(request), case=case, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Der Fall ist wieder eröffnet."))
            return redirect("cases:detail", pk=case.pk)
    return _page(request, case, "detail", "cases/reopen.html", form=form)


# --- assessment -------------------------------------------------------------------------------


@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    items = selectors.assessments(case)
    comparison = selectors.compare(items[1] if len(items) > 1 else None, items[0]) if items else []
    return _page(
        request,
        case,
        "assessment",
        "cases/assessment.html",
        assessments=items,
        comparison=comparison,
        has_previous=len(items) > 1,
    )


@login_required
def assessment_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    form = AssessmentForm(request.POST or None, initial={"on": selectors.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(
                by=policy.staff_user(request),
                case=case,
                on=form.cleaned_data["on"],
                items=form.items(),
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Das Assessment ist gespeichert."))
            return redirect("cases:assessment", pk=case.pk)
    return _page(request, case, "assessment", "cases/assessment_form.html", form=form)


# --- Zielvereinbarung -------------------------------------------------------------------------


def _organisations(case: Case) -> Any:
    return (
        Organisation.objects.filter(kommune_id=case.kommune_id, is_active=True)
        .exclude(kind=Organisation.Kind.LAND)
        .order_by("name")
    )


def _languages(person: Person) -> list[tuple[str, str]]:
    return printing.language_choices(person)


@dataclass(frozen=True)
class ObjectiveRow:
    """A Handlungsziel on the plan page, with the form for a new step while editable."""

    objective: Objective
    step_form: StepForm | None


@dataclass(frozen=True)
class GoalRow:
    """A Schwerpunktziel on the plan page, with the form for a new objective while editable."""

    goal: Goal
    objective_form: ObjectiveForm | None
    objectives: list[ObjectiveRow]


def _goal_rows(
    tree: PlanVersion, *, editable: bool, organisations: list[Organisation]
) -> list[GoalRow]:
    # While editable: one form per goal and objective, each with its own ids (labels stay unique).
    return [
        GoalRow(
            goal=goal,
            objective_form=ObjectiveForm(prefix="objective", auto_id=f"ob{goal.pk}_%s")
            if editable
            else None,
            objectives=[
                ObjectiveRow(
                    objective=objective,
                    step_form=StepForm(
                        prefix="step", auto_id=f"st{objective.pk}_%s", organisations=organisations
                    )
                    if editable
                    else None,
                )
                for objective in goal.objectives.all()
            ],
        )
        for goal in tree.goals.all()
    ]


@login_required
def plan(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    case = _case(request, pk)
    versions = selectors.versions(case)
    chosen = None
    if number is not None:
        chosen = next((v for v in versions if v.number == number), None)
        if chosen is None:
            raise Http404
    elif versions:
        current = [v for v in versions if v.status != PlanVersion.Status.SUPERSEDED]
        chosen = current[0] if current else versions[0]
    tree = selectors.version_tree(chosen.pk, case) if chosen else None
    user = policy.staff_user(request)
    editable = bool(tree and tree.is_draft and selectors.may_change(user, case))
    progress = bool(
        tree and tree.status != PlanVersion.Status.SUPERSEDED and selectors.may_change(user, case)
    )
    organisations = list(_organisations(case)) if editable else []
    goal_rows = _goal_rows(tree, editable=editable, organisations=organisations) if tree else []
    return _page(
        request,
        case,
        "plan",
        "cases/plan.html",
        versions=versions,
        version=tree,
        editable=editable,
        goal_rows=goal_rows,
        progress=progress,
        has_draft=any(v.is_draft for v in versions),
        plan_form=PlanForm(initial={"global_goal": tree.global_goal, "review_on": tree.review_on})
        if editable and tree
        else None,
        goal_form=GoalForm(prefix="goal") if editable else None,
        agree_form=AgreeForm(languages=_languages(case.person)) if editable else None,
        attainment_form=AttainmentForm(prefix="att") if progress else None,
        step_statuses=Step.Status.choices,
    )


def _back_to_plan(case: Case, version: PlanVersion | None = None) -> HttpResponse:
    if version is None:
        return redirect("cases:plan", pk=case.pk)
    return redirect("cases:plan_version", pk=case.pk, number=version.number)


def _fail(request: HttpRequest, exc: ValidationError | str) -> None:
    texts = exc.messages if isinstance(exc, ValidationError) else [exc]
    for text in texts:
        messages.error(request, text)


@login_required
@require_POST
def plan_draft(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    try:
        version = services.plan_draft(by=policy.staff_user(request), case=case)
    except ValidationError as exc:
        _fail(request, exc)
        return _back_to_plan(case)
    return _back_to_plan(case, version)


def _draft_version(case: Case, number: int) -> PlanVersion:
    version = (
        PlanVersion.objects.select_related("plan__case")
        .filter(plan__case=case, number=number)
        .first()
    )
    if version is None:
        raise Http404
    return version


@login_required
@require_POST
def plan_update(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    version = _draft_version(case, number)
    form = PlanForm(request.POST)
    if not form.is_valid():
        _fail(request, _("Bitte prüfen Sie das Datum der Überprüfung."))
        return _back_to_plan(case, version)
    try:
        services.plan_update(
            by=policy.staff_user(request),
            version=version,
            global_goal=form.cleaned_data["global_goal"],
            review_on=form.cleaned_data["review_on"],
        )
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Gespeichert."))
    return _back_to_plan(case, version)


@login_required
@require_POST
def goal_add(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    version = _draft_version(case, number)
    form = GoalForm(request.POST, prefix="goal")
    if not form.is_valid():
        _fail(request, _("Bitte nennen Sie Handlungsfeld und Ziel."))
        return _back_to_plan(case, version)
    try:
        services.goal_add(
            by=policy.staff_user(request),
            version=version,
            field_=form.cleaned_data["field"],
            text=form.cleaned_data["text"],
        )
    except ValidationError as exc:
        _fail(request, exc)
    return _back_to_plan(case, version)


@login_required
@require_POST
def objective_add(request: HttpRequest, pk: int, goal: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    target = selectors.goal_in(case, goal)
    if target is None:
        raise Http404
    form = ObjectiveForm(request.POST, prefix="objective")
    if not form.is_valid():
        _fail(request, _("Bitte nennen Sie Handlungsziel, Merkmal und Zieldatum."))
        return _back_to_plan(case, target.version)
    try:
        services.objective_add(by=policy.staff_user(request), goal=target, **form.cleaned_data)
    except ValidationError as exc:
        _fail(request, exc)
    return _back_to_plan(case, target.version)


@login_required
@require_POST
def step_add(request: HttpRequest, pk: int, objective: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    target = selectors.objective_in(case, objective)
    if target is None:
        raise Http404
    form = StepForm(request.POST, prefix="step", organisations=list(_organisations(case)))
    if not form.is_valid():
        _fail(request, _("Bitte nennen Sie den Schritt und wer ihn übernimmt."))
        return _back_to_plan(case, target.goal.version)
    try:
        services.step_add(by=policy.staff_user(request), objective=target, **form.to_kwargs())
    except ValidationError as exc:
        _fail(request, exc)
    return _back_to_plan(case, target.goal.version)


# URL word → how to find that item of the case's plan ("not in this case" is None).
PLAN_ITEM_FINDERS = {
    "ziel": selectors.goal_in,
    "handlungsziel": selectors.objective_in,
    "schritt": selectors.step_in,
}


def _plan_item(case: Case, kind: str, item: int) -> Goal | Objective | Step:
    """A goal, objective or step of this case's plan; 404 for another kind, case or id."""
    if kind not in PLAN_ITEM_FINDERS:
        raise Http404
    target = PLAN_ITEM_FINDERS[kind](case, item)
    if target is None:
        raise Http404
    return target


@login_required
@require_POST
def plan_item_delete(request: HttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    target = _plan_item(case, kind, item)
    try:
        services.plan_item_delete(by=policy.staff_user(request), item=target)
    except ValidationError as exc:
        _fail(request, exc)
    return _back_to_plan(case)


@login_required
def plan_item_edit(request: HttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
    """Change the wording of a goal, objective or step of the draft."""
    case = _case(request, pk, action="change")
    target = _plan_item(case, kind, item)
    version = services._version_of(target)
    organisations = list(_organisations(case))
    form: Any
    if isinstance(target, Goal):
        form = GoalForm(request.POST or None, initial={"field": target.field, "text": target.text})
    elif isinstance(target, Objective):
        form = ObjectiveForm(
            request.POST or None,
            initial={
                "text": target.text,
                "indicator": target.indicator,
                "target_on": target.target_on,
            },
        )
    else:
        form = StepForm(
            request.POST or None,
            organisations=organisations,
            initial={
                "text": target.text,
                "responsible": target.responsible,
                "organisation": target.organisation_id,
                "due_on": target.due_on,
            },
        )
    if request.method == "POST" and form.is_valid():
        values = form.to_kwargs() if isinstance(form, StepForm) else dict(form.cleaned_data)
        try:
            services.plan_item_update(by=policy.staff_user(request), item=target, **values)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Gespeichert."))
            return _back_to_plan(case, version)
    return _page(
        request, case, "plan", "cases/plan_item_form.html", form=form, version=version, kind=kind
    )


@login_required
@require_POST
def step_status(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    target = selectors.step_in(case, step)
    if target is None:
        raise Http404
    try:
        services.step_set_status(
            by=policy.staff_user(request), step=target, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        _fail(request, exc)
    return _back_to_plan(case, target.objective.goal.version)


@login_required
@require_POST
def attainment(request: HttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    target = _plan_item(case, kind, item)
    if isinstance(target, Step):  # steps have a status, not an attainment
        raise Http404
    form = AttainmentForm(request.POST, prefix="att")
    if not form.is_valid():
        _fail(request, _("Bitte bewerten Sie die Zielerreichung."))
        return _back_to_plan(case)
    try:
        services.attainment_record(
            by=policy.staff_user(request),
            item=target,
            attainment=form.cleaned_data["attainment"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Die Zielerreichung ist gespeichert."))
    return _back_to_plan(case)


@login_required
@require_POST
def plan_agree(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    version = _draft_version(case, number)
    form = AgreeForm(request.POST, languages=_languages(case.person))
    language = form.cleaned_data["language"] if form.is_valid() else "de"
    try:
        services.plan_agree(by=policy.staff_user(request), version=version, language=language)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(
            request,
            _(
                "Die Zielvereinbarung ist vereinbart. Drucken Sie sie aus und lassen Sie sie "
                "unterschreiben. Die Überprüfung steht in den Aufgaben."
            ),
        )
    return _back_to_plan(case, version)


@login_required
def plan_print(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    case = _case(request, pk, purpose="print")
    version = selectors.version_tree(_draft_version(case, number).pk, case)
    assert version is not None
    return HttpResponse(printing.render_html(case, version, request=request))


@login_required
def plan_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    case = _case(request, pk, purpose="print")
    version = selectors.version_tree(_draft_version(case, number).pk, case)
    assert version is not None
    response = HttpResponse(printing.render_pdf(case, version), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="zielvereinbarung-{case.pk}-v{version.number}.pdf"'
    )
    return response


# --- tasks ------------------------------------------------------------------------------------


@login_required
def tasks(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, action="change" if request.method == "POST" else "view")
    form = TaskForm(request.POST or None, initial={"due_on": selectors.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.task_create(by=policy.staff_user(request), case=case, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Die Aufgabe ist angelegt."))
            return redirect("cases:tasks", pk=case.pk)
    return _page(
        request,
        case,
        "tasks",
        "cases/tasks.html",
        form=form,
        tasks=selectors.tasks_of(case),
        today=selectors.today(),
    )


@login_required
@require_POST
def task_done(request: HttpRequest, pk: int, task: int) -> HttpResponse:
    case = _case(request, pk, action="change")
    target = case.tasks.filter(pk=task).select_related("case").first()
    if target is None:
        raise Http404
    services.task_complete(by=policy.staff_user(request), task=target)
    messages.success(request, _("Die Aufgabe ist erledigt."))
    back = request.POST.get("zurueck")
    if back == "meine":
        return redirect("cases:my_tasks")
    return redirect("cases:tasks", pk=case.pk)


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    user = policy.staff_user(request)
    if user.role not in access.WORK_ROLES or not policy.may(user, "view", Case):
        raise Http404
    return render(
        request,
        "cases/my_tasks.html",
        {"tasks": selectors.my_tasks(user=user), "today": selectors.today()},
    )


# --- notes and documents ----------------------------------------------------------------------


@login_required
def notes(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, action="change" if request.method == "POST" else "view")
    form = NoteForm(request.POST or None, initial={"on": selectors.today(), "kind": "BERATUNG"})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_add(by=policy.staff_user(request), case=case, **form.cleaned_data)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Die Notiz ist gespeichert."))
            return redirect("cases:notes", pk=case.pk)
    kind = request.GET.get("art", "")
    kind = kind if kind in Note.Kind.values else ""
    return _page(
        request,
        case,
        "notes",
        "cases/notes.html",
        form=form,
        notes=selectors.notes_of(case, kind),
        kinds=Note.Kind.choices,
        kind=kind,
    )


@login_required
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk, action="change" if request.method == "POST" else "view")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                by=policy.staff_user(request),
                case=case,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, _("Das Dokument ist gespeichert."))
            return redirect("cases:documents", pk=case.pk)
    return _page(
        request,
        case,
        "documents",
        "cases/documents.html",
        form=form,
        documents=selectors.documents_of(case),
        max_mb=services.document_max_bytes() // (1024 * 1024),
    )


@login_required
def document_download(request: HttpRequest, pk: int, document: int) -> FileResponse:
    case = _case(request, pk, purpose="document")
    target = selectors.document_in(case, document)
    if target is None:
        raise Http404
    response = FileResponse(
        target.file.open("rb"),
        as_attachment=True,
        filename=target.original_name or f"dokument-{target.pk}{_suffix(target.content_type)}",
        content_type=target.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _suffix(content_type: str) -> str:
    return {
        "application/pdf": ".pdf",
        "image/png": ".png",
        "image/jpeg": ".jpg",
        "text/plain": ".txt",
    }.get(content_type, "")
