"""Reads of the cases app: fixed query counts whatever the number of goals, notes or tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import (
    Assessment,
    AssessmentItem,
    Case,
    Document,
    Goal,
    Handlungsfeld,
    Note,
    Objective,
    PlanVersion,
    Step,
    Task,
)
from lotse.consent import disclosure
from lotse.consent.models import Category, Consent, Purpose
from lotse.core import policy
from lotse.core.models import Event, User
from lotse.people.models import Person
from lotse.people.selectors import log_access

HISTORY_LIMIT = 30
# The case history in words (the event log stores activity codes).
ACTIVITY_LABELS = {
    "case.opened": _("Fall eröffnet"),
    "case.closed": _("Fall abgeschlossen"),
    "case.reopened": _("Fall wieder eröffnet"),
    "assessment.recorded": _("Assessment gespeichert"),
    "plan.drafted": _("Zielvereinbarung angelegt"),
    "plan.revised": _("Überarbeitung angelegt"),
    "plan.updated": _("Globalziel oder Überprüfung geändert"),
    "plan.goal_added": _("Schwerpunktziel hinzugefügt"),
    "plan.objective_added": _("Handlungsziel hinzugefügt"),
    "plan.step_added": _("Schritt hinzugefügt"),
    "plan.goal_removed": _("Schwerpunktziel entfernt"),
    "plan.objective_removed": _("Handlungsziel entfernt"),
    "plan.step_removed": _("Schritt entfernt"),
    "plan.goal_changed": _("Schwerpunktziel geändert"),
    "plan.objective_changed": _("Handlungsziel geändert"),
    "plan.step_changed": _("Schritt geändert"),
    "plan.step_status": _("Stand eines Schritts geändert"),
    "plan.attainment": _("Zielerreichung bewertet"),
    "plan.agreed": _("Zielvereinbarung vereinbart"),
    "task.created": _("Aufgabe angelegt"),
    "task.done": _("Aufgabe erledigt"),
    "note.added": _("Notiz geschrieben"),
    "document.uploaded": _("Dokument hochgeladen"),
}


def today() -> dt.date:
    return timezone.localdate()


def case_for_user(*, user: User, pk: Any, action: str = "view", purpose: str = "case") -> Case:
    """A case the user may see (404 for missing and foreign alike; 403 for read-only on a
    write). Reading case content is a read of the person's Fallverlauf: it goes through the
    disclosure gate (free for the owning organisation, logged for anyone else)."""
    case = policy.get_or_404(
        user,
        Case,
        pk,
        action=action,
        query=lambda qs: qs.select_related(
            "person", "case_manager", "referred_by", "agreement", "organisation"
        ),
    )
    if case.organisation_id != user.organisation_id:
        # Only reachable through a registered access hook (e.g. a referral): consent needed.
        disclosure.require(user, case.person, Purpose.FALLBESPRECHUNG, Category.FALLVERLAUF)
    log_access(user=user, person_ids=[case.person_id], purpose=f"case:{purpose}")
    return case


def may_work(user: User, case: Case) -> bool:
    """For buttons on a page that already fetched the case (no query)."""
    return case.organisation_id == user.organisation_id and case.kind in _work_kinds(user)


def may_change(user: User, case: Case) -> bool:
    return case.status == Case.Status.OPEN and may_work(user, case)


def _work_kinds(user: User) -> list[str]:
    from lotse.cases.access import work_kinds

    return work_kinds(user)


@dataclass(frozen=True)
class CaseFilter:
    status: str = "OPEN"
    kind: str = ""
    mine: bool = True


def case_page(
    *, user: User, filters: CaseFilter, after: int | None, size: int
) -> tuple[list[Case], int | None]:
    """The case list, newest first, by keyset on id (one query)."""
    queryset = policy.queryset(user, "view", Case).select_related("person", "case_manager")
    if filters.mine:
        queryset = queryset.filter(case_manager=user)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if after is not None:
        queryset = queryset.filter(id__lt=after)
    rows = list(queryset.order_by("-id")[: size + 1])
    return rows[:size], rows[size - 1].pk if len(rows) > size else None


def open_case_of(person: Person) -> Case | None:
    return (
        Case.objects.filter(person=person)
        .order_by(
            "-status",  # OPEN sorts after CLOSED alphabetically: newest open first
            "-id",
        )
        .first()
    )


def cases_of(person: Person) -> list[Case]:
    return list(Case.objects.filter(person=person).select_related("case_manager").order_by("-id"))


def agreement_choices(person: Person) -> list[Consent]:
    """Consents of the person that can carry the agreement to case management now."""
    on = today()
    return [
        c for c in Consent.objects.filter(person=person) if c.status(on) in ("active", "expiring")
    ]


def overview(case: Case) -> dict[str, Any]:
    """Everything the Überblick tab shows, in a fixed number of queries."""
    return {
        "status_changes": list(case.status_changes.select_related("by")),
        "open_tasks": list(
            case.tasks.filter(done_at__isnull=True)
            .select_related("assignee")
            .order_by("due_on")[:10]
        ),
        "latest_notes": list(case.notes.select_related("author")[:3]),
        "current_version": PlanVersion.objects.filter(plan__case=case)
        .exclude(status=PlanVersion.Status.SUPERSEDED)
        .order_by("-number")
        .first(),
        "latest_assessment": case.assessments.first(),
        "history": history(case),
    }


def history(case: Case, limit: int = HISTORY_LIMIT) -> list[tuple[Event, str]]:
    """The case's recent events with a label (one index lookup in the event log)."""
    events = (
        Event.objects.filter(subject_type="cases.case", subject_id=str(case.pk))
        .select_related("actor")
        .order_by("-id")[:limit]
    )
    return [(e, str(ACTIVITY_LABELS.get(e.activity, e.activity))) for e in events]


# --- assessment ---------------------------------------------------------------------------------


def assessments(case: Case) -> list[Assessment]:
    return list(
        case.assessments.select_related("author").prefetch_related(
            Prefetch("items", queryset=AssessmentItem.objects.order_by("id"))
        )
    )


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: AssessmentItem | None
    after: AssessmentItem | None

    @property
    def priority_change(self) -> int:
        return (self.after.priority if self.after else 0) - (
            self.before.priority if self.before else 0
        )

    @property
    def changed(self) -> bool:
        def key(item: AssessmentItem | None) -> tuple[Any, ...]:
            return (item.priority, item.needs, item.resources) if item else (0, "", "")

        return key(self.before) != key(self.after)


def compare(before: Assessment | None, after: Assessment) -> list[FieldChange]:
    """Per Handlungsfeld: the previous and the current rating (items must be prefetched)."""
    old = {i.field: i for i in before.items.all()} if before else {}
    new = {i.field: i for i in after.items.all()}
    return [
        FieldChange(code, str(label), old.get(code), new.get(code))
        for code, label in Handlungsfeld.choices
        if code in old or code in new
    ]


# --- Zielvereinbarung ---------------------------------------------------------------------------


def versions(case: Case) -> list[PlanVersion]:
    return list(PlanVersion.objects.filter(plan__case=case).select_related("agreed_by"))


def version_tree(version_id: int, case: Case) -> PlanVersion | None:
    """One version with goals → objectives → steps (+ organisations): four queries."""
    return (
        PlanVersion.objects.filter(pk=version_id, plan__case=case)
        .select_related("agreed_by", "plan")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(
                    Prefetch(
                        "objectives",
                        queryset=Objective.objects.prefetch_related(
                            Prefetch("steps", queryset=Step.objects.select_related("organisation"))
                        ),
                    )
                ),
            )
        )
        .first()
    )


def goal_in(case: Case, pk: Any) -> Goal | None:
    return (
        Goal.objects.select_related("version__plan").filter(pk=pk, version__plan__case=case).first()
    )


def objective_in(case: Case, pk: Any) -> Objective | None:
    return (
        Objective.objects.select_related("goal__version__plan")
        .filter(pk=pk, goal__version__plan__case=case)
        .first()
    )


def step_in(case: Case, pk: Any) -> Step | None:
    return (
        Step.objects.select_related("objective__goal__version__plan")
        .filter(pk=pk, objective__goal__version__plan__case=case)
        .first()
    )


# --- tasks, notes, documents --------------------------------------------------------------------


def tasks_of(case: Case) -> list[Task]:
    return list(
        case.tasks.select_related("assignee", "done_by").order_by("done_at", "due_on", "id")
    )


def notes_of(case: Case, kind: str = "") -> list[Note]:
    notes = case.notes.select_related("author")
    return list(notes.filter(kind=kind) if kind else notes)


def documents_of(case: Case) -> list[Document]:
    return list(case.documents.select_related("uploaded_by"))


@dataclass
class MyTasks:
    overdue: list[Task]
    today: list[Task]
    reviews: list[Task]
    upcoming: list[Task]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.today or self.reviews or self.upcoming)


def my_tasks(*, user: User, on: dt.date | None = None, limit: int = 50) -> MyTasks:
    """Open tasks of the user on cases they may still work on: one query."""
    on = on or today()
    week_end = on + dt.timedelta(days=6 - on.weekday())
    visible = policy.queryset(user, "change", Task)
    rows = list(
        visible.filter(assignee=user, done_at__isnull=True, case__status=Case.Status.OPEN)
        .filter(Q(due_on__lte=on + dt.timedelta(days=14)))
        .select_related("case__person")
        .order_by("due_on", "id")[: limit * 4]
    )
    return MyTasks(
        overdue=[t for t in rows if t.due_on < on][:limit],
        today=[t for t in rows if t.due_on == on][:limit],
        reviews=[t for t in rows if t.kind == Task.Kind.REVIEW and on < t.due_on <= week_end][
            :limit
        ],
        upcoming=[
            t
            for t in rows
            if t.due_on > on and not (t.kind == Task.Kind.REVIEW and t.due_on <= week_end)
        ][:limit],
    )


def document_in(case: Case, pk: Any) -> Document | None:
    return case.documents.filter(pk=pk).first()


def assignable(case: Case) -> QuerySet[User]:
    """Colleagues who may take a task of this case (same organisation, working role)."""
    from lotse.cases.access import WORK_ROLE

    return User.objects.filter(
        organisation_id=case.organisation_id, role=WORK_ROLE[case.kind], is_active=True
    ).order_by("last_name", "username")
