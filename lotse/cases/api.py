"""API endpoints of case management (mounted at /api/v1/cases): the same services, selectors
and policy as the web UI; errors are problem documents (see lotse/api.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from lotse.cases import selectors, services
from lotse.cases.models import Case, Goal, Objective, PlanVersion, Step, Task
from lotse.core import policy
from lotse.core.models import Organisation
from lotse.people import selectors as people_selectors

router = Router(tags=["Fälle"])


class CaseOut(Schema):
    id: int
    person_id: int
    organisation_id: int
    case_manager_id: int
    kind: str
    status: str
    access_route: str
    referred_by_id: int | None
    indications: list[str]
    agreement_id: int | None
    opened_on: dt.date
    closed_on: dt.date | None
    closure_reason: str
    outcome: str
    delete_after: dt.date | None


class CasePage(Schema):
    items: list[CaseOut]
    next: int | None = Field(None, description="Wert für `nach` der nächsten Seite")


class CaseIn(Schema):
    person_id: int
    access_route: str = Field(..., description="SELF, REFERRAL, OUTREACH oder INTERNAL")
    referred_by_id: int | None = None
    indications: list[str] = Field(default_factory=list, max_length=3)
    agreement_id: int | None = Field(None, description="Einwilligung der Person (bei KIM nötig)")
    opened_on: dt.date | None = None


class CloseIn(Schema):
    reason: str
    outcome: str
    note: str = Field("", max_length=2000)
    on: dt.date | None = None


class ReopenIn(Schema):
    note: str = Field("", max_length=2000)


class StepIO(Schema):
    text: str = Field(..., max_length=500)
    responsible: str = Field(..., description="PERSON, CASE_MANAGER oder ORGANISATION")
    organisation_id: int | None = None
    due_on: dt.date | None = None
    status: str = "OPEN"


class ObjectiveIO(Schema):
    text: str = Field(..., max_length=500)
    indicator: str = Field(..., max_length=500)
    target_on: dt.date
    attainment: str = ""
    steps: list[StepIO] = Field(default_factory=list, max_length=30)


class GoalIO(Schema):
    field: str
    text: str = Field(..., max_length=500)
    attainment: str = ""
    attainment_reason: str = ""
    objectives: list[ObjectiveIO] = Field(default_factory=list, max_length=20)


class VersionOut(Schema):
    number: int
    status: str
    global_goal: str
    review_on: dt.date | None
    agreed_at: dt.datetime | None
    language: str
    goals: list[GoalIO]

    @staticmethod
    def resolve_goals(obj: PlanVersion) -> list[dict[str, Any]]:
        return [_goal(g) for g in obj.goals.all()]


def _goal(goal: Goal) -> dict[str, Any]:
    return {
        "field": goal.field,
        "text": goal.text,
        "attainment": goal.attainment,
        "attainment_reason": goal.attainment_reason,
        "objectives": [_objective(o) for o in goal.objectives.all()],
    }


def _objective(objective: Objective) -> dict[str, Any]:
    return {
        "text": objective.text,
        "indicator": objective.indicator,
        "target_on": objective.target_on,
        "attainment": objective.attainment,
        "steps": [_step(s) for s in objective.steps.all()],
    }


def _step(step: Step) -> dict[str, Any]:
    return {
        "text": step.text,
        "responsible": step.responsible,
        "organisation_id": step.organisation_id,
        "due_on": step.due_on,
        "status": step.status,
    }


class DraftIn(Schema):
    global_goal: str = Field("", max_length=1000)
    review_on: dt.date | None = None
    goals: list[GoalIO] | None = Field(
        None, max_length=3, description="Ersetzt die Ziele des Entwurfs, wenn angegeben"
    )


class AgreeIn(Schema):
    language: str = "de"


class TaskOut(Schema):
    id: int
    case_id: int
    kind: str
    title: str
    due_on: dt.date
    assignee_id: int
    done_at: dt.datetime | None


class TaskIn(Schema):
    title: str = Field(..., max_length=200)
    due_on: dt.date
    kind: str = "TASK"


def _user(request: HttpRequest) -> Any:
    return policy.staff_user(request)


@router.get("", response=CasePage, summary="Fälle (eigene, neueste zuerst)")
def list_cases(
    request: HttpRequest, status: str = "OPEN", kind: str = "", mine: bool = True, nach: int = 0
) -> Any:
    user = _user(request)
    if not policy.may(user, "view", Case):
        raise Http404
    rows, cursor = selectors.case_page(
        user=user,
        filters=selectors.CaseFilter(
            status="" if status == "ALL" else status, kind=kind, mine=mine
        ),
        after=nach or None,
        size=settings.LOTSE_PAGE_SIZE,
    )
    return {"items": rows, "next": cursor}


@router.post("", response={201: CaseOut}, summary="Fall eröffnen")
def create_case(request: HttpRequest, body: CaseIn) -> Any:
    user = _user(request)
    person = people_selectors.person_for_user(user=user, pk=body.person_id, purpose="api")
    intake = services.Intake(
        access_route=body.access_route,
        indications=body.indications,
        referred_by_id=body.referred_by_id,
        agreement_id=body.agreement_id,
        opened_on=body.opened_on,
    )
    return Status(201, services.case_open(by=user, person=person, intake=intake))


@router.get("/{case_id}", response=CaseOut, summary="Ein Fall")
def read_case(request: HttpRequest, case_id: int) -> Any:
    return selectors.case_for_user(user=_user(request), pk=case_id, purpose="api")


@router.post("/{case_id}/close", response=CaseOut, summary="Fall abschließen")
def close_case(request: HttpRequest, case_id: int, body: CloseIn) -> Any:
    user = _user(request)
    case = selectors.case_for_user(user=user, pk=case_id, action="close", purpose="api")
    return services.case_close(
        by=user, case=case, reason=body.reason, outcome=body.outcome, note=body.note, on=body.on
    )


@router.post("/{case_id}/reopen", response=CaseOut, summary="Fall wieder eröffnen")
def reopen_case(request: HttpRequest, case_id: int, body: ReopenIn) -> Any:
    user = _user(request)
    case = selectors.case_for_user(user=user, pk=case_id, action="close", purpose="api")
    return services.case_reopen(by=user, case=case, note=body.note)


@router.get("/{case_id}/plan", response=list[VersionOut], summary="Fassungen der Zielvereinbarung")
def plan_versions(request: HttpRequest, case_id: int) -> Any:
    case = selectors.case_for_user(user=_user(request), pk=case_id, purpose="api")
    return [selectors.version_tree(v.pk, case) for v in selectors.versions(case)]


def _replace_goals(user: Any, version: PlanVersion, goals: list[GoalIO]) -> None:
    for goal in list(version.goals.all()):
        services.plan_item_delete(by=user, item=goal)
    organisations = {o.pk: o for o in Organisation.objects.filter(kommune_id=version.kommune_id)}
    for g in goals:
        goal = services.goal_add(by=user, version=version, field_=g.field, text=g.text)
        for o in g.objectives:
            objective = services.objective_add(
                by=user, goal=goal, text=o.text, indicator=o.indicator, target_on=o.target_on
            )
            for s in o.steps:
                services.step_add(
                    by=user,
                    objective=objective,
                    text=s.text,
                    responsible=s.responsible,
                    organisation=organisations.get(s.organisation_id or 0),
                    due_on=s.due_on,
                )


@router.post("/{case_id}/plan/draft", response=VersionOut, summary="Entwurf anlegen oder ändern")
def plan_draft(request: HttpRequest, case_id: int, body: DraftIn) -> Any:
    """Creates the draft (a revision copies the agreed version) and sets what the body gives;
    all or nothing."""
    from django.db import transaction

    user = _user(request)
    case = selectors.case_for_user(user=user, pk=case_id, action="change", purpose="api")
    with transaction.atomic():
        version = services.plan_draft(by=user, case=case)
        services.plan_update(
            by=user, version=version, global_goal=body.global_goal, review_on=body.review_on
        )
        if body.goals is not None:
            _replace_goals(user, version, body.goals)
    return selectors.version_tree(version.pk, case)


@router.post("/{case_id}/plan/{number}/agree", response=VersionOut, summary="Vereinbaren")
def plan_agree(request: HttpRequest, case_id: int, number: int, body: AgreeIn) -> Any:
    user = _user(request)
    case = selectors.case_for_user(user=user, pk=case_id, action="change", purpose="api")
    version = PlanVersion.objects.filter(plan__case=case, number=number).first()
    if version is None:
        raise Http404
    services.plan_agree(by=user, version=version, language=body.language)
    return selectors.version_tree(version.pk, case)


@router.get("/{case_id}/tasks", response=list[TaskOut], summary="Aufgaben eines Falls")
def list_tasks(request: HttpRequest, case_id: int) -> Any:
    case = selectors.case_for_user(user=_user(request), pk=case_id, purpose="api")
    return selectors.tasks_of(case)


@router.post("/{case_id}/tasks", response={201: TaskOut}, summary="Aufgabe anlegen")
def create_task(request: HttpRequest, case_id: int, body: TaskIn) -> Any:
    user = _user(request)
    case = selectors.case_for_user(user=user, pk=case_id, action="change", purpose="api")
    return Status(
        201,
        services.task_create(
            by=user, case=case, title=body.title, due_on=body.due_on, kind=body.kind
        ),
    )


@router.post("/{case_id}/tasks/{task_id}/done", response=TaskOut, summary="Aufgabe erledigt")
def complete_task(request: HttpRequest, case_id: int, task_id: int) -> Any:
    user = _user(request)
    case = selectors.case_for_user(user=user, pk=case_id, action="change", purpose="api")
    task = Task.objects.filter(case=case, pk=task_id).select_related("case").first()
    if task is None:
        raise Http404
    return services.task_complete(by=user, task=task)
