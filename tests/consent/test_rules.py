"""Unit tests of the pure decision `rules.covers`, including boundary days and instants."""

from __future__ import annotations

import datetime as dt

from lotse.consent import rules
from lotse.consent.rules import BERLIN, CONSENT, LEGAL_BASIS, Grant, covers

D = dt.date


def at(day: dt.date, hour: int = 12, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def grant(**kw) -> Grant:
    base = {
        "kind": CONSENT,
        "id": 1,
        "recipients": frozenset({7}),
        "purposes": frozenset({"UEBERLEITUNG"}),
        "categories": frozenset({"STAMMDATEN", "FALLVERLAUF"}),
        "valid_from": D(2026, 3, 1),
        "valid_until": D(2026, 3, 31),
        "revoked_at": None,
    }
    base.update(kw)
    return Grant(**base)


def ask(grants, when, *, recipient=7, purpose="UEBERLEITUNG", category="STAMMDATEN", kind="KI"):
    return covers(grants, recipient, purpose, category, when, recipient_kind=kind)


def test_covered_inside_the_window():
    g = grant()
    assert ask([g], at(D(2026, 3, 15))) == g


def test_first_and_last_day_are_inclusive():
    g = grant()
    assert ask([g], at(D(2026, 3, 1), 0, 0)) == g
    assert ask([g], at(D(2026, 3, 31), 23, 59)) == g


def test_day_before_and_day_after_are_not_covered():
    g = grant()
    assert ask([g], at(D(2026, 2, 28), 23, 59)) is None
    assert ask([g], at(D(2026, 4, 1), 0, 0)) is None


def test_days_are_berlin_days_not_utc_days():
    g = grant()
    # 31 March 22:30 UTC is already 1 April in Berlin (summer time): not covered any more.
    late = dt.datetime(2026, 3, 31, 22, 30, tzinfo=dt.UTC)
    assert ask([g], late) is None
    # 28 Feb 23:30 UTC is 1 March 00:30 in Berlin: covered.
    early = dt.datetime(2026, 2, 28, 23, 30, tzinfo=dt.UTC)
    assert ask([g], early) == g


def test_open_ended_consent_covers_far_future():
    g = grant(valid_until=None)
    assert ask([g], at(D(2040, 1, 1))) == g


def test_revocation_takes_effect_at_its_instant():
    revoked = at(D(2026, 3, 10), 9, 30)
    g = grant(revoked_at=revoked)
    assert ask([g], revoked - dt.timedelta(microseconds=1)) == g
    assert ask([g], revoked) is None
    assert ask([g], revoked + dt.timedelta(seconds=1)) is None


def test_recipient_purpose_and_category_must_all_match():
    g = grant()
    when = at(D(2026, 3, 15))
    assert ask([g], when, recipient=8) is None
    assert ask([g], when, purpose="FALLBESPRECHUNG") is None
    assert ask([g], when, category="GESUNDHEIT") is None


def test_legal_basis_covers_ordinary_categories_for_the_abh():
    b = grant(kind=LEGAL_BASIS, id=5)
    assert ask([b], at(D(2026, 3, 15)), kind="ABH") == b


def test_legal_basis_never_covers_case_content_for_abh_or_ebh():
    b = grant(kind=LEGAL_BASIS, id=5, categories=frozenset(rules.CATEGORIES))
    when = at(D(2026, 3, 15))
    for kind in ("ABH", "EBH"):
        assert ask([b], when, category="FALLVERLAUF", kind=kind) is None
        assert ask([b], when, category="GESUNDHEIT", kind=kind) is None
    # Other recipients may receive case content on a legal basis.
    assert ask([b], when, category="FALLVERLAUF", kind="JOBCENTER") == b


def test_consent_naming_the_abh_covers_case_content():
    c = grant()
    assert ask([c], at(D(2026, 3, 15)), category="FALLVERLAUF", kind="ABH") == c


def test_consent_wins_over_legal_basis_and_lowest_id_wins():
    b = grant(kind=LEGAL_BASIS, id=1)
    c2 = grant(id=2)
    c3 = grant(id=3)
    assert ask([b, c3, c2], at(D(2026, 3, 15))) == c2


def test_naive_instant_is_refused():
    import pytest

    with pytest.raises(ValueError):
        ask([grant()], dt.datetime(2026, 3, 15, 12))
