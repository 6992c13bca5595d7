"""PURE: does a consent or a recorded legal basis cover one disclosure? (No Django import.)

`covers` is the decision behind `consent.disclosure`. It takes plain grants and answers for one
recipient organisation, one purpose, one data category and one instant. Dates are whole days in
Europe/Berlin, both ends inclusive; a revocation takes effect at the instant it is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

CONSENT = "CONSENT"
LEGAL_BASIS = "LEGAL_BASIS"

# The data categories a consent or a legal basis names (codes are stored; labels live in models).
CATEGORIES = (
    "STAMMDATEN",
    "AUFENTHALT",
    "SPRACHE_BILDUNG",
    "ARBEIT_EINKOMMEN",
    "GESUNDHEIT",
    "FAMILIE",
    "FALLVERLAUF",
)
# Case content: never visible to the Ausländer- or Einbürgerungsbehörde without a consent naming
# them (kim.md §3.2: § 71 Abs. 2 S. 2 SGB X allows health data to the ABH only in narrow cases;
# case notes are not shown to ABH/EBH by default). A recorded legal basis does not suffice here.
CASE_CONTENT = frozenset({"FALLVERLAUF", "GESUNDHEIT"})
CONSENT_ONLY_RECIPIENT_KINDS = frozenset({"ABH", "EBH"})


@dataclass(frozen=True)
class Grant:
    """A consent or a legal basis, reduced to what the decision needs."""

    kind: str  # CONSENT or LEGAL_BASIS
    id: int
    recipients: frozenset[int]
    purposes: frozenset[str]
    categories: frozenset[str]
    valid_from: dt.date
    valid_until: dt.date | None = None
    revoked_at: dt.datetime | None = None


def local_day(at: dt.datetime) -> dt.date:
    """The calendar day in Europe/Berlin of an aware instant."""
    if at.tzinfo is None:
        raise ValueError("at must be timezone-aware")
    return at.astimezone(BERLIN).date()


def in_force(grant: Grant, at: dt.datetime) -> bool:
    """Valid on the local day of `at` and not revoked at or before `at`."""
    day = local_day(at)
    if day < grant.valid_from:
        return False
    if grant.valid_until is not None and day > grant.valid_until:
        return False
    # "Revocation takes effect at once": from the recorded instant on, nothing is covered.
    return grant.revoked_at is None or at < grant.revoked_at


def _eligible(grant: Grant, recipient_kind: str, category: str) -> bool:
    if category in CASE_CONTENT and recipient_kind in CONSENT_ONLY_RECIPIENT_KINDS:
        return grant.kind == CONSENT
    return grant.kind in (CONSENT, LEGAL_BASIS)


def covers(
    grants: Iterable[Grant],
    recipient_org_id: int,
    purpose: str,
    category: str,
    at: dt.datetime,
    *,
    recipient_kind: str,
) -> Grant | None:
    """The grant that allows showing `category` data to the recipient for `purpose` at `at`.

    Consents win over legal bases, then the lowest id, so the logged basis is deterministic.
    None means the data must not be shown.
    """
    matching = [
        g
        for g in grants
        if recipient_org_id in g.recipients
        and purpose in g.purposes
        and category in g.categories
        and _eligible(g, recipient_kind, category)
        and in_force(g, at)
    ]
    if not matching:
        return None
    return min(matching, key=lambda g: (g.kind != CONSENT, g.id))
