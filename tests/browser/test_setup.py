"""Journey of a team leader (ABH Leitung) setting up a location by keyboard: a break (first
with its end before its start, which gets a German message and saves nothing), a team for all
locations, a desk for that team and a work profile for a clerk. Each appears in its list, and
every page is scanned with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from lotse.appointments.models import Break, Desk, Team, WorkProfile
from lotse.core.models import Role
from tests.appointments.conftest import make_location, make_service
from tests.conftest import make_user


def _open(page: Page, axe_check, name: str) -> None:  # noqa: ANN001
    """Follow a link by keyboard: focus it and press Enter."""
    page.get_by_role("link", name=name, exact=True).first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)


def _submit(page: Page, axe_check) -> None:  # noqa: ANN001
    """Send the form with Enter from the focused field, as a keyboard user does."""
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)


def _table(page: Page, name: str):  # noqa: ANN202
    return page.get_by_role("table", name=name)


@pytest.mark.browser
def test_team_leader_sets_up_breaks_teams_desks_and_work_profiles(
    page: Page, orgs, settings, log_in, axe_check, screenshot
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    abh = orgs["abh_a"]
    location = make_location(abh, name="Kreishaus")
    make_service(abh, location, name="Einbürgerungsantrag")
    make_user("leitung_abh", Role.LEITUNG, abh)
    clerk = make_user("sb_abh", Role.ABH_SB, abh)
    clerk.first_name, clerk.last_name = "Jana", "Sommer"
    clerk.save()

    log_in(page, "leitung_abh")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Termine"
    ).click()
    page.wait_for_load_state("load")
    axe_check(page)
    _open(page, axe_check, "Kreishaus")

    # --- a break: end before start is refused in German, nothing is saved ------------------
    _open(page, axe_check, "Pausen")
    expect(_table(page, "Pausen")).to_contain_text("Noch keine Pausen.")
    _open(page, axe_check, "Pause hinzufügen")
    page.get_by_label("Wochentag").select_option(label="Mittwoch")
    page.get_by_label("Von", exact=True).fill("11:00")
    page.get_by_label("Bis", exact=True).fill("10:00")
    page.get_by_label("Bis", exact=True).focus()
    _submit(page, axe_check)
    ends = page.get_by_label("Bis", exact=True)
    expect(ends).to_have_attribute("aria-invalid", "true")
    expect(ends).to_have_accessible_description("Die Pause muss vor ihrem Ende beginnen.")
    screenshot(page, "einrichtung-01-pause-fehler")
    assert not Break.objects.exists()
    page.get_by_label("Bis", exact=True).fill("12:00")
    page.get_by_label("Bis", exact=True).focus()
    _submit(page, axe_check)
    expect(page.get_by_text("Die Pause ist gespeichert.")).to_be_visible()
    expect(_table(page, "Pausen").get_by_role("row").nth(1)).to_contain_text(
        "Mittwoch11:0012:00immer"
    )
    # the row's buttons say which break they change
    expect(page.get_by_role("link", name="Bearbeiten Mittwoch 11:00–12:00")).to_be_visible()
    # deleting asks once more; "Abbrechen" keeps the break
    _open(page, axe_check, "Löschen Mittwoch 11:00–12:00")
    expect(page.get_by_role("button", name="Ja, löschen")).to_be_visible()
    _open(page, axe_check, "Abbrechen")
    assert Break.objects.count() == 1

    # --- a team for all locations of the office ----------------------------------------------
    _open(page, axe_check, "Zurück zum Standort")
    _open(page, axe_check, "Teams")
    _open(page, axe_check, "Team hinzufügen")
    page.get_by_label("Name").fill("Einbürgerung")
    # the radio group is one tab stop; the arrow keys choose within it
    page.get_by_label("Nur an diesem Standort").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("An allen Standorten der Behörde")).to_be_checked()
    page.get_by_label("Kürzel").fill("E")
    # the group's hint is announced with it (Django leaves this link to the template)
    expect(page.get_by_role("group", name="Wo arbeitet das Team?")).to_have_accessible_description(
        "Ein Team für alle Standorte können Schalter und Arbeitsprofile jedes Standorts nutzen."
    )
    screenshot(page, "einrichtung-02-team-formular")
    _submit(page, axe_check)
    expect(page.get_by_text("Das Team ist gespeichert.")).to_be_visible()
    expect(_table(page, "Teams: An allen Standorten der Behörde")).to_contain_text("Einbürgerung")
    expect(_table(page, "Teams: Nur an diesem Standort")).to_contain_text("Noch keine Teams.")
    screenshot(page, "einrichtung-02-teams-liste")
    assert Team.objects.get(name="Einbürgerung").location is None

    # --- a desk for that team --------------------------------------------------------------
    _open(page, axe_check, "Zurück zum Standort")
    _open(page, axe_check, "Schalter")
    _open(page, axe_check, "Schalter hinzufügen")
    page.get_by_label("Bezeichnung").fill("Schalter Einbürgerung")
    page.get_by_label("Nummer auf der Anzeige").fill("E1")
    page.get_by_role("group", name="Teams").get_by_label("Einbürgerung").focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("Einbürgerung")).to_be_checked()
    screenshot(page, "einrichtung-03-schalter-formular")
    page.get_by_label("Nummer auf der Anzeige").focus()
    _submit(page, axe_check)
    expect(page.get_by_text("Der Schalter ist gespeichert.")).to_be_visible()
    expect(_table(page, "Schalter")).to_contain_text("Schalter Einbürgerung")
    expect(_table(page, "Schalter")).to_contain_text("Einbürgerung")
    assert [t.name for t in Desk.objects.get(number="E1").teams.all()] == ["Einbürgerung"]

    # --- a work profile: the team first, then one Anliegen -----------------------------------
    _open(page, axe_check, "Zurück zum Standort")
    _open(page, axe_check, "Arbeitsprofile")
    _open(page, axe_check, "Arbeitsprofil hinzufügen")
    page.get_by_label("Mitarbeiterin oder Mitarbeiter").select_option(label="Jana Sommer (sb_abh)")
    page.get_by_label("Bezeichnung").fill("Vormittag")
    first = page.get_by_role("group", name="Zeile 1")
    first.get_by_label("Team").select_option(label="Einbürgerung")
    second = page.get_by_role("group", name="Zeile 2")
    second.get_by_label("Anliegen").select_option(label="Einbürgerungsantrag")
    second.get_by_label("Priorität").fill("2")
    second.get_by_label("Priorität").focus()
    screenshot(page, "einrichtung-04-arbeitsprofil-formular")
    _submit(page, axe_check)
    expect(page.get_by_text("Das Arbeitsprofil ist gespeichert.")).to_be_visible()
    row = _table(page, "Arbeitsprofile").get_by_role("row").nth(1)
    expect(row).to_contain_text("Jana Sommer")
    expect(row).to_contain_text("1. Einbürgerung, 2. Einbürgerungsantrag")
    screenshot(page, "einrichtung-05-arbeitsprofile")
    profile = WorkProfile.objects.get(user=clerk)
    assert [(i.priority, bool(i.team), bool(i.service)) for i in profile.items.all()] == [
        (1, True, False),
        (2, False, True),
    ]
