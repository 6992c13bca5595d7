"""Persona tests for every cases view: who may (200/302), who gets 404, who only reads (403)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import Case, Note, PlanVersion, Task
from tests.cases.conftest import agreed_plan, open_case
from tests.people.factories import person

pytestmark = pytest.mark.django_db

OUTSIDERS = ["cm_b", "lotsin_a", "abh_a", "front_a", "jobcenter_a", "stat_a", "land", "admin_a"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(personas, orgs, kim_case):
    cm = personas["cm_a"]
    version = agreed_plan(cm, kim_case)
    goal = version.goals.get()
    objective = goal.objectives.get()
    step = objective.steps.get()
    task = Task.objects.get(case=kim_case, kind="REVIEW")
    document = services.document_upload(
        by=cm, case=kim_case, upload=SimpleUploadedFile("bescheid.pdf", PDF)
    )
    services.assessment_record(
        by=cm,
        case=kim_case,
        on=services.today(),
        items=[services.ItemData(field="ARBEIT", needs="Arbeit", priority=3)],
    )
    return {
        "case": kim_case,
        "version": version,
        "goal": goal,
        "objective": objective,
        "step": step,
        "task": task,
        "document": document,
    }


def urls(w) -> list[tuple[str, str, str]]:
    """(name, url, method) for every URL of a case."""
    c = w["case"].pk
    n = w["version"].number
    return [
        ("detail", reverse("cases:detail", args=[c]), "get"),
        ("close", reverse("cases:close", args=[c]), "get"),
        ("reopen", reverse("cases:reopen", args=[c]), "get"),
        ("assessment", reverse("cases:assessment", args=[c]), "get"),
        ("assessment_add", reverse("cases:assessment_add", args=[c]), "get"),
        ("plan", reverse("cases:plan", args=[c]), "get"),
        ("plan_version", reverse("cases:plan_version", args=[c, n]), "get"),
        ("plan_print", reverse("cases:plan_print", args=[c, n]), "get"),
        ("plan_pdf", reverse("cases:plan_pdf", args=[c, n]), "get"),
        ("tasks", reverse("cases:tasks", args=[c]), "get"),
        ("notes", reverse("cases:notes", args=[c]), "get"),
        ("documents", reverse("cases:documents", args=[c]), "get"),
        (
            "document_download",
            reverse("cases:document_download", args=[c, w["document"].pk]),
            "get",
        ),
        (
            "plan_item_edit",
            reverse("cases:plan_item_edit", args=[c, "schritt", w["step"].pk]),
            "get",
        ),
        ("plan_draft", reverse("cases:plan_draft", args=[c]), "post"),
        ("plan_update", reverse("cases:plan_update", args=[c, n]), "post"),
        ("goal_add", reverse("cases:goal_add", args=[c, n]), "post"),
        ("plan_agree", reverse("cases:plan_agree", args=[c, n]), "post"),
        ("objective_add", reverse("cases:objective_add", args=[c, w["goal"].pk]), "post"),
        ("step_add", reverse("cases:step_add", args=[c, w["objective"].pk]), "post"),
        ("step_status", reverse("cases:step_status", args=[c, w["step"].pk]), "post"),
        (
            "plan_item_delete",
            reverse("cases:plan_item_delete", args=[c, "schritt", w["step"].pk]),
            "post",
        ),
        ("attainment", reverse("cases:attainment", args=[c, "ziel", w["goal"].pk]), "post"),
        ("task_done", reverse("cases:task_done", args=[c, w["task"].pk]), "post"),
    ]


def test_case_manager_of_the_organisation_may_open_every_page(client_for, world):
    client = client_for("cm_a")
    for name, url, method in urls(world):
        if method == "get":
            response = client.get(url)
            assert response.status_code == 200, name


def test_colleague_with_the_same_role_may_work_on_the_case(world, colleague_a):
    client = Client()
    client.force_login(colleague_a)
    assert client.get(reverse("cases:detail", args=[world["case"].pk])).status_code == 200
    response = client.post(
        reverse("cases:notes", args=[world["case"].pk]),
        {"kind": "TELEFONAT", "on": services.today().isoformat(), "text": "Rückruf"},
    )
    assert response.status_code == 302
    assert Note.objects.filter(case=world["case"], author=colleague_a).exists()


@pytest.mark.parametrize("name", OUTSIDERS)
def test_everyone_outside_gets_404_on_every_case_url(client_for, world, name):
    client = client_for(name)
    for url_name, url, method in urls(world):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (name, url_name)


def test_leitung_reads_but_may_not_write(world, leitung_a):
    client = Client()
    client.force_login(leitung_a)
    for name, url, method in urls(world):
        response = getattr(client, method)(url)
        if method == "get" and name not in {"close", "reopen", "assessment_add", "plan_item_edit"}:
            assert response.status_code == 200, name
        else:
            assert response.status_code == 403, name
    assert client.get(reverse("cases:list")).status_code == 200
    assert client.get(reverse("cases:my_tasks")).status_code == 404


def test_anonymous_is_sent_to_login(world):
    response = Client().get(reverse("cases:detail", args=[world["case"].pk]))
    assert response.status_code == 302
    assert "/anmelden/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("name", ["cm_b", "jobcenter_a", "stat_a", "land", "admin_a", "abh_a"])
def test_list_and_my_tasks_are_404_for_other_roles(client_for, personas, name):
    client = client_for(name)
    assert client.get(reverse("cases:list")).status_code == (200 if name == "cm_b" else 404)
    assert client.get(reverse("cases:my_tasks")).status_code == (200 if name == "cm_b" else 404)


def test_case_list_shows_only_own_organisations_cases(client_for, personas, orgs, kim_case):
    other = open_case(personas, orgs, person(personas["cm_a"], "Nowak", "Olena"))
    Case.objects.filter(pk=other.pk).update(status="CLOSED", closed_on=dt.date(2025, 1, 1))
    mine = client_for("cm_a").get(reverse("cases:list")).content.decode()
    assert "Haddad" in mine and "Nowak" not in mine
    closed = client_for("cm_a").get(reverse("cases:list") + "?status=CLOSED").content.decode()
    assert "Nowak" in closed and "Haddad" not in closed
    assert "Haddad" not in client_for("cm_b").get(reverse("cases:list")).content.decode()


def test_open_a_case_from_the_person_page_with_a_new_agreement(client_for, orgs, amina):
    client = client_for("cm_a")
    page = client.get(reverse("people:detail", args=[amina.pk])).content.decode()
    assert reverse("cases:open", args=[amina.pk]) in page
    response = client.post(
        reverse("cases:open", args=[amina.pk]),
        {
            "access_route": "REFERRAL",
            "referred_by": orgs["jobcenter_a"].pk,
            "indications": ["COMPLEX_NEEDS", "SEVERAL_AGENCIES"],
            "opened_on": services.today().isoformat(),
            "agreement": "new",
            "agreement_recipients": [orgs["jobcenter_a"].pk],
            "agreement_form": "WRITTEN",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get(person=amina)
    assert case.referred_by == orgs["jobcenter_a"]
    assert case.agreement is not None and "FALLBESPRECHUNG" in case.agreement.purposes
    assert case.status_changes.get().kind == "OPENED"


def test_open_without_agreement_is_refused_and_writes_nothing(client_for, amina):
    response = client_for("cm_a").post(
        reverse("cases:open", args=[amina.pk]),
        {
            "access_route": "SELF",
            "indications": ["COMPLEX_NEEDS"],
            "opened_on": services.today().isoformat(),
            "agreement": "new",
        },
    )
    assert response.status_code == 200
    assert "Bitte nennen Sie die Stellen" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize("name", ["cm_b", "lotsin_a", "jobcenter_a", "stat_a", "admin_a"])
def test_open_for_foreign_person_is_404(client_for, amina, name):
    assert client_for(name).get(reverse("cases:open", args=[amina.pk])).status_code == 404


def test_open_is_404_for_leitung(amina, leitung_a):
    client = Client()
    client.force_login(leitung_a)
    assert client.get(reverse("cases:open", args=[amina.pk])).status_code == 404


def test_close_and_reopen_keep_the_history(client_for, world):
    client = client_for("cm_a")
    case = world["case"]
    response = client.post(
        reverse("cases:close", args=[case.pk]),
        {"reason": "GOALS_REACHED", "outcome": "ACHIEVED", "on": services.today().isoformat()},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "CLOSED" and case.outcome == "ACHIEVED"
    # A closed case takes no new notes.
    client.post(
        reverse("cases:notes", args=[case.pk]),
        {"kind": "BERATUNG", "on": services.today().isoformat(), "text": "x"},
    )
    assert not case.notes.exists()
    response = client.post(reverse("cases:reopen", args=[case.pk]), {"note": "neue Lage"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "OPEN"
    kinds = list(case.status_changes.values_list("kind", flat=True))
    assert kinds == ["OPENED", "CLOSED", "REOPENED"]
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "neue Lage" in page
    assert "Fall abgeschlossen" in page and "Fall wieder eröffnet" in page  # the history


def test_assessment_form_and_comparison(client_for, world):
    client = client_for("cm_a")
    case = world["case"]
    response = client.post(
        reverse("cases:assessment_add", args=[case.pk]),
        {
            "on": services.today().isoformat(),
            "ARBEIT_priority": "1",
            "ARBEIT_needs": "Bewerbungstraining",
            "SPRACHE_priority": "2",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("cases:assessment", args=[case.pk])).content.decode()
    assert "Bedarf gesunken" in page
    assert "Bewerbungstraining" in page


def test_plan_editor_revision_keeps_the_agreed_version_frozen(client_for, world):
    client = client_for("cm_a")
    case = world["case"]
    client.post(reverse("cases:plan_draft", args=[case.pk]))
    draft = PlanVersion.objects.get(plan__case=case, status="DRAFT")
    assert draft.number == 2
    goal = draft.goals.get()
    assert goal.text == "Arbeit finden"
    client.post(
        reverse("cases:goal_add", args=[case.pk, 2]),
        {"goal-field": "SPRACHE", "goal-text": "Deutsch B1"},
    )
    new_goal = draft.goals.get(field="SPRACHE")
    client.post(
        reverse("cases:objective_add", args=[case.pk, new_goal.pk]),
        {
            "objective-text": "Kurs besuchen",
            "objective-indicator": "Zertifikat B1",
            "objective-target_on": (services.today() + dt.timedelta(days=200)).isoformat(),
        },
    )
    objective = new_goal.objectives.get()
    client.post(
        reverse("cases:step_add", args=[case.pk, objective.pk]),
        {
            "step-text": "Anmeldung beim Kursträger",
            "step-responsible": "ORGANISATION",
            "step-organisation": str(world["case"].referred_by_id or case.organisation_id),
        },
    )
    assert objective.steps.count() == 1
    # The agreed version 1 cannot be edited through its own URLs.
    response = client.post(
        reverse("cases:goal_add", args=[case.pk, 1]),
        {"goal-field": "WOHNEN", "goal-text": "Wohnung"},
    )
    assert response.status_code == 302
    assert world["version"].goals.count() == 1
    client.post(
        reverse("cases:plan_update", args=[case.pk, 2]),
        {
            "global_goal": "Arbeit und Sprache",
            "review_on": (services.today() + dt.timedelta(days=90)).isoformat(),
        },
    )
    response = client.post(reverse("cases:plan_agree", args=[case.pk, 2]), {"language": "de"})
    assert response.status_code == 302
    statuses = dict(PlanVersion.objects.filter(plan__case=case).values_list("number", "status"))
    assert statuses == {1: "SUPERSEDED", 2: "AGREED"}
    reviews = Task.objects.filter(case=case, kind="REVIEW")
    assert reviews.filter(done_at__isnull=True).get().plan_version.number == 2
    page = client.get(reverse("cases:plan", args=[case.pk])).content.decode()
    assert "Fassung 1" in page and "abgelöst" in page


def test_draft_items_can_be_reworded_and_agreed_ones_not(client_for, world):
    client = client_for("cm_a")
    case = world["case"]
    agreed_step = world["step"]
    response = client.post(
        reverse("cases:plan_item_edit", args=[case.pk, "schritt", agreed_step.pk]),
        {"text": "anders", "responsible": "PERSON"},
    )
    assert "eingefroren" in response.content.decode() or "nicht mehr geändert" in (
        response.content.decode()
    )
    agreed_step.refresh_from_db()
    assert agreed_step.text == "Lebenslauf schreiben"
    client.post(reverse("cases:plan_draft", args=[case.pk]))
    draft_goal = PlanVersion.objects.get(plan__case=case, status="DRAFT").goals.get()
    url = reverse("cases:plan_item_edit", args=[case.pk, "ziel", draft_goal.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"field": "WOHNEN", "text": "Eine Wohnung finden"})
    assert response.status_code == 302
    draft_goal.refresh_from_db()
    assert (draft_goal.field, draft_goal.text) == ("WOHNEN", "Eine Wohnung finden")
    step = draft_goal.objectives.get().steps.get()
    response = client.post(
        reverse("cases:plan_item_edit", args=[case.pk, "schritt", step.pk]),
        {"text": "Lebenslauf", "responsible": "ORGANISATION", "organisation": ""},
    )
    assert "Bitte nennen Sie die Stelle" in response.content.decode()
    step.refresh_from_db()
    assert step.text == "Lebenslauf schreiben"


def test_agree_needs_goals_and_a_review_date(client_for, kim_case):
    client = client_for("cm_a")
    client.post(reverse("cases:plan_draft", args=[kim_case.pk]))
    response = client.post(
        reverse("cases:plan_agree", args=[kim_case.pk, 1]), {"language": "de"}, follow=True
    )
    text = response.content.decode()
    assert "mindestens ein Schwerpunktziel" in text
    assert PlanVersion.objects.get(plan__case=kim_case).status == "DRAFT"


def test_attainment_needs_a_reason_unless_reached(client_for, world):
    client = client_for("cm_a")
    url = reverse("cases:attainment", args=[world["case"].pk, "ziel", world["goal"].pk])
    client.post(url, {"att-attainment": "PARTLY", "att-reason": ""})
    world["goal"].refresh_from_db()
    assert world["goal"].attainment == ""
    client.post(url, {"att-attainment": "PARTLY", "att-reason": "Kurs fiel aus"})
    world["goal"].refresh_from_db()
    assert world["goal"].attainment == "PARTLY"


def test_attainment_of_an_objective(client_for, world):
    url = reverse(
        "cases:attainment", args=[world["case"].pk, "handlungsziel", world["objective"].pk]
    )
    client_for("cm_a").post(url, {"att-attainment": "ACHIEVED", "att-reason": ""})
    world["objective"].refresh_from_db()
    assert world["objective"].attainment == "ACHIEVED"
    page = client_for("cm_a").get(reverse("cases:plan", args=[world["case"].pk])).content.decode()
    assert "Zielerreichung des Handlungsziels" in page


def test_step_status_on_agreed_version(client_for, world):
    client_for("cm_a").post(
        reverse("cases:step_status", args=[world["case"].pk, world["step"].pk]),
        {"status": "DONE"},
    )
    world["step"].refresh_from_db()
    assert world["step"].status == "DONE"


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")
def test_pdf_has_goals_and_signature_lines_in_german_and_english(
    client_for, world, tmp_path, settings
):
    client = client_for("cm_a")
    url = reverse("cases:plan_pdf", args=[world["case"].pk, world["version"].number])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path)
    assert "Zielvereinbarung" in text
    assert "Arbeit finden" in text
    assert "Lebenslauf schreiben" in text
    assert "Unterschrift der Person" in text
    PlanVersion.objects.filter(pk=world["version"].pk).update(language="en")
    english = _pdf_text(client.get(url).content, tmp_path)
    assert "Goal agreement" in english
    assert "Signature of the person" in english


def test_my_tasks_show_overdue_today_and_reviews(client_for, personas, world):
    cm = personas["cm_a"]
    today = services.today()
    services.task_create(by=cm, case=world["case"], title="Anruf Jobcenter", due_on=today)
    services.task_create(
        by=cm, case=world["case"], title="Unterlagen holen", due_on=today - dt.timedelta(days=3)
    )
    page = client_for("cm_a").get(reverse("cases:my_tasks")).content.decode()
    assert "Anruf Jobcenter" in page and "Unterlagen holen" in page
    assert "Überfällig" in page and "Heute fällig" in page
    home = client_for("cm_a").get(reverse("core:home")).content.decode()
    assert "Meine Aufgaben" in home and "Anruf Jobcenter" in home
    assert "Meine Aufgaben" not in client_for("stat_a").get(reverse("core:home")).content.decode()


def test_task_created_and_done_from_the_case(client_for, world):
    client = client_for("cm_a")
    case = world["case"]
    response = client.post(
        reverse("cases:tasks", args=[case.pk]),
        {"title": "Hausbesuch planen", "kind": "APPOINTMENT", "due_on": "2030-01-01"},
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Hausbesuch planen")
    client.post(reverse("cases:task_done", args=[case.pk, task.pk]))
    task.refresh_from_db()
    assert task.done_at is not None


def test_notes_are_typed_and_filterable(client_for, world):
    client = client_for("cm_a")
    case = world["case"]
    for kind, text in [("HAUSBESUCH", "Wohnung besichtigt"), ("TELEFONAT", "Rückruf ABH")]:
        client.post(
            reverse("cases:notes", args=[case.pk]),
            {"kind": kind, "on": services.today().isoformat(), "text": text},
        )
    page = client.get(reverse("cases:notes", args=[case.pk]) + "?art=HAUSBESUCH").content.decode()
    assert "Wohnung besichtigt" in page and "Rückruf ABH" not in page


def test_document_upload_checks_content_and_download_is_attachment(client_for, world):
    client = client_for("cm_a")
    case = world["case"]
    url = reverse("cases:documents", args=[case.pk])
    fake = SimpleUploadedFile("rechnung.pdf", b"MZ\x90\x00binary-exe")
    response = client.post(url, {"file": fake})
    assert "Diese Art von Datei wird nicht angenommen" in response.content.decode()
    png = SimpleUploadedFile("foto.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    assert client.post(url, {"file": png}).status_code == 302
    document = case.documents.get(original_name="foto.txt")
    assert document.content_type == "image/png"
    response = client.get(reverse("cases:document_download", args=[case.pk, document.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_document_size_limit_is_a_setting(client_for, world, settings):
    settings.LOTSE_CASE_DOCUMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("gross.txt", b"a" * (1024 * 1024 + 1))
    response = client_for("cm_a").post(
        reverse("cases:documents", args=[world["case"].pk]), {"file": big}
    )
    assert "zu groß" in response.content.decode()
    assert world["case"].documents.count() == 1


def test_person_section_is_hidden_from_abh_and_shown_to_leitung(client_for, world, leitung_a):
    person_url = reverse("people:detail", args=[world["case"].person_id])
    client = Client()
    client.force_login(leitung_a)
    # Leitung does not see person pages at all (no person role): 404, nothing leaks.
    assert client.get(person_url).status_code == 404


def test_case_page_query_count_is_fixed(client_for, personas, world, django_assert_max_num_queries):
    cm = personas["cm_a"]
    case = world["case"]
    for i in range(30):
        services.note_add(by=cm, case=case, kind="BERATUNG", on=services.today(), text=f"N{i}")
        services.task_create(by=cm, case=case, title=f"T{i}", due_on=services.today())
    client = client_for("cm_a")
    for name in ("detail", "tasks", "notes", "documents", "assessment"):
        # PostgreSQL adds the row-level-security settings and savepoints (3 more than SQLite);
        # the network section on the overview adds 3 (referrals, transfers, obstacles).
        with django_assert_max_num_queries(23):
            assert client.get(reverse(f"cases:{name}", args=[case.pk])).status_code == 200


def test_plan_page_query_count_is_fixed(client_for, personas, world, django_assert_max_num_queries):
    cm = personas["cm_a"]
    case = world["case"]
    draft = services.plan_draft(by=cm, case=case)
    for g in range(2):
        goal = services.goal_add(by=cm, version=draft, field_="WOHNEN", text=f"Ziel {g}")
        for o in range(5):
            objective = services.objective_add(
                by=cm, goal=goal, text=f"H{o}", indicator="i", target_on=services.today()
            )
            for s in range(5):
                services.step_add(by=cm, objective=objective, text=f"S{s}", responsible="PERSON")
    client = client_for("cm_a")
    with django_assert_max_num_queries(23):
        response = client.get(reverse("cases:plan_version", args=[case.pk, 2]))
    assert response.status_code == 200


def test_case_list_query_count_is_fixed(client_for, personas, orgs, django_assert_max_num_queries):
    for i in range(30):
        open_case(personas, orgs, person(personas["cm_a"], f"Name{i}", "X"))
    client = client_for("cm_a")
    with django_assert_max_num_queries(13):
        response = client.get(reverse("cases:list"))
    assert response.content.decode().count("/faelle/") >= 25
    cursor = response.context["next_cursor"]
    second = client_for("cm_a").get(reverse("cases:list") + f"?nach={cursor}")
    assert len(second.context["rows"]) == 5
    assert io  # keep import used
