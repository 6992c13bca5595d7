from __future__ import annotations

import datetime as dt

from lotse.consent import services
from lotse.consent.models import Consent
from lotse.core.models import Organisation, User
from lotse.people.models import Person


def consent(
    by: User,
    person: Person,
    recipients: list[Organisation],
    *,
    purposes: tuple[str, ...] = ("UEBERLEITUNG",),
    categories: tuple[str, ...] = ("STAMMDATEN",),
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    **extra,
) -> Consent:
    data = services.ConsentData(
        given_by=extra.pop("given_by", "PERSON"),
        recipient_ids=[o.pk for o in recipients],
        purposes=list(purposes),
        categories=list(categories),
        form=extra.pop("form", "WRITTEN"),
        valid_from=valid_from or dt.date(2020, 1, 1),
        valid_until=valid_until,
        **extra,
    )
    return services.consent_give(by=by, person=person, data=data)
