"""Journeys in the Bleibeperspektiven area: hand-over by the ABH and take-over by the
Integrationslotsin, "Was wäre, wenn …", the worklist with its exports, and the forecast.

The persons are built relative to today, so their outcomes do not change with the calendar:
- "Nouri, Samir" has everything for § 25b except the time (NOT_YET, about three months ahead)
  and a § 60d result that is met: he is on the worklist and in the forecast;
- "Karimi, Zahra" meets § 25b today; "Karimi, Leyla" is the same in Kommune B;
- "Rahimi, Yusuf" is tolerated long enough but lacks German (A1 only) and a livelihood.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from lotse.contracts.screening_input import PATHWAY_IDS
from lotse.pathways.models import OpenStep, PerspectiveCase, ScreeningResult
from lotse.pathways.services import today
from lotse.people.models import Person

NORM_25B = "§ 25b Abs. 1 AufenthG"


# --- persons -------------------------------------------------------------------------------


def _years_before(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year - years, day=min(day.day, 28))


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _status(kind: str, start: dt.date, end: dt.date | None = None) -> dict[str, Any]:
    return {"type": kind, "from": start, "to": end, "legal_basis": ""}


def _rejected_asylum_seeker(
    since: dt.date, *, german: str = "B1", working: bool = True
) -> dict[str, Any]:
    """Status periods and facts of a tolerated adult whose asylum application (filed on
    `since`) was rejected after ten months. Everything § 25b asks is recorded; with `german`
    below A2 or `working` False two of its conditions are not met."""
    decided = since + dt.timedelta(days=300)
    now = today()
    facts: dict[str, Any] = {
        "entry_date": _iso(since - dt.timedelta(days=20)),
        "asylum": {
            "application_date": _iso(since),
            "final_date": _iso(decided),
            "outcome": "REJECTED",
        },
        "identity": {
            "clarified": True,
            "clarified_date": _iso(since + dt.timedelta(days=30)),
            "method": "PASSPORT",
        },
        "passport": {"held": True, "valid_until": _iso(now + dt.timedelta(days=5 * 365))},
        "conduct": {
            "own_deception": False,
            "own_deception_current": False,
            "non_cooperation_current": False,
            "extremism": False,
            "expulsion_order": False,
        },
        "convictions": [],
        "employment_ban_60a6": False,
        "pending_criminal_investigation": False,
        "german": [
            {"cefr": german, "scope": "OVERALL", "date": _iso(now - dt.timedelta(days=400))}
        ],
        "civics": {"lid_test_passed": _iso(now - dt.timedelta(days=300))},
        "declarations": {"fdgo_signed": True, "stag_declarations": True},
        "household": {"partner_in_household": False, "minor_children": []},
        "housing_sufficient": True,
    }
    if working:
        facts["employment_periods"] = [
            {
                "from": _iso(now - dt.timedelta(days=700)),
                "to": None,
                "hours_per_week": 38,
                "social_insurance": True,
            }
        ]
        facts["livelihood"] = {
            "secured": True,
            "own_share_percent": 100,
            "household_share_percent": 100,
            "benefits": [],
        }
    else:
        facts["employment_periods"] = []
        facts["livelihood"] = {
            "secured": False,
            "benefits": [{"type": "ASYLBLG", "from": _iso(since), "to": None}],
        }
    periods = [
        _status("GESTATTUNG", since, decided),
        _status("DULDUNG_60A", decided + dt.timedelta(days=1)),
    ]
    return {"status_periods": periods, "facts": facts}


@pytest.fixture
def nouri(personas, make_person) -> Person:
    """§ 25b in about three months (only the six years are missing), § 60d met today."""
    since = _years_before(today(), 6) + dt.timedelta(days=90)
    return make_person(
        personas["lotsin_a"],
        "Nouri",
        "Samir",
        birth_year=1994,
        birth_month=2,
        birth_day=9,
        nationalities=["IR"],
        **_rejected_asylum_seeker(since),
    )


def _karimi(make_person: Callable[..., Person], by: Any, given_names: str) -> Person:
    return make_person(
        by,
        "Karimi",
        given_names,
        birth_year=1990,
        birth_month=11,
        birth_day=30,
        nationalities=["AF"],
        **_rejected_asylum_seeker(_years_before(today(), 9)),
    )


def _stored(person: Person) -> dict[str, tuple[Any, ...]]:
    rows = ScreeningResult.objects.filter(person=person)
    # Id and time of computation too: a re-screening would replace the rows.
    return {
        r.pathway: (r.outcome, r.earliest_date, r.result, r.as_of, r.pk, r.computed_at)
        for r in rows
    }


# --- helpers ---------------------------------------------------------------------------------


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name=name, exact=True
    ).click()
    page.wait_for_load_state("load")


def _open_person(page: Page, name: str, axe_check: Callable[[Page], None]) -> None:
    """From the main navigation through the list of persons to the person's page."""
    _nav(page, "Personen")
    axe_check(page)
    page.locator("main table").get_by_role("link", name=name).click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    axe_check(page)


def _log_out(page: Page, axe_check: Callable[[Page], None]) -> None:
    page.locator("header").get_by_role("button", name="Abmelden").click()
    expect(page).to_have_url(re.compile(r"/anmelden/$"))
    expect(page.get_by_text("Sie sind abgemeldet.")).to_be_visible()
    axe_check(page)


def _pathway_filter(page: Page) -> Any:
    return page.get_by_role("combobox", name=re.compile(r"^Weg\b"))


def _message(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


# --- 1. hand-over and take-over --------------------------------------------------------------


@pytest.mark.browser
def test_handover_and_take_over(page: Page, personas, nouri, log_in, axe_check, screenshot):
    note = "Arbeitet seit zwei Jahren in Vollzeit, § 25b in wenigen Monaten."
    waiting = ScreeningResult.objects.get(person=nouri, pathway="AUFENTHG_25B")
    assert waiting.outcome == "NOT_YET" and waiting.earliest_date > today()
    time_step = f"Erforderliche Zeit abwarten (frühestens am {waiting.earliest_date:%d.%m.%Y})"

    # The ABH hands the person over with a note.
    log_in(page, "abh_a")
    _open_person(page, "Nouri, Samir", axe_check)
    panel_heading = page.get_by_role("heading", level=2, name="Bleibeperspektiven", exact=True)
    expect(panel_heading).to_be_visible()
    # One card per pathway that applies, the others in one collapsed list.
    cards = page.locator(".lotse-result")
    expect(cards.first).to_be_visible()
    applicable = cards.count()
    expect(page.locator("details summary", has_text="nicht anwendbar")).to_have_text(
        f"{len(PATHWAY_IDS) - applicable} Wege sind nicht anwendbar"
    )
    card_25b = cards.filter(has=page.get_by_role("heading", name=NORM_25B, exact=True))
    expect(card_25b).to_contain_text("noch nicht – nur Zeit fehlt")
    expect(card_25b).to_contain_text(f"frühestens am {waiting.earliest_date:%d.%m.%Y}")
    accordion = page.locator("details").filter(has_text="An die Integrationslotsin übergeben")
    note_field = page.get_by_label("Notiz für die Integrationslotsin")
    expect(note_field).to_be_hidden()
    accordion.locator("summary").click()
    expect(note_field).to_be_visible()
    note_field.fill(note)
    axe_check(page)  # with the accordion open
    screenshot(page, "07-uebergabe-abh")
    accordion.get_by_role("button", name="Übergeben").click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(re.compile(rf"/personen/{nouri.pk}/$"))
    _message(page, "Die Person ist an die Integrationslotsin übergeben.")
    case_card = page.get_by_role("region", name=re.compile("^Perspektivfall"))
    expect(case_card.get_by_role("heading")).to_have_text("Perspektivfall: übergeben")
    expect(case_card).to_contain_text(note)
    expect(page.get_by_text("An die Integrationslotsin übergeben", exact=True)).to_have_count(0)
    case = PerspectiveCase.objects.get(person=nouri)
    assert (case.status, case.handed_over_by, case.handover_note) == (
        "HANDED_OVER",
        personas["abh_a"],
        note,
    )
    axe_check(page)
    _log_out(page, axe_check)

    # The lotsin finds the hand-over in her navigation and takes it over.
    log_in(page, "lotsin_a")
    _nav(page, "Übergaben")
    expect(page.get_by_role("heading", level=1)).to_have_text("Übergaben und Perspektivfälle")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(0)).to_have_text("Nouri, Samir")
    expect(rows.first.locator("td").nth(1)).to_have_text("übergeben")
    expect(rows.first.locator("td").nth(2)).to_contain_text("abh_a")
    expect(rows.first.locator("td").nth(3)).to_have_text(note)
    axe_check(page)
    screenshot(page, "07-uebergaben-lotsin")

    rows.first.get_by_role("button", name="Übernehmen Nouri").click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(re.compile(rf"/personen/{nouri.pk}/$"))
    _message(page, "Sie haben den Perspektivfall übernommen.")
    case.refresh_from_db()
    assert (case.status, case.lotsin) == ("TAKEN_OVER", personas["lotsin_a"])
    proposed = list(OpenStep.objects.filter(case=case).values_list("text", flat=True))
    assert time_step in proposed
    expect(case_card.get_by_role("heading")).to_have_text("Perspektivfall: übernommen")
    steps = case_card.get_by_role("listitem")
    expect(steps).to_have_count(len(proposed))
    for i, text in enumerate(proposed):
        expect(steps.nth(i)).to_contain_text(f"{text} – offen")
    axe_check(page)

    # One step is done.
    item = steps.filter(has_text=time_step)
    item.get_by_role("button", name=f"erledigt – {time_step}", exact=True).click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(re.compile(rf"/personen/{nouri.pk}/$"))
    item = case_card.get_by_role("listitem").filter(has_text=time_step)
    expect(item).to_contain_text(f"{time_step} – erledigt")
    expect(item.get_by_role("button")).to_have_count(0)
    assert OpenStep.objects.get(case=case, text=time_step).status == "DONE"
    assert OpenStep.objects.filter(case=case, status="OPEN").count() == len(proposed) - 1
    axe_check(page)
    screenshot(page, "07-perspektivfall-uebernommen")

    # The case is no longer offered for taking over.
    _nav(page, "Übergaben")
    expect(page.locator("main table tbody tr").first.locator("td").nth(1)).to_have_text(
        "übernommen (lotsin_a)"
    )
    expect(page.get_by_role("button", name=re.compile("^Übernehmen"))).to_have_count(0)
    axe_check(page)


@pytest.mark.django_db
def test_take_over_proposes_steps_for_missing_criteria(personas, make_person):
    from lotse.pathways.services import proposed_steps

    rahimi = make_person(
        personas["lotsin_a"],
        "Rahimi",
        "Yusuf",
        birth_year=1992,
        nationalities=["AF"],
        **_rejected_asylum_seeker(_years_before(today(), 9), german="A1", working=False),
    )
    result = ScreeningResult.objects.get(person=rahimi, pathway="AUFENTHG_25B")
    if result.outcome != "NOT_MET" or "R25B-05" not in result.result["missing"]:
        pytest.fail(f"fixture no longer lacks A2 for § 25b: {result.result}")
    assert "A2-Nachweis (mündlich) erbringen" in [text for _p, text in proposed_steps(rahimi)]


# --- 2. what if ------------------------------------------------------------------------------


@pytest.mark.browser
def test_what_if_compares_and_saves_nothing(
    page: Page, personas, make_person, log_in, axe_check, screenshot
):
    rahimi = make_person(
        personas["lotsin_a"],
        "Rahimi",
        "Yusuf",
        birth_year=1992,
        birth_month=8,
        birth_day=14,
        nationalities=["AF"],
        **_rejected_asylum_seeker(_years_before(today(), 9), german="A1", working=False),
    )
    before = _stored(rahimi)
    assert before["AUFENTHG_25B"][0] == "NOT_MET"
    facts_before = copy.deepcopy(rahimi.facts)
    now = today()

    log_in(page, "lotsin_a")
    _open_person(page, "Rahimi, Yusuf", axe_check)
    page.get_by_role("link", name="Was wäre, wenn …").click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(
        re.compile(rf"/bleibeperspektiven/person/{rahimi.pk}/was-waere-wenn/$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Was wäre, wenn …")
    expect(page.get_by_label("Stichtag")).to_have_value(now.isoformat())
    axe_check(page)

    # A certificate without its date is refused, with the error tied to the field.
    page.get_by_label("Neuer Sprachnachweis").select_option("B1")
    page.get_by_role("button", name="Berechnen").click()
    page.wait_for_load_state("load")
    date_field = page.get_by_label("Datum des Sprachnachweises")
    expect(date_field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Bitte das Datum des Sprachnachweises angeben.")).to_be_visible()
    expect(page.get_by_role("heading", name="Ergebnis")).to_have_count(0)
    axe_check(page)

    expect(page.get_by_label("Neuer Sprachnachweis")).to_have_value("B1")
    date_field.fill((now - dt.timedelta(days=30)).isoformat())
    page.get_by_label("Beschäftigung ab").fill((now - dt.timedelta(days=200)).isoformat())
    page.get_by_label("Wochenstunden").fill("30")
    page.get_by_label("Lebensunterhalt gesichert").check()
    page.get_by_role("button", name="Berechnen").click()
    page.wait_for_load_state("load")

    expect(page.get_by_role("heading", level=2, name="Ergebnis")).to_be_visible()
    table = page.get_by_role("table", name="Ergebnisse vorher und nachher")
    expect(table.locator("tbody tr")).to_have_count(16)
    row = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=NORM_25B))
    expect(row.locator("td").nth(0)).to_have_text("nicht erfüllt")
    expect(row.locator("td").nth(1)).to_contain_text("Regelerteilung erfüllt")
    expect(row.locator("td").nth(1)).to_contain_text("geändert")
    expect(table.locator("tbody tr", has_text="geändert")).not_to_have_count(0)
    # The form keeps what was entered, for the next variation.
    expect(page.get_by_label("Wochenstunden")).to_have_value("30")
    expect(page.get_by_label("Lebensunterhalt gesichert")).to_be_checked()
    axe_check(page)
    screenshot(page, "08-was-waere-wenn")

    # Nothing was saved.
    rahimi.refresh_from_db()
    assert _stored(rahimi) == before
    assert rahimi.facts == facts_before

    page.get_by_role("link", name="Zurück zur Person").click()
    page.wait_for_load_state("load")
    result = page.locator(".lotse-result").filter(
        has=page.get_by_role("heading", name=NORM_25B, exact=True)
    )
    expect(result).to_contain_text("nicht erfüllt")
    axe_check(page)


# --- 3. worklist and export ------------------------------------------------------------------


@pytest.mark.browser
def test_worklist_filter_and_export(
    page: Page, personas, make_person, nouri, log_in, axe_check, screenshot
):
    zahra = _karimi(make_person, personas["lotsin_a"], "Zahra")
    _karimi(make_person, personas["lotsin_b"], "Leyla")  # same nationality, other Kommune
    assert ScreeningResult.objects.get(person=zahra, pathway="AUFENTHG_25B").outcome in (
        "ELIGIBLE_SOLL",
        "ELIGIBLE_CLAIM",
    )

    log_in(page, "lotsin_a")
    _nav(page, "Arbeitsliste")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeitsliste Bleibeperspektiven")
    names = page.locator("main table tbody tr td:first-child a")
    expect(names.first).to_be_visible()
    shown = set(names.all_inner_texts())
    assert shown == {"Nouri, Samir", "Karimi, Zahra"}, shown
    axe_check(page)
    screenshot(page, "09-arbeitsliste")

    _pathway_filter(page).select_option("AUFENTHG_25B")
    page.get_by_label("Staatsangehörigkeit").fill("af")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_load_state("load")
    assert "pathway=AUFENTHG_25B" in page.url and "nationality=af" in page.url
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(0)).to_contain_text("Karimi, Zahra")
    expect(rows.first.locator("td").nth(0)).to_contain_text("AF")
    expect(rows.first.locator("td").nth(1)).to_have_text(NORM_25B)
    expect(_pathway_filter(page)).to_have_value("AUFENTHG_25B")
    axe_check(page)

    # The exports carry the filter.
    with page.expect_download() as info:
        page.get_by_role("link", name="Als CSV exportieren").click()
    download = info.value
    assert download.suggested_filename == "arbeitsliste.csv"
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Aktenzeichen;Familienname")
    records = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [(r["Familienname"], r["Vornamen"], r["Weg"]) for r in records] == [
        ("Karimi", "Zahra", "AUFENTHG_25B")
    ]

    with page.expect_download() as info:
        page.get_by_role("link", name="Als Excel exportieren").click()
    download = info.value
    assert download.suggested_filename == "arbeitsliste.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    values = [row for row in workbook.active.iter_rows(values_only=True)]
    assert values[0][:2] == ("Aktenzeichen", "Familienname")
    assert [row[1:3] for row in values[1:]] == [("Karimi", "Zahra")]
    workbook.close()

    # Still the same page, nothing else opened.
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbeitsliste Bleibeperspektiven")
    axe_check(page)


# --- 4. forecast, and nobody else sees the lotsin's pages ------------------------------------


@pytest.mark.browser
def test_forecast(page: Page, personas, make_person, nouri, log_in, axe_check, screenshot):
    _karimi(make_person, personas["lotsin_a"], "Zahra")
    month = ScreeningResult.objects.get(person=nouri, pathway="AUFENTHG_25B").earliest_date

    log_in(page, "lotsin_a")
    _nav(page, "Prognose")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prognose")
    chart = page.get_by_role("img", name=re.compile("^Personen je Monat"))
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_have_count(1)
    expect(chart.locator("rect")).to_have_count(12)

    table = page.get_by_role("table", name="Personen je Weg und Monat")
    headers = table.locator("thead th")
    expect(headers).to_have_count(14)
    months = [h for h in headers.all_inner_texts() if re.fullmatch(r"\d\d/\d{4}", h.strip())]
    first = today().replace(day=1)
    assert months[0] == f"{first:%m/%Y}" and len(months) == 12
    column = months.index(f"{month:%m/%Y}")
    row_25b = table.locator("tbody tr").filter(
        has=page.get_by_role("rowheader", name=NORM_25B, exact=True)
    )
    cells = row_25b.locator("td")
    expect(cells).to_have_count(13)
    expect(cells.nth(0)).to_have_text("1")  # Karimi, Zahra: eligible now
    expect(cells.nth(1 + column)).to_have_text("1")  # Nouri, Samir: in that month
    axe_check(page)
    screenshot(page, "10-prognose")


@pytest.mark.browser
def test_worklist_is_not_for_abh_staff(page: Page, personas, log_in, axe_check):
    log_in(page, "abh_a")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    expect(nav.get_by_role("link", name="Personen")).to_be_visible()
    for name in ("Arbeitsliste", "Übergaben", "Prognose"):
        expect(nav.get_by_role("link", name=name)).to_have_count(0)

    response = page.goto("/bleibeperspektiven/arbeitsliste/")
    assert response is not None and response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
    expect(
        page.get_by_text("Diese Seite gibt es nicht, oder Sie haben keinen Zugriff darauf.")
    ).to_be_visible()
    axe_check(page)
