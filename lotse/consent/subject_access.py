"""Art. 15 DSGVO: everything the owning organisation holds about one person, as sections.

Apps contribute a section each through `register_subject_data(provider)` from their
`AppConfig.ready()` (consent cannot import them: architecture §3). A provider is a callable
`(person, viewer) -> SubjectSection | None`; it returns only the owning organisation's records of
the person. `viewer` is the member of staff who generates the answer: a provider whose content
that role may not read (case notes for ABH-Sachbearbeitung, kim.md §3.2) returns the section with
`complete=False` and a note instead of the content, so the answer says it is partial rather than
showing data to a role that has no need to know. See docs/data-subject-rights.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from lotse.core.models import Organisation, User
from lotse.people.models import Person

FORMAT_VERSION = "1"


@dataclass(frozen=True)
class Table:
    """A plain table for the PDF: caption, column headings and rows of strings."""

    caption: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class SubjectSection:
    """One app's part of the answer: readable rows and tables, and the same as plain data."""

    key: str  # stable machine name, e.g. "people", "cases"
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    tables: list[Table] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # JSON-serialisable
    note: str = ""
    complete: bool = True


SubjectProvider = Callable[[Person, User], "SubjectSection | None"]
_PROVIDERS: list[SubjectProvider] = []


def register_subject_data(provider: SubjectProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def providers() -> list[SubjectProvider]:
    return list(_PROVIDERS)


@dataclass(frozen=True)
class SubjectExport:
    person: Person
    organisation: Organisation
    generated_at: dt.datetime
    sections: list[SubjectSection]

    @property
    def complete(self) -> bool:
        return all(section.complete for section in self.sections)


def build(person: Person, viewer: User) -> SubjectExport:
    """Collect every registered section for `person` (the caller has checked access)."""
    sections = [s for s in (provider(person, viewer) for provider in _PROVIDERS) if s is not None]
    return SubjectExport(
        person=person,
        organisation=person.organisation,
        generated_at=timezone.now(),
        sections=sections,
    )


def to_json(export: SubjectExport) -> dict[str, Any]:
    """The machine-readable answer (format in docs/data-subject-rights.md)."""
    return {
        "format": "lotse-art15",
        "version": FORMAT_VERSION,
        "generated_at": export.generated_at.isoformat(),
        "controller": {
            "organisation": export.organisation.name,
            "kommune": export.organisation.kommune.name,
        },
        "person_id": f"lotse-{export.person.pk}",
        "complete": export.complete,
        "sections": {
            section.key: {
                "title": section.title,
                "complete": section.complete,
                "note": section.note,
                "data": section.data,
            }
            for section in export.sections
        },
    }


def date_text(value: dt.date | dt.datetime | None) -> str:
    """TT.MM.JJJJ (with time for datetimes, in local time); empty for None."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


def iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
