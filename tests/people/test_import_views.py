"""CSV and JSON import through the UI: preview, all or nothing, German errors per row."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotse.core.models import Event
from lotse.people.models import Person, StatusPeriod

pytestmark = pytest.mark.django_db

GOOD = (
    "familienname;vornamen;geburtsdatum;geschlecht;staatsangehoerigkeiten;aufenthaltsstatus;status_seit;einreisedatum\n"
    "Haddad;Amina;12.04.1995;w;SY;DULDUNG_60A;01.03.2019;02.09.2015\n"
    "Kaya;Elif;2001;w;TR;;;\n"
)
BROKEN = (
    "familienname;geburtsdatum;staatsangehoerigkeiten;plz\n"
    "Haddad;31.02.1995;SY;59100\n"
    ";1990;Syrien;591\n"
)


def _upload(client, content: str, kind: str = "csv"):
    return client.post(
        "/personen/import/", {"kind": kind, "file": SimpleUploadedFile("p.csv", content.encode())}
    )


def test_good_file_previews_then_imports(client_for):
    client = client_for("lotsin_a")
    html = _upload(client, GOOD).content.decode()
    assert "2 Personen werden angelegt" in html and Person.objects.count() == 0
    response = client.post("/personen/import/bestaetigen/")
    assert response.status_code == 302
    assert Person.objects.count() == 2
    assert StatusPeriod.objects.get().type == "DULDUNG_60A"
    assert Person.objects.get(family_name="Haddad").facts == {"entry_date": "2015-09-02"}
    assert Event.objects.filter(activity="person.imported").count() == 1


def test_broken_file_lists_errors_per_row_and_imports_nothing(client_for):
    client = client_for("lotsin_a")
    html = _upload(client, BROKEN).content.decode()
    for message in [
        "Dieses Datum gibt es nicht.",
        "Der Familienname fehlt.",
        "Ungültige Codes: SYRIEN",
        "Die Postleitzahl hat 5 Ziffern.",
    ]:
        assert message in html
    assert "Jetzt importieren" not in html
    assert client.post("/personen/import/bestaetigen/").status_code == 404
    assert Person.objects.count() == 0


def test_unknown_column_is_reported(client_for):
    html = _upload(client_for("lotsin_a"), "familienname;lieblingsfarbe\nX;blau\n").content.decode()
    assert "lieblingsfarbe" in html and "Unbekannte Spalte" in html


def test_not_utf8_is_reported(client_for):
    response = client_for("lotsin_a").post(
        "/personen/import/",
        {
            "kind": "csv",
            "file": SimpleUploadedFile("p.csv", "familienname\nMüller\n".encode("latin-1")),
        },
    )
    assert "nicht UTF-8" in response.content.decode()


def test_json_import_creates_persons_from_screening_input(client_for):
    document = {
        "format": "lotse.screening-input/1",
        "persons": [
            {
                "id": "P01",
                "date_of_birth": "2006-04-12",
                "nationalities": ["AF"],
                "status_periods": [{"type": "GESTATTUNG", "from": "2021-09-06", "to": None}],
            }
        ],
    }
    client = client_for("lotsin_a")
    _upload(client, json.dumps(document), kind="json")
    client.post("/personen/import/bestaetigen/")
    imported = Person.objects.get()
    assert imported.reference == "P01" and imported.birth_year == 2006
    assert imported.status_periods.get().type == "GESTATTUNG"


def test_json_with_unknown_field_is_refused(client_for):
    html = _upload(
        client_for("lotsin_a"), json.dumps({"id": "P1", "entry_datum": "2020-01-01"}), "json"
    ).content.decode()
    assert "entry_datum" in html and "unbekanntes Feld" in html


@pytest.mark.parametrize("name", ["front_a", "jobcenter_a", "stat_a", "admin_a"])
def test_roles_without_import_right_get_403(client_for, name):
    assert client_for(name).get("/personen/import/").status_code == 403
    assert client_for(name).post("/personen/import/bestaetigen/").status_code == 403


def test_confirm_is_bound_to_the_session_that_uploaded(client_for):
    _upload(client_for("lotsin_a"), GOOD)
    assert client_for("abh_a").post("/personen/import/bestaetigen/").status_code == 404
    assert Person.objects.count() == 0


def test_unassigned_country_code_is_refused(client_for):
    html = _upload(
        client_for("lotsin_a"), "familienname;staatsangehoerigkeiten\nX;QQ\nY;XX\n"
    ).content.decode()
    assert "Ungültige Codes: QQ" in html and "Jetzt importieren" not in html
