"""Persona tests for every network URL: who may, who gets 404, who only reads (403)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lotse.consent import services as consent_services
from lotse.network import services
from lotse.network.models import Obstacle, Referral, Transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def obstacle(personas, kim_case, orgs):
    return services.obstacle_record(
        by=personas["cm_a"],
        case=kim_case,
        data=services.ObstacleData(
            field="SPRACHE",
            kind="WAITING",
            description="Wartezeit auf den Integrationskurs",
            concerned_id=orgs["jobcenter_a"].pk,
        ),
    )


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- referral pages ---------------------------------------------------------------------------


def test_case_page_shows_the_referral_section_with_status(client_for, referral):
    page = client_for("cm_a").get(reverse("cases:detail", args=[referral.case_id]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Überleitungen" in text and "Jobcenter A" in text and "gesendet" in text
    assert reverse("network:referral_create", args=[referral.case_id]) in text


def test_create_form_and_refusal_without_consent(client_for, orgs, kim_case, referral_consent):
    client = client_for("cm_a")
    url = reverse("network:referral_create", args=[kim_case.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "to_organisation": orgs["jobcenter_a"].pk,
            "purpose": "UEBERLEITUNG",
            "categories": ["STAMMDATEN", "GESUNDHEIT"],
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Gesundheit" in text and "Einwilligung erfassen" in text
    assert not Referral.objects.exists()
    response = client.post(
        url,
        {
            "to_organisation": orgs["jobcenter_a"].pk,
            "purpose": "UEBERLEITUNG",
            "categories": ["STAMMDATEN"],
        },
    )
    assert response.status_code == 302
    assert Referral.objects.get().categories == ["STAMMDATEN"]


@pytest.mark.parametrize("name", ["cm_b", "lotsin_a", "abh_a", "jobcenter_a", "stat_a", "admin_a"])
def test_create_is_404_for_outsiders(client_for, kim_case, name):
    url = reverse("network:referral_create", args=[kim_case.pk])
    assert client_for(name).get(url).status_code == 404


def test_receiver_sees_shared_categories_only_and_answers(client_for, referral):
    client = client_for("jobcenter_a")
    inbox = client.get(reverse("network:inbox")).content.decode()
    assert f"Überleitung Nr. {referral.pk}" in inbox and "Haddad" not in inbox
    page = client.get(reverse("network:referral_detail", args=[referral.pk])).content.decode()
    assert "Haddad" in page and "Pflegehelferin" in page
    assert "Rückenschmerzen" not in page  # Gesundheit is not shared
    assert "Arbeit finden" not in page  # Fallverlauf/Ziele is not shared
    response = client.post(reverse("network:referral_accept", args=[referral.pk]))
    assert response.status_code == 302
    response = client.post(reverse("network:referral_complete", args=[referral.pk]), {"result": ""})
    assert response.status_code == 422
    response = client.post(
        reverse("network:referral_complete", args=[referral.pk]), {"result": "Coaching läuft"}
    )
    assert response.status_code == 302
    assert Referral.objects.get().status == "COMPLETED"
    sender = client_for("cm_a").get(reverse("network:outbox")).content.decode()
    assert "abgeschlossen" in sender and "Haddad" in sender


def test_decline_needs_a_reason(client_for, referral):
    client = client_for("jobcenter_a")
    url = reverse("network:referral_decline", args=[referral.pk])
    assert client.get(url).status_code == 302
    assert client.post(url, {"reason": ""}).status_code == 422
    assert client.post(url, {"reason": "Kein Platz"}).status_code == 302
    assert Referral.objects.get().status == "DECLINED"


def test_revocation_shows_access_ended(client_for, personas, referral, referral_consent):
    consent_services.consent_revoke(by=personas["cm_a"], consent=referral_consent)
    page = client_for("jobcenter_a").get(reverse("network:referral_detail", args=[referral.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Zugriff auf die Daten dieser Person ist beendet" in text and "Haddad" not in text
    assert "Bitte Termin" not in text  # the sender's message goes with the data


@pytest.mark.parametrize("name", ["cm_b", "lotsin_a", "abh_a", "front_a", "stat_a", "land"])
def test_referral_pages_are_404_for_outsiders(client_for, referral, name):
    client = client_for(name)
    for url_name in ("referral_detail", "referral_accept", "referral_decline", "referral_complete"):
        url = reverse(f"network:{url_name}", args=[referral.pk])
        response = client.post(url) if url_name != "referral_detail" else client.get(url)
        assert response.status_code == 404, (name, url_name)


def test_sender_may_read_but_not_answer(client_for, referral):
    client = client_for("cm_a")
    assert client.get(reverse("network:referral_detail", args=[referral.pk])).status_code == 200
    for url_name in ("referral_accept", "referral_decline", "referral_complete"):
        assert client.post(reverse(f"network:{url_name}", args=[referral.pk])).status_code == 403


@pytest.mark.parametrize(
    ("name", "inbox", "outbox"),
    [
        ("cm_a", 200, 200),
        ("jobcenter_a", 200, 404),
        ("lotsin_a", 200, 200),
        ("front_a", 404, 404),
        ("stat_a", 404, 404),
        ("land", 404, 404),
        ("admin_a", 404, 404),
    ],
)
def test_inbox_and_outbox_by_role(client_for, personas, name, inbox, outbox):
    client = client_for(name)
    assert client.get(reverse("network:inbox")).status_code == inbox
    assert client.get(reverse("network:outbox")).status_code == outbox


def test_inbox_outbox_query_counts_are_fixed(
    client_for, personas, orgs, kim_case, referral_consent, django_assert_max_num_queries
):
    from tests.network.conftest import send

    for _ in range(6):
        send(personas, orgs, kim_case)
    jc, cm = client_for("jobcenter_a"), client_for("cm_a")
    with django_assert_max_num_queries(12):
        assert jc.get(reverse("network:inbox")).status_code == 200
    with django_assert_max_num_queries(12):
        assert cm.get(reverse("network:outbox")).status_code == 200


# --- transfers --------------------------------------------------------------------------------


@pytest.fixture
def transfer(personas, orgs):
    from lotse.cases import services as case_services
    from tests.consent.factories import consent
    from tests.people.factories import person

    lotsin = personas["lotsin_a"]
    who = person(lotsin, "Karimi", "Farid", year=1990)
    case = case_services.case_open(
        by=lotsin, person=who, intake=case_services.Intake(access_route="SELF")
    )
    consent(
        lotsin,
        who,
        [orgs["ki_a"]],
        purposes=("UEBERLEITUNG",),
        categories=("STAMMDATEN", "FALLVERLAUF"),
    )
    return services.transfer_request(
        by=lotsin, case=case, data=services.TransferData(to_organisation_id=orgs["ki_a"].pk)
    )


def test_transfer_form_and_request(client_for, orgs, kim_case):
    client = client_for("cm_a")
    url = reverse("network:transfer_create", args=[kim_case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"to_organisation": orgs["jobcenter_a"].pk})
    assert response.status_code == 200 and "keine gültige Einwilligung" in response.content.decode()
    assert not Transfer.objects.exists()


def test_receiver_sees_stammdaten_and_accepts(client_for, transfer):
    client = client_for("cm_a")
    assert f"Übergabe Nr. {transfer.pk}" in client.get(reverse("network:inbox")).content.decode()
    page = client.get(reverse("network:transfer_detail", args=[transfer.pk])).content.decode()
    assert "Karimi" in page
    response = client.post(reverse("network:transfer_accept", args=[transfer.pk]))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    lotsin = client_for("lotsin_a")
    assert lotsin.get(reverse("cases:detail", args=[transfer.case_id])).status_code == 404
    assert lotsin.get(reverse("network:transfer_detail", args=[transfer.pk])).status_code == 404


def test_receiver_declines_transfer(client_for, transfer):
    client = client_for("cm_a")
    url = reverse("network:transfer_decline", args=[transfer.pk])
    client.post(url, {"reason": ""})
    assert Transfer.objects.get().status == "REQUESTED"
    client.post(url, {"reason": "Keine Kapazität"})
    assert Transfer.objects.get().status == "DECLINED"


@pytest.mark.parametrize("name", ["cm_b", "abh_a", "jobcenter_a", "stat_a", "front_a"])
def test_transfer_pages_are_404_for_outsiders(client_for, transfer, name):
    client = client_for(name)
    assert client.get(reverse("network:transfer_detail", args=[transfer.pk])).status_code == 404
    assert client.post(reverse("network:transfer_accept", args=[transfer.pk])).status_code == 404
    assert client.post(reverse("network:transfer_decline", args=[transfer.pk])).status_code == 404
    url = reverse("network:transfer_create", args=[transfer.case_id])
    assert client.get(url).status_code == 404


def test_sender_reads_transfer_but_may_not_answer(client_for, transfer):
    client = client_for("lotsin_a")
    assert client.get(reverse("network:transfer_detail", args=[transfer.pk])).status_code == 200
    assert client.post(reverse("network:transfer_accept", args=[transfer.pk])).status_code == 403


# --- obstacles --------------------------------------------------------------------------------


def test_obstacle_form_refuses_names(client_for, kim_case):
    client = client_for("cm_a")
    url = reverse("network:obstacle_create", args=[kim_case.pk])
    assert client.get(url).status_code == 200
    data = {"field": "SPRACHE", "kind": "WAITING", "description": "Frau Haddad wartet"}
    response = client.post(url, data)
    assert response.status_code == 200 and "personenbezogene Daten" in response.content.decode()
    data["description"] = "Wartezeit auf den Integrationskurs über sechs Monate"
    assert client.post(url, data).status_code == 302
    assert Obstacle.objects.count() == 1
    assert "Wartezeit" in client.get(reverse("network:obstacles")).content.decode()


@pytest.mark.parametrize("name", ["cm_b", "abh_a", "jobcenter_a", "stat_a", "admin_a"])
def test_obstacle_create_is_404_for_outsiders(client_for, kim_case, name):
    url = reverse("network:obstacle_create", args=[kim_case.pk])
    assert client_for(name).get(url).status_code == 404


@pytest.mark.parametrize(
    ("name", "code"), [("cm_a", 200), ("lotsin_a", 200), ("jobcenter_a", 404), ("stat_a", 404)]
)
def test_own_obstacle_list_by_role(client_for, name, code):
    assert client_for(name).get(reverse("network:obstacles")).status_code == code


def test_coordinator_overview_csv_and_status(coord_a, obstacle, django_assert_max_num_queries):
    client = _as(coord_a)
    assert client.get(reverse("network:obstacles")).status_code == 302
    with django_assert_max_num_queries(14):
        page = client.get(reverse("network:coordination"))
    text = page.content.decode()
    assert page.status_code == 200 and "Wartezeit auf den Integrationskurs" in text
    assert "Haddad" not in text and "cm_a" not in text
    assert f'href="/faelle/{obstacle.case_id}/' not in text
    filtered = client.get(reverse("network:coordination") + "?field=ARBEIT").content.decode()
    assert "Wartezeit auf den Integrationskurs" not in filtered
    csv = client.get(reverse("network:coordination_csv")).content.decode("utf-8-sig")
    assert "Wartezeit auf den Integrationskurs" in csv and "Haddad" not in csv
    response = client.post(
        reverse("network:obstacle_status", args=[obstacle.pk]), {"status": "STEERING"}
    )
    assert response.status_code == 302
    assert Obstacle.objects.get().status == "STEERING"


@pytest.mark.parametrize("name", ["cm_a", "cm_b", "jobcenter_a", "stat_a", "land", "admin_a"])
def test_coordination_pages_are_404_for_others(client_for, obstacle, name):
    client = client_for(name)
    assert client.get(reverse("network:coordination")).status_code == 404
    assert client.get(reverse("network:coordination_csv")).status_code == 404
    url = reverse("network:obstacle_status", args=[obstacle.pk])
    assert client.post(url, {"status": "DONE"}).status_code == 404


def test_coordinator_of_another_kommune_gets_404(coord_b, obstacle):
    url = reverse("network:obstacle_status", args=[obstacle.pk])
    assert _as(coord_b).post(url, {"status": "DONE"}).status_code == 404
    assert "Wartezeit" not in _as(coord_b).get(reverse("network:coordination")).content.decode()


def test_referral_page_query_count_is_fixed(
    client_for, personas, orgs, kim_case, django_assert_max_num_queries
):
    from tests.consent.factories import consent
    from tests.network.conftest import send

    everything = ("STAMMDATEN", "ARBEIT_EINKOMMEN", "GESUNDHEIT", "FALLVERLAUF", "FAMILIE")
    consent(
        personas["cm_a"],
        kim_case.person,
        [orgs["jobcenter_a"]],
        purposes=("UEBERLEITUNG",),
        categories=everything,
    )
    referral = send(personas, orgs, kim_case, categories=everything)
    client = client_for("jobcenter_a")
    url = reverse("network:referral_detail", args=[referral.pk])
    with django_assert_max_num_queries(34):  # per category: gate, log, content
        page = client.get(url)
    assert page.status_code == 200 and "Rückenschmerzen" in page.content.decode()
