"""Art. 15 answer: who may generate it, what it contains, what it never contains, and that
generating it is logged."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest
from django.core.files.base import ContentFile

from lotse.cases import services as case_services
from lotse.consent import disclosure, subject_access
from lotse.core.models import AccessLog, Event, Role
from lotse.people.models import Rectification
from lotse.people.services import person_data_of, person_update
from tests.conftest import make_user
from tests.consent.factories import consent
from tests.people.factories import person, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def leitung_a(personas, orgs):
    return make_user("leitung_a", Role.LEITUNG, orgs["ki_a"])


@pytest.fixture
def partner_ki_a(personas, orgs):
    """A colleague in KI A who may view persons but not case content."""
    return make_user("partner_ki_a", Role.PARTNER, orgs["ki_a"])


@pytest.fixture
def amina_full(personas, orgs, amina):
    """Amina (KI A) with a consent to the Jobcenter, a disclosure, a case with a note and a
    document; and a same-named person in the ABH with data of its own."""
    cm = personas["cm_a"]
    data = person_data_of(amina)
    data.phone = "0201 111111"
    data.status_periods = [status("AE", "2021-02-01")]
    person_update(by=cm, person=amina, data=data)
    given = consent(
        cm,
        amina,
        [orgs["jobcenter_a"]],
        purposes=("FALLBESPRECHUNG",),
        categories=("STAMMDATEN", "FALLVERLAUF"),
        valid_from=dt.date(2024, 1, 1),
    )
    disclosure.require(personas["jobcenter_a"], amina, "FALLBESPRECHUNG", "STAMMDATEN")
    case = case_services.case_open(
        by=cm,
        person=amina,
        intake=case_services.Intake(
            access_route="SELF", indications=["COMPLEX_NEEDS"], agreement_id=given.pk
        ),
    )
    case_services.note_add(
        by=cm, case=case, kind="BERATUNG", on=case.opened_on, text="Wohnungssuche besprochen"
    )
    upload = ContentFile(b"%PDF-1.4 test", name="bescheid.pdf")
    case_services.document_upload(by=cm, case=case, upload=upload, description="Bescheid")
    abh_twin = person(personas["lotsin_a"], "Haddad", "Amina", phone="0999 999999")
    return {"person": amina, "case": case, "consent": given, "abh_twin": abh_twin}


def _url(person_pk: int, kind: str = "") -> str:
    return f"/einwilligungen/person/{person_pk}/auskunft{kind or '/'}"


def _json(client, person_pk: int) -> dict:
    response = client.get(_url(person_pk, ".json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


# --- who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["", ".json", ".pdf"])
def test_owning_case_manager_may_generate(client_for, amina, kind):
    response = client_for("cm_a").get(_url(amina.pk, kind))
    assert response.status_code == 200


@pytest.mark.parametrize("kind", ["", ".json", ".pdf"])
def test_leitung_of_the_organisation_may_generate(client, leitung_a, amina, kind):
    client.force_login(leitung_a)
    assert client.get(_url(amina.pk, kind)).status_code == 200


@pytest.mark.parametrize(
    "name", ["cm_b", "lotsin_a", "abh_a", "front_a", "jobcenter_a", "admin_a", "stat_a", "land"]
)
@pytest.mark.parametrize("kind", ["", ".json", ".pdf"])
def test_everyone_else_gets_404(client_for, amina_full, name, kind):
    # The Jobcenter holds a consent for Amina, yet it is not the controller: 404 too.
    assert client_for(name).get(_url(amina_full["person"].pk, kind)).status_code == 404


def test_foreign_case_manager_gets_404_without_access_log(client_for, amina):
    client_for("cm_b").get(_url(amina.pk, ".json"))
    assert not AccessLog.objects.filter(person_id=amina.pk, purpose="auskunft").exists()


def test_section_button_only_for_roles_that_may_answer(client_for, amina):
    page = client_for("cm_a").get(f"/personen/{amina.pk}/").content.decode()
    assert _url(amina.pk) in page


def test_leitung_finds_a_person_by_number(client, leitung_a, amina, personas):
    client.force_login(leitung_a)
    assert client.get("/einwilligungen/auskunft/").status_code == 200
    response = client.post("/einwilligungen/auskunft/", {"number": f"lotse-{amina.pk}"})
    assert response.status_code == 302 and response["Location"] == _url(amina.pk)
    foreign = person(personas["cm_b"], "Other", "Person")
    response = client.post("/einwilligungen/auskunft/", {"number": f"lotse-{foreign.pk}"})
    assert response.status_code == 200
    assert "keine Person" in response.content.decode()


@pytest.mark.parametrize("name", ["admin_a", "stat_a", "land"])
def test_find_page_is_404_for_roles_without_access(client_for, name):
    assert client_for(name).get("/einwilligungen/auskunft/").status_code == 404


# --- what it contains ---------------------------------------------------------------------------


def test_json_has_every_registered_section(client_for, amina_full):
    document = _json(client_for("cm_a"), amina_full["person"].pk)
    assert document["format"] == "lotse-art15"
    keys = {
        p(amina_full["person"], amina_full["person"].organisation.users.first()).key
        for p in subject_access.providers()
    }
    assert keys == {
        "person",
        "consents",
        "disclosures",
        "access_log",
        "retention",
        "screening",
        "cases",
    }
    assert set(document["sections"]) == keys
    assert document["controller"]["organisation"] == "KI A"
    assert document["complete"] is True


def test_json_contains_the_persons_records(client_for, amina_full):
    document = _json(client_for("cm_a"), amina_full["person"].pk)
    sections = document["sections"]
    assert sections["person"]["data"]["phone"] == "0201 111111"
    assert sections["person"]["data"]["status_periods"][0]["type"] == "AE"
    assert sections["consents"]["data"]["consents"][0]["recipients"] == ["Jobcenter A"]
    assert sections["disclosures"]["data"]["disclosures"][0]["recipient"] == "Jobcenter A"
    assert sections["disclosures"]["data"]["disclosures"][0]["basis_type"] == "CONSENT"
    case = sections["cases"]["data"]["cases"][0]
    assert case["notes"][0]["text"] == "Wohnungssuche besprochen"
    assert case["documents"][0]["name"] == "bescheid.pdf"
    assert "content" not in case["documents"][0]  # a list of documents, not their contents
    purposes = {e["purpose"] for e in sections["access_log"]["data"]["entries"]}
    assert "auskunft" in purposes


def test_retention_periods_are_stated(client_for, amina_full, personas):
    from lotse.consent import services

    services.retention_rule_set(
        by=personas["admin_a"], record_type="cases.closed_case", months=60, action="ANONYMISE"
    )
    rules = _json(client_for("cm_a"), amina_full["person"].pk)["sections"]["retention"]
    by_type = {r["record_type"]: r for r in rules["data"]["rules"]}
    assert by_type["cases.closed_case"] == {
        "record_type": "cases.closed_case",
        "months": 60,
        "trigger": "CLOSURE",
        "action": "ANONYMISE",
    }


def test_access_log_names_organisation_and_role_not_staff(client_for, amina_full):
    document = _json(client_for("cm_a"), amina_full["person"].pk)
    entries = document["sections"]["access_log"]["data"]["entries"]
    assert {"organisation": "KI A", "role": "Case Management"}.items() <= entries[-1].items()
    assert "cm_a" not in json.dumps(document)


def test_other_organisations_records_are_absent(client_for, amina_full):
    body = json.dumps(_json(client_for("cm_a"), amina_full["person"].pk))
    assert "0999 999999" not in body  # the ABH's same-named person
    assert "ABH A" not in body


def test_role_without_case_access_gets_a_partial_answer(client, partner_ki_a, amina_full):
    client.force_login(partner_ki_a)
    document = _json(client, amina_full["person"].pk)
    assert document["complete"] is False
    cases = document["sections"]["cases"]
    assert cases["complete"] is False and cases["data"] == {"cases": [], "hidden_cases": 1}
    assert "Wohnungssuche" not in json.dumps(document)
    page = client.get(_url(amina_full["person"].pk)).content.decode()
    assert "nicht vollständig" in page


def test_leitung_gets_the_complete_answer(client, leitung_a, amina_full):
    client.force_login(leitung_a)
    document = _json(client, amina_full["person"].pk)
    assert document["complete"] is True
    assert "Wohnungssuche besprochen" in json.dumps(document, ensure_ascii=False)


def test_generating_is_logged_as_event_and_access(client_for, amina_full):
    pk = amina_full["person"].pk
    client_for("cm_a").get(_url(pk, ".json"))
    event = Event.objects.get(activity="subject_access.exported")
    assert event.subject_id == str(pk)
    assert event.payload["format"] == "json" and event.payload["complete"] is True
    assert "Haddad" not in json.dumps(event.payload)
    assert AccessLog.objects.filter(person_id=pk, purpose="auskunft").count() == 1


def test_rectification_on_request_is_recorded_and_listed(client_for, amina):
    client = client_for("cm_a")
    response = client.post(
        f"/personen/{amina.pk}/bearbeiten/",
        {
            "family_name": "Haddad",
            "given_names": "Amina",
            "birth": "12.04.1995",
            "sex": "U",
            "languages": "ar",
            "phone": "0201 222222",
            "on_request": "on",
            "request_note": "Nummer laut Anruf",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rectification = Rectification.objects.get(person=amina)
    assert rectification.fields == ["phone"] and rectification.note == "Nummer laut Anruf"
    event = Event.objects.filter(activity="person.updated").last()
    assert event.payload == {"rectification": True, "fields": ["phone"]}
    rows = _json(client, amina.pk)["sections"]["person"]["data"]["rectifications"]
    assert rows[0]["fields"] == ["phone"] and rows[0]["note"] == "Nummer laut Anruf"


def test_plain_edit_is_no_rectification(client_for, amina):
    data = person_data_of(amina)
    data.phone = "0201 333333"
    person_update(by=amina.organisation.users.get(username="cm_a"), person=amina, data=data)
    assert not Rectification.objects.exists()
    assert Event.objects.filter(activity="person.updated").last().payload == {}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_pdf_has_cover_letter_rights_and_sections(client_for, amina_full, tmp_path):
    response = client_for("cm_a").get(_url(amina_full["person"].pk, ".pdf"))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "auskunft.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "Auskunft über Ihre Daten",
        "Art. 15 DSGVO",
        "§ 83 SGB X",
        "Art. 21 DSGVO",
        "LDI NRW",
        "Amina Haddad",
        "Jobcenter A",
        "Wohnungssuche besprochen",
        "bescheid.pdf",
        "Weitergaben an andere Stellen",
        "Wer hat Ihre Daten aufgerufen?",
        "Wie lange wir Ihre Daten speichern",
    ):
        assert expected in text, expected
    assert "0999 999999" not in text
    assert Event.objects.filter(activity="subject_access.exported", payload__format="pdf").exists()


def test_export_query_count_is_bounded(client_for, amina_full, django_assert_max_num_queries):
    # 36 on SQLite (39 on PostgreSQL, which sets the row-level-security context): a fixed
    # number per section plus about a dozen per case (a person has few cases).
    client = client_for("cm_a")
    with django_assert_max_num_queries(39):
        client.get(_url(amina_full["person"].pk, ".json"))
