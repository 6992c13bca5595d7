"""Persona tests for every view of the person registry."""

from __future__ import annotations

import pytest

from lotse.core.models import AccessLog, Event
from lotse.people.models import Person
from tests.people.factories import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def amina(personas):
    return person(personas["lotsin_a"], "Haddad", "Amina")


def test_case_manager_of_other_kommune_gets_404(client_for, amina):
    assert client_for("cm_b").get(f"/personen/{amina.pk}/").status_code == 404


def test_other_organisation_same_kommune_gets_404(client_for, amina):
    # Nobody sees a person merely because they are in the same Kommune.
    assert client_for("cm_a").get(f"/personen/{amina.pk}/").status_code == 404


def test_owner_sees_person_and_the_read_is_logged(client_for, amina, personas):
    response = client_for("abh_a").get(f"/personen/{amina.pk}/")
    assert response.status_code == 200
    assert "Haddad" in response.content.decode()
    assert AccessLog.objects.filter(person_id=amina.pk, user=personas["abh_a"]).exists()


@pytest.mark.parametrize("name", ["stat_a", "land", "admin_a"])
def test_roles_without_person_access_get_403_on_the_list(client_for, name):
    assert client_for(name).get("/personen/").status_code == 403


@pytest.mark.parametrize("name", ["stat_a", "land", "admin_a", "cm_b"])
def test_roles_without_person_access_get_404_on_a_person(client_for, name, amina):
    assert client_for(name).get(f"/personen/{amina.pk}/").status_code == 404


def test_frontoffice_may_read_but_not_edit(client_for, amina):
    client = client_for("front_a")
    assert client.get(f"/personen/{amina.pk}/").status_code == 200
    assert client.get(f"/personen/{amina.pk}/bearbeiten/").status_code == 403
    assert client.get("/personen/neu/").status_code == 403


def test_anonymous_is_sent_to_login(client, amina):
    response = client.get(f"/personen/{amina.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")


def test_search_tolerates_transliteration_and_stays_in_the_organisation(client_for, personas):
    person(personas["lotsin_a"], "Al-Hassan", "Mohammed", 1998)
    person(personas["lotsin_b"], "Al-Hassan", "Mohammed", 1998)
    response = client_for("abh_a").post("/personen/", {"q": "Muhammad Alhassan"})
    html = response.content.decode()
    assert html.count("/personen/") and html.count("Al-Hassan, Mohammed") == 1


def test_search_by_birth_date_only(client_for, personas):
    person(personas["lotsin_a"], "Kaya", "Elif", 2001, month=3, day=9)
    person(personas["lotsin_a"], "Demir", "Emre", 1990)
    html = client_for("abh_a").post("/personen/", {"q": "09.03.2001"}).content.decode()
    assert "Kaya, Elif" in html and "Demir" not in html


def test_search_term_never_appears_in_a_url(client_for, personas):
    for i in range(30):
        person(personas["lotsin_a"], "Yilmaz", f"Kind{i}", 2000)
    html = client_for("abh_a").post("/personen/", {"q": "Yilmaz"}).content.decode()
    assert "?q=" not in html and "Weitere Treffer" in html


def test_list_is_paginated_by_keyset(client_for, personas, settings):
    settings.LOTSE_PAGE_SIZE = 5
    for i in range(12):
        person(personas["lotsin_a"], f"Name{i:02d}", "Test", 1990)
    client = client_for("abh_a")
    first = client.get("/personen/").content.decode()
    assert "Name00" in first and "Name05" not in first
    cursor = Person.objects.get(family_name="Name04").pk
    second = client.get(f"/personen/?nach={cursor}").content.decode()
    assert "Name05" in second and "Name04, Test" not in second


def test_list_query_count_is_bounded(client_for, personas, django_assert_max_num_queries):
    for i in range(30):
        person(personas["lotsin_a"], f"Q{i}", "X", 1990)
    client = client_for("abh_a")
    with django_assert_max_num_queries(12):
        client.get("/personen/")


def test_create_warns_about_similar_names_before_saving(client_for, personas):
    person(personas["lotsin_a"], "Mohammed", "Ali", 1990)
    client = client_for("abh_a")
    form = {"family_name": "Muhammad", "given_names": "Ali", "birth": "1990", "sex": "M"}
    response = client.post("/personen/neu/", form)
    assert response.status_code == 200
    assert "Gibt es diese Person schon?" in response.content.decode()
    assert Person.objects.filter(family_name="Muhammad").count() == 0
    response = client.post("/personen/neu/", {**form, "confirm_new": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(family_name="Muhammad").count() == 1


def test_create_rejects_bad_input_with_german_messages(client_for):
    response = client_for("abh_a").post(
        "/personen/neu/",
        {
            "family_name": "",
            "birth": "31.02.2000",
            "sex": "U",
            "nationalities": "Syrien",
            "facts": '{"entry_date": "2020-13-01"}',
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dieses Datum gibt es nicht." in html
    assert "Unbekannte Ländercodes" in html
    assert Person.objects.count() == 0


def test_facts_are_validated_against_the_contract(client_for):
    response = client_for("abh_a").post(
        "/personen/neu/",
        {"family_name": "Test", "sex": "U", "facts": '{"entry_datum": "2020-01-01"}'},
    )
    assert "entry_datum: unbekanntes Feld" in response.content.decode()
    assert Person.objects.count() == 0


def test_edit_changes_and_logs_an_event_without_personal_data(client_for, amina):
    response = client_for("lotsin_a").post(
        f"/personen/{amina.pk}/bearbeiten/",
        {
            "family_name": "Haddad-Neu",
            "given_names": "Amina",
            "birth": "12.04.1995",
            "sex": "F",
            "nationalities": "SY",
            "facts": '{"entry_date": "2015-09-01"}',
        },
    )
    assert response.status_code == 302
    amina.refresh_from_db()
    assert amina.family_name == "Haddad-Neu" and amina.facts == {"entry_date": "2015-09-01"}
    event = Event.objects.filter(activity="person.updated").get()
    assert "Haddad" not in str(event.payload) and event.subject_id == str(amina.pk)


def test_status_timeline_closes_the_open_period(client_for, amina):
    client = client_for("lotsin_a")
    client.post(f"/personen/{amina.pk}/status/", {"type": "GESTATTUNG", "valid_from": "2016-01-05"})
    client.post(
        f"/personen/{amina.pk}/status/", {"type": "DULDUNG_60A", "valid_from": "2018-03-01"}
    )
    periods = list(amina.status_periods.values_list("type", "valid_to"))
    assert [p[0] for p in periods] == ["GESTATTUNG", "DULDUNG_60A"]
    assert str(periods[0][1]) == "2018-02-28" and periods[1][1] is None
    period_id = amina.status_periods.get(type="DULDUNG_60A").pk
    assert (
        client_for("cm_b").post(f"/personen/{amina.pk}/status/{period_id}/loeschen/").status_code
        == 404
    )
    client.post(f"/personen/{amina.pk}/status/{period_id}/loeschen/")
    assert amina.status_periods.count() == 1


def test_status_with_end_before_start_is_refused(client_for, amina):
    client_for("lotsin_a").post(
        f"/personen/{amina.pk}/status/",
        {"type": "AE", "valid_from": "2020-01-05", "valid_to": "2019-01-01"},
    )
    assert amina.status_periods.count() == 0


def test_export_is_screening_input_and_foreign_export_is_404(client_for, amina):
    response = client_for("lotsin_a").get(f"/personen/{amina.pk}/export.json")
    document = response.json()
    assert document["format"] == "lotse.screening-input/1"
    assert document["persons"][0]["date_of_birth"] == "1995-04-12"
    assert client_for("cm_b").get(f"/personen/{amina.pk}/export.json").status_code == 404


def test_organisation_export_only_contains_own_persons(client_for, personas, amina):
    person(personas["lotsin_b"], "Fremd", "B", 1990)
    document = client_for("lotsin_a").get("/personen/export.json").json()
    assert [p["id"] for p in document["persons"]] == [f"lotse-{amina.pk}"]
    assert client_for("front_a").get("/personen/export.json").status_code == 403


def test_overlapping_status_is_refused_with_a_message(client_for, amina):
    client = client_for("lotsin_a")
    client.post(
        f"/personen/{amina.pk}/status/",
        {"type": "GESTATTUNG", "valid_from": "2016-01-05", "valid_to": "2018-01-01"},
    )
    response = client.post(
        f"/personen/{amina.pk}/status/",
        {"type": "AE", "valid_from": "2017-01-01", "valid_to": "2017-06-01"},
        follow=True,
    )
    assert (
        "überschneidet sich mit „Aufenthaltsgestattung“ ab 05.01.2016" in response.content.decode()
    )
    assert amina.status_periods.count() == 1


def test_family_link_and_household(client_for, personas, amina):
    child = person(personas["lotsin_a"], "Haddad", "Omar", 2015, reference="AZ-KIND")
    client = client_for("lotsin_a")
    client.post(
        f"/personen/{amina.pk}/familie/",
        {"kind": "PARENT_OF", "other": "AZ-KIND", "same_household": "on"},
    )
    relation = amina.relations_from.get()
    assert relation.to_person == child and relation.kind == "PARENT_OF"
    amina.refresh_from_db()
    child.refresh_from_db()
    assert amina.household_id and amina.household_id == child.household_id
    html = client.get(f"/personen/{child.pk}/").content.decode()
    assert "Haddad, Amina" in html and "im selben Haushalt" in html
    document = client.get(f"/personen/{amina.pk}/export.json").json()["persons"][0]
    assert document["guardian_of"] == ["AZ-KIND"]
    assert (
        client_for("cm_b").post(f"/personen/{amina.pk}/familie/{relation.pk}/loeschen/").status_code
        == 404
    )
    client.post(f"/personen/{amina.pk}/familie/{relation.pk}/loeschen/")
    assert not amina.relations_from.exists()


def test_family_link_to_foreign_person_is_refused(client_for, personas, amina):
    foreign = person(personas["lotsin_b"], "Fremd", "X", 2015)
    response = client_for("lotsin_a").post(
        f"/personen/{amina.pk}/familie/",
        {"kind": "PARENT_OF", "other": f"lotse-{foreign.pk}"},
        follow=True,
    )
    assert "Keine Person Ihrer Organisation" in response.content.decode()
    assert not amina.relations_from.exists()


def test_full_date_query_finds_a_person_known_only_by_year(client_for, personas):
    person(personas["lotsin_a"], "Teklu", "Abel", 1994, month=None, day=None)
    html = client_for("abh_a").post("/personen/", {"q": "Teklu 03.04.1994"}).content.decode()
    assert "Teklu, Abel" in html


def test_search_pages_through_a_common_name(client_for, personas, settings):
    settings.LOTSE_PAGE_SIZE = 5
    for i in range(12):
        person(personas["lotsin_a"], "Mohammed", f"Kind{i:02d}", 2000)
    person(personas["lotsin_a"], "Tesfay", "Yonas", 1999)
    client = client_for("abh_a")
    first = client.post("/personen/", {"q": "Muhammad"}).content.decode()
    assert first.count("Mohammed, Kind") == 5 and "Tesfay" not in first
    cursor = first.split('name="nach" value="', 1)[1].split('"', 1)[0]
    second = client.post("/personen/", {"q": "Muhammad", "nach": cursor}).content.decode()
    assert "Mohammed, Kind05" in second and "Mohammed, Kind04" not in second
    assert "Tesfay, Yonas" in client.post("/personen/", {"q": "Tesfay"}).content.decode()
