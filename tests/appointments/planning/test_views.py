"""Persona tests of the planning app: Leitung and Statistik/Planung of an ABH plan their own
organisation's scenarios; everybody else gets 404."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotse.appointments.planning.models import SavedScenario
from lotse.core.models import Event

from .conftest import small_definition

BASE = "/kundensteuerung/planung/"
OUTSIDERS = ["lotsin_a", "abh_a", "front_a", "cm_a", "stat_a", "leitung_ki_a", "admin_a", "land"]


def edit_url(s):
    return f"{BASE}{s.pk}/"


@pytest.mark.parametrize("name", ["leitung_a", "planung_a"])
def test_planners_of_the_abh_see_list_and_navigation(planner_client, scenario_a, name):
    response = planner_client(name).get(BASE)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Heute" in text and "Personalplanung" in text


@pytest.mark.parametrize("name", OUTSIDERS)
def test_everybody_else_gets_404_and_no_menu_entry(planner_client, scenario_a, name):
    client = planner_client(name)
    for url in (
        BASE,
        f"{BASE}neu/",
        f"{BASE}hochladen/",
        f"{BASE}vergleich/",
        f"{BASE}vergleich/gutachten.pdf",
        edit_url(scenario_a),
        f"{edit_url(scenario_a)}szenario.json",
        f"{edit_url(scenario_a)}loeschen/",
    ):
        assert client.get(url).status_code == 404, (name, url)
    assert client.post(f"{edit_url(scenario_a)}duplizieren/").status_code == 404
    assert "Personalplanung" not in client.get("/").content.decode()


def test_leitung_of_another_kommune_gets_404_on_a_scenario(planner_client, scenario_a):
    client = planner_client("leitung_b")
    assert client.get(BASE).status_code == 200
    assert "Heute" not in client.get(BASE).content.decode()
    for url in (
        edit_url(scenario_a),
        f"{edit_url(scenario_a)}szenario.json",
        f"{edit_url(scenario_a)}loeschen/",
    ):
        assert client.get(url).status_code == 404
    assert client.post(edit_url(scenario_a), {}).status_code == 404
    assert client.post(f"{edit_url(scenario_a)}loeschen/").status_code == 404
    assert client.post(f"{edit_url(scenario_a)}duplizieren/").status_code == 404
    compare = client.get(
        f"{BASE}vergleich/", {"scenarios": [scenario_a.pk], "days": 2, "replications": 2}
    )
    assert "Heute" not in compare.content.decode()
    assert SavedScenario.objects.count() == 1


def test_list_query_count_is_fixed(
    planner_client, planners, scenario_a, scenario_a2, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lotse.appointments.planning import services

    client = planner_client("leitung_a")
    with CaptureQueriesContext(connection) as two:
        client.get(BASE)
    for i in range(3):
        services.scenario_create(
            by=planners["planung_a"], name=f"Variante {i}", definition=small_definition()
        )
    # 12: session, user, second factor, organisation, the list, tenancy settings (PostgreSQL).
    with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as five:
        assert client.get(BASE).status_code == 200
    assert len(five) == len(two)


def test_create_from_template(planner_client, planners, scenario_a):
    client = planner_client("planung_a")
    response = client.post(
        f"{BASE}neu/",
        {"name": "Servicepoint", "template": "servicepoint", "base": str(scenario_a.pk)},
    )
    saved = SavedScenario.objects.get(name="Servicepoint")
    assert response.status_code == 302 and response["Location"] == edit_url(saved)
    assert saved.organisation == planners["planung_a"].organisation
    assert any(d["name"] == "Servicepoint" for d in saved.definition["desks"])
    assert Event.objects.filter(
        activity="planning.scenario_created", subject_id=str(saved.pk)
    ).exists()


def test_create_with_a_taken_name_says_so(planner_client, scenario_a):
    response = planner_client("leitung_a").post(
        f"{BASE}neu/", {"name": "Heute", "template": "heute", "base": "beispiel"}
    )
    assert response.status_code == 200
    assert "Es gibt schon ein Szenario mit diesem Namen" in response.content.decode()
    assert SavedScenario.objects.count() == 1


def test_foreign_base_scenario_is_404(planner_client, scenario_a):
    response = planner_client("leitung_b").post(
        f"{BASE}neu/", {"name": "X", "template": "heute", "base": str(scenario_a.pk)}
    )
    assert response.status_code == 200  # not a valid choice for B: the form says so
    assert SavedScenario.objects.count() == 1


def _upload(document, name="datei.json"):
    return SimpleUploadedFile(name, json.dumps(document).encode(), "application/json")


def test_upload_valid_and_invalid_json(planner_client):
    client = planner_client("leitung_a")
    response = client.post(f"{BASE}hochladen/", {"name": "", "file": _upload(small_definition())})
    assert response.status_code == 302
    assert SavedScenario.objects.filter(name="Heute").exists()
    bad = small_definition()
    bad["anliegen"][1]["booked_share"] = 1.5
    response = client.post(f"{BASE}hochladen/", {"name": "Kaputt", "file": _upload(bad)})
    assert "anliegen[1].booked_share: muss eine Zahl von 0 bis 1 sein" in response.content.decode()
    response = client.post(f"{BASE}hochladen/", {"file": SimpleUploadedFile("x.json", b"{")})
    assert "kein gültiges JSON" in response.content.decode()
    assert SavedScenario.objects.count() == 1


def _form_data(client, scenario):
    """The edit form as the browser would submit it unchanged."""
    context = client.get(edit_url(scenario)).context
    data = {}
    for form in [context["form"], *context["anliegen"].forms, *context["desks"].forms]:
        for field in form:
            value = field.value()
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
                continue
            data[field.html_name] = value
    for formset in (context["anliegen"], context["desks"]):
        for field in formset.management_form:
            data[field.html_name] = field.value()
    return data


def test_edit_saves_a_changed_desk_count(planner_client, scenario_a):
    client = planner_client("leitung_a")
    data = _form_data(client, scenario_a)
    data["desks-0-count"] = 9
    response = client.post(edit_url(scenario_a), data)
    assert response.status_code == 302, response.context["form"].errors
    scenario_a.refresh_from_db()
    assert scenario_a.definition["desks"][0]["count"] == 9
    assert scenario_a.scenario().desk_count() == 9


def test_edit_adds_an_anliegen_in_the_empty_row(planner_client, scenario_a):
    client = planner_client("leitung_a")
    data = _form_data(client, scenario_a)
    index = len(scenario_a.definition["anliegen"])
    data.update(
        {
            f"anliegen-{index}-key": "reiseausweis",
            f"anliegen-{index}-name": "Reiseausweis",
            f"anliegen-{index}-visits_per_day": "3",
            f"anliegen-{index}-booked_share": "100",
            f"anliegen-{index}-no_show_rate": "5",
            f"anliegen-{index}-distribution": "fixed",
            f"anliegen-{index}-mean_min": "20",
            f"anliegen-{index}-cv": "0.5",
        }
    )
    data["desks-0-serves"] += ", reiseausweis"
    assert client.post(edit_url(scenario_a), data).status_code == 302
    scenario_a.refresh_from_db()
    assert scenario_a.scenario().anliegen_by_key()["reiseausweis"].booked_share == 1.0


def test_edit_with_an_unknown_key_shows_the_field_and_changes_nothing(planner_client, scenario_a):
    client = planner_client("leitung_a")
    before = scenario_a.definition
    data = _form_data(client, scenario_a)
    data["desks-0-serves"] = "eat_abholung, gibts_nicht"
    response = client.post(edit_url(scenario_a), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "desks[0].serves: unbekanntes Anliegen" in text
    scenario_a.refresh_from_db()
    assert scenario_a.definition == before


def test_edit_rejects_a_bad_percentage_in_the_form(planner_client, scenario_a):
    client = planner_client("leitung_a")
    data = _form_data(client, scenario_a)
    data["anliegen-0-booked_share"] = "150"
    response = client.post(edit_url(scenario_a), data)
    assert response.status_code == 200
    assert "kleiner oder gleich 100" in response.content.decode()


def test_duplicate_delete_and_download(planner_client, scenario_a):
    client = planner_client("planung_a")
    response = client.post(f"{edit_url(scenario_a)}duplizieren/")
    copy = SavedScenario.objects.get(name="Kopie von Heute")
    assert response["Location"] == edit_url(copy)
    assert copy.definition["desks"] == scenario_a.definition["desks"]
    download = client.get(f"{edit_url(copy)}szenario.json")
    assert download["Content-Type"].startswith("application/json")
    assert json.loads(download.content)["name"] == "Kopie von Heute"
    assert client.get(f"{edit_url(copy)}loeschen/").status_code == 200
    assert client.post(f"{edit_url(copy)}loeschen/").status_code == 302
    assert not SavedScenario.objects.filter(pk=copy.pk).exists()
    assert Event.objects.filter(activity="planning.scenario_deleted").count() == 1


def test_compare_shows_figures_and_recommendation(planner_client, scenario_a, scenario_a2):
    client = planner_client("leitung_a")
    response = client.get(
        f"{BASE}vergleich/",
        {
            "scenarios": [scenario_a.pk, scenario_a2.pk],
            "baseline": scenario_a.pk,
            "days": 5,
            "replications": 3,
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Mit „Ein Schalter mehr“" in text
    assert "Mittlere Wartezeit (Minuten)" in text
    assert text.count("<svg") == 4
    assert "Gutachten zur Kundensteuerung (PDF)" in text


def test_compare_needs_two_scenarios_and_a_bounded_effort(planner_client, scenario_a, scenario_a2):
    client = planner_client("leitung_a")
    one = client.get(
        f"{BASE}vergleich/", {"scenarios": [scenario_a.pk], "days": 5, "replications": 3}
    )
    assert "Bitte wählen Sie zwei bis vier Szenarien." in one.content.decode()
    big = client.get(
        f"{BASE}vergleich/",
        {"scenarios": [scenario_a.pk, scenario_a2.pk], "days": 65, "replications": 20},
    )
    assert "zu viele simulierte Besuche" in big.content.decode()
    assert big.context["outcome"] is None


def test_gutachten_is_a_pdf_with_the_heading(planner_client, scenario_a, scenario_a2):
    client = planner_client("leitung_a")
    response = client.get(
        f"{BASE}vergleich/gutachten.pdf",
        {"scenarios": [scenario_a.pk, scenario_a2.pk], "days": 5, "replications": 2},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
        assert "Gutachten zur Kundensteuerung" in text
        assert "Empfehlung" in text


def test_gutachten_with_an_invalid_choice_goes_back_to_the_form(planner_client, scenario_a):
    response = planner_client("leitung_a").get(
        f"{BASE}vergleich/gutachten.pdf", {"scenarios": [scenario_a.pk]}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(f"{BASE}vergleich/?")
