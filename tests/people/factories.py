from __future__ import annotations

import datetime as dt

from lotse.core.models import User
from lotse.people.models import Person
from lotse.people.services import PersonData, person_create


def person(
    by: User, family: str = "Haddad", given: str = "Amina", year: int | None = 1995, **extra
) -> Person:
    data = PersonData(
        family_name=family,
        given_names=given,
        birth_year=year,
        birth_month=extra.pop("month", 4 if year else None),
        birth_day=extra.pop("day", 12 if year else None),
        **extra,
    )
    return person_create(by=by, data=data)


def status(kind: str = "DULDUNG_60A", start: str = "2020-01-01", end: str | None = None) -> dict:
    return {
        "type": kind,
        "from": dt.date.fromisoformat(start),
        "to": dt.date.fromisoformat(end) if end else None,
        "legal_basis": "",
    }
