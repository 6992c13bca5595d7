"""The retention rule pages: ADMIN changes, Leitung reads, everyone else 404; no person data."""

from __future__ import annotations

import pytest

from lotse.consent.models import RetentionRule
from lotse.core.models import Event, Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LIST = "/einwilligungen/aufbewahrung/"
EDIT = "/einwilligungen/aufbewahrung/cases.closed_case/"


@pytest.fixture
def leitung_a(personas, orgs):
    return make_user("leitung_a", Role.LEITUNG, orgs["ki_a"])


def test_admin_sees_defaults_marked_unverified(client_for):
    page = client_for("admin_a").get(LIST).content.decode()
    assert "Abgeschlossene Fälle" in page and "36 Monate" in page
    assert "Voreinstellung (ungeprüft)" in page
    assert EDIT in page


def test_admin_changes_a_rule(client_for, personas):
    client = client_for("admin_a")
    assert client.get(EDIT).status_code == 200
    response = client.post(EDIT, {"months": "60", "action": "ANONYMISE"})
    assert response.status_code == 302
    rule = RetentionRule.objects.get(record_type="cases.closed_case")
    assert (rule.months, rule.action, rule.trigger) == (60, "ANONYMISE", "CLOSURE")
    assert rule.organisation == personas["admin_a"].organisation
    event = Event.objects.get(activity="retention.rule_changed")
    assert event.payload == {
        "record_type": "cases.closed_case",
        "months": 60,
        "action": "ANONYMISE",
    }
    assert "60 Monate" in client.get(LIST).content.decode()
    # Another organisation's rules are untouched.
    assert "Voreinstellung" in client_for("admin_b").get(LIST).content.decode()


@pytest.mark.parametrize("months", ["0", "601", "zwölf", ""])
def test_bad_input_shows_a_message_and_stores_nothing(client_for, months):
    response = client_for("admin_a").post(EDIT, {"months": months, "action": "DELETE"})
    assert response.status_code == 200
    assert "Monat" in response.content.decode()
    assert not RetentionRule.objects.exists()


def test_unknown_record_type_is_404(client_for):
    assert (
        client_for("admin_a").get("/einwilligungen/aufbewahrung/gibt.es_nicht/").status_code == 404
    )


def test_leitung_reads_but_may_not_change(client, leitung_a):
    client.force_login(leitung_a)
    page = client.get(LIST)
    assert page.status_code == 200 and EDIT not in page.content.decode()
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, {"months": "12", "action": "DELETE"}).status_code == 403
    assert not RetentionRule.objects.exists()


@pytest.mark.parametrize(
    "name", ["cm_a", "lotsin_a", "abh_a", "front_a", "jobcenter_a", "stat_a", "land"]
)
def test_other_roles_get_404(client_for, name):
    client = client_for(name)
    assert client.get(LIST).status_code == 404
    assert client.get(EDIT).status_code == 404
    assert client.post(EDIT, {"months": "12", "action": "DELETE"}).status_code == 404


def test_admin_sees_no_case_content(client_for, personas, orgs):
    from tests.cases.conftest import open_case
    from tests.people.factories import person

    case = open_case(personas, orgs, person(personas["cm_a"], "Haddad", "Amina"))
    client = client_for("admin_a")
    assert client.get(f"/faelle/{case.pk}/").status_code == 404
    assert client.get(f"/einwilligungen/person/{case.person_id}/auskunft.json").status_code == 404
    assert "Haddad" not in client.get(LIST).content.decode()


def test_menu_entries_by_role(client_for, client, leitung_a):
    assert LIST in client_for("admin_a").get("/").content.decode()
    assert LIST not in client_for("cm_a").get("/").content.decode()
    client.force_login(leitung_a)
    home = client.get("/").content.decode()
    assert LIST in home and "/einwilligungen/auskunft/" in home
