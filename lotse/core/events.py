"""Append to and verify the hash-chained event log.

Each event's hash covers its own content and the previous event's hash, and a single head row
keeps the last hash and the number of events. Changing a row breaks its own hash, deleting a row
breaks the link of its successor, and deleting the tail leaves the head pointing at nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from lotse.core.models import Event, EventChainHead, Organisation, User

GENESIS = "0" * 64


def _digest(*, previous_hash: str, fields: dict[str, Any]) -> str:
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{previous_hash}|{canonical}".encode()).hexdigest()


def _hashed_fields(event: Event) -> dict[str, Any]:
    return {
        "kommune": event.kommune_id,
        "organisation": event.organisation_id,
        "actor": event.actor_id,
        "subject_type": event.subject_type,
        "subject_id": event.subject_id,
        "activity": event.activity,
        "at": event.at.isoformat(),
        "payload": event.payload,
    }


def record(
    *,
    activity: str,
    actor: User | None = None,
    organisation: Organisation | None = None,
    subject: Any = None,
    data: dict[str, Any] | None = None,
) -> Event:
    """Append one event. Call inside the transaction of the change it describes."""
    if organisation is None and actor is not None:
        organisation = actor.organisation
    with transaction.atomic():
        head, _ = EventChainHead.objects.select_for_update().get_or_create(pk=1)
        event = Event(
            kommune_id=organisation.kommune_id if organisation else None,
            organisation=organisation,
            actor=actor,
            subject_type=subject._meta.label_lower if subject is not None else "",
            subject_id=str(subject.pk) if subject is not None else "",
            activity=activity,
            at=timezone.now(),
            payload=data or {},
            previous_hash=head.last_hash or GENESIS,
        )
        # JSON round trip: hash exactly what the database will give back.
        event.payload = json.loads(json.dumps(event.payload, default=str))
        event.hash = _digest(previous_hash=event.previous_hash, fields=_hashed_fields(event))
        event.save()
        head.last_event_id = event.pk
        head.last_hash = event.hash
        head.count += 1
        head.save()
    return event


@dataclass(frozen=True)
class ChainProblem:
    event_id: int | None
    problem: str


def verify(batch_size: int = 5000) -> list[ChainProblem]:
    """Walk the chain in id order and report every break. An empty list means intact."""
    problems: list[ChainProblem] = []
    previous = GENESIS
    count = 0
    queryset = Event.objects.order_by("id")
    for event in queryset.iterator(chunk_size=batch_size):
        count += 1
        if event.previous_hash != previous:
            problems.append(ChainProblem(event.pk, "link"))
        if _digest(previous_hash=event.previous_hash, fields=_hashed_fields(event)) != event.hash:
            problems.append(ChainProblem(event.pk, "content"))
        previous = event.hash
    head = EventChainHead.objects.filter(pk=1).first()
    expected_count = head.count if head else 0
    if expected_count != count or (head and head.last_hash not in ("", previous)):
        problems.append(ChainProblem(head.last_event_id if head else None, "missing"))
    return problems
