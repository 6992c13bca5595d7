"""The cases app's part of data-subject rights (lotse.consent.subject_access, .retention).

Art. 15: the person's cases in the owning organisation with status history, assessments,
Zielvereinbarungen, tasks, notes and the list of documents (names, not contents). A viewer who may
not read a case (ABH-Sachbearbeitung, Servicepoint; access.py) gets the section marked incomplete
with the number of cases instead of their content.

Retention ("cases.closed_case"): closed cases, 36 months after closure by default (UNVERIFIED;
no statutory period for KIM files, kim.md §3.4). DELETE removes the case with everything hanging
off it; ANONYMISE deletes notes, documents (and files) and tasks and blanks every free text, keeping
the structure (Handlungsfelder, priorities, attainment, dates) for statistics. Importing this
module registers both (CasesConfig.ready).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.cases import access
from lotse.cases.models import (
    Assessment,
    AssessmentItem,
    Case,
    CaseStatusChange,
    Document,
    Goal,
    Note,
    Objective,
    PlanVersion,
    Step,
    Task,
)
from lotse.consent import retention
from lotse.consent.models import RetentionRule
from lotse.consent.retention import ANONYMISE, DELETE, RetentionHandler, RuleValue
from lotse.consent.subject_access import (
    SubjectSection,
    Table,
    date_text,
    iso,
    register_subject_data,
)
from lotse.core.models import Organisation, User
from lotse.people.models import Person

RECORD_TYPE = "cases.closed_case"


def _readable(viewer: User, cases: list[Case]) -> set[int]:
    q = access.case_q(viewer, "view")
    if q is None:
        return set()
    return set(Case.objects.filter(q, pk__in=[c.pk for c in cases]).values_list("pk", flat=True))


def _case_data(case: Case) -> tuple[dict[str, Any], list[Table]]:
    changes = list(case.status_changes.all())
    assessments = list(case.assessments.prefetch_related("items"))
    versions = list(
        PlanVersion.objects.filter(plan__case=case).prefetch_related("goals__objectives__steps")
    )
    tasks = list(case.tasks.all())
    notes = list(case.notes.all())
    documents = list(case.documents.all())
    label = _("Fall Nr. %(id)s") % {"id": case.pk}
    tables = [
        Table(
            label + " – " + _("Verlauf"),
            [_("Datum"), _("Ereignis"), _("Grund"), _("Bemerkung")],
            [
                [
                    date_text(c.on),
                    c.get_kind_display(),
                    str(Case.ClosureReason(c.reason).label)
                    if c.reason in Case.ClosureReason.values
                    else c.reason,
                    c.note,
                ]
                for c in changes
            ],
        )
    ]
    if assessments:
        tables.append(
            Table(
                label + " – " + _("Einschätzungen"),
                [_("Datum"), _("Handlungsfeld"), _("Ressourcen"), _("Bedarfe"), _("Priorität")],
                [
                    [
                        date_text(a.assessed_on),
                        i.get_field_display(),
                        i.resources,
                        i.needs,
                        i.get_priority_display(),
                    ]
                    for a in assessments
                    for i in a.items.all()
                ],
            )
        )
    goal_rows = []
    for v in versions:
        goal_rows.append(
            [str(v.number), v.get_status_display(), _("Globalziel"), v.global_goal, ""]
        )
        for g in v.goals.all():
            goal_rows.append(
                [
                    str(v.number),
                    g.get_field_display(),
                    _("Schwerpunktziel"),
                    g.text,
                    g.get_attainment_display(),
                ]
            )
            for o in g.objectives.all():
                goal_rows.append(
                    [
                        str(v.number),
                        date_text(o.target_on),
                        _("Handlungsziel"),
                        o.text,
                        o.get_attainment_display(),
                    ]
                )
                for s in o.steps.all():
                    goal_rows.append(
                        [
                            str(v.number),
                            s.get_responsible_display(),
                            _("Schritt"),
                            s.text,
                            s.get_status_display(),
                        ]
                    )
    if goal_rows:
        tables.append(
            Table(
                label + " – " + _("Zielvereinbarung"),
                [_("Version"), _("Bereich"), _("Art"), _("Inhalt"), _("Stand")],
                goal_rows,
            )
        )
    if tasks:
        tables.append(
            Table(
                label + " – " + _("Aufgaben und Termine"),
                [_("fällig am"), _("Art"), _("Titel"), _("erledigt")],
                [
                    [date_text(t.due_on), t.get_kind_display(), t.title, date_text(t.done_at)]
                    for t in tasks
                ],
            )
        )
    if notes:
        tables.append(
            Table(
                label + " – " + _("Notizen"),
                [_("Datum"), _("Art"), _("Text")],
                [[date_text(n.on), n.get_kind_display(), n.text] for n in notes],
            )
        )
    if documents:
        tables.append(
            Table(
                label + " – " + _("Dokumente (nur Liste)"),
                [_("hochgeladen am"), _("Dateiname"), _("Beschreibung")],
                [[date_text(d.uploaded_at), d.original_name, d.description] for d in documents],
            )
        )
    data = {
        "id": case.pk,
        "kind": case.kind,
        "status": case.status,
        "access_route": case.access_route,
        "indications": list(case.indications),
        "opened_on": iso(case.opened_on),
        "closed_on": iso(case.closed_on),
        "closure_reason": case.closure_reason,
        "outcome": case.outcome,
        "closure_note": case.closure_note,
        "delete_after": iso(case.delete_after),
        "status_changes": [
            {
                "kind": c.kind,
                "on": iso(c.on),
                "reason": c.reason,
                "outcome": c.outcome,
                "note": c.note,
            }
            for c in changes
        ],
        "assessments": [
            {
                "on": iso(a.assessed_on),
                "summary": a.summary,
                "items": [
                    {
                        "field": i.field,
                        "resources": i.resources,
                        "needs": i.needs,
                        "priority": i.priority,
                    }
                    for i in a.items.all()
                ],
            }
            for a in assessments
        ],
        "plan_versions": [
            {
                "number": v.number,
                "status": v.status,
                "global_goal": v.global_goal,
                "review_on": iso(v.review_on),
                "agreed_at": iso(v.agreed_at),
                "goals": [
                    {
                        "field": g.field,
                        "text": g.text,
                        "attainment": g.attainment,
                        "objectives": [
                            {
                                "text": o.text,
                                "indicator": o.indicator,
                                "target_on": iso(o.target_on),
                                "attainment": o.attainment,
                                "steps": [
                                    {
                                        "text": s.text,
                                        "responsible": s.responsible,
                                        "status": s.status,
                                    }
                                    for s in o.steps.all()
                                ],
                            }
                            for o in g.objectives.all()
                        ],
                    }
                    for g in v.goals.all()
                ],
            }
            for v in versions
        ],
        "tasks": [
            {"kind": t.kind, "title": t.title, "due_on": iso(t.due_on), "done_at": iso(t.done_at)}
            for t in tasks
        ],
        "notes": [{"kind": n.kind, "on": iso(n.on), "text": n.text} for n in notes],
        "documents": [
            {
                "name": d.original_name,
                "description": d.description,
                "content_type": d.content_type,
                "size": d.size,
                "uploaded_at": iso(d.uploaded_at),
            }
            for d in documents
        ],
    }
    return data, tables


def case_section(person: Person, viewer: User) -> SubjectSection:
    cases = list(
        Case.objects.filter(person=person, organisation_id=person.organisation_id).order_by(
            "opened_on", "id"
        )
    )
    readable = _readable(viewer, cases)
    hidden = [c for c in cases if c.pk not in readable]
    rows = [
        [
            str(c.pk),
            c.get_kind_display(),
            c.get_status_display(),
            date_text(c.opened_on),
            date_text(c.closed_on),
            date_text(c.delete_after),
        ]
        for c in cases
    ]
    tables = (
        [
            Table(
                _("Fälle"),
                [
                    _("Nr."),
                    _("Art"),
                    _("Status"),
                    _("eröffnet"),
                    _("abgeschlossen"),
                    _("Löschung vorgesehen"),
                ],
                rows,
            )
        ]
        if rows
        else []
    )
    data: dict[str, Any] = {"cases": [], "hidden_cases": len(hidden)}
    for case in cases:
        if case.pk in readable:
            case_data, case_tables = _case_data(case)
            data["cases"].append(case_data)
            tables += case_tables
    note = "" if cases else _("Es gibt keinen Fall.")
    if hidden:
        note = _(
            "Zu %(count)s Fall/Fällen darf die erstellende Person die Inhalte nicht sehen. Die "
            "vollständige Auskunft erstellt die Leitung."
        ) % {"count": len(hidden)}
    return SubjectSection(
        key="cases",
        title=_("Fallmanagement"),
        tables=tables,
        data=data,
        note=note,
        complete=not hidden,
    )


# --- retention ----------------------------------------------------------------------------------


def _default(organisation: Organisation) -> RuleValue:
    # 36 months after closure: typical municipal practice, tied to the MBE three-year
    # counselling window (kim.md §3.4). UNVERIFIED: to be confirmed by the DPO.
    return RuleValue(36, DELETE, RetentionRule.Trigger.CLOSURE)


def _closed(organisation: Organisation) -> QuerySet[Case]:
    return Case.objects.filter(organisation=organisation, status=Case.Status.CLOSED).exclude(
        pk__in=retention.done_ids(RECORD_TYPE)
    )


def cases_due(organisation: Organisation, rule: RuleValue, today: dt.date) -> list[int]:
    # Due on closed_on + months: closed before the cutoff, or exactly on it.
    return list(
        _closed(organisation).filter(closed_on__lte=rule.cutoff(today)).values_list("pk", flat=True)
    )


def _delete_files(names: list[str]) -> None:
    from django.core.files.storage import default_storage

    def remove() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(remove)


def _anonymise(ids: list[int]) -> None:
    files = list(Document.objects.filter(case_id__in=ids).values_list("file", flat=True))
    Document.objects.filter(case_id__in=ids).delete()
    Note.objects.filter(case_id__in=ids).delete()
    Task.objects.filter(case_id__in=ids).delete()
    Case.objects.filter(pk__in=ids).update(closure_note="")
    CaseStatusChange.objects.filter(case_id__in=ids).update(note="")
    Assessment.objects.filter(case_id__in=ids).update(summary="")
    AssessmentItem.objects.filter(assessment__case_id__in=ids).update(resources="", needs="")
    versions = PlanVersion.objects.filter(plan__case_id__in=ids)
    versions.update(global_goal="")
    Goal.objects.filter(version__in=versions).update(text="", attainment_reason="")
    Objective.objects.filter(goal__version__in=versions).update(
        text="", indicator="", attainment_reason=""
    )
    Step.objects.filter(objective__goal__version__in=versions).update(text="")
    _delete_files([f for f in files if f])


def cases_apply(
    organisation: Organisation, ids: list[int], action: str, today: dt.date
) -> dict[str, int]:
    deleted: list[int] = []
    if action == DELETE:
        for pk in ids:
            files = list(Document.objects.filter(case_id=pk).values_list("file", flat=True))
            try:
                with transaction.atomic():
                    Case.objects.filter(pk=pk).delete()
            except ProtectedError:
                continue  # another app still refers to the case: anonymise it instead
            deleted.append(pk)
            _delete_files([f for f in files if f])
    kept = [pk for pk in ids if pk not in set(deleted)]
    _anonymise(kept)
    retention.mark_done(
        organisation=organisation, record_type=RECORD_TYPE, ids=kept, action=ANONYMISE, today=today
    )
    return {"deleted": len(deleted), "anonymised": len(kept)}


def cases_planned(organisation: Organisation, rule: RuleValue) -> None:
    """Recompute the deletion date shown on every closed, not yet processed case."""
    cases = list(_closed(organisation).only("pk", "closed_on"))
    for case in cases:
        case.delete_after = rule.due_on(case.closed_on) if case.closed_on else None
    Case.objects.bulk_update(cases, ["delete_after"], batch_size=500)


def _case_hold(organisation: Organisation, cutoff: dt.date) -> QuerySet[Any]:
    """A person with a case not yet anonymised is kept (the case rule decides first)."""
    return (
        Case.objects.filter(Q(person__organisation=organisation))
        .exclude(pk__in=retention.done_ids(RECORD_TYPE))
        .values("person_id")
    )


register_subject_data(case_section)
retention.register_retention(
    RetentionHandler(
        record_type=RECORD_TYPE,
        label=gettext_lazy("Abgeschlossene Fälle"),
        description=gettext_lazy(
            "Fälle mit Einschätzungen, Zielvereinbarungen, Aufgaben, Notizen und Dokumenten; "
            "die Frist beginnt mit dem Abschluss. Anonymisieren löscht Notizen, Dokumente und "
            "Aufgaben und leert alle Freitexte."
        ),
        default=_default,
        due=cases_due,
        apply=cases_apply,
        planned=cases_planned,
    )
)
retention.register_person_hold(_case_hold)
