"""The pathways app's part of data-subject rights (lotse.consent.subject_access, .retention).

Art. 15: the stored screening results (pathway, outcome, earliest date, next deadline, as of)
and Perspektivfälle with their hand-over note and open steps. When the retention job anonymises
or deletes a person, the stored results and any queued screening of that person are removed
(they were derived from facts that no longer exist). Importing this module registers both.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from lotse.consent.retention import register_person_hold, subscribe_to_person_erasure
from lotse.consent.subject_access import (
    SubjectSection,
    Table,
    date_text,
    iso,
    register_subject_data,
)
from lotse.core.models import Organisation, User
from lotse.pathways.models import Outcome, PendingScreening, PerspectiveCase, ScreeningResult
from lotse.people.models import Person

LABEL = dict(Outcome.choices)


def screening_section(person: Person, viewer: User) -> SubjectSection:
    results = list(
        ScreeningResult.objects.filter(
            person=person, organisation_id=person.organisation_id
        ).order_by("rank", "pathway")
    )
    cases = list(
        PerspectiveCase.objects.filter(person=person, organisation_id=person.organisation_id)
        .prefetch_related("steps")
        .order_by("created_at", "id")
    )
    tables = []
    if results:
        tables.append(
            Table(
                _("Ergebnisse der Prüfung von Bleibeperspektiven"),
                [_("Weg"), _("Ergebnis"), _("frühestens"), _("nächste Frist"), _("Ergebnis seit")],
                [
                    [
                        r.pathway,
                        str(LABEL.get(r.outcome, r.outcome)),
                        date_text(r.earliest_date),
                        date_text(r.next_deadline),
                        date_text(r.as_of),
                    ]
                    for r in results
                ],
            )
        )
    if cases:
        tables.append(
            Table(
                _("Perspektivfälle"),
                [_("übergeben am"), _("Stand"), _("Notiz zur Übergabe"), _("Schritte")],
                [
                    [
                        date_text(c.created_at),
                        c.get_status_display(),
                        c.handover_note,
                        "; ".join(f"{s.text} ({s.get_status_display()})" for s in c.steps.all()),
                    ]
                    for c in cases
                ],
            )
        )
    return SubjectSection(
        key="screening",
        title=_("Prüfung von Bleibeperspektiven"),
        tables=tables,
        data={
            "results": [
                {
                    "pathway": r.pathway,
                    "outcome": r.outcome,
                    "earliest_date": iso(r.earliest_date),
                    "next_deadline": iso(r.next_deadline),
                    "as_of": iso(r.as_of),
                    "rule_base": r.rule_base,
                    "result": r.result,
                }
                for r in results
            ],
            "perspective_cases": [
                {
                    "created_at": iso(c.created_at),
                    "status": c.status,
                    "handover_note": c.handover_note,
                    "steps": [{"text": s.text, "status": s.status} for s in c.steps.all()],
                }
                for c in cases
            ],
        },
        note=""
        if tables
        else _("Für Sie sind keine Ergebnisse einer Prüfung von Bleibeperspektiven gespeichert."),
    )


def forget_results(person_ids: list[int]) -> None:
    ScreeningResult.objects.filter(person_id__in=person_ids).delete()
    PendingScreening.objects.filter(person_id__in=person_ids).delete()
    PerspectiveCase.objects.filter(person_id__in=person_ids).update(handover_note="")


def perspective_hold(organisation: Organisation, cutoff: dt.date) -> QuerySet[Any]:
    """A person with an open Perspektivfall, or one started within the period, is kept."""
    return (
        PerspectiveCase.objects.filter(person__organisation=organisation)
        .filter(~Q(status=PerspectiveCase.Status.CLOSED) | Q(created_at__date__gt=cutoff))
        .values("person_id")
    )


register_subject_data(screening_section)
subscribe_to_person_erasure(forget_results)
register_person_hold(perspective_hold)
