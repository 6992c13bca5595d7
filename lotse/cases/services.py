"""Writes of the cases app. Each checks permission, runs in one transaction and records an event
with ids and codes only (never names, texts or other personal data). Every event's subject is
the case, so a case's history is one index lookup in the event log."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.cases import access
from lotse.cases.models import (
    MAX_FOCUS_GOALS,
    Assessment,
    AssessmentItem,
    Attainment,
    Case,
    CaseStatusChange,
    Document,
    Goal,
    Handlungsfeld,
    Note,
    Objective,
    Plan,
    PlanVersion,
    Step,
    Task,
)
from lotse.consent import retention
from lotse.consent import services as consent_services
from lotse.consent.models import Consent
from lotse.core import events, policy
from lotse.core.models import Organisation, User
from lotse.people.models import Person

DOCUMENT_MAX_BYTES_DEFAULT = 10 * 1024 * 1024
# The content decides the type, never the file name or the browser's claim (magic bytes).
DOCUMENT_SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)

ERR_OPEN_CASE = gettext_lazy("Für diese Person gibt es schon einen offenen Fall.")
ERR_NOT_OPEN = gettext_lazy(
    "Der Fall ist abgeschlossen. Eröffnen Sie ihn wieder, um daran zu arbeiten."
)
ERR_FROZEN = gettext_lazy(
    "Diese Fassung der Zielvereinbarung ist vereinbart und kann nicht mehr geändert werden. "
    "Legen Sie eine Überarbeitung an."
)


def today() -> dt.date:
    return timezone.localdate()


def document_max_bytes() -> int:
    return int(getattr(settings, "LOTSE_CASE_DOCUMENT_MAX_BYTES", DOCUMENT_MAX_BYTES_DEFAULT))


def _record(by: User, case: Case, activity: str, **data: Any) -> None:
    events.record(
        activity=activity,
        actor=by,
        organisation=case.organisation,
        subject=case,
        data={"person": case.person_id, **data},
    )


def _require(by: User, action: str, case: Case) -> None:
    policy.require(by, action, case)


def _require_open(case: Case) -> None:
    if case.status != Case.Status.OPEN:
        raise ValidationError(ERR_NOT_OPEN)


# --- opening, closing, reopening --------------------------------------------------------------


@dataclass
class Intake:
    """What the intake form or the API sets on a new case."""

    access_route: str
    indications: list[str] = field(default_factory=list)
    referred_by_id: int | None = None
    agreement_id: int | None = None
    opened_on: dt.date | None = None


def _agreement(person: Person, agreement_id: int | None, on: dt.date) -> Consent | None:
    if agreement_id is None:
        return None
    consent = Consent.objects.filter(pk=agreement_id, person=person).first()
    if consent is None or consent.status(on) not in {"active", "expiring"}:
        raise ValidationError(
            {"agreement_id": _("Bitte wählen Sie eine gültige Einwilligung dieser Person.")}
        )
    return consent


def _clean_intake(*, by: User, person: Person, intake: Intake, kind: str) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if intake.access_route not in Case.AccessRoute.values:
        errors["access_route"] = _("Bitte wählen Sie den Zugangsweg.")
    referred_by = None
    if intake.access_route == Case.AccessRoute.REFERRAL:
        referred_by = (
            Organisation.objects.filter(pk=intake.referred_by_id or 0, kommune_id=person.kommune_id)
            .exclude(pk=person.organisation_id)
            .first()
        )
        if referred_by is None:
            errors["referred_by_id"] = _("Bitte nennen Sie die vermittelnde Stelle.")
    if not set(intake.indications) <= set(Case.Indication.values):
        errors["indications"] = _("Unbekannte Indikation.")
    if kind == Case.Kind.KIM and not intake.indications:
        errors["indications"] = _("Bitte nennen Sie mindestens ein Kriterium der Indikation.")
    opened_on = intake.opened_on or today()
    if opened_on > today():
        errors["opened_on"] = _("Das Datum der Eröffnung liegt in der Zukunft.")
    if errors:
        raise ValidationError(errors)
    agreement = _agreement(person, intake.agreement_id, opened_on)
    if kind == Case.Kind.KIM and agreement is None:
        # Case management only with the person's agreement (cf. § 30 SGB XIV, kim.md §3.1).
        raise ValidationError(
            {"agreement_id": _("Case Management braucht die Zustimmung der Person.")}
        )
    return {"referred_by": referred_by, "agreement": agreement, "opened_on": opened_on}


def case_open(
    *,
    by: User,
    person: Person,
    intake: Intake,
    new_agreement: consent_services.ConsentData | None = None,
) -> Case:
    """Open a case for a person of the user's organisation; the kind follows the user's role
    (Case Management: KIM case, Integrationslotsin: Perspektivfall). A new agreement is
    recorded as a consent in the same transaction (all or nothing)."""
    kinds = access.work_kinds(by)
    if not kinds or not policy.can(by, "view", person):
        raise PermissionDenied
    kind = kinds[0]
    with transaction.atomic():
        if new_agreement is not None:
            consent = consent_services.consent_give(by=by, person=person, data=new_agreement)
            intake.agreement_id = consent.pk
        cleaned = _clean_intake(by=by, person=person, intake=intake, kind=kind)
        if Case.objects.filter(person=person, status=Case.Status.OPEN).exists():
            raise ValidationError(ERR_OPEN_CASE)
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    kommune_id=person.kommune_id,
                    organisation_id=person.organisation_id,
                    person=person,
                    case_manager=by,
                    kind=kind,
                    access_route=intake.access_route,
                    indications=sorted(set(intake.indications), key=Case.Indication.values.index),
                    **cleaned,
                )
        except IntegrityError as exc:  # a colleague opened one at the same moment
            raise ValidationError(ERR_OPEN_CASE) from exc
        CaseStatusChange.objects.create(
            kommune_id=case.kommune_id, case=case, kind="OPENED", on=case.opened_on, by=by
        )
        _record(
            by,
            case,
            "case.opened",
            kind=kind,
            access_route=case.access_route,
            referred_by=case.referred_by_id,
            indications=case.indications,
            agreement=case.agreement_id,
        )
    return case


def case_close(
    *, by: User, case: Case, reason: str, outcome: str, note: str = "", on: dt.date | None = None
) -> Case:
    """Close a case with reason and outcome; open tasks are left as they are (visible, done)."""
    _require(by, "close", case)
    _require_open(case)
    errors = {}
    if reason not in Case.ClosureReason.values:
        errors["reason"] = _("Bitte wählen Sie den Grund des Abschlusses.")
    if outcome not in Attainment.values:
        errors["outcome"] = _("Bitte bewerten Sie das Ergebnis.")
    on = on or today()
    if on < case.opened_on or on > today():
        errors["on"] = _("Das Datum muss zwischen Eröffnung und heute liegen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case.status = Case.Status.CLOSED
        case.closed_on = on
        case.closure_reason = reason
        case.outcome = outcome
        case.closure_note = note.strip()[:2000]
        case.delete_after = retention.planned_date(
            organisation=case.organisation, record_type="cases.closed_case", anchor=on
        )
        case.save(
            update_fields=[
                "status",
                "closed_on",
                "closure_reason",
                "outcome",
                "closure_note",
                "delete_after",
                "updated_at",
            ]
        )
        CaseStatusChange.objects.create(
            kommune_id=case.kommune_id,
            case=case,
            kind="CLOSED",
            on=on,
            by=by,
            reason=reason,
            outcome=outcome,
            note=case.closure_note,
        )
        _record(by, case, "case.closed", reason=reason, outcome=outcome)
    return case


def case_reopen(*, by: User, case: Case, note: str = "") -> Case:
    """Reopen a closed case; the closure stays in the history."""
    _require(by, "close", case)
    if case.status != Case.Status.CLOSED:
        raise ValidationError(_("Der Fall ist bereits offen."))
    with transaction.atomic():
        if Case.objects.filter(person_id=case.person_id, status=Case.Status.OPEN).exists():
            raise ValidationError(ERR_OPEN_CASE)
        case.status = Case.Status.OPEN
        case.closed_on = None
        case.closure_reason = ""
        case.outcome = ""
        case.closure_note = ""
        case.delete_after = None
        case.save(
            update_fields=[
                "status",
                "closed_on",
                "closure_reason",
                "outcome",
                "closure_note",
                "delete_after",
                "updated_at",
            ]
        )
        CaseStatusChange.objects.create(
            kommune_id=case.kommune_id,
            case=case,
            kind="REOPENED",
            on=today(),
            by=by,
            note=note.strip()[:2000],
        )
        _record(by, case, "case.reopened", note_given=bool(note.strip()))
    return case


# --- assessment ---------------------------------------------------------------------------------


@dataclass
class ItemData:
    field: str
    resources: str = ""
    needs: str = ""
    priority: int = 0


def assessment_record(
    *, by: User, case: Case, on: dt.date, items: list[ItemData], summary: str = ""
) -> Assessment:
    """Record an assessment; earlier ones stay, so change over time is visible."""
    _require(by, "change", case)
    _require_open(case)
    fields = [i.field for i in items]
    if not items or len(set(fields)) != len(fields) or not set(fields) <= set(Handlungsfeld.values):
        raise ValidationError(_("Bitte bewerten Sie jedes Handlungsfeld höchstens einmal."))
    if any(i.priority not in AssessmentItem.Priority.values for i in items):
        raise ValidationError(_("Unbekannte Priorität."))
    if on > today():
        raise ValidationError({"on": _("Das Datum liegt in der Zukunft.")})
    with transaction.atomic():
        assessment = Assessment.objects.create(
            kommune_id=case.kommune_id, case=case, assessed_on=on, author=by, summary=summary
        )
        AssessmentItem.objects.bulk_create(
            AssessmentItem(
                kommune_id=case.kommune_id,
                assessment=assessment,
                field=i.field,
                resources=i.resources.strip(),
                needs=i.needs.strip(),
                priority=i.priority,
            )
            for i in items
        )
        _record(
            by,
            case,
            "assessment.recorded",
            assessment=assessment.pk,
            priorities={i.field: i.priority for i in items},
        )
    return assessment


# --- Zielvereinbarung ---------------------------------------------------------------------------


def _plan_of(case: Case) -> Plan:
    plan, _created = Plan.objects.get_or_create(case=case, defaults={"kommune_id": case.kommune_id})
    return plan


def _copy_tree(source: PlanVersion, target: PlanVersion) -> None:
    """Copy goals, objectives and steps (with their state) into another version."""
    for goal in source.goals.prefetch_related("objectives__steps"):
        new_goal = Goal.objects.create(
            kommune_id=target.kommune_id,
            version=target,
            position=goal.position,
            field=goal.field,
            text=goal.text,
        )
        for objective in goal.objectives.all():
            new_objective = Objective.objects.create(
                kommune_id=target.kommune_id,
                goal=new_goal,
                position=objective.position,
                text=objective.text,
                indicator=objective.indicator,
                target_on=objective.target_on,
            )
            Step.objects.bulk_create(
                Step(
                    kommune_id=target.kommune_id,
                    objective=new_objective,
                    position=step.position,
                    text=step.text,
                    responsible=step.responsible,
                    organisation_id=step.organisation_id,
                    due_on=step.due_on,
                    status=step.status,
                )
                for step in objective.steps.all()
            )


def plan_draft(*, by: User, case: Case) -> PlanVersion:
    """The draft to edit: the existing one, a copy of the agreed version (a revision; the agreed
    one stays frozen), or a first empty version."""
    _require(by, "change", case)
    _require_open(case)
    with transaction.atomic():
        plan = _plan_of(case)
        versions = PlanVersion.objects.select_for_update().filter(plan=plan)
        draft = versions.filter(status=PlanVersion.Status.DRAFT).first()
        if draft is not None:
            return draft
        agreed = versions.filter(status=PlanVersion.Status.AGREED).first()
        number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = PlanVersion.objects.create(
            kommune_id=case.kommune_id,
            plan=plan,
            number=number,
            global_goal=agreed.global_goal if agreed else "",
            review_on=None,
            created_by=by,
        )
        if agreed is not None:
            _copy_tree(agreed, draft)
        _record(
            by,
            case,
            "plan.revised" if agreed else "plan.drafted",
            version=draft.number,
            **({"from_version": agreed.number} if agreed else {}),
        )
    return draft


def _require_draft(by: User, version: PlanVersion) -> Case:
    case = version.plan.case
    _require(by, "change", case)
    _require_open(case)
    if not version.is_draft:
        raise ValidationError(ERR_FROZEN)
    return case


def plan_update(
    *, by: User, version: PlanVersion, global_goal: str, review_on: dt.date | None
) -> PlanVersion:
    case = _require_draft(by, version)
    with transaction.atomic():
        version.global_goal = global_goal.strip()[:1000]
        version.review_on = review_on
        version.save(update_fields=["global_goal", "review_on", "updated_at"])
        _record(by, case, "plan.updated", version=version.number)
    return version


def goal_add(*, by: User, version: PlanVersion, field_: str, text: str) -> Goal:
    case = _require_draft(by, version)
    if field_ not in Handlungsfeld.values or not text.strip():
        raise ValidationError(_("Bitte nennen Sie Handlungsfeld und Ziel."))
    with transaction.atomic():
        positions = set(version.goals.values_list("position", flat=True))
        free = [p for p in range(1, MAX_FOCUS_GOALS + 1) if p not in positions]
        if not free:
            raise ValidationError(_("Eine Zielvereinbarung hat höchstens drei Schwerpunktziele."))
        goal = Goal.objects.create(
            kommune_id=version.kommune_id,
            version=version,
            position=free[0],
            field=field_,
            text=text.strip(),
        )
        _record(by, case, "plan.goal_added", version=version.number, goal=goal.pk, field=field_)
    return goal


def objective_add(
    *, by: User, goal: Goal, text: str, indicator: str, target_on: dt.date
) -> Objective:
    case = _require_draft(by, goal.version)
    if not text.strip() or not indicator.strip():
        raise ValidationError(_("Bitte nennen Sie das Handlungsziel und woran man es erkennt."))
    with transaction.atomic():
        position = (goal.objectives.aggregate(n=Max("position"))["n"] or 0) + 1
        objective = Objective.objects.create(
            kommune_id=goal.kommune_id,
            goal=goal,
            position=position,
            text=text.strip(),
            indicator=indicator.strip(),
            target_on=target_on,
        )
        _record(by, case, "plan.objective_added", version=goal.version.number, goal=goal.pk)
    return objective


def step_add(
    *,
    by: User,
    objective: Objective,
    text: str,
    responsible: str,
    organisation: Organisation | None = None,
    due_on: dt.date | None = None,
) -> Step:
    case = _require_draft(by, objective.goal.version)
    if not text.strip() or responsible not in Step.Responsible.values:
        raise ValidationError(_("Bitte nennen Sie den Schritt und wer ihn übernimmt."))
    if responsible == Step.Responsible.ORGANISATION:
        if organisation is None or organisation.kommune_id != case.kommune_id:
            raise ValidationError({"organisation": _("Bitte nennen Sie die Stelle.")})
    else:
        organisation = None
    with transaction.atomic():
        position = (objective.steps.aggregate(n=Max("position"))["n"] or 0) + 1
        step = Step.objects.create(
            kommune_id=objective.kommune_id,
            objective=objective,
            position=position,
            text=text.strip(),
            responsible=responsible,
            organisation=organisation,
            due_on=due_on,
        )
        _record(
            by,
            case,
            "plan.step_added",
            version=objective.goal.version.number,
            responsible=responsible,
            organisation=organisation.pk if organisation else None,
        )
    return step


EDITABLE_FIELDS = {
    Goal: ("field", "text"),
    Objective: ("text", "indicator", "target_on"),
    Step: ("text", "responsible", "organisation", "due_on"),
}


def _version_of(item: Goal | Objective | Step) -> PlanVersion:
    if isinstance(item, Goal):
        return item.version
    if isinstance(item, Objective):
        return item.goal.version
    return item.objective.goal.version


def plan_item_update(*, by: User, item: Goal | Objective | Step, **values: Any) -> None:
    """Change the wording of a goal, objective or step of a draft (agreed ones are frozen)."""
    version = _version_of(item)
    case = _require_draft(by, version)
    allowed = EDITABLE_FIELDS[type(item)]
    if set(values) - set(allowed):
        raise ValidationError(_("Unbekannte Angabe."))
    for name in ("text", "indicator"):
        if name in values and not str(values[name]).strip():
            raise ValidationError({name: _("Bitte füllen Sie das Feld aus.")})
    if isinstance(item, Step):
        responsible = values.get("responsible", item.responsible)
        organisation = values.get("organisation", item.organisation)
        if responsible == Step.Responsible.ORGANISATION:
            if organisation is None or organisation.kommune_id != case.kommune_id:
                raise ValidationError({"organisation": _("Bitte nennen Sie die Stelle.")})
        else:
            values["organisation"] = None
    with transaction.atomic():
        for name, value in values.items():
            setattr(item, name, value.strip() if isinstance(value, str) else value)
        item.full_clean(exclude=["kommune", "version", "goal", "objective"])
        item.save()
        _record(by, case, f"plan.{type(item).__name__.lower()}_changed", version=version.number)


def plan_item_delete(*, by: User, item: Goal | Objective | Step) -> None:
    """Remove a goal, objective or step from a draft (with what hangs below it)."""
    version = _version_of(item)
    case = _require_draft(by, version)
    with transaction.atomic():
        kind = type(item).__name__.lower()
        item.delete()
        _record(by, case, f"plan.{kind}_removed", version=version.number)


def _version_open_for_progress(by: User, version: PlanVersion) -> Case:
    case = version.plan.case
    _require(by, "change", case)
    _require_open(case)
    if version.status == PlanVersion.Status.SUPERSEDED:
        raise ValidationError(_("Diese Fassung ist abgelöst; bitte arbeiten Sie in der neuen."))
    return case


def step_set_status(*, by: User, step: Step, status: str) -> Step:
    """Progress is recorded on the draft or on the agreed version (the one being reviewed)."""
    case = _version_open_for_progress(by, step.objective.goal.version)
    if status not in Step.Status.values:
        raise ValidationError(_("Unbekannter Stand."))
    with transaction.atomic():
        step.status = status
        step.save(update_fields=["status"])
        _record(by, case, "plan.step_status", step=step.pk, status=status)
    return step


def attainment_record(
    *, by: User, item: Goal | Objective, attainment: str, reason: str, on: dt.date | None = None
) -> Goal | Objective:
    """Rate how far a goal or objective was reached; a reason is required unless reached."""
    version = item.version if isinstance(item, Goal) else item.goal.version
    case = _version_open_for_progress(by, version)
    if attainment not in Attainment.values:
        raise ValidationError({"attainment": _("Bitte bewerten Sie die Zielerreichung.")})
    if attainment != Attainment.ACHIEVED and not reason.strip():
        raise ValidationError({"reason": _("Bitte begründen Sie die Bewertung.")})
    with transaction.atomic():
        item.attainment = attainment
        item.attainment_reason = reason.strip()[:1000]
        item.attainment_on = on or today()
        item.save(update_fields=["attainment", "attainment_reason", "attainment_on"])
        _record(
            by,
            case,
            "plan.attainment",
            item=type(item).__name__.lower(),
            id=item.pk,
            attainment=attainment,
        )
    return item


def plan_agree(*, by: User, version: PlanVersion, language: str = "de") -> PlanVersion:
    """Freeze the draft as the agreed Zielvereinbarung; the previous agreed one is superseded
    and the review date becomes a review task for the responsible case manager."""
    case = _require_draft(by, version)
    goals = list(version.goals.prefetch_related("objectives"))
    errors = []
    if not version.global_goal.strip():
        errors.append(_("Bitte formulieren Sie das Globalziel."))
    if not goals:
        errors.append(_("Bitte vereinbaren Sie mindestens ein Schwerpunktziel."))
    if any(not g.objectives.all() for g in goals):
        errors.append(_("Jedes Schwerpunktziel braucht mindestens ein Handlungsziel."))
    if version.review_on is None or version.review_on <= today():
        errors.append(_("Bitte legen Sie einen Termin zur Überprüfung in der Zukunft fest."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        PlanVersion.objects.filter(plan=version.plan, status=PlanVersion.Status.AGREED).update(
            status=PlanVersion.Status.SUPERSEDED
        )
        version.status = PlanVersion.Status.AGREED
        version.agreed_at = timezone.now()
        version.agreed_by = by
        version.language = language
        version.save(update_fields=["status", "agreed_at", "agreed_by", "language", "updated_at"])
        # Older review tasks of this case that nobody did are replaced by the new date.
        Task.objects.filter(case=case, kind=Task.Kind.REVIEW, done_at__isnull=True).update(
            done_at=timezone.now(), done_by=by
        )
        assert version.review_on is not None
        Task.objects.create(
            kommune_id=case.kommune_id,
            case=case,
            kind=Task.Kind.REVIEW,
            title=_("Zielvereinbarung überprüfen (Version %(n)s)") % {"n": version.number},
            due_on=version.review_on,
            assignee=case.case_manager,
            plan_version=version,
            created_by=by,
        )
        _record(
            by,
            case,
            "plan.agreed",
            version=version.number,
            goals=len(goals),
            review_on=version.review_on.isoformat(),
        )
    return version


# --- tasks, notes, documents --------------------------------------------------------------------


def task_create(
    *,
    by: User,
    case: Case,
    title: str,
    due_on: dt.date,
    kind: str = Task.Kind.TASK,
    assignee: User | None = None,
) -> Task:
    _require(by, "change", case)
    _require_open(case)
    assignee = assignee or by
    if not title.strip():
        raise ValidationError({"title": _("Bitte geben Sie einen Titel ein.")})
    if kind not in Task.Kind.values:
        raise ValidationError({"kind": _("Unbekannte Art.")})
    if not policy.can(assignee, "change", case):
        raise ValidationError({"assignee": _("Diese Person darf an dem Fall nicht arbeiten.")})
    with transaction.atomic():
        task = Task.objects.create(
            kommune_id=case.kommune_id,
            case=case,
            kind=kind,
            title=title.strip()[:200],
            due_on=due_on,
            assignee=assignee,
            created_by=by,
        )
        _record(by, case, "task.created", task=task.pk, kind=kind, due_on=due_on.isoformat())
    return task


def task_complete(*, by: User, task: Task) -> Task:
    case = task.case
    _require(by, "change", case)
    if task.done_at is not None:
        return task
    with transaction.atomic():
        task.done_at = timezone.now()
        task.done_by = by
        task.save(update_fields=["done_at", "done_by"])
        _record(by, case, "task.done", task=task.pk, kind=task.kind)
    return task


def note_add(*, by: User, case: Case, kind: str, on: dt.date, text: str) -> Note:
    _require(by, "change", case)
    _require_open(case)
    if kind not in Note.Kind.values:
        raise ValidationError({"kind": _("Bitte wählen Sie die Art der Notiz.")})
    if not text.strip():
        raise ValidationError({"text": _("Bitte schreiben Sie einen Text.")})
    if on > today():
        raise ValidationError({"on": _("Das Datum liegt in der Zukunft.")})
    with transaction.atomic():
        note = Note.objects.create(
            kommune_id=case.kommune_id, case=case, kind=kind, on=on, text=text.strip(), author=by
        )
        _record(by, case, "note.added", note=note.pk, kind=kind)
    return note


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) for accepted content, from the first bytes; else None.
    Plain text is UTF-8 without control characters other than tab and line breaks."""
    for signature, content_type, extension in DOCUMENT_SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The sample may end inside a multi-byte character; anything else is not UTF-8 text.
        if exc.reason != "unexpected end of data":
            return None
        text = head[: exc.start].decode("utf-8")
    if text and all(c.isprintable() or c in "\t\r\n\f" for c in text):
        return "text/plain", ".txt"
    return None


def document_upload(
    *, by: User, case: Case, upload: File[bytes], description: str = ""
) -> Document:
    """Store an uploaded file for the case under a random name, after checking size and type
    by content (PDF, PNG, JPEG or plain text)."""
    _require(by, "change", case)
    _require_open(case)
    limit = document_max_bytes()
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": _("Die Datei ist leer.")})
    if size > limit:
        raise ValidationError(
            {
                "file": _("Die Datei ist zu groß (höchstens %(mb)s MB).")
                % {"mb": limit // (1024 * 1024)}
            }
        )
    upload.seek(0)
    kind = sniff(upload.read(4096))
    upload.seek(0)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Diese Art von Datei wird nicht angenommen. Erlaubt sind PDF, PNG, JPEG "
                    "und reiner Text."
                )
            }
        )
    content_type, extension = kind
    original = (getattr(upload, "name", "") or "datei").rsplit("/", 1)[-1][-200:]
    document = Document(
        kommune_id=case.kommune_id,
        case=case,
        original_name=original,
        content_type=content_type,
        size=size,
        description=description.strip()[:300],
        uploaded_by=by,
    )
    # A random name: the original file name may contain the person's name.
    document.file.save(f"{uuid.uuid4().hex}{extension}", upload, save=False)
    try:
        with transaction.atomic():
            document.save()
            _record(by, case, "document.uploaded", document=document.pk, type=content_type)
    except Exception:
        document.file.storage.delete(document.file.name or "")
        raise
    return document


# --- Perspektivfall (Baustein 3) ----------------------------------------------------------------


@dataclass(frozen=True)
class ProposedObjective:
    """A Handlungsziel proposed from outside (e.g. a residence-law pathway) with its steps."""

    text: str
    indicator: str
    steps: list[str]


PERSPECTIVE_HORIZON_DAYS = 365


def perspective_case_open(
    *, by: User, person: Person, goal: str, objectives: list[ProposedObjective]
) -> Case:
    """The lotsin's Perspektivfall as a case: opened (or the open one reused) with a draft
    Zielvereinbarung whose Schwerpunktziel "Aufenthalt" carries the proposed steps. The draft
    is only filled when the case has no Zielvereinbarung yet (nothing is overwritten)."""
    open_case = Case.objects.filter(person=person, status=Case.Status.OPEN).first()
    with transaction.atomic():
        if open_case is None:
            case = case_open(
                by=by, person=person, intake=Intake(access_route=Case.AccessRoute.INTERNAL)
            )
        else:
            case = open_case
            _require(by, "change", case)
        if PlanVersion.objects.filter(plan__case=case).exists() or not objectives:
            return case
        version = plan_draft(by=by, case=case)
        focus = goal_add(by=by, version=version, field_=Handlungsfeld.AUFENTHALT, text=goal)
        target_on = today() + dt.timedelta(days=PERSPECTIVE_HORIZON_DAYS)
        for proposal in objectives[:10]:
            objective = objective_add(
                by=by,
                goal=focus,
                text=proposal.text,
                indicator=proposal.indicator,
                target_on=target_on,
            )
            for text in proposal.steps:
                step_add(by=by, objective=objective, text=text, responsible=Step.Responsible.PERSON)
    return case
