"""The screening inside Lotse: stored results, panel, what-if, worklist, hand-over, forecast."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotse.contracts.screening_input import PATHWAY_IDS
from lotse.core.models import Event
from lotse.core.services import api_token_create
from lotse.pathways.models import OpenStep, PerspectiveCase, ScreeningResult
from tests.people.factories import person, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def tolerated(personas):
    """A young man with a Duldung since 2019, in the ABH of Kommune A."""
    return person(
        personas["lotsin_a"],
        "Ahmadi",
        "Farid",
        2004,
        month=5,
        day=3,
        nationalities=["AF"],
        status_periods=[
            status("GESTATTUNG", "2016-02-01", "2019-03-31"),
            status("DULDUNG_60A", "2019-04-01"),
        ],
        facts={
            "entry_date": "2016-01-20",
            "school_periods": [
                {"from": "2016-03-01", "to": "2021-07-15", "regular_attendance": True}
            ],
            "identity": {"clarified": True, "clarified_date": "2017-01-10", "method": "PASSPORT"},
            "passport": {"held": True, "valid_until": "2030-01-01"},
        },
    )


def test_results_are_stored_on_create_except_not_applicable(tolerated):
    stored = ScreeningResult.objects.filter(person=tolerated)
    assert stored.exists()
    assert not stored.filter(outcome="NOT_APPLICABLE").exists()
    assert all("criteria" not in r.result for r in stored)


def test_results_follow_a_change_of_facts(client_for, tolerated):
    def stored():
        return dict(
            ScreeningResult.objects.filter(person=tolerated).values_list("pathway", "outcome")
        )

    before = stored()
    client_for("lotsin_a").post(
        f"/personen/{tolerated.pk}/status/",
        {"type": "AE", "valid_from": "2024-01-01", "legal_basis": "§ 25a AufenthG"},
    )
    assert stored() != before


def test_panel_shows_a_notice_and_every_pathway(client_for, tolerated):
    html = client_for("lotsin_a").get(f"/personen/{tolerated.pk}/").content.decode()
    assert "Prüfhinweis für Fachkräfte, keine Entscheidung" in html
    cards = html.count('class="kern-card lotse-result"')
    not_applicable = html.count("<li><strong>§")
    assert cards >= 1 and cards + not_applicable == len(PATHWAY_IDS)


def test_what_if_changes_nothing_stored(client_for, tolerated):
    stored = list(
        ScreeningResult.objects.filter(person=tolerated).values_list("outcome", flat=True)
    )
    response = client_for("lotsin_a").post(
        f"/bleibeperspektiven/person/{tolerated.pk}/was-waere-wenn/",
        {
            "as_of": "2026-11-21",
            "german_level": "B1",
            "german_date": "2026-06-01",
            "job_from": "2026-01-01",
            "job_hours": "25",
            "livelihood_secured": "on",
        },
    )
    assert response.status_code == 200 and "mit den Änderungen" in response.content.decode()
    assert (
        list(ScreeningResult.objects.filter(person=tolerated).values_list("outcome", flat=True))
        == stored
    )


def test_what_if_needs_a_date_for_the_certificate(client_for, tolerated):
    html = (
        client_for("lotsin_a")
        .post(
            f"/bleibeperspektiven/person/{tolerated.pk}/was-waere-wenn/",
            {"as_of": "2026-11-21", "german_level": "B1"},
        )
        .content.decode()
    )
    assert "Bitte das Datum des Sprachnachweises angeben." in html


def test_what_if_of_foreign_person_is_404(client_for, tolerated):
    assert (
        client_for("cm_b")
        .get(f"/bleibeperspektiven/person/{tolerated.pk}/was-waere-wenn/")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    "name", ["cm_a", "abh_a", "front_a", "stat_a", "land", "admin_a", "jobcenter_a"]
)
def test_worklist_is_only_for_the_lotsin(client_for, name):
    for url in [
        "/bleibeperspektiven/arbeitsliste/",
        "/bleibeperspektiven/prognose/",
        "/bleibeperspektiven/uebergaben/",
        "/bleibeperspektiven/arbeitsliste/export.csv",
    ]:
        assert client_for(name).get(url).status_code == 404, (name, url)


def test_worklist_lists_own_persons_only(client_for, personas, tolerated):
    person(
        personas["lotsin_b"],
        "Fremd",
        "B",
        2004,
        nationalities=["AF"],
        status_periods=[status("DULDUNG_60A", "2016-01-01")],
        facts={"entry_date": "2015-06-01"},
    )
    html = (
        client_for("lotsin_a").get("/bleibeperspektiven/arbeitsliste/?horizon=24").content.decode()
    )
    assert "Fremd" not in html
    assert (
        "Ahmadi"
        not in client_for("lotsin_b")
        .get("/bleibeperspektiven/arbeitsliste/?horizon=24")
        .content.decode()
    )


def test_worklist_export_csv_and_xlsx(client_for, tolerated):
    client = client_for("lotsin_a")
    csv_response = client.get("/bleibeperspektiven/arbeitsliste/export.csv?horizon=24")
    assert csv_response.status_code == 200
    assert (
        csv_response.content.decode("utf-8-sig")
        .splitlines()[0]
        .startswith("Aktenzeichen;Familienname")
    )
    xlsx = client.get("/bleibeperspektiven/arbeitsliste/export.xlsx")
    assert xlsx.content[:2] == b"PK"
    assert client.get("/bleibeperspektiven/arbeitsliste/export.pdf").status_code == 404


def test_worklist_filter_validation(client_for):
    html = (
        client_for("lotsin_a")
        .get("/bleibeperspektiven/arbeitsliste/?min_age=abc&nationality=Syrien")
        .content.decode()
    )
    assert "Ganzzahl" in html or "ganze Zahl" in html


def test_handover_and_take_over_with_proposed_steps(client_for, personas, tolerated):
    response = client_for("abh_a").post(
        f"/bleibeperspektiven/person/{tolerated.pk}/uebergeben/",
        {"note": "Schule abgeschlossen, sucht Ausbildung"},
    )
    assert response.status_code == 302
    case = PerspectiveCase.objects.get(person=tolerated)
    assert case.status == "HANDED_OVER"
    again = client_for("abh_a").post(
        f"/bleibeperspektiven/person/{tolerated.pk}/uebergeben/", {"note": ""}, follow=True
    )
    assert "schon einen offenen Perspektivfall" in again.content.decode()
    lotsin = client_for("lotsin_a")
    assert "Ahmadi, Farid" in lotsin.get("/bleibeperspektiven/uebergaben/").content.decode()
    assert (
        client_for("abh_a")
        .post(f"/bleibeperspektiven/uebergaben/{case.pk}/uebernehmen/")
        .status_code
        == 404
    )
    lotsin.post(f"/bleibeperspektiven/uebergaben/{case.pk}/uebernehmen/")
    case.refresh_from_db()
    assert case.status == "TAKEN_OVER" and case.lotsin == personas["lotsin_a"]
    assert Event.objects.filter(activity="perspective_case.taken_over").exists()
    step = OpenStep.objects.filter(case=case).first()
    if step:
        lotsin.post(f"/bleibeperspektiven/schritte/{step.pk}/", {"status": "DONE"})
        step.refresh_from_db()
        assert step.status == "DONE"


def test_foreign_handover_is_404(client_for, tolerated):
    assert (
        client_for("cm_b")
        .post(f"/bleibeperspektiven/person/{tolerated.pk}/uebergeben/")
        .status_code
        == 404
    )


def test_forecast_page(client_for, tolerated):
    html = client_for("lotsin_a").get("/bleibeperspektiven/prognose/").content.decode()
    assert "<svg" in html and "Personen je Weg und Monat" in html


def test_screen_all_command(tolerated, capsys):
    from django.core.management import call_command

    before = ScreeningResult.objects.filter(person=tolerated).count()
    ScreeningResult.objects.all().delete()
    call_command("screen_all", "--as-of", "2026-11-21")
    assert ScreeningResult.objects.filter(person=tolerated).count() == before > 0
    assert "1 Personen geprüft" in capsys.readouterr().out


def test_api_screen_document_and_person_results(personas, tolerated):
    from django.test import Client

    _t, secret = api_token_create(user=personas["lotsin_a"], name="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    document = {"id": "X1", "date_of_birth": "2006-04-12", "entry_date": "2021-09-01"}
    output = client.post(
        "/api/v1/screening?as_of=2026-11-21", document, content_type="application/json"
    ).json()
    assert output["format"] == "lotse.screening-output/1"
    assert len(output["persons"][0]["results"]) == len(PATHWAY_IDS)
    bad = client.post(
        "/api/v1/screening",
        {"id": "X", "entry_datum": "2020-01-01"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "entry_datum" in bad.content.decode()
    stored = client.get(f"/api/v1/screening/persons/{tolerated.pk}").json()
    assert len(stored["persons"][0]["results"]) == len(PATHWAY_IDS)
    other = Client(
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=personas['cm_b'], name='t')[1]}"
    )
    assert other.get(f"/api/v1/screening/persons/{tolerated.pk}").status_code == 404


def test_import_screens_imported_persons(client_for):
    client = client_for("lotsin_a")
    content = (
        "familienname;geburtsdatum;aufenthaltsstatus;status_seit\n"
        "Kaya;01.01.2000;DULDUNG_60A;01.01.2018\n"
    )
    client.post(
        "/personen/import/", {"kind": "csv", "file": SimpleUploadedFile("p.csv", content.encode())}
    )
    client.post("/personen/import/bestaetigen/")
    assert ScreeningResult.objects.filter(person__family_name="Kaya").exists()


def test_as_of_is_todays_date():
    from lotse.pathways.services import today

    assert abs((today() - dt.date.today()).days) <= 1


def test_parent_is_screened_with_the_child_for_25a_abs_2(client_for, personas, tolerated):
    from lotse.pathways.services import evaluate

    parent = person(
        personas["lotsin_a"],
        "Ahmadi",
        "Mariam",
        1980,
        nationalities=["AF"],
        status_periods=[status("DULDUNG_60A", "2019-04-01")],
        facts={"entry_date": "2016-01-20"},
    )
    alone = {r["pathway"]: r for r in evaluate([parent], dt.date(2026, 11, 21))[0]["results"]}
    client_for("lotsin_a").post(
        f"/personen/{parent.pk}/familie/", {"kind": "PARENT_OF", "other": f"lotse-{tolerated.pk}"}
    )
    together = {r["pathway"]: r for r in evaluate([parent], dt.date(2026, 11, 21))[0]["results"]}
    # The child's result is now part of the parent's § 25a Abs. 2 evaluation.
    assert together["AUFENTHG_25A_PARENTS"] != alone["AUFENTHG_25A_PARENTS"]


def test_worklist_query_count_is_bounded(client_for, personas, django_assert_max_num_queries):
    for i in range(15):
        person(
            personas["lotsin_a"],
            f"Name{i}",
            "Test",
            2001,
            nationalities=["AF"],
            status_periods=[status("DULDUNG_60A", "2017-01-01")],
            facts={"entry_date": "2016-06-01"},
        )
    client = client_for("lotsin_a")
    # Session, user, tenant context (PostgreSQL), navigation, rows, pending-import count, …
    with django_assert_max_num_queries(13):
        client.get("/bleibeperspektiven/arbeitsliste/?horizon=24")
    with django_assert_max_num_queries(12):
        client.get("/bleibeperspektiven/uebergaben/")


def test_frontoffice_may_hand_over_and_an_overlong_note_is_reported(client_for, tolerated):
    too_long = client_for("front_a").post(
        f"/bleibeperspektiven/person/{tolerated.pk}/uebergeben/", {"note": "x" * 2001}, follow=True
    )
    assert "Die Notiz ist zu lang" in too_long.content.decode()
    assert not PerspectiveCase.objects.exists()
    client_for("front_a").post(
        f"/bleibeperspektiven/person/{tolerated.pk}/uebergeben/", {"note": "ok"}
    )
    assert PerspectiveCase.objects.filter(person=tolerated).exists()


def test_worklist_shows_what_is_missing_in_words(client_for, personas):
    from lotse.pathways.presentation import rule_texts

    waiting = person(
        personas["lotsin_a"],
        "Nouri",
        "Sami",
        1990,
        nationalities=["AF"],
        status_periods=[
            status("GESTATTUNG", "2021-02-01", "2022-01-31"),
            status("DULDUNG_60A", "2022-02-01"),
        ],
        facts={
            "entry_date": "2021-01-20",
            "german": [{"cefr": "A2", "scope": "OVERALL", "date": "2023-01-10"}],
            "civics": {"lid_test_passed": "2023-05-01"},
            "declarations": {"fdgo_signed": True},
            "identity": {"clarified": True, "clarified_date": "2021-03-01", "method": "PASSPORT"},
            "passport": {"held": True, "valid_until": "2031-01-01"},
            "convictions": [],
            "pending_criminal_investigation": False,
            "conduct": {
                "own_deception": False,
                "non_cooperation_current": False,
                "extremism": False,
                "expulsion_order": False,
                "removal_measures": [],
            },
            "employment_periods": [
                {"from": "2022-06-01", "to": None, "hours_per_week": 40, "social_insurance": True}
            ],
            "livelihood": {
                "secured": True,
                "own_share_percent": 100,
                "household_share_percent": 100,
            },
            "household": {"partner_in_household": False, "minor_children": []},
        },
    )
    html = (
        client_for("lotsin_a").get("/bleibeperspektiven/arbeitsliste/?horizon=24").content.decode()
    )
    listed = ScreeningResult.objects.filter(person=waiting, outcome__in=["NOT_YET", "REVIEW"])
    missing = [rule for r in listed for rule in r.result["missing"]]
    assert missing, [(r.pathway, r.outcome) for r in ScreeningResult.objects.filter(person=waiting)]
    assert all(rule_texts()[rule] in html for rule in missing)


def test_large_import_queues_screening_for_the_scheduled_job(
    client_for, personas, settings, monkeypatch
):
    from django.core.management import call_command

    from lotse.pathways import services as screening
    from lotse.pathways.models import PendingScreening

    monkeypatch.setattr(screening, "BATCH", 3)  # "large" = more than 3 persons here
    rows = "familienname;geburtsdatum;aufenthaltsstatus;status_seit\n" + "".join(
        f"Kaya{i};01.01.2000;DULDUNG_60A;01.01.2018\n" for i in range(5)
    )
    client = client_for("lotsin_a")
    client.post(
        "/personen/import/", {"kind": "csv", "file": SimpleUploadedFile("p.csv", rows.encode())}
    )
    client.post("/personen/import/bestaetigen/")
    assert PendingScreening.objects.count() == 5
    assert not ScreeningResult.objects.filter(person__family_name__startswith="Kaya").exists()
    html = client.get("/bleibeperspektiven/arbeitsliste/").content.decode()
    assert "5 frisch importierte Personen werden noch geprüft" in html
    call_command("screen_pending", "--processes", "1")
    assert PendingScreening.objects.count() == 0
    assert ScreeningResult.objects.filter(person__family_name__startswith="Kaya").exists()


def test_a_job_does_not_overwrite_results_of_facts_changed_while_it_screened(
    personas, tolerated, monkeypatch
):
    """The jobs read, screen, then write: if a person's facts change in between (and that
    change re-screens the person), the job leaves the fresh results alone."""
    from lotse.pathways import services
    from lotse.people.services import status_period_add

    def stored():
        return dict(
            ScreeningResult.objects.filter(person=tolerated).values_list("pathway", "outcome")
        )

    as_of = services.today()
    ScreeningResult.objects.filter(person=tolerated).delete()  # the job will find a change
    screen = services._result_rows

    def screen_then_change(columns, day, now):  # noqa: ANN001, ANN202
        rows = screen(columns, day, now)
        # the change re-screens the person through the same code: patch only the job's call
        monkeypatch.setattr(services, "_result_rows", screen)
        status_period_add(
            by=personas["lotsin_a"],
            person=tolerated,
            type="AE",
            valid_from=dt.date(2024, 1, 1),
            valid_to=None,
            legal_basis="§ 25a AufenthG",
        )
        return rows

    monkeypatch.setattr(services, "_result_rows", screen_then_change)
    totals = services.screen_persons(services.Selection(ids=[tolerated.pk]), as_of=as_of,
                                     now=dt.datetime.now(dt.UTC))
    assert totals.changed == 0
    fresh = stored()
    ScreeningResult.objects.filter(person=tolerated).delete()
    services.screen_persons(services.Selection(ids=[tolerated.pk]), as_of=as_of,
                            now=dt.datetime.now(dt.UTC))
    assert stored() == fresh  # what is stored is the screening of the new facts
